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
use crate::rdf::vocab::{KG, KGC, RDF, RDFS, SKOS};

/// The scheme of the bundled, curated lexicon (`kgc:scheme`).
pub const BUNDLED_SCHEME: &str = "https://w3id.org/policykg/concept/scheme";
/// The scheme of concepts read from a user's CSV lexicon, and of Turtle
/// concepts that name no `skos:inScheme`.
pub const USER_SCHEME: &str = "https://w3id.org/policykg/concept/scheme/user";

/// The bundled lexicon's Turtle, compiled into the binary.
const BUNDLED_TURTLE: &str = include_str!("../../ontology/concepts.ttl");
/// The bundled stoplist, compiled into the binary.
const STOPLIST: &str = include_str!("../../ontology/stoplist.txt");
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
    /// Terms the user rejected (`<iri> kg:rejected true ; rdfs:label
    /// "…"`): never proposed by discovery, never matched as discovered.
    rejected: BTreeSet<String>,
}

impl Lexicon {
    /// The curated lexicon the store was last matched with (its lexicon
    /// graph); empty before the first ingest.
    pub fn stored(store: &crate::store::Store) -> Result<Lexicon> {
        let graph = NamedNode::new_unchecked(crate::rdf::vocab::LEXICON_GRAPH);
        let ntriples = store.dump_graph(&graph)?;
        let text = String::from_utf8_lossy(&ntriples);
        if text.trim().is_empty() {
            return Ok(Lexicon::default());
        }
        Lexicon::from_turtle(&text, Path::new("<stored lexicon>"))
    }

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
    /// The bytes may be UTF-8 or GB18030 (see [`crate::document::decode`]).
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
        self.rejected.extend(other.rejected);
        self.index_folded();
    }

    /// The terms the user rejected (see [`crate::concepts::curation`]).
    pub fn rejected(&self) -> impl Iterator<Item = &str> {
        self.rejected.iter().map(String::as_str)
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
        for label in &self.rejected {
            hasher.update(format!("rejected\u{1e}{label}\n"));
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
        for label in &self.rejected {
            out.rejected(label);
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
    let bytes = crate::document::decode::read_file(path)?;
    let decoded = crate::document::decode::decode(&bytes).map_err(|e| e.at(path))?;
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
/// term: 碳中和, 房子是用来住的、不是用来炒的; so may the words 普及 and 参与:
/// 科学普及, 公众参与). Compounds of
/// stoplist words are *not* generic by themselves (国家安全 = 国家 + 安全 is
/// a curated concept).
pub fn is_generic(word: &str) -> bool {
    const BAD_START: &[char] = &['的', '了', '着'];
    const BAD_END: &[char] = &['了', '着', '与', '及', '或'];
    const WORDS_WITH_BAD_END: &[&str] = &["普及", "参与"];
    let word = word.trim();
    word.chars().count() < 2
        || stoplist().contains(word)
        || !word.chars().any(char::is_alphabetic)
        || word.starts_with(BAD_START)
        || (word.ends_with(BAD_END) && !WORDS_WITH_BAD_END.iter().any(|w| word.ends_with(w)))
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

mod turtle;

mod check;

mod rdf_out;

mod similarity;

mod csv_lexicon;

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
        assert!(!is_generic("公众参与"));
        assert!(is_generic("经济与"));
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
