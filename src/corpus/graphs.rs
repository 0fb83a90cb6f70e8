//! Graphs: which networks do the mentions form? petgraph views built from
//! the store, for analytics and for exports (GraphML, CSV).
//!
//! Input: the store's documents (read through
//! [`crate::corpus::cooccurrence::read`]) and the labels of the lexicon graphs.
//! Output: three undirected petgraph graphs whose node indices follow IRI
//! order, so the same store always gives the same graph:
//!
//! - [`concept_graph`]: concepts linked when they co-occur in a scope, the
//!   edge carrying the count and every association measure, the node its
//!   counts and its [`Metrics`] in that very graph (edges weighted by
//!   count);
//! - [`concept_article_graph`]: the bipartite graph of articles and the
//!   concepts they mention, weighted by the number of mentions;
//! - [`article_graph`]: articles linked when they share concepts, weighted
//!   by the number shared and their Jaccard coefficient.
//!
//! The views recompute from the documents rather than reading the corpus
//! graph, so they are never stale; with the paragraph scope and the minimum
//! count [`crate::corpus::relate::relate`] used, a concept graph's metrics are
//! the ones stored on the concepts.

use std::collections::{BTreeMap, HashMap, HashSet};

use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Term};
use petgraph::graph::{Graph, NodeIndex};
use petgraph::Undirected;
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::analytics::{analyze, Adjacency, LouvainConfig, Metrics};
use crate::corpus::cooccurrence::{self, Discovered, Incidence, Measures, RollUp, Scope, Units};
use crate::rdf::vocab::{self, DCTERMS, SKOS};
use crate::store::Store;
use crate::Result;

/// A concept in a concept graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConceptNode {
    /// The concept's IRI.
    pub iri: String,
    /// Its `skos:prefLabel` (the `@zh` one when there are several).
    pub label: Option<String>,
    /// `kg:Mention`s of it in the corpus.
    pub mentions: u64,
    /// Articles mentioning it.
    pub documents: u64,
    /// Units of the graph's scope mentioning it, `n(c)`.
    pub occurrences: u64,
    /// Its metrics in this graph.
    pub metrics: Metrics,
}

/// A co-occurrence edge: the count and the measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CooccurrenceEdge {
    /// `n(a,b)`: units mentioning both.
    pub count: u64,
    /// The association measures.
    pub measures: Measures,
}

/// Concepts and their co-occurrences in one scope.
pub type ConceptGraph = Graph<ConceptNode, CooccurrenceEdge, Undirected>;

/// The co-occurrence graph of `scope`: every concept mentioned in the
/// corpus (node `i` is the `i`-th by IRI, isolated ones included), an edge
/// for every pair mentioned together in at least `min_count` units.
pub fn concept_graph(store: &Store, scope: Scope, min_count: u64) -> Result<ConceptGraph> {
    let incidence = read_incidence(store, RollUp::None)?;
    let labels = read_labels(store, &incidence.concepts)?;
    Ok(build_concept_graph(
        &incidence,
        &labels,
        scope,
        min_count,
        &LouvainConfig::default(),
    ))
}

/// The concept graph of an incidence (pure; see [`concept_graph`]).
pub fn build_concept_graph(
    incidence: &Incidence,
    labels: &BTreeMap<NamedNode, String>,
    scope: Scope,
    min_count: u64,
    louvain: &LouvainConfig,
) -> ConceptGraph {
    let n = incidence.concepts.len();
    let table = cooccurrence::count(scope, incidence.units(scope), n);
    let articles = cooccurrence::count(Scope::Article, incidence.units(Scope::Article), n);
    let edges = table.cooccurrences(min_count);
    let adjacency = Adjacency::new(n, edges.iter().map(|c| (c.a, c.b, c.count as f64)));
    let metrics = analyze(&adjacency, louvain);
    let mut graph = ConceptGraph::with_capacity(n, edges.len());
    for (i, iri) in incidence.concepts.iter().enumerate() {
        graph.add_node(ConceptNode {
            iri: iri.as_str().to_owned(),
            label: labels.get(iri).cloned(),
            mentions: incidence.mentions[i],
            documents: articles.occurrences[i],
            occurrences: table.occurrences[i],
            metrics: metrics[i],
        });
    }
    for c in &edges {
        graph.add_edge(
            NodeIndex::new(c.a as usize),
            NodeIndex::new(c.b as usize),
            CooccurrenceEdge {
                count: c.count,
                measures: c.measures,
            },
        );
    }
    graph
}

/// An article in the article graph or the concept–article graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleNode {
    /// The article's IRI.
    pub iri: String,
    /// Its `rdfs:label`.
    pub label: Option<String>,
    /// Distinct concepts it mentions.
    pub concepts: u64,
}

/// Two articles (indices into [`Incidence::articles`], `a < b`) and the
/// concepts they share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ArticlePair {
    /// The first article.
    pub a: u32,
    /// The second article.
    pub b: u32,
    /// Concepts both mention.
    pub shared: u64,
    /// `shared / |concepts(a) ∪ concepts(b)|`.
    pub jaccard: f64,
}

/// An article–article edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ArticleEdge {
    /// Concepts both articles mention.
    pub shared: u64,
    /// Jaccard coefficient of their concept sets.
    pub jaccard: f64,
}

/// Articles linked by the concepts they share.
pub type ArticleGraph = Graph<ArticleNode, ArticleEdge, Undirected>;

/// The article graph: every article that mentions a concept (node `i` is
/// the `i`-th by IRI), an edge for every pair sharing at least
/// `min_shared` concepts.
pub fn article_graph(store: &Store, min_shared: u64) -> Result<ArticleGraph> {
    let incidence = read_incidence(store, RollUp::None)?;
    let labels = read_labels(store, &incidence.articles)?;
    Ok(build_article_graph(&incidence, &labels, min_shared))
}

/// The article graph of an incidence (pure; see [`article_graph`]).
pub fn build_article_graph(
    incidence: &Incidence,
    labels: &BTreeMap<NamedNode, String>,
    min_shared: u64,
) -> ArticleGraph {
    let units = incidence.units(Scope::Article);
    let pairs = article_pairs(units, min_shared);
    let mut graph = ArticleGraph::with_capacity(incidence.articles.len(), pairs.len());
    for (iri, concepts) in incidence.articles.iter().zip(&units.concepts) {
        graph.add_node(ArticleNode {
            iri: iri.as_str().to_owned(),
            label: labels.get(iri).cloned(),
            concepts: concepts.len() as u64,
        });
    }
    for p in pairs {
        graph.add_edge(
            NodeIndex::new(p.a as usize),
            NodeIndex::new(p.b as usize),
            ArticleEdge {
                shared: p.shared,
                jaccard: p.jaccard,
            },
        );
    }
    graph
}

/// Every pair of units sharing at least `min_shared` (≥ 1) concepts, in
/// `(a, b)` order. Walks an inverted index, one article at a time in
/// parallel, so memory stays proportional to the articles, not the pairs
/// examined.
pub fn article_pairs(units: &Units, min_shared: u64) -> Vec<ArticlePair> {
    let n = units.concepts.len();
    let postings = postings(units);
    let min_shared = min_shared.max(1);
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u64; n], Vec::new()),
            |(shared, touched), i| {
                for &c in &units.concepts[i] {
                    let list = &postings[c as usize];
                    let after = list.partition_point(|&j| j as usize <= i);
                    for &j in &list[after..] {
                        if shared[j as usize] == 0 {
                            touched.push(j);
                        }
                        shared[j as usize] += 1;
                    }
                }
                touched.sort_unstable();
                let size_i = units.concepts[i].len() as u64;
                let mut out = Vec::new();
                for j in touched.drain(..) {
                    let k = std::mem::take(&mut shared[j as usize]);
                    if k >= min_shared {
                        let size_j = units.concepts[j as usize].len() as u64;
                        out.push(ArticlePair {
                            a: i as u32,
                            b: j,
                            shared: k,
                            jaccard: k as f64 / (size_i + size_j - k) as f64,
                        });
                    }
                }
                out
            },
        )
        .flatten()
        .collect()
}

/// For each concept, the units that mention it, in unit order (an
/// inverted index).
fn postings(units: &Units) -> Vec<Vec<u32>> {
    let concepts = units
        .concepts
        .iter()
        .flatten()
        .map(|&c| c as usize + 1)
        .max();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); concepts.unwrap_or(0)];
    for (i, set) in units.concepts.iter().enumerate() {
        for &c in set {
            postings[c as usize].push(i as u32);
        }
    }
    postings
}

/// The pairs of units sharing at least `min_shared` (≥ 1) concepts that
/// are among the `per_article` strongest links of either unit (higher
/// Jaccard first, then more shared concepts, then the other unit's lower
/// index), in `(a, b)` order; and how many pairs share `min_shared` at all.
///
/// The same links as keeping the strongest of [`article_pairs`], without
/// holding every pair: each unit ranks its own partners (both directions)
/// and keeps `per_article` of them, so memory is proportional to the units.
pub fn strongest_article_pairs(
    units: &Units,
    min_shared: u64,
    per_article: usize,
) -> (Vec<ArticlePair>, usize) {
    let n = units.concepts.len();
    let postings = postings(units);
    let min_shared = min_shared.max(1);
    let ranked: Vec<(Vec<ArticlePair>, usize)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u64; n], Vec::new()),
            |(shared, touched), i| {
                for &c in &units.concepts[i] {
                    for &j in &postings[c as usize] {
                        if j as usize == i {
                            continue;
                        }
                        if shared[j as usize] == 0 {
                            touched.push(j);
                        }
                        shared[j as usize] += 1;
                    }
                }
                let size_i = units.concepts[i].len() as u64;
                let mut partners: Vec<(u32, u64, f64)> = Vec::new();
                for j in touched.drain(..) {
                    let k = std::mem::take(&mut shared[j as usize]);
                    if k >= min_shared {
                        let size_j = units.concepts[j as usize].len() as u64;
                        partners.push((j, k, k as f64 / (size_i + size_j - k) as f64));
                    }
                }
                let later = partners.iter().filter(|p| p.0 as usize > i).count();
                let stronger = |x: &(u32, u64, f64), y: &(u32, u64, f64)| {
                    y.2.total_cmp(&x.2).then(y.1.cmp(&x.1)).then(x.0.cmp(&y.0))
                };
                // Only the best `per_article` are kept: select them, then
                // sort those few (an article of a large corpus can have
                // thousands of partners).
                if partners.len() > per_article && per_article > 0 {
                    partners.select_nth_unstable_by(per_article - 1, stronger);
                    partners.truncate(per_article);
                }
                partners.sort_by(stronger);
                let best = partners
                    .into_iter()
                    .take(per_article)
                    .map(|(j, shared, jaccard)| ArticlePair {
                        a: (i as u32).min(j),
                        b: (i as u32).max(j),
                        shared,
                        jaccard,
                    })
                    .collect();
                (best, later)
            },
        )
        .collect();
    let total = ranked.iter().map(|(_, later)| later).sum();
    let mut pairs: Vec<ArticlePair> = ranked.into_iter().flat_map(|(best, _)| best).collect();
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs.dedup_by(|x, y| (x.a, x.b) == (y.a, y.b));
    (pairs, total)
}

/// A node of the concept–article graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum BipartiteNode {
    /// A concept: IRI and label.
    Concept {
        /// The concept's IRI.
        iri: String,
        /// Its `skos:prefLabel`.
        label: Option<String>,
    },
    /// An article.
    Article(ArticleNode),
}

/// Articles and the concepts they mention; the edge weight is the number of
/// `kg:Mention`s of the concept in the article.
pub type ConceptArticleGraph = Graph<BipartiteNode, u64, Undirected>;

/// The concept–article graph: concepts first (by IRI), then articles (by
/// IRI), an edge per article and concept it mentions, in that order.
pub fn concept_article_graph(store: &Store) -> Result<ConceptArticleGraph> {
    let incidence = read_incidence(store, RollUp::None)?;
    let units = incidence.units(Scope::Article);
    let mut wanted = incidence.concepts.clone();
    wanted.extend(incidence.articles.iter().cloned());
    let labels = read_labels(store, &wanted)?;
    let counts = read_article_mentions(store, &incidence)?;
    let mut graph = ConceptArticleGraph::default();
    for iri in &incidence.concepts {
        graph.add_node(BipartiteNode::Concept {
            iri: iri.as_str().to_owned(),
            label: labels.get(iri).cloned(),
        });
    }
    let offset = incidence.concepts.len();
    for (iri, concepts) in incidence.articles.iter().zip(&units.concepts) {
        graph.add_node(BipartiteNode::Article(ArticleNode {
            iri: iri.as_str().to_owned(),
            label: labels.get(iri).cloned(),
            concepts: concepts.len() as u64,
        }));
    }
    for (i, concepts) in units.concepts.iter().enumerate() {
        for &c in concepts {
            let weight = counts.get(&(i as u32, c)).copied().unwrap_or(0);
            // A concept only in the article's title or headings has no
            // body mention to weigh its edge.
            if weight == 0 {
                continue;
            }
            graph.add_edge(
                NodeIndex::new(offset + i),
                NodeIndex::new(c as usize),
                weight,
            );
        }
    }
    Ok(graph)
}

/// Body `kg:Mention`s per (article index, concept index): each mention's
/// `kg:context` is followed up `dcterms:isPartOf` to its article.
fn read_article_mentions(store: &Store, incidence: &Incidence) -> Result<HashMap<(u32, u32), u64>> {
    let articles: HashMap<&NamedNode, u32> = incidence
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a, i as u32))
        .collect();
    let parent = read_links(store, &format!("{DCTERMS}isPartOf"), false)?;
    let context = read_links(store, &vocab::kg("context"), false)?;
    let concept = read_links(store, &vocab::kg("concept"), true)?;
    let mut counts = HashMap::new();
    for (mention, c) in &concept {
        let (Some(mut part), Some(c)) = (context.get(mention), incidence.concept_index(c.as_str()))
        else {
            continue;
        };
        // Body mentions only: a paragraph's IRI ends in `/p<n>` (see
        // `rdf`); mentions in titles and headings have an article or a
        // section as context.
        if !part
            .as_str()
            .rsplit('/')
            .next()
            .is_some_and(|s| s.starts_with('p'))
        {
            continue;
        }
        for _ in 0..8 {
            if let Some(&a) = articles.get(part) {
                *counts.entry((a, c)).or_default() += 1;
                break;
            }
            match parent.get(part) {
                Some(up) => part = up,
                None => break,
            }
        }
    }
    Ok(counts)
}

/// `subject → object` for every `?s <predicate> ?o` between IRIs; when
/// `documents_only`, the corpus graph is skipped.
fn read_links(
    store: &Store,
    predicate: &str,
    documents_only: bool,
) -> Result<HashMap<NamedNode, NamedNode>> {
    let predicate = NamedNode::new_unchecked(predicate);
    let corpus = NamedNode::new_unchecked(vocab::CORPUS_GRAPH);
    let mut links = HashMap::new();
    for quad in store.scan(None, Some(predicate.as_ref()), None) {
        let quad = quad?;
        if documents_only && quad.graph_name.as_ref() == GraphNameRef::NamedNode(corpus.as_ref()) {
            continue;
        }
        if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (quad.subject, quad.object) {
            links.insert(s, o);
        }
    }
    Ok(links)
}

/// The incidence of the store's curated concepts, rolled up as asked:
/// discovered terms stay out of the networks until accepted (see
/// [`Discovered`]).
pub fn read_incidence(store: &Store, roll_up: RollUp) -> Result<Incidence> {
    read_incidence_of(store, roll_up, Discovered::Excluded)
}

/// The incidence of the concepts `discovered` admits, rolled up as asked.
pub fn read_incidence_of(
    store: &Store,
    roll_up: RollUp,
    discovered: Discovered,
) -> Result<Incidence> {
    let incidence = read_all_incidence(store, roll_up)?;
    Ok(incidence.restrict(discovered).into_owned())
}

/// The incidence of every concept the documents mention, discovered
/// terms included, rolled up as asked.
pub fn read_all_incidence(store: &Store, roll_up: RollUp) -> Result<Incidence> {
    let incidence = cooccurrence::read(store)?;
    if roll_up == RollUp::None {
        return Ok(incidence);
    }
    let broader = cooccurrence::read_broader(store)?;
    Ok(incidence.roll_up(&broader, roll_up))
}

/// Display labels of `iris`: `skos:prefLabel` (the `@zh` one first, then
/// the smallest), else `rdfs:label` (the smallest).
pub fn read_labels(store: &Store, iris: &[NamedNode]) -> Result<BTreeMap<NamedNode, String>> {
    let wanted: HashSet<&NamedNode> = iris.iter().collect();
    let pref = NamedNode::new_unchecked(format!("{SKOS}prefLabel"));
    let mut best: BTreeMap<NamedNode, (u8, String)> = BTreeMap::new();
    for (predicate, rank) in [(pref.as_ref(), 0u8), (rdfs::LABEL, 2)] {
        for quad in store.scan(None, Some(predicate), None) {
            let quad = quad?;
            let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (quad.subject, quad.object)
            else {
                continue;
            };
            if !wanted.contains(&s) {
                continue;
            }
            let rank = rank + u8::from(l.language() != Some("zh"));
            let candidate = (rank, l.value().to_owned());
            match best.get_mut(&s) {
                Some(current) if *current <= candidate => {}
                Some(current) => *current = candidate,
                None => {
                    best.insert(s, candidate);
                }
            }
        }
    }
    Ok(best.into_iter().map(|(k, (_, v))| (k, v)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iri(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.com/{local}"))
    }

    fn units(sets: Vec<Vec<u32>>) -> Units {
        Units {
            total: sets.len() as u64,
            concepts: sets,
        }
    }

    #[test]
    fn article_pairs_count_shared_concepts() {
        let u = units(vec![vec![0, 1, 2], vec![1, 2, 3], vec![4], vec![0, 4]]);
        let got: Vec<(u32, u32, u64)> = article_pairs(&u, 1)
            .iter()
            .map(|p| (p.a, p.b, p.shared))
            .collect();
        assert_eq!(got, vec![(0, 1, 2), (0, 3, 1), (2, 3, 1)]);
        let strong = article_pairs(&u, 2);
        assert_eq!(strong.len(), 1);
        // {0,1,2} and {1,2,3}: 2 shared of 4.
        assert_eq!(strong[0].jaccard, 0.5);
    }

    #[test]
    fn concept_graph_has_every_concept_and_counted_edges() {
        let incidence = Incidence {
            concepts: vec![iri("c0"), iri("c1"), iri("c2")],
            mentions: vec![2, 2, 1],
            scopes: [
                units(vec![vec![0, 1], vec![0, 1], vec![2]]),
                units(vec![vec![0, 1, 2]]),
                units(vec![vec![0, 1, 2]]),
            ],
            articles: vec![iri("a0")],
        };
        let labels = [(iri("c0"), "零".to_string())].into_iter().collect();
        let g = build_concept_graph(
            &incidence,
            &labels,
            Scope::Sentence,
            2,
            &LouvainConfig::default(),
        );
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g[NodeIndex::new(0)].label.as_deref(), Some("零"));
        assert_eq!(g[NodeIndex::new(0)].occurrences, 2);
        assert_eq!(g[NodeIndex::new(2)].documents, 1);
        let e = g.edge_weight(petgraph::graph::EdgeIndex::new(0)).unwrap();
        assert_eq!(e.count, 2);
        assert_eq!(g[NodeIndex::new(0)].metrics.weighted_degree, 2.0);
        assert_eq!(
            g[NodeIndex::new(0)].metrics.community,
            g[NodeIndex::new(1)].metrics.community
        );
    }
}
