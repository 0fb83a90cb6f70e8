//! `policykg show CONCEPT`: everything the store knows about one concept.

use super::Report;
use crate::store::Store;
use crate::{Error, Result};

/// What `policykg show` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The concept, by label, alias or IRI.
    pub concept: String,
    /// How many articles, associated concepts and recommendations to list.
    pub top: usize,
    /// How many concordance lines to show.
    pub lines: usize,
}

/// The concept's card.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("show: not built yet".into()))
}
