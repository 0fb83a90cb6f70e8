//! The discovered scheme: candidate terms that discovery ranked high enough
//! become `skos:Concept`s flagged `kg:discovered true` in their own scheme
//! and graph, with their termhood and an example line.
//!
//! Discovered terms accumulate across ingest runs: a run's new figures
//! replace a term's old ones, and terms are never dropped silently, except
//! those the user decided on: a term that is now a label of the lexicon
//! (accepted, merged) or that the lexicon rejects is not loaded again.
//!
//! Counts are not stored here. A term has one mention count, like every
//! concept: its `kg:mentionCount` in the corpus graph, the number of its
//! stored `kg:Mention`s ([`crate::corpus::relate`]), which [`load`] reads back; so
//! `suggest`, `show`, `concepts` and `kwic` give the same number.

use std::collections::BTreeMap;

use oxigraph::model::vocab::rdf;
use oxigraph::model::Term as RdfTerm;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

use crate::concepts::discover::Candidate;
use crate::concepts::lexicon::{Concept, Lexicon};
use crate::rdf::vocab::{CORPUS_GRAPH, DCTERMS, KG, KGC, LEXICON_GRAPH, SKOS};
use crate::store::Store;
use crate::{Error, Result};

/// Named graph of the discovered scheme.
pub const DISCOVERED_GRAPH: &str = "https://w3id.org/policykg/graph/discovered";
/// The discovered concept scheme.
pub const DISCOVERED_SCHEME: &str = "https://w3id.org/policykg/concept/discovered";

/// Most discovered terms one run adds.
pub const MAX_PER_RUN: usize = 300;

/// A discovered term with its figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Term {
    /// The term.
    pub label: String,
    /// Mentions: as loaded, the stored `kg:Mention`s of the term
    /// (`kg:mentionCount` in the corpus graph, 0 before relations are
    /// computed); fresh from discovery, the occurrences it counted.
    pub frequency: usize,
    /// Documents: as loaded, the articles mentioning it
    /// (`kg:documentCount` in the corpus graph); fresh from discovery, the
    /// documents it occurs in.
    pub document_frequency: usize,
    /// Termhood score.
    pub score: f64,
    /// A context line.
    pub example: String,
}

impl From<&Candidate> for Term {
    fn from(c: &Candidate) -> Term {
        Term {
            label: c.label.clone(),
            frequency: c.frequency,
            document_frequency: c.document_frequency,
            score: c.score,
            example: c.example.clone(),
        }
    }
}

/// The IRI of a discovered term.
pub fn iri(label: &str) -> String {
    format!("{DISCOVERED_SCHEME}/{label}")
}

/// Whether `iri` names a discovered term (see [`iri`]).
pub fn is_discovered(iri: &str) -> bool {
    iri.strip_prefix(DISCOVERED_SCHEME)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// Unites stored terms with this run's: the new figures win; ranked by
/// score, then label.
pub fn merge(stored: Vec<Term>, fresh: Vec<Term>) -> Vec<Term> {
    let mut by_label: BTreeMap<String, Term> = BTreeMap::new();
    for t in stored.into_iter().chain(fresh) {
        by_label.insert(t.label.clone(), t);
    }
    let mut terms: Vec<Term> = by_label.into_values().collect();
    terms.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.label.cmp(&b.label))
    });
    terms
}

/// The discovered terms as a lexicon of discovered concepts, for matching.
pub fn lexicon(terms: &[Term]) -> Result<Lexicon> {
    let concepts = terms
        .iter()
        .map(|t| {
            let mut c = Concept::new(&iri(&t.label), &t.label, DISCOVERED_SCHEME);
            c.discovered = true;
            c
        })
        .collect();
    Lexicon::from_concepts(concepts)
}

fn kg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{KG}{local}"))
}

fn skos(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SKOS}{local}"))
}

/// The quads of the discovered graph, in a deterministic order.
pub fn quads(terms: &[Term]) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(DISCOVERED_GRAPH));
    let scheme = NamedNode::new_unchecked(DISCOVERED_SCHEME);
    let mut out = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: RdfTerm| {
        out.push(Quad::new(s.clone(), p, o, graph.clone()))
    };
    add(&scheme, rdf::TYPE.into(), skos("ConceptScheme").into());
    add(
        &scheme,
        NamedNode::new_unchecked(format!("{DCTERMS}title")),
        Literal::new_language_tagged_literal_unchecked("discovered terms", "en").into(),
    );
    for t in terms {
        let c = NamedNode::new_unchecked(iri(&t.label));
        add(&c, rdf::TYPE.into(), skos("Concept").into());
        add(
            &c,
            skos("prefLabel"),
            Literal::new_language_tagged_literal_unchecked(&t.label, "zh").into(),
        );
        add(&c, skos("inScheme"), scheme.clone().into());
        add(&c, kg("discovered"), Literal::from(true).into());
        add(&c, kg("termhood"), Literal::from(t.score).into());
        add(
            &c,
            skos("example"),
            Literal::new_simple_literal(&t.example).into(),
        );
    }
    out
}

/// The terms stored in the discovered graph, ranked, with their mention
/// and article counts from the corpus graph; left out are the terms the
/// lexicon graph names (a label of a concept, accepted or merged by the
/// user) or rejects (`kg:rejected`).
pub fn load(store: &Store) -> Result<Vec<Term>> {
    let query = format!(
        "SELECT ?label ?f ?d ?s ?e WHERE {{
           GRAPH <{DISCOVERED_GRAPH}> {{
             ?c a skos:Concept ; skos:prefLabel ?label ; kg:termhood ?s ; skos:example ?e }}
           OPTIONAL {{ GRAPH <{CORPUS_GRAPH}> {{ ?c kg:mentionCount ?f ; kg:documentCount ?d }} }}
         }}"
    );
    let decided = decided_labels(store)?;
    let rows = crate::query::select(store, &query)?;
    let value = |t: &Option<oxigraph::model::Term>| match t {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_string(),
        _ => String::new(),
    };
    let number = |t: &Option<oxigraph::model::Term>| match t {
        None => Ok(0.0),
        Some(_) => value(t)
            .parse::<f64>()
            .map_err(|e| Error::Store(e.to_string())),
    };
    let mut terms = Vec::new();
    for row in &rows.rows {
        if decided.contains(&value(&row[0])) {
            continue;
        }
        terms.push(Term {
            label: value(&row[0]),
            frequency: number(&row[1])? as usize,
            document_frequency: number(&row[2])? as usize,
            score: number(&row[3])?,
            example: value(&row[4]),
        });
    }
    Ok(merge(Vec::new(), terms))
}

/// The labels the lexicon graph names or rejects: terms the user decided
/// on, which discovery no longer proposes.
fn decided_labels(store: &Store) -> Result<std::collections::HashSet<String>> {
    let rows = crate::query::select(
        store,
        &format!(
            "SELECT DISTINCT ?name WHERE {{ GRAPH <{LEXICON_GRAPH}> {{
               {{ ?x skos:prefLabel|skos:altLabel ?name }}
               UNION {{ ?x kg:rejected true ; rdfs:label ?name }} }} }}"
        ),
    )?;
    Ok(rows
        .rows
        .iter()
        .filter_map(|row| match &row[0] {
            Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_string()),
            _ => None,
        })
        .collect())
}

/// The terms as curated SKOS Turtle, ready to edit into a lexicon: one
/// `kgc:` concept each, with a comment giving its figures and example.
pub fn curation_turtle(terms: &[Term]) -> String {
    let mut out = format!(
        "@prefix skos: <{SKOS}> .\n@prefix kgc: <{KGC}> .\n\n# Discovered terms, ranked. Keep the ones that are concepts, add\n# skos:broader links, and load the file with `policykg ingest --lexicon FILE`.\n\n"
    );
    for t in terms {
        let label = t.label.replace('\\', "\\\\").replace('"', "\\\"");
        let example = t.example.replace(['\n', '\r'], " ");
        out.push_str(&format!(
            "# {} mentions in {} documents, termhood {:.3}: {}\n<{KGC}{}> a skos:Concept ;\n    skos:inScheme kgc:scheme ;\n    skos:prefLabel \"{}\"@zh .\n\n",
            t.frequency, t.document_frequency, t.score, example, t.label, label
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(label: &str, score: f64) -> Term {
        Term {
            label: label.into(),
            frequency: 3,
            document_frequency: 2,
            score,
            example: format!("……{label}……"),
        }
    }

    #[test]
    fn fresh_figures_replace_stored_ones_and_ranking_is_by_score() {
        let merged = merge(
            vec![term("链主企业", 1.0), term("数字贸易", 2.0)],
            vec![term("链主企业", 3.0)],
        );
        assert_eq!(
            merged.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            vec!["链主企业", "数字贸易"]
        );
        assert_eq!(merged[0].score, 3.0);
    }

    #[test]
    fn discovered_concepts_are_flagged_in_their_own_scheme() {
        let lexicon = lexicon(&[term("链主企业", 1.0)]).unwrap();
        let c = &lexicon.concepts()[0];
        assert!(c.discovered);
        assert_eq!(c.scheme, DISCOVERED_SCHEME);
    }

    #[test]
    fn curation_turtle_parses_as_skos() {
        let ttl = curation_turtle(&[term("链主企业", 1.0), term("压力测试场景", 0.5)]);
        let lexicon = Lexicon::from_turtle(&ttl, std::path::Path::new("suggest.ttl")).unwrap();
        assert_eq!(lexicon.concepts().len(), 2);
    }
}
