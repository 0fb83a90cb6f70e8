//! Ingest: the edge that reads files and writes documents to the store.
//!
//! Paths in (files and folders, walked recursively), a [`Summary`] out.
//! For each `.txt`/`.md` file: read → hash → skip if the store already has
//! this content → decode → repair → detect structure → quads → replace the
//! document's graph in one transaction. A file that cannot be read or
//! decoded is reported with its reason and the rest goes on.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::decode;
use crate::metadata::{self, Manifest};
use crate::outline::Outline;
use crate::rdf::{self, Document};
use crate::store::Store;
use crate::{repair, structure, Error, Result};

/// The vocabulary, loaded into its own graph with the data.
pub const VOCABULARY_TTL: &str = include_str!("../ontology/policykg.ttl");

/// File extensions we read.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// How many files are parsed in parallel before their graphs are written.
const BATCH: usize = 64;

/// What the caller wants from an ingest run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Manifest with per-file metadata.
    pub manifest: Option<PathBuf>,
}

/// A file that was not ingested, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Skipped {
    /// The path as found.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: String,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Documents new to the store.
    pub added: usize,
    /// Documents whose content changed and whose graph was replaced.
    pub replaced: usize,
    /// Documents already in the store with the same content.
    pub unchanged: usize,
    /// Articles in the added and replaced documents.
    pub articles: usize,
    /// Sections in them.
    pub sections: usize,
    /// Paragraphs in them.
    pub paragraphs: usize,
    /// Sentences in them.
    pub sentences: usize,
    /// Recommendations in them.
    pub recommendations: usize,
    /// Files not ingested, with reasons.
    pub skipped: Vec<Skipped>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Receives progress as files are processed.
pub trait Progress: Sync {
    /// The number of files to process is known.
    fn start(&self, _total: usize) {}
    /// One more file is done.
    fn advance(&self, _path: &Path) {}
    /// All done.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
pub struct Quiet;
impl Progress for Quiet {}

/// Ingests files and folders into the store.
pub fn ingest(
    store: &Store,
    inputs: &[PathBuf],
    options: &Options,
    progress: &dyn Progress,
) -> Result<Summary> {
    let started = Instant::now();
    let manifest = options
        .manifest
        .as_deref()
        .map(Manifest::load)
        .transpose()?;
    let mut summary = Summary::default();
    let files = collect_files(inputs, &mut summary.skipped)?;
    ensure_vocabulary(store)?;
    progress.start(files.len());
    for batch in files.chunks(BATCH) {
        let read: Vec<Outcome> = batch
            .par_iter()
            .map(|f| read_document(store, f, manifest.as_ref()))
            .collect();
        for (file, outcome) in batch.iter().zip(read) {
            record(store, outcome, &mut summary)?;
            progress.advance(file);
        }
    }
    progress.finish();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What reading one file gave.
enum Outcome {
    Unchanged,
    Parsed { doc: Box<Document>, replaces: bool },
    Skipped(Skipped),
}

/// Writes one outcome to the store and counts it.
fn record(store: &Store, outcome: Outcome, summary: &mut Summary) -> Result<()> {
    match outcome {
        Outcome::Unchanged => summary.unchanged += 1,
        Outcome::Skipped(s) => summary.skipped.push(s),
        Outcome::Parsed { doc, replaces } => {
            count(&doc.outline, summary);
            store.replace_graph(&doc.iri, rdf::quads(&doc))?;
            if replaces {
                summary.replaced += 1;
            } else {
                summary.added += 1;
            }
        }
    }
    Ok(())
}

fn count(outline: &Outline, summary: &mut Summary) {
    for a in &outline.articles {
        summary.articles += 1;
        summary.sections += a.sections.len();
        summary.paragraphs += a.paragraphs.len();
        summary.sentences += a
            .paragraphs
            .iter()
            .map(|p| p.sentences.len())
            .sum::<usize>();
        summary.recommendations += a.recommendations.len();
    }
}

/// Reads, checks and parses one file. Pure apart from reading the file and
/// looking up its stored hash.
fn read_document(store: &Store, file: &Path, manifest: Option<&Manifest>) -> Outcome {
    let skipped = |reason: String| {
        Outcome::Skipped(Skipped {
            path: file.to_path_buf(),
            reason,
        })
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return skipped(format!("cannot read: {e}")),
    };
    let iri = rdf::document_iri(&identity(file));
    let sha256 = decode::sha256_hex(&bytes);
    let stored = match store.document_hash(&iri) {
        Ok(h) => h,
        Err(e) => return skipped(e.to_string()),
    };
    if stored.as_deref() == Some(sha256.as_str()) {
        return Outcome::Unchanged;
    }
    let decoded = match decode::decode(&bytes) {
        Ok(d) => d,
        Err(e) => return skipped(e.to_string()),
    };
    let outline = structure::detect(&repair::repair(&decoded.text));
    let doc = Document {
        iri,
        path: file.display().to_string(),
        sha256,
        encoding: decoded.encoding.name(),
        metadata: metadata::resolve(manifest, file),
        outline,
        concepts: Default::default(),
    };
    Outcome::Parsed {
        doc: Box::new(doc),
        replaces: stored.is_some(),
    }
}

/// The identity of a file across runs: its canonical path.
pub fn identity(file: &Path) -> String {
    std::fs::canonicalize(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .display()
        .to_string()
}

/// Expands folders into their text files (sorted, so runs are
/// reproducible); other files are reported as skipped.
pub fn collect_files(inputs: &[PathBuf], skipped: &mut Vec<Skipped>) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| Error::Read {
            path: input.clone(),
            source,
        })?;
        if meta.is_file() {
            files.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
            .follow_links(true)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        found.sort();
        for path in found {
            if is_text_file(&path) {
                files.push(path);
            } else if !is_hidden(&path) {
                skipped.push(Skipped {
                    path,
                    reason: "not a .txt or .md file".to_string(),
                });
            }
        }
    }
    Ok(files)
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Loads the vocabulary graph when it is missing or differs.
fn ensure_vocabulary(store: &Store) -> Result<()> {
    let graph = oxigraph::model::NamedNode::new_unchecked(crate::vocab::VOCABULARY_GRAPH);
    let hash = decode::sha256_hex(VOCABULARY_TTL.as_bytes());
    if store.document_hash(&graph)?.as_deref() == Some(hash.as_str()) {
        return Ok(());
    }
    store.load_turtle_into(&graph, VOCABULARY_TTL, None)?;
    let marker = oxigraph::model::Quad::new(
        graph.clone(),
        oxigraph::model::NamedNode::new_unchecked(crate::vocab::kg("sha256")),
        oxigraph::model::Literal::new_simple_literal(hash),
        graph.clone(),
    );
    store
        .inner()
        .insert(&marker)
        .map_err(|e| Error::Store(e.to_string()))?;
    Ok(())
}

/// Removes the documents read from these paths; returns the paths that
/// matched no document.
pub fn remove(store: &Store, paths: &[PathBuf]) -> Result<(usize, Vec<PathBuf>)> {
    let stored = store.document_graphs()?;
    let mut removed = 0;
    let mut unknown = Vec::new();
    for path in paths {
        let iri = rdf::document_iri(&identity(path));
        let given = path.display().to_string();
        let targets: Vec<_> = stored
            .iter()
            .filter(|(g, source)| *g == iri || *source == given)
            .map(|(g, _)| g.clone())
            .collect();
        if targets.is_empty() {
            unknown.push(path.clone());
        }
        for g in targets {
            if store.remove_graph(&g)? {
                removed += 1;
            }
        }
    }
    Ok((removed, unknown))
}
