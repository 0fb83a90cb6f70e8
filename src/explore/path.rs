//! `policykg path A B`: how are two concepts connected? The strongest
//! chain of co-occurrence from one to the other, with a paragraph that
//! shows each step.
//!
//! Input: a store, two concept names and a scope. Output: a [`Report`]
//! with the table `steps`: for each link of the chain, the two concepts,
//! `n(a,b)` (units of the scope mentioning both), NPMI, the step's
//! strength, and one evidence paragraph: an excerpt around a mention of
//! each concept (marked `【…】`), the article's title and
//! `dcterms:source:kg:sourceLine` of the paragraph.
//!
//! # The network
//!
//! Every scope is counted exactly, sentences included: the concept sets of
//! every sentence, paragraph and article are read from the
//! `kg:conceptIncidence` literal of each document
//! ([`cooccurrence::read`]) and counted by [`cooccurrence::count`] as
//! [`crate::corpus::relate::relate`] counts them, keeping every pair rather than
//! only those it stores (from the scope's `kg:minCount` up). On the 35 MB
//! sample a `path` takes about 0.4 s at any scope, where building the
//! paragraph network from the `kg:mentions` shortcuts by SPARQL took 1 s.
//! Only the evidence of each step is looked up by SPARQL.
//!
//! # Strongest
//!
//! A chain is as strong as the product of its steps' strengths, and the
//! strongest chain is found with Dijkstra's algorithm on the cost
//! `-ln(strength)`. A step's strength is NPMI mapped from `[-1, 1]` onto
//! `[0, 1]`: `(1 + npmi) / 2`. NPMI rather than the raw count because a
//! count mostly says how frequent the two concepts are: chains would run
//! through the most frequent, least specific concepts (经济, 发展), which
//! connect everything. NPMI says how much more often the two appear
//! together than chance predicts, on a fixed scale, so a product of
//! strengths compares chains of different lengths: a step of independent
//! concepts (NPMI 0) halves the strength, an exclusive pair (NPMI 1)
//! keeps it, and a longer chain must be made of markedly stronger links
//! to beat a shorter one.
//!
//! NPMI is high for pairs of rare concepts by construction, and a pair
//! seen in one unit only is as likely chance as association; so a chain
//! is first sought among pairs seen in at least two units (the
//! [`MIN_COUNT`] of the analytics network), and only when none exists
//! among all pairs, which the report then says.
//!
//! Ties (equal strength) go to the chain with fewer steps, then to the
//! one whose concepts come first by IRI, step by step from the end.
//!
//! # No chain
//!
//! When the two concepts are not connected (or one is never mentioned with
//! another concept at the scope), the command succeeds with an empty
//! table and a note saying so: an answer, not a misuse. Naming the same
//! concept twice is an [`Error::Usage`].
//!
//! Concept IRIs go into the query text (checked by [`NamedNode::new`]):
//! they come from the lexicon and the store, never from what the user
//! typed, and Oxigraph plans better around constants than bound variables.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::Range;

use oxigraph::model::{NamedNode, Term};

use super::kwic::{articles_of, integer, literal};
use super::{Cell, ConceptRef, Concepts, Report, Table};
use crate::corpus::cooccurrence::{self, Discovered, Scope};
use crate::query;
use crate::store::Store;
use crate::{Error, Result};

/// What `policykg path` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where the chain starts.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// The co-occurrence scope whose links are walked.
    pub scope: Scope,
    /// Whether discovered terms are walked through too.
    pub discovered: Discovered,
}

/// Pairs seen in fewer units are walked only when no chain exists without
/// them (module docs); the same minimum as `related`'s.
use crate::corpus::cooccurrence::MIN_COUNT;

/// Candidate paragraphs examined per step when choosing its evidence.
const EVIDENCE_CANDIDATES: usize = 200;

/// Characters of context kept around the mentions in an excerpt.
const MARGIN: usize = 12;

/// Between two mentions farther apart than this, the excerpt leaves the
/// middle out.
const MAX_GAP: usize = 40;

/// The chain, step by step.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let names = Concepts::load(store)?;
    let from = names.resolve(&options.from)?;
    let to = names.resolve(&options.to)?;
    if from.iri == to.iri {
        return Err(Error::Usage(format!(
            "{:?} and {:?} are the same concept ({}); name two different concepts",
            options.from, options.to, from.label
        )));
    }
    super::admit(&from, options.discovered)?;
    super::admit(&to, options.discovered)?;
    let network = Network::read(store, options.scope, options.discovered)?;
    let found = network.strongest_chain(&from, &to);
    let mut report = Report {
        title: vec![format!("path {} → {}", from.label, to.label)],
        facts: vec![
            ("from".into(), from.label.as_str().into()),
            ("to".into(), to.label.as_str().into()),
            ("scope".into(), options.scope.name().into()),
        ],
        ..Report::default()
    };
    let mut table = Table::new(
        "steps",
        &[
            "step", "from", "to", "count", "npmi", "strength", "excerpt", "title", "source",
        ],
    );
    match &found {
        Some(chain) => {
            report.facts.extend([
                ("steps".into(), chain.steps.len().into()),
                ("strength".into(), chain.strength().into()),
                ("min count".into(), chain.min_count.into()),
            ]);
            for (i, step) in chain.steps.iter().enumerate() {
                let a = &network.concepts[step.from as usize];
                let b = &network.concepts[step.to as usize];
                let evidence = evidence(store, options.scope, a, b)?;
                table.push(step_row(i + 1, step, (a, b), evidence, &names));
            }
            if chain.min_count < MIN_COUNT {
                report.notes.push(format!(
                    "No chain links pairs seen in {MIN_COUNT}+ {}s; this one includes pairs seen once.",
                    options.scope.name()
                ));
            }
        }
        None => {
            report.facts.push(("steps".into(), 0usize.into()));
            report
                .notes
                .push(network.why_no_chain(&from, &to, options.scope));
        }
    }
    report.tables.push(table);
    report.notes.push(format!(
        "strength = (1 + npmi) / 2 per step, multiplied along the chain; the chain is the strongest of {} links.",
        options.scope.name()
    ));
    Ok(report)
}

/// One row of the table `steps`.
fn step_row(
    number: usize,
    step: &Step,
    (a, b): (&NamedNode, &NamedNode),
    evidence: Option<Evidence>,
    names: &Concepts,
) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![
        number.into(),
        label_of(names, a).into(),
        label_of(names, b).into(),
        step.count.into(),
        step.npmi.into(),
        strength(step.npmi).into(),
    ];
    match evidence {
        Some(e) => row.extend([e.excerpt.into(), e.title.into(), e.source.into()]),
        None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    row
}

/// The preferred label of `iri`, or the end of the IRI when no lexicon
/// knows it.
fn label_of(names: &Concepts, iri: &NamedNode) -> String {
    match names.lexicon().get(iri.as_str()) {
        Some(c) if !c.pref_label.is_empty() => c.pref_label.clone(),
        _ => iri
            .as_str()
            .rsplit(['/', '#'])
            .next()
            .unwrap_or(iri.as_str())
            .to_string(),
    }
}

/// A step's strength: NPMI mapped onto `[0, 1]`.
pub fn strength(npmi: f64) -> f64 {
    ((1.0 + npmi) / 2.0).clamp(0.0, 1.0)
}

/// A link of the network: how many units mention both, and NPMI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// `n(a,b)`.
    pub count: u64,
    /// NPMI of the pair.
    pub npmi: f64,
}

/// The co-occurrence network of one scope.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// Concepts, sorted by IRI; a node is an index here.
    pub concepts: Vec<NamedNode>,
    /// For each node its links, sorted by neighbour.
    pub links: Vec<Vec<(u32, Link)>>,
}

/// One step of a chain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// From node.
    pub from: u32,
    /// To node.
    pub to: u32,
    /// `n(a,b)`.
    pub count: u64,
    /// NPMI of the pair.
    pub npmi: f64,
}

/// A chain of steps and the minimum count its links were chosen from.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The steps, from the first concept to the last.
    pub steps: Vec<Step>,
    /// Links seen in fewer units were not walked.
    pub min_count: u64,
}

impl Chain {
    /// The product of the steps' strengths.
    pub fn strength(&self) -> f64 {
        self.steps.iter().map(|s| strength(s.npmi)).product()
    }
}

impl Network {
    /// The network of `scope`, counted from the incidence of every
    /// document (module docs), over the concepts `discovered` admits.
    pub fn read(store: &Store, scope: Scope, discovered: Discovered) -> Result<Network> {
        let all = cooccurrence::read(store)?;
        Ok(Network::of_incidence(&all.restrict(discovered), scope))
    }

    /// The network of `scope` over an incidence already read: the pairs
    /// [`cooccurrence::count`] finds, the one count `related` lists too.
    pub fn of_incidence(incidence: &cooccurrence::Incidence, scope: Scope) -> Network {
        let table = cooccurrence::count(scope, incidence.units(scope), incidence.concepts.len());
        let pairs = table.pairs.iter().map(|p| {
            let link = Link {
                count: p.count,
                npmi: table.contingency(p).npmi(),
            };
            (p.a, p.b, link)
        });
        Network::from_pairs(incidence.concepts.clone(), pairs)
    }

    /// Builds a network from pairs `(a, b, link)` over `concepts` (sorted).
    pub fn from_pairs(
        concepts: Vec<NamedNode>,
        pairs: impl IntoIterator<Item = (u32, u32, Link)>,
    ) -> Network {
        let mut links = vec![Vec::new(); concepts.len()];
        for (a, b, link) in pairs {
            if a != b {
                links[a as usize].push((b, link));
                links[b as usize].push((a, link));
            }
        }
        for list in &mut links {
            list.sort_by_key(|(n, _)| *n);
            list.dedup_by_key(|(n, _)| *n);
        }
        Network { concepts, links }
    }

    fn node(&self, concept: &ConceptRef) -> Option<u32> {
        self.concepts
            .binary_search_by(|c| c.as_str().cmp(&concept.iri))
            .ok()
            .map(|i| i as u32)
    }

    /// The strongest chain from `from` to `to`: among links seen in
    /// [`MIN_COUNT`]+ units, else among all.
    pub fn strongest_chain(&self, from: &ConceptRef, to: &ConceptRef) -> Option<Chain> {
        let (a, b) = (self.node(from)?, self.node(to)?);
        [MIN_COUNT, 1].into_iter().find_map(|min_count| {
            let nodes = self.dijkstra(a, b, min_count)?;
            let steps = nodes
                .windows(2)
                .map(|w| {
                    let link = self.link(w[0], w[1]).expect("chains follow links");
                    Step {
                        from: w[0],
                        to: w[1],
                        count: link.count,
                        npmi: link.npmi,
                    }
                })
                .collect();
            Some(Chain { steps, min_count })
        })
    }

    fn link(&self, a: u32, b: u32) -> Option<Link> {
        let list = &self.links[a as usize];
        list.binary_search_by_key(&b, |(n, _)| *n)
            .ok()
            .map(|i| list[i].1)
    }

    /// Dijkstra on cost `-ln(strength)` over links with `count ≥
    /// min_count`; the nodes of the cheapest path, ties broken by fewer
    /// steps, then by the smaller predecessor index (IRI order).
    fn dijkstra(&self, from: u32, to: u32, min_count: u64) -> Option<Vec<u32>> {
        let n = self.concepts.len();
        let mut best: Vec<Option<Label>> = vec![None; n];
        let mut done = vec![false; n];
        let mut heap = BinaryHeap::new();
        best[from as usize] = Some(Label {
            cost: 0.0,
            steps: 0,
            previous: None,
        });
        heap.push(Entry {
            cost: 0.0,
            steps: 0,
            node: from,
        });
        while let Some(Entry { node, .. }) = heap.pop() {
            if std::mem::replace(&mut done[node as usize], true) {
                continue;
            }
            if node == to {
                break;
            }
            let here = best[node as usize].expect("reached nodes have labels");
            for &(next, link) in &self.links[node as usize] {
                let s = strength(link.npmi);
                if link.count < min_count || s <= 0.0 || done[next as usize] {
                    continue;
                }
                let label = Label {
                    cost: here.cost - s.ln(),
                    steps: here.steps + 1,
                    previous: Some(node),
                };
                if best[next as usize].is_none_or(|old| label.better_than(&old)) {
                    best[next as usize] = Some(label);
                    heap.push(Entry {
                        cost: label.cost,
                        steps: label.steps,
                        node: next,
                    });
                }
            }
        }
        best[to as usize]?;
        let mut nodes = vec![to];
        while let Some(previous) = best[*nodes.last()? as usize]?.previous {
            nodes.push(previous);
        }
        nodes.reverse();
        Some(nodes)
    }

    /// Why there is no chain, as a note for the user.
    fn why_no_chain(&self, from: &ConceptRef, to: &ConceptRef, scope: Scope) -> String {
        let scope = scope.name();
        for c in [from, to] {
            if self
                .node(c)
                .is_none_or(|i| self.links[i as usize].is_empty())
            {
                return format!(
                    "No chain: {} never appears in a {scope} together with another concept.",
                    c.label
                );
            }
        }
        format!(
            "No chain: no sequence of concepts appearing together in a {scope} leads from {} to {}.",
            from.label, to.label
        )
    }
}

/// The best way found so far to reach a node.
#[derive(Debug, Clone, Copy)]
struct Label {
    cost: f64,
    steps: u32,
    previous: Option<u32>,
}

impl Label {
    fn better_than(&self, other: &Label) -> bool {
        self.cost
            .total_cmp(&other.cost)
            .then(self.steps.cmp(&other.steps))
            .then(self.previous.cmp(&other.previous))
            == Ordering::Less
    }
}

/// A heap entry: the cheapest first, then fewer steps, then the smaller
/// node.
#[derive(Debug, Clone, Copy)]
struct Entry {
    cost: f64,
    steps: u32,
    node: u32,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .cost
            .total_cmp(&self.cost)
            .then(other.steps.cmp(&self.steps))
            .then(other.node.cmp(&self.node))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}

/// The paragraph that shows one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The excerpt around both mentions, marked `【…】`.
    pub excerpt: String,
    /// The article's title (or label).
    pub title: String,
    /// `source:line` of the paragraph.
    pub source: String,
}

/// A paragraph mentioning both concepts of a step, with their mentions.
#[derive(Debug, Clone)]
struct Candidate {
    paragraph: NamedNode,
    text: String,
    line: usize,
    a: Vec<Range<usize>>,
    b: Vec<Range<usize>>,
}

impl Candidate {
    /// The closest mentions of the two concepts, preferring a pair in one
    /// sentence: `(different sentences, gap, a, b)`.
    fn closest(&self) -> Option<(bool, usize, Range<usize>, Range<usize>)> {
        let sentences = crate::document::structure::sentences::split(&self.text);
        let sentence_of = |at: usize| sentences.iter().position(|s| s.contains(&at));
        let mut best: Option<(bool, usize, Range<usize>, Range<usize>)> = None;
        for a in &self.a {
            for b in &self.b {
                let gap = if a.end <= b.start {
                    b.start - a.end
                } else {
                    a.start.saturating_sub(b.end)
                };
                let apart = sentence_of(a.start) != sentence_of(b.start);
                let key = (apart, gap, a.clone(), b.clone());
                if best
                    .as_ref()
                    .is_none_or(|old| (key.0, key.1, key.2.start) < (old.0, old.1, old.2.start))
                {
                    best = Some(key);
                }
            }
        }
        best
    }
}

/// The evidence of the step `a`–`b`: among the paragraphs mentioning both
/// (the first [`EVIDENCE_CANDIDATES`] by IRI), the one whose mentions are
/// closest, preferring mentions in one sentence; at article scope, when no
/// paragraph mentions both, an excerpt of each from the first article
/// mentioning both.
fn evidence(store: &Store, scope: Scope, a: &NamedNode, b: &NamedNode) -> Result<Option<Evidence>> {
    let candidates = candidates(store, a, b, None)?;
    let best = candidates
        .iter()
        .filter_map(|c| Some((c.closest()?, c)))
        .min_by(|(x, cx), (y, cy)| {
            (x.0, x.1)
                .cmp(&(y.0, y.1))
                .then_with(|| cx.paragraph.cmp(&cy.paragraph))
        });
    if let Some(((_, _, ra, rb), c)) = best {
        let excerpt = excerpt(&c.text, &ra, &rb);
        return described(store, &c.paragraph, c.line, excerpt);
    }
    if scope == Scope::Article {
        return split_evidence(store, a, b);
    }
    Ok(None)
}

/// Evidence from two paragraphs of the first article (by IRI) that
/// mentions both concepts.
fn split_evidence(store: &Store, a: &NamedNode, b: &NamedNode) -> Result<Option<Evidence>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?art WHERE {{ ?art kg:mentions {a} , {b} ; a kg:Article }} ORDER BY ?art LIMIT 1"
        ),
    )?;
    let Some(Some(Term::NamedNode(article))) = rows.rows.first().map(|r| r[0].clone()) else {
        return Ok(None);
    };
    let first = |concept: &NamedNode| -> Result<Option<Candidate>> {
        Ok(candidates(store, concept, concept, Some(&article))?
            .into_iter()
            .next())
    };
    let (Some(pa), Some(pb)) = (first(a)?, first(b)?) else {
        return Ok(None);
    };
    let (Some(ra), Some(rb)) = (pa.a.first(), pb.a.first()) else {
        return Ok(None);
    };
    let excerpt = format!(
        "{}…{}",
        excerpt(&pa.text, ra, ra).trim_end_matches('…'),
        excerpt(&pb.text, rb, rb).trim_start_matches('…')
    );
    described(store, &pa.paragraph, pa.line, excerpt)
}

/// Paragraphs mentioning `a` and `b` (within `article` when given), the
/// first [`EVIDENCE_CANDIDATES`] by IRI, with their mentions of each.
fn candidates(
    store: &Store,
    a: &NamedNode,
    b: &NamedNode,
    article: Option<&NamedNode>,
) -> Result<Vec<Candidate>> {
    let within = article
        .map(|art| format!("?p dcterms:isPartOf* {art} ."))
        .unwrap_or_default();
    let found = query::select(
        store,
        &format!(
            "SELECT ?p WHERE {{ ?p kg:mentions {a} , {b} ; a kg:Paragraph . {within} }}
             ORDER BY ?p LIMIT {EVIDENCE_CANDIDATES}"
        ),
    )?;
    let paragraphs: Vec<String> = found
        .rows
        .iter()
        .filter_map(|row| match &row[0] {
            Some(Term::NamedNode(p)) => Some(p.to_string()),
            _ => None,
        })
        .collect();
    if paragraphs.is_empty() {
        return Ok(Vec::new());
    }
    let rows = query::select(
        store,
        &format!(
            "SELECT ?p ?text ?line ?c ?begin ?end WHERE {{
               VALUES ?p {{ {} }} VALUES ?c {{ {a} {b} }}
               ?p kg:text ?text ; kg:sourceLine ?line .
               ?m kg:context ?p ; kg:concept ?c ; nif:beginIndex ?begin ; nif:endIndex ?end
             }}",
            paragraphs.join(" ")
        ),
    )?;
    let mut by_paragraph: std::collections::BTreeMap<NamedNode, Candidate> = Default::default();
    for row in &rows.rows {
        let [Some(Term::NamedNode(p)), text, line, Some(Term::NamedNode(c)), begin, end] =
            row.as_slice()
        else {
            continue;
        };
        let (Some(text), Some(line), Some(begin), Some(end)) =
            (literal(text), integer(line), integer(begin), integer(end))
        else {
            continue;
        };
        let candidate = by_paragraph.entry(p.clone()).or_insert_with(|| Candidate {
            paragraph: p.clone(),
            text,
            line,
            a: Vec::new(),
            b: Vec::new(),
        });
        if c == a {
            candidate.a.push(begin..end);
        }
        if c == b {
            candidate.b.push(begin..end);
        }
    }
    let mut out: Vec<Candidate> = by_paragraph.into_values().collect();
    for c in &mut out {
        c.a.sort_by_key(|r| (r.start, r.end));
        c.b.sort_by_key(|r| (r.start, r.end));
    }
    Ok(out)
}

/// The evidence of a paragraph: its excerpt, its article's title and
/// `source:line`.
fn described(
    store: &Store,
    paragraph: &NamedNode,
    line: usize,
    excerpt: String,
) -> Result<Option<Evidence>> {
    let articles = articles_of(store, std::slice::from_ref(paragraph))?;
    Ok(articles.get(paragraph).map(|article| Evidence {
        excerpt,
        title: article.label.clone(),
        source: format!("{}:{line}", article.document.source),
    }))
}

/// The text around two mentions (code-point ranges, in either order, maybe
/// the same), each marked `【…】`, with `MARGIN` characters on each side;
/// a gap longer than `MAX_GAP` between them is cut to `…`.
pub fn excerpt(text: &str, a: &Range<usize>, b: &Range<usize>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let clip = |r: &Range<usize>| r.start.min(chars.len())..r.end.min(chars.len());
    let (a, b) = (clip(a), clip(b));
    let (first, second) = if (a.start, a.end) <= (b.start, b.end) {
        (a, b)
    } else {
        (b, a)
    };
    let piece = |r: Range<usize>| chars[r].iter().collect::<String>();
    let start = first.start.saturating_sub(MARGIN);
    let end = (second.end.max(first.end) + MARGIN).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&piece(start..first.start));
    out.push('【');
    out.push_str(&piece(first.clone()));
    out.push('】');
    if second.start >= first.end {
        let gap = second.start - first.end;
        if gap > MAX_GAP {
            out.push_str(&piece(first.end..first.end + MARGIN));
            out.push('…');
            out.push_str(&piece(second.start - MARGIN..second.start));
        } else {
            out.push_str(&piece(first.end..second.start));
        }
        out.push('【');
        out.push_str(&piece(second.clone()));
        out.push('】');
        out.push_str(&piece(second.end..end));
    } else {
        out.push_str(&piece(first.end.max(second.end)..end));
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(i: usize) -> ConceptRef {
        ConceptRef {
            iri: format!("https://example.org/c{i}"),
            label: format!("c{i}"),
        }
    }

    fn network(pairs: &[(u32, u32, u64, f64)]) -> Network {
        let concepts = (0..5)
            .map(|i| NamedNode::new_unchecked(concept(i).iri))
            .collect();
        Network::from_pairs(
            concepts,
            pairs
                .iter()
                .map(|&(a, b, count, npmi)| (a, b, Link { count, npmi })),
        )
    }

    /// An incidence over concepts `c0`…`c5` whose units at each scope are
    /// `sets` (sorted and distinct, as stored).
    fn incidence(sets: &[Vec<std::collections::BTreeSet<u32>>; 3]) -> cooccurrence::Incidence {
        let units = |scope: &Vec<std::collections::BTreeSet<u32>>| cooccurrence::Units {
            total: scope.len() as u64 + 3,
            concepts: scope.iter().map(|s| s.iter().copied().collect()).collect(),
        };
        cooccurrence::Incidence {
            concepts: (0..6)
                .map(|i| NamedNode::new_unchecked(concept(i).iri))
                .collect(),
            mentions: vec![1; 6],
            scopes: [units(&sets[0]), units(&sets[1]), units(&sets[2])],
            articles: (0..sets[2].len())
                .map(|i| NamedNode::new_unchecked(format!("https://example.org/a{i}")))
                .collect(),
        }
    }

    proptest::proptest! {
        /// `path` walks exactly the pairs `related` lists, with the same
        /// counts, at every scope: both count with `cooccurrence::count`.
        #[test]
        fn path_and_related_agree_on_every_pair_count(
            sets in proptest::array::uniform3(proptest::collection::vec(
                proptest::collection::btree_set(0u32..6, 1..5),
                0..20,
            ))
        ) {
            let incidence = incidence(&sets);
            for scope in [Scope::Sentence, Scope::Paragraph, Scope::Article] {
                let network = Network::of_incidence(&incidence, scope);
                for a in 0..6 {
                    let related = super::super::related::of_incidence(
                        &incidence,
                        &concept(a),
                        scope,
                        1,
                        Discovered::Included,
                    );
                    for b in (0..6).filter(|&b| b != a) {
                        let listed = related
                            .partners
                            .iter()
                            .find(|p| p.concept.as_str() == concept(b).iri)
                            .map(|p| p.count);
                        let walked = network.link(a as u32, b as u32).map(|l| l.count);
                        proptest::prop_assert_eq!(listed, walked, "{:?} {} {}", scope, a, b);
                    }
                }
            }
        }
    }

    fn nodes(chain: &Chain) -> Vec<u32> {
        let mut v = vec![chain.steps[0].from];
        v.extend(chain.steps.iter().map(|s| s.to));
        v
    }

    #[test]
    fn the_product_of_strengths_decides_not_the_number_of_steps() {
        // Direct link at npmi 0 (strength 0.5); two steps at 0.8 (0.9 × 0.9 = 0.81).
        let net = network(&[(0, 4, 5, 0.0), (0, 2, 5, 0.8), (2, 4, 5, 0.8)]);
        let chain = net.strongest_chain(&concept(0), &concept(4)).unwrap();
        assert_eq!(nodes(&chain), vec![0, 2, 4]);
        assert!((chain.strength() - 0.81).abs() < 1e-9);
        // Two steps at 0.2 (0.6 × 0.6 = 0.36) lose to the direct link.
        let net = network(&[(0, 4, 5, 0.0), (0, 2, 5, 0.2), (2, 4, 5, 0.2)]);
        let chain = net.strongest_chain(&concept(0), &concept(4)).unwrap();
        assert_eq!(nodes(&chain), vec![0, 4]);
    }

    #[test]
    fn ties_go_to_the_first_concept_by_iri() {
        let net = network(&[
            (0, 3, 5, 0.5),
            (3, 4, 5, 0.5),
            (0, 1, 5, 0.5),
            (1, 4, 5, 0.5),
        ]);
        let chain = net.strongest_chain(&concept(0), &concept(4)).unwrap();
        assert_eq!(nodes(&chain), vec![0, 1, 4]);
        let back = net.strongest_chain(&concept(4), &concept(0)).unwrap();
        assert_eq!(nodes(&back), vec![4, 1, 0]);
    }

    #[test]
    fn pairs_seen_once_are_walked_only_when_nothing_else_connects() {
        let net = network(&[
            (0, 1, 1, 0.9),
            (1, 4, 1, 0.9),
            (0, 2, 3, 0.1),
            (2, 4, 3, 0.1),
        ]);
        let chain = net.strongest_chain(&concept(0), &concept(4)).unwrap();
        assert_eq!(nodes(&chain), vec![0, 2, 4]);
        assert_eq!(chain.min_count, MIN_COUNT);
        let net = network(&[(0, 1, 1, 0.9), (1, 4, 1, 0.9)]);
        let chain = net.strongest_chain(&concept(0), &concept(4)).unwrap();
        assert_eq!(nodes(&chain), vec![0, 1, 4]);
        assert_eq!(chain.min_count, 1);
    }

    #[test]
    fn unconnected_concepts_have_no_chain() {
        let net = network(&[(0, 1, 3, 0.5), (3, 4, 3, 0.5)]);
        assert!(net.strongest_chain(&concept(0), &concept(4)).is_none());
        let unknown = ConceptRef {
            iri: "https://example.org/zz".into(),
            label: "zz".into(),
        };
        assert!(net.strongest_chain(&concept(0), &unknown).is_none());
        assert!(net
            .why_no_chain(&concept(0), &concept(2), Scope::Paragraph)
            .contains("c2 never appears"));
    }

    #[test]
    fn strength_maps_npmi_onto_the_unit_interval() {
        assert_eq!(strength(-1.0), 0.0);
        assert_eq!(strength(0.0), 0.5);
        assert_eq!(strength(1.0), 1.0);
    }

    #[test]
    fn excerpts_mark_both_mentions_and_cut_long_gaps() {
        let text = "推动新型经济全球化，稳步扩大制度型开放。";
        assert_eq!(
            excerpt(text, &(4..9), &(14..19)),
            "推动新型【经济全球化】，稳步扩大【制度型开放】。"
        );
        assert_eq!(
            excerpt(text, &(14..19), &(4..9)),
            "推动新型【经济全球化】，稳步扩大【制度型开放】。"
        );
        let long = format!("甲{}乙", "中".repeat(100));
        let cut = excerpt(&long, &(0..1), &(101..102));
        assert!(cut.starts_with("【甲】"), "{cut}");
        assert!(cut.ends_with("【乙】"), "{cut}");
        assert!(cut.contains('…'), "{cut}");
        assert!(cut.chars().count() < 40, "{cut}");
        let one = excerpt(&long, &(50..52), &(50..52));
        assert_eq!(one.matches('【').count(), 1, "{one}");
        assert!(one.starts_with('…') && one.ends_with('…'), "{one}");
    }
}
