//! `policykg path` and `policykg kwic` end to end through the real binary
//! (kwic with `--raw`: these tests check the raw-string search; a
//! concept's stored mentions are checked in `tests/curation.rs`),
//! on stores of the shared seed (alone, and with dev): what they print is
//! checked against the store (SPARQL through `policykg query`) and against
//! the source files themselves, in every output format; plus the errors a
//! user meets, and a source file that changed after ingest.
//!
//! Stores live in `CARGO_TARGET_TMPDIR/explore-path-kwic-<name>-<pid>`,
//! built once per test binary; those of ended runs are removed first.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Mutex, MutexGuard, OnceLock};

use common::{policykg, shared};
use serde_json::Value;

const PREFIX: &str = "explore-path-kwic-";

/// A store of the given corpus folders, ingested by the binary once.
fn build(name: &str, inputs: &[PathBuf]) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    remove_stale_stores(root);
    let db = root.join(format!("{PREFIX}{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&db);
    policykg(&db).arg("ingest").args(inputs).assert().success();
    db
}

fn remove_stale_stores(root: &Path) {
    let (Ok(entries), true) = (std::fs::read_dir(root), Path::new("/proc/self").exists()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(PREFIX) else {
            continue;
        };
        let pid = rest.rsplit('-').next().unwrap_or_default();
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The store of `../shared/corpus/seed` alone.
fn seed() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| build("seed", &[shared().join("corpus/seed")]))
}

/// The store of seed and dev.
fn seed_and_dev() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let corpus = shared().join("corpus");
        build("dev", &[corpus.join("seed"), corpus.join("dev")])
    })
}

/// One `policykg` process at a time holds a store's lock; tests run in
/// parallel threads, so every command waits for this.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `policykg ARGS` on `db`.
fn run(db: &Path, args: &[&str]) -> Output {
    let _turn = one_at_a_time();
    policykg(db).args(args).output().unwrap()
}

/// Runs `policykg ARGS --format json` and parses what it prints.
fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = run(db, &all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The rows of a SELECT through `policykg query`, without the header.
fn select(db: &Path, query: &str) -> Vec<Vec<String>> {
    let _turn = one_at_a_time();
    common::select(db, query)
}

/// The error a command fails with (it must fail).
fn failure(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

/// `path/to/file.txt:12` → (`path/to/file.txt`, 12, exact).
fn split_source(source: &str) -> (String, usize, bool) {
    let (file, line) = source.rsplit_once(':').unwrap();
    let exact = !line.ends_with('~');
    (
        file.to_string(),
        line.trim_end_matches('~').parse().unwrap(),
        exact,
    )
}

/// Line `n` (1-based) of a source file, with every kind of space removed
/// (the seed and dev files are UTF-8).
fn source_line(file: &str, n: usize) -> String {
    let content = std::fs::read_to_string(file).unwrap();
    let line = content
        .lines()
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{file} has no line {n}"));
    line.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `line` holds the start of `needle`: the whole needle, or a
/// proper prefix of it at its end (the rest on the next lines).
fn starts_on(line: &str, needle: &str) -> bool {
    let chars: Vec<char> = needle.chars().collect();
    line.contains(needle)
        || (1..chars.len()).any(|k| line.ends_with(&chars[..k].iter().collect::<String>()))
}

// ---------------------------------------------------------------- path

#[test]
fn path_links_the_seed_articles_through_a_concept_both_share() {
    let db = seed();
    let report = json(db, &["path", "环境标准", "自贸试验区"]);
    let steps = report["steps"].as_array().unwrap();
    assert!(steps.len() >= 2, "{report:#}");
    assert_eq!(text(&steps[0]["from"]), "环境标准");
    assert_eq!(text(&steps[steps.len() - 1]["to"]), "自贸试验区");
    for pair in steps.windows(2) {
        assert_eq!(pair[0]["to"], pair[1]["from"], "{report:#}");
    }
    // The concepts mentioned both by the article of 环境标准 and by the
    // article of 自贸试验区 (different articles of the seed file).
    let shared: BTreeSet<String> = select(
        db,
        "SELECT DISTINCT ?label WHERE {
           ?x a kg:Article ; kg:mentions ?a . ?a skos:prefLabel \"环境标准\"@zh .
           ?y a kg:Article ; kg:mentions ?b . ?b skos:prefLabel \"自贸试验区\"@zh .
           FILTER(?x != ?y)
           ?x kg:mentions ?c . ?y kg:mentions ?c . ?c skos:prefLabel ?label
         }",
    )
    .into_iter()
    .map(|row| row[0].clone())
    .collect();
    let middle: Vec<&str> = steps[..steps.len() - 1]
        .iter()
        .map(|s| text(&s["to"]))
        .collect();
    assert!(
        middle.iter().any(|c| shared.contains(*c)),
        "no concept of {middle:?} is in both articles ({shared:?})"
    );
    let mut product = 1.0;
    for step in steps {
        let npmi = step["npmi"].as_f64().unwrap();
        let strength = step["strength"].as_f64().unwrap();
        assert!((strength - (1.0 + npmi) / 2.0).abs() < 1e-9, "{step}");
        product *= strength;
        assert!(step["count"].as_u64().unwrap() >= 1, "{step}");
        check_evidence(step);
    }
    let total = report["facts"]["strength"].as_f64().unwrap();
    assert!((total - product).abs() < 1e-9, "{total} vs {product}");
}

/// The evidence of a step marks two mentions, names the article, and
/// points at the line where a paragraph holding them starts.
fn check_evidence(step: &Value) {
    let excerpt = text(&step["excerpt"]);
    let anchors: Vec<&str> = excerpt
        .split('【')
        .skip(1)
        .map(|s| s.split('】').next().unwrap())
        .collect();
    assert_eq!(anchors.len(), 2, "{excerpt}");
    assert!(!text(&step["title"]).is_empty(), "{step}");
    let (file, line, _) = split_source(text(&step["source"]));
    let content = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = content.lines().collect();
    assert!(line >= 1 && line <= lines.len(), "{step}");
    // The paragraph of the first anchor starts at `line` and runs over
    // the next lines; the other anchor may be in another paragraph of the
    // article (article scope).
    let tight = |lines: &[&str]| -> String {
        lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let paragraph = tight(&lines[line - 1..lines.len().min(line + 40)]);
    assert!(
        paragraph.contains(anchors[0]),
        "{} not after {file}:{line}",
        anchors[0]
    );
    assert!(
        tight(&lines).contains(anchors[1]),
        "{} not in {file}",
        anchors[1]
    );
}

#[test]
fn path_is_the_same_every_time_and_in_every_format() {
    let db = seed();
    let args = ["path", "环境标准", "自贸试验区"];
    let first = run(db, &args);
    let second = run(db, &args);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
    let table = String::from_utf8(first.stdout).unwrap();
    assert!(
        table.contains("环境标准") && table.contains("自贸试验区"),
        "{table}"
    );
    let csv_out = run(db, &["path", "环境标准", "自贸试验区", "--format", "csv"]);
    assert!(csv_out.status.success());
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        ["step", "from", "to", "count", "npmi", "strength", "excerpt", "title", "source"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let report = json(db, &args);
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(rows.len(), steps.len());
    for (row, step) in rows.iter().zip(steps) {
        assert_eq!(&row[1], text(&step["from"]));
        assert_eq!(&row[2], text(&step["to"]));
        assert_eq!(
            row[3].parse::<u64>().unwrap(),
            step["count"].as_u64().unwrap()
        );
    }
}

#[test]
fn path_counts_are_the_units_mentioning_both() {
    let db = seed_and_dev();
    for scope in ["paragraph", "article"] {
        let report = json(db, &["path", "环境标准", "自贸试验区", "--scope", scope]);
        let class = if scope == "paragraph" {
            "kg:Paragraph"
        } else {
            "kg:Article"
        };
        for step in report["steps"].as_array().unwrap() {
            let rows = select(
                db,
                &format!(
                    "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{
                       ?u a {class} ; kg:mentions ?a , ?b .
                       ?a skos:prefLabel {:?}@zh . ?b skos:prefLabel {:?}@zh
                     }}",
                    text(&step["from"]),
                    text(&step["to"])
                ),
            );
            assert_eq!(
                rows[0][0].parse::<u64>().unwrap(),
                step["count"].as_u64().unwrap(),
                "{scope}: {step}"
            );
            check_evidence(step);
        }
    }
    let sentence = json(
        db,
        &["path", "环境标准", "自贸试验区", "--scope", "sentence"],
    );
    assert_eq!(text(&sentence["facts"]["scope"]), "sentence");
}

#[test]
fn path_between_unconnected_concepts_succeeds_with_a_note() {
    let db = seed();
    // A concept of the lexicon that the seed never mentions.
    let unmentioned = select(
        db,
        "SELECT ?label WHERE {
           ?c skos:prefLabel ?label . FILTER(LANG(?label) = \"zh\")
           FILTER NOT EXISTS { ?p kg:mentions ?c }
         } ORDER BY ?label LIMIT 1",
    );
    let label = &unmentioned[0][0];
    let report = json(db, &["path", "环境标准", label]);
    assert_eq!(report["steps"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(report["facts"]["steps"], 0);
    let notes = report["notes"].to_string();
    assert!(
        notes.contains("No chain") && notes.contains(label.as_str()),
        "{notes}"
    );
}

#[test]
fn path_names_the_concept_it_does_not_know_and_refuses_a_concept_to_itself() {
    let db = seed();
    let error = failure(db, &["path", "环境标准x", "自贸试验区"]);
    assert!(
        error.contains("环境标准x") && error.contains("did you mean"),
        "{error}"
    );
    assert!(
        error.contains("环境标准,") || error.contains("环境标准?"),
        "{error}"
    );
    let error = failure(db, &["path", "环境标准", "环境标准"]);
    assert!(error.contains("same concept"), "{error}");
}

// ---------------------------------------------------------------- kwic

/// The texts of the stored paragraphs containing `needle`.
fn paragraphs_containing(db: &Path, needle: &str) -> Vec<String> {
    select(
        db,
        &format!(
            "SELECT ?t WHERE {{ ?p a kg:Paragraph ; kg:text ?t FILTER(CONTAINS(?t, {needle:?})) }}"
        ),
    )
    .into_iter()
    .map(|row| row[0].clone())
    .collect()
}

#[test]
fn kwic_lines_hold_the_string_and_point_at_the_line_where_it_starts() {
    let db = seed_and_dev();
    for needle in ["制度型开放", "经济全球化", "环境标准"] {
        let report = json(db, &["kwic", "--raw", needle]);
        let lines = report["lines"].as_array().unwrap();
        let paragraphs = paragraphs_containing(db, needle);
        let expected: usize = paragraphs.iter().map(|p| p.matches(needle).count()).sum();
        assert!(expected > 0, "{needle} is in the corpus");
        assert_eq!(lines.len(), expected, "{needle}");
        assert_eq!(
            report["facts"]["occurrences"].as_u64().unwrap() as usize,
            expected
        );
        for line in lines {
            assert_eq!(text(&line["match"]), needle);
            let in_context = format!(
                "{}{needle}{}",
                text(&line["left"]).trim_start(),
                text(&line["right"])
            );
            assert!(
                paragraphs.iter().any(|p| p.contains(&in_context)),
                "{in_context} is in no paragraph"
            );
            let (file, n, exact) = split_source(text(&line["source"]));
            assert!(exact, "{line}");
            let raw = source_line(&file, n);
            assert!(
                starts_on(&raw, needle),
                "{needle} does not start on {file}:{n}: {raw}"
            );
        }
    }
}

#[test]
fn kwic_finds_occurrences_broken_across_source_lines() {
    // The seed wraps its text at a fixed width, so some occurrences of a
    // four-character term start at the end of one line and end on the
    // next: their line holds only a prefix of the term.
    let db = seed();
    let report = json(db, &["kwic", "--raw", "环境标准"]);
    let mut broken = 0;
    for line in report["lines"].as_array().unwrap() {
        let (file, n, exact) = split_source(text(&line["source"]));
        assert!(exact);
        let raw = source_line(&file, n);
        assert!(starts_on(&raw, "环境标准"), "{file}:{n}: {raw}");
        if !raw.contains("环境标准") {
            broken += 1;
        }
    }
    let file = shared().join("corpus/seed/000_532428ec3c596e7d.txt");
    let whole_lines = std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(|l| l.matches("环境标准").count())
        .sum::<usize>();
    let total = report["lines"].as_array().unwrap().len();
    assert_eq!(broken, total - whole_lines, "{report:#}");
    assert!(broken > 0);
}

#[test]
fn kwic_sorts_by_document_then_position_and_honours_width_and_limit() {
    let db = seed_and_dev();
    let report = json(db, &["kwic", "--raw", "开放", "--width", "5"]);
    let lines = report["lines"].as_array().unwrap();
    assert!(lines.len() > 10);
    let keys: Vec<(String, usize)> = lines
        .iter()
        .map(|l| {
            let (file, n, _) = split_source(text(&l["source"]));
            (file, n)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "lines are in file, then line order");
    for line in lines {
        assert!(
            text(&line["left"]).trim_start().chars().count() <= 5,
            "{line}"
        );
        assert!(text(&line["right"]).chars().count() <= 5, "{line}");
    }
    let limited = json(
        db,
        &["kwic", "--raw", "开放", "--width", "5", "--limit", "3"],
    );
    assert_eq!(limited["lines"].as_array().unwrap()[..], lines[..3]);
    assert_eq!(limited["facts"]["shown"], 3);
    assert_eq!(
        limited["facts"]["occurrences"],
        report["facts"]["occurrences"]
    );
}

#[test]
fn kwic_closes_up_letter_spaced_input_like_ingest() {
    let db = seed_and_dev();
    let spaced = json(db, &["kwic", "--raw", "经 济 全 球 化"]);
    let tight = json(db, &["kwic", "--raw", "经济全球化"]);
    assert!(!tight["lines"].as_array().unwrap().is_empty());
    assert_eq!(spaced["lines"], tight["lines"]);
    assert!(spaced["notes"].to_string().contains("经济全球化"));
}

#[test]
fn kwic_csv_has_one_row_per_line() {
    let db = seed_and_dev();
    let out = run(db, &["kwic", "--raw", "制度型开放", "--format", "csv"]);
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, ["left", "match", "right", "title", "source"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let report = json(db, &["kwic", "--raw", "制度型开放"]);
    assert_eq!(rows.len(), report["lines"].as_array().unwrap().len());
    for row in &rows {
        assert_eq!(&row[1], "制度型开放");
    }
    let table = String::from_utf8(run(db, &["kwic", "--raw", "制度型开放"]).stdout).unwrap();
    assert!(table.contains("制度型开放"));
}

#[test]
fn kwic_refuses_empty_text_and_reports_no_match_plainly() {
    let db = seed();
    for empty in ["", "  ", "\u{3000}"] {
        let error = failure(db, &["kwic", "--raw", empty]);
        assert!(error.contains("non-empty"), "{error}");
    }
    let report = json(db, &["kwic", "--raw", "不会出现的字符串zzz"]);
    assert_eq!(report["lines"].as_array().unwrap().len(), 0);
    assert_eq!(report["facts"]["occurrences"], 0);
}

#[test]
fn kwic_marks_lines_of_a_file_changed_since_ingest() {
    let dir = tempfile::TempDir::new().unwrap();
    let copy = dir.path().join("seed.txt");
    std::fs::copy(shared().join("corpus/seed/000_532428ec3c596e7d.txt"), &copy).unwrap();
    let db = dir.path().join("db");
    policykg(&db).arg("ingest").arg(&copy).assert().success();
    let before = json(&db, &["kwic", "--raw", "自贸试验区"]);
    let exact: Vec<String> = before["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| text(&l["source"]).to_string())
        .collect();
    assert!(exact.iter().all(|s| !s.ends_with('~')), "{exact:?}");
    // Two lines added at the top: the stored lines would be off by two.
    let content = std::fs::read_to_string(&copy).unwrap();
    std::fs::write(&copy, format!("\n\n{content}")).unwrap();
    let after = json(&db, &["kwic", "--raw", "自贸试验区"]);
    let starts = select(
        &db,
        "SELECT ?line WHERE { ?p a kg:Paragraph ; kg:text ?t ; kg:sourceLine ?line
           FILTER(CONTAINS(?t, \"自贸试验区\")) }",
    );
    let starts: BTreeSet<usize> = starts.iter().map(|r| r[0].parse().unwrap()).collect();
    let lines = after["lines"].as_array().unwrap();
    assert_eq!(lines.len(), exact.len());
    for line in lines {
        let (_, n, is_exact) = split_source(text(&line["source"]));
        assert!(!is_exact, "{line}");
        assert!(starts.contains(&n), "{n} is where a paragraph starts");
    }
    assert!(after["notes"].to_string().contains('~'));
    std::fs::remove_file(&copy).unwrap();
    let gone = json(&db, &["kwic", "--raw", "自贸试验区"]);
    assert_eq!(gone["lines"], after["lines"]);
}
