//! `policykg compare A B`: two articles or two sets of articles, their
//! shared concepts and the concepts distinctive of each side.

use super::Report;
use crate::store::Store;
use crate::{Error, Result};

/// What `policykg compare` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The first side: an article, a date range or a path glob.
    pub a: String,
    /// The second side.
    pub b: String,
    /// How many concepts to list per table.
    pub top: usize,
}

/// Shared and distinctive concepts.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("compare: not built yet".into()))
}
