//! `policykg trend CONCEPT…`: mentions per period, normalised per 10,000
//! characters of the dated articles, with a sparkline and an SVG chart.

use std::path::PathBuf;

use super::Report;
use crate::store::Store;
use crate::{Error, Result};

/// The period mentions are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// Calendar years.
    #[default]
    Year,
    /// Calendar months.
    Month,
}

/// What `policykg trend` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The concepts, by label, alias or IRI.
    pub concepts: Vec<String>,
    /// The period.
    pub by: Period,
    /// Where to write an SVG chart, if anywhere.
    pub plot: Option<PathBuf>,
}

/// The series as a table, with sparklines.
pub fn report(_store: &Store, _options: &Options) -> Result<Report> {
    Err(Error::Usage("trend: not built yet".into()))
}
