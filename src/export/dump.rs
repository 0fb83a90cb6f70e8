//! RDF dumps: the store, or one graph of it, as N-Quads, TriG or Turtle.
//!
//! Input: a [`Store`] and the options' format and named graph. Output:
//! every quad of the store (or of the named graph) in the format, with the
//! known prefixes for TriG and Turtle. Turtle holds a single graph, so a
//! Turtle dump of the whole store writes the union of all graphs (the
//! default graph `policykg query` sees), each triple once.
//!
//! Oxigraph's own `dump_to_writer` writes blank nodes under the random ids
//! they got when the vocabulary was parsed, so two builds of the same
//! corpus would differ. Instead the quads are read into memory, blank nodes
//! renamed canonically (oxrdf's canonicalisation), and the quads sorted by
//! graph, subject, predicate and object before Oxigraph's serializers
//! write them: the same content always gives the same bytes.

use super::ExportOptions;
use super::Format;
use crate::error::{Error, Result};
use crate::rdf::vocab;
use crate::store::Store;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::dataset::{CanonicalizationAlgorithm, Dataset};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term};
use std::io::Write;

/// Writes the dump `options` ask for to `out`; returns how many quads (or
/// triples) it holds.
pub(super) fn dump(store: &Store, options: &ExportOptions, out: &mut dyn Write) -> Result<usize> {
    let graph = match &options.named_graph {
        Some(name) => Some(resolve_graph(store, name)?),
        None => None,
    };
    let mut quads = read_quads(store, graph.as_ref())?;
    if options.format == Format::Turtle {
        for quad in &mut quads {
            quad.graph_name = GraphName::DefaultGraph;
        }
    }
    let quads = canonical(quads);
    let format = match options.format {
        Format::NQuads => RdfFormat::NQuads,
        Format::TriG => RdfFormat::TriG,
        _ => RdfFormat::Turtle,
    };
    let mut serializer = RdfSerializer::from_format(format);
    for (name, iri) in vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*name, *iri)
            .map_err(|e| Error::InvalidRdf(format!("built-in prefix {name}: {e}")))?;
    }
    let mut writer = serializer.for_writer(&mut *out);
    for quad in &quads {
        writer.serialize_quad(quad)?;
    }
    writer.finish()?;
    Ok(quads.len())
}

/// The quads of `graph`, or of the whole store.
fn read_quads(store: &Store, graph: Option<&NamedNode>) -> Result<Vec<Quad>> {
    store
        .scan(None, None, graph.map(NamedNode::as_ref))
        .collect()
}

/// The quads without duplicates, blank nodes renamed canonically, sorted
/// by graph, subject, predicate and object.
///
/// Only the quads that hold a blank node go through canonicalisation: the
/// name a blank node gets depends only on the quads it appears in and, by
/// way of them, on other blank nodes' quads, so the rest cannot change it.
fn canonical(quads: Vec<Quad>) -> Vec<Quad> {
    let (blank, mut plain): (Vec<Quad>, Vec<Quad>) = quads.into_iter().partition(has_blank_node);
    let mut dataset: Dataset = blank.into_iter().collect();
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    plain.extend(dataset.iter().map(QuadRef::into_owned));
    let mut keyed: Vec<(String, Quad)> = plain
        .into_iter()
        .map(|quad| {
            let key = format!(
                "{}\t{}\t{}\t{}",
                quad.graph_name, quad.subject, quad.predicate, quad.object
            );
            (key, quad)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, quad)| quad).collect()
}

fn has_blank_node(quad: &Quad) -> bool {
    matches!(quad.subject, NamedOrBlankNode::BlankNode(_))
        || matches!(quad.object, Term::BlankNode(_))
        || matches!(quad.graph_name, GraphName::BlankNode(_))
}

/// The named graph a user means: `corpus`, `lexicon`, `vocabulary`,
/// `discovered`, a short form with a known prefix (`kgid:doc/…`), or an
/// IRI; it must be in the store.
fn resolve_graph(store: &Store, name: &str) -> Result<NamedNode> {
    let iri = match name {
        "corpus" => vocab::CORPUS_GRAPH.to_owned(),
        "lexicon" => vocab::LEXICON_GRAPH.to_owned(),
        "vocabulary" => vocab::VOCABULARY_GRAPH.to_owned(),
        "discovered" => crate::concepts::discovered::DISCOVERED_GRAPH.to_owned(),
        _ => expand(name),
    };
    let graph = NamedNode::new(&iri).map_err(|e| {
        Error::Usage(format!(
            "{name:?} is not a graph name: use corpus, lexicon, vocabulary, discovered, a document's IRI or kgid: id ({e})"
        ))
    })?;
    if !store.contains_graph(&graph)? {
        return Err(Error::Usage(format!(
            "the store has no graph {graph}; list the graphs with: policykg query 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}'"
        )));
    }
    Ok(graph)
}

/// `kgid:doc/…` → the full IRI, for every known prefix; other names as
/// they are.
fn expand(name: &str) -> String {
    if let Some((prefix, local)) = name.split_once(':') {
        if let Some((_, namespace)) = vocab::PREFIXES.iter().find(|(p, _)| *p == prefix) {
            return format!("{namespace}{local}");
        }
    }
    name.to_owned()
}
