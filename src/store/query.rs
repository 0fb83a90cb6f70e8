//! SPARQL in, results out in the formats users read.
//!
//! Input: a query string (or a [`PreparedQuery`], whose variables may be
//! bound to values) and a [`Store`]. Output: results written to any
//! `Write` — SELECT and ASK as an aligned human table or as standard SPARQL
//! results (CSV, TSV, JSON, XML); CONSTRUCT and DESCRIBE as Turtle or
//! N-Triples — or, through [`select`], rows for other modules and tests.
//!
//! Every query sees the same dataset: the default graph is the union of all
//! named graphs (so no `GRAPH` clause is needed; note that a triple stored
//! in two graphs is then seen twice), unless the query names its own with
//! `FROM`. The prefixes of [`vocab::PREFIXES`] are predeclared, so `kg:`,
//! `skos:`, `dcterms:`... work without `PREFIX` lines.
//!
//! Evaluation runs on a worker thread that streams results through a
//! bounded channel; the calling thread writes them and enforces the time
//! limit on the whole run, then cancels the worker through Oxigraph's
//! [`CancellationToken`] (which the engine only checks while it reads quads,
//! so the worker may take a moment to stop; the caller does not wait).

use crate::error::{Error, Result};
use crate::rdf::vocab;
use crate::store::Store;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolution,
    SparqlEvaluator, SparqlSyntaxError,
};
use std::fmt;
use std::io::Write;
use std::str::FromStr;
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

/// How to write query results.
///
/// `Table`, `Csv`, `Tsv`, `Json` and `Xml` apply to SELECT and ASK (the last
/// four are the W3C SPARQL results formats). CONSTRUCT and DESCRIBE give a
/// graph, written as Turtle (with the known prefixes) for `Table` (the
/// default) and `Turtle`, or as N-Triples for `NTriples`; asking for a
/// results format for a graph, or a graph format for solutions, is an
/// [`Error::Usage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultFormat {
    /// Aligned columns for people (`table`).
    #[default]
    Table,
    /// SPARQL results CSV (`csv`).
    Csv,
    /// SPARQL results TSV (`tsv`).
    Tsv,
    /// SPARQL results JSON (`json`).
    Json,
    /// SPARQL results XML (`xml`).
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE (`turtle`, `ttl`).
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE (`ntriples`, `nt`).
    NTriples,
}

impl ResultFormat {
    /// The canonical names accepted by [`FromStr`], for help texts.
    pub const NAMES: &'static [&'static str] =
        &["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"];

    /// The canonical name of this format.
    pub fn name(self) -> &'static str {
        match self {
            ResultFormat::Table => "table",
            ResultFormat::Csv => "csv",
            ResultFormat::Tsv => "tsv",
            ResultFormat::Json => "json",
            ResultFormat::Xml => "xml",
            ResultFormat::Turtle => "turtle",
            ResultFormat::NTriples => "ntriples",
        }
    }

    /// The W3C results format this stands for, if any.
    fn results_format(self) -> Option<QueryResultsFormat> {
        match self {
            ResultFormat::Csv => Some(QueryResultsFormat::Csv),
            ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
            ResultFormat::Json => Some(QueryResultsFormat::Json),
            ResultFormat::Xml => Some(QueryResultsFormat::Xml),
            _ => None,
        }
    }

    /// The RDF format a graph result is written in, or a usage error.
    fn graph_format(self) -> Result<RdfFormat> {
        match self {
            ResultFormat::Table | ResultFormat::Turtle => Ok(RdfFormat::Turtle),
            ResultFormat::NTriples => Ok(RdfFormat::NTriples),
            other => Err(Error::Usage(format!(
                "CONSTRUCT and DESCRIBE return a graph, which cannot be written as {}; use turtle or ntriples",
                other.name()
            ))),
        }
    }
}

impl FromStr for ResultFormat {
    type Err = Error;

    /// Parses a format name, case-insensitively (`nt` and `ttl` accepted).
    fn from_str(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "table" => Ok(ResultFormat::Table),
            "csv" => Ok(ResultFormat::Csv),
            "tsv" => Ok(ResultFormat::Tsv),
            "json" => Ok(ResultFormat::Json),
            "xml" => Ok(ResultFormat::Xml),
            "turtle" | "ttl" => Ok(ResultFormat::Turtle),
            "ntriples" | "n-triples" | "nt" => Ok(ResultFormat::NTriples),
            _ => Err(Error::Usage(format!(
                "unknown result format {name:?}; use one of {}",
                Self::NAMES.join(", ")
            ))),
        }
    }
}

impl fmt::Display for ResultFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a query runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryOptions {
    /// Give up with [`Error::QueryTimeout`] after this long (evaluation and
    /// writing together); `None` waits forever.
    pub timeout: Option<Duration>,
}

/// The solutions of a SELECT query: variable names (without `?`) and one
/// row per solution, a cell per variable (`None` when unbound).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// The projected variables, in order.
    pub variables: Vec<String>,
    /// The solutions, cells in the order of `variables`.
    pub rows: Vec<Vec<Option<Term>>>,
}

impl Rows {
    /// The index of variable `name` (without `?`), if projected.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.variables.iter().position(|variable| variable == name)
    }
}

/// Runs `sparql` on `store` and writes its results to `out` as `format`.
///
/// A syntax error is [`Error::QuerySyntax`] with its 1-based line and
/// column; a failure to write (including a closed pipe) is [`Error::Io`].
pub fn run(
    store: &Store,
    sparql: &str,
    format: ResultFormat,
    options: &QueryOptions,
    out: &mut dyn Write,
) -> Result<()> {
    run_prepared(store, PreparedQuery::parse(sparql)?, format, options, out)
}

/// Like [`run`], for a query already parsed and bound ([`PreparedQuery`]).
pub fn run_prepared(
    store: &Store,
    query: PreparedQuery,
    format: ResultFormat,
    options: &QueryOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let mut evaluation = Evaluation::start(store, query, options);
    match evaluation.next()? {
        Event::Variables(variables) => write_solutions(&mut evaluation, &variables, format, out)?,
        Event::Boolean(value) => write_boolean(value, format, out)?,
        Event::Graph => write_graph(&mut evaluation, format, out)?,
        other => return Err(unexpected(&other)),
    }
    out.flush()?;
    Ok(())
}

/// Runs a SELECT query (same dataset and prefixes as [`run`], no time
/// limit) and returns its rows.
pub fn select(store: &Store, sparql: &str) -> Result<Rows> {
    select_prepared(store, PreparedQuery::parse(sparql)?)
}

/// Like [`select`], for a query already parsed and bound ([`PreparedQuery`]).
pub fn select_prepared(store: &Store, query: PreparedQuery) -> Result<Rows> {
    let mut evaluation = Evaluation::start(store, query, &QueryOptions::default());
    let variables = match evaluation.next()? {
        Event::Variables(variables) => variables,
        _ => return Err(Error::Usage("expected a SELECT query".to_owned())),
    };
    let mut rows = Vec::new();
    while let Some(solution) = evaluation.next_solution()? {
        rows.push(solution.values().to_vec());
    }
    Ok(Rows {
        variables: variables.iter().map(|v| v.as_str().to_owned()).collect(),
        rows,
    })
}

/// A query parsed with the known prefixes and the union default graph,
/// with values bound to some of its variables and, optionally, a cap on
/// how many results it gives; run it with [`run_prepared`] or
/// [`select_prepared`].
///
/// Binding uses Oxigraph's variable substitution: the value is an RDF term
/// handed to the evaluator, never text spliced into the query, so no value
/// can change what the query does.
#[derive(Clone)]
pub struct PreparedQuery {
    query: PreparedSparqlQuery,
    shape: Shape,
}

/// What the worker does to the results it streams: give at most `limit`,
/// and leave out the columns of `hidden` (bound) variables.
#[derive(Clone)]
struct Shape {
    limit: usize,
    hidden: Vec<Variable>,
}

impl PreparedQuery {
    /// Parses `sparql` (a [`Error::QuerySyntax`] when it does not parse).
    pub fn parse(sparql: &str) -> Result<PreparedQuery> {
        Ok(PreparedQuery {
            query: prepare(sparql)?,
            shape: Shape {
                limit: usize::MAX,
                hidden: Vec::new(),
            },
        })
    }

    /// Binds `?variable` (name without `?`) to `value` for the whole
    /// evaluation, as if every occurrence of the variable were that term.
    ///
    /// The variable must be projected by the query (named in its `SELECT`
    /// clause, and in the `SELECT` of any subquery that uses it), or
    /// evaluation fails; an invalid variable name is an [`Error::Usage`].
    /// Its column is left out of the results, since every row would just
    /// repeat `value`.
    pub fn bind(mut self, variable: &str, value: impl Into<Term>) -> Result<PreparedQuery> {
        let variable = Variable::new(variable)
            .map_err(|e| Error::Usage(format!("invalid variable name {variable:?}: {e}")))?;
        self.shape.hidden.push(variable.clone());
        self.query = self.query.substitute_variable(variable, value);
        Ok(self)
    }

    /// Gives at most `results` solutions (or triples), like a `LIMIT`
    /// after everything else in the query.
    pub fn limit(mut self, results: usize) -> PreparedQuery {
        self.shape.limit = results;
        self
    }
}

/// Parses `sparql` with the known prefixes and the union default graph.
fn prepare(sparql: &str) -> Result<PreparedSparqlQuery> {
    let mut evaluator = SparqlEvaluator::new();
    for (name, iri) in vocab::PREFIXES {
        evaluator = evaluator
            .with_prefix(*name, *iri)
            .map_err(|e| Error::QueryEvaluation(format!("built-in prefix {name}: {e}")))?;
    }
    let mut query = evaluator.parse_query(sparql).map_err(syntax_error)?;
    if query.dataset().is_default_dataset() {
        query.dataset_mut().set_default_graph_as_union();
    }
    Ok(query)
}

/// Turns the parser's error into [`Error::QuerySyntax`].
///
/// spargebra 0.4 has no accessor for the error position, but its message
/// starts with the parser's `error at LINE:COLUMN: ` (both 1-based); we read
/// the position from there and keep the rest as the message.
fn syntax_error(error: SparqlSyntaxError) -> Error {
    let text = error.to_string();
    match split_location(&text) {
        Some((line, column, message)) => Error::QuerySyntax {
            message: message.to_owned(),
            location: Some((line, column)),
        },
        None => Error::QuerySyntax {
            message: text,
            location: None,
        },
    }
}

/// `error at 3:5: expected ...` → `(3, 5, "expected ...")`.
fn split_location(text: &str) -> Option<(u64, u64, &str)> {
    let rest = text.strip_prefix("error at ")?;
    let (position, message) = rest.split_once(": ")?;
    let (line, column) = position.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?, message))
}

/// What the evaluation worker reports, in order: one head event
/// (`Variables`, `Boolean` or `Graph`), then solutions or triples, then
/// `End` — or `Failed` at any point.
enum Event {
    Variables(Vec<Variable>),
    Boolean(bool),
    Graph,
    Solution(QuerySolution),
    Triple(Triple),
    End,
    Failed(QueryEvaluationError),
}

/// How many results the worker may run ahead of the writer.
const CHANNEL_CAPACITY: usize = 256;

/// A query being evaluated on a worker thread, read with a deadline.
/// Dropping it cancels the worker.
struct Evaluation {
    events: Receiver<Event>,
    cancellation: CancellationToken,
    timeout: Option<Duration>,
    deadline: Option<Instant>,
}

impl Evaluation {
    /// Starts evaluating `query` on `store` in a new thread.
    fn start(store: &Store, query: PreparedQuery, options: &QueryOptions) -> Evaluation {
        let cancellation = CancellationToken::new();
        let (sender, events) = sync_channel(CHANNEL_CAPACITY);
        let shape = query.shape;
        let query = query.query.on_store(&store.inner);
        let token = cancellation.clone();
        std::thread::spawn(move || {
            evaluate(query.execute(), &shape, &token, &sender);
        });
        Evaluation {
            events,
            cancellation,
            timeout: options.timeout,
            deadline: options.timeout.map(|timeout| Instant::now() + timeout),
        }
    }

    /// The next event; a failure reported by the worker becomes an error,
    /// and so does passing the deadline.
    fn next(&mut self) -> Result<Event> {
        let event = match self.deadline {
            None => self.events.recv().map_err(|_| worker_vanished()),
            Some(deadline) => self.recv_before(deadline),
        }?;
        match event {
            Event::Failed(error) => Err(self.evaluation_error(error)),
            event => Ok(event),
        }
    }

    /// Waits for an event until `deadline`, checked before every receive so
    /// a worker that keeps producing cannot outrun it.
    fn recv_before(&self, deadline: Instant) -> Result<Event> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(self.timeout_error());
        }
        self.events.recv_timeout(left).map_err(|error| match error {
            RecvTimeoutError::Timeout => self.timeout_error(),
            RecvTimeoutError::Disconnected => worker_vanished(),
        })
    }

    /// The next solution, or `None` at the end.
    fn next_solution(&mut self) -> Result<Option<QuerySolution>> {
        match self.next()? {
            Event::Solution(solution) => Ok(Some(solution)),
            Event::End => Ok(None),
            other => Err(unexpected(&other)),
        }
    }

    /// The next triple, or `None` at the end.
    fn next_triple(&mut self) -> Result<Option<Triple>> {
        match self.next()? {
            Event::Triple(triple) => Ok(Some(triple)),
            Event::End => Ok(None),
            other => Err(unexpected(&other)),
        }
    }

    fn timeout_error(&self) -> Error {
        self.cancellation.cancel();
        Error::QueryTimeout {
            seconds: self.timeout.unwrap_or_default().as_secs_f64(),
        }
    }

    fn evaluation_error(&self, error: QueryEvaluationError) -> Error {
        match error {
            QueryEvaluationError::Cancelled => self.timeout_error(),
            error => Error::QueryEvaluation(error.to_string()),
        }
    }
}

impl Drop for Evaluation {
    fn drop(&mut self) {
        self.cancellation.cancel();
    }
}

/// The worker: streams `results`, shaped by `shape`, as events until done,
/// failed or cancelled. `None` means the reader has gone, so there is
/// nobody to tell.
fn evaluate(
    results: std::result::Result<QueryResults<'static>, QueryEvaluationError>,
    shape: &Shape,
    cancellation: &CancellationToken,
    sender: &SyncSender<Event>,
) -> Option<()> {
    match results {
        Err(error) => sender.send(Event::Failed(error)).ok(),
        Ok(QueryResults::Boolean(value)) => sender.send(Event::Boolean(value)).ok(),
        Ok(QueryResults::Solutions(solutions)) => {
            let columns = Columns::new(solutions.variables(), &shape.hidden);
            sender
                .send(Event::Variables(columns.variables.to_vec()))
                .ok()?;
            let solutions = solutions
                .take(shape.limit)
                .map(|solution| solution.map(|solution| columns.keep(&solution)));
            stream(solutions, Event::Solution, cancellation, sender)
        }
        Ok(QueryResults::Graph(triples)) => {
            sender.send(Event::Graph).ok()?;
            stream(
                triples.take(shape.limit),
                Event::Triple,
                cancellation,
                sender,
            )
        }
    }
}

/// The columns of a solution stream that are shown: every variable but the
/// hidden ones, by index.
struct Columns {
    variables: std::sync::Arc<[Variable]>,
    indices: Vec<usize>,
}

impl Columns {
    fn new(all: &[Variable], hidden: &[Variable]) -> Columns {
        let indices: Vec<usize> = (0..all.len())
            .filter(|&index| !hidden.contains(&all[index]))
            .collect();
        Columns {
            variables: indices.iter().map(|&index| all[index].clone()).collect(),
            indices,
        }
    }

    /// `solution` with only the shown columns.
    fn keep(&self, solution: &QuerySolution) -> QuerySolution {
        let values = solution.values();
        let kept: Vec<Option<Term>> = self
            .indices
            .iter()
            .map(|&index| values.get(index).cloned().flatten())
            .collect();
        QuerySolution::from((self.variables.clone(), kept))
    }
}

/// Sends every item of `items` as an event, then `End`; stops at the first
/// failure, once cancelled, or when the reader has gone (`None`).
fn stream<T>(
    items: impl Iterator<Item = std::result::Result<T, QueryEvaluationError>>,
    wrap: impl Fn(T) -> Event,
    cancellation: &CancellationToken,
    sender: &SyncSender<Event>,
) -> Option<()> {
    for item in items {
        if cancellation.is_cancelled() {
            return None;
        }
        match item {
            Ok(item) => sender.send(wrap(item)).ok()?,
            Err(error) => return sender.send(Event::Failed(error)).ok(),
        }
    }
    sender.send(Event::End).ok()
}

fn worker_vanished() -> Error {
    Error::QueryEvaluation("the query evaluation stopped unexpectedly".to_owned())
}

fn unexpected(event: &Event) -> Error {
    let name = match event {
        Event::Variables(_) => "variables",
        Event::Boolean(_) => "boolean",
        Event::Graph => "graph",
        Event::Solution(_) => "solution",
        Event::Triple(_) => "triple",
        Event::End => "end",
        Event::Failed(_) => "failure",
    };
    Error::QueryEvaluation(format!(
        "internal error: unexpected {name} in query results"
    ))
}

/// Writes SELECT results as `format`.
fn write_solutions(
    evaluation: &mut Evaluation,
    variables: &[Variable],
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<()> {
    if format == ResultFormat::Table {
        return write_table(evaluation, variables, out);
    }
    let results_format = format.results_format().ok_or_else(|| {
        Error::Usage(format!(
            "SELECT returns solutions, which cannot be written as {format}; use table, csv, tsv, json or xml"
        ))
    })?;
    let mut serializer = QueryResultsSerializer::from_format(results_format)
        .serialize_solutions_to_writer(&mut *out, variables.to_vec())?;
    while let Some(solution) = evaluation.next_solution()? {
        serializer.serialize(solution.iter())?;
    }
    serializer.finish()?;
    Ok(())
}

/// Writes an ASK result as `format` (`true`/`false` on a line for `table`).
fn write_boolean(value: bool, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
    if format == ResultFormat::Table {
        writeln!(out, "{value}")?;
        return Ok(());
    }
    let results_format = format.results_format().ok_or_else(|| {
        Error::Usage(format!(
            "ASK returns a boolean, which cannot be written as {format}; use table, csv, tsv, json or xml"
        ))
    })?;
    QueryResultsSerializer::from_format(results_format)
        .serialize_boolean_to_writer(&mut *out, value)?;
    Ok(())
}

/// Writes CONSTRUCT/DESCRIBE results as Turtle or N-Triples.
fn write_graph(
    evaluation: &mut Evaluation,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(format.graph_format()?);
    for (name, iri) in vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*name, *iri)
            .map_err(|e| Error::QueryEvaluation(format!("built-in prefix {name}: {e}")))?;
    }
    let mut writer = serializer.for_writer(&mut *out);
    while let Some(triple) = evaluation.next_triple()? {
        writer.serialize_triple(&triple)?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes solutions as an aligned table: a header row, a rule, one line
/// per solution, and a final `N rows` line. Reads all solutions first to
/// size the columns.
fn write_table(
    evaluation: &mut Evaluation,
    variables: &[Variable],
    out: &mut dyn Write,
) -> Result<()> {
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let mut lines = Vec::new();
    while let Some(solution) = evaluation.next_solution()? {
        lines.push(table_cells(&solution));
    }
    let widths = column_widths(&header, &lines);
    write_table_line(out, &header, &widths)?;
    let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
    write_table_line(out, &rule, &widths)?;
    for line in &lines {
        write_table_line(out, line, &widths)?;
    }
    let plural = if lines.len() == 1 { "" } else { "s" };
    writeln!(out, "{} row{plural}", lines.len())?;
    Ok(())
}

/// The cells of one solution, as shown in the table (empty when unbound).
fn table_cells(solution: &QuerySolution) -> Vec<String> {
    solution
        .values()
        .iter()
        .map(|value| value.as_ref().map(display_term).unwrap_or_default())
        .collect()
}

/// The display width of each column: its widest cell or header.
fn column_widths(header: &[String], lines: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|name| display_width(name)).collect();
    for line in lines {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(display_width(cell));
        }
    }
    widths
}

/// Writes one table line, cells padded to `widths` and separated by two
/// spaces; the last cell is not padded.
fn write_table_line(out: &mut dyn Write, cells: &[String], widths: &[usize]) -> Result<()> {
    let mut line = String::new();
    for (index, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if index > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        if index + 1 < cells.len() {
            line.push_str(&" ".repeat(width.saturating_sub(display_width(cell))));
        }
    }
    writeln!(out, "{line}")?;
    Ok(())
}

/// A term as people read it: IRIs shortened with the known prefixes
/// (`kg:Article`), literals as their lexical value, blank nodes as `_:id`.
/// Line breaks and tabs are shown as `\n`, `\r`, `\t` to keep one line.
pub fn display_term(term: &Term) -> String {
    let text = match term {
        Term::NamedNode(node) => shorten_iri(node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    };
    escape_controls(&text)
}

/// `https://w3id.org/policykg/ns#Article` → `kg:Article` (and minted
/// `kgid:doc/a1`, since `/` reads fine in a table though Turtle would
/// escape it); an IRI outside the known namespaces, or whose rest has
/// spaces, `#` or brackets, is returned whole, in angle brackets.
pub fn shorten_iri(iri: &str) -> String {
    vocab::PREFIXES
        .iter()
        .find_map(|(name, namespace)| {
            let local = iri.strip_prefix(namespace)?;
            is_plain_local_name(local).then(|| format!("{name}:{local}"))
        })
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// A local name clear to show after a prefix: no spaces, `#`, `?` or
/// brackets (Chinese characters and `/` are fine).
fn is_plain_local_name(local: &str) -> bool {
    !local
        .chars()
        .any(|c| matches!(c, '#' | '?' | '<' | '>' | '"' | '{' | '}') || c.is_whitespace())
}

fn escape_controls(text: &str) -> String {
    if !text.contains(['\n', '\r', '\t']) {
        return text.to_owned();
    }
    text.replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// Columns `text` takes in a terminal: East Asian wide and fullwidth
/// characters (CJK ideographs, kana, hangul, fullwidth punctuation such as
/// `，` and `。`) count 2, combining marks and other zero-width characters
/// 0, everything else 1.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    if is_zero_width(c) {
        0
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(c as u32,
        0x0000..=0x001F | 0x007F..=0x009F // control characters
        | 0x0300..=0x036F // combining diacritics
        | 0x200B..=0x200F // zero-width space, joiners, marks
        | 0x2060..=0x2064 // word joiner and invisible operators
        | 0xFE00..=0xFE0F // variation selectors
        | 0xFEFF // byte order mark
    )
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F // Hangul Jamo initials
        | 0x2E80..=0x303E // CJK radicals, punctuation (、。《》「」), ideographic space
        | 0x3041..=0x33FF // kana, bopomofo, CJK compatibility
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xA000..=0xA4CF // Yi
        | 0xAC00..=0xD7A3 // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFE10..=0xFE19 // vertical forms
        | 0xFE30..=0xFE6F // CJK compatibility forms, small forms
        | 0xFF00..=0xFF60 // fullwidth forms (，：；！？（）)
        | 0xFFE0..=0xFFE6 // fullwidth signs
        | 0x1F300..=0x1F64F // pictographs and emoticons
        | 0x1F900..=0x1F9FF // supplemental pictographs
        | 0x20000..=0x2FFFD // CJK extensions B and later
        | 0x30000..=0x3FFFD // CJK extension G and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_counts_cjk_as_two() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("制度型开放"), 10);
        assert_eq!(display_width("一是，接轨"), 10);
        assert_eq!(display_width("e\u{301}"), 1);
    }

    #[test]
    fn split_location_reads_peg_position() {
        assert_eq!(
            split_location("error at 3:14: expected one of \"}\""),
            Some((3, 14, "expected one of \"}\""))
        );
        assert_eq!(split_location("Invalid base IRI"), None);
    }

    #[test]
    fn shorten_iri_uses_known_prefixes() {
        assert_eq!(shorten_iri(&vocab::kg("Article")), "kg:Article");
        assert_eq!(
            shorten_iri(&format!("{}经济全球化", vocab::KGC)),
            "kgc:经济全球化"
        );
        assert_eq!(
            shorten_iri(&format!("{}doc/a1", vocab::KGID)),
            "kgid:doc/a1"
        );
        assert_eq!(
            shorten_iri(&format!("{}a b", vocab::KGID)),
            format!("<{}a b>", vocab::KGID)
        );
        assert_eq!(
            shorten_iri("http://example.com/x"),
            "<http://example.com/x>"
        );
    }

    #[test]
    fn result_format_parses_names_and_aliases() {
        assert_eq!(
            "nt".parse::<ResultFormat>().unwrap(),
            ResultFormat::NTriples
        );
        assert_eq!("JSON".parse::<ResultFormat>().unwrap(), ResultFormat::Json);
        for name in ResultFormat::NAMES {
            assert_eq!(name.parse::<ResultFormat>().unwrap().name(), *name);
        }
        assert!("yaml".parse::<ResultFormat>().is_err());
    }
}
