//! `policykg trend` end to end through the real binary, on a store of the
//! national government work reports (`gwr_1954.txt` … `gwr_2025.txt`, dated
//! by their file names, or to the day by the delivery line some print) and
//! the NPC resolutions on them (four dated by their adoption note, the rest
//! undated): 对外开放 is absent from the 1950s reports and present from the
//! reform era on; every dated year is a row; CSV and JSON agree; the SVG
//! chart is well-formed XML with one series per concept. By month, on a
//! store mixing day-dated dev articles with a year-only report, the skipped
//! article is counted; a store dated only by year cannot be shown by
//! month.
//!
//! Stores are built once per test binary, in `CARGO_TARGET_TMPDIR`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use common::{policykg, shared};
use serde_json::Value;

fn reports() -> PathBuf {
    shared().join("corpus/scale/gov_work_reports_national")
}

/// A store built once per test run under `CARGO_TARGET_TMPDIR`, named
/// `explore-trend-<name>-<pid>`, from `folders`.
fn build(name: &str, folders: &[PathBuf]) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let prefix = format!("explore-trend-{name}-");
    common::remove_stale_stores(root, &prefix);
    let db = root.join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&db);
    policykg(&db).arg("ingest").args(folders).assert().success();
    db
}

/// One process at a time may open a store, so tests take turns.
fn turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

/// The government work reports.
fn store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| build("gwr", &[reports()]))
}

/// The dev corpus plus one report dated only by year, in one folder.
fn mixed_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        common::remove_stale_stores(root, "explore-trend-mixed-input-");
        let folder = root.join(format!("explore-trend-mixed-input-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        for entry in std::fs::read_dir(shared().join("corpus/dev")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
        }
        std::fs::copy(reports().join("gwr_1984.txt"), folder.join("gwr_1984.txt")).unwrap();
        build("mixed", &[folder])
    })
}

/// Two 1950s reports, which print no delivery date: a store dated only by
/// year.
fn year_only_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        common::remove_stale_stores(root, "explore-trend-years-input-");
        let folder = root.join(format!("explore-trend-years-input-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        for name in ["gwr_1954.txt", "gwr_1955.txt"] {
            std::fs::copy(reports().join(name), folder.join(name)).unwrap();
        }
        build("years", &[folder])
    })
}

/// The years the NPC resolutions print in their adoption note
/// (`（2020年5月28日…会议通过）`), one per dated resolution.
fn resolution_years() -> Vec<u32> {
    std::fs::read_dir(reports())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("npc_resolution"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let note = text
                .lines()
                .find(|l| l.starts_with('（') && l.ends_with("通过）"))?;
            note.trim_start_matches('（').get(..4)?.parse().ok()
        })
        .collect()
}

/// The years of the `gwr_YYYY.txt` files and of the dated resolutions: the
/// rows `trend` must show.
fn dated_years() -> BTreeSet<u32> {
    let mut years = report_years();
    years.extend(resolution_years());
    years
}

/// The years of the `gwr_YYYY.txt` files.
fn report_years() -> BTreeSet<u32> {
    std::fs::read_dir(reports())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_prefix("gwr_")?
                .strip_suffix(".txt")?
                .parse()
                .ok()
        })
        .collect()
}

fn run(db: &Path, args: &[&str]) -> Vec<u8> {
    common::stdout_of(policykg(db).arg("trend").args(args))
}

/// The CSV table: headers and rows.
fn csv_table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn column(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
}

#[test]
fn opening_up_is_absent_in_the_1950s_and_present_from_the_reform_era_on() {
    let _turn = turn();
    let (headers, rows) = csv_table(&run(
        store(),
        &["对外开放", "--by", "year", "--format", "csv"],
    ));
    let (period, rate) = (
        column(&headers, "period"),
        column(&headers, "对外开放 per 10k"),
    );
    let rates: Vec<(u32, f64)> = rows
        .iter()
        .map(|r| (r[period].parse().unwrap(), r[rate].parse().unwrap()))
        .collect();
    let fifties: Vec<f64> = rates
        .iter()
        .filter(|(y, _)| (1950..1960).contains(y))
        .map(|(_, r)| *r)
        .collect();
    assert!(fifties.len() >= 5, "{rates:?}");
    assert!(fifties.iter().all(|&r| r == 0.0), "{rates:?}");
    let reform: Vec<f64> = rates
        .iter()
        .filter(|(y, _)| *y >= 1979)
        .map(|(_, r)| *r)
        .collect();
    let present = reform.iter().filter(|&&r| r > 0.0).count();
    assert!(reform.len() >= 30, "{rates:?}");
    assert!(
        present * 10 >= reform.len() * 8,
        "对外开放 in only {present} of {} reports since 1979: {rates:?}",
        reform.len()
    );
}

#[test]
fn every_dated_year_is_a_row_and_rates_follow_from_the_counts() {
    let _turn = turn();
    let (headers, rows) = csv_table(&run(store(), &["对外开放", "--format", "csv"]));
    assert_eq!(
        &headers[..3],
        &["period", "articles", "characters"].map(String::from)
    );
    let years: BTreeSet<u32> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert_eq!(years, dated_years());
    assert!(
        years.contains(&2020),
        "the 2020 resolution is dated by its text"
    );
    let periods: Vec<&String> = rows.iter().map(|r| &r[0]).collect();
    assert!(periods.windows(2).all(|w| w[0] < w[1]), "{periods:?}");
    let (mentions, rate) = (
        column(&headers, "对外开放 mentions"),
        column(&headers, "对外开放 per 10k"),
    );
    for row in &rows {
        let characters: f64 = row[2].parse().unwrap();
        assert!(characters > 0.0, "{row:?}");
        let expected = row[mentions].parse::<f64>().unwrap() * 10_000.0 / characters;
        let got: f64 = row[rate].parse().unwrap();
        assert!((got - expected).abs() < 1e-3, "{row:?}");
    }
}

#[test]
fn json_gives_the_csv_numbers_facts_and_one_sparkline_per_concept() {
    let _turn = turn();
    let args = ["对外开放", "改革开放"];
    let (_, csv_rows) = csv_table(&run(store(), &[&args[..], &["--format", "csv"]].concat()));
    let json: Value =
        serde_json::from_slice(&run(store(), &[&args[..], &["--format", "json"]].concat()))
            .unwrap();
    let table = json["trend"].as_array().unwrap();
    assert_eq!(table.len(), csv_rows.len());
    for (row, csv) in table.iter().zip(&csv_rows) {
        assert_eq!(row["period"].as_str().unwrap(), csv[0]);
        assert_eq!(
            row["改革开放 mentions"].as_i64().unwrap().to_string(),
            csv[5]
        );
    }
    let facts = &json["facts"];
    assert_eq!(
        facts["dated articles"].as_i64().unwrap() as usize,
        report_years().len() + resolution_years().len()
    );
    assert_eq!(resolution_years().len(), 4);
    assert!(facts["undated articles"].as_i64().unwrap() > 0, "{facts}");
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    for (label, note) in args.iter().zip(&notes) {
        assert!(note.starts_with(label), "{notes:?}");
        let spark: String = note.split('│').nth(1).unwrap().to_string();
        assert_eq!(spark.chars().count(), table.len(), "{note}");
        // Blank where not mentioned: the 1950s open the line.
        assert!(spark.starts_with(' ') && spark.contains('█'), "{note}");
    }
}

#[test]
fn plot_is_well_formed_svg_with_one_series_per_concept() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trend.svg");
    run(
        store(),
        &["对外开放", "改革开放", "--plot", file.to_str().unwrap()],
    );
    let svg = std::fs::read_to_string(&file).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut series = 0;
    let mut texts = String::new();
    let mut root_font = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = e.name().as_ref().to_vec();
                if name == b"polyline" || (name == b"path" && has_class(&e, "series")) {
                    series += 1;
                }
                if name == b"svg" {
                    for a in e.attributes() {
                        let a = a.unwrap();
                        if a.key.as_ref() == b"font-family" {
                            root_font = String::from_utf8_lossy(&a.value).into_owned();
                        }
                    }
                }
            }
            quick_xml::events::Event::Text(t) => {
                texts.push_str(&String::from_utf8_lossy(&t));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(series, 2, "{svg}");
    assert!(texts.contains("对外开放") && texts.contains("改革开放"));
    assert!(texts.contains("1954") && texts.contains("2025"), "{texts}");
    assert!(root_font.contains("CJK"), "{root_font}");
}

fn has_class(e: &quick_xml::events::BytesStart, class: &str) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.as_ref() == b"class" && a.value.as_ref() == class.as_bytes())
}

#[test]
fn many_concepts_still_render() {
    let _turn = turn();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.svg");
    let concepts = [
        "对外开放",
        "改革开放",
        "经济全球化",
        "一带一路",
        "高质量发展",
        "脱贫攻坚",
        "供给侧结构性改革",
        "乡村振兴",
        "生态文明建设",
        "科技创新",
    ];
    let mut args: Vec<&str> = concepts.to_vec();
    args.extend(["--plot", file.to_str().unwrap(), "--format", "csv"]);
    let (headers, _) = csv_table(&run(store(), &args));
    assert_eq!(headers.len(), 3 + 2 * concepts.len());
    let svg = std::fs::read_to_string(&file).unwrap();
    assert_eq!(svg.matches("<polyline").count(), concepts.len());
}

#[test]
fn by_month_skips_articles_dated_only_by_year_and_says_how_many() {
    let _turn = turn();
    let json: Value = serde_json::from_slice(&run(
        mixed_store(),
        &["经济全球化", "--by", "month", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["facts"]["year-only articles skipped"], 1);
    let periods: Vec<&str> = json["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    assert!(periods.contains(&"2019-02"), "{periods:?}");
    assert!(periods
        .iter()
        .all(|p| p.len() == 7 && !p.starts_with("1984")));
    // By year the report is a row of its own.
    let json: Value =
        serde_json::from_slice(&run(mixed_store(), &["经济全球化", "--format", "json"])).unwrap();
    assert_eq!(json["trend"][0]["period"], "1984");
    // A store with only year dates cannot be shown by month.
    let out = policykg(year_only_store())
        .args(["trend", "对外开放", "--by", "month"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--by year"));
}

#[test]
fn an_unknown_concept_suggests_close_labels() {
    let _turn = turn();
    let out = policykg(store())
        .args(["trend", "对外开发"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean") && stderr.contains("对外开放"),
        "{stderr}"
    );
}
