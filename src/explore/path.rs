//! `policykg path A B`: the strongest chain of co-occurrence between two
//! concepts, with the paragraph that evidences each step.

use super::Report;
use crate::cooccurrence::Scope;
use crate::store::Store;
use crate::{Error, Result};

/// What `policykg path` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where the chain starts.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// The co-occurrence scope whose links are walked.
    pub scope: Scope,
}

/// The chain, step by step.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("path: not built yet".into()))
}
