//! [`relate`], the stage that recomputes every corpus-wide fact after
//! ingest and writes it to the corpus graph, with the network metrics of
//! [`crate::corpus::analytics`].
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
//!   (xsd:double; formulas in [`crate::corpus::cooccurrence`]). The threshold is
//!   `min_count` (2) unless more than `max_pairs` (2,000) pairs reach it;
//!   then it is the smallest count that keeps at most `max_pairs`, so the
//!   graph stays small on large corpora (on the 35 MB People's Daily
//!   2019–2020 sample: 9 for sentences, 14 for paragraphs, 35 for
//!   articles);
//! - per mentioned concept, discovered terms included: `kg:mentionCount`
//!   (its `kg:Mention`s) and `kg:documentCount` (articles mentioning it);
//! - per concept of the network (curated concepts; discovered terms too
//!   with [`Discovered::Included`], `ingest --with-discovered`), its
//!   metrics in the *paragraph-scope network*: nodes = those concepts, edges = the
//!   pairs with `n(a,b) ≥ min_count` (2; all of them, stored or not),
//!   weighted by the count — the network [`crate::corpus::graphs::concept_graph`]
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

use std::time::{Duration, Instant};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNode, Quad};
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::analytics::{analyze, modularity, Adjacency, LouvainConfig, Metrics};
use crate::corpus::cooccurrence::{
    self, cooccurrence_iri, corpus_quad, short_hash, Cooccurrence, Discovered, Incidence, RollUp,
    Scope,
};
use crate::corpus::graphs::{self, ArticlePair};
use crate::rdf::vocab;
use crate::store::Store;
use crate::Result;
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
    /// Whether discovered terms take part in co-occurrence, the network
    /// metrics and article links (their mention and article counts are
    /// stated either way).
    pub discovered: Discovered,
}

impl Default for RelateConfig {
    fn default() -> RelateConfig {
        RelateConfig {
            min_count: [2, 2, 2],
            max_pairs: 2000,
            roll_up: RollUp::None,
            links: LinkConfig::default(),
            louvain: LouvainConfig::default(),
            discovered: Discovered::default(),
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
    /// Concepts of the network: mentioned in the corpus (after roll-up)
    /// and admitted by [`RelateConfig::discovered`].
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
    let incidence = graphs::read_all_incidence(store, config.roll_up)?;
    let facts = CorpusFacts::compute(&incidence, config);
    let quads = facts.quads(&incidence);
    let mut summary = facts.summary;
    summary.quads = quads.len();
    summary.changed = store.sync_graph(&NamedNode::new_unchecked(vocab::CORPUS_GRAPH), &quads)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Everything [`relate`] states, before it becomes quads.
pub struct CorpusFacts {
    /// The concepts of the network: every mentioned concept the
    /// configuration admits ([`Discovered`]), by IRI; co-occurrences and
    /// metrics index them.
    pub concepts: Vec<NamedNode>,
    /// Stored co-occurrences per scope.
    pub cooccurrences: [Vec<Cooccurrence>; 3],
    /// Metrics of every concept in the paragraph-scope network.
    pub metrics: Vec<Metrics>,
    /// Every mentioned concept, discovered or not, by IRI: the ones whose
    /// counts are stated.
    pub mentioned: Vec<NamedNode>,
    /// `kg:Mention`s of each concept of `mentioned`.
    pub mentions: Vec<u64>,
    /// Articles mentioning each concept of `mentioned`.
    pub documents: Vec<u64>,
    /// The articles of the network (those mentioning an admitted
    /// concept), by IRI; links index them.
    pub articles: Vec<NamedNode>,
    /// Stored article links.
    pub links: Vec<ArticlePair>,
    /// The figures.
    pub summary: RelateSummary,
}

impl CorpusFacts {
    /// Computes the facts from an incidence (pure): counts for every
    /// concept, the rest for the concepts `config.discovered` admits.
    pub fn compute(all: &Incidence, config: &RelateConfig) -> CorpusFacts {
        let documents = occurrences(all.units(Scope::Article), all.concepts.len());
        let restricted = all.restrict(config.discovered);
        let incidence: &Incidence = &restricted;
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
            concepts: incidence.concepts.clone(),
            cooccurrences,
            metrics,
            mentioned: all.concepts.clone(),
            mentions: all.mentions.clone(),
            documents,
            articles: incidence.articles.clone(),
            links,
            summary,
        }
    }

    /// The quads of the corpus graph, in a fixed order; `incidence` is the
    /// one the facts were computed from.
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
                let (a, b) = (&self.concepts[c.a as usize], &self.concepts[c.b as usize]);
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
        let [mentions, documents, degree, between, rank, component, community] = &concept_terms;
        for (i, concept) in self.mentioned.iter().enumerate() {
            out.push(corpus_quad(concept, mentions, integer(self.mentions[i])));
            out.push(corpus_quad(concept, documents, integer(self.documents[i])));
        }
        for (i, concept) in self.concepts.iter().enumerate() {
            let m = &self.metrics[i];
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
        let ids = &self.articles;
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
            measures: crate::corpus::cooccurrence::MEASURES.map(kg),
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

/// `n(c)`: the units mentioning each of `concepts` concepts.
fn occurrences(units: &cooccurrence::Units, concepts: usize) -> Vec<u64> {
    let mut n = vec![0; concepts];
    for set in &units.concepts {
        for &c in set {
            n[c as usize] += 1;
        }
    }
    n
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
    use crate::corpus::analytics::splitmix64;

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
        for seed in 0..200u64 {
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
