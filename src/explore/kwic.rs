//! `policykg kwic TEXT`: keyword-in-context lines for any string.

use super::Report;
use crate::store::Store;
use crate::{Error, Result};

/// What `policykg kwic` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The string to find (not only concept labels).
    pub text: String,
    /// Characters of context on each side.
    pub width: usize,
    /// At most this many lines (all when `None`).
    pub limit: Option<usize>,
}

/// The concordance lines.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("kwic: not built yet".into()))
}
