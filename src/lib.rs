//! policykg turns Chinese policy writing into a knowledge graph.
//!
//! # Codemap
//!
//! The folders follow the data, in pipeline order:
//!
//! ```text
//! bytes → document (decode, repair, structure → outline)
//!       → concepts (lexicon, matcher → mentions; discover → suggestions)
//!       → rdf (quads, incidence) → store (Oxigraph, SPARQL)
//!       → corpus (co-occurrence, networks, analytics → corpus graph)
//!       → explore / export (what users read)
//! ```
//!
//! - [`document`]: what a file holds.
//!   - [`document::decode`]: which encoding is this file in, and what text
//!     does it hold? (UTF-8 with or without BOM, UTF-16 with BOM,
//!     GB18030/GBK; empty or binary files are refused with a reason).
//!   - [`document::metadata`]: what do we know about a file besides its
//!     text? (manifest CSV, dates in file names).
//!   - [`document::repair`]: what did the author write, line by line?
//!     (letter-spacing and spaces between CJK characters removed, each line
//!     measured).
//!   - [`document::structure`]: where are the articles, titles, headings,
//!     paragraphs, sentences, attributions and recommendations? What kind
//!     of text is each article, and what date does it print? (A work
//!     report's parts and `（一）` subsections nest; its recommendations
//!     are its task part's items.) Pure; never fails.
//!   - [`document::outline`]: the data the structure stage produces, with
//!     the [`document::outline::OffsetMap`] from repaired text back to the
//!     raw file.
//! - [`concepts`]: which concepts a text names.
//!   - [`concepts::lexicon`]: which concepts exist, and by which labels
//!     does text name them? (SKOS Turtle or CSV in, validated, merged,
//!     stated as quads).
//!   - [`concepts::matcher`]: where in a text are the lexicon's labels?
//!     (every occurrence, then the mentions chosen by one rule per module;
//!     jieba segmentation that keeps every label whole).
//!   - [`concepts::mentions`]: the mentions of an outline's paragraphs,
//!     headings and recommendations.
//!   - [`concepts::discover`]: which terms behave like concepts but are not
//!     in the lexicon? (C-value, boundary entropy and PMI over jieba
//!     segments; grammar-based junk filters; jieba TF-IDF for comparison).
//!   - [`concepts::discovered`]: discovered terms stored as suggestions.
//!   - [`concepts::curation`]: what did the user decide about discovered
//!     terms? (`lexicon accept|merge|reject` write a user lexicon file that
//!     the next ingest applies).
//! - [`rdf`]: which quads state an outline, per `design/ONTOLOGY.md`?
//!   [`rdf::vocab`] names every term, graph and scheme; [`rdf::incidence`]
//!   says which concepts each sentence, paragraph and article of a
//!   document mentions (one derived literal per document, what corpus
//!   statistics read).
//! - [`store`]: the on-disk Oxigraph store, the only module that touches
//!   Oxigraph: one named graph per document, replaced in one transaction;
//!   [`store::query`] (SPARQL in, results out in the formats users read)
//!   and [`store::named_query`] (the canned questions of `queries/*.rq`,
//!   values bound as terms, never spliced into SPARQL).
//! - [`corpus`]: what is true of the corpus as a whole.
//!   - [`corpus::cooccurrence`]: which concepts appear together in a
//!     sentence, paragraph or article, how often, and how strongly
//!     associated (counts, PMI/NPMI, Jaccard, Dice, G², association
//!     strength; pure, read from the documents' concept incidence).
//!   - [`corpus::graphs`]: which networks do the mentions form? (concept
//!     co-occurrence, concept–article, article–article).
//!   - [`corpus::analytics`]: which concepts are central and which belong
//!     together (degree, betweenness, PageRank, components, seeded
//!     Louvain)?
//!   - [`corpus::relate`]: rewrites the corpus graph (co-occurrences,
//!     concept metrics, article links) from the documents.
//! - [`ingest`]: the edge that walks folders, runs the stages in order and
//!   writes documents to the store, reporting what it skipped.
//! - [`explore`]: the everyday questions without SPARQL: `concepts`,
//!   `show`, `related`, `path`, `kwic`, `compare`, `trend` (reports
//!   rendered as aligned tables, CSV or JSON; `trend` also draws SVG).
//! - [`export`]: the graph out for other tools: concept and article
//!   networks as Gephi CSV, GraphML, GEXF, DOT; the RDF as N-Quads, TriG,
//!   Turtle (byte-identical for the same store content).
//!
//! Invariants: every stage between reading and writing is pure and
//! deterministic; offsets are code points into the one repaired text of a
//! paragraph or sentence, and no later stage rewrites that text.

pub mod concepts;
pub mod corpus;
pub mod document;
pub mod error;
pub mod explore;
pub mod export;
pub mod ingest;
pub mod rdf;
pub mod store;

pub use error::{Error, Result};
pub use store::{named_query, query};
