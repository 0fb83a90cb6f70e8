//! `policykg related CONCEPT`: the concepts that co-occur with one concept.

use super::Report;
use crate::cooccurrence::Scope;
use crate::store::Store;
use crate::{Error, Result};

/// What `policykg related` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The concept, by label, alias or IRI.
    pub concept: String,
    /// The co-occurrence scope.
    pub scope: Scope,
    /// The measure to rank by: `count` or a name in `cooccurrence::MEASURES`.
    pub measure: String,
    /// How many to list.
    pub top: usize,
}

/// The associated concepts, strongest first.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("related: not built yet".into()))
}
