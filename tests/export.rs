//! Integration tests of the exports on real on-disk stores.
//!
//! The main store is the real ingest of the shared seed and dev corpora.
//! Its exports are read back by the libraries people load them into —
//! networkx and igraph for GraphML, the csv crate and Python's csv module
//! for CSV, quick-xml for GEXF, Oxigraph and rdflib for RDF — and their
//! counts and weights are checked against each other and against SPARQL
//! over the store. A second store, built the same way, must give the same
//! bytes in every format. A small hand-made store checks the awkward
//! cases: formula-like cells and characters XML forbids.
//!
//! The Python readers live in `tests/readers/`; a missing Python module
//! fails the test (CI installs networkx, igraph and rdflib).

mod common;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use policykg::export::{self, ExportOptions, Format, GraphKind, Scope};
use policykg::ingest::{self, Quiet};
use policykg::query;
use policykg::store::Store;
use policykg::{rdf::vocab, Error};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Stores

/// A store in a temporary directory that lives as long as the value.
struct Built {
    _dir: TempDir,
    store: Store,
}

/// A fresh store holding the real ingest of the seed and dev corpora, with
/// its corpus graph, in a directory removed when the value is dropped.
fn build_real() -> Built {
    let dir = TempDir::new().unwrap();
    let store = ingest_real(&dir.path().join("store"));
    Built { _dir: dir, store }
}

/// The real store, built once for all tests of this file in
/// `CARGO_TARGET_TMPDIR/export-<pid>`. Statics are never dropped, so a run
/// cannot remove its own store; each run removes those of earlier runs
/// whose process has ended (where `/proc` tells; elsewhere they stay until
/// `cargo clean`).
fn real() -> &'static Store {
    static REAL: OnceLock<Store> = OnceLock::new();
    REAL.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        common::remove_stale_stores(root, "export-");
        let dir = root.join(format!("export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        ingest_real(&dir)
    })
}

/// Ingests the seed and dev corpora into a new store at `path`.
fn ingest_real(path: &Path) -> Store {
    let store = Store::open(path).unwrap();
    let corpus = common::shared().join("corpus");
    let inputs = [corpus.join("seed"), corpus.join("dev")];
    let summary = ingest::ingest(&store, &inputs, &ingest::Options::default(), &Quiet).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    ensure_cooccurrence(&store);
    store
}

/// The corpus graph (co-occurrence, concept metrics), computed by
/// `relate::relate` unless ingest already wrote it.
fn ensure_cooccurrence(store: &Store) {
    if count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?co a kg:Cooccurrence } }",
    ) == 0
    {
        policykg::corpus::relate::relate(store).unwrap();
    }
}

fn kg(local: &str) -> NamedNode {
    NamedNode::new(vocab::kg(local)).unwrap()
}

fn literal(cell: &Option<Term>) -> String {
    match cell {
        Some(Term::Literal(l)) => l.value().to_owned(),
        other => panic!("expected a literal, got {other:?}"),
    }
}

/// The single number a one-cell SELECT returns (0 when unbound).
fn number(store: &Store, sparql: &str) -> f64 {
    let rows = query::select(store, sparql).unwrap();
    rows.rows[0][0]
        .as_ref()
        .map_or(0.0, |_| literal(&rows.rows[0][0]).parse().unwrap())
}

fn count(store: &Store, sparql: &str) -> usize {
    number(store, sparql) as usize
}

// ---------------------------------------------------------------------------
// Exports and readers

/// Options for a network of every mentioned concept, discovered terms
/// included: these tests check that readers agree with each other and with
/// SPARQL over all mentions (leaving discovered terms out is checked in
/// `tests/curation.rs`).
fn options(format: Format, graph: GraphKind, scope: Scope) -> ExportOptions {
    ExportOptions {
        format,
        graph,
        scope,
        discovered: policykg::corpus::cooccurrence::Discovered::Included,
        ..ExportOptions::default()
    }
}

/// Exports `options` into `dir/name` (a directory for CSV).
fn export_to(store: &Store, options: &ExportOptions, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    export::export(store, options, &path).unwrap();
    path
}

/// What a reader saw in one export.
#[derive(Debug, Deserialize, PartialEq)]
struct Seen {
    nodes: usize,
    edges: usize,
    weight: f64,
    edge_list: Vec<(String, String, f64)>,
    labels: BTreeMap<String, Option<String>>,
    #[serde(default)]
    bom: Vec<bool>,
}

/// Runs a reader script of `tests/readers` on `args`; a missing Python or
/// module fails the test.
fn python<T: serde::de::DeserializeOwned>(script: &str, args: &[&Path]) -> T {
    let readers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readers");
    let output = Command::new("python3")
        .arg(readers.join(script))
        .args(args)
        .output()
        .expect("python3 is needed to run the export readers");
    assert!(
        output.status.success(),
        "{script} failed (CI must `pip install networkx igraph rdflib`):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The CSV export in `dir` as the csv crate reads it.
fn read_csv(dir: &Path) -> Seen {
    let open = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let bom = bytes.starts_with("\u{FEFF}".as_bytes());
        let text = String::from_utf8(bytes).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<BTreeMap<String, String>> = reader
            .records()
            .map(|r| {
                headers
                    .iter()
                    .map(str::to_owned)
                    .zip(r.unwrap().iter().map(str::to_owned))
                    .collect()
            })
            .collect();
        (bom, rows)
    };
    let (nodes_bom, nodes) = open("nodes.csv");
    let (edges_bom, edges) = open("edges.csv");
    let mut edge_list: Vec<(String, String, f64)> = edges
        .iter()
        .map(|row| {
            let (a, b) = (row["Source"].clone(), row["Target"].clone());
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            (a, b, row["Weight"].parse().unwrap())
        })
        .collect();
    edge_list.sort_by(|x, y| x.partial_cmp(y).unwrap());
    Seen {
        nodes: nodes.len(),
        edges: edges.len(),
        weight: edge_list.iter().map(|e| e.2).sum(),
        edge_list,
        labels: nodes
            .iter()
            .map(|row| (row["Id"].clone(), Some(row["Label"].clone())))
            .collect(),
        bom: vec![nodes_bom, edges_bom],
    }
}

/// Node count, edge count and weight total by SPARQL over the store,
/// derived independently of the exporter: co-occurring pairs by the
/// `kg:mentions` shortcuts of the scope's units (paragraph or article),
/// from the scope's `kg:minCount` as the export's default, discovered
/// terms included; article–concept pairs and shared concepts by the
/// `kg:mentions` shortcuts too, which the exporter does not read; mention
/// totals by `kg:Mention`. A concept network holds only concepts with an
/// edge.
fn sparql_counts(store: &Store, graph: GraphKind, scope: Scope) -> (usize, usize, f64) {
    let corpus = vocab::CORPUS_GRAPH;
    let class = scope.class();
    let min_count = count(
        store,
        &format!(
            "SELECT ?n WHERE {{ GRAPH <{corpus}> {{ <{}> kg:minCount ?n }} }}",
            scope.iri().as_str()
        ),
    );
    let pair_counts = format!(
        "SELECT ?a ?b (COUNT(DISTINCT ?u) AS ?w) WHERE {{
           ?u a {class} ; kg:mentions ?a , ?b FILTER(STR(?a) < STR(?b))
         }} GROUP BY ?a ?b HAVING (COUNT(DISTINCT ?u) >= {min_count})"
    );
    let ends = format!(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
           {{ {pair_counts} }} VALUES ?side {{ 0 1 }} BIND(IF(?side = 0, ?a, ?b) AS ?c) }}"
    );
    let concepts = format!(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
           {{ ?m a kg:Mention ; kg:concept ?c }}
           UNION {{ {{ {pair_counts} }} VALUES ?side {{ 0 1 }} BIND(IF(?side = 0, ?a, ?b) AS ?c) }}
         }}"
    );
    let cooc = format!("SELECT (COUNT(*) AS ?n) WHERE {{ {{ {pair_counts} }} }}");
    let cooc_weight = format!("SELECT (SUM(?w) AS ?n) WHERE {{ {{ {pair_counts} }} }}");
    let mentioned = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?m a kg:Mention ; kg:concept ?c }";
    let articles = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }";
    // The mentions network links an article to the concepts of its body
    // (weighted by mentions); a concept named only in its title or a
    // heading (a kg:HeadingMention) is no edge.
    let body =
        "?m a kg:Mention ; kg:concept ?c ; kg:context/dcterms:isPartOf+ ?a . ?a a kg:Article";
    let mentioning = format!("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {body} }}");
    let pairs =
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?a ?c WHERE {{ {body} }} }}");
    let mentions = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Mention }";
    let shared = format!(
        "SELECT ?a ?b (COUNT(DISTINCT ?c) AS ?s) WHERE {{
           {{ SELECT DISTINCT ?a ?c WHERE {{ {body} }} }}
           {{ SELECT DISTINCT ?b ?c WHERE {{ ?n a kg:Mention ; kg:concept ?c ; kg:context/dcterms:isPartOf+ ?b . ?b a kg:Article }} }}
           FILTER(STR(?a) < STR(?b))
         }} GROUP BY ?a ?b"
    );
    let shared_edges = format!("SELECT (COUNT(*) AS ?n) WHERE {{ {{ {shared} }} }}");
    let shared_weight = format!("SELECT (SUM(?s) AS ?n) WHERE {{ {{ {shared} }} }}");
    let c = |q: &str| count(store, q);
    let w = |q: &str| number(store, q);
    match graph {
        GraphKind::Concepts => (c(&ends), c(&cooc), w(&cooc_weight)),
        GraphKind::Mentions => (c(mentioned) + c(&mentioning), c(&pairs), w(mentions)),
        GraphKind::Articles => (c(articles), c(&shared_edges), w(&shared_weight)),
        GraphKind::All => (
            c(&concepts) + c(articles),
            c(&cooc) + c(&pairs) + c(&shared_edges),
            w(&cooc_weight) + w(mentions) + w(&shared_weight),
        ),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------
// Network exports on the real corpus

/// The networks every agreement test looks at.
const NETWORKS: &[(GraphKind, Scope)] = &[
    (GraphKind::Concepts, Scope::Paragraph),
    (GraphKind::Concepts, Scope::Article),
    (GraphKind::Mentions, Scope::Sentence),
    (GraphKind::Articles, Scope::Sentence),
    (GraphKind::All, Scope::Paragraph),
];

#[test]
fn graphml_read_by_networkx_and_igraph_agrees_with_csv_and_sparql() {
    let store = real();
    let dir = TempDir::new().unwrap();
    let mut graphml = Vec::new();
    let mut csvs = Vec::new();
    for (i, &(graph, scope)) in NETWORKS.iter().enumerate() {
        graphml.push(export_to(
            store,
            &options(Format::GraphMl, graph, scope),
            dir.path(),
            &format!("{i}.graphml"),
        ));
        csvs.push(export_to(
            store,
            &options(Format::Csv, graph, scope),
            dir.path(),
            &format!("{i}-csv"),
        ));
    }
    let graphml_paths: Vec<&Path> = graphml.iter().map(PathBuf::as_path).collect();
    let csv_paths: Vec<&Path> = csvs.iter().map(PathBuf::as_path).collect();
    let networkx: Vec<Seen> = python("graphml_networkx.py", &graphml_paths);
    let igraph: Vec<Seen> = python("graphml_igraph.py", &graphml_paths);
    let python_csv: Vec<Seen> = python("csv_python.py", &csv_paths);
    for (i, &(graph, scope)) in NETWORKS.iter().enumerate() {
        let what = format!("{graph:?} network, {scope:?} scope");
        let rust_csv = read_csv(&csvs[i]);
        let (nodes, edges, weight) = sparql_counts(store, graph, scope);
        assert!(edges > 0, "{what}: the corpus should give edges");
        for (reader, seen) in [
            ("networkx", &networkx[i]),
            ("igraph", &igraph[i]),
            ("python csv", &python_csv[i]),
            ("csv crate", &rust_csv),
        ] {
            assert_eq!(
                (seen.nodes, seen.edges),
                (nodes, edges),
                "{what}: {reader} vs SPARQL"
            );
            assert!(
                close(seen.weight, weight),
                "{what}: {reader} weight {} vs SPARQL {weight}",
                seen.weight
            );
            assert_eq!(
                seen.edge_list, rust_csv.edge_list,
                "{what}: {reader} edges vs CSV"
            );
            assert_eq!(
                seen.labels, rust_csv.labels,
                "{what}: {reader} labels vs CSV"
            );
        }
    }
}

#[test]
fn concept_nodes_carry_chinese_labels_and_stable_ids() {
    let network = export::network(real(), &ExportOptions::default()).unwrap();
    let node = network
        .nodes
        .iter()
        .find(|n| n.id == "kgc:经济全球化")
        .expect("经济全球化 is mentioned in the dev corpus");
    assert_eq!(node.label, "经济全球化");
    assert!(network
        .nodes
        .iter()
        .all(|n| !n.id.is_empty() && !n.label.is_empty()));
    let ids: Vec<&str> = network.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "node ids are unique and sorted");
    let names: Vec<&str> = network
        .node_attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        &names[..4],
        ["type", "iri", "mentionCount", "documentCount"]
    );
    assert!(
        names.contains(&"community") && names.contains(&"pagerank"),
        "{names:?}"
    );
    let edge_names: Vec<&str> = network
        .edge_attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        &edge_names[..3],
        ["kind", "count", "npmi"],
        "{edge_names:?}"
    );
}

#[test]
fn csv_has_gephi_headers_and_the_excel_bom_on_request() {
    let store = real();
    let dir = TempDir::new().unwrap();
    let plain = export_to(
        store,
        &options(Format::Csv, GraphKind::All, Scope::Sentence),
        dir.path(),
        "plain",
    );
    let excel = ExportOptions {
        excel_bom: true,
        ..options(Format::Csv, GraphKind::All, Scope::Sentence)
    };
    let bom = export_to(store, &excel, dir.path(), "excel");
    let seen: Vec<serde_json::Value> = python("csv_python.py", &[&plain, &bom]);
    assert_eq!(seen[0]["bom"], serde_json::json!([false, false]));
    assert_eq!(seen[1]["bom"], serde_json::json!([true, true]));
    for s in &seen {
        let header = s["node_header"].as_array().unwrap();
        assert_eq!(
            header[..3],
            [serde_json::json!("Id"), "Label".into(), "type".into()]
        );
        let header = s["edge_header"].as_array().unwrap();
        let want: Vec<serde_json::Value> = ["Source", "Target", "Type", "Weight", "kind", "count"]
            .map(Into::into)
            .to_vec();
        assert_eq!(header[..6], want[..]);
    }
    assert_eq!(seen[0]["labels"], seen[1]["labels"]);
    assert_eq!(read_csv(&bom).bom, [true, true]);
    let bytes = std::fs::read(bom.join("nodes.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFId,Label,type,"));
    let text = std::fs::read_to_string(plain.join("edges.csv")).unwrap();
    assert!(text
        .lines()
        .skip(1)
        .all(|l| l.split(',').nth(2) == Some("Undirected")));
}

#[test]
fn gexf_is_well_formed_and_holds_every_node_and_edge() {
    let store = real();
    let mut out = Vec::new();
    let summary = export::write(
        store,
        &options(Format::Gexf, GraphKind::All, Scope::Paragraph),
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut nodes, mut edges, mut attributes, mut root) = (0, 0, 0, None);
    let mut ids = BTreeSet::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                root.get_or_insert(name.clone());
                let attr = |key: &[u8]| {
                    e.try_get_attribute(key)
                        .unwrap()
                        .map(|a| a.unescape_value().unwrap().into_owned())
                };
                match name.as_str() {
                    "node" => {
                        nodes += 1;
                        let id = attr(b"id").unwrap();
                        assert!(!id.is_empty());
                        ids.insert(id);
                    }
                    "edge" => {
                        edges += 1;
                        assert!(ids.contains(&attr(b"source").unwrap()));
                        assert!(ids.contains(&attr(b"target").unwrap()));
                        attr(b"weight").unwrap().parse::<f64>().unwrap();
                    }
                    "attribute" => attributes += 1,
                    "gexf" => assert_eq!(attr(b"version").as_deref(), Some("1.3")),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("gexf"));
    assert_eq!((nodes, edges), (summary.nodes, summary.edges));
    assert_eq!(ids.len(), nodes, "ids are unique");
    let (want_nodes, want_edges, _) = sparql_counts(store, GraphKind::All, Scope::Paragraph);
    assert_eq!((nodes, edges), (want_nodes, want_edges));
    assert!(attributes > 5);
}

#[test]
fn dot_is_an_undirected_graph_with_quoted_ids() {
    let mut out = Vec::new();
    let summary = export::write(
        real(),
        &options(Format::Dot, GraphKind::Concepts, Scope::Sentence),
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "graph \"policykg\" {");
    assert_eq!(*lines.last().unwrap(), "}");
    let edges: Vec<&&str> = lines.iter().filter(|l| l.contains(" -- ")).collect();
    assert_eq!(edges.len(), summary.edges);
    assert_eq!(lines.len() - 2 - edges.len(), summary.nodes);
    assert!(edges.iter().all(|l| l.starts_with("  \"")
        && l.contains("\" -- \"")
        && l.ends_with("];")
        && l.contains("weight=")));
    assert!(text.contains("  \"kgc:经济全球化\" [label=\"经济全球化\", "));
    assert!(!text.contains("->"));
}

// ---------------------------------------------------------------------------
// Filters

#[test]
fn min_weight_drops_light_edges_and_the_nodes_they_leave_alone() {
    let full = export::network(real(), &ExportOptions::default()).unwrap();
    let mut weights: Vec<f64> = full.edges.iter().map(|e| e.weight).collect();
    weights.sort_by(f64::total_cmp);
    weights.dedup();
    let threshold = weights[1];
    let heavy = export::network(
        real(),
        &ExportOptions {
            min_weight: Some(threshold),
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let want = full.edges.iter().filter(|e| e.weight >= threshold).count();
    assert!(want > 0 && want < full.edges.len());
    assert_eq!(heavy.edges.len(), want);
    let linked: BTreeSet<&str> = heavy
        .edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let nodes: BTreeSet<&str> = heavy.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(linked, nodes);
}

#[test]
fn top_keeps_the_heaviest_nodes_and_the_edges_among_them() {
    let full = export::network(real(), &ExportOptions::default()).unwrap();
    let top = export::network(
        real(),
        &ExportOptions {
            top: Some(10),
            ..ExportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(top.nodes.len(), 10);
    let mut strength: BTreeMap<&str, f64> =
        full.nodes.iter().map(|n| (n.id.as_str(), 0.0)).collect();
    for e in &full.edges {
        *strength.get_mut(e.source.as_str()).unwrap() += e.weight;
        *strength.get_mut(e.target.as_str()).unwrap() += e.weight;
    }
    let weakest_kept = top
        .nodes
        .iter()
        .map(|n| strength[n.id.as_str()])
        .fold(f64::INFINITY, f64::min);
    let kept: BTreeSet<&str> = top.nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(strength
        .iter()
        .filter(|(id, _)| !kept.contains(*id))
        .all(|(_, s)| *s <= weakest_kept));
    let among = full
        .edges
        .iter()
        .filter(|e| kept.contains(e.source.as_str()) && kept.contains(e.target.as_str()))
        .count();
    assert_eq!(top.edges.len(), among);
    assert!(kept.contains("kgc:经济全球化"));
}

#[test]
fn concept_filter_keeps_the_concept_and_its_neighbours() {
    let full = export::network(real(), &ExportOptions::default()).unwrap();
    let seed = "kgc:经济全球化";
    let neighbours: BTreeSet<&str> = full
        .edges
        .iter()
        .filter_map(|e| match (e.source.as_str(), e.target.as_str()) {
            (s, t) if s == seed => Some(t),
            (s, t) if t == seed => Some(s),
            _ => None,
        })
        .chain([seed])
        .collect();
    for name in ["经济全球化", "economic globalization", seed] {
        let ego = export::network(
            real(),
            &ExportOptions {
                concepts: vec![name.to_owned()],
                ..ExportOptions::default()
            },
        )
        .unwrap();
        let ids: BTreeSet<&str> = ego.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, neighbours, "by {name}");
        let among = full
            .edges
            .iter()
            .filter(|e| ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()))
            .count();
        assert_eq!(ego.edges.len(), among);
    }
    let unknown = export::network(
        real(),
        &ExportOptions {
            concepts: vec!["没有这个概念".to_owned()],
            ..ExportOptions::default()
        },
    );
    assert!(matches!(unknown, Err(Error::Usage(m)) if m.contains("没有这个概念")));
}

#[test]
fn options_that_do_not_fit_are_usage_errors() {
    let store = real();
    let csv_to_stream = export::write(
        store,
        &options(Format::Csv, GraphKind::Concepts, Scope::Sentence),
        &mut Vec::new(),
    );
    assert!(matches!(csv_to_stream, Err(Error::Usage(_))));
    let filtered_dump = ExportOptions {
        top: Some(3),
        ..options(Format::NQuads, GraphKind::All, Scope::Sentence)
    };
    assert!(matches!(
        export::write(store, &filtered_dump, &mut Vec::new()),
        Err(Error::Usage(_))
    ));
    let named_network = ExportOptions {
        named_graph: Some("corpus".to_owned()),
        ..options(Format::GraphMl, GraphKind::All, Scope::Sentence)
    };
    assert!(matches!(
        export::write(store, &named_network, &mut Vec::new()),
        Err(Error::Usage(_))
    ));
    let missing = ExportOptions {
        named_graph: Some("kgid:doc/0000000000000000".to_owned()),
        ..options(Format::NQuads, GraphKind::All, Scope::Sentence)
    };
    assert!(matches!(
        export::write(store, &missing, &mut Vec::new()),
        Err(Error::Usage(_))
    ));
    assert!(matches!("xlsx".parse::<Format>(), Err(Error::Usage(_))));
    assert_eq!("ttl".parse::<Format>().unwrap(), Format::Turtle);
    assert_eq!(
        "Articles".parse::<GraphKind>().unwrap(),
        GraphKind::Articles
    );
}

// ---------------------------------------------------------------------------
// RDF dumps

/// Parses RDF bytes with Oxigraph.
fn parse(format: RdfFormat, bytes: &[u8]) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn nquads_dump_reloads_into_a_fresh_store_and_into_rdflib() {
    let store = real();
    let dir = TempDir::new().unwrap();
    let path = export_to(
        store,
        &options(Format::NQuads, GraphKind::All, Scope::Sentence),
        dir.path(),
        "store.nq",
    );
    let quads = parse(RdfFormat::NQuads, &std::fs::read(&path).unwrap());
    let total = store.len().unwrap();
    assert_eq!(quads.len(), total);
    let fresh = Store::open(&dir.path().join("fresh")).unwrap();
    fresh.bulk_load(quads).unwrap();
    assert_eq!(fresh.len().unwrap(), total);
    assert_eq!(
        fresh.stats().unwrap().concepts,
        store.stats().unwrap().concepts
    );
    let counted: Vec<usize> = python("rdflib_count.py", &[Path::new("nquads"), &path]);
    assert_eq!(counted, [total]);
}

#[test]
fn trig_and_turtle_dumps_parse_back() {
    let store = real();
    let dir = TempDir::new().unwrap();
    let trig = export_to(
        store,
        &options(Format::TriG, GraphKind::All, Scope::Sentence),
        dir.path(),
        "store.trig",
    );
    let nquads = export_to(
        store,
        &options(Format::NQuads, GraphKind::All, Scope::Sentence),
        dir.path(),
        "store.nq",
    );
    let from_trig: std::collections::HashSet<Quad> =
        parse(RdfFormat::TriG, &std::fs::read(&trig).unwrap())
            .into_iter()
            .collect();
    let from_nquads: std::collections::HashSet<Quad> =
        parse(RdfFormat::NQuads, &std::fs::read(&nquads).unwrap())
            .into_iter()
            .collect();
    assert_eq!(from_trig.len(), store.len().unwrap());
    assert_eq!(from_trig, from_nquads);
    let text = std::fs::read_to_string(&trig).unwrap();
    assert!(text.contains("@prefix kg: <https://w3id.org/policykg/ns#>"));

    let corpus = ExportOptions {
        named_graph: Some("corpus".to_owned()),
        ..options(Format::Turtle, GraphKind::All, Scope::Sentence)
    };
    let turtle = export_to(store, &corpus, dir.path(), "corpus.ttl");
    let triples = parse(RdfFormat::Turtle, &std::fs::read(&turtle).unwrap());
    let want = count(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
            vocab::CORPUS_GRAPH
        ),
    );
    assert!(want > 0);
    assert_eq!(triples.len(), want);

    let union = export_to(
        store,
        &options(Format::Turtle, GraphKind::All, Scope::Sentence),
        dir.path(),
        "union.ttl",
    );
    let summary_triples = parse(RdfFormat::Turtle, &std::fs::read(&union).unwrap()).len();
    let distinct = count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    );
    assert_eq!(summary_triples, distinct);

    let counted: Vec<usize> = python("rdflib_count.py", &[Path::new("trig"), &trig]);
    assert_eq!(counted, [store.len().unwrap()]);
    let counted: Vec<usize> = python("rdflib_count.py", &[Path::new("turtle"), &turtle, &union]);
    assert_eq!(counted, [want, distinct]);
}

// ---------------------------------------------------------------------------
// Determinism

/// Every format, with and without filters.
fn every_export() -> Vec<(String, ExportOptions)> {
    let mut all = Vec::new();
    for format in [Format::Csv, Format::GraphMl, Format::Gexf, Format::Dot] {
        for graph in [
            GraphKind::Concepts,
            GraphKind::Mentions,
            GraphKind::Articles,
            GraphKind::All,
        ] {
            all.push((
                format!("{format}-{graph:?}"),
                options(format, graph, Scope::Paragraph),
            ));
        }
        let filtered = ExportOptions {
            min_weight: Some(2.0),
            top: Some(25),
            excel_bom: true,
            ..options(format, GraphKind::Concepts, Scope::Sentence)
        };
        all.push((format!("{format}-filtered"), filtered));
    }
    for format in [Format::NQuads, Format::TriG, Format::Turtle] {
        all.push((
            format!("{format}-store"),
            options(format, GraphKind::All, Scope::Sentence),
        ));
        let corpus = ExportOptions {
            named_graph: Some("vocabulary".to_owned()),
            ..options(format, GraphKind::All, Scope::Sentence)
        };
        all.push((format!("{format}-vocabulary"), corpus));
    }
    all
}

/// The bytes of every file under `path` (a file or a CSV directory).
fn contents(path: &Path) -> BTreeMap<String, Vec<u8>> {
    if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    } else {
        BTreeMap::from([(String::new(), std::fs::read(path).unwrap())])
    }
}

#[test]
fn two_builds_from_the_same_inputs_export_the_same_bytes() {
    let first = real();
    let second = build_real();
    let dir = TempDir::new().unwrap();
    for (name, options) in every_export() {
        let a = export_to(first, &options, dir.path(), &format!("a-{name}"));
        let b = export_to(&second.store, &options, dir.path(), &format!("b-{name}"));
        let (a, b) = (contents(&a), contents(&b));
        assert!(!a.values().any(Vec::is_empty), "{name} is empty");
        assert!(a == b, "{name} differs between two builds");
    }
}

// ---------------------------------------------------------------------------
// Awkward text: a small hand-made store

/// Labels a spreadsheet would run, and one with characters XML forbids.
const FORMULA_LABELS: &[&str] = &[
    "=HYPERLINK(\"http://evil\")",
    "+86",
    "-2",
    "@SUM(A1)",
    "\t制表",
];
const DIRTY_LABEL: &str = "坏\u{1}字\u{FFFE}符<&>\"'";
const CLEAN_LABEL: &str = "坏字符<&>\"'";
const ARTICLE_TITLE: &str = "=cmd|' /C calc'!A0";

/// One article whose single sentence mentions every fixture concept, which
/// all co-occur with 经济全球化 (npmi -0.5), and a formula-like fact.
fn awkward_store() -> Built {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let iri = |s: &str| NamedNode::new(s).unwrap();
    let kgc = |local: &str| iri(&format!("{}{local}", vocab::KGC));
    let doc = iri(&format!("{}doc/test", vocab::KGID));
    let article = iri(&format!("{}doc/test/a1", vocab::KGID));
    let paragraph = iri(&format!("{}doc/test/a1/p1", vocab::KGID));
    let sentence = iri(&format!("{}doc/test/a1/p1/s1", vocab::KGID));
    let dc = |local: &str| iri(&format!("{}{local}", vocab::DCTERMS));
    let pref = iri(&format!("{}prefLabel", vocab::SKOS));
    let good = kgc("经济全球化");
    let mut labels: Vec<(NamedNode, &str)> =
        vec![(good.clone(), "经济全球化"), (kgc("dirty"), DIRTY_LABEL)];
    labels.extend(
        FORMULA_LABELS
            .iter()
            .enumerate()
            .map(|(i, l)| (kgc(&format!("formula{i}")), *l)),
    );

    let lexicon = iri(vocab::LEXICON_GRAPH);
    let mut quads = Vec::new();
    for (concept, label) in &labels {
        quads.push(Quad::new(
            concept.clone(),
            rdf::TYPE,
            iri(&format!("{}Concept", vocab::SKOS)),
            lexicon.clone(),
        ));
        let label = Literal::new_language_tagged_literal(*label, "zh").unwrap();
        quads.push(Quad::new(
            concept.clone(),
            pref.clone(),
            label,
            lexicon.clone(),
        ));
    }
    store.replace_graph(&lexicon, quads).unwrap();

    let mut quads = vec![
        Quad::new(doc.clone(), rdf::TYPE, kg("Document"), doc.clone()),
        Quad::new(
            doc.clone(),
            dc("source"),
            Literal::from("test.txt"),
            doc.clone(),
        ),
        Quad::new(article.clone(), rdf::TYPE, kg("Article"), doc.clone()),
        Quad::new(article.clone(), dc("isPartOf"), doc.clone(), doc.clone()),
        Quad::new(
            article.clone(),
            dc("title"),
            Literal::from(ARTICLE_TITLE),
            doc.clone(),
        ),
        Quad::new(paragraph.clone(), rdf::TYPE, kg("Paragraph"), doc.clone()),
        Quad::new(
            paragraph.clone(),
            dc("isPartOf"),
            article.clone(),
            doc.clone(),
        ),
        Quad::new(sentence.clone(), rdf::TYPE, kg("Sentence"), doc.clone()),
        Quad::new(
            sentence.clone(),
            dc("isPartOf"),
            paragraph.clone(),
            doc.clone(),
        ),
    ];
    for (i, (concept, _)) in labels.iter().enumerate() {
        let mention = iri(&format!("{}doc/test/a1/p1/s1/m{i}", vocab::KGID));
        quads.push(Quad::new(
            mention.clone(),
            rdf::TYPE,
            kg("Mention"),
            doc.clone(),
        ));
        quads.push(Quad::new(
            mention.clone(),
            kg("concept"),
            concept.clone(),
            doc.clone(),
        ));
        quads.push(Quad::new(
            mention.clone(),
            kg("context"),
            sentence.clone(),
            doc.clone(),
        ));
        for part in [&sentence, &paragraph, &article] {
            quads.push(Quad::new(
                part.clone(),
                kg("mentions"),
                concept.clone(),
                doc.clone(),
            ));
        }
    }
    // What policykg states for corpus statistics: one sentence, paragraph
    // and article mentioning every concept once.
    let indices: Vec<String> = (0..labels.len()).map(|i| i.to_string()).collect();
    let incidence = format!(
        "c {}\nn 1 1 1\na 1 {}\np {}\ns {}",
        labels
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        indices
            .iter()
            .map(|i| format!("{i}:1"))
            .collect::<Vec<_>>()
            .join(" "),
        indices.join(" "),
        indices.join(" "),
    );
    quads.push(Quad::new(
        doc.clone(),
        kg("conceptIncidence"),
        Literal::from(incidence),
        doc.clone(),
    ));
    store.replace_graph(&doc, quads).unwrap();

    let corpus = iri(vocab::CORPUS_GRAPH);
    let mut quads = vec![Quad::new(
        good.clone(),
        kg("note"),
        Literal::from("=1+1"),
        corpus.clone(),
    )];
    for (i, (concept, _)) in labels.iter().enumerate().skip(1) {
        let co = iri(&format!("{}cooc/sentence/{i}", vocab::KGID));
        quads.push(Quad::new(
            co.clone(),
            rdf::TYPE,
            kg("Cooccurrence"),
            corpus.clone(),
        ));
        quads.push(Quad::new(
            co.clone(),
            kg("concept"),
            good.clone(),
            corpus.clone(),
        ));
        quads.push(Quad::new(
            co.clone(),
            kg("concept"),
            concept.clone(),
            corpus.clone(),
        ));
        quads.push(Quad::new(
            co.clone(),
            kg("scope"),
            kg("SentenceScope"),
            corpus.clone(),
        ));
        quads.push(Quad::new(
            co.clone(),
            kg("count"),
            Literal::from(1),
            corpus.clone(),
        ));
        quads.push(Quad::new(
            co.clone(),
            kg("npmi"),
            Literal::from(-0.5),
            corpus.clone(),
        ));
    }
    store.replace_graph(&corpus, quads).unwrap();
    Built { _dir: dir, store }
}

#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralised() {
    let built = awkward_store();
    let dir = TempDir::new().unwrap();
    let options = ExportOptions {
        excel_bom: true,
        ..options(Format::Csv, GraphKind::All, Scope::Sentence)
    };
    let out = export_to(&built.store, &options, dir.path(), "csv");
    let seen = read_csv(&out);
    let labels: BTreeSet<String> = seen.labels.values().flatten().cloned().collect();
    for label in FORMULA_LABELS.iter().chain([&ARTICLE_TITLE]) {
        assert!(
            labels.contains(&format!("'{label}")),
            "{label:?} not neutralised in {labels:?}"
        );
    }
    assert!(labels.contains("经济全球化"));
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    assert!(
        nodes.contains(",'=1+1"),
        "text facts are neutralised too:\n{nodes}"
    );
    let edges = std::fs::read_to_string(out.join("edges.csv")).unwrap();
    let mut rows = edges.lines();
    let header: Vec<&str> = rows
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let first_number = header.iter().position(|h| *h == "count").unwrap();
    let mut cooccurrences = 0;
    for row in rows {
        let cells: Vec<&str> = row.split(',').collect();
        if cells[4] != "cooccurrence" {
            continue;
        }
        cooccurrences += 1;
        for cell in &cells[first_number..] {
            assert!(
                cell.is_empty() || cell.parse::<f64>().is_ok(),
                "numbers stay numbers: {row}"
            );
        }
    }
    let concepts = FORMULA_LABELS.len() + 2;
    assert_eq!(
        cooccurrences,
        concepts * (concepts - 1) / 2,
        "one sentence mentions every concept:\n{edges}"
    );
    let python: Vec<Seen> = python("csv_python.py", &[&out]);
    assert_eq!(python[0].bom, [true, true]);
    assert_eq!(python[0].labels, seen.labels);
}

#[test]
fn graphml_and_gexf_leave_out_characters_xml_forbids() {
    let built = awkward_store();
    let dir = TempDir::new().unwrap();
    let graphml = export_to(
        &built.store,
        &options(Format::GraphMl, GraphKind::All, Scope::Sentence),
        dir.path(),
        "g.graphml",
    );
    let gexf = export_to(
        &built.store,
        &options(Format::Gexf, GraphKind::All, Scope::Sentence),
        dir.path(),
        "g.gexf",
    );
    for path in [&graphml, &gexf] {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(!text.contains('\u{1}') && !text.contains('\u{FFFE}'));
        let mut reader = quick_xml::Reader::from_str(&text);
        while reader.read_event().unwrap() != quick_xml::events::Event::Eof {}
    }
    let text = std::fs::read_to_string(&graphml).unwrap();
    assert!(!text.contains("for=\"graph\"") && !text.contains("for=\"all\""));
    assert!(text.contains("<!-- edges: concept pairs mentioned together in at least 1 units"));
    assert!(text.contains(r#"<key id="n0" for="node" attr.name="label" attr.type="string"/>"#));
    assert!(text.contains(r#"<key id="e0" for="edge" attr.name="weight" attr.type="double"/>"#));
    assert!(text.contains(r#"edgedefault="undirected""#));
    assert!(!text.contains(r#"id="""#));
    for script in ["graphml_networkx.py", "graphml_igraph.py"] {
        let seen: Vec<Seen> = python(script, &[&graphml]);
        assert_eq!(
            seen[0].labels.get("kgc:dirty"),
            Some(&Some(CLEAN_LABEL.to_owned())),
            "{script}"
        );
        assert_eq!(
            seen[0].labels.get("kgid:doc/test/a1"),
            Some(&Some(ARTICLE_TITLE.to_owned())),
            "{script}"
        );
        assert_eq!(
            seen[0].labels.get("kgc:formula4"),
            Some(&Some("\t制表".to_owned())),
            "{script}"
        );
        assert_eq!(seen[0].nodes, labels_count() + 1);
    }
}

fn labels_count() -> usize {
    FORMULA_LABELS.len() + 2
}

// ---------------------------------------------------------------------------
// Edges of the input space

#[test]
fn an_empty_store_exports_empty_but_valid_files() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    for format in [
        Format::GraphMl,
        Format::Gexf,
        Format::Dot,
        Format::NQuads,
        Format::TriG,
    ] {
        let mut out = Vec::new();
        let summary = export::write(
            &store,
            &options(format, GraphKind::All, Scope::Paragraph),
            &mut out,
        )
        .unwrap();
        assert_eq!(
            (summary.nodes, summary.edges, summary.quads),
            (0, 0, 0),
            "{format}"
        );
        if matches!(format, Format::GraphMl | Format::Gexf) {
            let text = String::from_utf8(out).unwrap();
            let mut reader = quick_xml::Reader::from_str(&text);
            while reader.read_event().unwrap() != quick_xml::events::Event::Eof {}
        }
    }
    let graphml = export_to(
        &store,
        &options(Format::GraphMl, GraphKind::All, Scope::Paragraph),
        dir.path(),
        "empty.graphml",
    );
    let csv = export_to(
        &store,
        &options(Format::Csv, GraphKind::All, Scope::Paragraph),
        dir.path(),
        "csv",
    );
    for script in ["graphml_networkx.py", "graphml_igraph.py"] {
        let seen: Vec<Seen> = python(script, &[&graphml]);
        assert_eq!((seen[0].nodes, seen[0].edges), (0, 0), "{script}");
    }
    let seen = read_csv(&csv);
    assert_eq!((seen.nodes, seen.edges), (0, 0));
}

#[test]
fn a_failed_export_leaves_the_existing_file_alone() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("kept.graphml");
    std::fs::write(&path, "earlier export").unwrap();
    let unknown = ExportOptions {
        concepts: vec!["没有这个概念".to_owned()],
        ..options(Format::GraphMl, GraphKind::Concepts, Scope::Paragraph)
    };
    assert!(matches!(
        export::export(real(), &unknown, &path),
        Err(Error::Usage(_))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "earlier export");
}

#[test]
fn the_binary_exports_what_the_library_does() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("db");
    let seed = common::shared().join("corpus/seed");
    let policykg = || {
        let mut cmd = assert_cmd::Command::cargo_bin("policykg").unwrap();
        cmd.arg("--db").arg(&db);
        cmd
    };
    policykg().arg("ingest").arg(&seed).assert().success();
    let file = dir.path().join("c.graphml");
    policykg()
        .args([
            "export", "--format", "graphml", "--scope", "sentence", "--out",
        ])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicates::str::contains("wrote"));
    let folder = dir.path().join("gephi");
    policykg()
        .args([
            "export", "--format", "csv", "--graph", "all", "--excel", "--out",
        ])
        .arg(&folder)
        .assert()
        .success();
    let stdout = policykg()
        .args(["export", "--format", "nquads", "--named-graph", "corpus"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let store = Store::open(&db).unwrap();
    let mut library = Vec::new();
    export::write(
        &store,
        &options(Format::GraphMl, GraphKind::Concepts, Scope::Sentence),
        &mut library,
    )
    .unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), library);
    assert!(std::fs::read(folder.join("nodes.csv"))
        .unwrap()
        .starts_with("\u{FEFF}Id,Label,".as_bytes()));
    let corpus = ExportOptions {
        named_graph: Some("corpus".to_owned()),
        ..options(Format::NQuads, GraphKind::All, Scope::Sentence)
    };
    let mut library = Vec::new();
    export::write(&store, &corpus, &mut library).unwrap();
    assert!(!library.is_empty());
    assert_eq!(stdout, library);
}

#[test]
fn a_concept_network_around_a_concept_is_not_empty_and_isolated_concepts_are_asked_for() {
    let store = real();
    let around = ExportOptions {
        concepts: vec!["制度型开放".to_owned()],
        ..options(Format::GraphMl, GraphKind::Concepts, Scope::Paragraph)
    };
    let summary = export::write(store, &around, &mut Vec::new()).unwrap();
    assert!(
        summary.nodes > 1 && summary.edges > 0,
        "制度型开放 and its neighbours: {summary:?}"
    );
    let whole = options(Format::GraphMl, GraphKind::Concepts, Scope::Paragraph);
    let mut out = Vec::new();
    let linked = export::write(store, &whole, &mut out).unwrap();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("g.graphml");
    std::fs::write(&path, &out).unwrap();
    let seen: Vec<Seen> = python("graphml_networkx.py", &[&path]);
    assert_eq!(seen[0].nodes, linked.nodes);
    let ends: BTreeSet<&String> = seen[0]
        .edge_list
        .iter()
        .flat_map(|(a, b, _)| [a, b])
        .collect();
    assert_eq!(ends.len(), linked.nodes, "every node has an edge");
    let isolated = ExportOptions {
        isolated: true,
        ..whole
    };
    let all = export::write(store, &isolated, &mut Vec::new()).unwrap();
    assert_eq!(all.edges, linked.edges);
    assert!(all.nodes > linked.nodes, "{all:?} vs {linked:?}");
}
