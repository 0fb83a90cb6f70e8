//! Co-occurrence: which concepts appear together in the same sentence,
//! paragraph or article, how often, and how strongly they are associated.
//!
//! Input: the `kg:conceptIncidence` literal of each document graph
//! ([`crate::rdf::incidence`]), read once into an [`Incidence`] (for each [`Scope`], each unit — a sentence, a
//! paragraph, an article — with the set of concepts it mentions). Output: a
//! [`Table`] per scope with the counts `N`, `n(a)`, `n(a,b)` and, for every
//! pair that co-occurs, the association [`Measures`]. Counting and measuring
//! are pure and deterministic; reading is the only edge. Writing the corpus
//! graph is [`crate::corpus::relate::relate`]'s job.
//!
//! # Counts
//!
//! For one scope: `N` = all units of that class in the corpus (with or
//! without mentions); `n(a)` = units mentioning concept `a`; `n(a,b)` = units
//! mentioning both. A unit counts a concept once however often it is named.
//!
//! # Measures (natural logarithms; `p(x) = n(x) / N`)
//!
//! - PMI: `ln(n(a,b) · N / (n(a) · n(b)))`.
//! - NPMI (Bouma 2009): `pmi / -ln(n(a,b) / N)`, in `[-1, 1]`; `1` when
//!   `n(a,b) = N` (both concepts in every unit). Only pairs with
//!   `n(a,b) ≥ 1` exist, so the `-1` of never co-occurring pairs is never
//!   stored.
//! - Jaccard: `n(a,b) / (n(a) + n(b) - n(a,b))`, in `(0, 1]`.
//! - Dice: `2 n(a,b) / (n(a) + n(b))`, in `(0, 1]`.
//! - Log-likelihood G² (Dunning 1993) of the 2×2 table
//!   `k11 = n(a,b)`, `k12 = n(a) - n(a,b)`, `k21 = n(b) - n(a,b)`,
//!   `k22 = N - n(a) - n(b) + n(a,b)`:
//!   `G² = 2 Σ k_ij ln(k_ij · N / (row_i · col_j))` with `0 ln 0 = 0`;
//!   unsigned, `≥ 0`.
//! - Association strength as VOSviewer normalizes co-occurrence (van Eck &
//!   Waltman 2009, "How to normalize cooccurrence data?", JASIST 60(8);
//!   `createNormalizedNetworkUsingAssociationStrength` in their
//!   networkanalysis code): `AS(a,b) = n(a,b) · S / (s(a) · s(b))`, where
//!   `s(a) = Σ_b n(a,b)` is the total link strength of `a` (over all pairs,
//!   before any minimum count) and `S = Σ_a s(a)` (twice the number of
//!   co-occurrences). It is the observed count over the count expected if
//!   links formed at random in proportion to each concept's link strength:
//!   `1` = as expected. Unlike `exp(pmi)`, it discounts concepts that appear
//!   in long units with many other concepts.

use std::collections::{BTreeMap, HashMap};

use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::rdf::vocab::{self, SKOS};
use crate::store::Store;
use crate::{Error, Result};

/// The fewest units two concepts must share for the everyday commands
/// (`related`, `show`, `path`, the network exports around a concept) to
/// rank them together unless asked otherwise: a pair seen once ranks first
/// by npmi or pmi when both concepts are rare, which says little.
pub const MIN_COUNT: u64 = 2;

/// Local names (in `kg:`) of the association measures every stored
/// co-occurrence carries, in the order they are written and exported.
pub const MEASURES: [&str; 6] = [
    "npmi",
    "pmi",
    "jaccard",
    "dice",
    "logLikelihood",
    "associationStrength",
];

/// The unit within which co-occurrence is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// A `kg:Sentence`.
    Sentence,
    /// A `kg:Paragraph`.
    Paragraph,
    /// A `kg:Article`.
    Article,
}

impl Scope {
    /// The three scopes, in the order tables and quads list them.
    pub const ALL: [Scope; 3] = [Scope::Sentence, Scope::Paragraph, Scope::Article];

    /// Lower-case English name, used in IRIs: `sentence`, `paragraph`,
    /// `article`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Article => "article",
        }
    }

    /// The `kg:Scope` individual: `kg:SentenceScope`, ….
    pub fn iri(self) -> NamedNode {
        NamedNode::new_unchecked(vocab::kg(match self {
            Scope::Sentence => "SentenceScope",
            Scope::Paragraph => "ParagraphScope",
            Scope::Article => "ArticleScope",
        }))
    }

    /// The class of the units: `kg:Sentence` (a class of the vocabulary
    /// whose instances the store does not materialise: sentences are spans,
    /// see `kg:sentenceEnds`), `kg:Paragraph`, `kg:Article`.
    pub fn class(self) -> NamedNode {
        NamedNode::new_unchecked(vocab::kg(match self {
            Scope::Sentence => "Sentence",
            Scope::Paragraph => "Paragraph",
            Scope::Article => "Article",
        }))
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl std::str::FromStr for Scope {
    type Err = Error;

    /// `sentence`, `paragraph` or `article`.
    fn from_str(name: &str) -> Result<Scope> {
        Scope::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown scope {name:?}: use sentence, paragraph or article"
                ))
            })
    }
}

/// The units of one scope that mention at least one concept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Units {
    /// `N`: all units of the scope in the corpus, with or without mentions.
    pub total: u64,
    /// The concepts each unit mentions: indices into
    /// [`Incidence::concepts`], sorted and distinct. Units that mention no
    /// concept are left out. Articles come in the order of
    /// [`Incidence::articles`]; sentences and paragraphs, whose identity no
    /// measure needs, in the order of their concept sets.
    pub concepts: Vec<Vec<u32>>,
}

/// Which concepts each sentence, paragraph and article mentions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incidence {
    /// The concepts mentioned anywhere, sorted by IRI; a concept's index is
    /// its position here, so `a < b` as indices means `a < b` by IRI.
    pub concepts: Vec<NamedNode>,
    /// `kg:Mention` resources per concept, parallel to `concepts`.
    pub mentions: Vec<u64>,
    /// Units per scope, indexed by `Scope as usize` (see [`Incidence::units`]).
    pub scopes: [Units; 3],
    /// The IRIs of the article units, sorted, parallel to
    /// `units(Scope::Article).concepts`.
    pub articles: Vec<NamedNode>,
}

impl Incidence {
    /// The units of `scope`.
    pub fn units(&self, scope: Scope) -> &Units {
        &self.scopes[scope.index()]
    }

    /// The index of the concept `iri`, if it is mentioned.
    pub fn concept_index(&self, iri: &str) -> Option<u32> {
        self.concepts
            .binary_search_by(|c| c.as_str().cmp(iri))
            .ok()
            .map(|i| i as u32)
    }
}

/// Whether discovered terms (`kg:discovered true`, not accepted into a
/// lexicon) take part in corpus statistics: co-occurrence, the network
/// metrics, `related`, `path`, `compare`, the exported networks. By
/// default they do not: discovery is a suggestion until the user accepts
/// a term (`policykg lexicon accept`), and then it is a curated concept.
/// Their mentions are stored and counted either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Discovered {
    /// Curated concepts only.
    #[default]
    Excluded,
    /// Curated concepts and discovered terms (`--with-discovered`).
    Included,
}

impl Discovered {
    /// Whether a concept with this IRI takes part.
    pub fn admits(self, iri: &str) -> bool {
        self == Discovered::Included || !crate::concepts::discovered::is_discovered(iri)
    }
}

impl Incidence {
    /// The same incidence with only the concepts `discovered` admits,
    /// renumbered in IRI order; units left without a concept are dropped
    /// (articles with their IRI). Borrowed when every concept is admitted.
    pub fn restrict(&self, discovered: Discovered) -> std::borrow::Cow<'_, Incidence> {
        let kept: Vec<bool> = self
            .concepts
            .iter()
            .map(|c| discovered.admits(c.as_str()))
            .collect();
        if kept.iter().all(|k| *k) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut index = vec![u32::MAX; self.concepts.len()];
        let mut concepts = Vec::new();
        let mut mentions = Vec::new();
        for (i, c) in self.concepts.iter().enumerate() {
            if kept[i] {
                index[i] = concepts.len() as u32;
                concepts.push(c.clone());
                mentions.push(self.mentions[i]);
            }
        }
        let keep_set = |set: &Vec<u32>| -> Vec<u32> {
            set.iter()
                .filter(|&&c| kept[c as usize])
                .map(|&c| index[c as usize])
                .collect()
        };
        let mut scopes: [Units; 3] = Default::default();
        let mut articles = Vec::new();
        for scope in Scope::ALL {
            let from = self.units(scope);
            let to = &mut scopes[scope.index()];
            to.total = from.total;
            for (u, set) in from.concepts.iter().enumerate() {
                let set = keep_set(set);
                if set.is_empty() {
                    continue;
                }
                if scope == Scope::Article {
                    articles.push(self.articles[u].clone());
                }
                to.concepts.push(set);
            }
        }
        std::borrow::Cow::Owned(Incidence {
            concepts,
            mentions,
            scopes,
            articles,
        })
    }
}

/// Whether, and how far, concepts are replaced by broader ones before
/// counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RollUp {
    /// Count concepts as mentioned.
    #[default]
    None,
    /// Replace each concept by its `skos:broader` concept (the first by IRI
    /// when it has several), if it has one.
    Parent,
    /// Replace each concept by the top of its `skos:broader` chain.
    Top,
}

/// Reads which concepts every sentence, paragraph and article of every
/// document graph mentions, and how many `kg:Mention`s each concept has,
/// from the one `kg:conceptIncidence` literal each document carries
/// ([`crate::rdf::incidence`]): a scan of one predicate, decoded on all cores.
pub fn read(store: &Store) -> Result<Incidence> {
    let documents = store.incidences(None)?;
    let mut interner = Interner::default();
    let mut scopes: [Units; 3] = Default::default();
    let mut raw_counts: HashMap<u32, u64> = HashMap::new();
    let mut articles: Vec<(NamedNode, Vec<u32>)> = Vec::new();
    for (doc, d) in documents {
        let ids: Vec<u32> = d.concepts.iter().map(|c| interner.intern(c)).collect();
        let map = |set: &Vec<u32>| -> Vec<u32> { set.iter().map(|&c| ids[c as usize]).collect() };
        for (slot, n) in scopes.iter_mut().zip(d.totals) {
            slot.total += n;
        }
        scopes[Scope::Sentence.index()]
            .concepts
            .extend(d.sentences.iter().map(map));
        scopes[Scope::Paragraph.index()]
            .concepts
            .extend(d.paragraphs.iter().map(map));
        for (ordinal, counts) in &d.articles {
            let set: Vec<u32> = counts.iter().map(|&(c, _)| ids[c as usize]).collect();
            for &(c, n) in counts {
                *raw_counts.entry(ids[c as usize]).or_default() += u64::from(n);
            }
            let iri = NamedNode::new_unchecked(format!("{}/a{ordinal}", doc.as_str()));
            articles.push((iri, set));
        }
    }
    let (concepts, remap) = interner.sorted();
    let mut mentions = vec![0; concepts.len()];
    for (raw, n) in raw_counts {
        mentions[remap[raw as usize] as usize] += n;
    }
    articles.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    scopes[Scope::Article.index()].concepts = articles.iter().map(|(_, set)| set.clone()).collect();
    for (i, units) in scopes.iter_mut().enumerate() {
        for set in &mut units.concepts {
            for c in set.iter_mut() {
                *c = remap[*c as usize];
            }
            set.sort_unstable();
            set.dedup();
        }
        if i != Scope::Article.index() {
            units.concepts.sort_unstable();
        }
    }
    Ok(Incidence {
        concepts,
        mentions,
        scopes,
        articles: articles.into_iter().map(|(iri, _)| iri).collect(),
    })
}

/// Concept IRIs to provisional indices in first-seen order.
#[derive(Default)]
struct Interner {
    index: HashMap<String, u32>,
    iris: Vec<String>,
}

impl Interner {
    fn intern(&mut self, iri: &str) -> u32 {
        if let Some(&i) = self.index.get(iri) {
            return i;
        }
        let i = self.iris.len() as u32;
        self.index.insert(iri.to_owned(), i);
        self.iris.push(iri.to_owned());
        i
    }

    /// The IRIs sorted, and for each provisional index its sorted index.
    fn sorted(self) -> (Vec<NamedNode>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.iris.len() as u32).collect();
        order.sort_by(|&a, &b| self.iris[a as usize].cmp(&self.iris[b as usize]));
        let mut remap = vec![0; order.len()];
        for (sorted, &raw) in order.iter().enumerate() {
            remap[raw as usize] = sorted as u32;
        }
        let iris = order
            .iter()
            .map(|&raw| NamedNode::new_unchecked(self.iris[raw as usize].clone()))
            .collect();
        (iris, remap)
    }
}

fn corpus_graph() -> NamedNode {
    NamedNode::new_unchecked(vocab::CORPUS_GRAPH)
}

/// Each concept's `skos:broader` concept (the first by IRI when several are
/// stated), from every graph.
pub fn read_broader(store: &Store) -> Result<BTreeMap<NamedNode, NamedNode>> {
    let broader = NamedNode::new_unchecked(format!("{SKOS}broader"));
    let mut map: BTreeMap<NamedNode, NamedNode> = BTreeMap::new();
    for quad in store.scan(None, Some(broader.as_ref()), None) {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(narrow), Term::NamedNode(broad)) =
            (quad.subject, quad.object)
        {
            if narrow == broad {
                continue;
            }
            let entry = map.entry(narrow).or_insert_with(|| broad.clone());
            if broad < *entry {
                *entry = broad;
            }
        }
    }
    Ok(map)
}

/// The concept `iri` stands for under `roll_up`: itself, its parent, or the
/// top of its chain (a cycle stops where it would repeat).
pub fn rolled_up<'a>(
    iri: &'a NamedNode,
    broader: &'a BTreeMap<NamedNode, NamedNode>,
    roll_up: RollUp,
) -> &'a NamedNode {
    match roll_up {
        RollUp::None => iri,
        RollUp::Parent => broader.get(iri).unwrap_or(iri),
        RollUp::Top => {
            let mut seen = vec![iri];
            let mut current = iri;
            while let Some(next) = broader.get(current) {
                if seen.contains(&next) {
                    break;
                }
                seen.push(next);
                current = next;
            }
            current
        }
    }
}

impl Incidence {
    /// The same incidence with every concept replaced by the one it rolls
    /// up to (see [`RollUp`]); units keep each resulting concept once, and
    /// mention counts add up.
    pub fn roll_up(&self, broader: &BTreeMap<NamedNode, NamedNode>, roll_up: RollUp) -> Incidence {
        if roll_up == RollUp::None {
            return self.clone();
        }
        let targets: Vec<&NamedNode> = self
            .concepts
            .iter()
            .map(|c| rolled_up(c, broader, roll_up))
            .collect();
        let mut concepts: Vec<NamedNode> = targets.iter().map(|&c| c.clone()).collect();
        concepts.sort_unstable();
        concepts.dedup();
        let map: Vec<u32> = targets
            .iter()
            .map(|t| concepts.binary_search(t).expect("target listed") as u32)
            .collect();
        let mut mentions = vec![0; concepts.len()];
        for (old, &n) in self.mentions.iter().enumerate() {
            mentions[map[old] as usize] += n;
        }
        let scopes = self.scopes.clone().map(|mut units| {
            for set in &mut units.concepts {
                for c in set.iter_mut() {
                    *c = map[*c as usize];
                }
                set.sort_unstable();
                set.dedup();
            }
            units
        });
        Incidence {
            concepts,
            mentions,
            scopes,
            articles: self.articles.clone(),
        }
    }
}

/// One pair of concepts and the number of units mentioning both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairCount {
    /// The first concept (index), `a < b`.
    pub a: u32,
    /// The second concept (index).
    pub b: u32,
    /// `n(a,b)`.
    pub count: u64,
}

/// The counts of one scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Which scope.
    pub scope: Scope,
    /// `N`: units of the scope.
    pub units: u64,
    /// `n(c)`: units mentioning each concept.
    pub occurrences: Vec<u64>,
    /// `s(c)`: the total link strength of each concept, `Σ_b n(c,b)`.
    pub strength: Vec<u64>,
    /// `S = Σ_c s(c)`.
    pub total_strength: u64,
    /// Every pair mentioned together in at least one unit, sorted by
    /// `(a, b)`.
    pub pairs: Vec<PairCount>,
}

/// Counts units, occurrences and pairs of one scope; `concepts` is the
/// number of concepts indices range over.
pub fn count(scope: Scope, units: &Units, concepts: usize) -> Table {
    let mut occurrences = vec![0u64; concepts];
    let mut strength = vec![0u64; concepts];
    let mut pairs: HashMap<u64, u64> = HashMap::new();
    for set in &units.concepts {
        let others = set.len() as u64 - 1;
        for (i, &a) in set.iter().enumerate() {
            occurrences[a as usize] += 1;
            strength[a as usize] += others;
            for &b in &set[i + 1..] {
                *pairs.entry(pair_key(a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<PairCount> = pairs
        .into_iter()
        .map(|(key, count)| PairCount {
            a: (key >> 32) as u32,
            b: key as u32,
            count,
        })
        .collect();
    pairs.sort_unstable_by_key(|p| (p.a, p.b));
    Table {
        scope,
        units: units.total,
        total_strength: strength.iter().sum(),
        occurrences,
        strength,
        pairs,
    }
}

fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The 2×2 picture of two concepts over `N` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contingency {
    /// `N`.
    pub units: u64,
    /// `n(a)`.
    pub a: u64,
    /// `n(b)`.
    pub b: u64,
    /// `n(a,b)`.
    pub both: u64,
}

/// The association measures of one pair (module docs give the formulas).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Measures {
    /// Pointwise mutual information (natural log).
    pub pmi: f64,
    /// Normalized PMI, in `[-1, 1]`.
    pub npmi: f64,
    /// Jaccard coefficient, in `[0, 1]`.
    pub jaccard: f64,
    /// Dice coefficient, in `[0, 1]`.
    pub dice: f64,
    /// Dunning's G², `≥ 0`.
    pub log_likelihood: f64,
    /// VOSviewer's association strength, `≥ 0` (`1` = as expected).
    pub association_strength: f64,
}

impl Measures {
    /// The measures in the order of [`MEASURES`] (the order the corpus
    /// graph and the exports write them in).
    pub fn in_order(&self) -> [f64; 6] {
        [
            self.npmi,
            self.pmi,
            self.jaccard,
            self.dice,
            self.log_likelihood,
            self.association_strength,
        ]
    }
}

impl Contingency {
    /// `ln(n(a,b) N / (n(a) n(b)))`; `-inf` when `n(a,b) = 0`.
    pub fn pmi(&self) -> f64 {
        let (n, a, b, ab) = self.floats();
        (ab * n / (a * b)).ln()
    }

    /// `pmi / -ln p(a,b)`, clamped to `[-1, 1]` against rounding; `1` when
    /// `n(a,b) = N`, `-1` when `n(a,b) = 0`.
    pub fn npmi(&self) -> f64 {
        if self.both == 0 {
            return -1.0;
        }
        if self.both >= self.units {
            return 1.0;
        }
        let (n, _, _, ab) = self.floats();
        (self.pmi() / -(ab / n).ln()).clamp(-1.0, 1.0)
    }

    /// `n(a,b) / (n(a) + n(b) - n(a,b))`.
    pub fn jaccard(&self) -> f64 {
        let (_, a, b, ab) = self.floats();
        ab / (a + b - ab)
    }

    /// `2 n(a,b) / (n(a) + n(b))`.
    pub fn dice(&self) -> f64 {
        let (_, a, b, ab) = self.floats();
        2.0 * ab / (a + b)
    }

    /// Dunning's G² of the 2×2 table (`0 ln 0 = 0`), never negative.
    pub fn log_likelihood(&self) -> f64 {
        let (n, a, b, ab) = self.floats();
        let cells = [
            (ab, a, b),
            (a - ab, a, n - b),
            (b - ab, n - a, b),
            (n - a - b + ab, n - a, n - b),
        ];
        let sum: f64 = cells
            .iter()
            .map(|&(k, row, col)| {
                if k > 0.0 {
                    k * (k * n / (row * col)).ln()
                } else {
                    0.0
                }
            })
            .sum();
        (2.0 * sum).max(0.0)
    }

    fn floats(&self) -> (f64, f64, f64, f64) {
        (
            self.units as f64,
            self.a as f64,
            self.b as f64,
            self.both as f64,
        )
    }
}

/// VOSviewer's association strength `n(a,b) · S / (s(a) · s(b))` from the
/// pair count, the two link strengths and their total.
pub fn association_strength(count: u64, strength_a: u64, strength_b: u64, total: u64) -> f64 {
    count as f64 * total as f64 / (strength_a as f64 * strength_b as f64)
}

/// One co-occurring pair of a scope with its count and measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cooccurrence {
    /// The first concept (index), `a < b`.
    pub a: u32,
    /// The second concept (index).
    pub b: u32,
    /// `n(a,b)`.
    pub count: u64,
    /// The association measures.
    pub measures: Measures,
}

impl Table {
    /// The contingency table of the pair `p`.
    pub fn contingency(&self, p: &PairCount) -> Contingency {
        Contingency {
            units: self.units,
            a: self.occurrences[p.a as usize],
            b: self.occurrences[p.b as usize],
            both: p.count,
        }
    }

    /// The measures of the pair `p`.
    pub fn measures(&self, p: &PairCount) -> Measures {
        let t = self.contingency(p);
        Measures {
            pmi: t.pmi(),
            npmi: t.npmi(),
            jaccard: t.jaccard(),
            dice: t.dice(),
            log_likelihood: t.log_likelihood(),
            association_strength: association_strength(
                p.count,
                self.strength[p.a as usize],
                self.strength[p.b as usize],
                self.total_strength,
            ),
        }
    }

    /// The pairs with `n(a,b) ≥ min_count`, measured, in `(a, b)` order.
    pub fn cooccurrences(&self, min_count: u64) -> Vec<Cooccurrence> {
        self.pairs
            .iter()
            .filter(|p| p.count >= min_count)
            .map(|p| Cooccurrence {
                a: p.a,
                b: p.b,
                count: p.count,
                measures: self.measures(p),
            })
            .collect()
    }
}

/// The IRI of the co-occurrence of `a` and `b` (`a < b`) in `scope`:
/// `kgid:cooc/<scope>/<16 hex digits of SHA-256 of "a b">`.
pub fn cooccurrence_iri(scope: Scope, a: NamedNodeRef<'_>, b: NamedNodeRef<'_>) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}cooc/{}/{}",
        vocab::KGID,
        scope.name(),
        short_hash(a.as_str(), b.as_str())
    ))
}

/// 16 hex digits of SHA-256 over `a`, a space and `b`.
pub(crate) fn short_hash(a: &str, b: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(a.as_bytes());
    hasher.update(b" ");
    hasher.update(b.as_bytes());
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Quads for a `Quad` builder in the corpus graph.
pub(crate) fn corpus_quad(
    subject: &NamedNode,
    predicate: &NamedNode,
    object: impl Into<Term>,
) -> Quad {
    Quad::new(subject.clone(), predicate.clone(), object, corpus_graph())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restricting_drops_discovered_terms_and_the_units_left_empty() {
        let iri = |s: &str| NamedNode::new_unchecked(s);
        let term = format!(
            "{}/链主企业",
            crate::concepts::discovered::DISCOVERED_SCHEME
        );
        let units = |sets: Vec<Vec<u32>>| Units {
            total: 5,
            concepts: sets,
        };
        let incidence = Incidence {
            concepts: vec![
                iri("https://a.example/x"),
                iri("https://a.example/y"),
                iri(&term),
            ],
            mentions: vec![3, 2, 4],
            scopes: [
                units(vec![vec![0, 2], vec![2]]),
                units(vec![vec![0, 1, 2]]),
                units(vec![vec![2], vec![0, 1]]),
            ],
            articles: vec![iri("https://a.example/a1"), iri("https://a.example/a2")],
        };
        let curated = incidence.restrict(Discovered::Excluded);
        assert_eq!(curated.concepts.len(), 2);
        assert_eq!(curated.mentions, vec![3, 2]);
        assert_eq!(curated.units(Scope::Sentence).concepts, vec![vec![0]]);
        assert_eq!(curated.units(Scope::Sentence).total, 5);
        assert_eq!(curated.units(Scope::Article).concepts, vec![vec![0, 1]]);
        assert_eq!(curated.articles, vec![iri("https://a.example/a2")]);
        let all = incidence.restrict(Discovered::Included);
        assert!(matches!(all, std::borrow::Cow::Borrowed(_)));
    }

    fn table(n: u64, a: u64, b: u64, both: u64) -> Contingency {
        Contingency {
            units: n,
            a,
            b,
            both,
        }
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-12
    }

    #[test]
    fn pmi_and_npmi_by_hand() {
        // N = 10, n(a) = 4, n(b) = 5, n(a,b) = 2: p(a,b) = 0.2 = p(a) p(b).
        let t = table(10, 4, 5, 2);
        assert!(close(t.pmi(), 0.0));
        assert!(close(t.npmi(), 0.0));
        // n(a) = n(b) = n(a,b) = 2 of 8: pmi = ln 4, npmi = ln 4 / ln 4 = 1.
        let t = table(8, 2, 2, 2);
        assert!(close(t.pmi(), 4f64.ln()));
        assert!(close(t.npmi(), 1.0));
        // n(a,b) = N: npmi defined as 1.
        assert_eq!(table(3, 3, 3, 3).npmi(), 1.0);
        // Disjoint pairs are never stored, but npmi would be -1.
        assert_eq!(table(10, 3, 3, 0).npmi(), -1.0);
        // N = 100, 10, 20, 1: pmi = ln(0.5), npmi = ln 0.5 / ln 100.
        let t = table(100, 10, 20, 1);
        assert!(close(t.npmi(), 0.5f64.ln() / 100f64.ln()));
    }

    #[test]
    fn jaccard_and_dice_by_hand() {
        let t = table(10, 4, 5, 2);
        assert!(close(t.jaccard(), 2.0 / 7.0));
        assert!(close(t.dice(), 4.0 / 9.0));
        let t = table(10, 3, 3, 3);
        assert_eq!((t.jaccard(), t.dice()), (1.0, 1.0));
    }

    #[test]
    fn log_likelihood_by_hand() {
        // Table [[2, 2], [3, 3]] of N = 10: independent, G² = 0.
        assert!(close(table(10, 4, 5, 2).log_likelihood(), 0.0));
        // Table [[5, 0], [0, 5]]: G² = 2 (5 ln 2 + 5 ln 2) = 20 ln 2.
        assert!(close(table(10, 5, 5, 5).log_likelihood(), 20.0 * 2f64.ln()));
        // Table [[10, 20], [30, 40]]: hand-computed sum.
        let term = |k: f64, row: f64, col: f64| k * (k * 100.0 / (row * col)).ln();
        let g2 = 2.0
            * (term(10.0, 30.0, 40.0)
                + term(20.0, 30.0, 60.0)
                + term(30.0, 70.0, 40.0)
                + term(40.0, 70.0, 60.0));
        assert!(close(table(100, 30, 40, 10).log_likelihood(), g2));
        // 2 [10 ln(10/12) + 20 ln(20/18) + 30 ln(30/28) + 40 ln(40/42)].
        assert!((g2 - 0.804_348_646).abs() < 1e-8, "{g2}");
    }

    #[test]
    fn association_strength_by_hand() {
        // Units {0,1}, {0,1,2}, {2}: n(0,1) = 2, n(0,2) = 1, n(1,2) = 1;
        // s = [3, 3, 2], S = 8.
        let units = Units {
            total: 3,
            concepts: vec![vec![0, 1], vec![0, 1, 2], vec![2]],
        };
        let t = count(Scope::Sentence, &units, 3);
        assert_eq!(t.strength, vec![3, 3, 2]);
        assert_eq!(t.total_strength, 8);
        assert_eq!(t.occurrences, vec![2, 2, 2]);
        let got: Vec<(u32, u32, u64)> = t.pairs.iter().map(|p| (p.a, p.b, p.count)).collect();
        assert_eq!(got, vec![(0, 1, 2), (0, 2, 1), (1, 2, 1)]);
        let m = t.measures(&t.pairs[0]);
        assert!(close(m.association_strength, 2.0 * 8.0 / 9.0));
        let m = t.measures(&t.pairs[1]);
        assert!(close(m.association_strength, 8.0 / 6.0));
        // n(0) = n(1) = n(0,1) = 2 of 3 units.
        let m = t.measures(&t.pairs[0]);
        assert!(close(m.pmi, 1.5f64.ln()));
        assert!(close(m.npmi, 1.5f64.ln() / -(2.0f64 / 3.0).ln()));
        assert_eq!((m.jaccard, m.dice), (1.0, 1.0));
    }

    #[test]
    fn min_count_filters_pairs() {
        let units = Units {
            total: 3,
            concepts: vec![vec![0, 1], vec![0, 1, 2], vec![2]],
        };
        let t = count(Scope::Paragraph, &units, 3);
        let kept: Vec<(u32, u32)> = t.cooccurrences(2).iter().map(|c| (c.a, c.b)).collect();
        assert_eq!(kept, vec![(0, 1)]);
    }

    fn iri(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.com/{local}"))
    }

    #[test]
    fn roll_up_merges_narrower_concepts() {
        // c1 → b → top, c2 → b.
        let broader: BTreeMap<NamedNode, NamedNode> = [
            (iri("c1"), iri("b")),
            (iri("c2"), iri("b")),
            (iri("b"), iri("top")),
        ]
        .into_iter()
        .collect();
        assert_eq!(rolled_up(&iri("c1"), &broader, RollUp::Parent), &iri("b"));
        assert_eq!(rolled_up(&iri("c1"), &broader, RollUp::Top), &iri("top"));
        assert_eq!(rolled_up(&iri("x"), &broader, RollUp::Top), &iri("x"));
        let incidence = Incidence {
            concepts: vec![iri("c1"), iri("c2"), iri("x")],
            mentions: vec![1, 2, 3],
            scopes: [
                Units {
                    total: 2,
                    concepts: vec![vec![0, 1], vec![1, 2]],
                },
                Units::default(),
                Units::default(),
            ],
            articles: Vec::new(),
        };
        let up = incidence.roll_up(&broader, RollUp::Parent);
        assert_eq!(up.concepts, vec![iri("b"), iri("x")]);
        assert_eq!(up.mentions, vec![3, 3]);
        assert_eq!(up.scopes[0].concepts, vec![vec![0], vec![0, 1]]);
    }

    #[test]
    fn roll_up_survives_cycles() {
        let broader: BTreeMap<NamedNode, NamedNode> = [(iri("a"), iri("b")), (iri("b"), iri("a"))]
            .into_iter()
            .collect();
        assert_eq!(rolled_up(&iri("a"), &broader, RollUp::Top), &iri("b"));
    }

    #[test]
    fn scope_names_parse() {
        for scope in Scope::ALL {
            assert_eq!(scope.name().parse::<Scope>().unwrap(), scope);
        }
        assert!("document".parse::<Scope>().is_err());
    }
}
