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
