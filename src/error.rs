//! The library's one error type. Variants say where things went wrong (which
//! file, which line, which query) and keep "your input is wrong" (`User*`
//! style variants with a message that tells the user what to do) apart from
//! failures of the machinery underneath (store, IO).

use std::path::PathBuf;

/// Everything that can go wrong in policykg.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file is not text in any encoding we accept, or is empty.
    #[error("{path}: {reason}")]
    Undecodable { path: PathBuf, reason: String },
    /// A manifest or lexicon has a malformed line.
    #[error("{path}:{line}:{column}: {message}")]
    Malformed {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
    /// The user's SPARQL does not parse.
    #[error("SPARQL syntax error{}: {message}", location.map(|(l, c)| format!(" at line {l}, column {c}")).unwrap_or_default())]
    QuerySyntax {
        message: String,
        location: Option<(u64, u64)>,
    },
    /// The query ran past its time limit.
    #[error("the query did not finish within {seconds} s")]
    QueryTimeout { seconds: f64 },
    /// The query failed while it ran.
    #[error("query failed: {0}")]
    QueryEvaluation(String),
    /// A user request that cannot be served as asked.
    #[error("{0}")]
    Usage(String),
    /// The on-disk store failed, as policykg explains it (which path,
    /// which graph).
    #[error("store error: {0}")]
    Store(String),
    /// The on-disk store failed underneath (RocksDB, the disk): the
    /// storage error is kept as the source (converted in [`crate::store`],
    /// the one module that sees Oxigraph's store).
    #[error("store error: {0}")]
    Storage(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// RDF handed to the store (e.g. the vocabulary's Turtle) does not parse.
    #[error("invalid RDF: {0}")]
    InvalidRdf(String),
    /// Writing output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
