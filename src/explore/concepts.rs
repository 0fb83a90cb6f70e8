//! `policykg concepts`: which concepts does the store hold, and which
//! matter most?
//!
//! Input: the store's concepts (the curated lexicon graph and the
//! discovered terms, through [`Concepts::load`]) and the per-concept facts
//! of the corpus graph (`kg:mentionCount`, `kg:documentCount`,
//! `kg:pagerank`, `kg:community`, written by [`crate::corpus::relate::relate`]).
//! Output: a [`Report`] with one table, `concepts`, ranked by mentions,
//! documents or PageRank, ties broken by label (then IRI) so the order is
//! deterministic. Concepts the corpus never mentions are listed too, with
//! zero counts and no PageRank, after the others.
//!
//! When the corpus graph holds no concept facts (a store written before
//! relations existed), mentions and documents are counted from the
//! documents instead, and PageRank and community stay empty.

use std::collections::BTreeMap;

use oxigraph::model::Term;

use super::related::{integer, local_name, real};
use super::{Concepts, Report, Table};
use crate::concepts::discovered::DISCOVERED_SCHEME;
use crate::query;
use crate::store::Store;
use crate::{rdf::vocab, Result};

/// What to rank concepts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// `kg:Mention`s in the corpus.
    #[default]
    Mentions,
    /// Documents that mention the concept.
    Documents,
    /// PageRank in the paragraph co-occurrence network.
    Pagerank,
}

impl By {
    fn name(self) -> &'static str {
        match self {
            By::Mentions => "mentions",
            By::Documents => "documents",
            By::Pagerank => "pagerank",
        }
    }
}

/// Which concepts to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// The curated lexicon only (the default: discovered terms are
    /// suggestions until accepted).
    #[default]
    Curated,
    /// Discovered candidate terms only.
    Discovered,
    /// Both.
    All,
}

/// What `policykg concepts` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many concepts to list (`0`: all).
    pub top: usize,
    /// The ranking.
    pub by: By,
    /// Which scheme.
    pub scheme: Scheme,
}

/// The corpus-wide facts of one concept.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// `kg:Mention`s of the concept.
    pub mentions: u64,
    /// Articles that mention it.
    pub documents: u64,
    /// PageRank in the paragraph-scope network, when computed.
    pub pagerank: Option<f64>,
    /// Louvain community in that network, when computed.
    pub community: Option<u64>,
}

/// One concept as `concepts` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The concept's IRI.
    pub iri: String,
    /// Its preferred label.
    pub label: String,
    /// Found by discovery rather than curated.
    pub discovered: bool,
    /// Its figures.
    pub figures: Figures,
}

/// The ranked concepts.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let names = Concepts::load(store)?;
    let figures = read_figures(store)?;
    let mut concepts = listed(&names, &figures, options.scheme);
    rank(&mut concepts, options.by);
    let mentioned = concepts.iter().filter(|c| c.figures.mentions > 0).count();
    let top = if options.top == 0 {
        concepts.len()
    } else {
        options.top.min(concepts.len())
    };
    Ok(Report {
        facts: vec![
            ("concepts".into(), concepts.len().into()),
            ("mentioned".into(), mentioned.into()),
            ("ranked by".into(), options.by.name().into()),
        ],
        tables: vec![table(&concepts[..top])],
        ..Report::default()
    })
}

/// The concepts of `scheme`: every concept the lexicon knows, and any
/// concept the corpus graph has figures for that no lexicon names (by its
/// IRI's last segment).
fn listed(names: &Concepts, figures: &BTreeMap<String, Figures>, scheme: Scheme) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = names
        .lexicon()
        .concepts()
        .iter()
        .map(|c| Ranked {
            iri: c.iri.clone(),
            label: if c.pref_label.is_empty() {
                local_name(&c.iri).to_string()
            } else {
                c.pref_label.clone()
            },
            discovered: c.discovered,
            figures: figures.get(&c.iri).copied().unwrap_or_default(),
        })
        .collect();
    for (iri, f) in figures {
        if names.lexicon().get(iri).is_none() {
            out.push(Ranked {
                iri: iri.clone(),
                label: local_name(iri).to_string(),
                discovered: iri.starts_with(DISCOVERED_SCHEME),
                figures: *f,
            });
        }
    }
    out.retain(|c| match scheme {
        Scheme::All => true,
        Scheme::Curated => !c.discovered,
        Scheme::Discovered => c.discovered,
    });
    out
}

/// Sorts `concepts` by `by`, largest first (no PageRank last), ties by
/// label, then IRI.
pub fn rank(concepts: &mut [Ranked], by: By) {
    concepts.sort_by(|x, y| {
        let order = match by {
            By::Mentions => y.figures.mentions.cmp(&x.figures.mentions),
            By::Documents => y.figures.documents.cmp(&x.figures.documents),
            By::Pagerank => {
                let key = |c: &Ranked| c.figures.pagerank.unwrap_or(f64::NEG_INFINITY);
                key(y).total_cmp(&key(x))
            }
        };
        order
            .then_with(|| x.label.cmp(&y.label))
            .then_with(|| x.iri.cmp(&y.iri))
    });
}

/// The table `concepts`.
fn table(concepts: &[Ranked]) -> Table {
    let mut table = Table::new(
        "concepts",
        &[
            "rank",
            "label",
            "scheme",
            "mentions",
            "documents",
            "pagerank",
            "community",
        ],
    );
    for (i, c) in concepts.iter().enumerate() {
        table.push(vec![
            (i + 1).into(),
            c.label.as_str().into(),
            scheme_name(c.discovered).into(),
            c.figures.mentions.into(),
            c.figures.documents.into(),
            c.figures.pagerank.into(),
            c.figures.community.into(),
        ]);
    }
    table
}

/// `curated` or `discovered`.
pub(super) fn scheme_name(discovered: bool) -> &'static str {
    if discovered {
        "discovered"
    } else {
        "curated"
    }
}

/// The figures of every concept the corpus graph describes, or, when it
/// describes none, mentions and documents counted from the documents.
pub fn read_figures(store: &Store) -> Result<BTreeMap<String, Figures>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?c ?m ?d ?pr ?cm WHERE {{ GRAPH <{}> {{
               ?c kg:mentionCount ?m .
               OPTIONAL {{ ?c kg:documentCount ?d }}
               OPTIONAL {{ ?c kg:pagerank ?pr }}
               OPTIONAL {{ ?c kg:community ?cm }}
             }} }}",
            vocab::CORPUS_GRAPH
        ),
    )?;
    let mut figures = BTreeMap::new();
    for row in &rows.rows {
        if let Some(Term::NamedNode(c)) = &row[0] {
            figures.insert(
                c.as_str().to_string(),
                Figures {
                    mentions: integer(&row[1]).unwrap_or(0),
                    documents: integer(&row[2]).unwrap_or(0),
                    pagerank: real(&row[3]),
                    community: integer(&row[4]),
                },
            );
        }
    }
    if figures.is_empty() {
        figures = counted_figures(store)?;
    }
    Ok(figures)
}

/// Mentions and documents per concept, counted from the documents.
fn counted_figures(store: &Store) -> Result<BTreeMap<String, Figures>> {
    let mut figures: BTreeMap<String, Figures> = BTreeMap::new();
    let counts = [
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?m a kg:Mention ; kg:concept ?c } GROUP BY ?c",
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?a a kg:Article ; kg:mentions ?c } GROUP BY ?c",
    ];
    for (i, sparql) in counts.iter().enumerate() {
        for row in query::select(store, sparql)?.rows {
            if let (Some(Term::NamedNode(c)), Some(n)) = (&row[0], integer(&row[1])) {
                let f = figures.entry(c.as_str().to_string()).or_default();
                if i == 0 {
                    f.mentions = n;
                } else {
                    f.documents = n;
                }
            }
        }
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concept(label: &str, mentions: u64, documents: u64, pagerank: Option<f64>) -> Ranked {
        Ranked {
            iri: format!("{}{label}", vocab::KGC),
            label: label.to_string(),
            discovered: false,
            figures: Figures {
                mentions,
                documents,
                pagerank,
                community: None,
            },
        }
    }

    fn labels(concepts: &[Ranked]) -> Vec<&str> {
        concepts.iter().map(|c| c.label.as_str()).collect()
    }

    #[test]
    fn ranks_by_the_figure_asked_then_by_label() {
        let mut list = vec![
            concept("丙", 5, 1, Some(0.1)),
            concept("乙", 5, 3, None),
            concept("甲", 9, 2, Some(0.3)),
            concept("丁", 0, 0, None),
        ];
        rank(&mut list, By::Mentions);
        assert_eq!(labels(&list), ["甲", "丙", "乙", "丁"]);
        rank(&mut list, By::Documents);
        assert_eq!(labels(&list), ["乙", "甲", "丙", "丁"]);
        rank(&mut list, By::Pagerank);
        assert_eq!(labels(&list), ["甲", "丙", "丁", "乙"]);
    }
}
