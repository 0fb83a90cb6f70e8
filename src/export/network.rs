//! The network every graph format writes, read from the store by SPARQL.
//!
//! Input: a [`Store`] and [`ExportOptions`]. Output: a [`Network`] of
//! nodes (concepts, articles) and undirected weighted edges, each carrying
//! typed attribute values, sorted and with its attribute schema declared.
//!
//! What is read, per `design/ONTOLOGY.md`:
//! - mentions: `?m a kg:Mention ; kg:concept ?c ; kg:context ?x`, with
//!   `?x dcterms:isPartOf+ ?article`, counted per article and concept. A
//!   concept node exists for every concept mentioned at least once (and for
//!   every end of a co-occurrence); an article node for every `kg:Article`.
//! - co-occurrence: `?co a kg:Cooccurrence ; kg:scope ?s ; kg:concept ?a ,
//!   ?b` in the corpus graph; every literal of `?co` (`kg:count`, `kg:npmi`,
//!   ...) becomes an edge attribute named by the property's local name, and
//!   `kg:count` is the weight. A co-occurrence that does not join two
//!   distinct concepts is left out (no self-loops).
//! - node facts: every literal the corpus graph states about a node
//!   (`kg:mentionCount`, `kg:pagerank`, `kg:community`, ...) becomes a node
//!   attribute; when a fact has several values, the one with the smallest
//!   lexical form is kept.
//! - labels: a concept's `skos:prefLabel` (Chinese first), an article's
//!   `dcterms:title`, else its `rdfs:label`.
//!
//! Node ids are short forms of the IRIs (`kgc:经济全球化`,
//! `kgid:doc/…/a1`), or the whole IRI outside those namespaces: never
//! empty, and distinct for distinct IRIs.

use super::{ExportOptions, GraphKind};
use crate::error::{Error, Result};
use crate::query::{self, Rows};
use crate::store::Store;
use crate::vocab;
use oxigraph::model::{Literal, NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet};

/// The type of an attribute's values, as the formats declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Whole numbers that fit in 32 bits.
    Int,
    /// Whole numbers, some of which need 64 bits.
    Long,
    /// Floating-point numbers.
    Double,
    /// Text.
    Text,
}

impl ValueKind {
    /// The kind that holds values of both kinds.
    fn widen(self, other: ValueKind) -> ValueKind {
        match (self, other) {
            (a, b) if a == b => a,
            (ValueKind::Text, _) | (_, ValueKind::Text) => ValueKind::Text,
            (ValueKind::Double, _) | (_, ValueKind::Double) => ValueKind::Double,
            _ => ValueKind::Long,
        }
    }
}

/// One attribute value of a node or an edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A whole number.
    Int(i64),
    /// A finite floating-point number.
    Double(f64),
    /// Text.
    Text(String),
}

impl Value {
    /// The value's kind.
    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Int(n) if i32::try_from(*n).is_ok() => ValueKind::Int,
            Value::Int(_) => ValueKind::Long,
            Value::Double(_) => ValueKind::Double,
            Value::Text(_) => ValueKind::Text,
        }
    }

    /// The one way every format writes this value: decimal digits for
    /// numbers (never an exponent; the shortest form that reads back the
    /// same double), the text itself otherwise.
    pub fn render(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Double(x) => x.to_string(),
            Value::Text(text) => text.clone(),
        }
    }

    /// The value as a number, if it is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Double(x) => Some(*x),
            Value::Text(_) => None,
        }
    }

    /// The value of an RDF literal: XSD integer types as [`Value::Int`],
    /// `xsd:double`, `xsd:float` and `xsd:decimal` as [`Value::Double`]
    /// (`None` when not finite: `NaN` and `INF` are left out), anything
    /// else as its lexical form.
    fn from_literal(literal: &Literal) -> Option<Value> {
        let lexical = literal.value();
        let datatype = literal.datatype().as_str();
        let local = datatype.strip_prefix(vocab::XSD).unwrap_or("");
        if INTEGER_TYPES.contains(&local) {
            if let Ok(n) = lexical.trim().parse::<i64>() {
                return Some(Value::Int(n));
            }
        }
        if INTEGER_TYPES.contains(&local) || ["double", "float", "decimal"].contains(&local) {
            return match lexical.trim().parse::<f64>() {
                Ok(x) if x.is_finite() => Some(Value::Double(x)),
                Ok(_) => None,
                Err(_) => Some(Value::Text(lexical.to_owned())),
            };
        }
        Some(Value::Text(lexical.to_owned()))
    }
}

/// XSD datatypes whose values are whole numbers.
const INTEGER_TYPES: &[&str] = &[
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
];

/// A declared attribute: its name and the kind of all its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The name, as column header or attribute name.
    pub name: String,
    /// The kind every value of this attribute has.
    pub kind: ValueKind,
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// A `skos:Concept`.
    Concept,
    /// A `kg:Article`.
    Article,
}

impl NodeKind {
    /// The value of the node's `type` attribute.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Concept => "concept",
            NodeKind::Article => "article",
        }
    }
}

/// What an edge stands for, and so what its weight counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// Two concepts co-occur (weight: `kg:count` in the scope).
    Cooccurrence,
    /// An article mentions a concept (weight: its mentions there).
    Mention,
    /// Two articles mention the same concepts (weight: how many).
    Shared,
}

impl EdgeKind {
    /// The value of the edge's `kind` attribute.
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Cooccurrence => "cooccurrence",
            EdgeKind::Mention => "mention",
            EdgeKind::Shared => "shared",
        }
    }
}

/// One node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable, non-empty id (a short form of the IRI).
    pub id: String,
    /// What people read: the Chinese preferred label, or the title.
    pub label: String,
    /// Concept or article.
    pub kind: NodeKind,
    /// Attribute values by name (`type` and `iri` always).
    pub values: BTreeMap<String, Value>,
}

/// One undirected edge, `source` < `target` by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The id of one end.
    pub source: String,
    /// The id of the other end.
    pub target: String,
    /// What the edge stands for.
    pub kind: EdgeKind,
    /// The weight (see [`EdgeKind`]).
    pub weight: f64,
    /// Attribute values by name (`kind` and `count` always).
    pub values: BTreeMap<String, Value>,
}

/// A network ready to write: nodes sorted by id, edges by (source, target,
/// kind), and the attributes their values use, in a fixed order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    /// Node attributes besides id and label.
    pub node_attributes: Vec<Attribute>,
    /// Edge attributes besides the ends and the weight.
    pub edge_attributes: Vec<Attribute>,
    /// The nodes.
    pub nodes: Vec<Node>,
    /// The edges.
    pub edges: Vec<Edge>,
}

/// Node attributes that come first, in this order, when present.
const NODE_ORDER: &[&str] = &[
    "type",
    "iri",
    "mentions",
    "articles",
    "concepts",
    "date",
    "column",
    "creator",
    "source",
    "mentionCount",
    "documentCount",
    "degree",
    "weightedDegree",
    "betweenness",
    "pagerank",
    "community",
    "component",
];

/// Edge attributes that come first, in this order, when present.
const EDGE_ORDER: &[&str] = &[
    "kind",
    "count",
    "npmi",
    "pmi",
    "jaccard",
    "dice",
    "logLikelihood",
    "associationStrength",
];

/// Names a node attribute cannot have: the formats use them for the id
/// and label (Gephi matches column names without regard to case).
const NODE_RESERVED: &[&str] = &["id", "label"];

/// Names an edge attribute cannot have: the formats use them for the ends,
/// direction and weight.
const EDGE_RESERVED: &[&str] = &["id", "label", "source", "target", "type", "weight"];

/// Whether `name` is one of `reserved`, ignoring case.
fn reserved(name: &str, reserved: &[&str]) -> bool {
    reserved.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// Reads, filters and sorts the network `options` describe.
pub(super) fn build(store: &Store, options: &ExportOptions) -> Result<Network> {
    let articles = read_articles(store)?;
    let mentions = read_mentions(store, &articles)?;
    let labels = read_labels(store)?;
    let mut draft = Draft::default();
    if options.graph.has_cooccurrence() {
        let cooccurrences = read_cooccurrences(store, options.scope.iri().as_str())?;
        draft.add_cooccurrence(cooccurrences, &mentions)?;
    }
    if options.graph.has_mentions() {
        draft.add_mentions(&mentions);
    }
    if options.graph.has_shared() {
        draft.add_shared(&mentions, &articles);
    }
    if let Some(weight) = options.min_weight {
        draft.keep_heavy(weight);
    }
    if !options.concepts.is_empty() {
        let seeds = resolve_concepts(&options.concepts, &labels, &draft)?;
        draft.keep_around(&seeds, &mentions, options.graph);
    }
    if let Some(n) = options.top {
        draft.keep_top(n);
    }
    let describe = Describe {
        facts: &read_node_facts(store, draft.nodes.keys())?,
        mentions: &mentions,
        labels: &labels,
        articles: &articles,
    };
    Ok(describe.network(draft))
}

/// An IRI's short form: `kgc:…` and `kgid:…` for our namespaces, the IRI
/// itself otherwise.
pub fn short_id(iri: &str) -> String {
    for (prefix, namespace) in [("kgc", vocab::KGC), ("kgid", vocab::KGID)] {
        if let Some(local) = iri.strip_prefix(namespace) {
            if !local.is_empty() {
                return format!("{prefix}:{local}");
            }
        }
    }
    iri.to_owned()
}

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
type Literals = BTreeMap<String, BTreeMap<String, Value>>;

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
struct Cooccurrence {
    concepts: BTreeSet<String>,
    values: BTreeMap<String, Value>,
}

/// The co-occurrences of `scope` (an IRI) in the corpus graph, by key.
fn read_cooccurrences(store: &Store, scope: &str) -> Result<BTreeMap<String, Cooccurrence>> {
    let graph = vocab::CORPUS_GRAPH;
    let pattern = format!("?co a kg:Cooccurrence ; kg:scope <{scope}>");
    let ends = query::select(
        store,
        &format!("SELECT ?co ?c WHERE {{ GRAPH <{graph}> {{ {pattern} ; kg:concept ?c }} }}"),
    )?;
    let mut found: BTreeMap<String, Cooccurrence> = BTreeMap::new();
    for row in cells(&ends) {
        if let [Some(co), Some(Term::NamedNode(c))] = row[..] {
            let entry = found.entry(key(co)).or_default();
            entry.concepts.insert(c.as_str().to_owned());
        }
    }
    let values = query::select(
        store,
        &format!(
            "SELECT ?co ?p ?v WHERE {{ GRAPH <{graph}> {{ {pattern} ; ?p ?v FILTER(isLiteral(?v)) }} }}"
        ),
    )?;
    for (co, values) in collect_literals(&values) {
        if let Some(entry) = found.get_mut(&co) {
            entry.values = values;
        }
    }
    Ok(found)
}

/// The literals the corpus graph states about each of `iris`.
fn read_node_facts<'a>(store: &Store, iris: impl Iterator<Item = &'a String>) -> Result<Literals> {
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
type Mentions = BTreeMap<(String, String), i64>;

/// Counts the mentions of each concept in each article: mentions are
/// counted per context (sentence or paragraph) by SPARQL, and each context
/// is walked up `dcterms:isPartOf` to its article here (a property path
/// with an open end is slow in Oxigraph).
fn read_mentions(store: &Store, articles: &Articles) -> Result<Mentions> {
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
struct Label {
    preferred: bool,
    language: String,
    text: String,
}

/// Concept IRI → its preferred and alternative labels.
type Labels = BTreeMap<String, Vec<Label>>;

fn read_labels(store: &Store) -> Result<Labels> {
    let rows = query::select(
        store,
        "SELECT ?c ?p ?l WHERE { VALUES ?p { skos:prefLabel skos:altLabel } ?c ?p ?l }",
    )?;
    let mut labels = Labels::new();
    for row in cells(&rows) {
        if let [Some(Term::NamedNode(c)), Some(Term::NamedNode(p)), Some(Term::Literal(l))] =
            row[..]
        {
            labels.entry(c.as_str().to_owned()).or_default().push(Label {
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
fn concept_label(iri: &str, labels: &Labels) -> String {
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
type Articles = BTreeMap<String, BTreeMap<&'static str, String>>;

fn read_articles(store: &Store) -> Result<Articles> {
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

/// The concepts the user named, by label, id or IRI, among the labelled
/// concepts and the concept nodes of `draft`; an unknown name is a usage
/// error.
fn resolve_concepts(names: &[String], labels: &Labels, draft: &Draft) -> Result<BTreeSet<String>> {
    let nodes = draft
        .nodes
        .iter()
        .filter(|(_, kind)| **kind == NodeKind::Concept)
        .map(|(iri, _)| iri);
    let candidates: BTreeSet<&String> = labels.keys().chain(nodes).collect();
    let mut found = BTreeSet::new();
    for name in names {
        let named: Vec<&String> = candidates
            .iter()
            .copied()
            .filter(|iri| {
                *iri == name
                    || short_id(iri) == *name
                    || labels
                        .get(*iri)
                        .is_some_and(|all| all.iter().any(|label| label.text == *name))
            })
            .collect();
        if named.is_empty() {
            return Err(Error::Usage(format!(
                "no concept is called {name:?}: give a preferred or alternative label, an id such as kgc:经济全球化, or an IRI"
            )));
        }
        found.extend(named.into_iter().cloned());
    }
    Ok(found)
}

/// An edge before ids are assigned: its ends are IRIs.
struct DraftEdge {
    ends: (String, String),
    kind: EdgeKind,
    weight: f64,
    values: BTreeMap<String, Value>,
}

/// The network while it is being chosen: node IRIs and edges between them.
#[derive(Default)]
struct Draft {
    nodes: BTreeMap<String, NodeKind>,
    edges: Vec<DraftEdge>,
}

impl Draft {
    /// Concepts mentioned anywhere, and the co-occurrences (of one scope)
    /// that join two distinct concepts.
    fn add_cooccurrence(
        &mut self,
        cooccurrences: BTreeMap<String, Cooccurrence>,
        mentions: &Mentions,
    ) -> Result<()> {
        for (_, concept) in mentions.keys() {
            self.nodes.insert(concept.clone(), NodeKind::Concept);
        }
        for (co, Cooccurrence { concepts, values }) in cooccurrences {
            let mut ends = concepts.into_iter();
            let (Some(a), Some(b), None) = (ends.next(), ends.next(), ends.next()) else {
                continue;
            };
            let weight = values.get("count").and_then(Value::number).ok_or_else(|| {
                Error::Store(format!(
                    "co-occurrence {co} in the corpus graph has no numeric kg:count"
                ))
            })?;
            self.nodes.insert(a.clone(), NodeKind::Concept);
            self.nodes.insert(b.clone(), NodeKind::Concept);
            self.edges.push(DraftEdge {
                ends: (a, b),
                kind: EdgeKind::Cooccurrence,
                weight,
                values,
            });
        }
        Ok(())
    }

    /// Articles and the concepts they mention, joined.
    fn add_mentions(&mut self, mentions: &Mentions) {
        for ((article, concept), &n) in mentions {
            self.nodes.insert(article.clone(), NodeKind::Article);
            self.nodes.insert(concept.clone(), NodeKind::Concept);
            self.edges.push(DraftEdge {
                ends: (article.clone(), concept.clone()),
                kind: EdgeKind::Mention,
                weight: n as f64,
                values: BTreeMap::from([("count".to_owned(), Value::Int(n))]),
            });
        }
    }

    /// Every article, joined to each other article that mentions some of
    /// the same concepts (with the Jaccard index of their concept sets).
    fn add_shared(&mut self, mentions: &Mentions, articles: &Articles) {
        for article in articles.keys() {
            self.nodes.insert(article.clone(), NodeKind::Article);
        }
        let sets = concepts_per_article(mentions);
        let sets: Vec<(&String, &BTreeSet<&String>)> = sets.iter().map(|(a, c)| (*a, c)).collect();
        for (i, (a, concepts_a)) in sets.iter().enumerate() {
            for (b, concepts_b) in &sets[i + 1..] {
                let shared = concepts_a.intersection(concepts_b).count();
                if shared == 0 {
                    continue;
                }
                let union = concepts_a.union(concepts_b).count();
                self.edges.push(DraftEdge {
                    ends: ((*a).clone(), (*b).clone()),
                    kind: EdgeKind::Shared,
                    weight: shared as f64,
                    values: BTreeMap::from([
                        ("count".to_owned(), Value::Int(shared as i64)),
                        (
                            "jaccard".to_owned(),
                            Value::Double(shared as f64 / union as f64),
                        ),
                    ]),
                });
            }
        }
    }

    /// Drops edges lighter than `weight`, then the nodes left without any.
    fn keep_heavy(&mut self, weight: f64) {
        self.edges.retain(|edge| edge.weight >= weight);
        let linked: BTreeSet<String> = self.linked().into_iter().map(str::to_owned).collect();
        self.nodes.retain(|iri, _| linked.contains(iri));
    }

    /// Keeps the seed concepts and their neighbours (or, for the articles
    /// network, the articles that mention a seed), with the edges among
    /// them.
    fn keep_around(&mut self, seeds: &BTreeSet<String>, mentions: &Mentions, graph: GraphKind) {
        let mut keep: BTreeSet<String> = BTreeSet::new();
        if graph == GraphKind::Articles {
            keep.extend(
                mentions
                    .keys()
                    .filter(|(_, concept)| seeds.contains(concept))
                    .map(|(article, _)| article.clone()),
            );
        } else {
            keep.extend(seeds.iter().filter(|s| self.nodes.contains_key(*s)).cloned());
            for edge in &self.edges {
                let (a, b) = &edge.ends;
                if seeds.contains(a) {
                    keep.insert(b.clone());
                }
                if seeds.contains(b) {
                    keep.insert(a.clone());
                }
            }
        }
        self.induce(&keep);
    }

    /// Keeps the `n` nodes of greatest weighted degree (then more edges,
    /// then smaller id) and the edges among them.
    fn keep_top(&mut self, n: usize) {
        let mut strength: BTreeMap<&str, (f64, usize)> = self
            .nodes
            .keys()
            .map(|iri| (iri.as_str(), (0.0, 0)))
            .collect();
        for edge in &self.edges {
            for end in [&edge.ends.0, &edge.ends.1] {
                if let Some((weight, degree)) = strength.get_mut(end.as_str()) {
                    *weight += edge.weight;
                    *degree += 1;
                }
            }
        }
        let mut ranked: Vec<(&str, (f64, usize), String)> = strength
            .into_iter()
            .map(|(iri, s)| (iri, s, short_id(iri)))
            .collect();
        ranked.sort_by(|a, b| {
            b.1 .0
                .total_cmp(&a.1 .0)
                .then(b.1 .1.cmp(&a.1 .1))
                .then_with(|| a.2.cmp(&b.2))
        });
        let keep: BTreeSet<String> = ranked
            .into_iter()
            .take(n)
            .map(|(iri, _, _)| iri.to_owned())
            .collect();
        self.induce(&keep);
    }

    /// Restricts to the nodes in `keep` and the edges between them.
    fn induce(&mut self, keep: &BTreeSet<String>) {
        self.nodes.retain(|iri, _| keep.contains(iri));
        self.edges
            .retain(|edge| keep.contains(&edge.ends.0) && keep.contains(&edge.ends.1));
    }

    /// The IRIs of nodes with at least one edge.
    fn linked(&self) -> BTreeSet<&str> {
        self.edges
            .iter()
            .flat_map(|edge| [edge.ends.0.as_str(), edge.ends.1.as_str()])
            .collect()
    }
}

/// Article IRI → the concepts it mentions.
fn concepts_per_article(mentions: &Mentions) -> BTreeMap<&String, BTreeSet<&String>> {
    let mut sets: BTreeMap<&String, BTreeSet<&String>> = BTreeMap::new();
    for (article, concept) in mentions.keys() {
        sets.entry(article).or_default().insert(concept);
    }
    sets
}

/// Everything needed to turn a draft into described, sorted nodes.
struct Describe<'a> {
    facts: &'a Literals,
    mentions: &'a Mentions,
    labels: &'a Labels,
    articles: &'a Articles,
}

impl Describe<'_> {
    fn network(&self, draft: Draft) -> Network {
        let counts = self.counts();
        let mut nodes: Vec<Node> = draft
            .nodes
            .iter()
            .map(|(iri, &kind)| self.node(iri, kind, counts.get(iri.as_str())))
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<Edge> = draft.edges.into_iter().map(finish_edge).collect();
        edges.sort_by(|a, b| {
            (&a.source, &a.target, a.kind).cmp(&(&b.source, &b.target, b.kind))
        });
        Network {
            node_attributes: declare(nodes.iter().map(|n| &n.values), NODE_ORDER),
            edge_attributes: declare(edges.iter().map(|e| &e.values), EDGE_ORDER),
            nodes,
            edges,
        }
    }

    /// Per node IRI: (mentions, distinct partners) — for a concept, the
    /// articles mentioning it; for an article, the concepts it mentions.
    fn counts(&self) -> BTreeMap<&str, (i64, i64)> {
        let mut counts: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
        for ((article, concept), &n) in self.mentions {
            for end in [article, concept] {
                let entry = counts.entry(end.as_str()).or_default();
                entry.0 += n;
                entry.1 += 1;
            }
        }
        counts
    }

    fn node(&self, iri: &str, kind: NodeKind, counts: Option<&(i64, i64)>) -> Node {
        let (mentions, partners) = counts.copied().unwrap_or_default();
        let mut values = self.facts.get(iri).cloned().unwrap_or_default();
        values.retain(|name, _| !reserved(name, NODE_RESERVED));
        let mut set = |name: &str, value: Value| {
            values.insert(name.to_owned(), value);
        };
        set("type", Value::Text(kind.name().to_owned()));
        set("iri", Value::Text(iri.to_owned()));
        set("mentions", Value::Int(mentions));
        let label = match kind {
            NodeKind::Concept => {
                set("articles", Value::Int(partners));
                concept_label(iri, self.labels)
            }
            NodeKind::Article => {
                set("concepts", Value::Int(partners));
                let facts = self.articles.get(iri).cloned().unwrap_or_default();
                for name in ["date", "column", "creator", "source"] {
                    if let Some(value) = facts.get(name) {
                        set(name, Value::Text(value.clone()));
                    }
                }
                let label = facts.get("title").or(facts.get("label"));
                label.cloned().unwrap_or_else(|| short_id(iri))
            }
        };
        Node {
            id: short_id(iri),
            label,
            kind,
            values,
        }
    }
}

/// An edge with ids for ends, the smaller id as source, and its `kind`.
fn finish_edge(edge: DraftEdge) -> Edge {
    let (a, b) = (short_id(&edge.ends.0), short_id(&edge.ends.1));
    let (source, target) = if a <= b { (a, b) } else { (b, a) };
    let mut values = edge.values;
    values.retain(|name, _| !reserved(name, EDGE_RESERVED));
    values.insert("kind".to_owned(), Value::Text(edge.kind.name().to_owned()));
    Edge {
        source,
        target,
        kind: edge.kind,
        weight: edge.weight,
        values,
    }
}

/// The attributes used by `values`, each with the kind that holds all its
/// values: those of `order` first, in that order, then the rest by name.
fn declare<'a>(
    values: impl Iterator<Item = &'a BTreeMap<String, Value>>,
    order: &[&str],
) -> Vec<Attribute> {
    let mut kinds: BTreeMap<&str, ValueKind> = BTreeMap::new();
    for map in values {
        for (name, value) in map {
            let kind = kinds.entry(name).or_insert(value.kind());
            *kind = kind.widen(value.kind());
        }
    }
    let rank = |name: &str| order.iter().position(|n| *n == name).unwrap_or(order.len());
    let mut attributes: Vec<Attribute> = kinds
        .into_iter()
        .map(|(name, kind)| Attribute {
            name: name.to_owned(),
            kind,
        })
        .collect();
    attributes.sort_by(|a, b| (rank(&a.name), &a.name).cmp(&(rank(&b.name), &b.name)));
    attributes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_use_our_prefixes_and_never_come_out_empty() {
        assert_eq!(short_id(&format!("{}经济全球化", vocab::KGC)), "kgc:经济全球化");
        assert_eq!(short_id(&format!("{}doc/ab/a1", vocab::KGID)), "kgid:doc/ab/a1");
        assert_eq!(short_id(vocab::KGC), vocab::KGC);
        assert_eq!(short_id("http://example.com/x"), "http://example.com/x");
    }

    #[test]
    fn literals_become_typed_values() {
        let typed = |v: &str, t: &str| {
            Literal::new_typed_literal(
                v,
                oxigraph::model::NamedNode::new_unchecked(format!("{}{t}", vocab::XSD)),
            )
        };
        assert_eq!(Value::from_literal(&typed("7", "integer")), Some(Value::Int(7)));
        assert_eq!(
            Value::from_literal(&typed("-0.5", "double")),
            Some(Value::Double(-0.5))
        );
        assert_eq!(Value::from_literal(&typed("NaN", "double")), None);
        assert_eq!(Value::from_literal(&typed("INF", "double")), None);
        assert_eq!(
            Value::from_literal(&Literal::new_simple_literal("x")),
            Some(Value::Text("x".to_owned()))
        );
    }

    #[test]
    fn numbers_render_without_exponents() {
        assert_eq!(Value::Double(3.0).render(), "3");
        assert_eq!(Value::Double(1e-7).render(), "0.0000001");
        assert_eq!(Value::Double(-0.25).render(), "-0.25");
    }

    #[test]
    fn attributes_widen_to_the_kind_that_holds_every_value() {
        let a = BTreeMap::from([("x".to_owned(), Value::Int(1)), ("kind".to_owned(), Value::Int(1))]);
        let b = BTreeMap::from([("x".to_owned(), Value::Double(0.5))]);
        let declared = declare([&a, &b].into_iter(), EDGE_ORDER);
        assert_eq!(
            declared,
            vec![
                Attribute { name: "kind".into(), kind: ValueKind::Int },
                Attribute { name: "x".into(), kind: ValueKind::Double },
            ]
        );
    }
}
