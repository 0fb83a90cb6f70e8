//! Term discovery: which strings behave like concepts but are not in the
//! lexicon? Paragraphs go in one document at a time, segmented and
//! part-of-speech tagged by jieba; a ranked list of [`Candidate`]s comes out.
//!
//! A candidate is a run of 2–4 adjacent jieba segments inside one clause
//! (never across punctuation, digits or Latin letters), 3–10 Han characters
//! long, whose parts pass part-of-speech filters ([`is_candidate_shape`]).
//! [`Discovery`] accumulates, per candidate string, its frequency, document
//! frequency, the tokens seen left and right of it and one example line; it
//! can be fed in batches, merged across workers and pruned to bound memory.
//! [`Discovery::finish`] then drops what must never be a concept (stoplist
//! words, known labels, strings spelled only by stoplist words, a generic
//! word attached to a known label, verb phrases around a term) and ranks the
//! rest by termhood:
//!
//! ```text
//! score = C-value × min(left entropy, right entropy) × cohesion
//! ```
//!
//! - **C-value** (Frantzi et al.): frequency, minus the mean frequency of the
//!   longer candidates that contain it, times log₂ of its length, so a
//!   fragment that only ever occurs inside one longer term scores ~0.
//! - **Boundary entropy**: the entropy of the token just before and just
//!   after each occurrence (punctuation counts as a token); a term is used in
//!   varied contexts, a fragment of a longer phrase is not.
//! - **Cohesion**: pointwise mutual information of the parts, averaged over
//!   the joins, squashed to (0, 1) so free combinations of common words
//!   (`经济 增长`) weigh less than bound compounds (`压力 测试`).
//!
//! [`tfidf_keywords`] runs jieba's TF-IDF keyword extraction over the same
//! documents, for comparison.
//!
//! The stage is pure and deterministic: the same documents give
//! byte-identical output, whatever the hash seeds, the batching or the
//! merge order; once `max_entries` forces pruning, the same batches merged
//! in the same order ([`Discovery::accumulate`]) still do.

use std::collections::hash_map::Entry as MapEntry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicUsize, Ordering};

use jieba_rs::{Jieba, Tag};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::document::repair::is_han;

/// A string that behaves like a concept, with the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The term as printed, e.g. `要素流动型开放`.
    pub label: String,
    /// Occurrences in the corpus (as a candidate-shaped run of segments).
    pub frequency: usize,
    /// Number of documents it occurs in.
    pub document_frequency: usize,
    /// Termhood; candidates are ranked by it, highest first.
    pub score: f64,
    /// A short context line containing the term: its first occurrence in
    /// the lowest-numbered document it occurs in.
    pub example: String,
    /// Index of the document the example comes from.
    pub example_doc: usize,
}

/// Thresholds and limits of discovery.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscoveryConfig {
    /// Fewest occurrences a candidate needs.
    pub min_frequency: usize,
    /// Fewest documents a candidate must occur in.
    pub min_document_frequency: usize,
    /// Fewest Han characters in a candidate.
    pub min_chars: usize,
    /// Most Han characters in a candidate.
    pub max_chars: usize,
    /// Most jieba segments in a candidate (at least 2 are always required,
    /// at most 6 are possible).
    pub max_parts: usize,
    /// Most distinct candidate strings held at once; beyond it the rarest
    /// are dropped (see [`Discovery::add_document`]).
    pub max_entries: usize,
    /// Whether jieba may use its HMM for words missing from its dictionary.
    pub hmm: bool,
}

impl Default for DiscoveryConfig {
    fn default() -> Self {
        DiscoveryConfig {
            min_frequency: 3,
            min_document_frequency: 2,
            min_chars: 3,
            max_chars: 10,
            max_parts: 4,
            max_entries: 500_000,
            hmm: true,
        }
    }
}

/// Context id for "paragraph starts here".
const PARAGRAPH_START: u32 = u32::MAX;
/// Context id for "paragraph ends here".
const PARAGRAPH_END: u32 = u32::MAX - 1;
/// Documents per batch in [`Discovery::accumulate`].
pub const BATCH: usize = 64;
/// Most segments a candidate can have, whatever the configuration.
const MAX_PARTS: usize = 6;
/// Longest example line, in characters.
const EXAMPLE_CHARS: usize = 40;

/// The streaming accumulator of candidate statistics.
///
/// Feed documents with [`Discovery::add_document`] (or pre-tagged text with
/// [`Discovery::add_tagged`]), combine workers with [`Discovery::merge`] and
/// rank with [`Discovery::finish`]. Memory grows with the number of distinct
/// candidate strings, which [`DiscoveryConfig::max_entries`] caps.
///
/// For parallel use, [`Discovery::accumulate`] cuts the documents into
/// fixed batches and counts each as if accumulated in its own `Discovery`
/// and merged, in batch order: then even pruning happens at the same
/// points on every run. Without pruning, any partition and merge order
/// gives the same result.
///
/// Layout: a candidate string is interned in `labels`, and its id indexes
/// `entries`; the contexts of all example lines lie end to end in
/// `examples`. So an entry costs no allocation of its own (unless seen in
/// several contexts), and pruning compacts a few large buffers in place.
#[derive(Debug, Clone)]
pub struct Discovery {
    config: DiscoveryConfig,
    vocabulary: Vocabulary,
    /// The candidate strings; the id of a string is its index in `entries`.
    labels: Interner,
    entries: Vec<Entry>,
    /// The contexts of the example lines, end to end; [`Entry::example`]
    /// says where each lies.
    examples: Vec<u16>,
    prunes: usize,
}

impl Discovery {
    /// An empty accumulator.
    pub fn new(config: DiscoveryConfig) -> Self {
        Discovery {
            config,
            vocabulary: Vocabulary::default(),
            labels: Interner::default(),
            entries: Vec::new(),
            examples: Vec::new(),
            prunes: 0,
        }
    }

    /// Accumulates many documents on rayon's thread pool: `texts` gives the
    /// paragraphs of item `i` (document `i`), or `None` to skip it. Items
    /// are cut into fixed batches of [`BATCH`], each counted on its own and
    /// merged in batch order, so the result, pruning included, is the same
    /// whatever the number of threads or their scheduling.
    ///
    /// Each of rayon's threads takes the next batch not yet taken, tags it
    /// and cuts it into occurrences (`Batch::tag`); a thread of its own
    /// counts the tagged batches in batch order (`Discovery::add_batch`).
    /// Tagged batches wait in a queue that holds one per thread (plus any
    /// that arrive before their turn); when it is full, taggers wait.
    pub fn accumulate<T, F>(
        config: &DiscoveryConfig,
        items: &[T],
        segmenter: &Jieba,
        texts: F,
    ) -> Discovery
    where
        T: Sync,
        F: Fn(usize, &T) -> Option<Vec<String>> + Sync,
    {
        let threads = rayon::current_num_threads().max(1);
        let untaken = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Batch)>(threads);
            let counter = std::thread::Builder::new()
                .name("discovery counter".into())
                .spawn_scoped(scope, move || {
                    let mut total = Discovery::new(config.clone());
                    // Batches tagged before their turn to be counted.
                    let mut early = BTreeMap::new();
                    let mut turn = 0;
                    for (index, batch) in receive {
                        early.insert(index, batch);
                        while let Some(batch) = early.remove(&turn) {
                            total.add_batch(batch);
                            turn += 1;
                        }
                    }
                    total
                })
                .expect("a thread can be started");
            rayon::scope(|tagging| {
                for _ in 0..threads {
                    let send = send.clone();
                    let (untaken, texts) = (&untaken, &texts);
                    tagging.spawn(move |_| loop {
                        let index = untaken.fetch_add(1, Ordering::Relaxed);
                        let first = index * BATCH;
                        if first >= items.len() {
                            break;
                        }
                        let batch = &items[first..(first + BATCH).min(items.len())];
                        let tagged = Batch::tag(config, first, batch, segmenter, texts);
                        if send.send((index, tagged)).is_err() {
                            break; // the counter panicked: see below
                        }
                    });
                }
            });
            drop(send);
            counter
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Segments and tags every paragraph of document `doc` with `segmenter`
    /// and records its candidates. A document must arrive in one call, or in
    /// consecutive calls with the same `doc`, for document frequencies to be
    /// right. When more than `max_entries` strings are held, those seen
    /// least often are dropped until half the limit remains.
    pub fn add_document(&mut self, doc: usize, paragraphs: &[&str], segmenter: &Jieba) {
        for paragraph in paragraphs {
            let tags = segmenter.tag(paragraph, self.config.hmm);
            self.add_tagged(doc, paragraph, &tags);
        }
    }

    /// Records the candidates of one paragraph of document `doc` that was
    /// tagged elsewhere. `tags` must cover `paragraph` in order, their byte
    /// offsets pointing into it, as [`Jieba::tag`] returns them. A segment
    /// with an empty tag (a word added to jieba without one, such as a
    /// lexicon label) counts as a proper noun.
    pub fn add_tagged(&mut self, doc: usize, paragraph: &str, tags: &[Tag<'_>]) {
        let ids = self.vocabulary.observe_paragraph(tags);
        for found in find_candidates(&self.config, tags) {
            self.record(&found.occurrence(doc, paragraph, &ids));
        }
        self.prune_if_full();
    }

    /// Counts a batch tagged by [`Batch::tag`], as if its documents had
    /// been fed to a new `Discovery` and merged into `self`.
    ///
    /// That batch accumulator would prune only after a paragraph that left
    /// it holding more than `max_entries` strings, which takes more
    /// occurrences than that. A batch with fewer is therefore counted
    /// straight into `self`, then pruned as a merge would; a bigger one
    /// goes the long way round.
    fn add_batch(&mut self, mut batch: Batch) {
        if batch.occurrences > self.config.max_entries {
            let mut part = Discovery::new(self.config.clone());
            part.vocabulary = batch.vocabulary;
            for paragraph in &batch.paragraphs {
                part.count(paragraph);
                part.prune_if_full();
            }
            self.merge(part);
            return;
        }
        let remap = self.vocabulary.absorb(batch.vocabulary);
        for paragraph in &mut batch.paragraphs {
            for id in &mut paragraph.ids {
                *id = remap[*id as usize];
            }
            self.count(paragraph);
        }
        self.prune_if_full();
    }

    /// Records the candidates found in a paragraph of a batch, whose token
    /// ids are those of `self.vocabulary`.
    fn count(&mut self, paragraph: &TaggedParagraph) {
        for found in &paragraph.found {
            self.record(&found.occurrence(paragraph.doc, &paragraph.text, &paragraph.ids));
        }
    }

    /// Adds everything `other` accumulated, as if its documents had been
    /// fed to `self`. Documents must not occur in both.
    pub fn merge(&mut self, other: Discovery) {
        let remap = self.vocabulary.absorb(other.vocabulary);
        self.prunes += other.prunes;
        for (id, mut entry) in other.entries.into_iter().enumerate() {
            entry.remap(&remap);
            match self.labels.insert(other.labels.resolve(id as u32)) {
                (_, true) => {
                    entry.example = entry.example.copy(&other.examples, &mut self.examples);
                    self.entries.push(entry);
                }
                (mine, false) => {
                    self.entries[mine as usize].absorb(entry, &other.examples, &mut self.examples)
                }
            }
        }
        self.prune_if_full();
    }

    /// Number of distinct candidate strings held now.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing has been recorded yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many times the rarest strings were dropped to stay within
    /// `max_entries` (0 means the counts are exact).
    pub fn prunes(&self) -> usize {
        self.prunes
    }

    /// Ranks the candidates: highest score first, ties by label. Drops
    /// those below the frequency thresholds; labels in `known` (the curated
    /// lexicon) or `stoplist`; generic combinations: strings spelled only
    /// by stoplist words however they are cut (`经济社会`, `国家发展`), a
    /// stoplist word plus one character (`新技术`), or a predicate with a
    /// stoplist word at either end (`推动品牌建设`, `大力推进`); phrases built
    /// around a term: a verb and its object (`抗击疫情`), a predicate before
    /// a term (`应对外部环境变化`), a term before a verb, a known label with a
    /// stoplist word attached (`深化供给侧结构性改革`, `疫情防控工作`); the
    /// junk of news prose ([`junk`]: verbs with their objects, clauses,
    /// company names, titles, datelines, determiner phrases); and
    /// fragments that score 0 (seen in one context only, or only inside one
    /// longer term).
    pub fn finish(self, known: &HashSet<String>, stoplist: &HashSet<String>) -> Vec<Candidate> {
        let judge = Judge {
            discovery: &self,
            known,
            stoplist,
        };
        // phrases[id]: whether entry `id` is frequent and a phrase.
        let phrases: Vec<bool> = (0..self.len())
            .into_par_iter()
            .map(|id| {
                let (label, entry) = self.at(id);
                self.is_frequent(entry) && judge.is_phrase(label, entry)
            })
            .collect();
        let nesting = nesting(&self, &phrases);
        let mut candidates: Vec<Candidate> = (0..self.len())
            .into_par_iter()
            .filter_map(|id| {
                let (label, entry) = self.at(id);
                if !self.is_frequent(entry)
                    || phrases[id]
                    || known.contains(label)
                    || stoplist.contains(label)
                    || judge.is_generic(label, entry)
                {
                    return None;
                }
                let score = score(&self.measure(label, entry, &nesting[id]));
                let example = || entry.example.line(&self.examples, label);
                (score > 0.0).then(|| entry.candidate(label, score, example()))
            })
            .collect();
        rank(&mut candidates);
        candidates
    }

    /// Entry `id` with its string.
    fn at(&self, id: usize) -> (&str, &Entry) {
        (self.labels.resolve(id as u32), &self.entries[id])
    }

    /// The entry of a string, if it is held.
    fn entry(&self, label: &str) -> Option<&Entry> {
        self.labels.get(label).map(|id| &self.entries[id as usize])
    }

    /// Counts one occurrence of a candidate.
    fn record(&mut self, occurrence: &Occurrence<'_>) {
        let label = &occurrence.text[occurrence.span.clone()];
        let (id, new) = self.labels.insert(label);
        if new {
            self.entries
                .push(Entry::new(occurrence, &mut self.examples));
        }
        let entry = &mut self.entries[id as usize];
        if !new && occurrence.doc < entry.example_doc {
            entry.take_example(occurrence, &mut self.examples);
        }
        entry.count(occurrence);
    }

    /// Drops the rarest strings when more than `max_entries` are held:
    /// first those seen once, then twice, … until at most half remain.
    fn prune_if_full(&mut self) {
        if self.entries.len() <= self.config.max_entries {
            return;
        }
        self.prunes += 1;
        let mut floor = 1;
        while self.entries.iter().filter(|e| e.frequency > floor).count()
            > self.config.max_entries / 2
        {
            floor += 1;
        }
        self.retain(|entry| entry.frequency > floor);
    }

    /// Keeps the entries `keep` accepts, in id order. Compacts the
    /// buffers in place, so pruning needs little memory beyond what is
    /// held; example lines replaced by earlier ones go too.
    fn retain(&mut self, keep: impl Fn(&Entry) -> bool) {
        let kept: Vec<bool> = self.entries.iter().map(keep).collect();
        self.labels.retain(|id| kept[id as usize]);
        let mut id = 0;
        self.entries.retain(|_| {
            id += 1;
            kept[id - 1]
        });
        compact(
            &mut self.examples,
            self.entries.iter_mut().map(|entry| &mut entry.example),
        );
    }

    /// Whether an entry meets the frequency thresholds.
    fn is_frequent(&self, entry: &Entry) -> bool {
        entry.frequency as usize >= self.config.min_frequency
            && entry.document_frequency as usize >= self.config.min_document_frequency
    }

    /// The termhood measures of one candidate.
    fn measure(&self, label: &str, entry: &Entry, nested_in: &Nesting) -> Measures {
        let chars = label.chars().count();
        Measures {
            c_value: c_value(chars, entry.frequency, Some(nested_in)),
            boundary: entry.left.entropy().min(entry.right.entropy()),
            cohesion: cohesion(self.pmi(label, entry)),
        }
    }

    /// Average pointwise mutual information per join between the parts:
    /// `(ln f(term) + (k−1)·ln N − Σ ln f(part)) / (k−1)`.
    fn pmi(&self, label: &str, entry: &Entry) -> f64 {
        let joins = (entry.parts.len() - 1) as f64;
        let total = (self.vocabulary.total as f64).ln();
        let parts: f64 = entry
            .parts
            .words(label)
            .map(|word| (self.vocabulary.count(word) as f64).ln())
            .sum();
        ((entry.frequency as f64).ln() + joins * total - parts) / joins
    }
}

/// The rules that decide, at the end, which frequent entries are not
/// concepts; each rule is one method.
struct Judge<'a> {
    discovery: &'a Discovery,
    known: &'a HashSet<String>,
    stoplist: &'a HashSet<String>,
}

impl Judge<'_> {
    /// A generic combination: a string of stoplist words only, however
    /// it is cut (`经济社会`, `国家发展`); a stoplist word with one more
    /// character (`新技术`, `中国人`); or led by a predicate with a stoplist
    /// word at either end (`推动品牌建设`, `吸引全球`, `不同国家`).
    fn is_generic(&self, label: &str, entry: &Entry) -> bool {
        is_made_of(label, self.stoplist)
            || self.is_affixed_stop(label)
            || self.is_generic_predicate(label, entry)
            || junk::is_junk(&entry.parts.words(label).collect::<Vec<_>>())
    }

    /// A phrase around a term rather than a term: a verb and its object
    /// (`抗击疫情`); a predicate before a term (`应对外部环境变化`); a term
    /// before a verb (`习近平总书记指出`); a known label with a stoplist word
    /// before or after it (`深化供给侧结构性改革`, `疫情防控工作`). A term is
    /// a known label or a frequent entry. A stoplist word next to a term
    /// that is not a known label is kept: that is how new compounds grow
    /// (`国际高标准经贸规则`).
    fn is_phrase(&self, label: &str, entry: &Entry) -> bool {
        let first = entry.parts.first(label);
        let last = entry.parts.last(label);
        let rest = &label[first.len()..];
        let head = &label[..label.len() - last.len()];
        is_mostly(entry.verb_object, entry)
            || (self.is_predicate_led(label, entry) && self.is_term(rest))
            || (is_mostly(entry.verb_last, entry) && self.is_term(head))
            || (self.is_stop(first) && self.known.contains(rest))
            || (self.is_stop(last) && self.known.contains(head))
            || self.is_clause(label, entry)
            || junk::is_personal_name(label, is_mostly(entry.surname_first, entry))
            || is_mostly(entry.named_before, entry)
    }

    /// A verb with its object or a subject with its verb, by the corpus's
    /// own use of the words ([`junk`]): `防控疫情` next to `疫情防控`,
    /// `抗击疫情`, `疫情影响` (in `受疫情影响`).
    fn is_clause(&self, label: &str, entry: &Entry) -> bool {
        let words: Vec<&str> = entry.parts.words(label).collect();
        let vocabulary = &self.discovery.vocabulary;
        let share = |word: &str| vocabulary.predicate_share(word);
        junk::is_inverted_term(&words, |s| self.is_term(s))
            || junk::is_verb_object(&words, share)
            || junk::is_predicate_final(&words, share)
            || junk::is_subject_predicate(&words, is_mostly(entry.framed, entry), share)
    }

    /// A stoplist word with one character before or after it.
    fn is_affixed_stop(&self, label: &str) -> bool {
        let mut chars = label.chars();
        let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
            return false;
        };
        self.is_stop(&label[first.len_utf8()..])
            || self.is_stop(&label[..label.len() - last.len_utf8()])
    }

    /// Led by a predicate, with a stoplist word first or last.
    fn is_generic_predicate(&self, label: &str, entry: &Entry) -> bool {
        let first = entry.parts.first(label);
        let last = entry.parts.last(label);
        self.is_predicate_led(label, entry) && (self.is_stop(first) || self.is_stop(last))
    }

    /// Mostly led by a predicate: its first part was tagged as one, or is
    /// a word that mostly comes right before a verb.
    fn is_predicate_led(&self, label: &str, entry: &Entry) -> bool {
        is_mostly(entry.verb_first, entry)
            || self
                .discovery
                .vocabulary
                .is_adverbial(entry.parts.first(label))
    }

    /// A known label or a frequent entry.
    fn is_term(&self, s: &str) -> bool {
        self.known.contains(s)
            || self
                .discovery
                .entry(s)
                .is_some_and(|e| self.discovery.is_frequent(e))
    }

    /// A stoplist word.
    fn is_stop(&self, word: &str) -> bool {
        self.stoplist.contains(word)
    }
}

/// One place where a candidate-shaped run of segments occurs.
struct Occurrence<'a> {
    doc: usize,
    parts: Parts,
    left: u32,
    right: u32,
    signs: Signs,
    text: &'a str,
    span: std::ops::Range<usize>,
}

/// What the tags around one occurrence say of its grammar; an [`Entry`]
/// counts each over all occurrences of its string.
#[derive(Debug, Clone, Copy)]
struct Signs {
    /// The first part was tagged as a predicate ([`is_predicate`]).
    verb_first: bool,
    /// The last part was tagged as a verb.
    verb_last: bool,
    /// A verb and its object ([`is_verb_object`]).
    verb_object: bool,
    /// Right after a preposition or a passive marker ([`is_frame`]).
    framed: bool,
    /// Opened by a surname ([`is_surname`]).
    surname_first: bool,
    /// Right after a proper name ([`is_proper_name`]).
    named_before: bool,
}

/// A batch of documents tagged on a worker thread for
/// [`Discovery::accumulate`]: the tokens of its own vocabulary and every
/// candidate occurrence found, waiting to be counted in batch order by
/// [`Discovery::add_batch`].
struct Batch {
    vocabulary: Vocabulary,
    paragraphs: Vec<TaggedParagraph>,
    /// Occurrences found in all paragraphs.
    occurrences: usize,
}

/// A paragraph of a [`Batch`].
struct TaggedParagraph {
    doc: usize,
    text: String,
    /// The paragraph's tokens, as vocabulary ids.
    ids: Vec<u32>,
    found: Vec<Found>,
}

impl Batch {
    /// Tags the documents of `items`, the first being document `first`,
    /// and finds their candidates.
    fn tag<T, F>(
        config: &DiscoveryConfig,
        first: usize,
        items: &[T],
        segmenter: &Jieba,
        texts: &F,
    ) -> Batch
    where
        F: Fn(usize, &T) -> Option<Vec<String>>,
    {
        let mut batch = Batch {
            vocabulary: Vocabulary::default(),
            paragraphs: Vec::new(),
            occurrences: 0,
        };
        for (i, item) in items.iter().enumerate() {
            let doc = first + i;
            for text in texts(doc, item).into_iter().flatten() {
                let tags = segmenter.tag(&text, config.hmm);
                let ids = batch.vocabulary.observe_paragraph(&tags);
                let found = find_candidates(config, &tags);
                drop(tags); // they borrow `text`, which the batch keeps
                batch.occurrences += found.len();
                batch.paragraphs.push(TaggedParagraph {
                    doc,
                    text,
                    ids,
                    found,
                });
            }
        }
        batch
    }
}

/// A candidate-shaped run of segments in a tagged paragraph, before it
/// is counted.
#[derive(Debug, Clone)]
struct Found {
    /// The segments, `first..end` as indices into the paragraph's tags.
    first: u32,
    end: u32,
    /// Byte offsets of the run in the paragraph: `start..stop`.
    start: u32,
    stop: u32,
    parts: Parts,
    signs: Signs,
}

impl Found {
    /// The occurrence in document `doc`, paragraph `text`, whose tokens
    /// have vocabulary ids `ids`.
    fn occurrence<'a>(&self, doc: usize, text: &'a str, ids: &'a [u32]) -> Occurrence<'a> {
        let (first, end) = (self.first as usize, self.end as usize);
        Occurrence {
            doc,
            parts: self.parts,
            left: first.checked_sub(1).map_or(PARAGRAPH_START, |i| ids[i]),
            right: ids.get(end).copied().unwrap_or(PARAGRAPH_END),
            signs: self.signs,
            text,
            span: self.start as usize..self.stop as usize,
        }
    }
}

/// The candidate-shaped runs of segments in a tagged paragraph, in order:
/// 2 to `max_parts` segments inside one clause, `min_chars` to
/// `max_chars` long, of [`is_candidate_shape`].
fn find_candidates(config: &DiscoveryConfig, tags: &[Tag<'_>]) -> Vec<Found> {
    let segments: Vec<Segment> = tags.iter().map(Segment::of).collect();
    let longest = config.max_parts.min(MAX_PARTS);
    let index = |i: usize| u32::try_from(i).expect("paragraphs are under 4 GiB");
    let mut found = Vec::new();
    for clause in clauses(tags) {
        for start in clause.clone() {
            // Characters of tags[start..end], grown one segment at a time.
            let mut chars = tags[start].end - tags[start].start;
            for end in start + 2..=(start + longest).min(clause.end) {
                chars += tags[end - 1].end - tags[end - 1].start;
                if chars > config.max_chars {
                    break;
                }
                let parts = &segments[start..end];
                if chars < config.min_chars || !has_candidate_shape(parts) {
                    continue;
                }
                found.push(Found {
                    first: index(start),
                    end: index(end),
                    start: index(tags[start].byte_start),
                    stop: index(tags[end - 1].byte_end),
                    parts: Parts::new(&tags[start..end]),
                    signs: Signs {
                        verb_first: parts[0].predicate,
                        verb_last: parts[parts.len() - 1].verb,
                        verb_object: is_verb_object(parts),
                        framed: start > 0 && is_frame(&tags[start - 1]),
                        surname_first: parts[0].surname,
                        named_before: start > 0 && is_proper_name(&tags[start - 1]),
                    },
                });
            }
        }
    }
    found
}

/// What is known about one candidate string.
#[derive(Debug, Clone)]
struct Entry {
    frequency: u32,
    document_frequency: u32,
    /// Occurrences whose first part was tagged as a predicate (verb,
    /// adverb, two-character adjective).
    verb_first: u32,
    /// Occurrences whose last part was tagged as a verb.
    verb_last: u32,
    /// Occurrences tagged as a verb and its object ([`is_verb_object`]).
    verb_object: u32,
    /// Occurrences right after a preposition or a passive marker
    /// ([`is_frame`]).
    framed: u32,
    /// Occurrences opened by a surname ([`is_surname`]).
    surname_first: u32,
    /// Occurrences right after a proper name ([`is_proper_name`]).
    named_before: u32,
    /// The last document counted, for document frequency.
    last_doc: usize,
    /// How the first occurrence was segmented.
    parts: Parts,
    left: Contexts,
    right: Contexts,
    /// Where the example line lies in [`Discovery::examples`].
    example: Example,
    example_doc: usize,
}

impl Entry {
    /// A new entry with no counts, its example taken from `occurrence`
    /// and written to `examples`.
    fn new(occurrence: &Occurrence<'_>, examples: &mut Vec<u16>) -> Entry {
        Entry {
            frequency: 0,
            document_frequency: 0,
            verb_first: 0,
            verb_last: 0,
            verb_object: 0,
            framed: 0,
            surname_first: 0,
            named_before: 0,
            last_doc: usize::MAX,
            parts: occurrence.parts,
            left: Contexts::default(),
            right: Contexts::default(),
            example: Example::write(examples, occurrence.text, occurrence.span.clone()),
            example_doc: occurrence.doc,
        }
    }

    /// Takes the example and segmentation of an occurrence from an
    /// earlier document than the current example's, writing the line to
    /// `examples`.
    fn take_example(&mut self, occurrence: &Occurrence<'_>, examples: &mut Vec<u16>) {
        self.parts = occurrence.parts;
        self.example = Example::write(examples, occurrence.text, occurrence.span.clone());
        self.example_doc = occurrence.doc;
    }

    /// Counts one occurrence.
    fn count(&mut self, occurrence: &Occurrence<'_>) {
        self.frequency += 1;
        let signs = occurrence.signs;
        self.verb_first += u32::from(signs.verb_first);
        self.verb_last += u32::from(signs.verb_last);
        self.verb_object += u32::from(signs.verb_object);
        self.framed += u32::from(signs.framed);
        self.surname_first += u32::from(signs.surname_first);
        self.named_before += u32::from(signs.named_before);
        if self.last_doc != occurrence.doc {
            self.document_frequency += 1;
            self.last_doc = occurrence.doc;
        }
        self.left.add(occurrence.left, 1);
        self.right.add(occurrence.right, 1);
    }

    /// Adds the counts of the same string from another accumulator, whose
    /// examples are in `theirs`; the example from the earlier document
    /// wins, and is then copied to `ours`.
    fn absorb(&mut self, other: Entry, theirs: &[u16], ours: &mut Vec<u16>) {
        self.frequency += other.frequency;
        self.document_frequency += other.document_frequency;
        self.verb_first += other.verb_first;
        self.verb_last += other.verb_last;
        self.verb_object += other.verb_object;
        self.framed += other.framed;
        self.surname_first += other.surname_first;
        self.named_before += other.named_before;
        self.last_doc = self.last_doc.max(other.last_doc);
        self.left.absorb(&other.left);
        self.right.absorb(&other.right);
        if other.example_doc < self.example_doc {
            self.parts = other.parts;
            self.example = other.example.copy(theirs, ours);
            self.example_doc = other.example_doc;
        }
    }

    /// Rewrites vocabulary ids after a merge.
    fn remap(&mut self, remap: &[u32]) {
        self.left.remap(remap);
        self.right.remap(remap);
    }

    /// The public view of this entry, whose example line is `example`.
    fn candidate(&self, label: &str, score: f64, example: String) -> Candidate {
        Candidate {
            label: label.to_string(),
            frequency: self.frequency as usize,
            document_frequency: self.document_frequency as usize,
            score,
            example,
            example_doc: self.example_doc,
        }
    }
}

/// How a candidate was segmented: the byte length of each segment (at
/// most [`MAX_PARTS`]), which cut its label into the words it was tagged
/// as. Lengths rather than vocabulary ids, so an entry needs no rewriting
/// when it moves to another accumulator.
#[derive(Debug, Clone, Copy)]
struct Parts {
    lens: [u16; MAX_PARTS],
    len: u8,
}

impl Parts {
    /// The segmentation of a run of tags (the first [`MAX_PARTS`]).
    fn new(tags: &[Tag<'_>]) -> Parts {
        let mut parts = Parts {
            lens: [0; MAX_PARTS],
            len: tags.len().min(MAX_PARTS) as u8,
        };
        for (len, tag) in parts.lens.iter_mut().zip(tags) {
            *len = u16::try_from(tag.word.len()).expect("a candidate's segments are short");
        }
        parts
    }

    /// Number of segments.
    fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// The words of `label`, cut as this segmentation says.
    fn words<'a>(&self, label: &'a str) -> impl Iterator<Item = &'a str> {
        let lens = self.lens;
        lens.into_iter()
            .take(self.len())
            .scan(0, move |start, len| {
                let word = &label[*start..*start + usize::from(len)];
                *start += usize::from(len);
                Some(word)
            })
    }

    /// The first word of `label`.
    fn first<'a>(&self, label: &'a str) -> &'a str {
        &label[..usize::from(self.lens[0])]
    }

    /// The last word of `label`.
    fn last<'a>(&self, label: &'a str) -> &'a str {
        &label[label.len() - usize::from(self.lens[self.len() - 1])..]
    }
}

/// Counts of the tokens seen on one side of a candidate, sorted by id.
/// Most candidates are seen once, so a single context is kept inline.
#[derive(Debug, Clone, Default)]
enum Contexts {
    #[default]
    Empty,
    One((u32, u32)),
    Many(Vec<(u32, u32)>),
}

impl Contexts {
    /// Adds `n` sightings of token `id`.
    fn add(&mut self, id: u32, n: u32) {
        match self {
            Contexts::Empty => *self = Contexts::One((id, n)),
            Contexts::One((seen, count)) if *seen == id => *count += n,
            Contexts::One(pair) => {
                let mut many = vec![*pair, (id, n)];
                many.sort_unstable();
                *self = Contexts::Many(many);
            }
            Contexts::Many(many) => match many.binary_search_by_key(&id, |(key, _)| *key) {
                Ok(i) => many[i].1 += n,
                Err(i) => many.insert(i, (id, n)),
            },
        }
    }

    /// The (token id, count) pairs, sorted by id.
    fn pairs(&self) -> &[(u32, u32)] {
        match self {
            Contexts::Empty => &[],
            Contexts::One(pair) => std::slice::from_ref(pair),
            Contexts::Many(many) => many.as_slice(),
        }
    }

    /// Adds all sightings of `other`.
    fn absorb(&mut self, other: &Contexts) {
        for (id, n) in other.pairs() {
            self.add(*id, *n);
        }
    }

    /// Rewrites token ids after a merge (paragraph bounds keep theirs).
    fn remap(&mut self, remap: &[u32]) {
        let new_id = |id: u32| match id {
            PARAGRAPH_START | PARAGRAPH_END => id,
            _ => remap[id as usize],
        };
        match self {
            Contexts::Empty => {}
            Contexts::One((id, _)) => *id = new_id(*id),
            Contexts::Many(many) => {
                for (id, _) in many.iter_mut() {
                    *id = new_id(*id);
                }
                many.sort_unstable();
            }
        }
    }

    /// Shannon entropy (nats) of the token distribution. Counts are summed
    /// in sorted order, so the float result does not depend on token ids.
    fn entropy(&self) -> f64 {
        let mut counts: Vec<u32> = self.pairs().iter().map(|(_, n)| *n).collect();
        counts.sort_unstable();
        let total: f64 = counts.iter().map(|n| f64::from(*n)).sum();
        counts
            .iter()
            .map(|n| {
                let p = f64::from(*n) / total;
                -p * p.ln()
            })
            .sum()
    }
}

/// Every token seen, with its count, for cohesion.
#[derive(Debug, Clone, Default)]
struct Vocabulary {
    /// The distinct tokens; a token's id indexes `counts` and `before_verb`.
    words: Interner,
    counts: Vec<u64>,
    /// How often each word came right before a verb.
    before_verb: Vec<u64>,
    /// How often each word came right after an adverb, a preposition or
    /// a modal auxiliary ([`is_predicate_marker`]), as predicates do.
    after_marker: Vec<u64>,
    total: u64,
}

impl Vocabulary {
    /// Counts the tokens of a tagged paragraph and returns their ids.
    fn observe_paragraph(&mut self, tags: &[Tag<'_>]) -> Vec<u32> {
        let ids: Vec<u32> = tags.iter().map(|t| self.observe(t.word)).collect();
        for (id, next) in ids.iter().zip(tags.iter().skip(1)) {
            if next.tag == "v" {
                self.before_verb[*id as usize] += 1;
            }
        }
        for (previous, id) in tags.iter().zip(ids.iter().skip(1)) {
            if is_predicate_marker(previous) {
                self.after_marker[*id as usize] += 1;
            }
        }
        ids
    }

    /// Counts one sighting of `word` and returns its id.
    fn observe(&mut self, word: &str) -> u32 {
        let id = self.intern(word);
        self.counts[id as usize] += 1;
        self.total += 1;
        id
    }

    /// The id of `word`, added with count 0 if new.
    fn intern(&mut self, word: &str) -> u32 {
        let (id, new) = self.words.insert(word);
        if new {
            self.counts.push(0);
            self.before_verb.push(0);
            self.after_marker.push(0);
        }
        id
    }

    /// The id of a word seen.
    fn id(&self, word: &str) -> usize {
        self.words
            .get(word)
            .expect("the words of candidates were seen") as usize
    }

    /// How often a word was seen.
    fn count(&self, word: &str) -> u64 {
        self.counts[self.id(word)]
    }

    /// Adds the counts of `other` and returns, for each of its ids, the id
    /// the same word has here.
    fn absorb(&mut self, other: Vocabulary) -> Vec<u32> {
        self.total += other.total;
        (0..other.words.len())
            .map(|i| {
                let id = self.intern(other.words.resolve(i as u32)) as usize;
                self.counts[id] += other.counts[i];
                self.before_verb[id] += other.before_verb[i];
                self.after_marker[id] += other.after_marker[i];
                id as u32
            })
            .collect()
    }

    /// Whether a word mostly comes right before a verb, as adverbials do
    /// (`大力`, `着力`, which jieba tags as nouns), once seen often enough
    /// to tell.
    fn is_adverbial(&self, word: &str) -> bool {
        let id = self.id(word);
        let (count, before) = (self.counts[id], self.before_verb[id]);
        count >= 5 && 2 * before > count
    }

    /// The share of a word's occurrences that come right after an
    /// adverb, a preposition or a modal auxiliary (`坚决抗击`,
    /// `为抗击`, `要做好`), as predicates do and nouns that modify a head
    /// (`数字`, `营商`) seldom do; 0 for a word seen fewer than 5 times.
    fn predicate_share(&self, word: &str) -> f64 {
        let id = self.id(word);
        let (count, after) = (self.counts[id], self.after_marker[id]);
        if count < 5 {
            return 0.0;
        }
        after as f64 / count as f64
    }
}

/// Distinct strings numbered 0, 1, 2, … in the order they were first
/// inserted, stored end to end in one buffer rather than one allocation
/// each.
///
/// A string is found through `by_hash`, a map from its 64-bit hash to
/// where it is held, so a lookup compares hashes and then one string: each
/// string in `text` is followed by an [`END`] byte, which UTF-8 never uses,
/// so its start is enough to compare it. Two different strings with the
/// same hash are possible but vanishingly rare: the later one goes to
/// `collisions`, a map keyed by the string itself.
#[derive(Debug, Clone, Default)]
struct Interner {
    /// The strings, each followed by [`END`].
    text: Vec<u8>,
    /// Where each string starts in `text`.
    starts: Vec<u32>,
    by_hash: FxHashMap<u64, Held>,
    collisions: FxHashMap<Box<str>, u32>,
}

/// The byte after each string of an [`Interner`].
const END: u8 = 0xFF;

/// A string held by an [`Interner`]: its id and where it starts.
#[derive(Debug, Clone, Copy)]
struct Held {
    id: u32,
    start: u32,
}

impl Interner {
    /// Number of strings held.
    fn len(&self) -> usize {
        self.starts.len()
    }

    /// The string of an id.
    fn resolve(&self, id: u32) -> &str {
        let id = id as usize;
        let start = self.starts[id] as usize;
        let next = self
            .starts
            .get(id + 1)
            .map_or(self.text.len(), |s| *s as usize);
        std::str::from_utf8(&self.text[start..next - 1]).expect("strings are held whole")
    }

    /// Whether `s` is the string `held` points to.
    fn holds(&self, held: Held, s: &str) -> bool {
        let start = held.start as usize;
        self.text
            .get(start..start + s.len() + 1)
            .is_some_and(|bytes| bytes[..s.len()] == *s.as_bytes() && bytes[s.len()] == END)
    }

    /// The id of `s`, if held.
    fn get(&self, s: &str) -> Option<u32> {
        let held = *self.by_hash.get(&hash(s))?;
        if self.holds(held, s) {
            Some(held.id)
        } else {
            self.collisions.get(s).copied()
        }
    }

    /// Keeps the strings whose id `keep` accepts, renumbered in order.
    fn retain(&mut self, mut keep: impl FnMut(u32) -> bool) {
        let mut by_hash = std::mem::take(&mut self.by_hash);
        by_hash.clear(); // but keeps its capacity
        let old = std::mem::replace(
            self,
            Interner {
                by_hash,
                ..Interner::default()
            },
        );
        for id in 0..old.len() as u32 {
            if keep(id) {
                self.insert(old.resolve(id));
            }
        }
    }

    /// The id of `s`, added if new; and whether it was.
    fn insert(&mut self, s: &str) -> (u32, bool) {
        let held = Held {
            id: u32::try_from(self.starts.len()).expect("fewer than 2³² distinct strings"),
            start: u32::try_from(self.text.len()).expect("fewer than 4 GiB of strings"),
        };
        match self.by_hash.entry(hash(s)) {
            MapEntry::Vacant(slot) => {
                slot.insert(held);
            }
            MapEntry::Occupied(slot) => {
                let other = *slot.get();
                if self.holds(other, s) {
                    return (other.id, false);
                }
                if let Some(id) = self.collisions.get(s) {
                    return (*id, false);
                }
                self.collisions.insert(s.into(), held.id);
            }
        }
        self.text.extend_from_slice(s.as_bytes());
        self.text.push(END);
        self.starts.push(held.start);
        (held.id, true)
    }
}

/// The 64-bit hash [`Interner`] files a string under.
fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// Where an entry's example line lies in a buffer of examples: the
/// context before the term, then the context after it, in UTF-16 (two
/// bytes a Han character rather than UTF-8's three). The term itself is
/// the entry's label; a `…` marks each side that was cut.
#[derive(Debug, Clone, Copy)]
struct Example {
    start: u32,
    /// Units before the term (at most `EXAMPLE_CHARS`, as characters may
    /// take two units and each side gets at most half the characters).
    before: u8,
    /// Units after the term.
    after: u8,
    cut_before: bool,
    cut_after: bool,
}

impl Example {
    /// Writes the context of the example line of the term at `span` in
    /// `text` ([`example_line`]) to the end of `buffer`.
    fn write(buffer: &mut Vec<u16>, text: &str, span: std::ops::Range<usize>) -> Example {
        let (before, after) = contexts(text, span);
        let start = buffer.len();
        push_utf16(buffer, before.text);
        let middle = buffer.len();
        push_utf16(buffer, after.text);
        let units = |n: usize| u8::try_from(n).expect("a context fits in `EXAMPLE_CHARS` units");
        Example {
            start: offset(start),
            before: units(middle - start),
            after: units(buffer.len() - middle),
            cut_before: before.cut,
            cut_after: after.cut,
        }
    }

    /// Number of units.
    fn len(&self) -> usize {
        usize::from(self.before) + usize::from(self.after)
    }

    /// The units in `buffer`.
    fn units<'a>(&self, buffer: &'a [u16]) -> &'a [u16] {
        &buffer[self.start as usize..self.start as usize + self.len()]
    }

    /// Copies the units from `from` to the end of `to`.
    fn copy(&self, from: &[u16], to: &mut Vec<u16>) -> Example {
        let start = to.len();
        to.extend_from_slice(self.units(from));
        Example {
            start: offset(start),
            ..*self
        }
    }

    /// The example line of `term`, its context being in `buffer`.
    fn line(&self, buffer: &[u16], term: &str) -> String {
        let (before, after) = self.units(buffer).split_at(usize::from(self.before));
        let decode = |units| String::from_utf16(units).expect("contexts are written whole");
        let (before, after) = (decode(before), decode(after));
        join_line(
            &Context {
                text: &before,
                cut: self.cut_before,
            },
            term,
            &Context {
                text: &after,
                cut: self.cut_after,
            },
        )
    }
}

/// Appends `s` to `buffer` in UTF-16 (a plain loop: `extend` with
/// `encode_utf16` is several times slower).
fn push_utf16(buffer: &mut Vec<u16>, s: &str) {
    buffer.reserve(s.len());
    for c in s.chars() {
        match u16::try_from(u32::from(c)) {
            Ok(unit) => buffer.push(unit),
            Err(_) => buffer.extend_from_slice(c.encode_utf16(&mut [0; 2])),
        }
    }
}

/// A position in a buffer of examples.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("fewer than 2³² units of examples")
}

/// Moves the `examples` to the start of `buffer`, in the order they lie
/// there, and drops everything else.
fn compact<'a>(buffer: &mut Vec<u16>, examples: impl Iterator<Item = &'a mut Example>) {
    let mut examples: Vec<&mut Example> = examples.collect();
    examples.sort_unstable_by_key(|example| example.start);
    let mut end = 0;
    for example in examples {
        let from = example.start as usize;
        buffer.copy_within(from..from + example.len(), end);
        example.start = offset(end);
        end += example.len();
    }
    buffer.truncate(end);
}

/// The longer candidates a candidate occurs in: how many, and the sum of
/// their frequencies.
#[derive(Debug, Clone, Copy, Default)]
struct Nesting {
    containers: u32,
    frequency: u64,
}

/// For each entry (by id), the frequent candidates that contain it. A
/// frequent entry counts as a container even when `finish` drops it (a
/// known label still explains the frequency of its fragments), unless it
/// is one of the `phrases` around a term (`应对外部环境变化` must not hide
/// `外部环境变化`); `phrases[id]` says whether entry `id` is one.
fn nesting(discovery: &Discovery, phrases: &[bool]) -> Vec<Nesting> {
    // (inner id, frequency of a container), found in parallel, summed after.
    let nested: Vec<(u32, u32)> = (0..discovery.len())
        .into_par_iter()
        .filter(|id| {
            let frequency = discovery.entries[*id].frequency as usize;
            frequency >= discovery.config.min_frequency && !phrases[*id]
        })
        .flat_map_iter(|id| {
            let (label, entry) = discovery.at(id);
            proper_substrings(label)
                .into_iter()
                .filter_map(move |inner| Some((discovery.labels.get(inner)?, entry.frequency)))
        })
        .collect();
    let mut nesting = vec![Nesting::default(); discovery.len()];
    for (inner, frequency) in nested {
        let slot = &mut nesting[inner as usize];
        slot.containers += 1;
        slot.frequency += u64::from(frequency);
    }
    nesting
}

/// Every distinct proper substring of `label` of at least two characters.
fn proper_substrings(label: &str) -> FxHashSet<&str> {
    let bounds: Vec<usize> = label
        .char_indices()
        .map(|(i, _)| i)
        .chain([label.len()])
        .collect();
    let chars = bounds.len() - 1;
    let mut found = FxHashSet::default();
    for from in 0..chars {
        for to in from + 2..=chars {
            if to - from < chars {
                found.insert(&label[bounds[from]..bounds[to]]);
            }
        }
    }
    found
}

/// The three termhood measures of a candidate.
#[derive(Debug, Clone, Copy)]
struct Measures {
    c_value: f64,
    boundary: f64,
    cohesion: f64,
}

/// The termhood score: C-value weighted by boundary entropy and cohesion.
fn score(m: &Measures) -> f64 {
    m.c_value * m.boundary * m.cohesion
}

/// C-value: `log₂(chars) · (f − mean frequency of its containers)`.
fn c_value(chars: usize, frequency: u32, nested_in: Option<&Nesting>) -> f64 {
    let own = f64::from(frequency);
    let explained = nested_in
        .filter(|n| n.containers > 0)
        .map_or(0.0, |n| n.frequency as f64 / f64::from(n.containers));
    (chars as f64).log2() * (own - explained).max(0.0)
}

/// Squashes PMI (nats) into (0, 1): a logistic centred on 2 nats, the
/// cohesion of a pair seen about 7 times more often than by chance.
fn cohesion(pmi: f64) -> f64 {
    1.0 / (1.0 + (2.0 - pmi).exp())
}

/// Sorts candidates by score, highest first, then by label.
fn rank(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.label.cmp(&b.label))
    });
}

/// The maximal runs of all-Han segments: candidates never cross
/// punctuation, digits, Latin letters or spaces.
fn clauses(tags: &[Tag<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, tag) in tags.iter().enumerate() {
        match (tag.word.chars().all(is_han), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(s..tags.len());
    }
    runs
}

/// Whether tagged segments may form a candidate: every part may stand in
/// a term, the head (last part) is noun-like, and no part is a lone
/// character that usually does grammar (`是`, `有`, `要`).
pub fn is_candidate_shape(parts: &[Tag<'_>]) -> bool {
    let parts: Vec<Segment> = parts.iter().map(Segment::of).collect();
    has_candidate_shape(&parts)
}

/// [`is_candidate_shape`] on segments already classified.
fn has_candidate_shape(parts: &[Segment]) -> bool {
    parts.len() >= 2
        && parts.iter().all(|p| p.term_part)
        && parts.iter().skip(1).all(|p| !p.lone_modifier)
        && parts.iter().all(|p| !p.lone_verb)
        && !parts[0].suffix
        && is_head(parts)
}

/// What the candidate rules ask of one tagged segment, answered once per
/// segment rather than once per run of segments that contains it.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// [`is_term_part`].
    term_part: bool,
    /// [`is_nominal`].
    nominal: bool,
    /// Tagged as a verb (`v`).
    verb: bool,
    /// Tagged as a suffix (`k`).
    suffix: bool,
    /// [`is_predicate`].
    predicate: bool,
    /// [`is_object`].
    object: bool,
    /// [`is_lone_verb`].
    lone_verb: bool,
    /// [`is_lone_modifier`].
    lone_modifier: bool,
    /// [`is_surname`].
    surname: bool,
}

impl Segment {
    /// Classifies a tagged segment.
    fn of(tag: &Tag<'_>) -> Segment {
        Segment {
            term_part: is_term_part(tag.tag),
            nominal: is_nominal(tag.tag),
            verb: tag.tag == "v",
            suffix: tag.tag == "k",
            predicate: is_predicate(tag),
            object: is_object(tag.tag),
            lone_verb: is_lone_verb(tag),
            lone_modifier: is_lone_modifier(tag),
            surname: is_surname(tag),
        }
    }
}

/// Tags that may occur inside a term: nouns of every kind, verbs and
/// verbal nouns, adjectives, distinguishing words (`新型`), idioms,
/// abbreviations, fixed expressions, suffixes (`型`), place and time nouns.
/// Not: particles (`的`), prepositions, conjunctions, pronouns, numerals,
/// measure words, adverbs, locatives, punctuation, nor full personal
/// names (`nrfg`, `nrt`: `习近平同志` names a person, not a concept). An
/// empty tag is a word added to the dictionary without a tag, such as a
/// lexicon label.
fn is_term_part(tag: &str) -> bool {
    const TAGS: &[&str] = &[
        "", "n", "nr", "ns", "nt", "nz", "ng", "v", "vn", "vg", "a", "an", "ag", "b", "i", "j",
        "l", "k", "s", "t",
    ];
    TAGS.contains(&tag)
}

/// Whether the last part can head a term: a noun, a verbal noun, or a verb
/// right after a noun (`科技 创新`, `精准 脱贫`: a noun modifying a
/// nominalised verb).
fn is_head(parts: &[Segment]) -> bool {
    let last = parts[parts.len() - 1];
    let before = parts[parts.len() - 2];
    last.nominal || (last.verb && before.nominal)
}

/// Noun-like tags, including an empty tag (an untagged dictionary word).
fn is_nominal(tag: &str) -> bool {
    const TAGS: &[&str] = &[
        "", "n", "nr", "ns", "nt", "nz", "ng", "vn", "an", "i", "j", "l",
    ];
    TAGS.contains(&tag)
}

/// Whether a part acts as a predicate when it leads a phrase: a verb, an
/// adverb or a two-character adjective (`坚定 实施`).
fn is_predicate(part: &Tag<'_>) -> bool {
    matches!(part.tag, "v" | "vd" | "vi" | "vg" | "d" | "ad")
        || (part.tag == "a" && part.end - part.start >= 2)
}

/// Whether `label` is a concatenation of two or more words of `words`
/// (`经济社会` = `经济` + `社会`), whatever jieba made of it.
pub fn is_made_of(label: &str, words: &HashSet<String>) -> bool {
    let bounds: Vec<usize> = label
        .char_indices()
        .map(|(i, _)| i)
        .chain([label.len()])
        .collect();
    // most[i]: most words that spell label[..bounds[i]], if any do.
    let mut most: Vec<Option<usize>> = vec![None; bounds.len()];
    most[0] = Some(0);
    for end in 1..bounds.len() {
        most[end] = (0..end)
            .filter(|start| words.contains(&label[bounds[*start]..bounds[end]]))
            .filter_map(|start| most[start].map(|n| n + 1))
            .max();
    }
    most[bounds.len() - 1].is_some_and(|n| n >= 2)
}

/// Two parts, a predicate and a plain noun: `抗击 疫情`, `吸引 人才`.
fn is_verb_object(parts: &[Segment]) -> bool {
    parts.len() == 2 && parts[0].predicate && parts[1].object
}

/// Plain noun tags, which can be the object after a verb.
fn is_object(tag: &str) -> bool {
    const NOUNS: &[&str] = &["", "n", "nr", "ns", "nt", "nz", "ng", "j", "l"];
    NOUNS.contains(&tag)
}

/// Whether more than half the occurrences of an entry had some property.
fn is_mostly(count: u32, entry: &Entry) -> bool {
    2 * count > entry.frequency
}

/// A one-character verb (`是`, `有`, `要`, `抓`): grammar far more often
/// than part of a term.
fn is_lone_verb(part: &Tag<'_>) -> bool {
    part.end - part.start == 1 && matches!(part.tag, "v" | "vg")
}

/// A one-character segment tagged as a personal name (`nr`): a surname
/// cut off from its given name (`栗` of `栗战书`).
fn is_surname(part: &Tag<'_>) -> bool {
    part.end - part.start == 1 && part.tag == "nr"
}

/// A place or an organisation's name (`ns`, `nt`): what follows it is
/// often the rest of a proper name (`武汉市` `金银潭医院`).
fn is_proper_name(part: &Tag<'_>) -> bool {
    matches!(part.tag, "ns" | "nt")
}

/// A one-character adjective or time word (`新`, `大`, `好`): fine at the
/// start of a term (`新 发展 理念`), but inside one it usually joins two
/// phrases.
fn is_lone_modifier(part: &Tag<'_>) -> bool {
    part.end - part.start == 1 && matches!(part.tag, "a" | "ag" | "t")
}

/// A token that comes before predicates: an adverb, a preposition or a
/// modal auxiliary (`要`, `能`, `应`; jieba tags them as verbs, like the
/// `有` and `是` that come before nouns).
fn is_predicate_marker(tag: &Tag<'_>) -> bool {
    const MODALS: &[&str] = &[
        "要", "能", "会", "应", "可", "须", "需", "该", "敢", "愿", "得", "能够", "可以", "应当",
        "应该", "需要", "不会", "不能", "不要", "不得", "不应",
    ];
    matches!(tag.tag, "d" | "ad" | "p") || MODALS.contains(&tag.word)
}

/// A token that opens a frame around a clause: a preposition (`在…下`,
/// `因…`) or a passive marker (`受…影响`).
fn is_frame(tag: &Tag<'_>) -> bool {
    tag.tag == "p" || matches!(tag.word, "受" | "被" | "遭")
}

/// The sentence around `span` (byte offsets into `text`), cut to at most
/// [`EXAMPLE_CHARS`] characters around the term, with `…` where cut. Looks
/// at no more characters than it keeps, whatever the paragraph's length.
fn example_line(text: &str, span: std::ops::Range<usize>) -> String {
    let (before, after) = contexts(text, span.clone());
    join_line(&before, &text[span], &after)
}

/// The contexts of the example line of the term at `span` in `text`.
fn contexts(text: &str, span: std::ops::Range<usize>) -> (Context<'_>, Context<'_>) {
    let room = EXAMPLE_CHARS.saturating_sub(text[span.clone()].chars().count()) / 2;
    (
        context_before(&text[..span.start], room),
        context_after(&text[span.end..], room),
    )
}

/// `term` in its context, with `…` where cut.
fn join_line(before: &Context<'_>, term: &str, after: &Context<'_>) -> String {
    const CUT: &str = "…";
    let mut line = String::with_capacity(before.text.len() + term.len() + after.text.len() + 6);
    if before.cut {
        line.push_str(CUT);
    }
    line.push_str(before.text);
    line.push_str(term);
    line.push_str(after.text);
    if after.cut {
        line.push_str(CUT);
    }
    line
}

/// Context on one side of a term in an example line.
struct Context<'a> {
    text: &'a str,
    /// Whether the sentence goes on beyond `text` (shown as `…`).
    cut: bool,
}

/// Characters that end a sentence, for example lines.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n')
}

/// The end of `text` back to the start of its last sentence, at most
/// `room` characters; cut if longer.
fn context_before(text: &str, room: usize) -> Context<'_> {
    let mut start = text.len();
    for (taken, (i, c)) in text.char_indices().rev().enumerate() {
        if is_sentence_end(c) {
            break;
        }
        if taken == room {
            return Context {
                text: &text[start..],
                cut: true,
            };
        }
        start = i;
    }
    Context {
        text: text[start..].trim_start(),
        cut: false,
    }
}

/// The start of `text` up to the end of its first sentence, at most
/// `room` characters; cut if longer.
fn context_after(text: &str, room: usize) -> Context<'_> {
    for (taken, (i, c)) in text.char_indices().enumerate() {
        if taken == room {
            return Context {
                text: &text[..i],
                cut: true,
            };
        }
        if is_sentence_end(c) {
            return Context {
                text: text[..i + c.len_utf8()].trim_end(),
                cut: false,
            };
        }
    }
    Context {
        text: text.trim_end(),
        cut: false,
    }
}

mod junk;
mod tfidf;
pub use tfidf::{tfidf_keywords, TfIdfConfig, TfIdfExtractor};

#[cfg(test)]
mod tests {
    use super::*;

    fn tag<'a>(word: &'a str, tag: &'a str) -> Tag<'a> {
        Tag {
            word,
            tag,
            start: 0,
            end: word.chars().count(),
            byte_start: 0,
            byte_end: word.len(),
        }
    }

    fn shape(parts: &[(&str, &str)]) -> bool {
        let tags: Vec<Tag> = parts.iter().map(|(w, t)| tag(w, t)).collect();
        is_candidate_shape(&tags)
    }

    #[test]
    fn noun_compounds_have_candidate_shape() {
        assert!(shape(&[("压力", "n"), ("测试", "vn")]));
        assert!(shape(&[("科技", "n"), ("创新", "v")]));
        assert!(shape(&[("新", "a"), ("发展", "vn"), ("理念", "n")]));
        assert!(shape(&[("制度", "n"), ("型", "k"), ("开放", "vn")]));
        assert!(shape(&[("链主", ""), ("企业", "n")]));
    }

    #[test]
    fn phrases_with_grammar_words_lack_candidate_shape() {
        assert!(!shape(&[("品牌", "n"), ("的", "uj")]));
        assert!(!shape(&[("进一步", "d"), ("加强", "v")]));
        assert!(!shape(&[("制造业", "n"), ("是", "v"), ("立国", "n")]));
        assert!(!shape(&[("两", "m"), ("会", "n")]));
        assert!(!shape(&[("推动", "v"), ("实现", "v")]));
        assert!(!shape(&[("习近平", "nrfg"), ("同志", "n")]));
        assert!(!shape(&[("品牌", "n")]));
    }

    #[test]
    fn clauses_stop_at_punctuation_and_digits() {
        let tags = [
            tag("数字", "n"),
            tag("贸易", "vn"),
            tag("，", "x"),
            tag("2020", "m"),
            tag("年", "m"),
        ];
        assert_eq!(clauses(&tags), vec![0..2, 4..5]);
    }

    #[test]
    fn made_of_finds_any_split_into_two_or_more_words() {
        let words: HashSet<String> = ["经济", "社会", "经济社会", "发展", "国家"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert!(is_made_of("经济社会", &words));
        assert!(is_made_of("经济社会发展", &words));
        assert!(is_made_of("国家发展", &words));
        assert!(!is_made_of("发展", &words));
        assert!(!is_made_of("国家治理", &words));
    }

    #[test]
    fn c_value_discounts_fragments_of_longer_terms() {
        let inside = Nesting {
            containers: 1,
            frequency: 10,
        };
        assert_eq!(c_value(4, 10, Some(&inside)), 0.0);
        assert_eq!(c_value(4, 10, None), 20.0);
    }

    #[test]
    fn entropy_is_zero_for_one_context_and_ln2_for_two() {
        let mut one = Contexts::default();
        one.add(7, 5);
        assert_eq!(one.entropy(), 0.0);
        let mut two = Contexts::default();
        two.add(7, 3);
        two.add(1, 3);
        assert!((two.entropy() - 2f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn example_line_keeps_the_sentence_and_cuts_long_ones() {
        let text = "前一句。我们要推进压力测试，防范风险。后一句";
        let at = text.find("压力测试").unwrap();
        assert_eq!(
            example_line(text, at..at + "压力测试".len()),
            "我们要推进压力测试，防范风险。"
        );
        let long = format!("{}压力测试{}", "甲".repeat(30), "乙".repeat(30));
        let at = long.find("压力测试").unwrap();
        let line = example_line(&long, at..at + "压力测试".len());
        assert_eq!(
            line,
            format!("…{}压力测试{}…", "甲".repeat(18), "乙".repeat(18))
        );
    }

    #[test]
    fn proper_substrings_exclude_the_whole_and_single_characters() {
        let subs = proper_substrings("数字贸易");
        let mut subs: Vec<&str> = subs.into_iter().collect();
        subs.sort();
        assert_eq!(subs, vec!["字贸", "字贸易", "数字", "数字贸", "贸易"]);
    }
}
