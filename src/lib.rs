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
//!   sentences, attributions and recommendations? Pure; never fails.
//! - [`outline`]: the data the structure stage produces, with the
//!   [`outline::OffsetMap`] from repaired text back to the raw file.
//! - [`rdf`]: which quads state an outline, per `design/ONTOLOGY.md`?
//! - [`store`]: the on-disk Oxigraph store: one named graph per document,
//!   replaced in one transaction.
//! - [`query`]: SPARQL in, results out in the formats users read.
//! - [`ingest`]: the edge that walks folders, runs the stages in order and
//!   writes documents to the store, reporting what it skipped.
//!
//! Invariants: every stage between reading and writing is pure and
//! deterministic; offsets are code points into the one repaired text of a
//! paragraph or sentence, and no later stage rewrites that text.

pub mod decode;
pub mod error;
pub mod ingest;
pub mod metadata;
pub mod outline;
pub mod query;
pub mod rdf;
pub mod repair;
pub mod store;
pub mod structure;
pub mod vocab;

pub use error::{Error, Result};
