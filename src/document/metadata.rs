//! Metadata: what we know about a file besides its text. Input is a file's
//! path and, optionally, a manifest CSV; output is a [`Metadata`] record
//! (title, date, source, author, url), each field possibly unknown.
//!
//! Two sources, in order of trust: a row of the manifest ([`Manifest`]), and
//! a date written in the file name ([`date_from_file_name`], e.g.
//! `rmrb_20190222-09-01.txt` or `gwr_1954.txt`). [`resolve`] merges them
//! field by field, the manifest winning.
//!
//! Dates are pure ([`Date::parse`], [`date_from_file_name`]); the manifest is
//! an edge: [`Manifest::load`] reads and checks the CSV, and
//! [`Manifest::lookup`] may canonicalise the path it is asked about.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::document::decode::{self, DecodeError};
use crate::error::{Error, Result};

/// What is known about one file. `None` means unknown, never empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The title of the document.
    pub title: Option<String>,
    /// When it was published, as precisely as known.
    pub date: Option<Date>,
    /// Where `date` was read (set exactly when `date` is).
    pub date_source: Option<DateSource>,
    /// Where it was published (a newspaper, a ministry).
    pub source: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Where it can be found online.
    pub url: Option<String>,
}

impl Metadata {
    /// Each field of `self`, or where `self` does not know it, of `fallback`.
    pub fn or(self, fallback: Metadata) -> Metadata {
        Metadata {
            title: self.title.or(fallback.title),
            date_source: match self.date {
                Some(_) => self.date_source,
                None => fallback.date_source,
            },
            date: self.date.or(fallback.date),
            source: self.source.or(fallback.source),
            author: self.author.or(fallback.author),
            url: self.url.or(fallback.url),
        }
    }
}

/// Where an article's date was read, most trusted first. Stored as
/// `kg:dateSource` ([`DateSource::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// A row of the user's manifest.
    Manifest,
    /// Digits in the file name (`rmrb_20190222-09-01.txt`).
    FileName,
    /// A line of the text itself: an adoption note, a delivery line, a
    /// dated header (see `outline::TextDate`).
    Text,
}

impl DateSource {
    /// The value stored in the graph: `manifest`, `file name` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Manifest => "manifest",
            DateSource::FileName => "file name",
            DateSource::Text => "text",
        }
    }
}

/// A calendar date as precisely as it is known: a day, a month or a year.
/// (No `Ord`: a derived order would sort by precision before time.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Date {
    /// Year, month (1–12), day (1–31, valid for the month).
    Day(u16, u8, u8),
    /// Year and month (1–12).
    Month(u16, u8),
    /// A year only.
    Year(u16),
}

/// The years [`Date::parse`] accepts.
const PARSE_YEARS: std::ops::RangeInclusive<u16> = 1800..=2200;
/// The years [`date_from_file_name`] accepts: narrower, because digits in
/// file names are often counters or page numbers.
const FILE_NAME_YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// The date formats [`Date::parse`] accepts, for error messages.
pub const DATE_FORMATS: &str =
    "2019-02-22, 2019/2/22, 2019.2.22, 20190222, 2019年2月22日, 2019-02, 2019年2月 or 1954";

impl Date {
    /// Parses a date written as `2019-02-22`, `2019/2/22`, `2019.2.22`,
    /// `20190222`, `2019年2月22日`, `2019-02`, `2019/2`, `2019年2月`,
    /// `1954` or `1954年`; full-width digits are allowed and surrounding
    /// whitespace is ignored. Months and days must exist on the calendar and
    /// years lie in 1800–2200; anything else is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let tokens: Vec<Token> = tokenize(text)
            .into_iter()
            .filter(|t| !matches!(t, Token::Other(c) if c.is_whitespace()))
            .collect();
        let (date, used) = date_at(&tokens, 0, &PARSE_YEARS)?;
        (used == tokens.len()).then_some(date)
    }

    /// The year, whatever the precision.
    pub fn year(&self) -> u16 {
        match self {
            Date::Day(y, ..) | Date::Month(y, _) | Date::Year(y) => *y,
        }
    }

    /// The lexical form and the XSD datatype's local name:
    /// `("2019-02-22", "date")`, `("2019-02", "gYearMonth")` or
    /// `("1954", "gYear")`.
    pub fn xsd(&self) -> (String, &'static str) {
        let datatype = match self {
            Date::Day(..) => "date",
            Date::Month(..) => "gYearMonth",
            Date::Year(_) => "gYear",
        };
        (self.to_string(), datatype)
    }

    /// 3 for a day, 2 for a month, 1 for a year.
    fn precision(&self) -> u8 {
        match self {
            Date::Day(..) => 3,
            Date::Month(..) => 2,
            Date::Year(_) => 1,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Date::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
            Date::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Date::Year(y) => write!(f, "{y:04}"),
        }
    }
}

/// The most specific date in a file name (`rmrb_20190222-09-01.txt`,
/// `gwr_1954.txt`, `xwlb_2012-01-01.txt`, `2020年5月13日.txt`); a full
/// path is cut to its last component. An 8-digit run counts only if it is a
/// real calendar date, and a year only if it is a run of exactly four digits
/// in 1900–2100. A day beats a month beats a year; among equals the first
/// wins.
pub fn date_from_file_name(name: &str) -> Option<Date> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let tokens = tokenize(name);
    (0..tokens.len())
        .filter_map(|start| date_at(&tokens, start, &FILE_NAME_YEARS).map(|(date, _)| date))
        .fold(None, |best: Option<Date>, date| match best {
            Some(best) if best.precision() >= date.precision() => Some(best),
            _ => Some(date),
        })
}

/// A maximal run of digits, or any other character.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Digits(String),
    Other(char),
}

/// Splits text into digit runs (full-width digits read as ASCII) and other
/// characters.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for c in text.chars() {
        match (ascii_digit(c), tokens.last_mut()) {
            (Some(d), Some(Token::Digits(run))) => run.push(d),
            (Some(d), _) => tokens.push(Token::Digits(d.to_string())),
            (None, _) => tokens.push(Token::Other(c)),
        }
    }
    tokens
}

/// `c` as an ASCII digit, if it is an ASCII or full-width digit.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// The most specific valid date starting at `tokens[start]`, and the number
/// of tokens it spans. Tries, in order: an 8-digit `YYYYMMDD` run, then a
/// 4-digit year followed by `-M-D`, `/M/D`, `.M.D`, `_M_D` or `年M月D日`,
/// by a month alone, or by nothing.
fn date_at(
    tokens: &[Token],
    start: usize,
    years: &std::ops::RangeInclusive<u16>,
) -> Option<(Date, usize)> {
    let Some(Token::Digits(run)) = tokens.get(start) else {
        return None;
    };
    let date = match run.len() {
        8 => compact_day(run).map(|date| (date, 1)),
        4 => year_month_day(tokens, start),
        _ => None,
    }?;
    let year = match date.0 {
        Date::Day(y, ..) | Date::Month(y, _) | Date::Year(y) => y,
    };
    years.contains(&year).then_some(date)
}

/// `YYYYMMDD` as a day, if the day exists.
fn compact_day(run: &str) -> Option<Date> {
    let year = run[0..4].parse().ok()?;
    let month = run[4..6].parse().ok()?;
    let day = run[6..8].parse().ok()?;
    day_if_valid(year, month, day)
}

/// A 4-digit year at `tokens[start]` with as much of a month and day as
/// follows it in one of the accepted notations.
fn year_month_day(tokens: &[Token], start: usize) -> Option<(Date, usize)> {
    let year = digits(tokens.get(start)?, 4..=4)?;
    let (date, used) = match &tokens[start + 1..] {
        [Token::Other('年'), rest @ ..] => {
            let (date, used) = chinese_month_day(year, rest);
            (date, used + 1)
        }
        [Token::Other(sep @ ('-' | '/' | '.' | '_')), rest @ ..] => {
            match separated_month_day(year, *sep, rest) {
                Some((date, used)) => (date, used + 1),
                None => (Date::Year(year), 0),
            }
        }
        _ => (Date::Year(year), 0),
    };
    Some((date, used + 1))
}

/// After `YYYY` and `sep`: `M<sep>D` or `M`, and the tokens used. A month
/// alone does not count after `_` (`gwr_1954_3` is more likely an issue
/// number than March).
fn separated_month_day(year: u16, sep: char, rest: &[Token]) -> Option<(Date, usize)> {
    let month = month_token(rest.first()?)?;
    if let [_, Token::Other(second), day, ..] = rest {
        if *second == sep {
            if let Some(date) = day_token(year, month, day) {
                return Some((date, 3));
            }
        }
    }
    (sep != '_').then_some((Date::Month(year, month), 1))
}

/// After `YYYY年`: `M月D日` (or `号`), `M月D`, `M月` or nothing, and the
/// tokens used.
fn chinese_month_day(year: u16, rest: &[Token]) -> (Date, usize) {
    let month = match rest {
        [m, Token::Other('月'), ..] => month_token(m),
        _ => None,
    };
    let Some(month) = month else {
        return (Date::Year(year), 0);
    };
    let day = rest.get(2).and_then(|t| day_token(year, month, t));
    match (day, rest.get(3)) {
        (None, _) => (Date::Month(year, month), 2),
        (Some(date), Some(Token::Other('日' | '号'))) => (date, 4),
        (Some(date), _) => (date, 3),
    }
}

/// A month number (1–12) written with one or two digits.
fn month_token(token: &Token) -> Option<u8> {
    digits(token, 1..=2).filter(|m| (1..=12).contains(m))
}

/// The day `token` (one or two digits) of the given month, if it exists.
fn day_token(year: u16, month: u8, token: &Token) -> Option<Date> {
    day_if_valid(year, month, digits(token, 1..=2)?)
}

/// The number in a digit run of a length in `lengths`.
fn digits<T: std::str::FromStr>(
    token: &Token,
    lengths: std::ops::RangeInclusive<usize>,
) -> Option<T> {
    match token {
        Token::Digits(run) if lengths.contains(&run.len()) => run.parse().ok(),
        _ => None,
    }
}

/// `Date::Day` if the month and day exist on the Gregorian calendar.
fn day_if_valid(year: u16, month: u8, day: u8) -> Option<Date> {
    (day >= 1 && day <= days_in_month(year, month)?).then_some(Date::Day(year, month, day))
}

/// The number of days in a month, `None` for a month outside 1–12.
fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

/// The metadata of a file: the manifest's row for it where the manifest
/// knows a field, else what its file name says (only a date), else nothing.
pub fn resolve(manifest: Option<&Manifest>, file: &Path) -> Metadata {
    let date = file
        .file_name()
        .and_then(|name| date_from_file_name(&name.to_string_lossy()));
    let from_name = Metadata {
        date,
        date_source: date.map(|_| DateSource::FileName),
        ..Metadata::default()
    };
    match manifest.and_then(|m| m.lookup(file)) {
        Some(listed) => listed.clone().or(from_name),
        None => from_name,
    }
}

/// The columns a manifest may have; `path` is required.
const COLUMNS: [&str; 6] = ["path", "title", "date", "source", "author", "url"];

/// A manifest: a CSV file with a header naming some of the columns `path`,
/// `title`, `date`, `source`, `author`, `url` (in any order; `path`
/// required), one row per input file. Paths are relative to the manifest's
/// own folder. Empty cells mean "unknown".
#[derive(Debug, Clone)]
pub struct Manifest {
    entries: Vec<Entry>,
}

/// One row of a manifest.
#[derive(Debug, Clone)]
struct Entry {
    /// The `path` cell as written.
    written: PathBuf,
    /// The path joined to the manifest's folder.
    joined: PathBuf,
    /// The joined path canonicalised, if the file exists.
    canonical: Option<PathBuf>,
    metadata: Metadata,
}

impl Manifest {
    /// Reads and checks the manifest at `path`. It may be UTF-8 (with or
    /// without a byte-order mark) or any other encoding
    /// [`decode`] accepts, such as GB18030 from a Chinese
    /// spreadsheet. A missing `path` column, an unknown or repeated column,
    /// a repeated path or a bad date is an [`Error::Malformed`] naming the
    /// line and column.
    pub fn load(path: &Path) -> Result<Manifest> {
        let bytes = decode::read_file(path)?;
        let text = match decode::decode(&bytes) {
            Ok(decoded) => decoded.text,
            Err(DecodeError::Empty) => {
                return Err(malformed(path, 1, 1, "the manifest is empty; its first line must be a header naming at least the `path` column".into()))
            }
            Err(error) => return Err(error.at(path)),
        };
        let rows = parse_rows(&text, path)?;
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let entries = rows.into_iter().map(|row| entry(folder, row)).collect();
        Ok(Manifest { entries })
    }

    /// The metadata listed for `file`, matched in this order: the `path`
    /// cell as written equals `file`, or joined to the manifest's folder
    /// equals it; both name the same existing file once canonicalised; the
    /// file name alone matches exactly one row. `None` if nothing matches,
    /// or the file name is ambiguous.
    pub fn lookup(&self, file: &Path) -> Option<&Metadata> {
        self.by_path(file)
            .or_else(|| self.by_canonical_path(file))
            .or_else(|| self.by_unique_file_name(file))
            .map(|entry| &entry.metadata)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the manifest has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn by_path(&self, file: &Path) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.written == file || e.joined == file)
    }

    fn by_canonical_path(&self, file: &Path) -> Option<&Entry> {
        let canonical = file.canonicalize().ok()?;
        self.entries
            .iter()
            .find(|e| e.canonical.as_ref() == Some(&canonical))
    }

    fn by_unique_file_name(&self, file: &Path) -> Option<&Entry> {
        let name = file.file_name()?;
        let mut matches = self
            .entries
            .iter()
            .filter(|e| e.written.file_name() == Some(name));
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    }
}

/// A checked manifest row before its path is resolved.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    path: String,
    metadata: Metadata,
}

/// Resolves a row's path against the manifest's folder (the one IO step:
/// canonicalising, which needs the file to exist).
fn entry(folder: &Path, row: Row) -> Entry {
    let joined = folder.join(&row.path);
    Entry {
        canonical: joined.canonicalize().ok(),
        written: PathBuf::from(row.path),
        joined,
        metadata: row.metadata,
    }
}

/// The rows of a manifest's text; `manifest` is only for error messages.
fn parse_rows(text: &str, manifest: &Path) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| csv_error(manifest, text, &e))?
        .clone();
    let columns = parse_header(&header, manifest)?;
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(manifest, text, &e))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue; // spreadsheets export blank rows as `,,,`
        }
        let line = record.position().map_or(0, |p| record_line(text, p.byte()));
        let row = parse_row(&record, &columns, manifest, line)?;
        if let Some(first) = seen.insert(row.path.clone(), line) {
            let message = format!("path `{}` is already listed on line {first}", row.path);
            return Err(malformed(manifest, line, column_of(columns.path), message));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Where each known column sits in a row (0-based field indexes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Columns {
    path: usize,
    title: Option<usize>,
    date: Option<usize>,
    source: Option<usize>,
    author: Option<usize>,
    url: Option<usize>,
    count: usize,
}

/// Reads the header line: known column names (case and surrounding
/// whitespace ignored), each at most once, `path` among them.
fn parse_header(header: &csv::StringRecord, manifest: &Path) -> Result<Columns> {
    let mut found: HashMap<&'static str, usize> = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        let column = column_of(index);
        let wanted = name.trim().to_lowercase();
        let Some(known) = COLUMNS.iter().find(|c| **c == wanted) else {
            let message = format!(
                "unknown column `{name}`; a manifest's columns are {}",
                COLUMNS.join(", ")
            );
            return Err(malformed(manifest, 1, column, message));
        };
        if found.insert(known, index).is_some() {
            let message = format!("column `{known}` appears twice");
            return Err(malformed(manifest, 1, column, message));
        }
    }
    let Some(&path) = found.get("path") else {
        let message = format!(
            "the header has no `path` column; name the columns on the first line, e.g. `{}`",
            COLUMNS.join(",")
        );
        return Err(malformed(manifest, 1, 1, message));
    };
    Ok(Columns {
        path,
        title: found.get("title").copied(),
        date: found.get("date").copied(),
        source: found.get("source").copied(),
        author: found.get("author").copied(),
        url: found.get("url").copied(),
        count: header.len(),
    })
}

/// Reads one row: a non-empty path, a valid date if any, trimmed cells with
/// empty ones as `None`. Short rows are padded with empty cells; long rows
/// are an error.
fn parse_row(
    record: &csv::StringRecord,
    columns: &Columns,
    manifest: &Path,
    line: u64,
) -> Result<Row> {
    if record.len() > columns.count {
        let message = format!(
            "the row has {} fields but the header names {} columns",
            record.len(),
            columns.count
        );
        return Err(malformed(manifest, line, column_of(columns.count), message));
    }
    let cell = |index: Option<usize>| {
        index
            .and_then(|i| record.get(i))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    };
    let Some(path) = cell(Some(columns.path)) else {
        let message = "the `path` cell is empty; every row names the file it describes".into();
        return Err(malformed(manifest, line, column_of(columns.path), message));
    };
    let date = match (cell(columns.date), columns.date) {
        (Some(text), Some(index)) => Some(Date::parse(&text).ok_or_else(|| {
            let message = format!("`{text}` is not a date; write dates as {DATE_FORMATS}");
            malformed(manifest, line, column_of(index), message)
        })?),
        _ => None,
    };
    Ok(Row {
        path,
        metadata: Metadata {
            title: cell(columns.title),
            date_source: date.map(|_| DateSource::Manifest),
            date,
            source: cell(columns.source),
            author: cell(columns.author),
            url: cell(columns.url),
        },
    })
}

/// The 1-based column number of a 0-based field index.
fn column_of(index: usize) -> u64 {
    index as u64 + 1
}

/// An [`Error::Malformed`] in the manifest at `path`.
fn malformed(path: &Path, line: u64, column: u64, message: String) -> Error {
    Error::Malformed {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// A CSV error as an [`Error::Malformed`] at the line where the reader
/// stopped. The text is already decoded and the reader is flexible, so this
/// is a safety net rather than an expected path.
fn csv_error(path: &Path, text: &str, error: &csv::Error) -> Error {
    let line = error.position().map_or(1, |p| line_at(text, p.byte()));
    malformed(path, line, 1, format!("not valid CSV: {error}"))
}

/// The 1-based line where the record the csv reader placed at byte
/// `offset` starts: the reader's offset is just after the previous record,
/// before any blank lines it skipped.
fn record_line(text: &str, offset: u64) -> u64 {
    let after_previous = usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
    let blank = text.as_bytes()[after_previous..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    line_at(text, (after_previous + blank) as u64)
}

/// The 1-based line holding byte `offset` of `text`. The csv crate's own
/// line numbers do not count blank lines, so we count line feeds ourselves.
fn line_at(text: &str, offset: u64) -> u64 {
    let end = usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Option<Date> {
        Some(Date::Day(y, m, d))
    }

    fn rows(text: &str) -> Result<Vec<Row>> {
        parse_rows(text, Path::new("m.csv"))
    }

    fn malformed_at(text: &str) -> (u64, u64, String) {
        match rows(text) {
            Err(Error::Malformed {
                line,
                column,
                message,
                ..
            }) => (line, column, message),
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn parse_accepts_every_documented_format() {
        for text in [
            "2019-02-22",
            "2019/2/22",
            "2019.2.22",
            "20190222",
            "2019年2月22日",
        ] {
            assert_eq!(Date::parse(text), day(2019, 2, 22), "{text}");
        }
        assert_eq!(Date::parse(" 2019年2月22号 "), day(2019, 2, 22));
        assert_eq!(Date::parse("２０１９年２月２２日"), day(2019, 2, 22));
        assert_eq!(Date::parse("2019 年 2 月 22 日"), day(2019, 2, 22));
        assert_eq!(Date::parse("2019-02"), Some(Date::Month(2019, 2)));
        assert_eq!(Date::parse("2019/2"), Some(Date::Month(2019, 2)));
        assert_eq!(Date::parse("2019年2月"), Some(Date::Month(2019, 2)));
        assert_eq!(Date::parse("1954"), Some(Date::Year(1954)));
        assert_eq!(Date::parse("1954年"), Some(Date::Year(1954)));
    }

    #[test]
    fn parse_refuses_impossible_dates_and_trailing_text() {
        for text in [
            "2019-13-01",
            "2019-02-29",
            "2019-04-31",
            "20190230",
            "2019-00",
            "1799",
            "2201",
            "2019-02-22x",
            "2019-02/22",
            "19-02-22",
            "2019-",
            "",
            "yesterday",
            "201902",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn parse_knows_leap_years() {
        assert_eq!(Date::parse("2020-02-29"), day(2020, 2, 29));
        assert_eq!(Date::parse("2000-02-29"), day(2000, 2, 29));
        assert_eq!(Date::parse("1900-02-29"), None);
    }

    #[test]
    fn xsd_forms() {
        assert_eq!(
            Date::Day(2019, 2, 22).xsd(),
            ("2019-02-22".to_owned(), "date")
        );
        assert_eq!(
            Date::Month(2019, 2).xsd(),
            ("2019-02".to_owned(), "gYearMonth")
        );
        assert_eq!(Date::Year(1954).xsd(), ("1954".to_owned(), "gYear"));
    }

    #[test]
    fn file_name_with_compact_date_and_page_numbers() {
        assert_eq!(
            date_from_file_name("rmrb_20190222-09-01.txt"),
            day(2019, 2, 22)
        );
        assert_eq!(date_from_file_name("20190222-09-01.txt"), day(2019, 2, 22));
    }

    #[test]
    fn file_name_with_year_only() {
        assert_eq!(date_from_file_name("gwr_1954.txt"), Some(Date::Year(1954)));
    }

    #[test]
    fn file_name_with_separated_date() {
        assert_eq!(date_from_file_name("xwlb_2012-01-01.txt"), day(2012, 1, 1));
        assert_eq!(date_from_file_name("2012-01-01.txt"), day(2012, 1, 1));
        assert_eq!(date_from_file_name("2012_01_01.txt"), day(2012, 1, 1));
    }

    #[test]
    fn file_name_with_chinese_date() {
        assert_eq!(date_from_file_name("2020年5月13日.txt"), day(2020, 5, 13));
        assert_eq!(
            date_from_file_name("讲话2020年5月.txt"),
            Some(Date::Month(2020, 5))
        );
    }

    #[test]
    fn file_name_uses_only_the_last_path_component() {
        assert_eq!(
            date_from_file_name("archive/1999/rmrb_20190222-09-01.txt"),
            day(2019, 2, 22)
        );
        assert_eq!(date_from_file_name("/data/2018/notes.txt"), None);
        assert_eq!(
            date_from_file_name(r"C:\2018\gwr_1954.txt"),
            Some(Date::Year(1954))
        );
    }

    #[test]
    fn file_name_prefers_the_most_specific_date() {
        assert_eq!(
            date_from_file_name("1954_rmrb_20190222.txt"),
            day(2019, 2, 22)
        );
        assert_eq!(
            date_from_file_name("gwr_1954_1955.txt"),
            Some(Date::Year(1954))
        );
    }

    #[test]
    fn file_name_ignores_digit_runs_that_are_not_dates() {
        assert_eq!(date_from_file_name("doc_12345678.txt"), None);
        assert_eq!(date_from_file_name("id_201902221.txt"), None);
        assert_eq!(date_from_file_name("page_19540.txt"), None);
        assert_eq!(date_from_file_name("report_1850.txt"), None);
        assert_eq!(date_from_file_name("report_2150.txt"), None);
        assert_eq!(date_from_file_name("notes.txt"), None);
    }

    #[test]
    fn file_name_underscore_month_alone_is_not_a_month() {
        assert_eq!(
            date_from_file_name("gwr_1954_3.txt"),
            Some(Date::Year(1954))
        );
    }

    #[test]
    fn file_name_with_invalid_day_falls_back_to_month() {
        assert_eq!(
            date_from_file_name("x_2019-02-30.txt"),
            Some(Date::Month(2019, 2))
        );
    }

    #[test]
    fn metadata_or_takes_fields_from_the_fallback_where_unknown() {
        let listed = Metadata {
            title: Some("标题".into()),
            ..Metadata::default()
        };
        let from_name = Metadata {
            title: Some("other".into()),
            date: Some(Date::Year(1954)),
            ..Metadata::default()
        };
        let merged = listed.or(from_name);
        assert_eq!(merged.title.as_deref(), Some("标题"));
        assert_eq!(merged.date, Some(Date::Year(1954)));
    }

    #[test]
    fn the_date_source_travels_with_the_date() {
        let listed = Metadata {
            date: Some(Date::Year(2019)),
            date_source: Some(DateSource::Manifest),
            ..Metadata::default()
        };
        let from_name = Metadata {
            date: Some(Date::Year(1954)),
            date_source: Some(DateSource::FileName),
            ..Metadata::default()
        };
        let merged = listed.or(from_name.clone());
        assert_eq!(merged.date_source, Some(DateSource::Manifest));
        let merged = Metadata::default().or(from_name);
        assert_eq!(merged.date_source, Some(DateSource::FileName));
        let named = resolve(None, Path::new("corpus/gwr_2019.txt"));
        assert_eq!(named.date_source.map(DateSource::name), Some("file name"));
        assert_eq!(
            resolve(None, Path::new("npc_resolution_on_gwr_npc13_session3.txt")).date_source,
            None
        );
        let listed = rows("path,date\na.txt,2019-02-22\n").unwrap();
        assert_eq!(listed[0].metadata.date_source, Some(DateSource::Manifest));
    }

    #[test]
    fn rows_with_a_subset_of_columns_in_any_order() {
        let rows = rows("date,PATH\n2019-02-22,a.txt\n,b.txt\n").unwrap();
        assert_eq!(rows[0].path, "a.txt");
        assert_eq!(rows[0].metadata.date, day(2019, 2, 22));
        assert_eq!(rows[1].metadata, Metadata::default());
    }

    #[test]
    fn empty_cells_are_unknown_and_cells_are_trimmed() {
        let rows = rows("path,title,source\n a.txt , 标题 ,  \n").unwrap();
        assert_eq!(rows[0].path, "a.txt");
        assert_eq!(rows[0].metadata.title.as_deref(), Some("标题"));
        assert_eq!(rows[0].metadata.source, None);
    }

    #[test]
    fn short_rows_are_padded_and_blank_rows_skipped() {
        let rows = rows("path,title,url\na.txt\n,,\n\nb.txt,B\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].metadata.title.as_deref(), Some("B"));
    }

    #[test]
    fn header_without_path_is_malformed_on_line_1() {
        let (line, column, message) = malformed_at("title,date\nA,1954\n");
        assert_eq!((line, column), (1, 1));
        assert!(message.contains("no `path` column"), "{message}");
    }

    #[test]
    fn unknown_and_repeated_columns_are_malformed() {
        let (line, column, message) = malformed_at("path,tilte\n");
        assert_eq!((line, column), (1, 2));
        assert!(message.contains("unknown column `tilte`"), "{message}");
        let (_, column, message) = malformed_at("path,date,Date\n");
        assert_eq!(column, 3);
        assert!(message.contains("appears twice"), "{message}");
    }

    #[test]
    fn bad_date_names_line_column_and_accepted_formats() {
        let (line, column, message) =
            malformed_at("path,title,date\na.txt,A,2019-02-22\nb.txt,B,2019-13-01\n");
        assert_eq!((line, column), (3, 3));
        assert!(message.contains("`2019-13-01` is not a date"), "{message}");
        assert!(message.contains("2019年2月22日"), "{message}");
    }

    #[test]
    fn empty_path_repeated_path_and_long_rows_are_malformed() {
        assert_eq!(malformed_at("title,path\nA,\n").0, 2);
        let (line, _, message) = malformed_at("path\na.txt\nb.txt\na.txt\n");
        assert_eq!(line, 4);
        assert!(message.contains("already listed on line 2"), "{message}");
        assert_eq!(malformed_at("path,title\na.txt,A,extra\n").1, 3);
    }

    #[test]
    fn line_numbers_count_blank_lines_and_quoted_line_breaks() {
        assert_eq!(malformed_at("path,date\n\na.txt,bad\n").0, 3);
        assert_eq!(
            malformed_at("path,title,date\na.txt,\"two\nlines\",1954\nb.txt,B,bad\n").0,
            4
        );
    }

    proptest::proptest! {
        #[test]
        fn dates_read_back_from_their_lexical_form(
            year in 1800u16..=2200, month in 1u8..=12, day in 1u8..=31, precision in 1u8..=3,
        ) {
            let date = match precision {
                1 => Date::Year(year),
                2 => Date::Month(year, month),
                _ => day_if_valid(year, month, day).unwrap_or(Date::Month(year, month)),
            };
            proptest::prop_assert_eq!(Date::parse(&date.xsd().0), Some(date));
        }
    }

    #[test]
    fn lookup_by_written_path_joined_path_and_unique_name() {
        let manifest = Manifest {
            entries: ["a/x.txt", "b/x.txt", "c/y.txt"]
                .into_iter()
                .map(|path| {
                    entry(
                        Path::new("corpus"),
                        Row {
                            path: path.into(),
                            metadata: Metadata {
                                title: Some(path.into()),
                                ..Metadata::default()
                            },
                        },
                    )
                })
                .collect(),
        };
        let title = |file: &str| {
            manifest
                .lookup(Path::new(file))
                .and_then(|m| m.title.clone())
        };
        assert_eq!(title("a/x.txt").as_deref(), Some("a/x.txt"));
        assert_eq!(title("corpus/b/x.txt").as_deref(), Some("b/x.txt"));
        assert_eq!(title("elsewhere/y.txt").as_deref(), Some("c/y.txt"));
        assert_eq!(title("elsewhere/x.txt"), None, "ambiguous file name");
        assert_eq!(title("z.txt"), None);
    }
}
