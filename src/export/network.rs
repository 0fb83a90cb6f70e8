//! The network every graph format writes: what it holds, and how it is
//! chosen from what [`super::read`] found.
//!
//! Input: a [`Store`] and [`ExportOptions`]. Output: a [`Network`] of
//! nodes (concepts, articles) and undirected weighted edges, each carrying
//! typed attribute values, sorted, with its attribute schema declared.
//!
//! - Concept nodes: the ends of the exported co-occurrences and the
//!   concepts the articles of a mentions network mention; with
//!   `isolated`, every concept mentioned at least once (`kg:Mention`).
//!   Article nodes: the articles that mention a concept (mentions
//!   network), or every `kg:Article` (articles network).
//! - Edges: the co-occurrences of the chosen scope, counted from the
//!   stored incidence as `relate` counts the corpus graph's (weight: the
//!   count, every measure as an attribute: `npmi`, `pmi`, ...), from a
//!   threshold the network's `description` states ([`edge_threshold`]); article–concept mentions (weight: the
//!   number of mentions); article pairs that mention the same concepts
//!   (weight: how many; `jaccard` of their concept sets).
//! - Node attributes: `type`, `iri`, `mentionCount`, `documentCount` (of
//!   a concept: articles mentioning it) or `conceptCount` (of an article:
//!   concepts it mentions), an article's `date`, `column`, `creator`,
//!   `source`, and every literal the corpus graph states about the node
//!   (`pagerank`, `community`, ...), named by the property's local name.
//! - Filters, in this order: `min_weight` (then nodes left without edges
//!   go), `concepts` (the named concepts and their neighbours, edges among
//!   them), `top` (the heaviest nodes by weighted degree, edges among them).
//!
//! Node ids are short forms of the IRIs (`kgc:经济全球化`,
//! `kgid:doc/…/a1`), or the whole IRI outside those namespaces: never
//! empty, and distinct for distinct IRIs (short of an IRI whose scheme is
//! itself `kgc:` or `kgid:`).

use super::read::{
    concept_label, count_cooccurrences, read_articles, read_labels, read_mentions, read_node_facts,
    stored_min_count, Articles, Cooccurrence, Labels, Literals, Mentions,
};
use super::{ExportOptions, GraphKind};
use crate::corpus::relate::round_significant;
use crate::error::{Error, Result};
use crate::rdf::vocab;
use crate::store::Store;
use oxigraph::model::Literal;
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
    pub(super) fn from_literal(literal: &Literal) -> Option<Value> {
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
    /// Facts about the whole network, `(name, text)`: how its edges were
    /// chosen (formats that can say so write them as graph attributes).
    pub description: Vec<(String, String)>,
}

/// Node attributes that come first, in this order, when present.
const NODE_ORDER: &[&str] = &[
    "type",
    "iri",
    "mentionCount",
    "documentCount",
    "conceptCount",
    "date",
    "column",
    "creator",
    "source",
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
    crate::corpus::cooccurrence::MEASURES[0],
    crate::corpus::cooccurrence::MEASURES[1],
    crate::corpus::cooccurrence::MEASURES[2],
    crate::corpus::cooccurrence::MEASURES[3],
    crate::corpus::cooccurrence::MEASURES[4],
    crate::corpus::cooccurrence::MEASURES[5],
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
    let mut mentions = read_mentions(store, &articles)?;
    mentions.retain(|(_, concept), _| options.discovered.admits(concept));
    let labels = read_labels(store)?;
    let mut draft = Draft::default();
    let mut description = Vec::new();
    if options.graph.has_cooccurrence() {
        let (min_count, why) = edge_threshold(store, options)?;
        let cooccurrences =
            count_cooccurrences(store, options.scope, options.discovered, min_count)?;
        description.push((
            "edges".to_owned(),
            format!(
                "concept pairs mentioned together in at least {min_count} units of {} scope ({why}): {} such pairs in the store",
                options.scope.name(),
                cooccurrences.len()
            ),
        ));
        draft.add_cooccurrence(cooccurrences, &mentions, options.isolated)?;
        description.push((
            "isolatedConcepts".to_owned(),
            if options.isolated {
                "kept: every mentioned concept is a node (option isolated)"
            } else {
                "left out: concepts with no edge are not nodes (option isolated keeps them)"
            }
            .to_owned(),
        ));
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
    let mut network = describe.network(draft);
    network.description = description;
    Ok(network)
}

/// The fewest units a pair must share to be an edge, and why: as asked
/// (`--min-weight`, rounded up); around named concepts (`--concept`),
/// `related`'s default; otherwise the corpus graph's `kg:minCount`, which
/// keeps the whole network small enough to draw.
fn edge_threshold(store: &Store, options: &ExportOptions) -> Result<(u64, &'static str)> {
    if let Some(weight) = options.min_weight {
        return Ok(((weight.ceil() as u64).max(1), "option min-weight"));
    }
    if !options.concepts.is_empty() {
        return Ok((
            crate::corpus::cooccurrence::MIN_COUNT,
            "around option concept, as related lists them",
        ));
    }
    let stored = stored_min_count(store, options.scope)?;
    Ok((
        stored.unwrap_or(1).max(1),
        "kg:minCount of the corpus graph; option min-weight changes it",
    ))
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
        isolated: bool,
    ) -> Result<()> {
        if isolated {
            for (_, concept) in mentions.keys() {
                self.nodes.insert(concept.clone(), NodeKind::Concept);
            }
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
                            Value::Double(round_significant(shared as f64 / union as f64, 12)),
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
            keep.extend(
                seeds
                    .iter()
                    .filter(|s| self.nodes.contains_key(*s))
                    .cloned(),
            );
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
        edges.sort_by(|a, b| (&a.source, &a.target, a.kind).cmp(&(&b.source, &b.target, b.kind)));
        Network {
            node_attributes: declare(nodes.iter().map(|n| &n.values), NODE_ORDER),
            edge_attributes: declare(edges.iter().map(|e| &e.values), EDGE_ORDER),
            nodes,
            edges,
            description: Vec::new(),
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

    /// A node with its label and values: what the export counts itself
    /// (`mentionCount`, and `documentCount` of a concept or `conceptCount`
    /// of an article), overridden by what the corpus graph states under the
    /// same names, then `type` and `iri`.
    fn node(&self, iri: &str, kind: NodeKind, counts: Option<&(i64, i64)>) -> Node {
        let (mentions, partners) = counts.copied().unwrap_or_default();
        let mut values = BTreeMap::new();
        let mut set = |name: &str, value: Value| {
            values.insert(name.to_owned(), value);
        };
        set("mentionCount", Value::Int(mentions));
        let label = match kind {
            NodeKind::Concept => {
                set("documentCount", Value::Int(partners));
                concept_label(iri, self.labels)
            }
            NodeKind::Article => {
                set("conceptCount", Value::Int(partners));
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
        let facts = self.facts.get(iri).into_iter().flatten();
        values.extend(facts.map(|(name, value)| (name.clone(), value.clone())));
        values.retain(|name, _| !reserved(name, NODE_RESERVED));
        values.insert("type".to_owned(), Value::Text(kind.name().to_owned()));
        values.insert("iri".to_owned(), Value::Text(iri.to_owned()));
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
        assert_eq!(
            short_id(&format!("{}经济全球化", vocab::KGC)),
            "kgc:经济全球化"
        );
        assert_eq!(
            short_id(&format!("{}doc/ab/a1", vocab::KGID)),
            "kgid:doc/ab/a1"
        );
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
        assert_eq!(
            Value::from_literal(&typed("7", "integer")),
            Some(Value::Int(7))
        );
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
        let a = BTreeMap::from([
            ("x".to_owned(), Value::Int(1)),
            ("kind".to_owned(), Value::Int(1)),
        ]);
        let b = BTreeMap::from([("x".to_owned(), Value::Double(0.5))]);
        let declared = declare([&a, &b].into_iter(), EDGE_ORDER);
        assert_eq!(
            declared,
            vec![
                Attribute {
                    name: "kind".into(),
                    kind: ValueKind::Int
                },
                Attribute {
                    name: "x".into(),
                    kind: ValueKind::Double
                },
            ]
        );
    }
}
