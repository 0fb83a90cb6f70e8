//! The concept lexicon: which concepts exist, by which labels the text names
//! them, and how they relate. Input is SKOS Turtle (the bundled
//! `ontology/concepts.ttl`, or a user's file) or a small CSV; output is a
//! [`Lexicon`] the matcher compiles and [`Lexicon::quads`] states in the
//! store's lexicon graph.
//!
//! Labels follow `ontology/README.md`: a concept is named in text by its
//! `skos:prefLabel@zh` or any `skos:altLabel` (whatever its language tag);
//! `skos:prefLabel@en` is for display and lookup only. Every matched label
//! has exactly one *owner* concept. Loading is an edge (it reads files);
//! everything after loading is pure and deterministic.
//!
//! Hierarchy is kept as `broader` lists only: `skos:narrower` read from
//! Turtle becomes `broader` on the narrower concept, and [`Lexicon::quads`]
//! states both directions, `skos:related` on both sides, and
//! `skos:topConceptOf` / `skos:hasTopConcept` for every concept without a
//! broader one.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::vocab::{KG, KGC, RDF, SKOS};

/// The scheme of the bundled, curated lexicon (`kgc:scheme`).
pub const BUNDLED_SCHEME: &str = "https://w3id.org/policykg/concept/scheme";
/// The scheme of concepts read from a user's CSV lexicon, and of Turtle
/// concepts that name no `skos:inScheme`.
pub const USER_SCHEME: &str = "https://w3id.org/policykg/concept/scheme/user";
/// The scheme term discovery should put its concepts in (`kg:discovered true`).
pub const DISCOVERED_SCHEME: &str = "https://w3id.org/policykg/concept/scheme/discovered";

/// The bundled lexicon's Turtle, compiled into the binary.
const BUNDLED_TURTLE: &str = include_str!("../ontology/concepts.ttl");
/// The bundled stoplist, compiled into the binary.
const STOPLIST: &str = include_str!("../ontology/stoplist.txt");
/// Characters that separate several names in one CSV cell.
const CSV_SEPARATORS: &[char] = &['|', ';', '；'];

/// One SKOS concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The concept's IRI.
    pub iri: String,
    /// `skos:prefLabel@zh`, the label as printed; empty if the source gave none.
    pub pref_label: String,
    /// `skos:prefLabel@en`, for display and lookup; never matched in text.
    pub pref_label_en: Option<String>,
    /// `skos:altLabel`s, all matched in text, whatever their language.
    pub alt_labels: Vec<String>,
    /// The language tag of each alt label, parallel to `alt_labels`
    /// (`""` for a plain literal). Kept so the quads say what was loaded.
    pub alt_label_langs: Vec<String>,
    /// IRIs of `skos:broader` concepts.
    pub broader: Vec<String>,
    /// IRIs of `skos:related` concepts (stated on both sides by the quads).
    pub related: Vec<String>,
    /// IRI of the `skos:ConceptScheme` the concept is in.
    pub scheme: String,
    /// Found by term discovery rather than curated (`kg:discovered true`).
    pub discovered: bool,
    /// `skos:scopeNote`s as (text, language tag).
    pub scope_notes: Vec<(String, String)>,
}

impl Concept {
    /// A concept with a preferred label and nothing else.
    pub fn new(iri: &str, pref_label: &str, scheme: &str) -> Concept {
        Concept {
            iri: iri.to_owned(),
            pref_label: pref_label.to_owned(),
            pref_label_en: None,
            alt_labels: Vec::new(),
            alt_label_langs: Vec::new(),
            broader: Vec::new(),
            related: Vec::new(),
            scheme: scheme.to_owned(),
            discovered: false,
            scope_notes: Vec::new(),
        }
    }

    /// The labels matched in text: `prefLabel@zh` first, then the alt labels.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.pref_label.as_str())
            .chain(self.alt_labels.iter().map(String::as_str))
            .filter(|label| !label.is_empty())
    }

    /// Adds an alt label with its language tag unless the concept already
    /// has that label.
    pub fn add_alt_label(&mut self, label: &str, lang: &str) {
        if label != self.pref_label && !self.alt_labels.iter().any(|l| l == label) {
            self.alt_labels.push(label.to_owned());
            self.alt_label_langs.push(lang.to_owned());
        }
    }

    /// Drops an alt label (and its language tag) if the concept has it.
    fn remove_alt_label(&mut self, label: &str) {
        if let Some(i) = self.alt_labels.iter().position(|l| l == label) {
            self.alt_labels.remove(i);
            self.alt_label_langs.remove(i);
        }
    }

    /// Folds `other`, a description of the same IRI, into this concept:
    /// labels, broader and related are united; this concept's preferred
    /// labels and scheme win, `other`'s preferred label becomes an alt label.
    fn absorb(&mut self, other: Concept) {
        if self.pref_label.is_empty() {
            self.pref_label = other.pref_label;
        } else if !other.pref_label.is_empty() {
            self.add_alt_label(&other.pref_label, "zh");
        }
        if self.pref_label_en.is_none() {
            self.pref_label_en = other.pref_label_en;
        }
        for (label, lang) in other.alt_labels.iter().zip(&other.alt_label_langs) {
            self.add_alt_label(label, lang);
        }
        push_unique(&mut self.broader, other.broader);
        push_unique(&mut self.related, other.related);
        for note in other.scope_notes {
            if !self.scope_notes.contains(&note) {
                self.scope_notes.push(note);
            }
        }
        self.discovered &= other.discovered;
    }
}

/// Appends the items of `more` that `list` does not hold yet.
fn push_unique(list: &mut Vec<String>, more: Vec<String>) {
    for item in more {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// A `skos:ConceptScheme` and the statements loaded about it (title,
/// creator, licence …), except its type and `skos:hasTopConcept`, which
/// [`Lexicon::quads`] derives.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scheme {
    iri: String,
    statements: Vec<(NamedNode, Term)>,
}

/// A set of concepts with an index from every matched label to its owner.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    concepts: Vec<Concept>,
    by_iri: HashMap<String, usize>,
    /// Every matched label → the one concept it names.
    owner: HashMap<String, usize>,
    /// Lowercased English preferred labels and Latin alt labels → concept.
    folded: HashMap<String, usize>,
    schemes: Vec<Scheme>,
    /// Problems found while loading that the concepts alone no longer show
    /// (a second prefLabel@zh, a narrower pointing nowhere).
    problems: Vec<String>,
}

impl Lexicon {
    /// The bundled lexicon (`ontology/concepts.ttl`), parsed once per process.
    pub fn bundled() -> Lexicon {
        Lexicon::bundled_ref().clone()
    }

    /// A shared reference to the bundled lexicon, parsed once per process.
    pub fn bundled_ref() -> &'static Lexicon {
        static BUNDLED: OnceLock<Lexicon> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            Lexicon::from_turtle(BUNDLED_TURTLE, Path::new("ontology/concepts.ttl"))
                .expect("the bundled ontology/concepts.ttl parses (checked by the tests)")
        })
    }

    /// Reads a lexicon file, Turtle (`.ttl`) or CSV (`.csv`) by extension.
    /// The bytes may be UTF-8 or GB18030 (see [`crate::decode`]).
    pub fn load(path: &Path) -> Result<Lexicon> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("ttl") | Some("turtle") => Lexicon::from_turtle(&read_text(path)?, path),
            Some("csv") => Lexicon::from_csv(path),
            _ => Err(Error::Usage(format!(
                "{}: a lexicon is a Turtle (.ttl) or CSV (.csv) file",
                path.display()
            ))),
        }
    }

    /// Parses SKOS Turtle. Every subject typed `skos:Concept` becomes a
    /// concept, every `skos:ConceptScheme` a scheme; other statements are
    /// ignored. A syntax error is an [`Error::Malformed`] at the parser's
    /// 1-based line and column; `path` only names the file in errors.
    pub fn from_turtle(text: &str, path: &Path) -> Result<Lexicon> {
        let quads = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(text.as_bytes())
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| turtle_error(&e, path))?;
        Ok(turtle::build(group_by_subject(quads)))
    }

    /// Reads a CSV lexicon: a header naming `label`, `altLabels` and
    /// `broader` (the last two optional, any order), then one concept a row.
    /// Several alt labels or broader names share a cell, separated by `|`,
    /// `;` or `；`. A broader name is a label or IRI of a concept in the same
    /// file or in the bundled lexicon. A concept's IRI is `kgc:` + its label.
    /// Any malformed row is an [`Error::Malformed`] at its line and column
    /// (the 1-based character column where the offending name starts).
    pub fn from_csv(path: &Path) -> Result<Lexicon> {
        Lexicon::from_csv_text(&read_text(path)?, path)
    }

    /// [`Lexicon::from_csv`] on text already read; `path` names the file in errors.
    pub fn from_csv_text(text: &str, path: &Path) -> Result<Lexicon> {
        let concepts = csv_lexicon::parse(text, path, Lexicon::bundled_ref())?;
        Lexicon::from_concepts(concepts)
    }

    /// A lexicon of the given concepts (e.g. discovered ones). Concepts with
    /// the same IRI are united; a label several concepts list is owned as
    /// [`Lexicon::merge`] leaves it, whatever the order (see `owners`).
    /// Fails with [`Error::Usage`] when an IRI is not a valid IRI.
    pub fn from_concepts(concepts: Vec<Concept>) -> Result<Lexicon> {
        for concept in &concepts {
            let iris = std::iter::once(&concept.iri)
                .chain(&concept.broader)
                .chain(&concept.related)
                .chain(std::iter::once(&concept.scheme));
            for iri in iris {
                NamedNode::new(iri.as_str())
                    .map_err(|e| Error::Usage(format!("concept IRI `{iri}`: {e}")))?;
            }
        }
        Ok(Lexicon::assemble(concepts, Vec::new(), Vec::new()))
    }

    /// Builds the indexes over concepts; same-IRI concepts are united.
    fn assemble(concepts: Vec<Concept>, schemes: Vec<Scheme>, problems: Vec<String>) -> Lexicon {
        let mut lexicon = Lexicon {
            schemes,
            problems,
            ..Lexicon::default()
        };
        for concept in concepts {
            match lexicon.by_iri.get(&concept.iri) {
                Some(&i) => lexicon.concepts[i].absorb(concept),
                None => {
                    lexicon
                        .by_iri
                        .insert(concept.iri.clone(), lexicon.concepts.len());
                    lexicon.concepts.push(concept);
                }
            }
        }
        lexicon.owner = owners(&lexicon.concepts);
        lexicon.index_folded();
        lexicon
    }

    /// Rebuilds the case-insensitive index used by [`Lexicon::lookup`].
    fn index_folded(&mut self) {
        self.folded.clear();
        for (i, concept) in self.concepts.iter().enumerate() {
            let english = concept.pref_label_en.iter().map(String::as_str);
            let latin = concept
                .alt_labels
                .iter()
                .map(String::as_str)
                .filter(|l| l.is_ascii());
            for name in english.chain(latin) {
                self.folded.entry(name.to_lowercase()).or_insert(i);
            }
        }
    }

    /// Adds a user lexicon to this one (usually the bundled one). A concept
    /// with an IRI already present is united with it (labels, broader and
    /// related merged; the existing preferred labels stay, `other`'s
    /// preferred label becomes an alt label). A label `other` gives to one
    /// of its concepts is then owned by that concept: it is removed from the
    /// alt labels of whichever concept had it before. If it was that
    /// concept's prefLabel@zh, the label stays its preferred label for
    /// display but is matched as `other`'s concept, and
    /// [`Lexicon::validate`] reports the overlap.
    pub fn merge(&mut self, other: Lexicon) {
        let mut claims = Vec::new();
        for concept in other.concepts {
            let labels: Vec<String> = concept.labels().map(str::to_owned).collect();
            let index = match self.by_iri.get(&concept.iri) {
                Some(&i) => {
                    self.concepts[i].absorb(concept);
                    i
                }
                None => {
                    self.by_iri.insert(concept.iri.clone(), self.concepts.len());
                    self.concepts.push(concept);
                    self.concepts.len() - 1
                }
            };
            claims.push((index, labels));
        }
        for (index, labels) in claims {
            for label in labels {
                self.claim(label, index);
            }
        }
        for scheme in other.schemes {
            if !self.schemes.iter().any(|s| s.iri == scheme.iri) {
                self.schemes.push(scheme);
            }
        }
        self.problems.extend(other.problems);
        self.index_folded();
    }

    /// Makes concept `index` the owner of `label`, taking it from the alt
    /// labels of its previous owner.
    fn claim(&mut self, label: String, index: usize) {
        if let Some(previous) = self.owner.insert(label.clone(), index) {
            if previous != index {
                self.concepts[previous].remove_alt_label(&label);
            }
        }
    }

    /// All concepts, in the order they were loaded.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The concept with this IRI.
    pub fn get(&self, iri: &str) -> Option<&Concept> {
        self.by_iri.get(iri).map(|&i| &self.concepts[i])
    }

    /// Every matched label with the index (into [`Lexicon::concepts`]) of the
    /// concept that owns it; each label once, in concept order.
    pub fn labels(&self) -> impl Iterator<Item = (&str, usize)> {
        self.concepts
            .iter()
            .enumerate()
            .flat_map(move |(i, concept)| {
                concept
                    .labels()
                    .filter(move |label| self.owner.get(*label) == Some(&i))
                    .map(move |label| (label, i))
            })
    }

    /// The index of the concept a user means by `name`: a matched label
    /// (exact), an IRI (`<…>` or bare), a `kgc:` prefixed name, or an English
    /// preferred label or Latin acronym in any case.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        let unbracketed = name
            .strip_prefix('<')
            .and_then(|n| n.strip_suffix('>'))
            .unwrap_or(name);
        self.owner
            .get(name)
            .or_else(|| self.by_iri.get(unbracketed))
            .or_else(|| {
                let local = name.strip_prefix("kgc:")?;
                self.by_iri.get(&format!("{KGC}{local}"))
            })
            .or_else(|| self.folded.get(&name.to_lowercase()))
            .copied()
    }

    /// "Did you mean": up to five matched labels closest to `name`, best
    /// first, ranked by shared characters (Dice coefficient), then edit
    /// distance. Labels sharing no character with `name` are never offered.
    pub fn suggest(&self, name: &str) -> Vec<&str> {
        let name = name.trim();
        let mut scored: Vec<(f64, usize, &str)> = self
            .labels()
            .filter_map(|(label, _)| {
                let dice = similarity::dice(name, label);
                (dice > 0.0).then(|| (dice, similarity::levenshtein(name, label), label))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
        scored
            .into_iter()
            .take(5)
            .map(|(_, _, label)| label)
            .collect()
    }

    /// A stable SHA-256 (hex) over what matching and the hierarchy depend
    /// on: every concept's IRI, labels, broader, related (both directions),
    /// scheme and discovered flag, and which concept owns each label, all
    /// sorted, so reordering concepts or labels does not change it, and a
    /// lexicon read back from its own [`Lexicon::quads`] has the same hash.
    pub fn content_hash(&self) -> String {
        let mut hasher = Sha256::new();
        let related = self.related_map();
        let no_links = BTreeSet::new();
        let mut concepts: Vec<&Concept> = self.concepts.iter().collect();
        concepts.sort_by(|a, b| a.iri.cmp(&b.iri));
        for c in concepts {
            let mut alts: Vec<String> = c
                .alt_labels
                .iter()
                .zip(&c.alt_label_langs)
                .map(|(label, lang)| format!("{label}@{lang}"))
                .collect();
            alts.sort();
            let fields = [
                c.iri.clone(),
                c.pref_label.clone(),
                alts.join("\u{1f}"),
                sorted(&c.broader).join("\u{1f}"),
                related
                    .get(c.iri.as_str())
                    .unwrap_or(&no_links)
                    .iter()
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\u{1f}"),
                c.scheme.clone(),
                c.discovered.to_string(),
            ];
            hasher.update(fields.join("\u{1e}"));
            hasher.update("\n");
        }
        let owners: BTreeMap<&str, &str> = self
            .owner
            .iter()
            .map(|(label, &i)| (label.as_str(), self.concepts[i].iri.as_str()))
            .collect();
        for (label, iri) in owners {
            hasher.update(format!("{label}\u{1e}{iri}\n"));
        }
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The SKOS statements of the lexicon in `graph`, sorted by concept IRI
    /// then by a fixed property order (objects sorted), then the schemes:
    /// the same lexicon always gives the same quads in the same order,
    /// whatever order it was loaded in.
    pub fn quads(&self, graph: &NamedNode) -> Vec<Quad> {
        let mut out = rdf_out::Quads::new(graph);
        let narrower = self.narrower_map();
        let related = self.related_map();
        let mut order: Vec<&Concept> = self.concepts.iter().collect();
        order.sort_by(|a, b| a.iri.cmp(&b.iri));
        for concept in order {
            let no_links = BTreeSet::new();
            let narrower = narrower.get(concept.iri.as_str()).unwrap_or(&no_links);
            let related = related.get(concept.iri.as_str()).unwrap_or(&no_links);
            out.concept(concept, narrower, related);
        }
        for scheme in self.scheme_list() {
            let tops: Vec<&str> = self
                .concepts
                .iter()
                .filter(|c| c.scheme == scheme.iri && c.broader.is_empty())
                .map(|c| c.iri.as_str())
                .collect();
            out.scheme(&scheme, &sorted(&tops));
        }
        out.quads
    }

    /// broader IRI → IRIs of concepts that name it as broader.
    fn narrower_map(&self) -> HashMap<&str, BTreeSet<&str>> {
        let mut map: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for c in &self.concepts {
            for b in &c.broader {
                map.entry(b.as_str()).or_default().insert(c.iri.as_str());
            }
        }
        map
    }

    /// IRI → IRIs related to it, in either direction.
    fn related_map(&self) -> HashMap<&str, BTreeSet<&str>> {
        let mut map: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for c in &self.concepts {
            for r in &c.related {
                map.entry(c.iri.as_str()).or_default().insert(r.as_str());
                map.entry(r.as_str()).or_default().insert(c.iri.as_str());
            }
        }
        map
    }

    /// Every scheme, declared or only referenced by a concept, sorted by IRI.
    fn scheme_list(&self) -> Vec<Scheme> {
        let mut schemes: BTreeMap<&str, Scheme> = self
            .schemes
            .iter()
            .map(|s| (s.iri.as_str(), s.clone()))
            .collect();
        for c in &self.concepts {
            schemes.entry(c.scheme.as_str()).or_insert_with(|| Scheme {
                iri: c.scheme.clone(),
                statements: Vec::new(),
            });
        }
        schemes.into_values().collect()
    }

    /// What is wrong with the lexicon, as one human sentence per problem:
    /// a concept without prefLabel@zh or with two, a label shared by a
    /// concept's pref and alt labels or by two concepts, a label that is
    /// generic (stoplist, under two characters) or padded with whitespace,
    /// a broader or related IRI naming no concept. Empty means valid.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = self.problems.clone();
        let mut users: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for c in &self.concepts {
            problems.extend(check::concept(c, |iri| self.by_iri.contains_key(iri)));
            for label in c.labels().collect::<BTreeSet<_>>() {
                users.entry(label).or_default().push(&c.iri);
            }
        }
        for (label, iris) in users.iter().filter(|(_, iris)| iris.len() > 1) {
            let names: Vec<String> = iris.iter().map(|iri| short(iri)).collect();
            problems.push(format!(
                "label “{label}” belongs to several concepts: {}",
                names.join(", ")
            ));
        }
        problems
    }
}

/// Which concept owns each label when several list it: one that has it as
/// an alt label beats one that has it as prefLabel@zh (so a lexicon stated
/// by [`Lexicon::quads`] after a [`Lexicon::merge`] reads back with the same
/// owners), then the smallest IRI. Independent of the concepts' order.
fn owners(concepts: &[Concept]) -> HashMap<String, usize> {
    let mut owner: HashMap<String, (bool, usize)> = HashMap::new();
    for (i, concept) in concepts.iter().enumerate() {
        for (k, label) in concept.labels().enumerate() {
            let is_pref = k == 0 && label == concept.pref_label;
            let candidate = (is_pref, i);
            let rank = |(is_pref, i): (bool, usize)| (is_pref, concepts[i].iri.as_str());
            owner
                .entry(label.to_owned())
                .and_modify(|held| {
                    if rank(candidate) < rank(*held) {
                        *held = candidate;
                    }
                })
                .or_insert(candidate);
        }
    }
    owner
        .into_iter()
        .map(|(label, (_, i))| (label, i))
        .collect()
}

/// A sorted, deduplicated copy of a list of strings.
fn sorted<S: AsRef<str>>(items: &[S]) -> Vec<&str> {
    let set: BTreeSet<&str> = items.iter().map(AsRef::as_ref).collect();
    set.into_iter().collect()
}

/// An IRI in `kgc:` prefixed form when it is in that namespace.
fn short(iri: &str) -> String {
    match iri.strip_prefix(KGC) {
        Some(local) => format!("kgc:{local}"),
        None => format!("<{iri}>"),
    }
}

/// Reads and decodes a lexicon file (UTF-8 or GB18030).
fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::decode::read_file(path)?;
    let decoded = crate::decode::decode(&bytes).map_err(|e| e.at(path))?;
    Ok(decoded.text)
}

/// A Turtle syntax error as [`Error::Malformed`] at 1-based line and column.
fn turtle_error(error: &RdfSyntaxError, path: &Path) -> Error {
    let (line, column) = error
        .location()
        .map_or((1, 1), |at| (at.start.line + 1, at.start.column + 1));
    let text = error.to_string();
    // The parser's message repeats the location ("Parser error at line 3
    // column 7: …"); the error variant already says where.
    let message = match text.strip_prefix("Parser error") {
        Some(rest) => rest
            .split_once(": ")
            .map_or(text.clone(), |(_, m)| m.to_owned()),
        None => text,
    };
    Error::Malformed {
        path: path.to_path_buf(),
        line,
        column,
        message: format!("invalid Turtle: {message}"),
    }
}

/// Named subjects with their (predicate, object) statements, in order of
/// first appearance. Blank-node subjects are dropped.
fn group_by_subject(quads: Vec<Quad>) -> Vec<(String, Vec<(NamedNode, Term)>)> {
    let mut order: Vec<(String, Vec<(NamedNode, Term)>)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for quad in quads {
        let NamedOrBlankNode::NamedNode(subject) = quad.subject else {
            continue;
        };
        let subject = subject.into_string();
        let i = *position.entry(subject.clone()).or_insert_with(|| {
            order.push((subject, Vec::new()));
            order.len() - 1
        });
        order[i].1.push((quad.predicate, quad.object));
    }
    order
}

/// The stoplist (`ontology/stoplist.txt`): generic words that are never
/// concepts. Compared after trimming whitespace.
pub fn stoplist() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOPLIST
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_owned)
            .collect()
    })
}

/// Whether `word` is too generic to be a concept. True when, after
/// trimming, it is in the [`stoplist`]; is shorter than two characters; has
/// no letter at all (numbers, punctuation); or starts with 的/了/着 or ends
/// with 了/着/与/及/或 (a phrase fragment, not a term; 的 and 和 may end a
/// term: 碳中和, 房子是用来住的、不是用来炒的). Compounds of
/// stoplist words are *not* generic by themselves (国家安全 = 国家 + 安全 is
/// a curated concept).
pub fn is_generic(word: &str) -> bool {
    const BAD_START: &[char] = &['的', '了', '着'];
    const BAD_END: &[char] = &['了', '着', '与', '及', '或'];
    let word = word.trim();
    word.chars().count() < 2
        || stoplist().contains(word)
        || !word.chars().any(char::is_alphabetic)
        || word.starts_with(BAD_START)
        || word.ends_with(BAD_END)
}

/// The IRI of a concept named by `label`: `kgc:` + the label, with the
/// characters an IRI cannot carry (whitespace, controls, `<>"{}|\^``) and
/// those that would change its meaning (`#`, `?`, `%`, `/`) percent-encoded.
/// `None` if the result is still not a valid IRI.
pub fn concept_iri(label: &str) -> Option<String> {
    let mut iri = String::from(KGC);
    for c in label.chars() {
        let unsafe_char = c.is_whitespace()
            || c.is_control()
            || "<>\"{}|\\^`#?%/".contains(c)
            || ('\u{E000}'..='\u{F8FF}').contains(&c);
        if unsafe_char {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                iri.push_str(&format!("%{byte:02X}"));
            }
        } else {
            iri.push(c);
        }
    }
    NamedNode::new(iri.as_str()).ok().map(|_| iri)
}

/// Why a label cannot be a concept label, if it cannot.
fn label_problem(label: &str) -> Option<String> {
    if label.trim() != label {
        Some(format!("label “{label}” has surrounding whitespace"))
    } else if label.chars().count() < 2 {
        Some(format!("label “{label}” is shorter than two characters"))
    } else if stoplist().contains(label) {
        Some(format!(
            "label “{label}” is a generic word (ontology/stoplist.txt); use a specific compound"
        ))
    } else {
        None
    }
}

/// From grouped Turtle statements to concepts and schemes.
mod turtle {
    use super::*;

    /// Builds a lexicon from subjects and their statements.
    pub(super) fn build(subjects: Vec<(String, Vec<(NamedNode, Term)>)>) -> Lexicon {
        let concept_type = skos("Concept");
        let scheme_type = skos("ConceptScheme");
        let mut concepts = Vec::new();
        let mut schemes = Vec::new();
        let mut problems = Vec::new();
        let mut narrower = Vec::new();
        for (iri, statements) in subjects {
            narrower.extend(narrower_edges(&iri, &statements));
            if has_type(&statements, &concept_type) {
                concepts.push(concept(&iri, &statements, &mut problems));
            } else if has_type(&statements, &scheme_type) {
                schemes.push(scheme(iri, statements));
            }
        }
        apply_narrower(&mut concepts, narrower, &mut problems);
        Lexicon::assemble(concepts, schemes, problems)
    }

    /// A SKOS term IRI.
    pub(super) fn skos(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{SKOS}{local}"))
    }

    fn has_type(statements: &[(NamedNode, Term)], class: &NamedNode) -> bool {
        let rdf_type = format!("{RDF}type");
        statements
            .iter()
            .any(|(p, o)| p.as_str() == rdf_type && matches!(o, Term::NamedNode(n) if n == class))
    }

    /// The (broader, narrower) edges `subject` states with `skos:narrower`,
    /// whether or not it is typed as a concept in this file (a user file may
    /// hang its concepts under bundled ones this way).
    fn narrower_edges(subject: &str, statements: &[(NamedNode, Term)]) -> Vec<(String, String)> {
        let predicate = format!("{SKOS}narrower");
        statements
            .iter()
            .filter(|(p, _)| p.as_str() == predicate)
            .filter_map(|(_, o)| match o {
                Term::NamedNode(n) => Some((subject.to_owned(), n.as_str().to_owned())),
                _ => None,
            })
            .collect()
    }

    /// Reads one concept's statements; a second prefLabel@zh is recorded
    /// as a problem.
    fn concept(iri: &str, statements: &[(NamedNode, Term)], problems: &mut Vec<String>) -> Concept {
        let mut concept = Concept::new(iri, "", USER_SCHEME);
        let mut scheme = None;
        for (predicate, object) in statements {
            let Some(local) = predicate.as_str().strip_prefix(SKOS) else {
                if predicate.as_str() == format!("{KG}discovered") {
                    concept.discovered = matches!(object, Term::Literal(l) if l.value() == "true" || l.value() == "1");
                }
                continue;
            };
            match (local, object) {
                ("prefLabel", Term::Literal(l)) => pref_label(&mut concept, l, problems),
                ("altLabel", Term::Literal(l)) => {
                    concept.add_alt_label(l.value(), l.language().unwrap_or(""))
                }
                ("scopeNote", Term::Literal(l)) => concept
                    .scope_notes
                    .push((l.value().to_owned(), l.language().unwrap_or("").to_owned())),
                ("broader", Term::NamedNode(n)) => {
                    push_unique(&mut concept.broader, vec![n.as_str().to_owned()])
                }
                ("related", Term::NamedNode(n)) => {
                    push_unique(&mut concept.related, vec![n.as_str().to_owned()])
                }
                ("inScheme" | "topConceptOf", Term::NamedNode(n)) => {
                    scheme.get_or_insert_with(|| n.as_str().to_owned());
                }
                _ => {}
            }
        }
        if let Some(scheme) = scheme {
            concept.scheme = scheme;
        }
        concept
    }

    /// Sets a preferred label by language: `zh…` (or an untagged label with
    /// non-ASCII text) is the Chinese one, `en…` (or untagged ASCII) the
    /// English one; a second label in one language is a problem.
    fn pref_label(concept: &mut Concept, label: &Literal, problems: &mut Vec<String>) {
        let lang = label
            .language()
            .unwrap_or(if label.value().is_ascii() { "en" } else { "zh" });
        let (slot, name) = if lang == "zh" || lang.starts_with("zh-") {
            (&mut concept.pref_label, "zh")
        } else if lang == "en" || lang.starts_with("en-") {
            (concept.pref_label_en.get_or_insert_with(String::new), "en")
        } else {
            return;
        };
        if slot.is_empty() {
            *slot = label.value().to_owned();
        } else if slot != label.value() {
            problems.push(format!(
                "{} has two prefLabels@{name}: “{slot}” and “{}”",
                short(&concept.iri),
                label.value()
            ));
        }
    }

    fn scheme(iri: String, statements: Vec<(NamedNode, Term)>) -> Scheme {
        let derived = [format!("{RDF}type"), format!("{SKOS}hasTopConcept")];
        let statements = statements
            .into_iter()
            .filter(|(p, _)| !derived.iter().any(|d| d == p.as_str()))
            .collect();
        Scheme { iri, statements }
    }

    /// Turns each `broader skos:narrower narrower` edge into a broader link
    /// on the narrower concept; an edge to no concept is a problem.
    fn apply_narrower(
        concepts: &mut [Concept],
        edges: Vec<(String, String)>,
        problems: &mut Vec<String>,
    ) {
        let index: HashMap<String, usize> = concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iri.clone(), i))
            .collect();
        for (broad, narrow) in edges {
            match index.get(&narrow) {
                Some(&i) => push_unique(&mut concepts[i].broader, vec![broad]),
                None => problems.push(format!(
                    "{} has a narrower concept {} that is not in the lexicon",
                    short(&broad),
                    short(&narrow)
                )),
            }
        }
    }
}

/// Checks of single concepts for [`Lexicon::validate`].
mod check {
    use super::*;

    /// The problems of one concept; `known` says whether an IRI is a concept.
    pub(super) fn concept(c: &Concept, known: impl Fn(&str) -> bool) -> Vec<String> {
        let name = short(&c.iri);
        let mut problems = Vec::new();
        if c.pref_label.is_empty() {
            problems.push(format!("{name} has no prefLabel@zh"));
        }
        if c.alt_labels.contains(&c.pref_label) {
            problems.push(format!(
                "{name} has “{}” as both prefLabel and altLabel",
                c.pref_label
            ));
        }
        let distinct: BTreeSet<&String> = c.alt_labels.iter().collect();
        if distinct.len() != c.alt_labels.len() {
            problems.push(format!("{name} lists an altLabel twice"));
        }
        problems.extend(
            c.labels()
                .filter_map(label_problem)
                .map(|p| format!("{name}: {p}")),
        );
        for (kind, targets) in [("broader", &c.broader), ("related", &c.related)] {
            for target in targets.iter().filter(|t| !known(t)) {
                problems.push(format!(
                    "{name} has {kind} {} which is not a concept of the lexicon",
                    short(target)
                ));
            }
        }
        problems
    }
}

/// Writing a lexicon as quads.
mod rdf_out {
    use super::*;

    /// Quads collected into one graph.
    pub(super) struct Quads {
        graph: GraphName,
        pub(super) quads: Vec<Quad>,
    }

    impl Quads {
        pub(super) fn new(graph: &NamedNode) -> Quads {
            Quads {
                graph: graph.clone().into(),
                quads: Vec::new(),
            }
        }

        fn add(&mut self, subject: &str, predicate: NamedNode, object: impl Into<Term>) {
            let subject = NamedNode::new_unchecked(subject);
            self.quads
                .push(Quad::new(subject, predicate, object, self.graph.clone()));
        }

        fn link(&mut self, subject: &str, predicate: &str, object: &str) {
            self.add(
                subject,
                turtle::skos(predicate),
                NamedNode::new_unchecked(object),
            );
        }

        /// The statements of one concept, in a fixed order.
        pub(super) fn concept(
            &mut self,
            c: &Concept,
            narrower: &BTreeSet<&str>,
            related: &BTreeSet<&str>,
        ) {
            let iri = c.iri.as_str();
            self.add(
                iri,
                NamedNode::new_unchecked(format!("{RDF}type")),
                turtle::skos("Concept"),
            );
            self.link(iri, "inScheme", &c.scheme);
            if c.broader.is_empty() {
                self.link(iri, "topConceptOf", &c.scheme);
            }
            if !c.pref_label.is_empty() {
                self.add(iri, turtle::skos("prefLabel"), tagged(&c.pref_label, "zh"));
            }
            if let Some(en) = &c.pref_label_en {
                self.add(iri, turtle::skos("prefLabel"), tagged(en, "en"));
            }
            let alts: BTreeSet<(&String, &String)> =
                c.alt_labels.iter().zip(&c.alt_label_langs).collect();
            for (label, lang) in alts {
                self.add(iri, turtle::skos("altLabel"), tagged(label, lang));
            }
            for broader in sorted(&c.broader) {
                self.link(iri, "broader", broader);
            }
            for narrower in narrower {
                self.link(iri, "narrower", narrower);
            }
            for related in related {
                self.link(iri, "related", related);
            }
            for (note, lang) in c.scope_notes.iter().collect::<BTreeSet<_>>() {
                self.add(iri, turtle::skos("scopeNote"), tagged(note, lang));
            }
            if c.discovered {
                self.add(
                    iri,
                    NamedNode::new_unchecked(format!("{KG}discovered")),
                    Literal::from(true),
                );
            }
        }

        /// The statements of one scheme: its type, what was loaded about
        /// it, and its top concepts.
        pub(super) fn scheme(&mut self, scheme: &Scheme, tops: &[&str]) {
            let iri = scheme.iri.as_str();
            self.add(
                iri,
                NamedNode::new_unchecked(format!("{RDF}type")),
                turtle::skos("ConceptScheme"),
            );
            let mut statements: Vec<&(NamedNode, Term)> = scheme.statements.iter().collect();
            statements.sort_by_key(|(p, o)| (p.as_str(), o.to_string()));
            statements.dedup();
            for (predicate, object) in statements {
                self.add(iri, predicate.clone(), object.clone());
            }
            for top in tops {
                self.link(iri, "hasTopConcept", top);
            }
        }
    }

    /// A literal with a language tag, or a plain one if the tag is empty
    /// or not a valid tag.
    fn tagged(value: &str, lang: &str) -> Literal {
        Literal::new_language_tagged_literal(value, lang)
            .unwrap_or_else(|_| Literal::new_simple_literal(value))
    }
}

/// String similarity for [`Lexicon::suggest`].
mod similarity {
    use std::collections::HashMap;

    /// Dice coefficient over the characters of `a` and `b` (as multisets).
    pub(super) fn dice(a: &str, b: &str) -> f64 {
        let mut counts: HashMap<char, i32> = HashMap::new();
        for c in a.chars() {
            *counts.entry(c).or_default() += 1;
        }
        let mut shared = 0;
        for c in b.chars() {
            if let Some(n) = counts.get_mut(&c).filter(|n| **n > 0) {
                *n -= 1;
                shared += 1;
            }
        }
        let total = a.chars().count() + b.chars().count();
        if total == 0 {
            0.0
        } else {
            2.0 * f64::from(shared) / total as f64
        }
    }

    /// Levenshtein distance over characters.
    pub(super) fn levenshtein(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let substitution = diagonal + usize::from(ca != *cb);
                diagonal = row[j + 1];
                row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
            }
        }
        row[b.len()]
    }
}

/// Reading the CSV lexicon format.
mod csv_lexicon {
    use super::*;

    /// One data row, with where each cell starts in the file.
    struct Row {
        line: u64,
        raw: String,
        label: String,
        alt_labels: Vec<String>,
        broader: Vec<String>,
    }

    /// Which field holds which column.
    struct Columns {
        label: usize,
        alt_labels: Option<usize>,
        broader: Option<usize>,
        count: usize,
    }

    /// Parses the CSV text into concepts of [`USER_SCHEME`]; broader names
    /// resolve within the file first, then in `bundled`.
    pub(super) fn parse(text: &str, path: &Path, bundled: &Lexicon) -> Result<Vec<Concept>> {
        let rows = rows(text, path)?;
        let mut concepts = Vec::with_capacity(rows.len());
        let mut names: HashMap<&str, (usize, u64)> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            for name in std::iter::once(&row.label).chain(&row.alt_labels) {
                if let Some(&(_, line)) = names.get(name.as_str()) {
                    let message = format!("label “{name}” is already used on line {line}");
                    return Err(malformed(path, row, name, message));
                }
                names.insert(name, (i, row.line));
            }
            concepts.push(concept(row, path)?);
        }
        for (i, row) in rows.iter().enumerate() {
            for name in &row.broader {
                let iri = match names.get(name.as_str()) {
                    Some(&(j, _)) => concepts[j].iri.clone(),
                    None => bundled_iri(bundled, name)
                        .ok_or_else(|| unknown_broader(path, row, name, bundled))?,
                };
                if iri == concepts[i].iri {
                    return Err(malformed(
                        path,
                        row,
                        name,
                        format!("“{name}” cannot be its own broader concept"),
                    ));
                }
                push_unique(&mut concepts[i].broader, vec![iri]);
            }
        }
        Ok(concepts)
    }

    /// The IRI of the bundled concept `name` designates, if any.
    fn bundled_iri(bundled: &Lexicon, name: &str) -> Option<String> {
        bundled
            .lookup(name)
            .map(|i| bundled.concepts()[i].iri.clone())
    }

    fn unknown_broader(path: &Path, row: &Row, name: &str, bundled: &Lexicon) -> Error {
        let suggestions = bundled.suggest(name);
        let hint = if suggestions.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", suggestions.join(", "))
        };
        let message = format!(
            "broader “{name}” names no concept in this file or in the bundled lexicon{hint}"
        );
        malformed(path, row, name, message)
    }

    /// The concept a row describes; its labels must be usable.
    fn concept(row: &Row, path: &Path) -> Result<Concept> {
        for label in std::iter::once(&row.label).chain(&row.alt_labels) {
            if let Some(problem) = label_problem(label) {
                return Err(malformed(path, row, label, problem));
            }
        }
        let Some(iri) = concept_iri(&row.label) else {
            let message = format!("label “{}” cannot be made into an IRI", row.label);
            return Err(malformed(path, row, &row.label, message));
        };
        let mut concept = Concept::new(&iri, &row.label, USER_SCHEME);
        for alt in &row.alt_labels {
            concept.add_alt_label(alt, if alt.is_ascii() { "en" } else { "zh" });
        }
        Ok(concept)
    }

    /// Reads the header and the data rows (blank rows skipped).
    fn rows(text: &str, path: &Path) -> Result<Vec<Row>> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| csv_error(path, text, &e))?
            .clone();
        let lines: Vec<&str> = text.split('\n').collect();
        let columns = columns(&header, lines[0], path)?;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(path, text, &e))?;
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let line = record.position().map_or(1, |p| record_line(text, p.byte()));
            let raw = lines
                .get(line as usize - 1)
                .copied()
                .unwrap_or("")
                .to_owned();
            rows.push(row(&record, &columns, line, raw, path)?);
        }
        Ok(rows)
    }

    /// Finds the named columns in the header (case and spaces ignored).
    fn columns(header: &csv::StringRecord, raw: &str, path: &Path) -> Result<Columns> {
        const NAMES: [&str; 3] = ["label", "altlabels", "broader"];
        let mut found: [Option<usize>; 3] = [None; 3];
        for (i, name) in header.iter().enumerate() {
            let wanted = name.trim().to_lowercase();
            let Some(k) = NAMES.iter().position(|n| *n == wanted) else {
                let message = format!("unknown column “{name}”; a CSV lexicon has the columns label,altLabels,broader");
                return Err(header_error(path, raw, i, message));
            };
            if found[k].replace(i).is_some() {
                let message = format!("column “{name}” appears twice");
                return Err(header_error(path, raw, i, message));
            }
        }
        let Some(label) = found[0] else {
            let message = "the header has no `label` column; the first line should read label,altLabels,broader".into();
            return Err(Error::Malformed {
                path: path.into(),
                line: 1,
                column: 1,
                message,
            });
        };
        Ok(Columns {
            label,
            alt_labels: found[1],
            broader: found[2],
            count: header.len(),
        })
    }

    /// An [`Error::Malformed`] at field `index` of the header line `raw`.
    fn header_error(path: &Path, raw: &str, index: usize, message: String) -> Error {
        let mut quoted = false;
        let mut fields = 0;
        let mut column = 1;
        for (i, c) in raw.chars().enumerate() {
            if fields == index {
                column = i as u64 + 1;
                break;
            }
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields += 1,
                _ => {}
            }
        }
        if fields < index {
            column = raw.chars().count() as u64 + 1;
        }
        Error::Malformed {
            path: path.to_path_buf(),
            line: 1,
            column,
            message,
        }
    }

    /// One data row: a non-empty label, names split on the separators.
    fn row(
        record: &csv::StringRecord,
        columns: &Columns,
        line: u64,
        raw: String,
        path: &Path,
    ) -> Result<Row> {
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let list = |i: Option<usize>| -> Vec<String> {
            cell(i)
                .split(CSV_SEPARATORS)
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let mut row = Row {
            line,
            raw,
            label: cell(Some(columns.label)).to_owned(),
            alt_labels: list(columns.alt_labels),
            broader: list(columns.broader),
        };
        if record.len() > columns.count {
            let extra = record.get(columns.count).unwrap_or("").to_owned();
            let message = format!(
                "the row has {} fields but the header names {}",
                record.len(),
                columns.count
            );
            return Err(malformed(path, &row, &extra, message));
        }
        if row.label.is_empty() {
            row.raw.clear(); // nothing to point at: report column 1
            return Err(malformed(path, &row, "", "the label cell is empty".into()));
        }
        Ok(row)
    }

    /// An [`Error::Malformed`] pointing at the first occurrence of `name`
    /// on the row's line (column 1 if it is not on that line).
    fn malformed(path: &Path, row: &Row, name: &str, message: String) -> Error {
        malformed_at(path, row.line, &row.raw, name, message)
    }

    /// An [`Error::Malformed`] on `line` (whose text is `raw`) at the first
    /// occurrence of `name`, or column 1.
    fn malformed_at(path: &Path, line: u64, raw: &str, name: &str, message: String) -> Error {
        let column = match raw.find(name).filter(|_| !name.is_empty()) {
            Some(byte) => raw[..byte].chars().count() as u64 + 1,
            None => 1,
        };
        Error::Malformed {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    }

    /// A CSV reader error at the line where the reader stopped.
    fn csv_error(path: &Path, text: &str, error: &csv::Error) -> Error {
        let line = error.position().map_or(1, |p| record_line(text, p.byte()));
        let message = format!("not valid CSV: {error}");
        Error::Malformed {
            path: path.to_path_buf(),
            line,
            column: 1,
            message,
        }
    }

    /// The 1-based line where the record at byte `offset` starts. The
    /// reader's offset is just after the previous record, before any blank
    /// lines it skipped, so those are stepped over.
    fn record_line(text: &str, offset: u64) -> u64 {
        let start = usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
        let blank = text.as_bytes()[start..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let end = start + blank;
        1 + text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Result<Lexicon> {
        Lexicon::from_csv_text(text, Path::new("user.csv"))
    }

    fn malformed_at(result: Result<Lexicon>) -> (u64, u64, String) {
        match result {
            Err(Error::Malformed {
                line,
                column,
                message,
                ..
            }) => (line, column, message),
            other => panic!("expected a malformed error, got {other:?}"),
        }
    }

    #[test]
    fn bundled_lexicon_is_valid() {
        let lexicon = Lexicon::bundled_ref();
        assert!(lexicon.concepts().len() >= 300);
        assert_eq!(lexicon.validate(), Vec::<String>::new());
    }

    #[test]
    fn bundled_top_concepts_are_the_declared_ones() {
        let tops = BUNDLED_TURTLE
            .matches("skos:topConceptOf kgc:scheme")
            .count();
        let derived = Lexicon::bundled_ref()
            .concepts()
            .iter()
            .filter(|c| c.broader.is_empty())
            .count();
        assert_eq!(derived, tops);
    }

    #[test]
    fn lookup_by_every_kind_of_name() {
        let lexicon = Lexicon::bundled_ref();
        let target = lexicon.lookup("自贸试验区").unwrap();
        assert_eq!(lexicon.lookup("自由贸易试验区"), Some(target));
        assert_eq!(lexicon.lookup("kgc:自贸试验区"), Some(target));
        assert_eq!(lexicon.lookup(&format!("<{KGC}自贸试验区>")), Some(target));
        let cptpp = lexicon.lookup("CPTPP").unwrap();
        assert_eq!(lexicon.lookup("cptpp"), Some(cptpp));
        assert_eq!(lexicon.lookup("Opening-Up"), lexicon.lookup("对外开放"));
        assert_eq!(lexicon.lookup("不存在的概念"), None);
    }

    #[test]
    fn suggest_offers_close_labels() {
        let suggestions = Lexicon::bundled_ref().suggest("自贸实验区");
        assert!(suggestions.len() <= 5);
        assert!(suggestions.contains(&"自贸试验区"), "{suggestions:?}");
    }

    #[test]
    fn generic_words() {
        assert!(is_generic("发展"));
        assert!(is_generic(" 开放 "));
        assert!(is_generic("党"));
        assert!(is_generic("2020"));
        assert!(is_generic("的发展"));
        assert!(is_generic("发展了"));
        assert!(!is_generic("碳中和"));
        assert!(!is_generic("制度型开放"));
        assert!(!is_generic("国家安全"));
    }

    #[test]
    fn concept_iri_encodes_unsafe_characters() {
        assert_eq!(
            concept_iri("经济全球化").unwrap(),
            format!("{KGC}经济全球化")
        );
        assert_eq!(concept_iri("人工智能+").unwrap(), format!("{KGC}人工智能+"));
        assert_eq!(concept_iri("a b<c>").unwrap(), format!("{KGC}a%20b%3Cc%3E"));
    }

    #[test]
    fn csv_alt_labels_split_on_every_separator() {
        let lexicon =
            csv("label,altLabels\n数字丝路示范区,数丝区|数字示范区;丝路数字区；DSZ\n").unwrap();
        let concept = &lexicon.concepts()[0];
        assert_eq!(
            concept.alt_labels,
            ["数丝区", "数字示范区", "丝路数字区", "DSZ"]
        );
        assert_eq!(concept.alt_label_langs, ["zh", "zh", "zh", "en"]);
        assert_eq!(concept.scheme, USER_SCHEME);
    }

    #[test]
    fn csv_broader_resolves_in_file_then_bundled() {
        let text = "label,broader\n数字丝路示范区,数字丝路\n数字丝路,kgc:一带一路\n";
        let lexicon = csv(text).unwrap();
        assert_eq!(lexicon.concepts()[0].broader, [format!("{KGC}数字丝路")]);
        assert_eq!(lexicon.concepts()[1].broader, [format!("{KGC}一带一路")]);
    }

    #[test]
    fn csv_errors_point_at_the_cell() {
        assert_eq!(
            malformed_at(csv("label,broader\n示范区甲,不存在的上位概念\n")).0,
            2
        );
        assert_eq!(
            malformed_at(csv("label,broader\n示范区甲,不存在的上位概念\n")).1,
            6
        );
        assert_eq!(malformed_at(csv("label,colour\n示范区甲,红\n")).1, 7);
        assert_eq!(malformed_at(csv("label\n\n发展\n")).0, 3);
        assert!(malformed_at(csv("label\n示范区甲\n示范区甲\n"))
            .2
            .contains("line 2"));
        assert_eq!(malformed_at(csv("altLabels\n甲乙\n")).0, 1);
        assert_eq!(malformed_at(csv("label,altLabels\n,甲乙\n")).0, 2);
        assert_eq!(malformed_at(csv("label\n示范区甲,多余\n")).1, 6);
    }

    #[test]
    fn merge_unites_same_iri_and_hands_labels_to_the_user() {
        let mut lexicon = Lexicon::bundled();
        let before = lexicon.concepts().len();
        let user = csv("label,altLabels\n经济全球化,经济一体化\n新自贸概念,自贸区\n").unwrap();
        lexicon.merge(user);
        assert_eq!(lexicon.concepts().len(), before + 1);
        let globalisation = lexicon.lookup("经济全球化").unwrap();
        assert_eq!(lexicon.lookup("经济一体化"), Some(globalisation));
        let new = lexicon.lookup("新自贸概念").unwrap();
        assert_eq!(lexicon.lookup("自贸区"), Some(new));
        let old = lexicon.get(&format!("{KGC}自贸试验区")).unwrap();
        assert!(!old.alt_labels.contains(&"自贸区".to_owned()));
        assert_eq!(lexicon.validate(), Vec::<String>::new());
    }

    #[test]
    fn two_pref_labels_are_reported() {
        let ttl = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
                   <http://e/x> a skos:Concept ; skos:prefLabel \"甲乙\"@zh , \"丙丁\"@zh ; skos:broader <http://e/y> .";
        let problems = Lexicon::from_turtle(ttl, Path::new("x.ttl"))
            .unwrap()
            .validate();
        assert!(
            problems.iter().any(|p| p.contains("two prefLabels@zh")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("broader")),
            "{problems:?}"
        );
    }

    #[test]
    fn levenshtein_counts_characters() {
        assert_eq!(similarity::levenshtein("自贸试验区", "自贸实验区"), 1);
        assert_eq!(similarity::levenshtein("", "ab"), 2);
    }
}
