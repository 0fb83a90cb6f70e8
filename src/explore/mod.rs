//! Explore: the everyday questions users ask of a store without writing
//! SPARQL (`concepts`, `show`, `related`, `path`, `kwic`, `compare`,
//! `trend`).
//!
//! Each command is a module with an `Options` struct and a `run` function
//! that reads the store, builds a [`Report`] (tables plus free lines), and
//! renders it as aligned text, CSV or JSON. The pieces every command needs
//! live here: naming a concept the way users do ([`Concepts::resolve`],
//! with "did you mean"), and one table type that renders in the three
//! formats ([`Table`]).

pub mod compare;
pub mod concepts;
pub mod kwic;
pub mod path;
pub mod related;
pub mod show;
pub mod trend;

use std::io::Write;

use oxigraph::model::NamedNode;

use crate::concepts::lexicon::Lexicon;
use crate::corpus::cooccurrence::Discovered;
use crate::query::display_width;
use crate::store::Store;
use crate::{concepts::discovered, Error, Result};

/// How a command prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned columns (Chinese text aligned by display width) for people.
    #[default]
    Table,
    /// CSV with a header row, one file's worth per table.
    Csv,
    /// One JSON object.
    Json,
}

/// A concept as commands name it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ConceptRef {
    /// The concept's IRI.
    pub iri: String,
    /// Its preferred label.
    pub label: String,
}

impl ConceptRef {
    /// The IRI as a node, for binding into queries.
    pub fn node(&self) -> NamedNode {
        NamedNode::new_unchecked(self.iri.clone())
    }
}

/// Every concept the store knows: the curated lexicon graph and the
/// discovered terms, for resolving names.
pub struct Concepts {
    lexicon: Lexicon,
}

impl Concepts {
    /// Reads the lexicon and discovered graphs of the store.
    pub fn load(store: &Store) -> Result<Concepts> {
        let mut lexicon = Lexicon::stored(store)?;
        let terms = discovered::load(store)?;
        if !terms.is_empty() {
            lexicon.merge(discovered::lexicon(&terms)?);
        }
        Ok(Concepts { lexicon })
    }

    /// The concept a user means by `name`: a preferred or alternative
    /// label, an IRI (bare or in `<…>`), or `kgc:label`. An unknown name is
    /// an [`Error::Usage`] that lists the closest labels ("did you mean").
    pub fn resolve(&self, name: &str) -> Result<ConceptRef> {
        match self.lexicon.lookup(name) {
            Some(i) => {
                let c = &self.lexicon.concepts()[i];
                Ok(ConceptRef {
                    iri: c.iri.clone(),
                    label: c.pref_label.clone(),
                })
            }
            None => {
                let close = self.lexicon.suggest(name);
                let hint = if close.is_empty() {
                    "; `policykg concepts` lists the known concepts".to_string()
                } else {
                    format!("; did you mean {}?", close.join(", "))
                };
                Err(Error::Usage(format!("unknown concept {name:?}{hint}")))
            }
        }
    }

    /// The lexicon behind the names.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

/// Refuses a discovered term where `discovered` leaves them out of the
/// corpus statistics, saying how to bring it in.
pub fn admit(concept: &ConceptRef, discovered: Discovered) -> Result<()> {
    if discovered.admits(&concept.iri) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} is a discovered term, left out of co-occurrence until accepted: run `policykg lexicon accept {}` and ingest again, or pass --with-discovered",
        concept.label, concept.label
    )))
}

/// One table of a report: a name (the CSV section and the JSON key), column
/// headers, and rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The table's name, e.g. `articles`.
    pub name: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows, cells in the order of `headers`.
    pub rows: Vec<Vec<Cell>>,
    /// Text columns to right-align in tables (numbers always are), such
    /// as the left context of a concordance.
    pub right_aligned: Vec<usize>,
}

/// One cell: text, or a number that JSON keeps a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A real number, printed with `digits` decimals in tables and CSV.
    Real(f64),
    /// No value.
    Empty,
}

impl Cell {
    /// The cell as printed in tables and CSV.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Real(x) => format_real(*x),
            Cell::Empty => String::new(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(t) => serde_json::Value::from(t.as_str()),
            Cell::Int(n) => serde_json::Value::from(*n),
            Cell::Real(x) if x.is_finite() => serde_json::Value::from(*x),
            Cell::Real(_) | Cell::Empty => serde_json::Value::Null,
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Real(_))
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }
}
impl From<String> for Cell {
    fn from(t: String) -> Cell {
        Cell::Text(t)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}
impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Int(n as i64)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}
impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Real(x)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// Reals keep four significant digits, and at least one decimal place
/// when they have one: `0.4213`, `0.003712`, `12.5`, `1532.2`.
fn format_real(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let magnitude = if x == 0.0 {
        0
    } else {
        x.abs().log10().floor() as i32
    };
    let decimals = (3 - magnitude).clamp(1, 12) as usize;
    let s = format!("{x:.decimals$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

impl Table {
    /// An empty table with these headers.
    pub fn new(name: &str, headers: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right_aligned: Vec::new(),
        }
    }

    /// Adds a row; it must have one cell per header.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "row width in {}", self.name);
        self.rows.push(row);
    }

    /// Writes aligned columns: text left-aligned and numbers right-aligned,
    /// both by display width (a Chinese character takes two columns).
    pub fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::display).collect())
            .collect();
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(display_width(c));
            }
        }
        let numeric: Vec<bool> = (0..self.headers.len())
            .map(|i| {
                !self.rows.is_empty()
                    && self
                        .rows
                        .iter()
                        .all(|r| r[i].is_number() || r[i] == Cell::Empty)
            })
            .collect();
        let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
            let mut text = String::new();
            for (i, cell) in row.iter().enumerate() {
                let pad = " ".repeat(widths[i].saturating_sub(display_width(cell)));
                if i > 0 {
                    text.push_str("  ");
                }
                if numeric[i] {
                    text.push_str(&pad);
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    if i + 1 < row.len() {
                        text.push_str(&pad);
                    }
                }
            }
            writeln!(out, "{}", text.trim_end())
        };
        line(out, &self.headers)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(out, &rule)?;
        for row in &cells {
            line(out, row)?;
        }
        Ok(())
    }

    /// Writes CSV with a header row.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.headers).map_err(csv_error)?;
        for row in &self.rows {
            writer
                .write_record(row.iter().map(Cell::display))
                .map_err(csv_error)?;
        }
        writer.flush()?;
        Ok(())
    }

    /// The table as a JSON array of objects keyed by header.
    pub fn json(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let object: serde_json::Map<String, serde_json::Value> = self
                    .headers
                    .iter()
                    .cloned()
                    .zip(row.iter().map(Cell::json))
                    .collect();
                serde_json::Value::Object(object)
            })
            .collect();
        serde_json::Value::Array(rows)
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::Io(io),
        other => Error::Usage(format!("cannot write CSV: {other:?}")),
    }
}

/// What a command found: a title line, facts as `key: value` lines, and
/// tables, in the order they print.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Heading line(s) printed first in table format.
    pub title: Vec<String>,
    /// `key: value` facts (JSON: an object `facts`).
    pub facts: Vec<(String, Cell)>,
    /// Tables in print order.
    pub tables: Vec<Table>,
    /// Free lines printed last in table format (e.g. a sparkline); JSON
    /// key `notes`.
    pub notes: Vec<String>,
}

impl Report {
    /// Renders the report in `format`: tables as aligned text under their
    /// names; CSV as the tables one after another, each preceded by a
    /// `# name` line when there are several (a single table is plain CSV);
    /// JSON as one object with `title`, `facts`, one key per table and
    /// `notes`.
    pub fn write(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        match format {
            Format::Table => {
                for line in &self.title {
                    writeln!(out, "{line}")?;
                }
                let key_width = self
                    .facts
                    .iter()
                    .map(|(k, _)| display_width(k))
                    .max()
                    .unwrap_or(0);
                for (key, value) in &self.facts {
                    let pad = " ".repeat(key_width - display_width(key));
                    let value = value.display();
                    if value.is_empty() {
                        writeln!(out, "{key}:")?;
                    } else {
                        writeln!(out, "{key}:{pad} {value}")?;
                    }
                }
                for table in &self.tables {
                    if !self.title.is_empty() || !self.facts.is_empty() || self.tables.len() > 1 {
                        writeln!(out)?;
                        writeln!(out, "{}", table.name)?;
                    }
                    if table.rows.is_empty() {
                        writeln!(out, "(none)")?;
                    } else {
                        table.write_text(out)?;
                    }
                }
                if !self.notes.is_empty() {
                    writeln!(out)?;
                    for line in &self.notes {
                        writeln!(out, "{line}")?;
                    }
                }
            }
            Format::Csv => {
                let several = self.tables.len() > 1;
                for (i, table) in self.tables.iter().enumerate() {
                    if several {
                        if i > 0 {
                            writeln!(out)?;
                        }
                        writeln!(out, "# {}", table.name)?;
                    }
                    table.write_csv(out)?;
                }
            }
            Format::Json => {
                let mut object = serde_json::Map::new();
                if !self.title.is_empty() {
                    object.insert("title".into(), self.title.join("\n").into());
                }
                if !self.facts.is_empty() {
                    let facts: serde_json::Map<String, serde_json::Value> = self
                        .facts
                        .iter()
                        .map(|(k, v)| (k.clone(), v.json()))
                        .collect();
                    object.insert("facts".into(), facts.into());
                }
                for table in &self.tables {
                    object.insert(table.name.clone(), table.json());
                }
                if !self.notes.is_empty() {
                    object.insert("notes".into(), self.notes.clone().into());
                }
                serde_json::to_writer_pretty(&mut *out, &serde_json::Value::Object(object))
                    .map_err(|e| Error::Io(e.into()))?;
                writeln!(out)?;
            }
        }
        Ok(())
    }
}

/// Cuts `text` to at most `width` display columns, marking a cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_chinese_by_display_width() {
        let mut t = Table::new("t", &["concept", "n"]);
        t.push(vec!["经济全球化".into(), 12usize.into()]);
        t.push(vec!["FTA".into(), 3usize.into()]);
        let mut out = Vec::new();
        t.write_text(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "经济全球化  12");
        assert_eq!(lines[3], "FTA          3");
    }

    #[test]
    fn csv_quotes_and_json_keeps_numbers() {
        let mut t = Table::new("rows", &["label", "x"]);
        t.push(vec!["a,b".into(), 0.5.into()]);
        let mut out = Vec::new();
        t.write_csv(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "label,x\n\"a,b\",0.5\n");
        assert_eq!(t.json()[0]["x"], serde_json::json!(0.5));
    }

    #[test]
    fn reals_keep_four_significant_digits() {
        assert_eq!(format_real(0.42131), "0.4213");
        assert_eq!(format_real(0.0037123), "0.003712");
        assert_eq!(format_real(12.5), "12.5");
        assert_eq!(format_real(1532.24), "1532.2");
        assert_eq!(format_real(-0.00001), "-0.00001");
        assert_eq!(format_real(0.0), "0");
    }

    #[test]
    fn truncate_counts_columns() {
        assert_eq!(truncate("经济全球化", 6), "经济…");
        assert_eq!(truncate("abc", 6), "abc");
    }
}
