//! Relations on real on-disk stores: the co-occurrences, concept metrics
//! and article links that `relate::relate` writes to the corpus graph
//! after ingesting the shared seed and dev corpora, checked against SPARQL
//! over the documents themselves (counts, unit totals, mention counts),
//! against the ranges and formulas of the measures, against the petgraph
//! views, across two builds (byte-identical), and after a document is
//! removed (nothing stale).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{NamedNode, Term};
use petgraph::visit::EdgeRef;
use policykg::corpus::cooccurrence::{RollUp, Scope};
use policykg::corpus::graphs::{self, BipartiteNode};
use policykg::corpus::relate::{self, RelateConfig};
use policykg::ingest::{self, Options, Quiet};
use policykg::query;
use policykg::rdf::vocab;
use policykg::store::Store;
use tempfile::TempDir;

/// A store in a temporary directory that lives as long as the value.
struct Built {
    _dir: TempDir,
    store: Store,
}

/// Ingests the named folders of `../shared/corpus` (ingest runs `relate`)
/// into a fresh store.
fn build(folders: &[&str]) -> Built {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let corpus = common::shared().join("corpus");
    let inputs: Vec<_> = folders.iter().map(|f| corpus.join(f)).collect();
    let summary = ingest::ingest(&store, &inputs, &Options::default(), &Quiet).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    Built { _dir: dir, store }
}

fn seed() -> Built {
    build(&["seed"])
}

fn seed_and_dev() -> Built {
    build(&["seed", "dev"])
}

/// The rows of a SELECT, each cell as text (IRI or literal value).
fn select(store: &Store, sparql: &str) -> Vec<Vec<String>> {
    query::select(store, sparql)
        .unwrap()
        .rows
        .into_iter()
        .map(|row| row.iter().map(text).collect())
        .collect()
}

fn text(cell: &Option<Term>) -> String {
    match cell {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn number(store: &Store, sparql: &str) -> u64 {
    select(store, sparql)[0][0].parse().unwrap()
}

fn concept(label: &str) -> String {
    format!("{}{label}", vocab::KGC)
}

/// The stored co-occurrences of `scope`: `(a, b) → count`, `a < b`.
fn stored_pairs(store: &Store, scope: Scope) -> BTreeMap<(String, String), u64> {
    let rows = select(
        store,
        &format!(
            "SELECT ?a ?b ?n WHERE {{
               GRAPH <{}> {{
                 ?co a kg:Cooccurrence ; kg:scope <{}> ; kg:count ?n ;
                     kg:concept ?a , ?b .
               }}
               FILTER(STR(?a) < STR(?b))
             }}",
            vocab::CORPUS_GRAPH,
            scope.iri().as_str()
        ),
    );
    let mut pairs = BTreeMap::new();
    for r in rows {
        let previous = pairs.insert((r[0].clone(), r[1].clone()), r[2].parse().unwrap());
        assert!(previous.is_none(), "pair stated twice: {r:?}");
    }
    pairs
}

/// `(a, b) → units of the scope's class mentioning both`, for the pairs
/// counted at least `min` times, straight from the documents: the
/// `kg:mentions` of paragraphs and articles; for sentences, each mention's
/// offset placed among its paragraph's `kg:sentenceEnds`.
fn direct_pairs(store: &Store, scope: Scope, min: u64) -> BTreeMap<(String, String), u64> {
    if scope == Scope::Sentence {
        return sentence_pairs(store, min);
    }
    let rows = select(
        store,
        &format!(
            "SELECT ?a ?b (COUNT(DISTINCT ?u) AS ?n) WHERE {{
               GRAPH ?g {{ ?u a <{}> ; kg:mentions ?a , ?b }}
               FILTER(STR(?a) < STR(?b))
               FILTER(!STRSTARTS(STR(?a), \"{DISCOVERED}/\") && !STRSTARTS(STR(?b), \"{DISCOVERED}/\"))
             }} GROUP BY ?a ?b HAVING (COUNT(DISTINCT ?u) >= {min})",
            scope.class().as_str()
        ),
    );
    rows.into_iter()
        .map(|r| ((r[0].clone(), r[1].clone()), r[2].parse().unwrap()))
        .collect()
}

/// Discovered terms take no part in co-occurrence (until accepted).
const DISCOVERED: &str = policykg::concepts::discovered::DISCOVERED_SCHEME;

/// Pairs of concepts mentioned in the same sentence, from the mentions.
fn sentence_pairs(store: &Store, min: u64) -> BTreeMap<(String, String), u64> {
    let rows = select(
        store,
        "SELECT ?p ?c ?b ?ends WHERE {
           ?m a kg:Mention ; kg:context ?p ; kg:concept ?c ; nif:beginIndex ?b .
           OPTIONAL { ?p kg:sentenceEnds ?ends }
         }",
    );
    let mut sentences: BTreeMap<(String, usize), std::collections::BTreeSet<String>> =
        BTreeMap::new();
    for r in rows {
        if r[1].starts_with(&format!("{DISCOVERED}/")) {
            continue;
        }
        let begin: usize = r[2].parse().unwrap();
        let sentence = r[3]
            .split_whitespace()
            .map(|e| e.parse::<usize>().unwrap())
            .take_while(|&end| end <= begin)
            .count();
        sentences
            .entry((r[0].clone(), sentence))
            .or_default()
            .insert(r[1].clone());
    }
    let mut pairs: BTreeMap<(String, String), u64> = BTreeMap::new();
    for set in sentences.values() {
        let set: Vec<&String> = set.iter().collect();
        for (i, a) in set.iter().enumerate() {
            for b in &set[i + 1..] {
                *pairs.entry(((*a).clone(), (*b).clone())).or_default() += 1;
            }
        }
    }
    pairs.retain(|_, n| *n >= min);
    pairs
}

/// A scope's `kg:unitCount` and `kg:minCount` in the corpus graph.
fn scope_facts(store: &Store, scope: Scope) -> (u64, u64) {
    let rows = select(
        store,
        &format!(
            "SELECT ?n ?m WHERE {{ GRAPH <{}> {{ <{}> kg:unitCount ?n ; kg:minCount ?m }} }}",
            vocab::CORPUS_GRAPH,
            scope.iri().as_str()
        ),
    );
    assert_eq!(rows.len(), 1, "{scope:?}: {rows:?}");
    (rows[0][0].parse().unwrap(), rows[0][1].parse().unwrap())
}

/// Every stored count equals the count over the documents, every pair
/// reaching the minimum count is stored, and `N` is the number of units.
fn assert_nothing_stale(store: &Store) {
    for scope in Scope::ALL {
        let (units, min) = scope_facts(store, scope);
        let direct_units = if scope == Scope::Sentence {
            // a paragraph without kg:sentenceEnds is one sentence
            number(
                store,
                "SELECT (SUM(IF(BOUND(?e), STRLEN(?e) - STRLEN(REPLACE(?e, ' ', '')) + 1, 1)) AS ?n)
                 WHERE { GRAPH ?g { ?u a kg:Paragraph OPTIONAL { ?u kg:sentenceEnds ?e } } }",
            )
        } else {
            number(
                store,
                &format!(
                    "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{ GRAPH ?g {{ ?u a <{}> }} }}",
                    scope.class().as_str()
                ),
            )
        };
        assert_eq!(units, direct_units, "{scope:?} units");
        assert_eq!(
            stored_pairs(store, scope),
            direct_pairs(store, scope, min),
            "{scope:?} pairs"
        );
    }
    let mentions = select(
        store,
        &format!(
            "SELECT ?c ?n ?d WHERE {{
               GRAPH <{}> {{ ?c kg:mentionCount ?n ; kg:documentCount ?d }}
             }}",
            vocab::CORPUS_GRAPH
        ),
    );
    let direct_mentions: BTreeMap<String, String> = select(
        store,
        "SELECT ?c (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m a kg:Mention ; kg:concept ?c } } GROUP BY ?c",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect();
    let direct_documents: BTreeMap<String, String> = select(
        store,
        "SELECT ?c (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article ; kg:mentions ?c } } GROUP BY ?c",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect();
    // A concept named only in titles or headings has documents but no
    // body mention: its kg:mentionCount is 0 and no mention row exists.
    let stored_mentions: BTreeMap<String, String> = mentions
        .iter()
        .filter(|r| r[1] != "0")
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let stored_documents: BTreeMap<String, String> = mentions
        .iter()
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect();
    assert_eq!(stored_mentions, direct_mentions, "kg:mentionCount");
    assert_eq!(stored_documents, direct_documents, "kg:documentCount");
}

/// The IRI of article `ordinal` of the seed file.
fn seed_article(store: &Store, ordinal: u32) -> String {
    let rows = select(
        store,
        &format!(
            "SELECT ?a WHERE {{
               ?a a kg:Article ; kg:ordinal {ordinal} ; dcterms:isPartOf ?d .
               ?d dcterms:source ?s . FILTER(CONTAINS(?s, \"000_532428ec3c596e7d\"))
             }}"
        ),
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows[0][0].clone()
}

/// The corpus graph as N-Triples, as Oxigraph dumps it.
fn corpus_dump(store: &Store) -> Vec<u8> {
    let graph = NamedNode::new(vocab::CORPUS_GRAPH).unwrap();
    store.dump_graph(&graph).unwrap()
}

#[test]
fn seed_open_and_high_standard_rules_cooccur_in_paragraphs() {
    let built = seed();
    let store = &built.store;
    let a = concept("制度型开放");
    let b = concept("国际高标准经贸规则");
    let key = if a < b { (a, b) } else { (b, a) };
    let stored = stored_pairs(store, Scope::Paragraph);
    let count = stored.get(&key).copied();
    assert!(count >= Some(2), "{count:?} in {stored:?}");
    assert_eq!(
        count,
        direct_pairs(store, Scope::Paragraph, 1).get(&key).copied()
    );
    // The same pair is also stated with its measures, all in range.
    let rows = select(
        store,
        &format!(
            "SELECT ?npmi ?jaccard WHERE {{
               ?co a kg:Cooccurrence ; kg:scope kg:ParagraphScope ;
                   kg:concept <{}> , <{}> ; kg:npmi ?npmi ; kg:jaccard ?jaccard .
             }}",
            key.0, key.1
        ),
    );
    assert_eq!(rows.len(), 1);
    let npmi: f64 = rows[0][0].parse().unwrap();
    assert!(npmi > 0.0 && npmi <= 1.0, "{npmi}");
}

#[test]
fn stored_counts_equal_counts_over_the_documents_at_every_scope() {
    let built = seed_and_dev();
    let store = &built.store;
    assert_nothing_stale(store);
    // Whatever minimum count the pair budget chose, the stored pairs are
    // exactly the pairs counted over the documents at that minimum.
    for scope in Scope::ALL {
        let min = scope_facts(store, scope).1;
        assert!(min >= 2, "{scope:?}");
        let stored = stored_pairs(store, scope);
        assert!(!stored.is_empty(), "{scope:?}");
        assert_eq!(stored, direct_pairs(store, scope, min), "{scope:?}");
    }
}

#[test]
fn measures_lie_in_their_ranges_and_follow_their_formulas() {
    let built = seed_and_dev();
    let store = &built.store;
    let rows = select(
        store,
        &format!(
            "SELECT ?co ?scope ?n ?npmi ?pmi ?jaccard ?dice ?g2 ?as (COUNT(DISTINCT ?c) AS ?concepts)
             WHERE {{ GRAPH <{}> {{
               ?co a kg:Cooccurrence ; kg:scope ?scope ; kg:count ?n ; kg:npmi ?npmi ;
                   kg:pmi ?pmi ; kg:jaccard ?jaccard ; kg:dice ?dice ;
                   kg:logLikelihood ?g2 ; kg:associationStrength ?as ; kg:concept ?c .
             }} }} GROUP BY ?co ?scope ?n ?npmi ?pmi ?jaccard ?dice ?g2 ?as",
            vocab::CORPUS_GRAPH
        ),
    );
    assert!(rows.len() > 100, "{}", rows.len());
    let units: BTreeMap<String, f64> = Scope::ALL
        .iter()
        .map(|&s| (s.iri().as_str().to_owned(), scope_facts(store, s).0 as f64))
        .collect();
    for r in &rows {
        let v: Vec<f64> = r[2..10].iter().map(|x| x.parse().unwrap()).collect();
        let (n, npmi, pmi, jaccard, dice, g2, strength, concepts) =
            (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        assert_eq!(concepts, 2.0, "{r:?}");
        assert!((-1.0..=1.0).contains(&npmi), "npmi {r:?}");
        assert!(jaccard > 0.0 && jaccard <= 1.0, "jaccard {r:?}");
        assert!(dice > 0.0 && dice <= 1.0, "dice {r:?}");
        assert!(jaccard <= dice, "jaccard ≤ dice {r:?}");
        assert!(g2 >= 0.0 && strength > 0.0 && pmi.is_finite(), "{r:?}");
        // npmi = pmi / -ln(n / N), unless the pair is in every unit.
        let total = units[&r[1]];
        if n < total {
            let expected = pmi / -(n / total).ln();
            assert!((npmi - expected).abs() < 1e-9, "npmi formula {r:?}");
        }
    }
}

#[test]
fn measures_of_a_pair_agree_with_counts_read_by_sparql() {
    let built = seed();
    let store = &built.store;
    let (a, b) = (concept("制度型开放"), concept("国际高标准经贸规则"));
    let units = |filter: &str| -> f64 {
        number(
            store,
            &format!(
                "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p a kg:Paragraph {filter} }} }}"
            ),
        ) as f64
    };
    let n = units("");
    let na = units(&format!("; kg:mentions <{a}>"));
    let nb = units(&format!("; kg:mentions <{b}>"));
    let nab = units(&format!("; kg:mentions <{a}> , <{b}>"));
    let row = &select(
        store,
        &format!(
            "SELECT ?pmi ?npmi ?jaccard ?dice ?g2 WHERE {{
               ?co kg:scope kg:ParagraphScope ; kg:concept <{a}> , <{b}> ;
                   kg:pmi ?pmi ; kg:npmi ?npmi ; kg:jaccard ?jaccard ; kg:dice ?dice ;
                   kg:logLikelihood ?g2 .
             }}"
        ),
    )[0];
    let got: Vec<f64> = row.iter().map(|x| x.parse().unwrap()).collect();
    let pmi = (nab * n / (na * nb)).ln();
    let cells = [
        (nab, na, nb),
        (na - nab, na, n - nb),
        (nb - nab, n - na, nb),
        (n - na - nb + nab, n - na, n - nb),
    ];
    let g2 = 2.0
        * cells
            .iter()
            .filter(|c| c.0 > 0.0)
            .map(|&(k, r, c)| k * (k * n / (r * c)).ln())
            .sum::<f64>();
    let expected = [
        pmi,
        pmi / -(nab / n).ln(),
        nab / (na + nb - nab),
        2.0 * nab / (na + nb),
        g2,
    ];
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e).abs() < 1e-9 * e.abs().max(1.0),
            "{got:?} vs {expected:?}"
        );
    }
}

#[test]
fn seed_articles_two_and_three_are_linked() {
    let built = seed();
    let store = &built.store;
    let (a2, a3) = (seed_article(store, 2), seed_article(store, 3));
    let (first, second) = if a2 < a3 { (&a2, &a3) } else { (&a3, &a2) };
    let links = select(
        store,
        &format!(
            "SELECT ?shared ?similarity WHERE {{
               ?l a kg:ArticleLink ; kg:article <{first}> , <{second}> ;
                  kg:sharedConcepts ?shared ; kg:similarity ?similarity .
             }}"
        ),
    );
    assert_eq!(links.len(), 1, "{links:?}");
    let shared: u64 = links[0][0].parse().unwrap();
    let direct = number(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ <{first}> kg:mentions ?c . <{second}> kg:mentions ?c
               FILTER(!STRSTARTS(STR(?c), \"{DISCOVERED}/\")) }}"
        ),
    );
    assert_eq!(shared, direct);
    assert!(shared >= 3, "{shared}");
    // The petgraph view links them too.
    let graph = graphs::article_graph(store, 1).unwrap();
    let edge = graph.edge_references().find(|e| {
        let ends = [&graph[e.source()].iri, &graph[e.target()].iri];
        ends.contains(&&a2) && ends.contains(&&a3)
    });
    assert_eq!(edge.map(|e| e.weight().shared), Some(shared));
}

#[test]
fn concept_metrics_are_those_of_the_paragraph_view_and_louvain_is_stable() {
    let built = seed_and_dev();
    let store = &built.store;
    let first = graphs::concept_graph(store, Scope::Paragraph, 2).unwrap();
    let second = graphs::concept_graph(store, Scope::Paragraph, 2).unwrap();
    let partition = |g: &graphs::ConceptGraph| -> Vec<u32> {
        g.node_weights().map(|n| n.metrics.community).collect()
    };
    assert_eq!(partition(&first), partition(&second));
    assert!(first.edge_count() > 0);
    let stored: BTreeMap<String, (String, String, String)> = select(
        store,
        &format!(
            "SELECT ?c ?community ?component ?rank WHERE {{ GRAPH <{}> {{
               ?c kg:community ?community ; kg:component ?component ; kg:pagerank ?rank }} }}",
            vocab::CORPUS_GRAPH
        ),
    )
    .into_iter()
    .map(|r| (r[0].clone(), (r[1].clone(), r[2].clone(), r[3].clone())))
    .collect();
    assert_eq!(stored.len(), first.node_count());
    let mut rank_sum = 0.0;
    for node in first.node_weights() {
        let (community, component, rank) = &stored[&node.iri];
        assert_eq!(
            community,
            &node.metrics.community.to_string(),
            "{}",
            node.iri
        );
        assert_eq!(
            component,
            &node.metrics.component.to_string(),
            "{}",
            node.iri
        );
        let rank: f64 = rank.parse().unwrap();
        assert!((rank - node.metrics.pagerank).abs() < 1e-9, "{}", node.iri);
        rank_sum += rank;
        assert!((0.0..=1.0).contains(&node.metrics.betweenness));
    }
    assert!((rank_sum - 1.0).abs() < 1e-6, "{rank_sum}");
    // Edges carry the count, which is the stored count.
    let pairs = stored_pairs(store, Scope::Paragraph);
    for e in first.edge_references() {
        let (a, b) = (&first[e.source()].iri, &first[e.target()].iri);
        let key = if a < b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        assert_eq!(pairs.get(&key), Some(&e.weight().count));
    }
}

#[test]
fn two_builds_from_the_same_inputs_give_byte_identical_corpus_graphs() {
    let one = seed_and_dev();
    let two = seed_and_dev();
    let dump = corpus_dump(&one.store);
    assert!(dump.len() > 10_000);
    assert_eq!(dump, corpus_dump(&two.store));
    // The quads come out in the same order too, and relating an unchanged
    // store changes nothing.
    let config = RelateConfig::default();
    let quads = |store: &Store| {
        let incidence = graphs::read_incidence(store, RollUp::None).unwrap();
        let facts = relate::CorpusFacts::compute(&incidence, &config);
        facts
            .quads(&incidence)
            .iter()
            .map(|q| format!("{q} .\n"))
            .collect::<String>()
    };
    assert_eq!(quads(&one.store), quads(&two.store));
    let again = relate::relate(&one.store).unwrap();
    assert_eq!(again.changed, 0);
    assert_eq!(corpus_dump(&one.store), dump);
}

#[test]
fn removing_a_document_leaves_nothing_stale() {
    let built = seed_and_dev();
    let store = &built.store;
    let (a, b) = (concept("制度型开放"), concept("国际高标准经贸规则"));
    let key = if a < b { (a, b) } else { (b, a) };
    let before = stored_pairs(store, Scope::Paragraph)[&key];
    let (paragraphs_before, _) = scope_facts(store, Scope::Paragraph);
    let seed_doc = store
        .document_graphs()
        .unwrap()
        .into_iter()
        .find(|(_, source)| source.contains("000_532428ec3c596e7d"))
        .unwrap()
        .0;
    let seed_paragraphs = number(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?p a kg:Paragraph }} }}",
            seed_doc.as_str()
        ),
    );
    let seed_articles: Vec<String> = select(
        store,
        &format!(
            "SELECT ?a WHERE {{ GRAPH <{}> {{ ?a a kg:Article }} }}",
            seed_doc.as_str()
        ),
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert!(store.remove_graph(&seed_doc).unwrap());
    let summary = relate::relate(store).unwrap();
    assert!(summary.changed > 0);
    assert_nothing_stale(store);
    let (paragraphs_after, _) = scope_facts(store, Scope::Paragraph);
    assert_eq!(paragraphs_after, paragraphs_before - seed_paragraphs);
    let after = stored_pairs(store, Scope::Paragraph)
        .get(&key)
        .copied()
        .unwrap_or(0);
    assert!(after < before, "{after} vs {before}");
    let linked: BTreeSet<String> = select(
        store,
        "SELECT DISTINCT ?a WHERE { ?l a kg:ArticleLink ; kg:article ?a }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    for article in &seed_articles {
        assert!(!linked.contains(article), "{article} still linked");
    }
}

#[test]
fn removing_every_document_empties_the_corpus_graph() {
    let built = seed();
    let store = &built.store;
    for (graph, _) in store.document_graphs().unwrap() {
        store.remove_graph(&graph).unwrap();
    }
    relate::relate(store).unwrap();
    assert!(corpus_dump(store).is_empty());
}

#[test]
fn every_kg_term_in_the_corpus_graph_is_defined() {
    let built = seed_and_dev();
    let undefined = select(
        &built.store,
        &format!(
            "SELECT DISTINCT ?t WHERE {{
               GRAPH <{}> {{ {{ ?s ?t ?o }} UNION {{ ?s a ?t }} UNION {{ ?s kg:scope ?t }} }}
               FILTER(STRSTARTS(STR(?t), STR(kg:)))
               FILTER NOT EXISTS {{ GRAPH <{}> {{ ?t rdfs:label ?l ; rdfs:comment ?c }} }}
             }}",
            vocab::CORPUS_GRAPH,
            vocab::VOCABULARY_GRAPH
        ),
    );
    assert!(undefined.is_empty(), "undefined terms: {undefined:?}");
}

#[test]
fn concept_article_graph_weighs_edges_by_mentions() {
    let built = seed_and_dev();
    let store = &built.store;
    let graph = graphs::concept_article_graph(store).unwrap();
    // Curated concepts only: discovered terms stay out until accepted.
    let mentions = number(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?m a kg:Mention ; kg:concept ?c }}
               FILTER(!STRSTARTS(STR(?c), \"{DISCOVERED}/\")) }}"
        ),
    );
    let total: u64 = graph.edge_weights().sum();
    assert_eq!(total, mentions);
    for e in graph.edge_references() {
        assert!(matches!(graph[e.source()], BipartiteNode::Article(_)));
        assert!(matches!(graph[e.target()], BipartiteNode::Concept { .. }));
        assert!(*e.weight() >= 1);
    }
    let articles = number(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a kg:Article ; kg:mentions ?c
               FILTER(!STRSTARTS(STR(?c), \"{DISCOVERED}/\")) }}"
        ),
    );
    let article_nodes = graph
        .node_weights()
        .filter(|n| matches!(n, BipartiteNode::Article(_)))
        .count() as u64;
    assert_eq!(article_nodes, articles);
}

#[test]
fn rolling_up_counts_top_concepts_only() {
    let built = seed_and_dev();
    let store = &built.store;
    let config = RelateConfig {
        roll_up: RollUp::Top,
        ..RelateConfig::default()
    };
    let summary = relate::relate_with(store, &config).unwrap();
    let plain = graphs::read_incidence(store, RollUp::None).unwrap();
    assert!(summary.concepts < plain.concepts.len(), "{summary:?}");
    let narrower = number(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{
               GRAPH <{}> {{ ?c kg:mentionCount ?m }} ?c skos:broader ?b . FILTER(?b != ?c)
             }}",
            vocab::CORPUS_GRAPH
        ),
    );
    assert_eq!(narrower, 0);
    // Mentions are only regrouped, never lost.
    let total = |store: &Store| {
        number(
            store,
            &format!(
                "SELECT (SUM(?m) AS ?n) WHERE {{ GRAPH <{}> {{ ?c kg:mentionCount ?m }} }}",
                vocab::CORPUS_GRAPH
            ),
        )
    };
    let rolled = total(store);
    relate::relate(store).unwrap();
    assert_eq!(rolled, total(store));
}
