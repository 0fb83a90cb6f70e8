//! `policykg compare` end to end through the real binary, on a store of the
//! dev corpus (People's Daily articles named `rmrb_YYYYMMDD-…`): sides by
//! date range, file name, glob and article IRI; the shared and distinctive
//! tables checked against their definitions and the counts against direct
//! SPARQL through `policykg query`; and the error for an empty side.
//!
//! The store is built once per test binary, in `CARGO_TARGET_TMPDIR`.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use common::{policykg, select, shared};
use serde_json::Value;

/// The dev corpus folder.
fn dev() -> PathBuf {
    shared().join("corpus/dev")
}

/// One process at a time may open a store, so tests take turns.
fn turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

/// The store of the dev corpus, ingested once per test run
/// (`CARGO_TARGET_TMPDIR/explore-compare-<pid>`; stores of ended runs are
/// removed first).
fn db() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        common::remove_stale_stores(root, "explore-compare-");
        let db = root.join(format!("explore-compare-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&db);
        policykg(&db).arg("ingest").arg(dev()).assert().success();
        db
    })
}

/// The dev files whose names start with `prefix`.
fn files_starting(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dev())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// `policykg compare A B --format json` (all concepts listed).
fn compare_json(a: &str, b: &str) -> Value {
    let out = common::stdout_of(
        policykg(db()).args(["compare", a, b, "--top", "100000", "--format", "json"]),
    );
    serde_json::from_slice(&out).unwrap()
}

fn fact(report: &Value, key: &str) -> i64 {
    report["facts"][key]
        .as_i64()
        .unwrap_or_else(|| panic!("fact {key} in {}", report["facts"]))
}

fn rows<'a>(report: &'a Value, table: &str) -> &'a Vec<Value> {
    report[table].as_array().unwrap()
}

fn int(row: &Value, key: &str) -> i64 {
    row[key].as_i64().unwrap()
}

fn real(row: &Value, key: &str) -> f64 {
    row[key].as_f64().unwrap()
}

/// Mentions of the concept labelled `label` in articles dated from `from`
/// to `to` (inclusive), counted by SPARQL with a transitive `isPartOf+`
/// (not the shape `compare` uses).
fn sparql_mentions(label: Option<&str>, from: &str, to: &str) -> i64 {
    let concept = match label {
        Some(label) => {
            format!("?c skos:prefLabel ?l . FILTER(STR(?l) = \"{label}\") ?m kg:concept ?c .")
        }
        // Discovered terms are compared only with --with-discovered.
        None => format!(
            "?m kg:concept ?c . FILTER(!STRSTARTS(STR(?c), \"{}/\"))",
            policykg::concepts::discovered::DISCOVERED_SCHEME
        ),
    };
    let query = format!(
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{
           {concept}
           ?m a kg:Mention ; kg:context ?p .
           ?p dcterms:isPartOf+ ?a .
           ?a a kg:Article ; dcterms:date ?d .
           FILTER(?d >= \"{from}\"^^xsd:date && ?d <= \"{to}\"^^xsd:date)
         }}"
    );
    select(db(), &query)[0][0].parse().unwrap()
}

#[test]
fn two_date_ranges_give_shared_and_distinctive_concepts_by_definition() {
    let _turn = turn();
    let report = compare_json("2019-01-01..2019-12-31", "2020");
    assert_eq!(
        fact(&report, "A articles") as usize,
        files_starting("rmrb_2019").len()
    );
    assert_eq!(
        fact(&report, "B articles") as usize,
        files_starting("rmrb_2020").len()
    );
    let (total_a, total_b) = (
        fact(&report, "A mentions") as f64,
        fact(&report, "B mentions") as f64,
    );

    let shared = rows(&report, "shared");
    assert!(!shared.is_empty());
    assert_eq!(fact(&report, "shared concepts") as usize, shared.len());
    for row in shared {
        assert!(int(row, "a") > 0 && int(row, "b") > 0, "{row}");
        let pct = 100.0 * int(row, "a") as f64 / total_a;
        assert!((real(row, "a %") - pct).abs() < 1e-3, "{row}");
    }
    let totals: Vec<i64> = shared.iter().map(|r| int(r, "a") + int(r, "b")).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");

    for (table, a_side) in [("distinctive_a", true), ("distinctive_b", false)] {
        let rows = rows(&report, table);
        assert!(!rows.is_empty(), "{table} is empty");
        let g2: Vec<f64> = rows.iter().map(|r| real(r, "g2")).collect();
        assert!(g2.iter().all(|&g| g > 0.0), "{table}: {g2:?}");
        assert!(g2.windows(2).all(|w| w[0] >= w[1]), "{table}: {g2:?}");
        for row in rows {
            let share_a = int(row, "a") as f64 / total_a;
            let share_b = int(row, "b") as f64 / total_b;
            assert_eq!(share_a > share_b, a_side, "{table}: {row}");
            // A concept never seen on a side cannot be distinctive of it.
            let own = if a_side { "a" } else { "b" };
            assert!(int(row, own) > 0, "{table}: {row}");
        }
    }
    // The two tables do not share a concept.
    let names = |t: &str| -> Vec<String> {
        rows(&report, t)
            .iter()
            .map(|r| r["concept"].as_str().unwrap().to_string())
            .collect()
    };
    let b_names = names("distinctive_b");
    assert!(names("distinctive_a").iter().all(|c| !b_names.contains(c)));
}

#[test]
fn counts_agree_with_sparql() {
    let _turn = turn();
    let report = compare_json("2019-01..2019-12", "2020-01-01..2020-12-31");
    assert_eq!(
        fact(&report, "A mentions"),
        sparql_mentions(None, "2019-01-01", "2019-12-31")
    );
    assert_eq!(
        fact(&report, "B mentions"),
        sparql_mentions(None, "2020-01-01", "2020-12-31")
    );
    let mut checked = 0;
    for table in ["shared", "distinctive_a", "distinctive_b"] {
        for row in rows(&report, table).iter().take(3) {
            let label = row["concept"].as_str().unwrap();
            assert_eq!(
                int(row, "a"),
                sparql_mentions(Some(label), "2019-01-01", "2019-12-31"),
                "{label} on A"
            );
            assert_eq!(
                int(row, "b"),
                sparql_mentions(Some(label), "2020-01-01", "2020-12-31"),
                "{label} on B"
            );
            checked += 1;
        }
    }
    assert!(checked >= 6);
}

#[test]
fn g2_is_dunnings_log_likelihood_of_the_counts() {
    let _turn = turn();
    let report = compare_json("2019", "2020");
    let (n_a, n_b) = (
        fact(&report, "A mentions") as f64,
        fact(&report, "B mentions") as f64,
    );
    let row = &rows(&report, "distinctive_a")[0];
    let (a, b) = (int(row, "a") as f64, int(row, "b") as f64);
    // The 2×2 table concept / other mentions × side A / side B.
    let n = n_a + n_b;
    let cells = [
        (a, (a + b) * n_a / n),
        (b, (a + b) * n_b / n),
        (n_a - a, (n - a - b) * n_a / n),
        (n_b - b, (n - a - b) * n_b / n),
    ];
    let g2: f64 = 2.0
        * cells
            .iter()
            .filter(|(o, _)| *o > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum::<f64>();
    assert!((real(row, "g2") - g2).abs() < 1e-3, "{row} vs {g2}");
}

#[test]
fn a_side_can_be_a_file_name_a_glob_or_an_article_iri() {
    let _turn = turn();
    let file = "rmrb_20190222-09-01.txt";
    let by_name = compare_json(file, "rmrb_2020*");
    assert_eq!(fact(&by_name, "A articles"), 1);
    assert_eq!(
        fact(&by_name, "B articles") as usize,
        files_starting("rmrb_2020").len()
    );
    // The same article by its IRI, short and full.
    let iri = &select(
        db(),
        &format!(
            "SELECT ?a WHERE {{ ?a a kg:Article ; dcterms:isPartOf ?d .
               ?d kg:file ?f FILTER(STRENDS(?f, \"/{file}\")) }}"
        ),
    )[0][0];
    let short = iri.replace("https://w3id.org/policykg/id/", "kgid:");
    for spec in [iri.as_str(), short.as_str()] {
        let by_iri = compare_json(spec, "rmrb_2020*");
        assert_eq!(fact(&by_iri, "A articles"), 1, "{spec}");
        assert_eq!(fact(&by_iri, "A mentions"), fact(&by_name, "A mentions"));
        assert_eq!(by_iri["shared"], by_name["shared"]);
    }
    // A glob on the path as ingested.
    let by_path = compare_json("*/dev/rmrb_2019*", "*/dev/rmrb_2020*");
    assert_eq!(
        fact(&by_path, "A articles") as usize,
        files_starting("rmrb_2019").len()
    );
}

#[test]
fn an_empty_side_is_a_usage_error_naming_the_spec() {
    let _turn = turn();
    let out = policykg(db())
        .args(["compare", "2019", "2031-01..2031-06"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2031-01..2031-06") && stderr.contains("selects no article"),
        "{stderr}"
    );
    let out = policykg(db())
        .args(["compare", "no_such_file_*.txt", "2019"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_such_file_*.txt"));
}

#[test]
fn table_and_csv_show_the_three_tables() {
    let _turn = turn();
    let out = policykg(db())
        .args(["compare", "2019", "2020", "--top", "5"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for heading in ["shared", "distinctive_a", "distinctive_b", "A articles:"] {
        assert!(text.lines().any(|l| l.starts_with(heading)), "{text}");
    }
    let out = policykg(db())
        .args(["compare", "2019", "2020", "--top", "5", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut sections: HashMap<String, usize> = HashMap::new();
    let mut current = String::new();
    for line in csv.lines() {
        if let Some(name) = line.strip_prefix("# ") {
            current = name.to_string();
        } else if !line.is_empty() && !line.starts_with("concept,") {
            *sections.entry(current.clone()).or_default() += 1;
        }
    }
    for name in ["shared", "distinctive_a", "distinctive_b"] {
        let n = sections.get(name).copied().unwrap_or(0);
        assert!((1..=5).contains(&n), "{name}: {n} rows in\n{csv}");
    }
}
