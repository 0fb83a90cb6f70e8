//! From a file's bytes to its outline: which encoding and what text
//! ([`decode`]), what the author wrote line by line ([`repair`]), where the
//! articles, titles, headings, paragraphs, sentences and recommendations
//! are ([`structure`]), the data that comes out ([`outline`]), and what is
//! known about the file besides its text ([`metadata`]).

pub mod decode;
pub mod metadata;
pub mod outline;
pub mod repair;
pub mod structure;

use decode::{DecodeError, Encoding};
use outline::Outline;

/// A file's bytes understood: its outline, and the encoding it was read as.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub outline: Outline,
    pub encoding: Encoding,
}

/// Decodes, repairs and structures one file's bytes: the one composition
/// of the document stages, used by `ingest`, `outline` and `kwic` alike,
/// so they always see the same paragraphs and offsets.
pub fn parse(bytes: &[u8]) -> Result<Parsed, DecodeError> {
    let decoded = decode::decode(bytes)?;
    Ok(Parsed {
        outline: structure::detect(&repair::repair(&decoded.text)),
        encoding: decoded.encoding,
    })
}
