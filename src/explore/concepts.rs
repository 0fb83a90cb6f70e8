//! `policykg concepts`: the concepts of the store, ranked.

use super::Report;
use crate::store::Store;
use crate::{Error, Result};

/// What to rank concepts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// `kg:Mention`s in the corpus.
    #[default]
    Mentions,
    /// Documents that mention the concept.
    Documents,
    /// PageRank in the paragraph co-occurrence network.
    Pagerank,
}

/// Which concepts to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// The curated lexicon only.
    Curated,
    /// Discovered candidate terms only.
    Discovered,
    /// Both.
    #[default]
    All,
}

/// What `policykg concepts` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many concepts to list.
    pub top: usize,
    /// The ranking.
    pub by: By,
    /// Which scheme.
    pub scheme: Scheme,
}

/// The ranked concepts.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("concepts: not built yet".into()))
}
