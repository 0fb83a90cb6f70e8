//! `policykg related CONCEPT`: which concepts travel with this one, and
//! how strongly?
//!
//! Input: a store and a concept. Output: a [`Report`] with one table,
//! `related`: each co-occurring concept with its count `n(a,b)`, its own
//! unit count `n(b)` where known, and every measure of
//! [`cooccurrence::MEASURES`], strongest first by the measure asked for.
//!
//! Paragraph and article scope are computed exactly for any concept from
//! the `kg:mentions` shortcuts, starting from the concept: the units of
//! the scope's class that mention it and the other concepts in them (one
//! grouped query gives `n(a,b)` for every `b`, and `n(a)` as the row
//! `b = a`), then each other concept's unit count `n(b)` (one grouped
//! query over those concepts only), and `N` from `kg:unitCount` in the
//! corpus graph. The measures are [`cooccurrence::Contingency`]'s.
//! VOSviewer's association strength also needs each concept's total link
//! strength, which costs a read of every unit the listed concepts occur
//! in, so it is computed only when it ranks the list (see
//! [`add_association_strength`]).
//!
//! Sentence scope reads the `kg:Cooccurrence` pairs stored in the corpus
//! graph (sentences are not resources of the graph), which exist only
//! from the scope's `kg:minCount` up; the report says which.
//!
//! Concept IRIs go into the query text, not through
//! [`PreparedQuery::bind`](crate::query::PreparedQuery::bind): Oxigraph
//! plans a query around its constants, and a bound variable made the
//! first query fifty times slower on the 35 MB sample. They are IRIs the
//! store or lexicon holds, checked again by [`NamedNode::new`], never user
//! text.

use std::collections::{BTreeMap, HashMap};

use oxigraph::model::{NamedNode, Term};

use super::{Cell, ConceptRef, Concepts, Report, Table};
use crate::cooccurrence::{self, Contingency, Discovered, Measures, Scope, MEASURES};
use crate::query;
use crate::store::Store;
use crate::{vocab, Error, Result};

/// What `policykg related` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The concept, by label, alias or IRI.
    pub concept: String,
    /// The co-occurrence scope.
    pub scope: Scope,
    /// The measure to rank by: `count` or a name in `cooccurrence::MEASURES`.
    pub measure: String,
    /// How many to list (`0`: all).
    pub top: usize,
    /// Concepts seen together in fewer units are left out (at least 1).
    pub min_count: u64,
    /// Whether discovered terms are listed too (and may be asked about).
    pub discovered: Discovered,
}

/// What co-occurrences are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// `n(a,b)`, the units mentioning both.
    Count,
    /// One of the association measures, by its index in
    /// [`cooccurrence::MEASURES`].
    Association(usize),
}

impl Measure {
    /// The names `related --measure` accepts: `count`, then
    /// [`cooccurrence::MEASURES`].
    pub fn names() -> Vec<&'static str> {
        std::iter::once("count").chain(MEASURES).collect()
    }

    /// The measure called `name` (case, `_` and `-` ignored:
    /// `log_likelihood` is `logLikelihood`); an unknown name is an
    /// [`Error::Usage`] that lists the valid ones.
    pub fn parse(name: &str) -> Result<Measure> {
        let fold = |s: &str| {
            s.chars()
                .filter(|c| !matches!(c, '_' | '-'))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        let wanted = fold(name.trim());
        if wanted == "count" {
            return Ok(Measure::Count);
        }
        MEASURES
            .iter()
            .position(|m| fold(m) == wanted)
            .map(Measure::Association)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown measure {name:?}; use one of {}",
                    Measure::names().join(", ")
                ))
            })
    }

    /// The measure's name as `--measure` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Association(i) => MEASURES[i],
        }
    }

    /// The value of this measure for `partner`.
    pub fn of(self, partner: &Partner) -> f64 {
        match self {
            Measure::Count => partner.count as f64,
            Measure::Association(i) => partner.values()[i],
        }
    }
}

/// One concept that co-occurs with the concept asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    /// The other concept.
    pub concept: NamedNode,
    /// `n(a,b)`: units mentioning both.
    pub count: u64,
    /// `n(b)`: units mentioning the other concept, where known (not for
    /// stored sentence pairs).
    pub occurrences: Option<u64>,
    /// The association measures; `association_strength` is NaN until
    /// [`add_association_strength`] computes it (paragraph and article
    /// scope).
    pub measures: Measures,
}

impl Partner {
    /// The measures in the order of [`cooccurrence::MEASURES`].
    pub fn values(&self) -> [f64; 6] {
        self.measures.in_order()
    }
}

/// Everything that co-occurs with one concept at one scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Associations {
    /// The scope.
    pub scope: Scope,
    /// `N`: units of the scope in the corpus.
    pub units: u64,
    /// `n(a)`: units mentioning the concept (unknown for stored sentence
    /// pairs: sentences are not resources of the graph).
    pub occurrences: Option<u64>,
    /// `s(a) = Σ_b n(a,b)`: the concept's total link strength, over every
    /// co-occurring concept (unknown for stored sentence pairs).
    pub link_strength: Option<u64>,
    /// The smallest `n(a,b)` listed: as asked, or the scope's
    /// `kg:minCount` when read from stored pairs and larger.
    pub min_count: u64,
    /// Whether the pairs were read from the corpus graph's stored
    /// co-occurrences rather than computed.
    pub stored: bool,
    /// Which partners take part: discovered terms or not.
    pub discovered: Discovered,
    /// The co-occurring concepts, in no particular order.
    pub partners: Vec<Partner>,
}

/// The concepts co-occurring with `concept` at `scope` in at least
/// `min_count` units: computed exactly for paragraphs and articles
/// (association strength left NaN, see [`add_association_strength`]),
/// read from the stored pairs for sentences (module docs), where the
/// scope's `kg:minCount` applies too.
pub fn associations(
    store: &Store,
    concept: &ConceptRef,
    scope: Scope,
    min_count: u64,
    discovered: Discovered,
) -> Result<Associations> {
    let iri = checked_iri(concept)?;
    let mut found = match scope {
        Scope::Sentence => stored(store, &iri, scope, min_count)?,
        Scope::Paragraph | Scope::Article => computed(store, &iri, scope, min_count, discovered)?,
    };
    found
        .partners
        .retain(|p| discovered.admits(p.concept.as_str()));
    found.discovered = discovered;
    Ok(found)
}

/// The co-occurring concepts of `scope`, counted from the `kg:mentions`
/// shortcuts of the units that mention `concept`.
fn computed(
    store: &Store,
    concept: &NamedNode,
    scope: Scope,
    min_count: u64,
    discovered: Discovered,
) -> Result<Associations> {
    let (occurrences, mut together) = pair_counts(store, concept, scope)?;
    together.retain(|b, _| discovered.admits(b.as_str()));
    let link_strength = together.values().sum();
    together.retain(|_, n| *n >= min_count);
    let units = unit_count(store, scope)?;
    let others: Vec<NamedNode> = together.keys().cloned().collect();
    let counts = unit_counts(store, scope, &others)?;
    let partners = together
        .into_iter()
        .map(|(b, both)| {
            let n_b = counts.get(&b).copied().unwrap_or(both);
            let table = Contingency {
                units,
                a: occurrences,
                b: n_b,
                both,
            };
            Partner {
                concept: b,
                count: both,
                occurrences: Some(n_b),
                measures: Measures {
                    pmi: table.pmi(),
                    npmi: table.npmi(),
                    jaccard: table.jaccard(),
                    dice: table.dice(),
                    log_likelihood: table.log_likelihood(),
                    association_strength: f64::NAN,
                },
            }
        })
        .collect();
    Ok(Associations {
        scope,
        units,
        occurrences: Some(occurrences),
        link_strength: Some(link_strength),
        min_count,
        stored: false,
        discovered,
        partners,
    })
}

/// `n(a)` and `n(a,b)` for every `b`, from the units of `scope` that
/// mention `concept` (one grouped query: `n(a)` is the row `b = a`).
fn pair_counts(
    store: &Store,
    concept: &NamedNode,
    scope: Scope,
) -> Result<(u64, BTreeMap<NamedNode, u64>)> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?b (COUNT(*) AS ?n) WHERE {{
               ?u kg:mentions {concept} . ?u a {} . ?u kg:mentions ?b
             }} GROUP BY ?b",
            scope.class()
        ),
    )?;
    let mut occurrences = 0;
    let mut together = BTreeMap::new();
    for row in &rows.rows {
        if let (Some(Term::NamedNode(b)), Some(n)) = (&row[0], integer(&row[1])) {
            if b == concept {
                occurrences = n;
            } else {
                together.insert(b.clone(), n);
            }
        }
    }
    Ok((occurrences, together))
}

/// `N` of `scope`: its `kg:unitCount` in the corpus graph, or counted when
/// the corpus graph does not say.
fn unit_count(store: &Store, scope: Scope) -> Result<u64> {
    let stored = query::select(
        store,
        &format!(
            "SELECT ?n WHERE {{ GRAPH <{}> {{ {} kg:unitCount ?n }} }}",
            vocab::CORPUS_GRAPH,
            scope.iri()
        ),
    )?;
    if let Some(n) = stored.rows.first().and_then(|row| integer(&row[0])) {
        return Ok(n);
    }
    let counted = query::select(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s a {} }} }}",
            scope.class()
        ),
    )?;
    Ok(counted
        .rows
        .first()
        .and_then(|row| integer(&row[0]))
        .unwrap_or(0))
}

/// The mentions of `concepts` by units of `scope`, as a subquery yielding
/// `?x ?b` (unit, concept).
///
/// Written as a subquery so that Oxigraph joins these few `kg:mentions`
/// triples with the type triples of the class by hashing, one sequential
/// read of the class; joined pattern by pattern it looks each unit's type
/// up instead, a random read per unit (a second for the partners of a
/// frequent concept on the 35 MB sample, against a tenth).
fn units_of(scope: Scope, concepts: &[NamedNode]) -> String {
    format!(
        "{{ SELECT ?x ?b WHERE {{ VALUES ?b {{ {} }} ?x kg:mentions ?b }} }} ?x a {}",
        values(concepts),
        scope.class()
    )
}

/// `n(b)` for each of `concepts`: the units of `scope` that mention it.
fn unit_counts(
    store: &Store,
    scope: Scope,
    concepts: &[NamedNode],
) -> Result<HashMap<NamedNode, u64>> {
    if concepts.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = query::select(
        store,
        &format!(
            "SELECT ?b (COUNT(*) AS ?n) WHERE {{ {} }} GROUP BY ?b",
            units_of(scope, concepts)
        ),
    )?;
    Ok(rows
        .rows
        .iter()
        .filter_map(|row| match (&row[0], integer(&row[1])) {
            (Some(Term::NamedNode(b)), Some(n)) => Some((b.clone(), n)),
            _ => None,
        })
        .collect())
}

/// The total link strength `s(c) = Σ_{u ∋ c} (|u| - 1)` of each of
/// `concepts` at `scope`: the concepts mentioned by the units that mention
/// `c`, less `c` itself once per unit.
fn link_strengths(
    store: &Store,
    scope: Scope,
    concepts: &[NamedNode],
    discovered: Discovered,
) -> Result<HashMap<NamedNode, u64>> {
    if concepts.is_empty() {
        return Ok(HashMap::new());
    }
    let filter = match discovered {
        Discovered::Included => String::new(),
        Discovered::Excluded => format!(
            "FILTER(?y = ?b || !STRSTARTS(STR(?y), \"{}/\"))",
            crate::discovered::DISCOVERED_SCHEME
        ),
    };
    let rows = query::select(
        store,
        &format!(
            "SELECT ?b (COUNT(DISTINCT ?x) AS ?n) (COUNT(*) AS ?k) WHERE {{
               {} . ?x kg:mentions ?y {filter}
             }} GROUP BY ?b",
            units_of(scope, concepts)
        ),
    )?;
    let mut out: HashMap<NamedNode, u64> = concepts.iter().map(|c| (c.clone(), 0)).collect();
    for row in &rows.rows {
        if let (Some(Term::NamedNode(b)), Some(n), Some(k)) =
            (&row[0], integer(&row[1]), integer(&row[2]))
        {
            out.insert(b.clone(), k.saturating_sub(n));
        }
    }
    Ok(out)
}

/// Fills in VOSviewer's association strength
/// `n(a,b) · S / (s(a) · s(b))` ([`cooccurrence::association_strength`])
/// for computed associations (stored ones carry it already).
///
/// `s(a) = Σ_b n(a,b)` is known; `s(b)` is read for every partner
/// (`link_strengths`). `S = Σ_u |u| (|u| - 1)` depends on every unit of
/// the scope; rather than reading them all, it is recovered from one
/// co-occurrence the corpus graph stores for the scope: its count
/// `n(x,y)`, its association strength and the link strengths of its two
/// concepts give `S = AS(x,y) · s(x) · s(y) / n(x,y)`, an integer (the
/// stored double has twelve significant digits, `S` far fewer). A pair of
/// the concept itself is preferred, whose link strengths are read anyway;
/// otherwise the pair whose concepts have the fewest mentions. When the
/// scope stores no pair, association strength stays NaN (unknown).
pub fn add_association_strength(
    store: &Store,
    concept: &ConceptRef,
    found: &mut Associations,
) -> Result<()> {
    if found.stored || found.partners.is_empty() {
        return Ok(());
    }
    let concept = checked_iri(concept)?;
    let scope = found.scope;
    let probe = match stored_pair(store, scope, Some(&concept))? {
        Some(p) => Some(p),
        None => stored_pair(store, scope, None)?,
    };
    let mut wanted: Vec<NamedNode> = found.partners.iter().map(|p| p.concept.clone()).collect();
    if let Some(p) = &probe {
        wanted.extend([&p.a, &p.b].into_iter().filter(|c| **c != concept).cloned());
        wanted.sort();
        wanted.dedup();
    }
    let mut strengths = link_strengths(store, scope, &wanted, found.discovered)?;
    let Some(own) = found.link_strength else {
        return Ok(());
    };
    strengths.insert(concept, own);
    let Some(total) = probe.and_then(|p| p.total_strength(&strengths)) else {
        return Ok(());
    };
    for p in &mut found.partners {
        if let Some(&s) = strengths.get(&p.concept) {
            p.measures.association_strength =
                cooccurrence::association_strength(p.count, own, s, total);
        }
    }
    Ok(())
}

/// One stored co-occurrence, to recover `S` from.
struct StoredPair {
    a: NamedNode,
    b: NamedNode,
    count: u64,
    strength: f64,
}

impl StoredPair {
    /// `S = AS(a,b) · s(a) · s(b) / n(a,b)`, rounded to the integer it is.
    fn total_strength(&self, strengths: &HashMap<NamedNode, u64>) -> Option<u64> {
        let (sa, sb) = (*strengths.get(&self.a)?, *strengths.get(&self.b)?);
        let total = self.strength * sa as f64 * sb as f64 / self.count as f64;
        (total.is_finite() && total >= 1.0).then(|| total.round() as u64)
    }
}

/// The stored co-occurrence of `scope` (of `concept`, when given) whose
/// concepts have the fewest mentions, ties by IRI.
fn stored_pair(
    store: &Store,
    scope: Scope,
    concept: Option<&NamedNode>,
) -> Result<Option<StoredPair>> {
    let own = concept
        .map(|c| format!("?co kg:concept {c} ."))
        .unwrap_or_default();
    let rows = query::select(
        store,
        &format!(
            "SELECT ?a ?b ?n ?s WHERE {{ GRAPH <{}> {{
               {own} ?co kg:scope {} ; kg:count ?n ;
                   kg:associationStrength ?s ; kg:concept ?a , ?b .
               FILTER(STR(?a) < STR(?b))
               OPTIONAL {{ ?a kg:mentionCount ?ma }} OPTIONAL {{ ?b kg:mentionCount ?mb }}
             }} }} ORDER BY (COALESCE(?ma, 0) + COALESCE(?mb, 0)) ?co LIMIT 1",
            vocab::CORPUS_GRAPH,
            scope.iri()
        ),
    )?;
    Ok(rows.rows.first().and_then(|row| match row.as_slice() {
        [Some(Term::NamedNode(a)), Some(Term::NamedNode(b)), n, s] => Some(StoredPair {
            a: a.clone(),
            b: b.clone(),
            count: integer(n)?,
            strength: real(s)?,
        }),
        _ => None,
    }))
}

/// The co-occurrences of `concept` stored in the corpus graph for `scope`.
fn stored(
    store: &Store,
    concept: &NamedNode,
    scope: Scope,
    min_count: u64,
) -> Result<Associations> {
    let patterns: String = MEASURES.iter().map(|m| format!(" ; kg:{m} ?{m}")).collect();
    let variables: String = MEASURES.iter().map(|m| format!(" ?{m}")).collect();
    let rows = query::select(
        store,
        &format!(
            "SELECT ?b ?n{variables} WHERE {{ GRAPH <{}> {{
               ?co kg:concept {concept} ; kg:scope {} ; kg:count ?n{patterns} ;
                   kg:concept ?b . FILTER(?b != {concept})
             }} }}",
            vocab::CORPUS_GRAPH,
            scope.iri()
        ),
    )?;
    let mut partners = Vec::new();
    for row in &rows.rows {
        let (Some(Term::NamedNode(b)), Some(count)) = (&row[0], integer(&row[1])) else {
            continue;
        };
        let v: Vec<f64> = row[2..]
            .iter()
            .map(|c| real(c).unwrap_or(f64::NAN))
            .collect();
        partners.push(Partner {
            concept: b.clone(),
            count,
            occurrences: None,
            measures: Measures {
                npmi: v[0],
                pmi: v[1],
                jaccard: v[2],
                dice: v[3],
                log_likelihood: v[4],
                association_strength: v[5],
            },
        });
    }
    let stored_min = stored_min_count(store, scope)?.unwrap_or(1);
    partners.retain(|p| p.count >= min_count);
    Ok(Associations {
        scope,
        units: unit_count(store, scope)?,
        occurrences: None,
        link_strength: None,
        min_count: min_count.max(stored_min),
        stored: true,
        discovered: Discovered::Included,
        partners,
    })
}

/// The scope's `kg:minCount` in the corpus graph.
fn stored_min_count(store: &Store, scope: Scope) -> Result<Option<u64>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?n WHERE {{ GRAPH <{}> {{ {} kg:minCount ?n }} }}",
            vocab::CORPUS_GRAPH,
            scope.iri()
        ),
    )?;
    Ok(rows.rows.first().and_then(|row| integer(&row[0])))
}

/// Sorts `partners` strongest first by `measure` (unknown values last),
/// then by count, then by label, then by IRI, so the order is
/// deterministic.
pub fn rank(partners: &mut [Partner], measure: Measure, labels: &Concepts) {
    let value = |p: &Partner| {
        let v = measure.of(p);
        if v.is_nan() {
            f64::NEG_INFINITY
        } else {
            v
        }
    };
    partners.sort_by(|x, y| {
        let (vx, vy) = (value(x), value(y));
        vy.total_cmp(&vx)
            .then(y.count.cmp(&x.count))
            .then_with(|| label_of(labels, &x.concept).cmp(&label_of(labels, &y.concept)))
            .then_with(|| x.concept.cmp(&y.concept))
    });
}

/// The associated concepts, strongest first.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let measure = Measure::parse(&options.measure)?;
    let names = Concepts::load(store)?;
    let concept = names.resolve(&options.concept)?;
    super::admit(&concept, options.discovered)?;
    let mut found = associations(
        store,
        &concept,
        options.scope,
        options.min_count.max(1),
        options.discovered,
    )?;
    let by_strength = measure.name() == "associationStrength";
    if by_strength {
        add_association_strength(store, &concept, &mut found)?;
    }
    rank(&mut found.partners, measure, &names);
    let mut report = Report {
        facts: vec![
            ("concept".into(), concept.label.as_str().into()),
            ("scope".into(), options.scope.name().into()),
            ("ranked by".into(), measure.name().into()),
            ("units".into(), found.units.into()),
            ("units mentioning it".into(), found.occurrences.into()),
            ("co-occurring concepts".into(), found.partners.len().into()),
            ("min count".into(), found.min_count.into()),
        ],
        ..Report::default()
    };
    if found.stored {
        report.notes.push(format!(
            "{} scope lists the co-occurrences stored in the corpus graph: pairs counted at least {} times (kg:minCount).",
            options.scope.name(),
            found.min_count
        ));
    } else if !by_strength {
        report.notes.push(
            "associationStrength is computed when it ranks the list (--measure associationStrength)."
                .to_string(),
        );
    }
    let top = if options.top == 0 {
        usize::MAX
    } else {
        options.top
    };
    let shown = &found.partners[..found.partners.len().min(top)];
    report.tables.push(partner_table(shown, &names));
    Ok(report)
}

/// The table `related`: rank, concept, count, units, then every measure.
fn partner_table(partners: &[Partner], labels: &Concepts) -> Table {
    let mut headers = vec!["rank", "concept", "count", "units"];
    headers.extend(MEASURES);
    let mut table = Table::new("related", &headers);
    for (i, p) in partners.iter().enumerate() {
        let mut row: Vec<Cell> = vec![
            (i + 1).into(),
            label_of(labels, &p.concept).into(),
            p.count.into(),
            p.occurrences.into(),
        ];
        row.extend(p.values().map(Cell::from));
        table.push(row);
    }
    table
}

/// The preferred label of `iri`, or its last path segment when no lexicon
/// knows it.
pub(super) fn label_of(labels: &Concepts, iri: &NamedNode) -> String {
    match labels.lexicon().get(iri.as_str()) {
        Some(c) if !c.pref_label.is_empty() => c.pref_label.clone(),
        _ => local_name(iri.as_str()).to_string(),
    }
}

/// The part of an IRI after its last `/` or `#`.
pub(super) fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// The concept's IRI, checked, for writing into a query.
pub(super) fn checked_iri(concept: &ConceptRef) -> Result<NamedNode> {
    NamedNode::new(&concept.iri)
        .map_err(|e| Error::Usage(format!("{:?} is not a valid IRI: {e}", concept.iri)))
}

/// IRIs as the body of a `VALUES` block.
pub(super) fn values(iris: &[NamedNode]) -> String {
    iris.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The integer value of a literal cell.
pub(super) fn integer(cell: &Option<Term>) -> Option<u64> {
    match cell {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

/// The numeric value of a literal cell.
pub(super) fn real(cell: &Option<Term>) -> Option<f64> {
    match cell {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

/// The lexical value of a literal cell.
pub(super) fn text(cell: &Option<Term>) -> Option<String> {
    match cell {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_names_parse_loosely_and_unknown_names_list_the_valid_ones() {
        assert_eq!(Measure::parse("count").unwrap(), Measure::Count);
        assert_eq!(Measure::parse("npmi").unwrap(), Measure::Association(0));
        for (i, name) in MEASURES.iter().enumerate() {
            assert_eq!(Measure::parse(name).unwrap(), Measure::Association(i));
            assert_eq!(Measure::Association(i).name(), *name);
        }
        assert_eq!(
            Measure::parse("log_likelihood").unwrap(),
            Measure::parse("logLikelihood").unwrap()
        );
        let error = Measure::parse("tfidf").unwrap_err().to_string();
        assert!(error.contains("tfidf"), "{error}");
        for name in Measure::names() {
            assert!(error.contains(name), "{error}");
        }
    }

    #[test]
    fn values_follow_the_order_of_measures() {
        let m = Measures {
            npmi: 0.0,
            pmi: 1.0,
            jaccard: 2.0,
            dice: 3.0,
            log_likelihood: 4.0,
            association_strength: 5.0,
        };
        assert_eq!(m.in_order(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(
            MEASURES,
            [
                "npmi",
                "pmi",
                "jaccard",
                "dice",
                "logLikelihood",
                "associationStrength"
            ]
        );
    }
}
