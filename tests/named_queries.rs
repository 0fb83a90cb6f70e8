//! Every named query of `queries/` runs against fixture stores built by the
//! real ingest, and its answer is checked; so are the header format, the
//! parameter checks and the safety of binding.
//!
//! Fixtures (built once per test binary, in `CARGO_TARGET_TMPDIR`; see
//! [`fixture_dir`]):
//!
//! - [`seed`]: the seed corpus (one file, three articles). Its corpus graph
//!   is then **replaced** by the hand-made co-occurrence facts of
//!   [`cooccurrence_fixture`] — written through the library's
//!   `Store::replace_graph`, shaped as `src/corpus/cooccurrence.rs` writes them —
//!   so the co-occurrence queries have exact expected answers whether or
//!   not that module has run.
//! - [`corpus`]: seed and dev together, exactly as ingest leaves them (with
//!   real co-occurrence facts once `src/corpus/cooccurrence.rs` writes them; see
//!   [`cooccurrence_queries_agree_with_the_real_corpus_graph`]).

mod common;

use oxigraph::model::{Literal, NamedNode, Quad, Term};
use policykg::ingest::{self, Options, Quiet};
use policykg::named_query::{self, NamedQuery, ParamKind};
use policykg::query::{self, QueryOptions, ResultFormat, Rows};
use policykg::store::Store;
use policykg::{rdf::vocab, Error};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// Ingests `folders` of the shared corpus into a new store called `name`.
fn build(name: &str, folders: &[&str]) -> Store {
    let store = Store::open(&fixture_dir(name)).unwrap();
    let inputs: Vec<PathBuf> = folders.iter().map(|f| corpus_dir().join(f)).collect();
    let summary = ingest::ingest(&store, &inputs, &Options::default(), &Quiet).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    store
}

/// A fresh directory for the fixture store `name`:
/// `CARGO_TARGET_TMPDIR/named-queries-<pid>-<name>`.
///
/// The stores live in statics, which are never dropped, so a run cannot
/// remove its own; instead each run removes those left by earlier runs
/// whose process has ended (where `/proc` tells; elsewhere they stay until
/// `cargo clean`).
fn fixture_dir(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    remove_stale_fixtures(root);
    let dir = root.join(format!("named-queries-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn remove_stale_fixtures(root: &Path) {
    let proc = Path::new("/proc");
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    if !proc.join("self").exists() {
        return;
    }
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("named-queries-")
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn corpus_dir() -> PathBuf {
    common::shared().join("corpus")
}

/// The seed, with the hand-made co-occurrence facts as its corpus graph.
fn seed() -> &'static Store {
    static SEED: OnceLock<Store> = OnceLock::new();
    SEED.get_or_init(|| {
        let store = build("seed", &["seed"]);
        let corpus = NamedNode::new(vocab::CORPUS_GRAPH).unwrap();
        store
            .replace_graph(&corpus, cooccurrence_fixture(&corpus))
            .unwrap();
        store
    })
}

/// Seed and dev, as ingest leaves them.
fn corpus() -> &'static Store {
    static CORPUS: OnceLock<Store> = OnceLock::new();
    CORPUS.get_or_init(|| build("corpus", &["seed", "dev"]))
}

/// A concept of the bundled lexicon.
fn kgc(label: &str) -> NamedNode {
    NamedNode::new(format!("{}{label}", vocab::KGC)).unwrap()
}

fn kg(local: &str) -> NamedNode {
    NamedNode::new(vocab::kg(local)).unwrap()
}

/// A label no lexicon has, full of SPARQL syntax, for the concept that
/// shows a parameter value is matched as exact data.
const ODD_LABEL: &str = "奇\"} ; DROP ALL ; #<>";

/// Hand-made co-occurrence facts over seed concepts, in the shape of the
/// co-occurrence contract (`?co a kg:Cooccurrence ; kg:concept ?a , ?b ;
/// kg:scope … ; kg:count ?n ; kg:npmi ?x`, measures as `xsd:double`, and
/// per-concept kg:community, kg:pagerank, kg:betweenness,
/// kg:weightedDegree). The numbers are invented to make every ordering
/// and filter of the queries visible:
///
/// ```text
/// paragraph scope            count  npmi    communities: 制度型开放 1, 国际高标准经贸规则 1,
///   制度型开放–国际高标准经贸规则  3   0.8                 环境标准 1, 自贸试验区 1,
///   制度型开放–自贸试验区        2   0.6                  经济全球化 2, 高质量发展 2,
///   制度型开放–环境标准          1   0.9                  一带一路 3
///   制度型开放–经济全球化        4  -0.1
///   制度型开放–ODD_LABEL        2   0.1    (ODD_LABEL: a concept with no community)
///   国际高标准经贸规则–环境标准    5   0.7
///   经济全球化–高质量发展        3   0.4
///   经济全球化–一带一路          2   0.5
/// sentence scope
///   制度型开放–国际高标准经贸规则  1   0.5
/// ```
// Long because it states every quad of the table above, row by row.
fn cooccurrence_fixture(graph: &NamedNode) -> Vec<Quad> {
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: Term| {
        quads.push(Quad::new(s.clone(), p, o, graph.clone()));
    };
    let odd = NamedNode::new(format!("{}odd", vocab::KGID)).unwrap();
    let rdf_type = NamedNode::new(format!("{}type", vocab::RDF)).unwrap();
    let skos = |local: &str| NamedNode::new(format!("{}{local}", vocab::SKOS)).unwrap();
    add(&odd, rdf_type.clone(), skos("Concept").into());
    add(
        &odd,
        skos("prefLabel"),
        Literal::new_language_tagged_literal(ODD_LABEL, "zh")
            .unwrap()
            .into(),
    );
    let pairs: [(&str, NamedNode, NamedNode, i64, f64); 9] = [
        (
            "ParagraphScope",
            kgc("制度型开放"),
            kgc("国际高标准经贸规则"),
            3,
            0.8,
        ),
        (
            "ParagraphScope",
            kgc("制度型开放"),
            kgc("自贸试验区"),
            2,
            0.6,
        ),
        ("ParagraphScope", kgc("制度型开放"), kgc("环境标准"), 1, 0.9),
        (
            "ParagraphScope",
            kgc("制度型开放"),
            kgc("经济全球化"),
            4,
            -0.1,
        ),
        ("ParagraphScope", kgc("制度型开放"), odd.clone(), 2, 0.1),
        (
            "ParagraphScope",
            kgc("国际高标准经贸规则"),
            kgc("环境标准"),
            5,
            0.7,
        ),
        (
            "ParagraphScope",
            kgc("经济全球化"),
            kgc("高质量发展"),
            3,
            0.4,
        ),
        ("ParagraphScope", kgc("经济全球化"), kgc("一带一路"), 2, 0.5),
        (
            "SentenceScope",
            kgc("制度型开放"),
            kgc("国际高标准经贸规则"),
            1,
            0.5,
        ),
    ];
    for (n, (scope, a, b, count, npmi)) in pairs.into_iter().enumerate() {
        let co = NamedNode::new(format!("{}cooccurrence/fixture{n}", vocab::KGID)).unwrap();
        add(&co, rdf_type.clone(), kg("Cooccurrence").into());
        add(&co, kg("concept"), a.into());
        add(&co, kg("concept"), b.into());
        add(&co, kg("scope"), kg(scope).into());
        add(&co, kg("count"), Literal::from(count).into());
        add(&co, kg("npmi"), Literal::from(npmi).into());
        add(
            &co,
            kg("jaccard"),
            Literal::from(count as f64 / 10.0).into(),
        );
        add(&co, kg("dice"), Literal::from(count as f64 / 8.0).into());
        add(
            &co,
            kg("logLikelihood"),
            Literal::from(count as f64 * 3.0).into(),
        );
    }
    // concept, community, pagerank, betweenness, weighted degree
    let measures = [
        ("制度型开放", 1, 0.30, 0.5, 12.0),
        ("国际高标准经贸规则", 1, 0.20, 0.1, 9.0),
        ("环境标准", 1, 0.10, 0.0, 6.0),
        ("自贸试验区", 1, 0.10, 0.0, 2.0),
        ("经济全球化", 2, 0.25, 0.3, 9.0),
        ("高质量发展", 2, 0.05, 0.0, 3.0),
        ("一带一路", 3, 0.04, 0.0, 2.0),
    ];
    for (label, community, pagerank, betweenness, degree) in measures {
        let c = kgc(label);
        add(&c, kg("community"), Literal::from(community as i64).into());
        add(&c, kg("pagerank"), Literal::from(pagerank).into());
        add(&c, kg("betweenness"), Literal::from(betweenness).into());
        add(&c, kg("weightedDegree"), Literal::from(degree).into());
    }
    quads
}

// ---------------------------------------------------------------------
// Helpers

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Runs the bundled query `name` and returns its rows.
fn run(store: &Store, name: &str, pairs: &[(&str, &str)]) -> Rows {
    named_query::select_named(store, name, &params(pairs))
        .unwrap_or_else(|e| panic!("{name} {pairs:?}: {e}"))
}

/// The error of running `name` with `pairs`.
fn error(name: &str, pairs: &[(&str, &str)]) -> String {
    match named_query::select_named(seed(), name, &params(pairs)) {
        Ok(rows) => panic!("{name} {pairs:?} should fail, got {} rows", rows.rows.len()),
        Err(e @ Error::Usage(_)) => e.to_string(),
        Err(e) => panic!("{name} {pairs:?}: expected a usage error, got {e:?}"),
    }
}

/// A cell as plain text: an IRI, or a literal's lexical value ("" when
/// unbound).
fn text(term: &Option<Term>) -> String {
    match term {
        Some(Term::NamedNode(node)) => node.as_str().to_owned(),
        Some(Term::Literal(literal)) => literal.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The values of column `name`, as text.
fn column(rows: &Rows, name: &str) -> Vec<String> {
    let index = rows
        .column(name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows.variables));
    rows.rows.iter().map(|row| text(&row[index])).collect()
}

/// The values of column `name`, as numbers.
fn numbers(rows: &Rows, name: &str) -> Vec<f64> {
    column(rows, name)
        .iter()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}: {v:?} is not a number"))
        })
        .collect()
}

/// The row whose column `key` is `value`.
fn row_where<'a>(rows: &'a Rows, key: &str, value: &str) -> &'a [Option<Term>] {
    let index = rows.column(key).unwrap();
    rows.rows
        .iter()
        .find(|row| text(&row[index]) == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value}: {:?}", column(rows, key)))
}

fn cell(rows: &Rows, row: &[Option<Term>], name: &str) -> String {
    text(&row[rows.column(name).unwrap()])
}

/// Article `ordinal` of the seed file, by IRI.
fn seed_article(store: &Store, ordinal: u32) -> String {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?a WHERE {{ ?a a kg:Article ; kg:ordinal {ordinal} ; dcterms:isPartOf ?d .
               ?d dcterms:source ?s FILTER(CONTAINS(?s, \"000_532428ec3c596e7d\")) }}"
        ),
    )
    .unwrap();
    assert_eq!(rows.rows.len(), 1, "seed article {ordinal}");
    text(&rows.rows[0][0])
}

/// The article whose title is `title`, by IRI.
fn article_titled(store: &Store, title: &str) -> String {
    let rows = query::select(
        store,
        &format!("SELECT ?a WHERE {{ ?a a kg:Article ; dcterms:title \"{title}\" }}"),
    )
    .unwrap();
    assert_eq!(rows.rows.len(), 1, "article titled {title}");
    text(&rows.rows[0][0])
}

fn kgc_iri(label: &str) -> String {
    format!("{}{label}", vocab::KGC)
}

fn sorted(values: Vec<String>) -> Vec<String> {
    let mut values = values;
    values.sort();
    values
}

fn is_descending(values: &[f64]) -> bool {
    values.windows(2).all(|w| w[0] >= w[1])
}

// ---------------------------------------------------------------------
// The files and their headers

fn query_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rq"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_query_file_has_a_header_and_is_bundled() {
    let bundled = named_query::bundled();
    let files = query_files();
    assert!(files.len() >= 8, "{files:?}");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let query = NamedQuery::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().unwrap().to_str().unwrap();
        assert_eq!(query.name, stem, "{}", path.display());
        assert!(
            query.answers.ends_with('?'),
            "{stem}: answers {:?}",
            query.answers
        );
        for param in &query.params {
            assert!(
                !param.description.is_empty(),
                "{stem}: {} has no description",
                param.name
            );
        }
        let listed = bundled.iter().find(|q| q.name == stem);
        assert_eq!(listed, Some(&query), "{stem} is not listed in bundled()");
    }
    assert_eq!(
        bundled.len(),
        files.len(),
        "bundled() lists a query with no file"
    );
    let file_names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        sorted(
            named_query::bundled_files()
                .iter()
                .map(|f| f.to_string())
                .collect()
        ),
        file_names
    );
}

#[test]
fn load_dir_reads_the_same_queries_as_bundled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut loaded = named_query::load_dir(&dir).unwrap();
    let mut bundled = named_query::bundled();
    loaded.sort_by(|a, b| a.name.cmp(&b.name));
    bundled.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(loaded, bundled);
}

#[test]
fn load_dir_refuses_a_file_named_unlike_its_query() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("mine.rq"),
        "# name: other\n# answers: What?\nSELECT * WHERE { ?s ?p ?o }\n",
    )
    .unwrap();
    let error = named_query::load_dir(dir.path()).unwrap_err();
    assert!(error.to_string().contains("mine.rq"), "{error}");
}

#[test]
fn the_issue_s_eight_queries_are_bundled() {
    let names: BTreeSet<String> = named_query::bundled().into_iter().map(|q| q.name).collect();
    for name in [
        "concepts-by-frequency",
        "articles-for-concept",
        "recommendations-for-concept",
        "cooccurring-concepts",
        "shared-concepts",
        "concept-timeline",
        "bridge-concepts",
        "recommendations-by-article",
    ] {
        assert!(names.contains(name), "{name} missing from {names:?}");
    }
}

#[test]
fn the_listing_shows_every_query_and_its_parameters() {
    let mut out = Vec::new();
    named_query::write_list(&named_query::bundled(), &mut out).unwrap();
    let listing = String::from_utf8(out).unwrap();
    for query in named_query::bundled() {
        assert!(
            listing.contains(&format!("{}\n    {}", query.name, query.answers)),
            "{listing}"
        );
        for param in &query.params {
            assert!(
                listing.contains(&format!("--param {}=", param.name)),
                "{listing}"
            );
        }
    }
    assert!(
        listing.contains("--param limit=…  (integer, default 50)"),
        "{listing}"
    );
}

/// Realistic parameters for every bundled query, on the fixture it is
/// checked on; the test below fails when a query is added without a line
/// here.
fn realistic(name: &str) -> (&'static Store, Vec<(&'static str, String)>) {
    let a2 = || seed_article(seed(), 2);
    let a3 = || seed_article(seed(), 3);
    match name {
        "concepts-by-frequency" | "articles" => (corpus(), vec![]),
        "articles-for-concept" | "concept-contexts" => {
            (seed(), vec![("concept", "环境标准".to_owned())])
        }
        "recommendations-for-concept" => (seed(), vec![("concept", "制度型开放".to_owned())]),
        "concept-timeline" => (corpus(), vec![("concept", "高质量发展".to_owned())]),
        "cooccurring-concepts" => (seed(), vec![("concept", "制度型开放".to_owned())]),
        "shared-concepts" => (seed(), vec![("article1", a2()), ("article2", a3())]),
        "recommendations-by-article" | "article-concepts" => (seed(), vec![("article", a3())]),
        "bridge-concepts" | "central-concepts" => (seed(), vec![]),
        other => panic!("no realistic parameters for {other}: add them to realistic()"),
    }
}

#[test]
fn every_bundled_query_answers_with_realistic_parameters() {
    for query in named_query::bundled() {
        let (store, pairs) = realistic(&query.name);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let rows = run(store, &query.name, &pairs);
        assert!(!rows.rows.is_empty(), "{} gave no rows", query.name);
        for param in &query.params {
            assert!(
                !rows.variables.contains(&param.name),
                "{}: the bound ?{} should not be a column",
                query.name,
                param.name
            );
        }
        let mut out = Vec::new();
        named_query::run_named(
            store,
            &query.name,
            &params(&pairs),
            ResultFormat::Table,
            &QueryOptions::default(),
            &mut out,
        )
        .unwrap();
        let table = String::from_utf8(out).unwrap();
        assert!(
            table.ends_with(&format!(
                "{} row{}\n",
                rows.rows.len(),
                if rows.rows.len() == 1 { "" } else { "s" }
            )),
            "{}: {table}",
            query.name
        );
    }
}

// ---------------------------------------------------------------------
// Each query's answers

#[test]
fn concepts_by_frequency_ranks_the_seed_by_mentions() {
    let rows = run(seed(), "concepts-by-frequency", &[("limit", "5")]);
    assert_eq!(rows.variables, ["concept", "label", "mentions", "articles"]);
    assert_eq!(rows.rows.len(), 5);
    let labels = column(&rows, "label");
    assert!(labels.contains(&"经济全球化".to_owned()), "{labels:?}");
    assert!(is_descending(&numbers(&rows, "mentions")));
    // The counts agree with the mentions themselves.
    let top = &column(&rows, "concept")[0];
    let direct = query::select(
        seed(),
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?m a kg:Mention ; kg:concept <{top}> }}"),
    )
    .unwrap();
    assert_eq!(text(&direct.rows[0][0]), column(&rows, "mentions")[0]);
    // Without a limit parameter, the default (50) applies.
    assert_eq!(run(corpus(), "concepts-by-frequency", &[]).rows.len(), 50);
}

#[test]
fn articles_for_concept_finds_the_one_seed_article_on_environmental_standards() {
    let rows = run(seed(), "articles-for-concept", &[("concept", "环境标准")]);
    assert_eq!(column(&rows, "article"), [seed_article(seed(), 2)]);
    assert_eq!(column(&rows, "via"), ["环境标准"]);
    assert_eq!(column(&rows, "date"), [""], "the seed has no dates");
    // The IRI, prefixed or full, and a label in another language find the
    // same concept.
    for name in [
        "kgc:环境标准",
        &kgc_iri("环境标准"),
        "environmental standards",
    ] {
        assert_eq!(
            run(seed(), "articles-for-concept", &[("concept", name)]),
            rows,
            "{name}"
        );
    }
}

#[test]
fn articles_for_concept_matches_alt_labels() {
    let by_pref = run(
        corpus(),
        "articles-for-concept",
        &[("concept", "自贸试验区")],
    );
    let by_alt = run(
        corpus(),
        "articles-for-concept",
        &[("concept", "自由贸易试验区")],
    );
    assert!(!by_pref.rows.is_empty());
    assert_eq!(by_pref, by_alt);
}

#[test]
fn articles_for_concept_rolls_up_narrower_concepts() {
    let rows = run(corpus(), "articles-for-concept", &[("concept", "稳就业")]);
    let article = article_titled(corpus(), "进一步做好“六稳”工作");
    let row = row_where(&rows, "article", &article);
    let via = cell(&rows, row, "via");
    assert!(
        via.contains("稳就业") && via.contains("城镇新增就业"),
        "{via}"
    );
    let direct = query::select(
        corpus(),
        &format!(
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a kg:Mention ; kg:concept ?c ; kg:context ?x .
               ?x dcterms:isPartOf+ <{article}> . ?c skos:broader* kgc:稳就业 }}"
        ),
    )
    .unwrap();
    assert_eq!(cell(&rows, row, "mentions"), text(&direct.rows[0][0]));
    assert!(is_descending(&numbers(&rows, "mentions")));
}

#[test]
fn recommendations_for_concept_finds_item_two_of_the_third_seed_article() {
    let rows = run(
        seed(),
        "recommendations-for-concept",
        &[("concept", "制度型开放")],
    );
    let row = row_where(&rows, "label", "进一步加大压力测试力度，稳步扩大制度型开放");
    assert_eq!(cell(&rows, row, "marker"), "其二");
    assert_eq!(cell(&rows, row, "ordinal"), "2");
    assert_eq!(cell(&rows, row, "article"), seed_article(seed(), 3));
}

#[test]
fn recommendations_by_article_lists_items_in_reading_order() {
    let rows = run(
        seed(),
        "recommendations-by-article",
        &[("article", &seed_article(seed(), 3))],
    );
    assert_eq!(
        column(&rows, "marker"),
        ["其一", "其二", "其三", "其四", "其五"]
    );
    assert_eq!(column(&rows, "ordinal"), ["1", "2", "3", "4", "5"]);
    assert_eq!(
        column(&rows, "label")[1],
        "进一步加大压力测试力度，稳步扩大制度型开放"
    );
    assert!(column(&rows, "concepts")[1].contains("制度型开放"));
    let rows = run(
        seed(),
        "recommendations-by-article",
        &[("article", &seed_article(seed(), 2))],
    );
    assert_eq!(
        column(&rows, "marker"),
        ["一是", "二是", "三是", "四是", "五是"]
    );
    assert_eq!(column(&rows, "label")[0], "接轨国际标准，实现规则协同");
}

#[test]
fn recommendations_by_article_takes_a_title_and_keeps_lists_apart() {
    let rows = run(
        corpus(),
        "recommendations-by-article",
        &[("article", "进一步推动城市高质量发展")],
    );
    assert_eq!(
        column(&rows, "list"),
        ["1", "1", "2", "2", "2", "2", "3", "3", "3"]
    );
    assert_eq!(column(&rows, "marker")[..2], ["首先", "其次"]);
    assert_eq!(column(&rows, "ordinal")[2..6], ["1", "2", "3", "4"]);
    // A prefixed IRI works too.
    let iri = article_titled(corpus(), "进一步推动城市高质量发展");
    let prefixed = iri.replace(vocab::KGID, "kgid:");
    assert_eq!(
        run(
            corpus(),
            "recommendations-by-article",
            &[("article", &prefixed)]
        ),
        rows
    );
}

#[test]
fn shared_concepts_of_seed_articles_two_and_three() {
    let (a2, a3) = (seed_article(seed(), 2), seed_article(seed(), 3));
    let rows = run(
        seed(),
        "shared-concepts",
        &[("article1", &a2), ("article2", &a3)],
    );
    let concepts = column(&rows, "concept");
    for label in ["制度型开放", "国际高标准经贸规则"] {
        assert!(
            concepts.contains(&kgc_iri(label)),
            "{label} not in {concepts:?}"
        );
    }
    let totals: Vec<f64> = numbers(&rows, "mentions1")
        .iter()
        .zip(numbers(&rows, "mentions2"))
        .map(|(a, b)| a + b)
        .collect();
    assert!(is_descending(&totals), "{totals:?}");
    // Each count is the article's own count, as article-concepts gives it.
    let of_a2 = run(seed(), "article-concepts", &[("article", &a2)]);
    let of_a3 = run(seed(), "article-concepts", &[("article", &a3)]);
    for row in &rows.rows {
        let concept = cell(&rows, row, "concept");
        let in_a2 = row_where(&of_a2, "concept", &concept);
        let in_a3 = row_where(&of_a3, "concept", &concept);
        assert_eq!(
            cell(&rows, row, "mentions1"),
            cell(&of_a2, in_a2, "mentions")
        );
        assert_eq!(
            cell(&rows, row, "mentions2"),
            cell(&of_a3, in_a3, "mentions")
        );
    }
    // The same concepts either way round.
    let swapped = run(
        seed(),
        "shared-concepts",
        &[("article1", &a3), ("article2", &a2)],
    );
    assert_eq!(sorted(column(&swapped, "concept")), sorted(concepts));
}

#[test]
fn article_concepts_counts_the_mentions_of_one_article() {
    let rows = run(
        seed(),
        "article-concepts",
        &[("article", &seed_article(seed(), 2))],
    );
    assert_eq!(column(&rows, "label")[0], "环境标准");
    assert_eq!(column(&rows, "mentions")[0], "11");
    assert!(is_descending(&numbers(&rows, "mentions")));
    let paragraphs = numbers(&rows, "paragraphs");
    assert!(numbers(&rows, "mentions")
        .iter()
        .zip(&paragraphs)
        .all(|(m, p)| p <= m));
}

#[test]
fn concept_timeline_gives_dated_rows_in_order() {
    let rows = run(corpus(), "concept-timeline", &[("concept", "高质量发展")]);
    let dates = column(&rows, "date");
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    assert!(
        dates
            .iter()
            .all(|d| d.len() == 10 && d.as_bytes()[4] == b'-'),
        "{dates:?}"
    );
    for date in ["2019-02-21", "2019-10-30", "2025-11-05"] {
        assert!(dates.contains(&date.to_owned()), "{date} not in {dates:?}");
    }
    let row = row_where(&rows, "date", "2020-05-13");
    assert_eq!(cell(&rows, row, "articles"), "2", "two articles that day");
    // By year, the same articles fall into fewer rows.
    let years = run(
        corpus(),
        "concept-timeline",
        &[("concept", "高质量发展"), ("period", "year")],
    );
    assert_eq!(column(&years, "date"), ["2019", "2020", "2025"]);
    let sum = |rows: &Rows| numbers(rows, "articles").iter().sum::<f64>();
    assert_eq!(sum(&years), sum(&rows));
    // 经济全球化 is the subject of rmrb_20190222.
    let globalization = run(corpus(), "concept-timeline", &[("concept", "经济全球化")]);
    assert!(column(&globalization, "date").contains(&"2019-02-22".to_owned()));
    assert!(column(&globalization, "titles").contains(&"经济全球化的新特点新趋势".to_owned()));
}

#[test]
fn concept_timeline_leaves_out_undated_articles() {
    // The seed has no dates.
    let rows = run(seed(), "concept-timeline", &[("concept", "环境标准")]);
    assert!(rows.rows.is_empty());
}

#[test]
fn articles_lists_every_article_dated_first() {
    let rows = run(corpus(), "articles", &[]);
    assert_eq!(rows.rows.len(), 19);
    let dates = column(&rows, "date");
    let dated: Vec<&String> = dates.iter().filter(|d| !d.is_empty()).collect();
    assert_eq!(dated.len(), 16);
    assert!(dates[..16].windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(dates[16..].iter().all(String::is_empty));
    let city = article_titled(corpus(), "进一步推动城市高质量发展");
    let row = row_where(&rows, "article", &city);
    assert_eq!(cell(&rows, row, "recommendations"), "9");
    assert!(cell(&rows, row, "source").ends_with("rmrb_20191030-09-04.txt"));
    assert_eq!(run(corpus(), "articles", &[("limit", "3")]).rows.len(), 3);
}

#[test]
fn concept_contexts_show_the_paragraphs_around_a_mention() {
    let rows = run(seed(), "concept-contexts", &[("concept", "kgc:制度型开放")]);
    let texts = column(&rows, "text");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("其二，进一步加大压力测试力度，稳步扩大制度型开放。")),
        "{texts:?}"
    );
    for (text, matched) in texts.iter().zip(column(&rows, "matched")) {
        for anchor in matched.split('、') {
            assert!(text.contains(anchor), "{anchor} not in {text}");
        }
    }
}

#[test]
fn cooccurring_concepts_rank_by_npmi_within_a_scope() {
    let rows = run(seed(), "cooccurring-concepts", &[("concept", "制度型开放")]);
    assert_eq!(
        rows.variables,
        [
            "other",
            "label",
            "count",
            "npmi",
            "jaccard",
            "dice",
            "logLikelihood"
        ]
    );
    // Paragraph scope, at least 2 units: 环境标准 (count 1) is left out.
    assert_eq!(
        column(&rows, "label"),
        ["国际高标准经贸规则", "自贸试验区", ODD_LABEL, "经济全球化"]
    );
    assert_eq!(column(&rows, "count"), ["3", "2", "2", "4"]);
    assert_eq!(numbers(&rows, "npmi"), [0.8, 0.6, 0.1, -0.1]);
    assert_eq!(numbers(&rows, "jaccard")[0], 0.3);
    let all = run(
        seed(),
        "cooccurring-concepts",
        &[("concept", "制度型开放"), ("min_count", "1")],
    );
    assert_eq!(column(&all, "label")[0], "环境标准");
    let sentences = run(
        seed(),
        "cooccurring-concepts",
        &[
            ("concept", "制度型开放"),
            ("scope", "sentence"),
            ("min_count", "1"),
        ],
    );
    assert_eq!(column(&sentences, "label"), ["国际高标准经贸规则"]);
    assert_eq!(column(&sentences, "count"), ["1"]);
    // A pair is found from either side.
    let back = run(
        seed(),
        "cooccurring-concepts",
        &[("concept", "国际高标准经贸规则")],
    );
    assert_eq!(column(&back, "label"), ["制度型开放", "环境标准"]);
}

#[test]
fn bridge_concepts_link_communities() {
    // 经济全球化's neighbours are in communities 1, 2 and 3; 制度型开放's in
    // 1 and 2 (the ODD_LABEL concept has no community); every other
    // concept's neighbours are in one community, 一带一路's too (its only
    // neighbour is in another community: a leaf, not a bridge).
    let rows = run(seed(), "bridge-concepts", &[]);
    assert_eq!(
        column(&rows, "concept"),
        [kgc_iri("经济全球化"), kgc_iri("制度型开放")]
    );
    assert_eq!(column(&rows, "communities"), ["3", "2"]);
    assert_eq!(column(&rows, "neighbours"), ["3", "4"]);
    assert_eq!(column(&rows, "community"), ["2", "1"]);
    assert_eq!(numbers(&rows, "betweenness"), [0.3, 0.5]);
    let articles = query::select(
        seed(),
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article ; kg:mentions kgc:制度型开放 }",
    )
    .unwrap();
    assert_eq!(column(&rows, "articles")[1], text(&articles.rows[0][0]));
    // Only edges seen 3 times or more: the 一带一路 edge (2) drops out and
    // betweenness decides.
    let strong = run(seed(), "bridge-concepts", &[("min_count", "3")]);
    assert_eq!(
        column(&strong, "concept"),
        [kgc_iri("制度型开放"), kgc_iri("经济全球化")]
    );
    assert_eq!(column(&strong, "communities"), ["2", "2"]);
}

#[test]
fn central_concepts_rank_by_the_chosen_measure() {
    let rows = run(seed(), "central-concepts", &[]);
    assert_eq!(
        column(&rows, "label")[..3],
        ["制度型开放", "经济全球化", "国际高标准经贸规则"]
    );
    assert_eq!(rows.rows.len(), 7);
    assert!(is_descending(&numbers(&rows, "pagerank")));
    let by_degree = run(
        seed(),
        "central-concepts",
        &[("by", "weightedDegree"), ("limit", "2")],
    );
    assert_eq!(
        column(&by_degree, "label"),
        ["制度型开放", "国际高标准经贸规则"]
    );
    let by_betweenness = run(seed(), "central-concepts", &[("by", "betweenness")]);
    assert!(is_descending(&numbers(&by_betweenness, "betweenness")));
}

/// Once ingest writes the corpus graph (`src/corpus/cooccurrence.rs`, written
/// out by the relate stage), the co-occurrence queries are checked against
/// the real facts: each count against the paragraphs that mention both
/// concepts, orderings, communities. While the corpus has no co-occurrence
/// facts, the queries must answer nothing (they invent no facts).
#[test]
fn cooccurrence_queries_agree_with_the_real_corpus_graph() {
    let store = corpus();
    let facts = query::select(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { ?co a kg:Cooccurrence }",
    )
    .unwrap();
    if text(&facts.rows[0][0]) == "0" {
        for name in [
            "cooccurring-concepts",
            "bridge-concepts",
            "central-concepts",
        ] {
            let (_, pairs) = realistic(name);
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert!(run(store, name, &pairs).rows.is_empty(), "{name}");
        }
        return;
    }
    let rows = run(
        store,
        "cooccurring-concepts",
        &[("concept", "制度型开放"), ("min_count", "1")],
    );
    assert!(!rows.rows.is_empty());
    let npmi = numbers(&rows, "npmi");
    assert!(is_descending(&npmi), "{npmi:?}");
    assert!(npmi.iter().all(|x| (-1.0..=1.0).contains(x)), "{npmi:?}");
    for row in &rows.rows {
        let other = cell(&rows, row, "other");
        assert_ne!(other, kgc_iri("制度型开放"));
        let both = query::select(
            store,
            &format!(
                "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a kg:Paragraph ;
                   kg:mentions kgc:制度型开放 , <{other}> }}"
            ),
        )
        .unwrap();
        assert_eq!(cell(&rows, row, "count"), text(&both.rows[0][0]), "{other}");
    }
    let bridges = run(store, "bridge-concepts", &[]);
    assert!(!bridges.rows.is_empty());
    assert!(numbers(&bridges, "communities").iter().all(|n| *n >= 2.0));
    let first = column(&bridges, "concept")[0].clone();
    let mut out = Vec::new();
    query::run(
        store,
        &format!(
            "ASK {{ ?co1 kg:scope kg:ParagraphScope ; kg:concept <{first}> , ?n1 .
               ?co2 kg:scope kg:ParagraphScope ; kg:concept <{first}> , ?n2 .
               ?n1 kg:community ?k1 . ?n2 kg:community ?k2 FILTER(?k1 != ?k2) }}"
        ),
        ResultFormat::Table,
        &QueryOptions::default(),
        &mut out,
    )
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap().trim(), "true", "{first}");
    let central = run(store, "central-concepts", &[]);
    assert!(is_descending(&numbers(&central, "pagerank")));
}

// ---------------------------------------------------------------------
// Parameters: checks and safe binding

#[test]
fn an_unknown_query_name_suggests_the_closest() {
    let message = error("article-for-concept", &[]);
    assert!(
        message.contains("did you mean articles-for-concept"),
        "{message}"
    );
    let message = error("timeline", &[]);
    assert!(message.contains("concept-timeline"), "{message}");
}

#[test]
fn a_missing_required_parameter_is_named_with_the_available_ones() {
    let message = error("articles-for-concept", &[]);
    assert!(message.contains("--param concept="), "{message}");
    assert!(
        message.contains("its parameters: concept, limit (optional)"),
        "{message}"
    );
}

#[test]
fn unknown_and_repeated_parameters_are_refused() {
    let message = error("articles-for-concept", &[("concpt", "环境标准")]);
    assert!(message.contains("no parameter \"concpt\""), "{message}");
    assert!(message.contains("did you mean concept"), "{message}");
    let message = error(
        "articles-for-concept",
        &[("concept", "环境标准"), ("concept", "制度型开放")],
    );
    assert!(message.contains("given twice"), "{message}");
}

#[test]
fn values_are_checked_against_their_kind() {
    for limit in ["ten", "1.5", "-1", "5; DROP ALL"] {
        let message = error("concepts-by-frequency", &[("limit", limit)]);
        assert!(message.contains("limit"), "{message}");
    }
    let message = error(
        "cooccurring-concepts",
        &[("concept", "制度型开放"), ("scope", "document")],
    );
    assert!(
        message.contains("sentence, paragraph, article"),
        "{message}"
    );
    let message = error(
        "cooccurring-concepts",
        &[("concept", "制度型开放"), ("min_count", "2 || true")],
    );
    assert!(message.contains("not an integer"), "{message}");
    assert_eq!(
        run(seed(), "concepts-by-frequency", &[("limit", "0")])
            .rows
            .len(),
        0
    );
}

/// Values that would rewrite the query if they were spliced into it are
/// only ever compared as data: they match nothing, and the store is
/// untouched.
#[test]
fn parameter_values_cannot_change_the_query() {
    let before = seed().stats().unwrap().quads;
    let attacks = [
        "环境标准\" } ; DROP ALL ; #",
        "\" || true || \"",
        "x\") || true || (\"",
        "> <",
        "<https://w3id.org/policykg/concept/环境标准> } UNION { ?target a skos:Concept",
        "环境标准\"@zh . } #",
        "?concept",
        "",
    ];
    let matches_nothing = |name: &str, pairs: &[(&str, &str)]| {
        let rows = run(seed(), name, pairs);
        assert!(
            rows.rows.is_empty(),
            "{name} {pairs:?} gave {:?}",
            rows.rows
        );
    };
    // Every attack on both ways of resolving a value (concepts and
    // articles, each shared by several queries)...
    for attack in attacks {
        matches_nothing("articles-for-concept", &[("concept", attack)]);
        matches_nothing("recommendations-by-article", &[("article", attack)]);
    }
    // ...and the one that would match everything, on every query that
    // takes a concept or an article.
    let everything = attacks[1];
    for query in named_query::bundled() {
        let (_, realistic) = realistic(&query.name);
        let keys: Vec<&str> = realistic.iter().map(|(k, _)| *k).collect();
        if keys.is_empty() {
            continue;
        }
        let pairs: Vec<(&str, &str)> = keys.iter().map(|k| (*k, everything)).collect();
        matches_nothing(&query.name, &pairs);
    }
    assert_eq!(seed().stats().unwrap().quads, before);
    // A label that is itself full of SPARQL syntax is matched exactly.
    let rows = run(seed(), "cooccurring-concepts", &[("concept", ODD_LABEL)]);
    assert_eq!(column(&rows, "label"), ["制度型开放"]);
}

#[test]
fn param_kinds_are_read_from_the_headers() {
    let queries = named_query::bundled();
    let query = named_query::find(&queries, "cooccurring-concepts").unwrap();
    let kinds: Vec<(&str, &ParamKind)> = query
        .params
        .iter()
        .map(|p| (p.name.as_str(), &p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("concept", &ParamKind::Resource),
            (
                "scope",
                &ParamKind::Choice(vec![
                    "sentence".into(),
                    "paragraph".into(),
                    "article".into()
                ])
            ),
            ("min_count", &ParamKind::Integer),
            ("limit", &ParamKind::Integer),
        ]
    );
    assert_eq!(query.params[1].default.as_deref(), Some("paragraph"));
    assert!(!query.params[0].optional);
}

#[test]
fn results_come_out_in_the_requested_format_without_bound_columns() {
    let mut out = Vec::new();
    named_query::run_named(
        seed(),
        "articles-for-concept",
        &params(&[("concept", "环境标准")]),
        ResultFormat::Csv,
        &QueryOptions::default(),
        &mut out,
    )
    .unwrap();
    let csv = String::from_utf8(out).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("article,label,date,mentions,via"));
    assert_eq!(lines.count(), 1, "{csv}");
}
