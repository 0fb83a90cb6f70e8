//! What the network is made of, read from the store by SPARQL.
//!
//! Input: a [`Store`]. Output: plain maps keyed by IRI — mentions per
//! article and concept, concept labels, article facts, the co-occurrences
//! of one scope, and the literals the corpus graph states about nodes —
//! from which [`super::network`] assembles a network. Every reader asks
//! for the terms of `design/ONTOLOGY.md` only, so whatever writes those
//! quads, the exports follow; where a fact has several values, the
//! smallest lexical form wins, so the choice never depends on the order
//! results come in.

use super::network::Value;
use crate::corpus::cooccurrence::{self, cooccurrence_iri, Discovered, Scope, MEASURES};
use crate::corpus::relate::round_significant;
use crate::error::Result;
use crate::query::{self, Rows};
use crate::rdf::vocab;
use crate::store::Store;
use oxigraph::model::{Literal, NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet};

/// The name of an attribute stated with `predicate`: the local name for
/// `kg:` terms, the short form for other known namespaces, else the IRI.
fn attribute_name(predicate: &str) -> String {
    if let Some(local) = predicate.strip_prefix(vocab::KG) {
        return local.to_owned();
    }
    for (prefix, namespace) in vocab::PREFIXES {
        if let Some(local) = predicate.strip_prefix(namespace) {
            return format!("{prefix}:{local}");
        }
    }
    predicate.to_owned()
}

/// The key a term is known by here: the IRI of a named node, `_:id` for a
/// blank node, the lexical form of a literal.
fn key(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => node.as_str().to_owned(),
        Term::BlankNode(node) => node.to_string(),
        Term::Literal(literal) => literal.value().to_owned(),
        // RDF 1.2 triple terms, should Oxigraph's `rdf-12` feature be on.
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// The cells of one row as keys, `None` where unbound.
fn cells(rows: &Rows) -> impl Iterator<Item = Vec<Option<&Term>>> {
    rows.rows
        .iter()
        .map(|row| row.iter().map(Option::as_ref).collect())
}

/// Subject key → attribute name → value.
pub(super) type Literals = BTreeMap<String, BTreeMap<String, Value>>;

/// The literals of `(subject, predicate, literal)` rows by subject and
/// attribute name; of several values, the smallest lexical form is kept.
fn collect_literals(rows: &Rows) -> Literals {
    let mut seen: BTreeMap<(String, String), Vec<&Literal>> = BTreeMap::new();
    for row in cells(rows) {
        if let [Some(s), Some(Term::NamedNode(p)), Some(Term::Literal(v))] = row[..] {
            seen.entry((key(s), attribute_name(p.as_str())))
                .or_default()
                .push(v);
        }
    }
    let mut literals = Literals::new();
    for ((subject, name), mut values) in seen {
        values.sort_by(|a, b| a.value().cmp(b.value()));
        if let Some(value) = values.into_iter().find_map(Value::from_literal) {
            literals.entry(subject).or_default().insert(name, value);
        }
    }
    literals
}

/// One `kg:Cooccurrence` of the corpus graph: its concepts and literals.
#[derive(Default)]
pub(super) struct Cooccurrence {
    pub(super) concepts: BTreeSet<String>,
    pub(super) values: BTreeMap<String, Value>,
}

/// The co-occurrences of `scope` seen in at least `min_count` units, by
/// the IRI the corpus graph gives them, over the concepts `discovered`
/// admits: counted from the stored incidence by [`cooccurrence::count`],
/// the code `relate`, `related` and `path` use, with the same literals
/// the corpus graph states (`count`, then every measure, rounded alike).
pub(super) fn count_cooccurrences(
    store: &Store,
    scope: Scope,
    discovered: Discovered,
    min_count: u64,
) -> Result<BTreeMap<String, Cooccurrence>> {
    let all = cooccurrence::read(store)?;
    let incidence = all.restrict(discovered);
    let table = cooccurrence::count(scope, incidence.units(scope), incidence.concepts.len());
    let mut found = BTreeMap::new();
    for pair in table.cooccurrences(min_count) {
        let (a, b) = (
            &incidence.concepts[pair.a as usize],
            &incidence.concepts[pair.b as usize],
        );
        let mut values = BTreeMap::from([("count".to_owned(), Value::Int(pair.count as i64))]);
        for (name, v) in MEASURES.iter().zip(pair.measures.in_order()) {
            let v = round_significant(v, 12);
            if v.is_finite() {
                values.insert((*name).to_owned(), Value::Double(v));
            }
        }
        let concepts = BTreeSet::from([a.as_str().to_owned(), b.as_str().to_owned()]);
        let iri = cooccurrence_iri(scope, a.as_ref(), b.as_ref());
        found.insert(iri.as_str().to_owned(), Cooccurrence { concepts, values });
    }
    Ok(found)
}

/// The scope's `kg:minCount` in the corpus graph: the threshold `relate`
/// raised until the stored pairs were few enough to draw.
pub(super) fn stored_min_count(store: &Store, scope: Scope) -> Result<Option<u64>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?n WHERE {{ GRAPH <{}> {{ <{}> kg:minCount ?n }} }}",
            vocab::CORPUS_GRAPH,
            scope.iri().as_str()
        ),
    )?;
    let n = cells(&rows).next().and_then(|row| match row[..] {
        [Some(Term::Literal(n))] => n.value().parse().ok(),
        _ => None,
    });
    Ok(n)
}

/// The literals the corpus graph states about each of `iris`.
pub(super) fn read_node_facts<'a>(
    store: &Store,
    iris: impl Iterator<Item = &'a String>,
) -> Result<Literals> {
    let values: Vec<String> = iris
        .filter_map(|iri| NamedNode::new(iri.as_str()).ok())
        .map(|node| node.to_string())
        .collect();
    if values.is_empty() {
        return Ok(Literals::new());
    }
    let rows = query::select(
        store,
        &format!(
            "SELECT ?s ?p ?v WHERE {{ VALUES ?s {{ {} }} GRAPH <{}> {{ ?s ?p ?v FILTER(isLiteral(?v)) }} }}",
            values.join(" "),
            vocab::CORPUS_GRAPH
        ),
    )?;
    Ok(collect_literals(&rows))
}

/// Mentions counted per (article IRI, concept IRI).
pub(super) type Mentions = BTreeMap<(String, String), i64>;

/// Counts the mentions of each concept in each article: mentions are
/// counted per context (sentence or paragraph) by SPARQL, and each context
/// is walked up `dcterms:isPartOf` to its article here (a property path
/// with an open end is slow in Oxigraph).
pub(super) fn read_mentions(store: &Store, articles: &Articles) -> Result<Mentions> {
    let rows = query::select(
        store,
        "SELECT ?x ?c (COUNT(DISTINCT ?m) AS ?n) WHERE {
           ?m a kg:Mention ; kg:concept ?c ; kg:context ?x .
         } GROUP BY ?x ?c",
    )?;
    let parents = read_parents(store)?;
    let mut mentions = Mentions::new();
    for row in cells(&rows) {
        if let [Some(x), Some(Term::NamedNode(c)), Some(Term::Literal(n))] = row[..] {
            let Some(article) = enclosing_article(&key(x), &parents, articles) else {
                continue;
            };
            let n = n.value().parse::<i64>().unwrap_or(0);
            *mentions
                .entry((article.to_owned(), c.as_str().to_owned()))
                .or_default() += n;
        }
    }
    Ok(mentions)
}

/// Part → the parts it is `dcterms:isPartOf` (several for a part stated in
/// more than one place; all are tried).
fn read_parents(store: &Store) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let rows = query::select(store, "SELECT ?x ?p WHERE { ?x dcterms:isPartOf ?p }")?;
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in cells(&rows) {
        if let [Some(x), Some(p)] = row[..] {
            parents.entry(key(x)).or_default().insert(key(p));
        }
    }
    Ok(parents)
}

/// The first article reached from `part` by `dcterms:isPartOf` (the part
/// itself when it is one), breadth first, parts visited once.
fn enclosing_article<'r>(
    part: &str,
    parents: &BTreeMap<String, BTreeSet<String>>,
    articles: &'r Articles,
) -> Option<&'r str> {
    let mut seen = BTreeSet::new();
    let mut queue = std::collections::VecDeque::from([part]);
    while let Some(part) = queue.pop_front() {
        if let Some((article, _)) = articles.get_key_value(part) {
            return Some(article);
        }
        if seen.insert(part) {
            queue.extend(parents.get(part).into_iter().flatten().map(String::as_str));
        }
    }
    None
}

/// One label of a concept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Label {
    pub(super) preferred: bool,
    pub(super) language: String,
    pub(super) text: String,
}

/// Concept IRI → its preferred and alternative labels.
pub(super) type Labels = BTreeMap<String, Vec<Label>>;

/// The `skos:prefLabel`s and `skos:altLabel`s of every concept in the
/// store (lexicon and discovered terms alike).
pub(super) fn read_labels(store: &Store) -> Result<Labels> {
    let rows = query::select(
        store,
        "SELECT ?c ?p ?l WHERE { VALUES ?p { skos:prefLabel skos:altLabel } ?c ?p ?l }",
    )?;
    let mut labels = Labels::new();
    for row in cells(&rows) {
        if let [Some(Term::NamedNode(c)), Some(Term::NamedNode(p)), Some(Term::Literal(l))] =
            row[..]
        {
            labels
                .entry(c.as_str().to_owned())
                .or_default()
                .push(Label {
                    preferred: p.as_str().ends_with("prefLabel"),
                    language: l.language().unwrap_or("").to_ascii_lowercase(),
                    text: l.value().to_owned(),
                });
        }
    }
    Ok(labels)
}

/// The label to show for a concept: a preferred label in Chinese, else
/// without language, else in any language (smallest text first); the IRI's
/// local name when it has none.
pub(super) fn concept_label(iri: &str, labels: &Labels) -> String {
    let rank = |label: &Label| match label.language.as_str() {
        "zh" => 0,
        l if l.starts_with("zh-") => 1,
        "" => 2,
        _ => 3,
    };
    labels
        .get(iri)
        .and_then(|all| {
            all.iter()
                .filter(|label| label.preferred)
                .min_by(|a, b| (rank(a), &a.text).cmp(&(rank(b), &b.text)))
        })
        .map(|label| label.text.clone())
        .unwrap_or_else(|| local_name(iri).to_owned())
}

/// The part of an IRI after its last `/` or `#` (the IRI if that is empty).
fn local_name(iri: &str) -> &str {
    match iri.rsplit(['/', '#']).next() {
        Some(local) if !local.is_empty() => local,
        _ => iri,
    }
}

/// Article IRI → facts for display (`title`, `label`, `date`, `column`,
/// `creator`, `source`).
pub(super) type Articles = BTreeMap<String, BTreeMap<&'static str, String>>;

/// Every `kg:Article` with its title, label, date, column and creator
/// (when stated) and the `dcterms:source` of its document.
pub(super) fn read_articles(store: &Store) -> Result<Articles> {
    let rows = query::select(
        store,
        "SELECT ?a ?p ?v WHERE {
           ?a a kg:Article .
           OPTIONAL {
             VALUES ?p { dcterms:title rdfs:label dcterms:date kg:column dcterms:creator }
             ?a ?p ?v
           }
         }",
    )?;
    let mut articles = Articles::new();
    for row in cells(&rows) {
        let [Some(Term::NamedNode(a)), p, v] = row[..] else {
            continue;
        };
        let facts = articles.entry(a.as_str().to_owned()).or_default();
        if let (Some(Term::NamedNode(p)), Some(Term::Literal(v))) = (p, v) {
            let name = match local_name(p.as_str()) {
                "title" => "title",
                "label" => "label",
                "date" => "date",
                "column" => "column",
                _ => "creator",
            };
            keep_smallest(facts, name, v.value());
        }
    }
    let sources = query::select(
        store,
        "SELECT ?a ?s WHERE { ?a a kg:Article ; dcterms:isPartOf ?d . ?d a kg:Document ; dcterms:source ?s }",
    )?;
    for row in cells(&sources) {
        if let [Some(Term::NamedNode(a)), Some(Term::Literal(s))] = row[..] {
            if let Some(facts) = articles.get_mut(a.as_str()) {
                keep_smallest(facts, "source", s.value());
            }
        }
    }
    Ok(articles)
}

/// Sets `facts[name]` to `value` unless a smaller value is there already,
/// so that several values give the same choice whatever their order.
fn keep_smallest(facts: &mut BTreeMap<&'static str, String>, name: &'static str, value: &str) {
    match facts.get(name) {
        Some(old) if old.as_str() <= value => {}
        _ => {
            facts.insert(name, value.to_owned());
        }
    }
}
