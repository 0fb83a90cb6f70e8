//! `policykg concepts`, `show` and `related` end to end through the real
//! binary, on a store of the shared seed and dev corpora: what they print
//! is checked against the store itself (SPARQL through `policykg query`),
//! against the bundled lexicon (`ontology/concepts.ttl`) and against the
//! source files, in every output format; plus the errors a user meets and
//! a closed pipe.
//!
//! The store is built once per test binary, in `CARGO_TARGET_TMPDIR`
//! (see [`store`]).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};

use common::{policykg, shared};
use policykg::concepts::lexicon::Lexicon;
use policykg::rdf::vocab;
use serde_json::Value;

/// The store of seed and dev, ingested by the binary once per test run:
/// `CARGO_TARGET_TMPDIR/explore-concepts-<pid>`. Stores of earlier runs
/// whose process has ended are removed first.
fn store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        common::remove_stale_stores(root, "explore-concepts-");
        let db = root.join(format!("explore-concepts-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&db);
        let corpus = shared().join("corpus");
        policykg(&db)
            .arg("ingest")
            .arg(corpus.join("seed"))
            .arg(corpus.join("dev"))
            .assert()
            .success();
        db
    })
}

/// One `policykg` process at a time holds the store's lock; tests run in
/// parallel threads, so every command waits for this.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `policykg ARGS` on the store.
fn run(args: &[&str]) -> Output {
    let db = store();
    let _turn = one_at_a_time();
    policykg(db).args(args).output().unwrap()
}

/// The rows of a SELECT through `policykg query`, without the header.
fn select(query: &str) -> Vec<Vec<String>> {
    let db = store();
    let _turn = one_at_a_time();
    common::select(db, query)
}

/// Runs `policykg ARGS --format json` on the store and parses the output.
fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs `policykg ARGS`, expecting failure; returns stderr.
fn failure(args: &[&str]) -> String {
    let out = run(args);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed to stdout on failure"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// A single number from a one-cell SELECT through `policykg query`.
fn count(query: &str) -> u64 {
    select(query)[0][0].parse().unwrap()
}

/// `?c` bound to the concept whose preferred label is `label` (curated or
/// discovered), as SPARQL text.
fn concept_named(label: &str) -> String {
    format!("?c skos:prefLabel ?name . FILTER(STR(?name) = {label:?})")
}

fn rows<'a>(report: &'a Value, table: &str) -> &'a Vec<Value> {
    report[table]
        .as_array()
        .unwrap_or_else(|| panic!("no table {table} in {report}"))
}

fn text<'a>(row: &'a Value, column: &str) -> &'a str {
    row[column]
        .as_str()
        .unwrap_or_else(|| panic!("{column} is not text in {row}"))
}

fn number(row: &Value, column: &str) -> u64 {
    row[column]
        .as_u64()
        .unwrap_or_else(|| panic!("{column} is not a count in {row}"))
}

fn real(row: &Value, column: &str) -> f64 {
    row[column].as_f64().unwrap_or(f64::NEG_INFINITY)
}

/// The bundled lexicon's concept with this preferred label.
fn lexicon_concept(label: &str) -> policykg::concepts::lexicon::Concept {
    let lexicon = Lexicon::bundled();
    lexicon
        .get(&format!("{}{label}", vocab::KGC))
        .unwrap_or_else(|| panic!("{label} is not in the bundled lexicon"))
        .clone()
}

fn label_of_iri(iri: &str) -> String {
    Lexicon::bundled().get(iri).unwrap().pref_label.clone()
}

/// The labels of a `、`-separated fact (empty for null).
fn fact_list(report: &Value, fact: &str) -> BTreeSet<String> {
    match &report["facts"][fact] {
        Value::Null => BTreeSet::new(),
        Value::String(s) => s.split('、').map(str::to_string).collect(),
        other => panic!("fact {fact} is {other}"),
    }
}

#[test]
fn concepts_are_ranked_by_the_figure_shown_with_ties_by_label() {
    for by in ["mentions", "documents", "pagerank"] {
        let report = json(&["concepts", "--top", "0", "--by", by]);
        let list = rows(&report, "concepts");
        assert_eq!(
            report["facts"]["concepts"].as_u64(),
            Some(list.len() as u64)
        );
        assert_eq!(report["facts"]["ranked by"], by);
        for (i, row) in list.iter().enumerate() {
            assert_eq!(number(row, "rank"), i as u64 + 1);
        }
        for pair in list.windows(2) {
            let (x, y) = (real(&pair[0], by), real(&pair[1], by));
            assert!(
                x > y || (x == y && text(&pair[0], "label") <= text(&pair[1], "label")),
                "by {by}: {} before {}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn concepts_counts_agree_with_the_mentions_in_the_documents() {
    let report = json(&["concepts", "--top", "3"]);
    let list = rows(&report, "concepts");
    assert_eq!(list.len(), 3);
    for row in list {
        let label = text(row, "label");
        let mentions = count(&format!(
            "SELECT (COUNT(?m) AS ?n) WHERE {{ ?m a kg:Mention ; kg:concept ?c . {} }}",
            concept_named(label)
        ));
        let articles = count(&format!(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a kg:Article ; kg:mentions ?c . {} }}",
            concept_named(label)
        ));
        assert_eq!(number(row, "mentions"), mentions, "{label}");
        assert_eq!(number(row, "documents"), articles, "{label}");
    }
}

#[test]
fn concepts_schemes_split_the_list() {
    let all = json(&["concepts", "--top", "0", "--scheme", "all"]);
    // Discovered terms are suggestions: the default lists curated concepts.
    let default = json(&["concepts", "--top", "0"]);
    assert!(rows(&default, "concepts")
        .iter()
        .all(|r| text(r, "scheme") == "curated"));
    let mut sizes = BTreeMap::new();
    for scheme in ["curated", "discovered"] {
        let report = json(&["concepts", "--top", "0", "--scheme", scheme]);
        let list = rows(&report, "concepts");
        assert!(!list.is_empty(), "no {scheme} concepts");
        assert!(list.iter().all(|r| text(r, "scheme") == scheme));
        sizes.insert(scheme, list.len());
    }
    assert_eq!(
        rows(&all, "concepts").len(),
        sizes["curated"] + sizes["discovered"]
    );
    let lexicon_size = Lexicon::bundled().concepts().len();
    assert!(sizes["curated"] >= lexicon_size, "{sizes:?}");
}

#[test]
fn concepts_csv_is_one_plain_table() {
    let out = run(&["concepts", "--top", "5", "--format", "csv"]);
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "rank",
            "label",
            "scheme",
            "mentions",
            "documents",
            "pagerank",
            "community"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    assert_eq!(&records[0][0], "1");
}

#[test]
fn show_states_what_the_lexicon_says() {
    for label in ["经济全球化", "自贸试验区"] {
        let report = json(&["show", label]);
        let concept = lexicon_concept(label);
        assert_eq!(report["facts"]["concept"], label);
        assert_eq!(report["facts"]["iri"], concept.iri.as_str());
        assert_eq!(report["facts"]["scheme"], "curated");
        let aliases: BTreeSet<String> = concept.alt_labels.iter().cloned().collect();
        assert_eq!(fact_list(&report, "aliases"), aliases, "{label}");
        let broader: BTreeSet<String> = concept.broader.iter().map(|b| label_of_iri(b)).collect();
        assert_eq!(fact_list(&report, "broader"), broader, "{label}");
        let narrower: BTreeSet<String> = Lexicon::bundled()
            .concepts()
            .iter()
            .filter(|c| c.broader.contains(&concept.iri))
            .map(|c| c.pref_label.clone())
            .collect();
        // The card lists labels joined by 、, so a label that holds 、
        // (大胆试、大胆闯、自主改) reads as its parts.
        let narrower: BTreeSet<String> = narrower
            .iter()
            .flat_map(|l| l.split('、').map(str::to_owned))
            .collect();
        assert_eq!(fact_list(&report, "narrower"), narrower, "{label}");
    }
    // The alias names the same concept.
    let by_alias = json(&["show", "自由贸易试验区"]);
    assert_eq!(by_alias["facts"]["concept"], "自贸试验区");
}

#[test]
fn show_lists_articles_whose_text_has_the_concept() {
    let label = "经济全球化";
    let report = json(&["show", label, "--top", "0"]);
    let articles = rows(&report, "articles");
    assert!(articles.len() >= 2, "{report}");
    assert_eq!(
        report["facts"]["articles"].as_u64(),
        Some(articles.len() as u64)
    );
    let total: u64 = articles.iter().map(|a| number(a, "mentions")).sum();
    assert_eq!(report["facts"]["mentions"].as_u64(), Some(total));
    for pair in articles.windows(2) {
        assert!(number(&pair[0], "mentions") >= number(&pair[1], "mentions"));
    }
    for article in articles.iter().take(2) {
        let name = text(article, "article");
        let within = format!(
            "?a (dcterms:title|rdfs:label) ?t . FILTER(STR(?t) = {name:?})
             ?p a kg:Paragraph ; dcterms:isPartOf+ ?a"
        );
        let paragraphs = count(&format!(
            "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {within} ; kg:text ?text .
               FILTER(CONTAINS(?text, {label:?})) }}"
        ));
        assert!(paragraphs > 0, "no paragraph of {name} contains {label}");
        let mentions = count(&format!(
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {within} .
               ?m kg:context ?p ; kg:concept kgc:{label} }}"
        ));
        assert_eq!(number(article, "mentions"), mentions, "{name}");
    }
    let paragraphs = count(&format!(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a kg:Paragraph ; kg:mentions kgc:{label} }}"
    ));
    assert_eq!(report["facts"]["paragraphs"].as_u64(), Some(paragraphs));
}

#[test]
fn show_lines_quote_the_source_file_at_the_line_given() {
    let label = "经济全球化";
    let report = json(&["show", label, "--lines", "3"]);
    let lines = rows(&report, "lines");
    assert_eq!(lines.len(), 3);
    let articles: Vec<&str> = rows(&report, "articles")
        .iter()
        .map(|a| text(a, "article"))
        .collect();
    for (i, line) in lines.iter().enumerate() {
        // One line per article first, in the order of the articles.
        assert_eq!(text(line, "article"), articles[i]);
        let quoted = text(line, "line");
        assert!(quoted.contains(&format!("【{label}】")), "{quoted}");
        let source = text(line, "source");
        let (file, number) = source.rsplit_once(':').unwrap();
        let number: usize = number.parse().unwrap();
        let raw = std::fs::read_to_string(file).unwrap();
        // The paragraph starts at that line; the quoted text around the
        // mention is in it or the next few (lines may be hard-wrapped).
        let near: String = raw
            .lines()
            .skip(number - 1)
            .take(30)
            .collect::<String>()
            .split_whitespace()
            .collect();
        let plain = quoted.replace(['【', '】'], "");
        let head: String = plain.trim_start_matches('…').chars().take(6).collect();
        assert!(near.contains(&head), "{head:?} not at {source}");
    }
    let one = json(&["show", label, "--lines", "1", "--top", "2"]);
    assert_eq!(rows(&one, "lines").len(), 1);
    assert_eq!(rows(&one, "articles").len(), 2);
    assert!(rows(&one, "associated").len() <= 2);
}

#[test]
fn show_associated_concepts_agree_with_related() {
    let label = "经济全球化";
    let card = json(&["show", label, "--top", "5"]);
    let associated = rows(&card, "associated");
    assert!(!associated.is_empty());
    let related = json(&["related", label, "--scope", "paragraph", "--top", "0"]);
    let by_label: BTreeMap<&str, &Value> = rows(&related, "related")
        .iter()
        .map(|r| (text(r, "concept"), r))
        .collect();
    for pair in associated.windows(2) {
        assert!(real(&pair[0], "npmi") >= real(&pair[1], "npmi"));
    }
    for row in associated {
        let other = by_label[text(row, "concept")];
        assert!(number(row, "count") >= 2);
        assert_eq!(number(row, "count"), number(other, "count"));
        assert_eq!(real(row, "npmi"), real(other, "npmi"));
    }
}

#[test]
fn show_lists_the_recommendations_that_mention_a_concept() {
    let top = select(
        "SELECT ?name (COUNT(DISTINCT ?r) AS ?n) WHERE {
           ?r a kg:Recommendation ; kg:mentions ?c . ?c skos:prefLabel ?name
           FILTER(LANG(?name) = 'zh')
         } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1",
    );
    let label = &top[0][0];
    let want: BTreeSet<(String, String)> = select(&format!(
        "SELECT ?marker ?label WHERE {{ ?r a kg:Recommendation ; kg:mentions ?c ;
               kg:marker ?marker ; rdfs:label ?label . {} }}",
        concept_named(label)
    ))
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect();
    let report = json(&["show", label, "--top", "0"]);
    let got: BTreeSet<(String, String)> = rows(&report, "recommendations")
        .iter()
        .map(|r| {
            (
                text(r, "marker").to_string(),
                text(r, "recommendation").to_string(),
            )
        })
        .collect();
    assert_eq!(got, want, "{label}");
    let titles: BTreeSet<&str> = rows(&report, "articles")
        .iter()
        .map(|a| text(a, "article"))
        .collect();
    for r in rows(&report, "recommendations") {
        assert!(titles.contains(text(r, "article")), "{r}");
    }
}

#[test]
fn show_csv_has_one_section_per_table() {
    let out = run(&["show", "经济全球化", "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut bodies: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match line.strip_prefix("# ") {
            Some(name) => bodies.push((name.to_string(), String::new())),
            None => {
                let body = &mut bodies.last_mut().expect("a # line first").1;
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    let mut sections = BTreeMap::new();
    for (name, body) in bodies {
        let mut reader = csv::Reader::from_reader(body.trim_end().as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let records = reader.records().map(Result::unwrap).count();
        sections.insert(name, (headers, records));
    }
    let names: Vec<&str> = sections.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["articles", "associated", "lines", "recommendations"]
    );
    assert_eq!(sections["articles"].0, ["article", "date", "mentions"]);
    assert_eq!(sections["lines"].0, ["line", "article", "source"]);
    assert_eq!(sections["lines"].1, 5);
}

/// `(label → row)` of `related` with these arguments.
fn related_rows(args: &[&str]) -> (Value, BTreeMap<String, Value>) {
    let mut all = vec!["related"];
    all.extend(args);
    let report = json(&all);
    let by_label = rows(&report, "related")
        .iter()
        .map(|r| (text(r, "concept").to_string(), r.clone()))
        .collect();
    (report, by_label)
}

#[test]
fn related_counts_agree_with_sparql() {
    let label = "经济全球化";
    for (scope, class) in [("paragraph", "kg:Paragraph"), ("article", "kg:Article")] {
        let (report, by_label) = related_rows(&[label, "--scope", scope, "--top", "4"]);
        assert_eq!(by_label.len(), 4);
        let units = count(&format!(
            "SELECT ?n WHERE {{ GRAPH <{}> {{ kg:{}Scope kg:unitCount ?n }} }}",
            vocab::CORPUS_GRAPH,
            if scope == "paragraph" {
                "Paragraph"
            } else {
                "Article"
            }
        ));
        assert_eq!(report["facts"]["units"].as_u64(), Some(units));
        let own = count(&format!(
            "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?u a {class} ; kg:mentions kgc:{label} }}"
        ));
        assert_eq!(report["facts"]["units mentioning it"].as_u64(), Some(own));
        for (other, row) in &by_label {
            let both = count(&format!(
                "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{
                   ?u a {class} ; kg:mentions kgc:{label} , ?c . {} }}",
                concept_named(other)
            ));
            assert_eq!(number(row, "count"), both, "{scope} {other}");
            let alone = count(&format!(
                "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ ?u a {class} ; kg:mentions ?c . {} }}",
                concept_named(other)
            ));
            assert_eq!(number(row, "units"), alone, "{scope} {other}");
        }
    }
}

#[test]
fn related_min_count_leaves_out_exactly_the_rarer_pairs() {
    let (default, _) = related_rows(&["经济全球化", "--top", "0"]);
    assert_eq!(
        default["facts"]["min count"].as_u64(),
        Some(policykg::explore::related::MIN_COUNT)
    );
    let (_, all) = related_rows(&["经济全球化", "--top", "0", "--min-count", "1"]);
    let (report, kept) = related_rows(&["经济全球化", "--top", "0", "--min-count", "2"]);
    assert_eq!(report["facts"]["min count"].as_u64(), Some(2));
    let expected: BTreeMap<String, Value> = all
        .iter()
        .filter(|(_, row)| number(row, "count") >= 2)
        .map(|(label, row)| (label.clone(), row.clone()))
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.len());
    // Ranks change when rows leave; the rows themselves do not.
    let without_rank = |rows: &BTreeMap<String, Value>| -> BTreeMap<String, Value> {
        rows.iter()
            .map(|(label, row)| {
                let mut row = row.clone();
                row.as_object_mut().unwrap().remove("rank");
                (label.clone(), row)
            })
            .collect()
    };
    assert_eq!(without_rank(&kept), without_rank(&expected));
}

#[test]
fn related_ranks_by_the_measure_asked() {
    for measure in ["count", "npmi", "pmi", "jaccard", "dice", "logLikelihood"] {
        let (report, _) = related_rows(&["经济全球化", "--measure", measure, "--top", "0"]);
        assert_eq!(report["facts"]["ranked by"], measure);
        let list = rows(&report, "related");
        assert!(list.len() > 10);
        for pair in list.windows(2) {
            let (x, y) = (real(&pair[0], measure), real(&pair[1], measure));
            assert!(x >= y, "{measure}: {} before {}", pair[0], pair[1]);
            if x == y {
                assert!(number(&pair[0], "count") >= number(&pair[1], "count"));
            }
        }
    }
}

/// The stored co-occurrences of 经济全球化 at `scope`: label → (count,
/// measures in the order of `cooccurrence::MEASURES`).
fn stored(scope: &str) -> BTreeMap<String, (u64, Vec<f64>)> {
    let measures = policykg::corpus::cooccurrence::MEASURES;
    let patterns: String = measures.iter().map(|m| format!(" ; kg:{m} ?{m}")).collect();
    let variables: String = measures.iter().map(|m| format!(" ?{m}")).collect();
    select(&format!(
        "SELECT ?name ?n{variables} WHERE {{
               GRAPH <{}> {{ ?co kg:concept kgc:经济全球化 , ?c ; kg:scope kg:{scope}Scope ;
                 kg:count ?n{patterns} FILTER(?c != kgc:经济全球化) }}
               ?c skos:prefLabel ?name FILTER(LANG(?name) = 'zh')
             }}",
        vocab::CORPUS_GRAPH
    ))
    .into_iter()
    .map(|r| {
        let values = r[2..].iter().map(|v| v.parse().unwrap()).collect();
        (r[0].clone(), (r[1].parse().unwrap(), values))
    })
    .collect()
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}

#[test]
fn related_computes_what_the_corpus_graph_stores() {
    let measures = policykg::corpus::cooccurrence::MEASURES;
    for scope in ["Paragraph", "Article"] {
        let stored = stored(scope);
        assert!(stored.len() > 3, "{scope}: {stored:?}");
        let (_, by_label) = related_rows(&[
            "经济全球化",
            "--scope",
            &scope.to_lowercase(),
            "--measure",
            "associationStrength",
            "--top",
            "0",
        ]);
        for (other, (count, values)) in &stored {
            let row = &by_label[other];
            assert_eq!(number(row, "count"), *count, "{scope} {other}");
            for (m, want) in measures.iter().zip(values) {
                assert!(
                    close(real(row, m), *want),
                    "{scope} {other} {m}: {} vs stored {want}",
                    row[m]
                );
            }
        }
    }
}

#[test]
fn related_sentence_scope_counts_every_pair_and_agrees_with_the_stored_ones() {
    let measures = policykg::corpus::cooccurrence::MEASURES;
    let (report, by_label) = related_rows(&[
        "经济全球化",
        "--scope",
        "sentence",
        "--top",
        "0",
        "--min-count",
        "1",
    ]);
    assert_eq!(report["facts"]["min count"].as_u64(), Some(1));
    let stored_min = count(&format!(
        "SELECT ?n WHERE {{ GRAPH <{}> {{ kg:SentenceScope kg:minCount ?n }} }}",
        vocab::CORPUS_GRAPH
    ));
    let stored = stored("Sentence");
    assert!(!stored.is_empty());
    for (other, (n, values)) in &stored {
        let row = &by_label[other];
        assert_eq!(number(row, "count"), *n, "{other}");
        for (m, want) in measures.iter().zip(values) {
            assert!(close(real(row, m), *want), "{other} {m}");
        }
    }
    let below: Vec<&String> = by_label
        .iter()
        .filter(|(_, row)| number(row, "count") < stored_min)
        .map(|(label, _)| label)
        .collect();
    assert_eq!(
        by_label.len(),
        stored.len() + below.len(),
        "every pair the corpus graph leaves out is below its kg:minCount"
    );
}

#[test]
fn related_sentence_scope_finds_a_pair_seen_in_one_sentence() {
    let (_, by_label) = related_rows(&[
        "制度型开放",
        "--scope",
        "sentence",
        "--top",
        "0",
        "--min-count",
        "1",
    ]);
    let sentences = count(
        "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paragraph ; kg:text ?t
           FILTER(CONTAINS(?t, '国际高标准经贸规则推进制度型开放')) }",
    );
    assert!(sentences >= 1, "the dev corpus holds the sentence");
    let row = &by_label["国际高标准经贸规则"];
    assert!(number(row, "count") >= 1);
}

#[test]
fn related_and_path_count_every_step_alike() {
    for scope in ["sentence", "paragraph", "article"] {
        let report = json(&["path", "环境标准", "自贸试验区", "--scope", scope]);
        let steps = report["steps"].as_array().unwrap();
        assert!(!steps.is_empty(), "{scope}");
        for step in steps {
            let (from, to) = (text(step, "from"), text(step, "to"));
            let (_, by_label) =
                related_rows(&[from, "--scope", scope, "--top", "0", "--min-count", "1"]);
            assert_eq!(
                number(&by_label[to], "count"),
                step["count"].as_u64().unwrap(),
                "{scope}: {from} → {to}"
            );
        }
    }
}

#[test]
fn unknown_names_are_usage_errors_that_help() {
    let error = failure(&["related", "经济全球化", "--measure", "tfidf"]);
    for name in policykg::explore::related::Measure::names() {
        assert!(error.contains(name), "{error}");
    }
    for command in ["show", "related"] {
        let error = failure(&[command, "经济全球"]);
        assert!(error.contains("did you mean"), "{command}: {error}");
        assert!(error.contains("经济全球化"), "{command}: {error}");
    }
}

/// Closing the reading end of the pipe early (as `| head -1` does) ends
/// the command quietly with success. The JSON of every concept is far
/// larger than a pipe's buffer, so the command is still writing when the
/// pipe closes.
#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["concepts", "--top", "0", "--format", "json"][..],
        &["show", "经济全球化", "--top", "0", "--lines", "100"][..],
    ] {
        let db = store();
        let _turn = one_at_a_time();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_policykg"))
            .arg("--db")
            .arg(db)
            .args(args)
            .env_remove("POLICYKG_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
