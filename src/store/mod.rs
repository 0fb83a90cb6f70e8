//! The on-disk Oxigraph store (RocksDB) that holds the knowledge graph.
//!
//! Input: quads from [`crate::rdf`] (one named graph per document, whose
//! name is the document's IRI) and Turtle for the vocabulary and lexicon
//! graphs. Output: the persisted graph, plus the small facts `ingest` needs
//! to decide what to redo (a document's stored hash, the documents present)
//! and a summary for `policykg stats`.
//!
//! Invariant: a document's graph is only ever replaced whole, in one
//! transaction ([`Store::replace_graph`]), so a crash leaves either the old
//! graph or the new one, never a mix.
//!
//! This is the only module that touches Oxigraph's store: the SPARQL
//! engine ([`query`]) and the named queries ([`named_query`]) live here,
//! and every other module reads through [`Store`]'s methods (pattern
//! scans, graph dumps) or SPARQL.

pub mod named_query;
pub mod query;

use crate::error::{Error, Result};
use crate::rdf::incidence::DocumentIncidence;
use crate::rdf::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::StorageError;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// Roughly how much memory the bulk loader may hold, in MB (Oxigraph
/// budgets about one quad per kilobyte of it per thread; each batch is
/// encoded and sorted into files, then dropped).
pub const LOADER_MEMORY_MB: usize = 64;

impl From<StorageError> for Error {
    fn from(error: StorageError) -> Error {
        Error::Storage(Box::new(error))
    }
}

/// A policykg knowledge graph persisted in a directory.
///
/// Cloning is cheap and shares the open database.
#[derive(Clone)]
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
}

impl Store {
    /// Opens the store in `path`, creating the directory on first use.
    ///
    /// Fails with [`Error::Store`] naming the path, for example when another
    /// process holds the store's lock.
    pub fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).map_err(|e| {
            Error::Store(format!(
                "cannot create store directory {}: {e}",
                path.display()
            ))
        })?;
        let inner = oxigraph::store::Store::open(path).map_err(|e| open_error(path, &e))?;
        Ok(Store {
            inner,
            path: path.to_path_buf(),
        })
    }

    /// The directory the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The quads matching a pattern, `None` matching anything: a
    /// `graph` of `None` scans every graph, the default one included.
    pub fn scan<'a>(
        &'a self,
        subject: Option<NamedNodeRef<'a>>,
        predicate: Option<NamedNodeRef<'a>>,
        graph: Option<NamedNodeRef<'a>>,
    ) -> impl Iterator<Item = Result<Quad>> + 'a {
        self.inner
            .quads_for_pattern(
                subject.map(Into::into),
                predicate,
                None,
                graph.map(GraphNameRef::NamedNode),
            )
            .map(|quad| quad.map_err(Error::from))
    }

    /// Whether the store holds the named graph `graph`.
    pub fn contains_graph(&self, graph: &NamedNode) -> Result<bool> {
        Ok(self.inner.contains_named_graph(graph.as_ref())?)
    }

    /// The named graph `graph` as N-Triples, in the store's order.
    pub fn dump_graph(&self, graph: &NamedNode) -> Result<Vec<u8>> {
        let mut ntriples = Vec::new();
        self.inner
            .dump_graph_to_writer(graph.as_ref(), RdfFormat::NTriples, &mut ntriples)
            .map_err(|e| Error::Store(format!("cannot dump graph {graph}: {e}")))?;
        Ok(ntriples)
    }

    /// The decoded `kg:conceptIncidence` of every stored document, or of
    /// the documents `only` names (by IRI; those without one are left out),
    /// with the document's IRI: the one reader of that literal, which
    /// co-occurrence, `compare` and `stats` all read. A few documents are
    /// looked up one by one (about 20 µs each); many are found by one scan
    /// of the predicate (about 0.1 s for 9,699). Decoded on all cores.
    pub fn incidences(
        &self,
        only: Option<&BTreeSet<&str>>,
    ) -> Result<Vec<(NamedNode, DocumentIncidence)>> {
        use rayon::prelude::*;
        const LOOKUPS: usize = 5_000;
        let predicate = NamedNode::new_unchecked(vocab::kg("conceptIncidence"));
        let mut literals: Vec<(NamedNode, String)> = Vec::new();
        let mut keep = |quad: Result<Quad>| -> Result<()> {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(doc), Term::Literal(text)) =
                (quad.subject, quad.object)
            {
                if only.is_none_or(|only| only.contains(doc.as_str())) {
                    literals.push((doc, text.value().to_owned()));
                }
            }
            Ok(())
        };
        match only {
            Some(only) if only.len() <= LOOKUPS => {
                for &document in only {
                    let subject = NamedNode::new_unchecked(document);
                    for quad in self.scan(Some(subject.as_ref()), Some(predicate.as_ref()), None) {
                        keep(quad)?;
                    }
                }
            }
            _ => {
                for quad in self.scan(None, Some(predicate.as_ref()), None) {
                    keep(quad)?;
                }
            }
        }
        literals
            .into_par_iter()
            .map(|(doc, text)| {
                let incidence = DocumentIncidence::decode(&text, doc.as_str())?;
                Ok((doc, incidence))
            })
            .collect()
    }

    /// Adds one quad.
    pub fn insert(&self, quad: &Quad) -> Result<()> {
        self.inner.insert(quad)?;
        Ok(())
    }

    /// How many quads the store holds, in every graph.
    pub fn len(&self) -> Result<usize> {
        Ok(self.inner.len()?)
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.inner.is_empty()?)
    }

    /// Makes the named graph `graph` hold exactly `quads`, in one
    /// transaction that removes the quads no longer stated and adds the
    /// new ones; returns how many quads were removed or added.
    ///
    /// Same end state as [`Store::replace_graph`], but a transaction costs
    /// per quad written, and when most quads survive a change (the corpus
    /// graph after a change to a few documents) far fewer are written. An
    /// empty graph is bulk-loaded instead.
    pub fn sync_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<usize> {
        let name = GraphNameRef::NamedNode(graph.as_ref());
        let empty = self
            .inner
            .quads_for_pattern(None, None, None, Some(name))
            .next()
            .is_none();
        if empty {
            self.bulk_load(quads.iter().cloned())?;
            return Ok(quads.len());
        }
        let mut transaction = self.inner.start_transaction()?;
        let mut old = HashSet::new();
        for quad in transaction.quads_for_pattern(None, None, None, Some(name)) {
            old.insert(quad?);
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
        transaction.commit()?;
        Ok(stale.len() + fresh.len())
    }

    /// The `kg:sha256` stored for the document whose IRI is `graph`, read
    /// from that named graph, or `None` when the document is not stored.
    pub fn document_hash(&self, graph: &NamedNode) -> Result<Option<String>> {
        self.document_fact(graph, &NamedNode::new_unchecked(vocab::kg("sha256")))
    }

    /// The literal value of `<graph> predicate ?v` stated in the named graph
    /// `graph` (a fact about the document whose graph it is), if any.
    pub fn document_fact(
        &self,
        graph: &NamedNode,
        predicate: &NamedNode,
    ) -> Result<Option<String>> {
        let mut values = self.inner.quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(predicate.as_ref()),
            None,
            Some(graph.as_ref().into()),
        );
        match values.next() {
            Some(quad) => Ok(literal_value(&quad?.object)),
            None => Ok(None),
        }
    }

    /// Replaces the named graph `graph` by `quads` in one transaction.
    ///
    /// Every quad must already be in `graph`; one that is not is refused
    /// (nothing is written), since writing it would leave data behind that
    /// no later replacement removes. An empty `quads` removes the graph.
    pub fn replace_graph(
        &self,
        graph: &NamedNode,
        quads: impl IntoIterator<Item = Quad>,
    ) -> Result<()> {
        let quads: Vec<Quad> = quads.into_iter().collect();
        check_all_in_graph(graph, &quads)?;
        let mut transaction = self.inner.start_transaction()?;
        transaction.remove_named_graph(graph.as_ref())?;
        transaction.extend(&quads);
        transaction.commit().map_err(Error::from)
    }

    /// Removes the named graph `graph` and its quads; `true` if it existed.
    pub fn remove_graph(&self, graph: &NamedNode) -> Result<bool> {
        let mut transaction = self.inner.start_transaction()?;
        let existed = transaction.contains_named_graph(graph.as_ref())?;
        if existed {
            transaction.remove_named_graph(graph.as_ref())?;
            transaction.commit()?;
        }
        Ok(existed)
    }

    /// Adds `quads` with Oxigraph's bulk loader, much faster than
    /// transactions for a first load.
    ///
    /// The loaded data becomes visible at once when loading ends, but the
    /// loader does not check for concurrent writers and does not remove old
    /// quads: use it on an empty store, or for graphs not present yet.
    ///
    /// The loader sorts quads into files on two threads, a batch of
    /// [`LOADER_MEMORY_MB`] at a time, and adds the files to the database
    /// in one step when it commits.
    pub fn bulk_load(&self, quads: impl IntoIterator<Item = Quad>) -> Result<()> {
        let mut loader = self
            .inner
            .bulk_loader()
            .with_num_threads(2)
            .with_max_memory_size_in_megabytes(LOADER_MEMORY_MB);
        loader.load_quads(quads)?;
        loader.commit().map_err(Error::from)
    }

    /// Replaces the named graph `graph` by the triples of `turtle`, whose
    /// relative IRIs resolve against `base` (used for the vocabulary and the
    /// lexicon).
    pub fn load_turtle_into(
        &self,
        graph: &NamedNode,
        turtle: &str,
        base: Option<&str>,
    ) -> Result<()> {
        let quads = parse_turtle(graph, turtle, base)?;
        self.replace_graph(graph, quads)
    }

    /// Every stored document: the named graphs `?d` holding
    /// `?d a kg:Document ; dcterms:source ?s`, with `?s`, sorted by IRI.
    pub fn document_graphs(&self) -> Result<Vec<(NamedNode, String)>> {
        let document = NamedNode::new_unchecked(vocab::kg("Document"));
        let typed = self.inner.quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(document.as_ref().into()),
            None,
        );
        let mut documents = Vec::new();
        for quad in typed {
            let quad = quad?;
            if let Some(graph) = self_named_graph(&quad) {
                if let Some(source) = self.document_source(&graph)? {
                    documents.push((graph, source));
                }
            }
        }
        documents.sort();
        documents.dedup();
        Ok(documents)
    }

    /// The `dcterms:source` of the document `graph`, read in its own graph.
    fn document_source(&self, graph: &NamedNode) -> Result<Option<String>> {
        let source = NamedNode::new_unchecked(format!("{}source", vocab::DCTERMS));
        let mut sources = self.inner.quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(source.as_ref()),
            None,
            Some(graph.as_ref().into()),
        );
        match sources.next() {
            Some(quad) => Ok(literal_value(&quad?.object)),
            None => Ok(None),
        }
    }

    /// Every document's value of `predicate` (stated about the graph's own
    /// IRI in that graph, like [`Store::document_fact`]), by graph IRI: one
    /// scan instead of a lookup per document.
    pub fn document_facts(
        &self,
        predicate: &NamedNode,
    ) -> Result<std::collections::HashMap<String, String>> {
        let mut facts = std::collections::HashMap::new();
        for quad in self
            .inner
            .quads_for_pattern(None, Some(predicate.as_ref()), None, None)
        {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (&quad.subject, &quad.graph_name)
            {
                if s == g {
                    if let Some(value) = literal_value(&quad.object) {
                        facts.insert(s.as_str().to_owned(), value);
                    }
                }
            }
        }
        Ok(facts)
    }

    /// Counts of the main classes, quads, graphs and bytes on disk.
    pub fn stats(&self) -> Result<Stats> {
        Ok(Stats {
            documents: self.count_instances(&vocab::kg("Document"))?,
            articles: self.count_instances(&vocab::kg("Article"))?,
            sections: self.count_instances(&vocab::kg("Section"))?,
            paragraphs: self.count_instances(&vocab::kg("Paragraph"))?,
            sentences: self.count_instances(&vocab::kg("Sentence"))? + self.count_spans()?,
            recommendations: self.count_instances(&vocab::kg("Recommendation"))?,
            mentions: self.count_instances(&vocab::kg("Mention"))?,
            concepts: self.count_instances(&format!("{}Concept", vocab::SKOS))?,
            cooccurrences: self.count_instances(&vocab::kg("Cooccurrence"))?,
            quads: self.inner.len()? as u64,
            named_graphs: self.count_named_graphs()?,
            disk_bytes: directory_size(&self.path)?,
        })
    }

    /// Distinct subjects typed `class` in any graph (a resource typed in
    /// two graphs counts once).
    fn count_instances(&self, class: &str) -> Result<u64> {
        let class = NamedNode::new_unchecked(class);
        let mut subjects = HashSet::new();
        for quad in
            self.inner
                .quads_for_pattern(None, Some(rdf::TYPE), Some(class.as_ref().into()), None)
        {
            subjects.insert(quad?.subject);
        }
        Ok(subjects.len() as u64)
    }

    /// Sentences stated as spans (not resources): the totals of every
    /// document's `kg:conceptIncidence`.
    fn count_spans(&self) -> Result<u64> {
        Ok(self
            .incidences(None)?
            .iter()
            .map(|(_, incidence)| incidence.totals[0])
            .sum())
    }

    fn count_named_graphs(&self) -> Result<u64> {
        let mut count = 0;
        for graph in self.inner.named_graphs() {
            graph?;
            count += 1;
        }
        Ok(count)
    }
}

/// What a store holds: instances per class (distinct resources over all
/// graphs), quads, named graphs and its size on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// `kg:Document` instances.
    pub documents: u64,
    /// `kg:Article` instances.
    pub articles: u64,
    /// `kg:Section` instances.
    pub sections: u64,
    /// `kg:Paragraph` instances.
    pub paragraphs: u64,
    /// Sentences: `kg:Sentence` instances plus the sentences policykg
    /// states as spans of paragraphs.
    pub sentences: u64,
    /// `kg:Recommendation` instances.
    pub recommendations: u64,
    /// `kg:Mention` instances.
    pub mentions: u64,
    /// `skos:Concept` instances.
    pub concepts: u64,
    /// `kg:Cooccurrence` instances.
    pub cooccurrences: u64,
    /// Quads in all graphs.
    pub quads: u64,
    /// Named graphs.
    pub named_graphs: u64,
    /// Bytes of all files in the store directory.
    pub disk_bytes: u64,
}

impl Stats {
    /// The rows of the human table, label then value, in display order.
    fn rows(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kg:Document", self.documents.to_string()),
            ("kg:Article", self.articles.to_string()),
            ("kg:Section", self.sections.to_string()),
            ("kg:Paragraph", self.paragraphs.to_string()),
            ("kg:Sentence", self.sentences.to_string()),
            ("kg:Recommendation", self.recommendations.to_string()),
            ("kg:Mention", self.mentions.to_string()),
            ("skos:Concept", self.concepts.to_string()),
            ("kg:Cooccurrence", self.cooccurrences.to_string()),
            ("quads", self.quads.to_string()),
            ("named graphs", self.named_graphs.to_string()),
            ("size on disk", human_bytes(self.disk_bytes)),
        ]
    }
}

impl fmt::Display for Stats {
    /// Labels left-aligned, values right-aligned, one per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self.rows();
        let label_width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
        let value_width = rows.iter().map(|(_, value)| value.len()).max().unwrap_or(0);
        for (label, value) in rows {
            writeln!(f, "{label:<label_width$}  {value:>value_width$}")?;
        }
        Ok(())
    }
}

/// `1234567` → `1.2 MiB`; plain bytes below one KiB.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Sum of the sizes of the regular files under `path`.
fn directory_size(path: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(path) {
        let entry =
            entry.map_err(|e| Error::Store(format!("cannot measure {}: {e}", path.display())))?;
        if entry.file_type().is_file() {
            let metadata = entry.metadata().map_err(|e| {
                Error::Store(format!("cannot measure {}: {e}", entry.path().display()))
            })?;
            total += metadata.len();
        }
    }
    Ok(total)
}

/// The quad's graph name when the quad is about that graph's own IRI
/// (`<g> ... ` in `GRAPH <g>`), as documents are.
fn self_named_graph(quad: &Quad) -> Option<NamedNode> {
    match (&quad.subject, &quad.graph_name) {
        (NamedOrBlankNode::NamedNode(subject), oxigraph::model::GraphName::NamedNode(graph))
            if subject == graph =>
        {
            Some(graph.clone())
        }
        _ => None,
    }
}

/// The lexical value of a literal term.
fn literal_value(term: &Term) -> Option<String> {
    match term {
        Term::Literal(literal) => Some(literal.value().to_owned()),
        _ => None,
    }
}

/// Refuses quads outside `graph` before anything is written.
fn check_all_in_graph(graph: &NamedNode, quads: &[Quad]) -> Result<()> {
    let expected = GraphNameRef::from(NamedNodeRef::from(graph));
    match quads
        .iter()
        .find(|quad| quad.graph_name.as_ref() != expected)
    {
        Some(stray) => Err(Error::Store(format!(
            "refusing to replace graph {graph}: quad {stray} is in another graph"
        ))),
        None => Ok(()),
    }
}

/// Parses `turtle` into quads of the named graph `graph`.
fn parse_turtle(graph: &NamedNode, turtle: &str, base: Option<&str>) -> Result<Vec<Quad>> {
    let mut parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph.clone());
    if let Some(base) = base {
        parser = parser
            .with_base_iri(base)
            .map_err(|e| Error::InvalidRdf(format!("invalid base IRI {base}: {e}")))?;
    }
    parser
        .for_slice(turtle)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::InvalidRdf(format!("Turtle for graph {graph}: {e}")))
}

/// A failure to open the store at `path`, explaining a held lock.
fn open_error(path: &Path, error: &StorageError) -> Error {
    let message = error.to_string();
    let hint = if message.to_lowercase().contains("lock") {
        " (another process, probably another policykg, is using this store; wait for it to finish)"
    } else {
        ""
    };
    Error::Store(format!(
        "cannot open store at {}: {message}{hint}",
        path.display()
    ))
}
