//! Analytics: which concepts are central, and which belong together?
//!
//! The algorithms are pure and deterministic functions of an [`Adjacency`]
//! (an undirected weighted graph with nodes `0..n`, neighbours sorted), built
//! from any petgraph view of [`crate::corpus::graphs`]: weighted degree, betweenness
//! (Brandes), PageRank (power iteration), connected components and
//! communities (Louvain, with seeded node order, ties kept by the first
//! candidate, disconnected communities split into their connected parts).
//! Identifiers of components and communities are numbered by decreasing
//! size, ties by the smallest node index, so `0` is always the largest.
//!
//! The corpus-wide stage that runs them and writes the results is
//! [`crate::corpus::relate`].

use std::collections::{BTreeMap, VecDeque};

use petgraph::graph::Graph;
use petgraph::visit::EdgeRef;
use petgraph::Undirected;
use rayon::prelude::*;
use serde::Serialize;

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

/// At most this many source nodes are used for betweenness: up to it the
/// figure is exact, above it an estimate from this many sources.
pub const BETWEENNESS_SOURCES: usize = 512;

/// Betweenness centrality of each node (Brandes 2001), shortest paths
/// counted in hops (weights ignored), normalized by `(n-1)(n-2)/2`, the
/// number of pairs of other nodes, so values lie in `[0, 1]`.
///
/// Exact on graphs of at most [`BETWEENNESS_SOURCES`] nodes. On larger
/// ones, the dependencies of that many sources, chosen in a fixed seeded
/// order, are scaled by `n / sources` (Brandes and Pich 2007): an unbiased
/// estimate whose ranking of the high-betweenness nodes that users read
/// (`bridge-concepts`) is stable, at a fraction of the `O(n·m)` cost.
///
/// Sources are processed in fixed chunks in parallel and the chunk sums
/// added in order, so the result does not depend on the thread count.
pub fn betweenness(graph: &Adjacency) -> Vec<f64> {
    const CHUNK: usize = 64;
    let n = graph.len();
    let mut sources = seeded_order(n, 0x6265_7477);
    sources.truncate(BETWEENNESS_SOURCES);
    sources.sort_unstable();
    let scale = n as f64 / sources.len().max(1) as f64;
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
    total.iter().map(|t| t * scale / pairs).collect()
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

pub(crate) fn splitmix64(x: u64) -> u64 {
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

    /// Brandes over every source, for comparison with the estimate.
    fn exact_betweenness(graph: &Adjacency) -> Vec<f64> {
        let n = graph.len();
        let mut sum = vec![0.0; n];
        let mut work = Brandes::new(n);
        for s in 0..n {
            work.accumulate(graph, s, &mut sum);
        }
        let pairs = ((n - 1) * (n - 2)) as f64;
        sum.iter().map(|t| t / pairs).collect()
    }

    #[test]
    fn betweenness_of_a_large_graph_is_estimated_close_to_exact() {
        // Two rings of 700 nodes with chords, joined through node 0 and 700.
        let ring = 700u32;
        let mut edges = Vec::new();
        for part in [0, ring] {
            for i in 0..ring {
                edges.push((part + i, part + (i + 1) % ring, 1.0));
                edges.push((part + i, part + (i * 7 + 3) % ring, 1.0));
            }
        }
        edges.push((0, ring, 1.0));
        let graph = Adjacency::new(2 * ring as usize, edges);
        let estimate = betweenness(&graph);
        let exact = exact_betweenness(&graph);
        let top = |v: &[f64]| {
            let mut order: Vec<usize> = (0..v.len()).collect();
            order.sort_by(|&a, &b| v[b].total_cmp(&v[a]));
            order[..2]
                .iter()
                .copied()
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert_eq!(top(&estimate), top(&exact));
        assert!((estimate[0] - exact[0]).abs() / exact[0] < 0.1);
        let total = |v: &[f64]| v.iter().sum::<f64>();
        assert!((total(&estimate) - total(&exact)).abs() / total(&exact) < 0.05);
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
}
