//! Integration tests of the store and query modules on a real on-disk
//! Oxigraph store in a temporary directory: graph replacement and removal,
//! document facts, the union default graph, every output format (read back
//! with independent parsers), syntax errors, timeouts and statistics.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use policykg::query::{self, display_width, QueryOptions, ResultFormat};
use policykg::store::Store;
use policykg::{rdf::vocab, Error};
use std::io::{self, Write};
use std::time::Duration;
use tempfile::TempDir;

const EX: &str = "http://example.com/";

fn open_store() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    (dir, store)
}

fn ex(local: &str) -> NamedNode {
    NamedNode::new(format!("{EX}{local}")).unwrap()
}

fn kg(local: &str) -> NamedNode {
    NamedNode::new(vocab::kg(local)).unwrap()
}

fn rdf_type() -> NamedNode {
    NamedNode::new(format!("{}type", vocab::RDF)).unwrap()
}

fn quad(
    subject: &NamedNode,
    predicate: &NamedNode,
    object: impl Into<Term>,
    graph: &NamedNode,
) -> Quad {
    Quad::new(subject.clone(), predicate.clone(), object, graph.clone())
}

/// A document graph as `rdf` would write it: the document is its graph.
fn document_quads(graph: &NamedNode, source: &str, sha256: &str) -> Vec<Quad> {
    vec![
        quad(graph, &rdf_type(), kg("Document"), graph),
        quad(
            graph,
            &NamedNode::new(format!("{}source", vocab::DCTERMS)).unwrap(),
            Literal::from(source),
            graph,
        ),
        quad(graph, &kg("sha256"), Literal::from(sha256), graph),
    ]
}

/// The quads of `graph`, as sorted N-Quads lines.
fn graph_lines(store: &Store, graph: &NamedNode) -> Vec<String> {
    let mut lines: Vec<String> = store
        .scan(None, None, Some(graph.as_ref()))
        .map(|quad| quad.unwrap().to_string())
        .collect();
    lines.sort();
    lines
}

fn run(store: &Store, sparql: &str, format: ResultFormat) -> Result<String, Error> {
    let mut out = Vec::new();
    query::run(store, sparql, format, &QueryOptions::default(), &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

/// Two graphs `g1` (s1 p "一") and `g2` (s2 p "二").
fn two_graph_store() -> (TempDir, Store) {
    let (dir, store) = open_store();
    store
        .replace_graph(
            &ex("g1"),
            vec![quad(&ex("s1"), &ex("p"), Literal::from("一"), &ex("g1"))],
        )
        .unwrap();
    store
        .replace_graph(
            &ex("g2"),
            vec![quad(&ex("s2"), &ex("p"), Literal::from("二"), &ex("g2"))],
        )
        .unwrap();
    (dir, store)
}

#[test]
fn replace_graph_replaces_exactly_that_graph() {
    let (_dir, store) = open_store();
    let (a, b) = (ex("a"), ex("b"));
    store
        .replace_graph(
            &a,
            (1..=3).map(|i| quad(&ex("s"), &ex("p"), Literal::from(i), &a)),
        )
        .unwrap();
    store
        .replace_graph(
            &b,
            (1..=2).map(|i| quad(&ex("t"), &ex("p"), Literal::from(i), &b)),
        )
        .unwrap();
    let b_before = graph_lines(&store, &b);

    store
        .replace_graph(
            &a,
            vec![quad(&ex("new"), &ex("p"), Literal::from("新"), &a)],
        )
        .unwrap();

    assert_eq!(
        graph_lines(&store, &a),
        vec![format!("<{EX}new> <{EX}p> \"新\" <{EX}a>")]
    );
    assert_eq!(graph_lines(&store, &b), b_before);
    assert_eq!(b_before.len(), 2);
    assert_eq!(store.len().unwrap(), 3);
}

#[test]
fn replace_graph_refuses_quads_of_another_graph_and_writes_nothing() {
    let (_dir, store) = open_store();
    let (a, b) = (ex("a"), ex("b"));
    store
        .replace_graph(&a, vec![quad(&ex("old"), &ex("p"), ex("o"), &a)])
        .unwrap();
    let result = store.replace_graph(
        &a,
        vec![
            quad(&ex("new"), &ex("p"), ex("o"), &a),
            quad(&ex("stray"), &ex("p"), ex("o"), &b),
        ],
    );
    assert!(
        matches!(result, Err(Error::Store(ref m)) if m.contains("another graph")),
        "{result:?}"
    );
    assert_eq!(
        graph_lines(&store, &a),
        vec![format!("<{EX}old> <{EX}p> <{EX}o> <{EX}a>")]
    );
    assert!(graph_lines(&store, &b).is_empty());
}

#[test]
fn replace_graph_with_nothing_removes_the_graph() {
    let (_dir, store) = two_graph_store();
    store.replace_graph(&ex("g1"), Vec::new()).unwrap();
    assert!(!store.contains_graph(&ex("g1")).unwrap());
    assert!(store.contains_graph(&ex("g2")).unwrap());
}

#[test]
fn remove_graph_reports_whether_it_existed() {
    let (_dir, store) = two_graph_store();
    assert!(store.remove_graph(&ex("g1")).unwrap());
    assert!(graph_lines(&store, &ex("g1")).is_empty());
    assert_eq!(graph_lines(&store, &ex("g2")).len(), 1);
    assert!(!store.remove_graph(&ex("g1")).unwrap());
    assert!(!store.remove_graph(&ex("never")).unwrap());
}

#[test]
fn document_hash_roundtrips_and_reads_only_the_documents_graph() {
    let (_dir, store) = open_store();
    let doc = NamedNode::new(format!("{}doc/1", vocab::KGID)).unwrap();
    assert_eq!(store.document_hash(&doc).unwrap(), None);

    // A hash claimed for the document in another graph does not count.
    let other = ex("other");
    store
        .replace_graph(
            &other,
            vec![quad(&doc, &kg("sha256"), Literal::from("forged"), &other)],
        )
        .unwrap();
    assert_eq!(store.document_hash(&doc).unwrap(), None);

    store
        .replace_graph(&doc, document_quads(&doc, "a.txt", "abc123"))
        .unwrap();
    assert_eq!(
        store.document_hash(&doc).unwrap().as_deref(),
        Some("abc123")
    );

    store
        .replace_graph(&doc, document_quads(&doc, "a.txt", "def456"))
        .unwrap();
    assert_eq!(
        store.document_hash(&doc).unwrap().as_deref(),
        Some("def456")
    );
}

#[test]
fn document_graphs_lists_documents_with_their_sources() {
    let (_dir, store) = open_store();
    let d1 = NamedNode::new(format!("{}doc/1", vocab::KGID)).unwrap();
    let d2 = NamedNode::new(format!("{}doc/2", vocab::KGID)).unwrap();
    store
        .replace_graph(&d2, document_quads(&d2, "b/二.txt", "h2"))
        .unwrap();
    store
        .replace_graph(&d1, document_quads(&d1, "a.txt", "h1"))
        .unwrap();
    // A document typed in a graph that is not its own is not a stored document.
    let lexicon = NamedNode::new(vocab::LEXICON_GRAPH).unwrap();
    store
        .replace_graph(
            &lexicon,
            vec![quad(&ex("x"), &rdf_type(), kg("Document"), &lexicon)],
        )
        .unwrap();

    let documents = store.document_graphs().unwrap();
    assert_eq!(
        documents,
        vec![(d1, "a.txt".to_owned()), (d2, "b/二.txt".to_owned())]
    );
}

#[test]
fn store_persists_across_reopening() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nested").join("store");
    let doc = ex("doc");
    {
        let store = Store::open(&path).unwrap();
        store
            .replace_graph(&doc, document_quads(&doc, "a.txt", "abc"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.document_hash(&doc).unwrap().as_deref(), Some("abc"));
}

#[test]
fn opening_a_store_in_use_names_the_path_and_the_lock() {
    let (dir, _store) = open_store();
    let path = dir.path().join("store");
    match Store::open(&path) {
        Err(Error::Store(message)) => {
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(message.contains("another process"), "{message}");
        }
        other => panic!("expected a lock error, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn bulk_load_adds_quads() {
    let (_dir, store) = open_store();
    let g = ex("g");
    store
        .bulk_load((0..100).map(|i| quad(&ex(&format!("s{i}")), &ex("p"), Literal::from(i), &g)))
        .unwrap();
    assert_eq!(store.len().unwrap(), 100);
    let rows = query::select(
        &store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}"),
    )
    .unwrap();
    assert_eq!(rows.rows[0][0], Some(Literal::from(100).into()));
}

#[test]
fn load_turtle_into_replaces_the_graph() {
    let (_dir, store) = open_store();
    let vocabulary = NamedNode::new(vocab::VOCABULARY_GRAPH).unwrap();
    let turtle = "@prefix kg: <https://w3id.org/policykg/ns#> .\n\
                  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
                  kg:Article a rdfs:Class ; rdfs:label \"Article\"@en, \"文章\"@zh .\n\
                  <Local> rdfs:label \"relative\" .\n";
    store
        .load_turtle_into(&vocabulary, turtle, Some("http://example.com/base/"))
        .unwrap();
    assert_eq!(graph_lines(&store, &vocabulary).len(), 4);
    let rows = query::select(
        &store,
        "SELECT ?l WHERE { <http://example.com/base/Local> rdfs:label ?l }",
    )
    .unwrap();
    assert_eq!(
        rows.rows,
        vec![vec![Some(Literal::from("relative").into())]]
    );

    store
        .load_turtle_into(
            &vocabulary,
            "<http://example.com/a> <http://example.com/b> 1 .",
            None,
        )
        .unwrap();
    assert_eq!(graph_lines(&store, &vocabulary).len(), 1);

    let bad = store.load_turtle_into(&vocabulary, "this is not turtle", None);
    assert!(matches!(bad, Err(Error::InvalidRdf(_))), "{bad:?}");
    assert_eq!(graph_lines(&store, &vocabulary).len(), 1);
}

#[test]
fn default_graph_is_the_union_of_named_graphs() {
    let (_dir, store) = two_graph_store();
    let rows = query::select(
        &store,
        &format!("SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"),
    )
    .unwrap();
    assert_eq!(rows.variables, vec!["s", "o"]);
    assert_eq!(
        rows.rows,
        vec![
            vec![Some(ex("s1").into()), Some(Literal::from("一").into())],
            vec![Some(ex("s2").into()), Some(Literal::from("二").into())],
        ]
    );
}

#[test]
fn from_clause_overrides_the_union() {
    let (_dir, store) = two_graph_store();
    let rows = query::select(
        &store,
        &format!("SELECT ?s FROM <{EX}g2> WHERE {{ ?s ?p ?o }}"),
    )
    .unwrap();
    assert_eq!(rows.rows, vec![vec![Some(ex("s2").into())]]);
}

#[test]
fn known_prefixes_need_no_declaration() {
    let (_dir, store) = open_store();
    let doc = ex("doc");
    store
        .replace_graph(&doc, document_quads(&doc, "a.txt", "abc"))
        .unwrap();
    let rows = query::select(
        &store,
        "SELECT ?source WHERE { ?d a kg:Document ; dcterms:source ?source }",
    )
    .unwrap();
    assert_eq!(rows.rows, vec![vec![Some(Literal::from("a.txt").into())]]);
    assert_eq!(rows.column("source"), Some(0));
}

#[test]
fn json_output_parses_with_serde_json() {
    let (_dir, store) = two_graph_store();
    let text = run(
        &store,
        "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s",
        ResultFormat::Json,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["head"]["vars"], serde_json::json!(["s", "o"]));
    let bindings = json["results"]["bindings"].as_array().unwrap();
    assert_eq!(bindings.len(), 2);
    assert_eq!(bindings[0]["s"]["value"], format!("{EX}s1"));
    assert_eq!(bindings[1]["o"]["value"], "二");
}

#[test]
fn csv_and_tsv_output_have_a_header_row() {
    let (_dir, store) = two_graph_store();
    let sparql = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s";
    let csv = run(&store, sparql, ResultFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["s", "o"]);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(
        records,
        vec![
            vec![format!("{EX}s1"), "一".to_owned()],
            vec![format!("{EX}s2"), "二".to_owned()]
        ]
    );

    let tsv = run(&store, sparql, ResultFormat::Tsv).unwrap();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(
        lines,
        vec![
            "?s\t?o".to_owned(),
            format!("<{EX}s1>\t\"一\""),
            format!("<{EX}s2>\t\"二\"")
        ]
    );
}

#[test]
fn xml_output_is_sparql_results_xml() {
    let (_dir, store) = two_graph_store();
    let xml = run(&store, "SELECT ?s WHERE { ?s ?p ?o }", ResultFormat::Xml).unwrap();
    assert!(xml.contains("<sparql"), "{xml}");
    assert!(xml.contains("<variable name=\"s\"/>"), "{xml}");
    assert_eq!(xml.matches("<result>").count(), 2, "{xml}");
}

#[test]
fn table_output_aligns_cjk_by_display_width() {
    let (_dir, store) = open_store();
    let sparql = "SELECT ?label ?n ?iri WHERE { VALUES (?label ?n ?iri) { (\"制度型开放\" 1 kg:Article) (\"abc\" 22 kgc:经济全球化) } }";
    let table = run(&store, sparql, ResultFormat::Table).unwrap();
    let expected = "\
label       n   iri
----------  --  --------------
制度型开放  1   kg:Article
abc         22  kgc:经济全球化
2 rows
";
    assert_eq!(table, expected);
    // The third column starts at the same display column on every line.
    for line in table.lines().take(4) {
        let start = line.rfind("  ").unwrap() + 2;
        assert_eq!(display_width(&line[..start]), 16, "{line}");
    }
}

#[test]
fn table_output_of_no_rows_keeps_the_header() {
    let (_dir, store) = open_store();
    let table = run(&store, "SELECT ?s WHERE { ?s ?p ?o }", ResultFormat::Table).unwrap();
    assert_eq!(table, "s\n-\n0 rows\n");
}

/// The 1-based (line, column) of a syntax error in `sparql`.
fn syntax_error_location(sparql: &str) -> (u64, u64) {
    let (_dir, store) = open_store();
    match run(&store, sparql, ResultFormat::Table) {
        Err(Error::QuerySyntax {
            location: Some(location),
            message,
        }) => {
            assert!(message.starts_with("expected"), "{message}");
            location
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn syntax_error_reports_line_and_column() {
    assert_eq!(
        syntax_error_location("SELECT ?s\nWHERE { ?s ?p ?o }\nLIMIT x\n"),
        (3, 7)
    );
}

#[test]
fn syntax_error_column_counts_characters_not_bytes() {
    let sparql = "SELECT ?s WHERE { ?s kg:text \"制度型开放\" } LIMIT z";
    let column = sparql.chars().position(|c| c == 'z').unwrap() as u64 + 1;
    assert_eq!(syntax_error_location(sparql), (1, column));
}

#[test]
fn unknown_prefix_is_a_syntax_error() {
    let (_dir, store) = open_store();
    let result = run(
        &store,
        "SELECT ?s WHERE { ?s nope:p ?o }",
        ResultFormat::Table,
    );
    assert!(
        matches!(
            result,
            Err(Error::QuerySyntax {
                location: Some((1, _)),
                ..
            })
        ),
        "{result:?}"
    );
}

#[test]
fn ask_answers_true_and_false_in_every_results_format() {
    let (_dir, store) = two_graph_store();
    let yes = format!("ASK {{ <{EX}s1> ?p ?o }}");
    let no = format!("ASK {{ <{EX}s3> ?p ?o }}");
    assert_eq!(run(&store, &yes, ResultFormat::Table).unwrap(), "true\n");
    assert_eq!(run(&store, &no, ResultFormat::Table).unwrap(), "false\n");
    let json: serde_json::Value =
        serde_json::from_str(&run(&store, &yes, ResultFormat::Json).unwrap()).unwrap();
    assert_eq!(json["boolean"], true);
    assert!(run(&store, &no, ResultFormat::Xml)
        .unwrap()
        .contains("<boolean>false</boolean>"));
    assert_eq!(run(&store, &yes, ResultFormat::Csv).unwrap(), "true");
}

#[test]
fn construct_gives_turtle_that_reparses() {
    let (_dir, store) = two_graph_store();
    let sparql =
        format!("CONSTRUCT {{ ?s a kg:Paragraph ; kg:text ?o }} WHERE {{ ?s <{EX}p> ?o }}");
    let turtle = run(&store, &sparql, ResultFormat::Table).unwrap();
    assert!(
        turtle.contains("@prefix kg: <https://w3id.org/policykg/ns#>"),
        "{turtle}"
    );
    assert!(turtle.contains("kg:Paragraph"), "{turtle}");
    let mut triples: Vec<String> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&turtle)
        .map(|quad| quad.unwrap().to_string())
        .collect();
    triples.sort();
    assert_eq!(
        triples,
        vec![
            format!("<{EX}s1> <{}type> <{}Paragraph>", vocab::RDF, vocab::KG),
            format!("<{EX}s1> <{}text> \"一\"", vocab::KG),
            format!("<{EX}s2> <{}type> <{}Paragraph>", vocab::RDF, vocab::KG),
            format!("<{EX}s2> <{}text> \"二\"", vocab::KG),
        ]
    );
}

#[test]
fn construct_in_ntriples_is_one_triple_per_line() {
    let (_dir, store) = two_graph_store();
    let sparql = format!("CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}p> ?o }}");
    let nt = run(&store, &sparql, ResultFormat::NTriples).unwrap();
    let mut lines: Vec<&str> = nt.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            format!("<{EX}s1> <{EX}q> \"一\" ."),
            format!("<{EX}s2> <{EX}q> \"二\" .")
        ]
    );
    let parsed = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(&nt)
        .count();
    assert_eq!(parsed, 2);
}

#[test]
fn mismatched_formats_are_usage_errors() {
    let (_dir, store) = two_graph_store();
    let construct = run(&store, "CONSTRUCT WHERE { ?s ?p ?o }", ResultFormat::Csv);
    assert!(matches!(construct, Err(Error::Usage(_))), "{construct:?}");
    let select = run(&store, "SELECT * WHERE { ?s ?p ?o }", ResultFormat::Turtle);
    assert!(matches!(select, Err(Error::Usage(_))), "{select:?}");
}

#[test]
fn heavy_query_times_out() {
    let (_dir, store) = open_store();
    let g = ex("g");
    store
        .bulk_load((0..3000).map(|i| quad(&ex(&format!("s{i}")), &ex("p"), Literal::from(i), &g)))
        .unwrap();
    // 3000³ = 2.7e10 combinations: far beyond any test machine in 200 ms.
    let sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let options = QueryOptions {
        timeout: Some(Duration::from_millis(200)),
    };
    let result = query::run(
        &store,
        sparql,
        ResultFormat::Table,
        &options,
        &mut io::sink(),
    );
    match result {
        Err(Error::QueryTimeout { seconds }) => assert_eq!(seconds, 0.2),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[test]
fn streaming_query_times_out_while_writing() {
    let (_dir, store) = open_store();
    let g = ex("g");
    store
        .bulk_load((0..3000).map(|i| quad(&ex(&format!("s{i}")), &ex("p"), Literal::from(i), &g)))
        .unwrap();
    let options = QueryOptions {
        timeout: Some(Duration::from_millis(200)),
    };
    let sparql = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let result = query::run(&store, sparql, ResultFormat::Csv, &options, &mut io::sink());
    assert!(
        matches!(result, Err(Error::QueryTimeout { .. })),
        "{result:?}"
    );
}

/// A writer whose reader has gone, like `policykg query ... | head`.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }

    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

#[test]
fn closed_pipe_is_an_io_error_in_every_format() {
    let (_dir, store) = two_graph_store();
    for format in [
        ResultFormat::Table,
        ResultFormat::Csv,
        ResultFormat::Tsv,
        ResultFormat::Json,
        ResultFormat::Xml,
    ] {
        let result = query::run(
            &store,
            "SELECT * WHERE { ?s ?p ?o }",
            format,
            &QueryOptions::default(),
            &mut ClosedPipe,
        );
        assert!(
            matches!(result, Err(Error::Io(ref e)) if e.kind() == io::ErrorKind::BrokenPipe),
            "{format}: {result:?}"
        );
    }
    let result = query::run(
        &store,
        "CONSTRUCT WHERE { ?s ?p ?o }",
        ResultFormat::NTriples,
        &QueryOptions::default(),
        &mut ClosedPipe,
    );
    assert!(
        matches!(result, Err(Error::Io(ref e)) if e.kind() == io::ErrorKind::BrokenPipe),
        "{result:?}"
    );
}

#[test]
fn select_refuses_other_query_forms() {
    let (_dir, store) = open_store();
    assert!(matches!(
        query::select(&store, "ASK {}"),
        Err(Error::Usage(_))
    ));
}

// Long because the fixture types one resource per line, across two
// documents and the lexicon, before the counts are checked.
#[test]
fn stats_count_each_class_once() {
    let (_dir, store) = open_store();
    let d1 = NamedNode::new(format!("{}doc/1", vocab::KGID)).unwrap();
    let d2 = NamedNode::new(format!("{}doc/2", vocab::KGID)).unwrap();
    let concept = NamedNode::new(format!("{}Concept", vocab::SKOS)).unwrap();
    let typed = |local: &str, class: NamedNode, graph: &NamedNode| {
        quad(&ex(local), &rdf_type(), class, graph)
    };

    let mut doc1 = document_quads(&d1, "a.txt", "h1");
    doc1.extend([
        typed("a1", kg("Article"), &d1),
        typed("a2", kg("Article"), &d1),
        typed("s1", kg("Section"), &d1),
        typed("p1", kg("Paragraph"), &d1),
        typed("p2", kg("Paragraph"), &d1),
        typed("p3", kg("Paragraph"), &d1),
        typed("t1", kg("Sentence"), &d1),
        typed("r1", kg("Recommendation"), &d1),
        typed("m1", kg("Mention"), &d1),
        typed("m2", kg("Mention"), &d1),
        // Typed here and in the lexicon: one concept.
        typed("c1", concept.clone(), &d1),
    ]);
    store.replace_graph(&d1, doc1).unwrap();
    let mut doc2 = document_quads(&d2, "b.txt", "h2");
    doc2.push(typed("a3", kg("Article"), &d2));
    store.replace_graph(&d2, doc2).unwrap();
    let lexicon = NamedNode::new(vocab::LEXICON_GRAPH).unwrap();
    store
        .replace_graph(
            &lexicon,
            vec![
                typed("c1", concept.clone(), &lexicon),
                typed("c2", concept, &lexicon),
            ],
        )
        .unwrap();
    let corpus = NamedNode::new(vocab::CORPUS_GRAPH).unwrap();
    store
        .replace_graph(&corpus, vec![typed("co1", kg("Cooccurrence"), &corpus)])
        .unwrap();

    let stats = store.stats().unwrap();
    assert_eq!(
        (
            stats.documents,
            stats.articles,
            stats.sections,
            stats.paragraphs,
            stats.sentences
        ),
        (2, 3, 1, 3, 1)
    );
    assert_eq!(
        (
            stats.recommendations,
            stats.mentions,
            stats.concepts,
            stats.cooccurrences
        ),
        (1, 2, 2, 1)
    );
    assert_eq!(stats.quads, 3 + 11 + 3 + 1 + 2 + 1);
    assert_eq!(stats.named_graphs, 4);
    assert!(stats.disk_bytes > 0);

    let table = stats.to_string();
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("kg:Article") && l.ends_with(" 3")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("named graphs") && l.ends_with(" 4")),
        "{table}"
    );
    let json = serde_json::to_value(&stats).unwrap();
    assert_eq!(json["concepts"], 2);
}
