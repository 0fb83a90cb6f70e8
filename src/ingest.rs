//! Ingest: the edge that reads files and writes documents to the store.
//!
//! Paths in (files and folders, walked recursively), a [`Summary`] out.
//! The stages ([`Stage`]):
//! 1. *checking*: hash each `.txt`/`.md` file and skip those the store
//!    already holds with the same content and lexicon (a changed lexicon
//!    brings every stored document back in);
//! 2. *discovering*: parse the changed files and rank candidate terms;
//! 3. *writing*: parse again, match curated and discovered concepts,
//!    state the quads and bulk-load new documents per batch;
//! 4. *replacing*: changed documents, graph by graph in one transaction
//!    each;
//! 5. *relating*: when anything changed, recompute co-occurrence and graph
//!    analytics into the corpus graph ([`crate::corpus::relate::relate`]), so it
//!    is never stale; `remove` does the same.
//!
//! A file that cannot be read or decoded is reported with its reason and
//! the rest goes on.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::{Arc, Mutex};

use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use rayon::prelude::*;

use crate::concepts::discover::{Discovery, DiscoveryConfig};
use crate::concepts::lexicon::{self, Lexicon};
use crate::concepts::matcher::Matcher;
use crate::document::metadata::{self, Manifest};
use crate::document::outline::Outline;
use crate::rdf::{self, ConceptIris, Document};
use crate::store::Store;
use crate::{concepts::discovered, concepts::mentions, document::decode, Error, Result};

/// The vocabulary, loaded into its own graph with the data.
pub const VOCABULARY_TTL: &str = include_str!("../ontology/policykg.ttl");

/// File extensions we read.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// How many files are parsed in parallel before their graphs are written.
const BATCH: usize = 128;

/// What the caller wants from an ingest run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Manifest with per-file metadata.
    pub manifest: Option<PathBuf>,
    /// User lexicons (SKOS Turtle or CSV) to add to the bundled one.
    pub lexicons: Vec<PathBuf>,
    /// Whether the user lexicons replace the bundled one instead.
    pub replace_bundled: bool,
    /// Whether to discover new candidate terms.
    pub discover: bool,
    /// The user's decisions on discovered terms ([`crate::concepts::curation`]),
    /// applied on top of the lexicon when the file exists.
    pub user_lexicon: Option<PathBuf>,
    /// Whether discovered terms take part in co-occurrence and the
    /// network metrics.
    pub discovered: crate::corpus::cooccurrence::Discovered,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            manifest: None,
            lexicons: Vec::new(),
            replace_bundled: false,
            discover: true,
            user_lexicon: None,
            discovered: crate::corpus::cooccurrence::Discovered::default(),
        }
    }
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
    /// Documents whose content (or lexicon) changed and whose graph was
    /// replaced.
    pub replaced: usize,
    /// Documents already in the store with the same content and lexicon.
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
    /// Concept mentions in them.
    pub mentions: usize,
    /// Terms discovery added or updated in this run.
    pub discovered: usize,
    /// Whether the lexicon changed, so that every stored document was
    /// matched again.
    pub lexicon_changed: bool,
    /// Files not ingested, with reasons.
    pub skipped: Vec<Skipped>,
    /// What recomputing co-occurrence and graph analytics found, when the
    /// corpus changed.
    pub relations: Option<crate::corpus::relate::RelateSummary>,
    /// Wall time of each stage, in the order they ran.
    pub stages: Vec<StageTime>,
    /// Wall time.
    pub elapsed: Duration,
}

/// How long one stage of a run took, and the process's peak memory at its
/// end.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StageTime {
    /// The stage: `checking`, `discovering`, `writing` (parsing, matching
    /// and the bulk load of new documents, which overlap), `replacing`
    /// (changed documents), `relating`.
    pub stage: &'static str,
    /// Wall seconds.
    pub seconds: f64,
    /// Peak resident memory of the process so far, in MiB (where the
    /// system reports it: Linux).
    pub peak_mib: Option<f64>,
}

impl Summary {
    fn time(&mut self, stage: Stage, since: Instant) {
        let stage = stage.name();
        let seconds = since.elapsed().as_secs_f64();
        let peak_mib = peak_memory_mib();
        match self.stages.iter_mut().find(|s| s.stage == stage) {
            Some(s) => {
                s.seconds += seconds;
                s.peak_mib = peak_mib;
            }
            None => self.stages.push(StageTime {
                stage,
                seconds,
                peak_mib,
            }),
        }
    }
}

/// Hands memory freed by a stage back to the system (glibc keeps it
/// otherwise), so that the next stage's peak starts from what is live.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The process's peak resident set size (`VmHWM`), in MiB, on Linux.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Receives progress as files are processed.
pub trait Progress: Sync {
    /// A stage starts with this many steps.
    fn start(&self, _stage: Stage, _total: usize) {}
    /// One more file is done.
    fn advance(&self, _path: &Path) {}
    /// The stage is done.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
pub struct Quiet;
impl Progress for Quiet {}

/// Ingests files and folders into the store: the stages run in the order
/// [`Stage`] declares them.
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
    let mut files = collect_files(inputs, &mut summary.skipped)?;
    ensure_vocabulary(store)?;
    let mut lexicon = choose_lexicon(store, options)?;
    if let Some(user) = options.user_lexicon.as_deref().filter(|p| p.exists()) {
        lexicon.merge(Lexicon::load(user)?);
    }
    let lexicon_hash = lexicon.content_hash();
    summary.lexicon_changed = save_lexicon(store, &lexicon, &lexicon_hash, options)?;
    let stored = Stored::read(store)?;
    add_stale_documents(store, &stored, &lexicon_hash, &mut files)?;
    let clock = Instant::now();
    let work = changed_files(&stored, &files, &lexicon_hash, progress, &mut summary);
    summary.time(Stage::Checking, clock);
    if !work.is_empty() {
        let clock = Instant::now();
        let matching = matching_lexicon(store, &lexicon, &work, options, progress, &mut summary)?;
        summary.time(Stage::Discovering, clock);
        release_free_memory();
        let matcher = Matcher::new(&matching);
        let concepts = Arc::new(ConceptIris {
            iris: matching
                .concepts()
                .iter()
                .map(|c| NamedNode::new_unchecked(c.iri.clone()))
                .collect(),
            hash: lexicon_hash,
        });
        let context = Context {
            manifest: manifest.as_ref(),
            matcher: &matcher,
            concepts: &concepts,
        };
        write_documents(store, &work, &context, progress, &mut summary)?;
        release_free_memory();
    }
    if !work.is_empty() || summary.lexicon_changed || !has_corpus_facts(store)? {
        let clock = Instant::now();
        let config = crate::corpus::relate::RelateConfig {
            discovered: options.discovered,
            ..crate::corpus::relate::RelateConfig::default()
        };
        summary.relations = Some(crate::corpus::relate::relate_with(store, &config)?);
        summary.time(Stage::Relating, clock);
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Whether the corpus graph (co-occurrence, analytics) has been computed.
fn has_corpus_facts(store: &Store) -> Result<bool> {
    let graph = NamedNode::new_unchecked(crate::rdf::vocab::CORPUS_GRAPH);
    store.contains_graph(&graph)
}

/// The stages of an ingest run, in the order they run: progress reports them and
/// [`Summary::stages`] times them under the same names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Hashing files and comparing them with the store.
    Checking,
    /// Parsing changed files and ranking candidate terms.
    Discovering,
    /// Parsing, matching and bulk-loading new documents (they overlap).
    Writing,
    /// Replacing the graphs of changed documents.
    Replacing,
    /// Recomputing the corpus graph.
    Relating,
}

impl Stage {
    /// The stage's name in progress bars and `--json` timings.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Checking => "checking",
            Stage::Discovering => "discovering",
            Stage::Writing => "writing",
            Stage::Replacing => "replacing",
            Stage::Relating => "relating",
        }
    }
}

/// A file that needs (re)processing, and whether it replaces a graph.
///
/// The check read the file once: its identity, hash and bytes come along,
/// so no later stage reads, hashes or canonicalises it again. The bytes
/// are taken by the stage that writes the document, which frees them.
struct Work {
    path: PathBuf,
    replaces: bool,
    /// [`identity`] of the path.
    file: String,
    sha256: String,
    bytes: Mutex<Vec<u8>>,
}

/// What every document of a run is read with.
struct Context<'a> {
    manifest: Option<&'a Manifest>,
    matcher: &'a Matcher,
    concepts: &'a Arc<ConceptIris>,
}

/// The files whose content or lexicon changed since they were stored.
fn changed_files(
    stored: &Stored,
    files: &[PathBuf],
    lexicon_hash: &str,
    progress: &dyn Progress,
    summary: &mut Summary,
) -> Vec<Work> {
    progress.start(Stage::Checking, files.len());
    let states: Vec<State> = files
        .par_iter()
        .map(|f| {
            let state = state_of(f, stored, lexicon_hash);
            progress.advance(f);
            state
        })
        .collect();
    progress.finish();
    let mut work = Vec::new();
    for (file, state) in files.iter().zip(states) {
        match state {
            State::Unchanged => summary.unchanged += 1,
            State::Skipped(reason) => summary.skipped.push(Skipped {
                path: file.clone(),
                reason,
            }),
            State::Changed {
                replaces,
                file: identity,
                sha256,
                bytes,
            } => work.push(Work {
                path: file.clone(),
                replaces,
                file: identity,
                sha256,
                bytes: Mutex::new(bytes),
            }),
        }
    }
    work
}

/// Where a file stands against the store.
enum State {
    Unchanged,
    Changed {
        replaces: bool,
        file: String,
        sha256: String,
        bytes: Vec<u8>,
    },
    Skipped(String),
}

/// What the store says of every document: its hash and the hash of the
/// lexicon it was matched with, by document IRI (one scan each).
struct Stored {
    hashes: std::collections::HashMap<String, String>,
    lexicons: std::collections::HashMap<String, String>,
}

impl Stored {
    fn read(store: &Store) -> Result<Stored> {
        let fact = |local: &str| {
            store.document_facts(&NamedNode::new_unchecked(crate::rdf::vocab::kg(local)))
        };
        let mut stored = Stored {
            hashes: fact("sha256")?,
            lexicons: fact("lexiconHash")?,
        };
        // The vocabulary and lexicon graphs state hashes of themselves too.
        for graph in [
            crate::rdf::vocab::VOCABULARY_GRAPH,
            crate::rdf::vocab::LEXICON_GRAPH,
        ] {
            stored.hashes.remove(graph);
            stored.lexicons.remove(graph);
        }
        Ok(stored)
    }

    /// Whether `document` was matched with another lexicon (or none).
    fn is_stale(&self, document: &str, lexicon_hash: &str) -> bool {
        self.lexicons.get(document).map(String::as_str) != Some(lexicon_hash)
    }
}

/// Where `file` stands against the stored documents.
fn state_of(file: &Path, stored: &Stored, lexicon_hash: &str) -> State {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return State::Skipped(format!("cannot read: {e}")),
    };
    let file = identity(file);
    let iri = rdf::document_iri(&file);
    let sha256 = decode::sha256_hex(&bytes);
    match stored.hashes.get(iri.as_str()) {
        Some(h) if *h == sha256 && !stored.is_stale(iri.as_str(), lexicon_hash) => State::Unchanged,
        hash => State::Changed {
            replaces: hash.is_some(),
            file,
            sha256,
            bytes,
        },
    }
}

/// Parses, matches and writes the documents that need it. Parsing runs on
/// all cores, batch by batch, in reading order.
///
/// New documents stream into one bulk load ([`Store::bulk_load`]) while
/// the next batch is parsed: the loader turns quads into sorted files on
/// its own threads and adds them all at once when the run ends, so an
/// interrupted run adds nothing. At most [`QUEUE`] parsed batches wait for
/// the loader, which bounds memory by the batch, not by the corpus. Changed
/// documents then replace their graphs one transaction each.
fn write_documents(
    store: &Store,
    work: &[Work],
    context: &Context,
    progress: &dyn Progress,
    summary: &mut Summary,
) -> Result<()> {
    progress.start(Stage::Writing, work.len());
    let (fresh, changed): (Vec<&Work>, Vec<&Work>) = work.iter().partition(|w| !w.replaces);
    let clock = Instant::now();
    if !fresh.is_empty() {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Quad>>(QUEUE);
        let parsed = std::thread::scope(|scope| {
            let producer = scope.spawn(|| {
                let mut part = Summary::default();
                for batch in fresh.chunks(BATCH) {
                    let stated: Vec<(Outcome, Vec<Quad>)> = read_batch(batch, context, progress)
                        .into_par_iter()
                        .map(|outcome| {
                            let quads = match &outcome {
                                Outcome::Parsed { doc } => rdf::quads(doc),
                                Outcome::Skipped(_) => Vec::new(),
                            };
                            (outcome, quads)
                        })
                        .collect();
                    for (outcome, quads) in stated {
                        match outcome {
                            Outcome::Skipped(s) => part.skipped.push(s),
                            Outcome::Parsed { doc } => {
                                count(&doc.outline, &mut part);
                                part.added += 1;
                                if sender.send(quads).is_err() {
                                    return part; // the loader failed; it reports why
                                }
                            }
                        }
                    }
                }
                drop(sender);
                part
            });
            let loaded = store.bulk_load(receiver.into_iter().flatten());
            let part = producer.join().expect("the parsing thread panicked");
            loaded.map(|()| part)
        })?;
        merge_counts(summary, parsed);
    }
    summary.time(Stage::Writing, clock);
    let clock = Instant::now();
    for batch in changed.chunks(BATCH) {
        for outcome in read_batch(batch, context, progress) {
            match outcome {
                Outcome::Skipped(s) => summary.skipped.push(s),
                Outcome::Parsed { doc } => {
                    count(&doc.outline, summary);
                    store.replace_graph(&doc.iri, rdf::quads(&doc))?;
                    summary.replaced += 1;
                }
            }
        }
    }
    summary.time(Stage::Replacing, clock);
    progress.finish();
    Ok(())
}

/// How many parsed batches of quads may wait for the loader.
const QUEUE: usize = 64;

/// Reads one batch of files on all cores; outcomes in the batch's order.
fn read_batch(batch: &[&Work], context: &Context, progress: &dyn Progress) -> Vec<Outcome> {
    batch
        .par_iter()
        .map(|w| {
            let outcome = read_document(w, context);
            progress.advance(&w.path);
            outcome
        })
        .collect()
}

/// What reading one file gave.
enum Outcome {
    Parsed { doc: Box<Document> },
    Skipped(Skipped),
}

/// Adds the counts of a part of the run to the summary.
fn merge_counts(summary: &mut Summary, part: Summary) {
    summary.added += part.added;
    summary.replaced += part.replaced;
    summary.articles += part.articles;
    summary.sections += part.sections;
    summary.paragraphs += part.paragraphs;
    summary.sentences += part.sentences;
    summary.recommendations += part.recommendations;
    summary.mentions += part.mentions;
    summary.skipped.extend(part.skipped);
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
        summary.mentions += a.paragraphs.iter().map(|p| p.mentions.len()).sum::<usize>();
    }
}

/// Parses one file's bytes (taken from `work`, which frees them):
/// decoded, repaired, structured, matched.
fn read_document(work: &Work, context: &Context) -> Outcome {
    let bytes = std::mem::take(&mut *work.bytes.lock().unwrap_or_else(|e| e.into_inner()));
    let parsed = match crate::document::parse(&bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Outcome::Skipped(Skipped {
                path: work.path.clone(),
                reason: e.to_string(),
            })
        }
    };
    let mut outline = parsed.outline;
    mentions::annotate(&mut outline, context.matcher);
    let doc = Document {
        iri: rdf::document_iri(&work.file),
        path: work.path.display().to_string(),
        file: work.file.clone(),
        sha256: work.sha256.clone(),
        encoding: parsed.encoding.name(),
        metadata: metadata::resolve(context.manifest, &work.path),
        outline,
        concepts: Arc::clone(context.concepts),
    };
    Outcome::Parsed { doc: Box::new(doc) }
}

/// The curated lexicon of this run: the user's lexicons added to (or
/// replacing) the bundled one; without any, the one the store was last
/// built with, or the bundled one.
fn choose_lexicon(store: &Store, options: &Options) -> Result<Lexicon> {
    if options.lexicons.is_empty() {
        return Ok(stored_lexicon(store)?.unwrap_or_else(Lexicon::bundled));
    }
    let mut lexicon = if options.replace_bundled {
        Lexicon::default()
    } else {
        Lexicon::bundled()
    };
    for path in &options.lexicons {
        lexicon.merge(Lexicon::load(path)?);
    }
    Ok(lexicon)
}

/// The custom lexicon stored by an earlier run, if one was.
fn stored_lexicon(store: &Store) -> Result<Option<Lexicon>> {
    let graph = NamedNode::new_unchecked(crate::rdf::vocab::LEXICON_GRAPH);
    let origin = store.document_fact(&graph, &dcterms("source"))?;
    if origin.as_deref() != Some(CUSTOM_LEXICON) {
        return Ok(None);
    }
    Lexicon::stored(store).map(Some)
}

/// How the lexicon graph names a lexicon that is not the bundled one.
const CUSTOM_LEXICON: &str = "custom";

fn dcterms(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", crate::rdf::vocab::DCTERMS))
}

/// Writes the lexicon graph when the lexicon changed; `true` if it replaced
/// another one.
fn save_lexicon(store: &Store, lexicon: &Lexicon, hash: &str, options: &Options) -> Result<bool> {
    let graph = NamedNode::new_unchecked(crate::rdf::vocab::LEXICON_GRAPH);
    let hash_property = NamedNode::new_unchecked(crate::rdf::vocab::kg("lexiconHash"));
    let previous = store.document_fact(&graph, &hash_property)?;
    if previous.as_deref() == Some(hash) {
        return Ok(false);
    }
    let mut quads = lexicon.quads(&graph);
    let origin = if options.lexicons.is_empty() {
        "bundled"
    } else {
        CUSTOM_LEXICON
    };
    let g = GraphName::NamedNode(graph.clone());
    quads.push(Quad::new(
        graph.clone(),
        hash_property,
        Literal::new_simple_literal(hash),
        g.clone(),
    ));
    quads.push(Quad::new(
        graph.clone(),
        dcterms("source"),
        Literal::new_simple_literal(origin),
        g,
    ));
    store.replace_graph(&graph, quads)?;
    Ok(previous.is_some())
}

/// Adds the stored documents matched with another lexicon to the files
/// to read, so that a lexicon change re-matches every document.
fn add_stale_documents(
    store: &Store,
    stored: &Stored,
    lexicon_hash: &str,
    files: &mut Vec<PathBuf>,
) -> Result<()> {
    if !stored
        .hashes
        .keys()
        .any(|graph| stored.is_stale(graph, lexicon_hash))
    {
        return Ok(());
    }
    let known: std::collections::HashSet<String> = files.iter().map(|f| identity(f)).collect();
    let paths = store.document_facts(&NamedNode::new_unchecked(crate::rdf::vocab::kg("file")))?;
    for (graph, source) in store.document_graphs()? {
        if !stored.is_stale(graph.as_str(), lexicon_hash) {
            continue;
        }
        let file = paths.get(graph.as_str()).cloned().unwrap_or(source);
        if !known.contains(&file) {
            files.push(PathBuf::from(file));
        }
    }
    Ok(())
}

/// The lexicon mentions are matched with: the curated one plus the
/// discovered terms (stored ones, and those this run finds).
fn matching_lexicon(
    store: &Store,
    curated: &Lexicon,
    work: &[Work],
    options: &Options,
    progress: &dyn Progress,
    summary: &mut Summary,
) -> Result<Lexicon> {
    let stored = discovered::load(store)?;
    let terms = if options.discover && !work.is_empty() {
        let fresh = discover_terms(curated, work, progress);
        summary.discovered = fresh.len();
        let terms = discovered::merge(stored, fresh);
        let graph = NamedNode::new_unchecked(discovered::DISCOVERED_GRAPH);
        store.replace_graph(&graph, discovered::quads(&terms))?;
        terms
    } else {
        stored
    };
    let mut matching = discovered::lexicon(&terms)?;
    matching.merge(curated.clone());
    Ok(matching)
}

/// Runs discovery over the files of this run; the best new terms that
/// neither are nor contain a curated label.
fn discover_terms(
    curated: &Lexicon,
    work: &[Work],
    progress: &dyn Progress,
) -> Vec<discovered::Term> {
    progress.start(Stage::Discovering, work.len());
    let matcher = Matcher::new(curated);
    let segmenter = matcher.segmenter();
    let discovery = Discovery::accumulate(
        &DiscoveryConfig::default(),
        work,
        segmenter,
        |_, w: &Work| {
            let bytes = w.bytes.lock().unwrap_or_else(|e| e.into_inner());
            let texts = crate::document::parse(&bytes).ok().map(|parsed| {
                parsed
                    .outline
                    .articles
                    .iter()
                    .flat_map(|a| a.paragraphs.iter().map(|p| p.text.clone()))
                    .collect()
            });
            progress.advance(&w.path);
            texts
        },
    );
    progress.finish();
    let known: std::collections::HashSet<String> = curated
        .labels()
        .map(|(l, _)| l.to_string())
        .chain(curated.rejected().map(str::to_string))
        .collect();
    discovery
        .finish(&known, lexicon::stoplist())
        .iter()
        .filter(|c| matcher.find(&c.label).is_empty())
        .take(discovered::MAX_PER_RUN)
        .map(discovered::Term::from)
        .collect()
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
    let graph = oxigraph::model::NamedNode::new_unchecked(crate::rdf::vocab::VOCABULARY_GRAPH);
    let hash = decode::sha256_hex(VOCABULARY_TTL.as_bytes());
    if store.document_hash(&graph)?.as_deref() == Some(hash.as_str()) {
        return Ok(());
    }
    store.load_turtle_into(&graph, VOCABULARY_TTL, None)?;
    let marker = oxigraph::model::Quad::new(
        graph.clone(),
        oxigraph::model::NamedNode::new_unchecked(crate::rdf::vocab::kg("sha256")),
        oxigraph::model::Literal::new_simple_literal(hash),
        graph.clone(),
    );
    store.insert(&marker)?;
    Ok(())
}

/// Removes the documents read from these paths (a folder stands for every
/// stored document read from below it); returns how many were removed and
/// the paths that matched no document.
pub fn remove(store: &Store, paths: &[PathBuf]) -> Result<(usize, Vec<PathBuf>)> {
    let file_property = NamedNode::new_unchecked(crate::rdf::vocab::kg("file"));
    let mut stored = Vec::new();
    for (graph, source) in store.document_graphs()? {
        let file = store.document_fact(&graph, &file_property)?;
        stored.push((graph, source, file.unwrap_or_default()));
    }
    let mut removed = 0;
    let mut unknown = Vec::new();
    for path in paths {
        let iri = rdf::document_iri(&identity(path));
        let given = path.display().to_string();
        let folder = path.is_dir().then(|| format!("{}/", identity(path)));
        let targets: Vec<NamedNode> = stored
            .iter()
            .filter(|(g, source, file)| {
                *g == iri
                    || *source == given
                    || folder.as_ref().is_some_and(|f| file.starts_with(f))
            })
            .map(|(g, _, _)| g.clone())
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
    if removed > 0 {
        crate::corpus::relate::relate(store)?;
    }
    Ok((removed, unknown))
}
