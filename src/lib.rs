//! policykg turns Chinese policy writing into a knowledge graph.
//!
//! # Codemap
//!
//! The modules read in pipeline order:
//!
//! ```text
//! raw bytes → decoded text → repaired lines (+ offset map) → outline
//! (articles, sections, paragraphs, sentences, recommendations)
//! → quads → store → rows
//! ```
//!
//! - [`decode`]: which encoding is this file in, and what text does it hold?
//!   (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK; empty or
//!   binary files are refused with a reason).
//! - [`metadata`]: what do we know about a file besides its text? (manifest
//!   CSV, dates in file names).
//! - [`repair`]: what did the author write, line by line? (letter-spacing
//!   and spaces between CJK characters removed, each line measured).
//! - [`structure`]: where are the articles, titles, headings, paragraphs,
//!   sentences, attributions and recommendations? What kind of text is each
//!   article, and what date does it print? (A work report's parts and
//!   `（一）` subsections nest; its recommendations are its task part's
//!   items.) Pure; never fails.
//! - [`outline`]: the data the structure stage produces, with the
//!   [`outline::OffsetMap`] from repaired text back to the raw file.
//! - [`lexicon`]: which concepts exist, and by which labels does text name them? (SKOS Turtle or CSV in, validated, merged, stated as quads).
//! - [`matcher`]: where in a text are the lexicon's labels? (longest-leftmost hits in code points; jieba segmentation that keeps every label whole).
//! - [`discover`]: which terms behave like concepts but are not in the lexicon? (C-value, boundary entropy and PMI over jieba segments; jieba TF-IDF for comparison).
//! - [`curation`]: what did the user decide about discovered terms?
//!   (`lexicon accept|merge|reject` write a user lexicon file that the
//!   next ingest applies; discovered terms stay out of co-occurrence and
//!   the networks until accepted, see [`cooccurrence::Discovered`]).
//! - [`rdf`]: which quads state an outline, per `design/ONTOLOGY.md`?
//! - [`store`]: the on-disk Oxigraph store: one named graph per document,
//!   replaced in one transaction.
//! - [`query`]: SPARQL in, results out in the formats users read.
//! - [`export`]: the graph out for other tools: concept and article networks as Gephi CSV, GraphML, GEXF, DOT; the RDF as N-Quads, TriG, Turtle (byte-identical for the same store content).
//! - [`named_query`]: which canned questions can be asked, with what parameters? (`queries/*.rq`, headers parsed; values bound as terms, never spliced into SPARQL).
//! - [`cooccurrence`]: which concepts appear together in a sentence,
//!   paragraph or article, how often, and how strongly associated (counts,
//!   PMI/NPMI, Jaccard, Dice, G², association strength; pure, read from the
//!   documents' concept incidence).
//! - [`graphs`]: which networks do the mentions form? (petgraph views: concept
//!   co-occurrence, concept–article, article–article).
//! - [`analytics`]: which concepts are central and which belong together
//!   (degree, betweenness, PageRank, components, seeded Louvain)?
//! - [`relate`]: what is true of the corpus as a whole? Rewrites the
//!   corpus graph (co-occurrences, concept metrics, article links) from
//!   the documents.
//! - [`incidence`]: which concepts does each sentence, paragraph and
//!   article of a document mention? (one derived literal per document, what
//!   corpus statistics read).
//! - [`explore`]: the everyday questions without SPARQL: `concepts`,
//!   `show`, `related`, `path`, `kwic`, `compare`, `trend` (reports rendered
//!   as aligned tables, CSV or JSON; `trend` also draws SVG).
//! - [`ingest`]: the edge that walks folders, runs the stages in order and
//!   writes documents to the store, reporting what it skipped.
//!
//! Invariants: every stage between reading and writing is pure and
//! deterministic; offsets are code points into the one repaired text of a
//! paragraph or sentence, and no later stage rewrites that text.

pub mod analytics;
pub mod cooccurrence;
pub mod curation;
pub mod decode;
pub mod discover;
pub mod discovered;
pub mod error;
pub mod explore;
pub mod export;
pub mod graphs;
pub mod incidence;
pub mod ingest;
pub mod lexicon;
pub mod matcher;
pub mod mentions;
pub mod metadata;
pub mod outline;
pub mod rdf;
pub mod relate;
pub mod repair;
pub mod store;
pub mod structure;
pub mod vocab;

pub use error::{Error, Result};
pub use store::{named_query, query};
