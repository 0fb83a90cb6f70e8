//! `policykg related CONCEPT`: which concepts travel with this one, and
//! how strongly?
//!
//! Input: a store and a concept. Output: a [`Report`] with one table,
//! `related`: each co-occurring concept with its count `n(a,b)`, its own
//! unit count `n(b)` where known, and every measure of
//! [`cooccurrence::MEASURES`], strongest first by the measure asked for.
//!
//! Every scope is counted the same way, exactly, from the
//! `kg:conceptIncidence` of every document ([`cooccurrence::read`]): the
//! units of the scope are counted by [`cooccurrence::count`], the code
//! `relate` stores the corpus graph's pairs with and `path` walks, and the
//! pairs of the concept are kept. So `related`, `path` and the stored
//! `kg:Cooccurrence`s agree on every count and measure, and sentence scope
//! lists pairs below the corpus graph's `kg:minCount` too. Ranking by a
//! measure puts pairs seen once first when both concepts are rare, so the
//! default minimum count is [`MIN_COUNT`], shared with `show`.

use oxigraph::model::{NamedNode, Term};

use super::{Cell, ConceptRef, Concepts, Report, Table};
use crate::corpus::cooccurrence::{self, Discovered, Incidence, Measures, Scope, MEASURES};
use crate::store::Store;
use crate::{Error, Result};

pub use crate::corpus::cooccurrence::MIN_COUNT;

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
    /// `n(b)`: units mentioning the other concept.
    pub occurrences: u64,
    /// The association measures.
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
    /// `n(a)`: units mentioning the concept.
    pub occurrences: u64,
    /// `s(a) = Σ_b n(a,b)`: the concept's total link strength, over every
    /// co-occurring concept.
    pub link_strength: u64,
    /// The smallest `n(a,b)` listed.
    pub min_count: u64,
    /// Which partners take part: discovered terms or not.
    pub discovered: Discovered,
    /// The co-occurring concepts, in no particular order.
    pub partners: Vec<Partner>,
}

/// The concepts co-occurring with `concept` at `scope` in at least
/// `min_count` units, with every measure, counted exactly from the stored
/// incidence by [`cooccurrence::count`], the code `relate` stores the
/// corpus graph's pairs with and `path` walks (module docs).
pub fn associations(
    store: &Store,
    concept: &ConceptRef,
    scope: Scope,
    min_count: u64,
    discovered: Discovered,
) -> Result<Associations> {
    let all = cooccurrence::read(store)?;
    Ok(of_incidence(
        &all.restrict(discovered),
        concept,
        scope,
        min_count,
        discovered,
    ))
}

/// [`associations`] over an incidence already read (and restricted to the
/// concepts `discovered` admits).
pub fn of_incidence(
    incidence: &Incidence,
    concept: &ConceptRef,
    scope: Scope,
    min_count: u64,
    discovered: Discovered,
) -> Associations {
    let units = incidence.units(scope);
    let mut found = Associations {
        scope,
        units: units.total,
        occurrences: 0,
        link_strength: 0,
        min_count,
        discovered,
        partners: Vec::new(),
    };
    let Some(a) = incidence.concept_index(&concept.iri) else {
        return found;
    };
    let table = cooccurrence::count(scope, units, incidence.concepts.len());
    found.occurrences = table.occurrences[a as usize];
    found.link_strength = table.strength[a as usize];
    found.partners = table
        .pairs
        .iter()
        .filter(|p| (p.a == a || p.b == a) && p.count >= min_count)
        .map(|p| {
            let b = if p.a == a { p.b } else { p.a };
            Partner {
                concept: incidence.concepts[b as usize].clone(),
                count: p.count,
                occurrences: table.occurrences[b as usize],
                measures: table.measures(p),
            }
        })
        .collect();
    found
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
