//! Analytics: which concepts are central, and which belong together? And
//! [`relate`], the stage that recomputes every corpus-wide fact and writes
//! it to the corpus graph.
//!
//! The algorithms are pure and deterministic functions of an [`Adjacency`]
//! (an undirected weighted graph with nodes `0..n`, neighbours sorted), built
//! from any petgraph view of [`crate::graphs`]: weighted degree, betweenness
//! (Brandes), PageRank (power iteration), connected components and
//! communities (Louvain, with seeded node order, ties kept by the first
//! candidate, disconnected communities split into their connected parts).
//! Identifiers of components and communities are numbered by decreasing
//! size, ties by the smallest node index, so `0` is always the largest.
//!
//! # The corpus graph
//!
//! [`relate`] reads the mentions of all documents ([`cooccurrence::read`])
//! and makes the graph `vocab::CORPUS_GRAPH` state exactly:
//!
//! - per scope (`kg:SentenceScope`, `kg:ParagraphScope`, `kg:ArticleScope`):
//!   `kg:unitCount` (N) and `kg:minCount`, the threshold actually used;
//! - per pair with `n(a,b) ≥ minCount` at that scope, a `kg:Cooccurrence`
//!   `kgid:cooc/<scope>/<hash>` with `kg:concept` twice (the two concepts),
//!   `kg:scope`, `kg:count` (xsd:integer) and `kg:npmi`, `kg:pmi`,
//!   `kg:jaccard`, `kg:dice`, `kg:logLikelihood`, `kg:associationStrength`
//!   (xsd:double; formulas in [`crate::cooccurrence`]). The threshold is
//!   `min_count` (2) unless more than `max_pairs` (2,000) pairs reach it;
//!   then it is the smallest count that keeps at most `max_pairs`, so the
//!   graph stays small on large corpora (on the 35 MB People's Daily
//!   2019–2020 sample: 9 for sentences, 14 for paragraphs, 35 for
//!   articles);
//! - per mentioned concept: `kg:mentionCount` (its `kg:Mention`s),
//!   `kg:documentCount` (articles mentioning it), and its metrics in the
//!   *paragraph-scope network*: nodes = every mentioned concept, edges = the
//!   pairs with `n(a,b) ≥ min_count` (2; all of them, stored or not),
//!   weighted by the count — the network [`crate::graphs::concept_graph`]
//!   returns for `(Scope::Paragraph, 2)`: `kg:weightedDegree`,
//!   `kg:betweenness` (shortest paths counted in hops, normalized to
//!   [0, 1]), `kg:pagerank` (damping 0.85, sums to 1), `kg:component` and
//!   `kg:community` (Louvain, resolution 1, seed 42);
//! - per pair of articles that share at least `min_shared` (3) concepts and
//!   is among the `per_article` (2) most similar links of one of its two
//!   articles, a `kg:ArticleLink` `kgid:link/<hash>` with `kg:article`
//!   twice, `kg:sharedConcepts` (xsd:integer) and `kg:similarity` (the
//!   Jaccard coefficient of the two articles' concept sets, xsd:double).
//!
//! The write is one transaction that removes the quads no longer true and
//! adds the new ones: Oxigraph transactions cost per quad written, and most
//! quads survive a change to a few documents (all of them when nothing
//! changed). Doubles are rounded to 12 significant digits so that exports
//! do not depend on the last bits of a logarithm; quads are computed in a
//! fixed order (scopes, pairs by concept IRI, concepts by IRI, links by
//! article IRI), so the same store always gives the same corpus graph.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad};
use petgraph::graph::Graph;
use petgraph::visit::EdgeRef;
use petgraph::Undirected;
use rayon::prelude::*;
use serde::Serialize;

use crate::cooccurrence::{
    self, cooccurrence_iri, corpus_quad, short_hash, Cooccurrence, Incidence, RollUp, Scope,
};
use crate::graphs::{self, ArticlePair};
use crate::store::Store;
use crate::vocab;
use crate::Result;

/// An undirected weighted graph on nodes `0..n`: for each node its
/// neighbours (no self-loops) with edge weights, sorted by neighbour.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Adjacency {
    neighbors: Vec<Vec<(u32, f64)>>,
}

impl Adjacency {
    /// A graph of `nodes` nodes with these edges; parallel edges add up,
    /// self-loops are dropped.
    pub fn new(nodes: usize, edges: impl IntoIterator<Item = (u32, u32, f64)>) -> Adjacency {
        let mut neighbors: Vec<Vec<(u32, f64)>> = vec![Vec::new(); nodes];
        for (a, b, w) in edges {
            if a != b {
                neighbors[a as usize].push((b, w));
                neighbors[b as usize].push((a, w));
            }
        }
        for list in &mut neighbors {
            list.sort_by_key(|&(j, _)| j);
            list.dedup_by(|next, kept| {
                if next.0 == kept.0 {
                    kept.1 += next.1;
                    true
                } else {
                    false
                }
            });
        }
        Adjacency { neighbors }
    }

    /// The adjacency of a petgraph graph, with `weight` read off each edge.
    pub fn from_graph<N, E>(
        graph: &Graph<N, E, Undirected>,
        weight: impl Fn(&E) -> f64,
    ) -> Adjacency {
        Adjacency::new(
            graph.node_count(),
            graph.edge_references().map(|e| {
                (
                    e.source().index() as u32,
                    e.target().index() as u32,
                    weight(e.weight()),
                )
            }),
        )
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.neighbors.len()
    }

    /// Whether the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.neighbors.is_empty()
    }

    /// The neighbours of `node` with edge weights.
    pub fn neighbors(&self, node: usize) -> &[(u32, f64)] {
        &self.neighbors[node]
    }
}

/// The sum of each node's edge weights.
pub fn weighted_degree(graph: &Adjacency) -> Vec<f64> {
    graph
        .neighbors
        .iter()
        .map(|list| list.iter().map(|&(_, w)| w).sum())
        .collect()
}

/// Betweenness centrality of each node (Brandes 2001), shortest paths
/// counted in hops (weights ignored), normalized by `(n-1)(n-2)/2`, the
/// number of pairs of other nodes, so values lie in `[0, 1]`.
///
/// Sources are processed in fixed chunks in parallel and the chunk sums
/// added in order, so the result does not depend on the thread count.
pub fn betweenness(graph: &Adjacency) -> Vec<f64> {
    const CHUNK: usize = 64;
    let n = graph.len();
    let sources: Vec<usize> = (0..n).collect();
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut sum = vec![0.0; n];
            let mut work = Brandes::new(n);
            for &s in chunk {
                work.accumulate(graph, s, &mut sum);
            }
            sum
        })
        .collect();
    let mut total = vec![0.0; n];
    for part in partial {
        for (t, p) in total.iter_mut().zip(part) {
            *t += p;
        }
    }
    // Each unordered pair was counted from both ends: divide by 2, then by
    // the (n-1)(n-2)/2 pairs; together, by (n-1)(n-2).
    let pairs = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    total.iter().map(|t| t / pairs).collect()
}

/// Scratch space for one single-source pass of Brandes' algorithm.
struct Brandes {
    sigma: Vec<f64>,
    dist: Vec<i64>,
    delta: Vec<f64>,
    order: Vec<usize>,
    queue: VecDeque<usize>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            queue: VecDeque::new(),
        }
    }

    /// Adds the dependencies of source `s` to `sum`.
    fn accumulate(&mut self, graph: &Adjacency, s: usize, sum: &mut [f64]) {
        self.sigma.fill(0.0);
        self.dist.fill(-1);
        self.delta.fill(0.0);
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.queue.push_back(s);
        while let Some(v) = self.queue.pop_front() {
            self.order.push(v);
            for &(w, _) in graph.neighbors(v) {
                let w = w as usize;
                if self.dist[w] < 0 {
                    self.dist[w] = self.dist[v] + 1;
                    self.queue.push_back(w);
                }
                if self.dist[w] == self.dist[v] + 1 {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
        for &w in self.order.iter().rev() {
            for &(v, _) in graph.neighbors(w) {
                let v = v as usize;
                if self.dist[v] == self.dist[w] - 1 {
                    self.delta[v] += self.sigma[v] / self.sigma[w] * (1.0 + self.delta[w]);
                }
            }
            if w != s {
                sum[w] += self.delta[w];
            }
        }
    }
}

/// PageRank with damping `damping` on the weighted graph: a walker moves
/// to a neighbour with probability proportional to the edge weight, and a
/// node without edges sends its rank to all nodes evenly. Power iteration
/// from the uniform vector until the L1 change is below 1e-12 (at most 1000
/// rounds). The ranks sum to 1.
pub fn pagerank(graph: &Adjacency, damping: f64) -> Vec<f64> {
    let n = graph.len();
    if n == 0 {
        return Vec::new();
    }
    let degree = weighted_degree(graph);
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..1000 {
        let dangling: f64 = (0..n).filter(|&i| degree[i] <= 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - damping) * uniform + damping * dangling * uniform;
        for (j, slot) in next.iter_mut().enumerate() {
            let inflow: f64 = graph
                .neighbors(j)
                .iter()
                .map(|&(i, w)| rank[i as usize] * w / degree[i as usize])
                .sum();
            *slot = base + damping * inflow;
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < 1e-12 {
            break;
        }
    }
    rank
}

/// The connected component of each node, numbered by decreasing size.
pub fn components(graph: &Adjacency) -> Vec<u32> {
    let all_same = vec![0u32; graph.len()];
    renumber_by_size(&connected_parts(graph, &all_same))
}

/// Labels the connected parts of each class of `classes` (edges are only
/// followed between nodes of the same class), in order of the smallest
/// node of each part.
fn connected_parts(graph: &Adjacency, classes: &[u32]) -> Vec<u32> {
    let n = graph.len();
    let mut part = vec![u32::MAX; n];
    let mut next = 0;
    let mut queue = VecDeque::new();
    for start in 0..n {
        if part[start] != u32::MAX {
            continue;
        }
        part[start] = next;
        queue.push_back(start);
        while let Some(v) = queue.pop_front() {
            for &(w, _) in graph.neighbors(v) {
                let w = w as usize;
                if part[w] == u32::MAX && classes[w] == classes[v] {
                    part[w] = next;
                    queue.push_back(w);
                }
            }
        }
        next += 1;
    }
    part
}

/// The same partition with labels `0..k` by decreasing size, ties by the
/// smallest member.
fn renumber_by_size(labels: &[u32]) -> Vec<u32> {
    let k = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (node, &l) in labels.iter().enumerate() {
        size[l as usize] += 1;
        first[l as usize] = first[l as usize].min(node);
    }
    let mut order: Vec<usize> = (0..k).filter(|&l| size[l] > 0).collect();
    order.sort_by_key(|&l| (std::cmp::Reverse(size[l]), first[l]));
    let mut new = vec![0u32; k];
    for (rank, &l) in order.iter().enumerate() {
        new[l] = rank as u32;
    }
    labels.iter().map(|&l| new[l as usize]).collect()
}

/// How Louvain runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LouvainConfig {
    /// Resolution γ of the modularity (1 = standard; larger gives smaller
    /// communities).
    pub resolution: f64,
    /// Seed of the order in which nodes are visited: the same graph and
    /// seed always give the same partition.
    pub seed: u64,
}

impl Default for LouvainConfig {
    fn default() -> LouvainConfig {
        LouvainConfig {
            resolution: 1.0,
            seed: 42,
        }
    }
}

/// Communities by the Louvain method (Blondel et al. 2008): move nodes
/// one at a time to the neighbouring community with the largest modularity
/// gain (in a seeded order, ties going to the candidate seen first: the
/// current community, then neighbours in index order) until no move helps,
/// merge each community into one node, repeat. Finally, a community that is
/// not connected (Louvain's known defect) is split into its connected
/// parts. Labels are numbered by decreasing community size.
pub fn louvain(graph: &Adjacency, config: &LouvainConfig) -> Vec<u32> {
    let mut membership: Vec<u32> = (0..graph.len() as u32).collect();
    let mut level = Level::of(graph);
    for _ in 0..64 {
        let Some(local) = level.move_nodes(config) else {
            break;
        };
        for m in &mut membership {
            *m = local[*m as usize];
        }
        level = level.aggregate(&local);
    }
    renumber_by_size(&connected_parts(graph, &membership))
}

/// Modularity `Q = Σ_c [in_c / 2m - γ (tot_c / 2m)²]` of a partition,
/// where `in_c` is twice the weight inside community `c` and `tot_c` the
/// sum of its nodes' weighted degrees.
pub fn modularity(graph: &Adjacency, communities: &[u32], resolution: f64) -> f64 {
    let degree = weighted_degree(graph);
    let m2: f64 = degree.iter().sum();
    if m2 <= 0.0 {
        return 0.0;
    }
    let k = communities
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut inside = vec![0.0; k];
    let mut total = vec![0.0; k];
    for (v, &c) in communities.iter().enumerate() {
        total[c as usize] += degree[v];
        for &(w, weight) in graph.neighbors(v) {
            if communities[w as usize] == c {
                inside[c as usize] += weight;
            }
        }
    }
    (0..k)
        .map(|c| inside[c] / m2 - resolution * (total[c] / m2).powi(2))
        .sum()
}

/// One level of Louvain: a graph whose nodes may carry self-loops (the
/// weight inside a merged community, each edge once).
struct Level {
    graph: Adjacency,
    loops: Vec<f64>,
}

impl Level {
    fn of(graph: &Adjacency) -> Level {
        Level {
            graph: graph.clone(),
            loops: vec![0.0; graph.len()],
        }
    }

    /// Degrees counting a self-loop twice.
    fn degrees(&self) -> Vec<f64> {
        weighted_degree(&self.graph)
            .into_iter()
            .zip(&self.loops)
            .map(|(d, l)| d + 2.0 * l)
            .collect()
    }

    /// Local moving until no node moves; the communities (numbered by
    /// first appearance in node order), or `None` when nothing moved.
    fn move_nodes(&self, config: &LouvainConfig) -> Option<Vec<u32>> {
        let n = self.graph.len();
        let degree = self.degrees();
        let m2: f64 = degree.iter().sum();
        if m2 <= 0.0 {
            return None;
        }
        let mut community: Vec<u32> = (0..n as u32).collect();
        let mut total = degree.clone();
        let mut links = vec![0.0f64; n];
        let mut touched: Vec<u32> = Vec::new();
        let order = seeded_order(n, config.seed);
        let mut moved = false;
        for _pass in 0..1000 {
            let mut moves = 0;
            for &i in &order {
                let old = community[i];
                for &(j, w) in self.graph.neighbors(i) {
                    let c = community[j as usize];
                    if links[c as usize] == 0.0 {
                        touched.push(c);
                    }
                    links[c as usize] += w;
                }
                total[old as usize] -= degree[i];
                let gain = |c: u32, links: &[f64], total: &[f64]| {
                    links[c as usize] - config.resolution * total[c as usize] * degree[i] / m2
                };
                let mut best = old;
                let mut best_gain = gain(old, &links, &total);
                for &c in &touched {
                    let g = gain(c, &links, &total);
                    if g > best_gain {
                        best = c;
                        best_gain = g;
                    }
                }
                total[best as usize] += degree[i];
                community[i] = best;
                if best != old {
                    moves += 1;
                }
                for c in touched.drain(..) {
                    links[c as usize] = 0.0;
                }
            }
            if moves == 0 {
                break;
            }
            moved = true;
        }
        moved.then(|| first_appearance(&community))
    }

    /// The graph of communities: one node per community, edge weights
    /// summed, inside weights as self-loops.
    fn aggregate(&self, community: &[u32]) -> Level {
        let k = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut loops = vec![0.0; k];
        let mut edges = Vec::new();
        for (v, &c) in community.iter().enumerate() {
            loops[c as usize] += self.loops[v];
            for &(w, weight) in self.graph.neighbors(v) {
                let d = community[w as usize];
                if d == c {
                    // Seen from both ends: half each time.
                    loops[c as usize] += weight / 2.0;
                } else if (v as u32) < w {
                    edges.push((c, d, weight));
                }
            }
        }
        Level {
            graph: Adjacency::new(k, edges),
            loops,
        }
    }
}

/// Labels renumbered `0..k` in order of first appearance.
fn first_appearance(labels: &[u32]) -> Vec<u32> {
    let mut map: BTreeMap<u32, u32> = BTreeMap::new();
    labels
        .iter()
        .map(|&l| {
            let next = map.len() as u32;
            *map.entry(l).or_insert(next)
        })
        .collect()
}

/// The nodes `0..n` in an order fixed by `seed` (SplitMix64 of seed and
/// index, ties by index).
fn seeded_order(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| {
        (
            splitmix64(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            i,
        )
    });
    order
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What the network says about one node.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Metrics {
    /// Sum of edge weights.
    pub weighted_degree: f64,
    /// Normalized betweenness in hops.
    pub betweenness: f64,
    /// PageRank (damping 0.85).
    pub pagerank: f64,
    /// Connected component, `0` = largest.
    pub component: u32,
    /// Louvain community, `0` = largest.
    pub community: u32,
}

/// All metrics of every node of `graph`.
pub fn analyze(graph: &Adjacency, louvain_config: &LouvainConfig) -> Vec<Metrics> {
    let degree = weighted_degree(graph);
    let between = betweenness(graph);
    let rank = pagerank(graph, 0.85);
    let component = components(graph);
    let community = louvain(graph, louvain_config);
    (0..graph.len())
        .map(|i| Metrics {
            weighted_degree: degree[i],
            betweenness: between[i],
            pagerank: rank[i],
            component: component[i],
            community: community[i],
        })
        .collect()
}

/// What [`relate`] computes and how much it keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct RelateConfig {
    /// The smallest `n(a,b)` of a stored co-occurrence, per scope (sentence,
    /// paragraph, article).
    pub min_count: [u64; 3],
    /// At most this many co-occurrences are stored per scope: when more
    /// pairs reach `min_count`, the scope's threshold rises to the smallest
    /// count that keeps at most this many (the threshold used is stated as
    /// `kg:minCount`).
    pub max_pairs: usize,
    /// Whether concepts are replaced by broader ones first.
    pub roll_up: RollUp,
    /// Which article links are stored.
    pub links: LinkConfig,
    /// How communities are found.
    pub louvain: LouvainConfig,
}

impl Default for RelateConfig {
    fn default() -> RelateConfig {
        RelateConfig {
            min_count: [2, 2, 2],
            max_pairs: 2000,
            roll_up: RollUp::None,
            links: LinkConfig::default(),
            louvain: LouvainConfig::default(),
        }
    }
}

/// The smallest count `k ≥ min_count` such that at most `max_pairs` pairs
/// of `table` have `n(a,b) ≥ k`.
pub fn threshold(table: &cooccurrence::Table, min_count: u64, max_pairs: usize) -> u64 {
    let mut counts: Vec<u64> = table
        .pairs
        .iter()
        .map(|p| p.count)
        .filter(|&c| c >= min_count)
        .collect();
    if counts.len() <= max_pairs {
        return min_count;
    }
    counts.sort_unstable_by(|a, b| b.cmp(a));
    // Every pair counted more than the first one left out fits.
    counts[max_pairs] + 1
}

/// Which article–article links [`relate`] stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkConfig {
    /// Articles must share at least this many concepts.
    pub min_shared: u64,
    /// A link is kept when it is among the `per_article` most similar links
    /// of one of its articles (by similarity, then shared concepts, then
    /// the other article's IRI).
    pub per_article: usize,
}

impl Default for LinkConfig {
    fn default() -> LinkConfig {
        LinkConfig {
            min_shared: 3,
            per_article: 2,
        }
    }
}

/// What [`relate`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RelateSummary {
    /// Concepts mentioned in the corpus (after roll-up).
    pub concepts: usize,
    /// Units per scope (sentences, paragraphs, articles).
    pub units: [u64; 3],
    /// Co-occurring pairs per scope, before the minimum count.
    pub pairs: [usize; 3],
    /// The minimum count used per scope (after `max_pairs`).
    pub min_count: [u64; 3],
    /// Co-occurrences stored per scope.
    pub stored: [usize; 3],
    /// Article pairs sharing at least `min_shared` concepts.
    pub article_pairs: usize,
    /// Article links stored.
    pub article_links: usize,
    /// Connected components of the paragraph-scope network.
    pub components: usize,
    /// Louvain communities of the paragraph-scope network.
    pub communities: usize,
    /// Modularity of those communities.
    pub modularity: f64,
    /// Quads in the corpus graph.
    pub quads: usize,
    /// Quads removed from or added to it by this run.
    pub changed: usize,
    /// Wall time.
    #[serde(skip)]
    pub elapsed: Duration,
}

/// Recomputes co-occurrence, concept metrics and article links from the
/// documents in the store, and replaces the corpus graph with them in one
/// transaction (see the module docs for what is written). Call it after
/// every change to the documents; with no documents, the corpus graph is
/// removed.
pub fn relate(store: &Store) -> Result<RelateSummary> {
    relate_with(store, &RelateConfig::default())
}

/// [`relate`] with a configuration.
pub fn relate_with(store: &Store, config: &RelateConfig) -> Result<RelateSummary> {
    let started = Instant::now();
    let incidence = graphs::read_incidence(store, config.roll_up)?;
    let facts = CorpusFacts::compute(&incidence, config);
    let quads = facts.quads(&incidence);
    let mut summary = facts.summary;
    summary.quads = quads.len();
    summary.changed = replace_corpus_graph(store, &quads)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Makes the corpus graph hold exactly `quads`, in one transaction that
/// removes the quads no longer stated and adds the new ones; returns how
/// many quads were removed or added.
///
/// Same end state as [`Store::replace_graph`], but a transaction costs per
/// quad written, and most quads (types, concepts, scopes, counts) survive a
/// change to a few documents, and all of them a run with no change. An
/// empty corpus graph (the first ingest) is bulk-loaded instead.
fn replace_corpus_graph(store: &Store, quads: &[Quad]) -> Result<usize> {
    let corpus = NamedNode::new_unchecked(vocab::CORPUS_GRAPH);
    let graph = GraphNameRef::NamedNode(corpus.as_ref());
    let empty = store
        .inner()
        .quads_for_pattern(None, None, None, Some(graph))
        .next()
        .is_none();
    if empty {
        store.bulk_load(quads.iter().cloned())?;
        return Ok(quads.len());
    }
    let mut transaction = store.inner().start_transaction().map_err(store_error)?;
    let mut old = HashSet::new();
    for quad in transaction.quads_for_pattern(None, None, None, Some(graph)) {
        old.insert(quad.map_err(store_error)?);
    }
    let new: HashSet<&Quad> = quads.iter().collect();
    let stale: Vec<Quad> = old.iter().filter(|q| !new.contains(q)).cloned().collect();
    let fresh: Vec<&Quad> = quads.iter().filter(|q| !old.contains(*q)).collect();
    if stale.is_empty() && fresh.is_empty() {
        return Ok(0);
    }
    for quad in &stale {
        transaction.remove(quad);
    }
    transaction.extend(fresh.iter().copied());
    transaction.commit().map_err(store_error)?;
    Ok(stale.len() + fresh.len())
}

fn store_error(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Store(e.to_string())
}

/// Everything [`relate`] states, before it becomes quads.
pub struct CorpusFacts {
    /// Stored co-occurrences per scope.
    pub cooccurrences: [Vec<Cooccurrence>; 3],
    /// Metrics of every concept in the paragraph-scope network.
    pub metrics: Vec<Metrics>,
    /// Articles mentioning each concept.
    pub documents: Vec<u64>,
    /// Stored article links.
    pub links: Vec<ArticlePair>,
    /// The figures.
    pub summary: RelateSummary,
}

impl CorpusFacts {
    /// Computes the facts from an incidence (pure).
    pub fn compute(incidence: &Incidence, config: &RelateConfig) -> CorpusFacts {
        let n = incidence.concepts.len();
        let tables: Vec<cooccurrence::Table> = Scope::ALL
            .par_iter()
            .map(|&scope| cooccurrence::count(scope, incidence.units(scope), n))
            .collect();
        let mut summary = RelateSummary {
            concepts: n,
            ..RelateSummary::default()
        };
        let cooccurrences = Scope::ALL.map(|scope| {
            let table = &tables[scope as usize];
            summary.units[scope as usize] = table.units;
            summary.pairs[scope as usize] = table.pairs.len();
            let min_count = threshold(table, config.min_count[scope as usize], config.max_pairs);
            summary.min_count[scope as usize] = min_count;
            let kept = table.cooccurrences(min_count);
            summary.stored[scope as usize] = kept.len();
            kept
        });
        let network = concept_network(&tables[Scope::Paragraph as usize], config.min_count[1]);
        let metrics = analyze(&network, &config.louvain);
        let community: Vec<u32> = metrics.iter().map(|m| m.community).collect();
        summary.components = count_labels(metrics.iter().map(|m| m.component));
        summary.communities = count_labels(community.iter().copied());
        summary.modularity = modularity(&network, &community, config.louvain.resolution);
        let articles = incidence.units(Scope::Article);
        let (links, examined) = graphs::strongest_article_pairs(
            articles,
            config.links.min_shared,
            config.links.per_article,
        );
        summary.article_pairs = examined;
        summary.article_links = links.len();
        CorpusFacts {
            cooccurrences,
            metrics,
            documents: tables[Scope::Article as usize].occurrences.clone(),
            links,
            summary,
        }
    }

    /// The quads of the corpus graph, in a fixed order.
    pub fn quads(&self, incidence: &Incidence) -> Vec<Quad> {
        let mut out = Vec::new();
        if Scope::ALL.iter().all(|&s| incidence.units(s).total == 0) {
            return out;
        }
        let kg = |local: &str| NamedNode::new_unchecked(vocab::kg(local));
        let (unit_count, min_count) = (kg("unitCount"), kg("minCount"));
        for scope in Scope::ALL {
            let s = scope.iri();
            out.push(corpus_quad(
                &s,
                &unit_count,
                integer(incidence.units(scope).total),
            ));
            let threshold = self.summary.min_count[scope as usize];
            out.push(corpus_quad(&s, &min_count, integer(threshold)));
        }
        let p = CooccurrenceTerms::new();
        for scope in Scope::ALL {
            let scope_iri = scope.iri();
            for c in &self.cooccurrences[scope as usize] {
                let (a, b) = (
                    &incidence.concepts[c.a as usize],
                    &incidence.concepts[c.b as usize],
                );
                let iri = cooccurrence_iri(scope, a.as_ref(), b.as_ref());
                p.state(&mut out, &iri, a, b, &scope_iri, c);
            }
        }
        let concept_terms = [
            "mentionCount",
            "documentCount",
            "weightedDegree",
            "betweenness",
            "pagerank",
            "component",
            "community",
        ]
        .map(kg);
        for (i, concept) in incidence.concepts.iter().enumerate() {
            let m = &self.metrics[i];
            let [mentions, documents, degree, between, rank, component, community] = &concept_terms;
            out.push(corpus_quad(
                concept,
                mentions,
                integer(incidence.mentions[i]),
            ));
            out.push(corpus_quad(concept, documents, integer(self.documents[i])));
            out.push(corpus_quad(concept, degree, double(m.weighted_degree)));
            out.push(corpus_quad(concept, between, double(m.betweenness)));
            out.push(corpus_quad(concept, rank, double(m.pagerank)));
            out.push(corpus_quad(concept, component, integer(m.component)));
            out.push(corpus_quad(concept, community, integer(m.community)));
        }
        let (link, article, shared, similarity) = (
            kg("ArticleLink"),
            kg("article"),
            kg("sharedConcepts"),
            kg("similarity"),
        );
        let ids = &incidence.articles;
        for pair in &self.links {
            let (a, b) = (&ids[pair.a as usize], &ids[pair.b as usize]);
            let iri = NamedNode::new_unchecked(format!(
                "{}link/{}",
                vocab::KGID,
                short_hash(a.as_str(), b.as_str())
            ));
            out.push(corpus_quad(&iri, &rdf::TYPE.into_owned(), link.clone()));
            out.push(corpus_quad(&iri, &article, a.clone()));
            out.push(corpus_quad(&iri, &article, b.clone()));
            out.push(corpus_quad(&iri, &shared, integer(pair.shared)));
            out.push(corpus_quad(&iri, &similarity, double(pair.jaccard)));
        }
        out
    }
}

/// The predicates of a co-occurrence, made once.
struct CooccurrenceTerms {
    class: NamedNode,
    concept: NamedNode,
    scope: NamedNode,
    count: NamedNode,
    measures: [NamedNode; 6],
}

impl CooccurrenceTerms {
    fn new() -> CooccurrenceTerms {
        let kg = |local: &str| NamedNode::new_unchecked(vocab::kg(local));
        CooccurrenceTerms {
            class: kg("Cooccurrence"),
            concept: kg("concept"),
            scope: kg("scope"),
            count: kg("count"),
            measures: crate::cooccurrence::MEASURES.map(kg),
        }
    }

    fn state(
        &self,
        out: &mut Vec<Quad>,
        iri: &NamedNode,
        a: &NamedNode,
        b: &NamedNode,
        scope: &NamedNode,
        c: &Cooccurrence,
    ) {
        let m = &c.measures;
        out.push(corpus_quad(
            iri,
            &rdf::TYPE.into_owned(),
            self.class.clone(),
        ));
        out.push(corpus_quad(iri, &self.concept, a.clone()));
        out.push(corpus_quad(iri, &self.concept, b.clone()));
        out.push(corpus_quad(iri, &self.scope, scope.clone()));
        out.push(corpus_quad(iri, &self.count, integer(c.count)));
        for (p, v) in self.measures.iter().zip(m.in_order()) {
            out.push(corpus_quad(iri, p, double(v)));
        }
    }
}

/// The network the concept metrics describe: every concept, an edge per
/// pair with `n(a,b) ≥ min_count` in `table`, weighted by the count.
pub fn concept_network(table: &cooccurrence::Table, min_count: u64) -> Adjacency {
    Adjacency::new(
        table.occurrences.len(),
        table
            .pairs
            .iter()
            .filter(|p| p.count >= min_count)
            .map(|p| (p.a, p.b, p.count as f64)),
    )
}

/// The links among the `per_article` strongest of either article, in
/// `(a, b)` order: the plain definition that
/// [`graphs::strongest_article_pairs`] computes without holding every pair.
#[cfg(test)]
fn strongest_links(
    pairs: Vec<ArticlePair>,
    articles: usize,
    per_article: usize,
) -> Vec<ArticlePair> {
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); articles];
    for (k, p) in pairs.iter().enumerate() {
        incident[p.a as usize].push(k);
        incident[p.b as usize].push(k);
    }
    let mut keep = vec![false; pairs.len()];
    for (article, list) in incident.iter_mut().enumerate() {
        let other = |k: usize| {
            let p = &pairs[k];
            if p.a as usize == article {
                p.b
            } else {
                p.a
            }
        };
        list.sort_by(|&x, &y| {
            let (px, py) = (&pairs[x], &pairs[y]);
            py.jaccard
                .total_cmp(&px.jaccard)
                .then(py.shared.cmp(&px.shared))
                .then(other(x).cmp(&other(y)))
        });
        for &k in list.iter().take(per_article) {
            keep[k] = true;
        }
    }
    pairs
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

fn count_labels(labels: impl Iterator<Item = u32>) -> usize {
    labels.map(|l| l as usize + 1).max().unwrap_or(0)
}

fn integer(value: impl Into<u64>) -> Literal {
    Literal::new_typed_literal(value.into().to_string(), xsd::INTEGER)
}

/// An `xsd:double` rounded to 12 significant digits.
fn double(value: f64) -> Literal {
    Literal::from(round_significant(value, 12))
}

/// `value` rounded to `digits` significant decimal digits.
pub fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    if scale.is_finite() && scale > 0.0 {
        let rounded = (value * scale).round() / scale;
        if rounded.is_finite() {
            return rounded;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles joined by one edge: 0-1-2 and 3-4-5, bridge 2-3.
    fn barbell() -> Adjacency {
        Adjacency::new(
            6,
            [
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
                (2, 3, 1.0),
            ],
        )
    }

    #[test]
    fn weighted_degree_sums_weights() {
        let g = Adjacency::new(3, [(0, 1, 2.0), (1, 2, 0.5), (0, 1, 1.0)]);
        assert_eq!(weighted_degree(&g), vec![3.0, 3.5, 0.5]);
    }

    #[test]
    fn betweenness_of_a_path_and_a_barbell() {
        // Path 0-1-2: node 1 is on the only path between 0 and 2, the one
        // pair of other nodes: normalized 1.
        let path = Adjacency::new(3, [(0, 1, 1.0), (1, 2, 1.0)]);
        assert_eq!(betweenness(&path), vec![0.0, 1.0, 0.0]);
        // Barbell: 2 lies on every shortest path from {0,1} to {3,4,5}:
        // 6 of the C(5,2) = 10 pairs of other nodes.
        let b = betweenness(&barbell());
        assert!((b[2] - 0.6).abs() < 1e-12, "{b:?}");
        assert_eq!(b[0], 0.0);
        // Star: the centre carries every pair.
        let star = Adjacency::new(4, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        assert_eq!(betweenness(&star)[0], 1.0);
    }

    #[test]
    fn betweenness_splits_over_equal_paths() {
        // Square 0-1-3, 0-2-3: 1 and 2 each carry half of the pair (0, 3).
        let square = Adjacency::new(4, [(0, 1, 1.0), (1, 3, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
        let b = betweenness(&square);
        // Node 1 carries half of the pair (0, 3) and nothing else; by
        // symmetry every node carries 1/2 of the C(3,2) = 3 pairs of others.
        for v in b {
            assert!((v - 0.5 / 3.0).abs() < 1e-12);
        }
    }

    #[test]
    fn pagerank_sums_to_one_and_favours_hubs() {
        let star = Adjacency::new(5, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let r = pagerank(&star, 0.85);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(r[0] > r[1] && r[1] > r[4]);
        assert!((r[1] - r[2]).abs() < 1e-12);
        // A symmetric cycle: uniform.
        let cycle = Adjacency::new(3, [(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0)]);
        for v in pagerank(&cycle, 0.85) {
            assert!((v - 1.0 / 3.0).abs() < 1e-9);
        }
    }

    #[test]
    fn components_are_numbered_by_size() {
        let g = Adjacency::new(6, [(0, 1, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
        assert_eq!(components(&g), vec![1, 1, 0, 0, 0, 2]);
    }

    #[test]
    fn louvain_finds_the_two_triangles() {
        let parts = louvain(&barbell(), &LouvainConfig::default());
        assert_eq!(parts, vec![0, 0, 0, 1, 1, 1]);
        let q = modularity(&barbell(), &parts, 1.0);
        // in = 2·3 per triangle, tot = 7 per triangle, 2m = 14:
        // Q = 2 (6/14 - (7/14)²) = 6/7 - 1/2.
        assert!((q - (6.0 / 7.0 - 0.5)).abs() < 1e-12, "{q}");
    }

    #[test]
    fn louvain_is_deterministic_for_every_seed() {
        // Four cliques of four in a ring.
        let mut edges = Vec::new();
        for c in 0..4u32 {
            for i in 0..4 {
                for j in i + 1..4 {
                    edges.push((c * 4 + i, c * 4 + j, 1.0));
                }
            }
            edges.push((c * 4, ((c + 1) % 4) * 4 + 1, 1.0));
        }
        let g = Adjacency::new(16, edges);
        for seed in [0, 1, 42, 7777] {
            let config = LouvainConfig {
                resolution: 1.0,
                seed,
            };
            let first = louvain(&g, &config);
            assert_eq!(first, louvain(&g, &config));
            let mut groups: Vec<Vec<usize>> = vec![Vec::new(); 4];
            for (v, &c) in first.iter().enumerate() {
                groups[c as usize].push(v);
            }
            groups.sort();
            assert_eq!(
                groups,
                (0..4)
                    .map(|c| (c * 4..c * 4 + 4).collect())
                    .collect::<Vec<Vec<usize>>>(),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn louvain_leaves_isolated_nodes_alone() {
        let g = Adjacency::new(4, [(0, 1, 1.0)]);
        assert_eq!(louvain(&g, &LouvainConfig::default()), vec![0, 0, 1, 2]);
        assert_eq!(
            louvain(&Adjacency::new(0, []), &LouvainConfig::default()),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn strongest_links_keep_each_articles_best() {
        let pair = |a, b, shared, jaccard| ArticlePair {
            a,
            b,
            shared,
            jaccard,
        };
        let pairs = vec![
            pair(0, 1, 3, 0.9),
            pair(0, 2, 3, 0.5),
            pair(1, 2, 3, 0.4),
            pair(2, 3, 3, 0.1),
        ];
        let kept = strongest_links(pairs, 4, 1);
        let kept: Vec<(u32, u32)> = kept.iter().map(|p| (p.a, p.b)).collect();
        // 0 → 1, 1 → 0, 2 → 0, 3 → 2.
        assert_eq!(kept, vec![(0, 1), (0, 2), (2, 3)]);
    }

    #[test]
    fn strongest_article_pairs_are_the_strongest_of_all_pairs() {
        for seed in 0..20u64 {
            let mut state = seed;
            let mut next = |bound: u64| {
                state = splitmix64(state);
                state % bound
            };
            let n = 2 + next(40) as usize;
            let concepts: Vec<Vec<u32>> = (0..n)
                .map(|_| {
                    let mut set: Vec<u32> = (0..next(8)).map(|_| next(12) as u32).collect();
                    set.sort_unstable();
                    set.dedup();
                    set
                })
                .collect();
            let units = cooccurrence::Units {
                total: n as u64,
                concepts,
            };
            for (min_shared, per_article) in [(1, 1), (2, 2), (3, 3)] {
                let all = graphs::article_pairs(&units, min_shared);
                let (fast, examined) =
                    graphs::strongest_article_pairs(&units, min_shared, per_article);
                assert_eq!(examined, all.len(), "seed {seed}");
                assert_eq!(fast, strongest_links(all, n, per_article), "seed {seed}");
            }
        }
    }

    #[test]
    fn doubles_round_to_twelve_digits() {
        assert_eq!(round_significant(0.1 + 0.2, 12), 0.3);
        assert_eq!(round_significant(123456.78901234567, 12), 123456.789012);
        assert_eq!(round_significant(-1.0, 12), -1.0);
        assert_eq!(round_significant(0.0, 12), 0.0);
        assert_eq!(double(1.0).value(), "1");
    }
}
