//! Named queries: the canned SPARQL of `queries/*.rq`, found by name and
//! run with parameters bound safely.
//!
//! Input: a query name and `key=value` parameters (from `policykg query
//! --name NAME --param key=value…`). Output: a [`PreparedQuery`] with each
//! parameter bound to its variable, run through [`crate::query`] like any
//! other query (same dataset, prefixes, formats and time limit).
//!
//! # The header
//!
//! Every `.rq` file opens with a block of `#` comment lines that says what
//! it answers and what it takes; the query starts at the first other line.
//! Lines of the form `# key: value` are fields; a line that starts with `#`
//! and at least two more spaces continues the field above it; any other
//! comment line is a free note for readers and is ignored.
//!
//! ```text
//! # name: articles-for-concept
//! # answers: Which articles mention a concept (or a narrower one), and how
//! #   often?
//! # param: concept (resource) — the concept: a prefLabel or altLabel, or its IRI
//! # param: limit (integer, optional, default 50) — at most this many rows
//! ```
//!
//! - `name` (required): lower-case letters, digits and `-`; the file is
//!   `queries/<name>.rq`.
//! - `answers` (required): the question the query answers, in a sentence.
//! - `param` (any number): `NAME (ATTRIBUTES) — DESCRIPTION`. `NAME` is a
//!   SPARQL variable name; the attributes in parentheses (all optional,
//!   comma-separated) are the kind — `text` (the default), `resource`,
//!   `integer`, `number`, or a choice such as `sentence|paragraph|article`
//!   — and `optional` or `default VALUE` (which implies optional). The
//!   description follows `—` (or ` - `).
//!
//! # Binding
//!
//! A parameter `NAME` binds the variable `?NAME` of the query to a term
//! built from the value — never by splicing text into the query, so a
//! value is always data (see [`PreparedQuery::bind`]):
//!
//! | kind | value given | term bound |
//! |---|---|---|
//! | `text` | anything | a plain literal (`xsd:string`) |
//! | `resource` | a label, an IRI, `<IRI>` or `prefix:local` with a known prefix | a plain literal: the full IRI for the last three, else the text; the query compares it with `STR(?x)` and with labels |
//! | `integer` | `-12`, `50` | an `xsd:integer` literal |
//! | `number` | `0.25`, `1e-3` | an `xsd:double` literal |
//! | choice | one of the listed words | a plain literal |
//!
//! One parameter is special: `limit` (kind `integer`, not below 0) caps the
//! number of rows, like a `LIMIT` at the end of the query.
//!
//! Oxigraph substitutes a variable only where the query projects it, so a
//! query must name every bound variable in its `SELECT` (and in the
//! `SELECT` of any subquery using it, with `GROUP BY` when it aggregates);
//! the bound columns are then left out of the results. Because the
//! optimizer plans the query before the values are known, a bound variable
//! must not stand alone as a `FILTER` or `BIND` expression (`FILTER(?x)`,
//! `BIND(?x AS ?y)`): the optimizer takes it for never bound and drops the
//! pattern. Compare it instead (`FILTER(STR(?l) = ?concept)`).
//!
//! # Writing one
//!
//! Resolve a parameter in a subquery of its own, as the bundled queries do
//! for concepts (`SELECT DISTINCT ?concept ?target WHERE { ?target
//! skos:prefLabel|skos:altLabel ?name FILTER(STR(?name) = ?concept ||
//! STR(?target) = ?concept) } LIMIT 100`): the filter then runs first
//! instead of after every join, and the `LIMIT` makes the planner, which
//! cannot know the value is bound, start from that small part and look the
//! rest up from it. Count with `COUNT(DISTINCT …)`, since the default graph
//! is the union of the named graphs.

use crate::error::{Error, Result};
use crate::query::{self, PreparedQuery, QueryOptions, ResultFormat, Rows};
use crate::rdf::vocab;
use crate::store::Store;
use oxigraph::model::{Literal, Term};
use std::fmt;
use std::io::Write;
use std::path::Path;

/// The bundled queries, as `(file name, text)`, in the order they are
/// listed.
const BUNDLED: &[(&str, &str)] = &[
    (
        "concepts-by-frequency.rq",
        include_str!("../../queries/concepts-by-frequency.rq"),
    ),
    (
        "articles-for-concept.rq",
        include_str!("../../queries/articles-for-concept.rq"),
    ),
    (
        "recommendations-for-concept.rq",
        include_str!("../../queries/recommendations-for-concept.rq"),
    ),
    (
        "cooccurring-concepts.rq",
        include_str!("../../queries/cooccurring-concepts.rq"),
    ),
    (
        "shared-concepts.rq",
        include_str!("../../queries/shared-concepts.rq"),
    ),
    (
        "concept-timeline.rq",
        include_str!("../../queries/concept-timeline.rq"),
    ),
    (
        "bridge-concepts.rq",
        include_str!("../../queries/bridge-concepts.rq"),
    ),
    (
        "recommendations-by-article.rq",
        include_str!("../../queries/recommendations-by-article.rq"),
    ),
    ("articles.rq", include_str!("../../queries/articles.rq")),
    (
        "article-concepts.rq",
        include_str!("../../queries/article-concepts.rq"),
    ),
    (
        "concept-contexts.rq",
        include_str!("../../queries/concept-contexts.rq"),
    ),
    (
        "central-concepts.rq",
        include_str!("../../queries/central-concepts.rq"),
    ),
];

/// The parameter that caps the number of rows instead of binding a
/// variable.
pub const LIMIT: &str = "limit";

/// A canned SPARQL query with its header read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedQuery {
    /// The name users call it by (`articles-for-concept`).
    pub name: String,
    /// The question it answers.
    pub answers: String,
    /// Its parameters, in header order.
    pub params: Vec<Param>,
    /// The whole file, header included (the header is SPARQL comments).
    pub text: String,
}

/// One parameter of a [`NamedQuery`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The name, also the name of the variable it binds (`concept` binds
    /// `?concept`), except [`LIMIT`].
    pub name: String,
    /// What to give, for people.
    pub description: String,
    /// Whether the parameter may be left out.
    pub optional: bool,
    /// The value used when it is left out.
    pub default: Option<String>,
    /// How the value is checked and turned into a term.
    pub kind: ParamKind,
}

/// How a parameter's value is checked and turned into a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamKind {
    /// Any text, bound as a plain literal.
    Text,
    /// A label or an IRI (full, `<…>` or prefixed), bound as a plain
    /// literal holding the text or the full IRI.
    Resource,
    /// An integer, bound as `xsd:integer`.
    Integer,
    /// A finite number, bound as `xsd:double`.
    Number,
    /// One of these words, bound as a plain literal.
    Choice(Vec<String>),
}

impl fmt::Display for ParamKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamKind::Text => f.write_str("text"),
            ParamKind::Resource => f.write_str("resource"),
            ParamKind::Integer => f.write_str("integer"),
            ParamKind::Number => f.write_str("number"),
            ParamKind::Choice(words) => f.write_str(&words.join("|")),
        }
    }
}

/// The queries shipped in `queries/`, in listing order.
pub fn bundled() -> Vec<NamedQuery> {
    BUNDLED
        .iter()
        .map(|(file, text)| {
            NamedQuery::parse(text).unwrap_or_else(|e| panic!("bundled query {file}: {e}"))
        })
        .collect()
}

/// The file names of the bundled queries (`articles-for-concept.rq`), in
/// listing order.
pub fn bundled_files() -> Vec<&'static str> {
    BUNDLED.iter().map(|(file, _)| *file).collect()
}

/// Reads every `*.rq` file in `dir` (not below it), sorted by name; a file
/// whose header does not parse, or whose name is not the file's, is an
/// [`Error::Malformed`] naming it.
pub fn load_dir(dir: &Path) -> Result<Vec<NamedQuery>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Read {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        if path.extension().is_some_and(|ext| ext == "rq") {
            paths.push(path);
        }
    }
    paths.sort();
    paths.iter().map(|path| load_file(path)).collect()
}

/// Reads one query file; its `name` must be its file stem.
fn load_file(path: &Path) -> Result<NamedQuery> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let malformed = |message: String| Error::Malformed {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    };
    let query = NamedQuery::parse(&text).map_err(|e| malformed(e.to_string()))?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if query.name != stem {
        return Err(malformed(format!(
            "the header says `name: {}` but the file is {stem}.rq; make them agree",
            query.name
        )));
    }
    Ok(query)
}

/// The query called `name` among `queries`; an unknown name is an
/// [`Error::Usage`] suggesting the closest names.
pub fn find<'a>(queries: &'a [NamedQuery], name: &str) -> Result<&'a NamedQuery> {
    if let Some(query) = queries.iter().find(|q| q.name == name) {
        return Ok(query);
    }
    let names: Vec<&str> = queries.iter().map(|q| q.name.as_str()).collect();
    let hint = match closest(name, &names).as_slice() {
        [] => String::new(),
        close => format!("did you mean {}? ", close.join(" or ")),
    };
    Err(Error::Usage(format!(
        "no named query {name:?}; {hint}the named queries are: {} (see `policykg queries`)",
        names.join(", ")
    )))
}

/// Runs the bundled query `name` with `params` (`key`, `value` pairs) on
/// `store`, writing its results to `out` as `format`.
pub fn run_named(
    store: &Store,
    name: &str,
    params: &[(String, String)],
    format: ResultFormat,
    options: &QueryOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let queries = bundled();
    let prepared = find(&queries, name)?.bind(params)?;
    query::run_prepared(store, prepared, format, options, out)
}

/// Runs the bundled query `name` with `params` and returns its rows.
pub fn select_named(store: &Store, name: &str, params: &[(String, String)]) -> Result<Rows> {
    let queries = bundled();
    let prepared = find(&queries, name)?.bind(params)?;
    query::select_prepared(store, prepared)
}

/// Splits a `--param` argument `key=value` at its first `=`; the value may
/// be empty and may contain `=`.
pub fn parse_param(argument: &str) -> Result<(String, String)> {
    match argument.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.to_owned()))
        }
        _ => Err(Error::Usage(format!(
            "--param expects key=value, got {argument:?}"
        ))),
    }
}

/// Writes the listing of `policykg queries`: each query's name and
/// question, then its parameters, one per line.
pub fn write_list(queries: &[NamedQuery], out: &mut dyn Write) -> Result<()> {
    for (index, query) in queries.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", query.name)?;
        writeln!(out, "    {}", query.answers)?;
        for param in &query.params {
            writeln!(out, "    --param {}=…  {}", param.name, param.summary())?;
        }
    }
    Ok(())
}

impl NamedQuery {
    /// Reads the header of a query file (see the module docs); the text is
    /// kept whole. A missing `name` or `answers`, a malformed `param`, a
    /// parameter whose variable the query never mentions, or a default that
    /// is not a valid value is an [`Error::Usage`]; SPARQL that does not
    /// parse is an [`Error::QueryEvaluation`] naming the query.
    pub fn parse(text: &str) -> Result<NamedQuery> {
        let fields = header_fields(text);
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        let name = field("name")
            .ok_or_else(|| Error::Usage("the header has no `# name:` line".to_owned()))?;
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(Error::Usage(format!(
                "query name {name:?} must be lower-case letters, digits and -"
            )));
        }
        let answers = field("answers").filter(|a| !a.is_empty()).ok_or_else(|| {
            Error::Usage(format!("query {name}: the header has no `# answers:` line"))
        })?;
        let mut params: Vec<Param> = Vec::new();
        for (_, spec) in fields.iter().filter(|(k, _)| k == "param") {
            let param =
                Param::parse(spec).map_err(|e| Error::Usage(format!("query {name}: {e}")))?;
            if params.iter().any(|p| p.name == param.name) {
                return Err(Error::Usage(format!(
                    "query {name}: parameter {} is declared twice",
                    param.name
                )));
            }
            params.push(param);
        }
        let query = NamedQuery {
            name,
            answers,
            params,
            text: text.to_owned(),
        };
        PreparedQuery::parse(text).map_err(|e| query.context(e))?;
        query.check_params()?;
        Ok(query)
    }

    /// Every parameter is used by the query, and every default is valid.
    fn check_params(&self) -> Result<()> {
        let body = self.body();
        for param in &self.params {
            let problem = if param.name == LIMIT && param.kind != ParamKind::Integer {
                Some("`limit` must be of kind integer".to_owned())
            } else if param.name != LIMIT && !mentions_variable(&body, &param.name) {
                Some(format!("the query never uses ?{}", param.name))
            } else {
                param
                    .default
                    .as_deref()
                    .and_then(|value| param.default_problem(value))
                    .map(|e| format!("bad default: {e}"))
            };
            if let Some(problem) = problem {
                return Err(Error::Usage(format!(
                    "query {}: parameter {}: {problem}",
                    self.name, param.name
                )));
            }
        }
        Ok(())
    }

    /// The query without its header comment.
    fn body(&self) -> String {
        self.text
            .lines()
            .skip_while(|line| is_header_line(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The query parsed with every parameter bound from `values` (`key`,
    /// `value` pairs) or its default, ready to run.
    ///
    /// A required parameter left out, an unknown or repeated key, or a
    /// value not of the parameter's kind is an [`Error::Usage`] naming the
    /// parameter and listing the ones the query takes.
    pub fn bind(&self, values: &[(String, String)]) -> Result<PreparedQuery> {
        self.check_keys(values)?;
        let mut prepared = PreparedQuery::parse(&self.text).map_err(|e| self.context(e))?;
        for param in &self.params {
            let given = values.iter().find(|(key, _)| *key == param.name);
            let value = match (given, &param.default) {
                (Some((_, value)), _) => value.as_str(),
                (None, Some(default)) => default.as_str(),
                (None, None) if param.optional => continue,
                (None, None) => {
                    return Err(Error::Usage(format!(
                        "query {} needs --param {}=… ({}); {}",
                        self.name,
                        param.name,
                        param.description,
                        self.param_list()
                    )))
                }
            };
            let term = param.term(value).map_err(|e| {
                Error::Usage(format!(
                    "query {}: parameter {}: {e}",
                    self.name, param.name
                ))
            })?;
            prepared = if param.name == LIMIT {
                prepared.limit(row_limit(&term)?)
            } else {
                prepared.bind(&param.name, term)?
            };
        }
        Ok(prepared)
    }

    /// Every key names a parameter, once.
    fn check_keys(&self, values: &[(String, String)]) -> Result<()> {
        for (index, (key, _)) in values.iter().enumerate() {
            if !self.params.iter().any(|p| p.name == *key) {
                let names: Vec<&str> = self.params.iter().map(|p| p.name.as_str()).collect();
                let hint = match closest(key, &names).as_slice() {
                    [] => String::new(),
                    close => format!("did you mean {}? ", close.join(" or ")),
                };
                return Err(Error::Usage(format!(
                    "query {} has no parameter {key:?}; {hint}{}",
                    self.name,
                    self.param_list()
                )));
            }
            if values[..index].iter().any(|(earlier, _)| earlier == key) {
                return Err(Error::Usage(format!(
                    "query {}: parameter {key} is given twice",
                    self.name
                )));
            }
        }
        Ok(())
    }

    /// `its parameters: concept, limit (optional)` (or that it has none).
    fn param_list(&self) -> String {
        if self.params.is_empty() {
            return "it takes no parameters".to_owned();
        }
        let names: Vec<String> = self
            .params
            .iter()
            .map(|p| {
                if p.optional {
                    format!("{} (optional)", p.name)
                } else {
                    p.name.clone()
                }
            })
            .collect();
        format!("its parameters: {}", names.join(", "))
    }

    /// Names this query in an error from parsing its text (a bug in the
    /// query file, not in the parameters).
    fn context(&self, error: Error) -> Error {
        Error::QueryEvaluation(format!("named query {}: {error}", self.name))
    }
}

impl Param {
    /// Reads `NAME (ATTRIBUTES) — DESCRIPTION` (see the module docs).
    fn parse(spec: &str) -> Result<Param> {
        let (head, description) = split_description(spec);
        let (name, attributes) = match head.split_once('(') {
            Some((name, rest)) => {
                let attributes = rest
                    .trim_end()
                    .strip_suffix(')')
                    .ok_or_else(|| Error::Usage(format!("param {spec:?}: unclosed parenthesis")))?;
                (name.trim(), attributes)
            }
            None => (head.trim(), ""),
        };
        if !is_variable_name(name) {
            return Err(Error::Usage(format!(
                "param {spec:?}: {name:?} is not a valid variable name (letters, digits, _)"
            )));
        }
        let mut param = Param {
            name: name.to_owned(),
            description: description.to_owned(),
            optional: false,
            default: None,
            kind: ParamKind::Text,
        };
        for attribute in attributes
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            param.apply(attribute)?;
        }
        Ok(param)
    }

    /// Applies one attribute from the parentheses.
    fn apply(&mut self, attribute: &str) -> Result<()> {
        match attribute {
            "optional" => self.optional = true,
            "text" => self.kind = ParamKind::Text,
            "resource" => self.kind = ParamKind::Resource,
            "integer" => self.kind = ParamKind::Integer,
            "number" => self.kind = ParamKind::Number,
            choice if choice.contains('|') => {
                self.kind =
                    ParamKind::Choice(choice.split('|').map(|w| w.trim().to_owned()).collect());
            }
            other => match other.strip_prefix("default") {
                Some(value) if value.starts_with(char::is_whitespace) => {
                    self.optional = true;
                    self.default = Some(value.trim().to_owned());
                }
                _ => {
                    return Err(Error::Usage(format!(
                        "param {}: unknown attribute {other:?} (use text, resource, integer, number, a|b|c, optional or default VALUE)",
                        self.name
                    )))
                }
            },
        }
        Ok(())
    }

    /// `(integer, optional, default 50) at most this many rows`, for
    /// listings.
    pub fn summary(&self) -> String {
        let mut attributes = Vec::new();
        if self.kind != ParamKind::Text {
            attributes.push(self.kind.to_string());
        }
        match &self.default {
            Some(default) => attributes.push(format!("default {default}")),
            None if self.optional => attributes.push("optional".to_owned()),
            None => {}
        }
        if attributes.is_empty() {
            self.description.clone()
        } else {
            format!("({}) {}", attributes.join(", "), self.description)
        }
    }

    /// Why `value` cannot be this parameter's default, if it cannot.
    fn default_problem(&self, value: &str) -> Option<String> {
        match self.term(value) {
            Err(problem) => Some(problem),
            Ok(term) if self.name == LIMIT => row_limit(&term).err().map(|e| e.to_string()),
            Ok(_) => None,
        }
    }

    /// The term `value` binds, or why it is not a valid value.
    pub fn term(&self, value: &str) -> std::result::Result<Term, String> {
        match &self.kind {
            ParamKind::Text => Ok(Literal::new_simple_literal(value).into()),
            ParamKind::Resource => Ok(Literal::new_simple_literal(expand_iri(value)).into()),
            ParamKind::Integer => value
                .trim()
                .parse::<i64>()
                .map(|n| Literal::from(n).into())
                .map_err(|_| format!("{value:?} is not an integer")),
            ParamKind::Number => match value.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(Literal::from(n).into()),
                _ => Err(format!("{value:?} is not a number")),
            },
            ParamKind::Choice(words) => {
                if words.iter().any(|w| w == value) {
                    Ok(Literal::new_simple_literal(value).into())
                } else {
                    Err(format!("{value:?} is not one of {}", words.join(", ")))
                }
            }
        }
    }
}

/// The row cap a bound `limit` term stands for; below zero is an error.
fn row_limit(term: &Term) -> Result<usize> {
    let value = match term {
        Term::Literal(literal) => literal.value(),
        _ => "",
    };
    value
        .parse::<usize>()
        .map_err(|_| Error::Usage(format!("limit must be 0 or more, got {value}")))
}

/// `<IRI>` → `IRI`; `kgc:经济全球化` → the full IRI when the prefix is one of
/// [`vocab::PREFIXES`]; anything else unchanged.
fn expand_iri(value: &str) -> String {
    if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        return iri.to_owned();
    }
    if let Some((prefix, local)) = value.split_once(':') {
        if let Some((_, namespace)) = vocab::PREFIXES.iter().find(|(name, _)| *name == prefix) {
            if !local.is_empty() && !local.starts_with("//") {
                return format!("{namespace}{local}");
            }
        }
    }
    value.to_owned()
}

/// The `(key, value)` fields of the header, continuation lines joined.
fn header_fields(text: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut continuing = false;
    for line in text.lines().take_while(|line| is_header_line(line)) {
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            continuing = false;
            continue;
        };
        if let Some((key, value)) = field_line(comment) {
            fields.push((key.to_owned(), value.trim().to_owned()));
            continuing = true;
        } else if continuing && comment.starts_with("   ") && !comment.trim().is_empty() {
            let last = fields.last_mut().expect("continuing implies a field");
            last.1.push(' ');
            last.1.push_str(comment.trim());
        } else {
            continuing = false;
        }
    }
    fields
}

/// ` name: value` → `("name", " value")` for the known keys.
fn field_line(comment: &str) -> Option<(&str, &str)> {
    let (key, value) = comment.trim_start().split_once(':')?;
    matches!(key, "name" | "answers" | "param").then_some((key, value))
}

/// A line of the leading comment block: a comment, or blank.
fn is_header_line(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

/// Splits `head — description` at the first ` — `, `—` or ` - `.
fn split_description(spec: &str) -> (&str, &str) {
    for separator in ["—", " - "] {
        if let Some((head, description)) = spec.split_once(separator) {
            return (head.trim(), description.trim());
        }
    }
    (spec.trim(), "")
}

/// A SPARQL variable name we accept: ASCII letters, digits and `_`, not
/// starting with a digit.
fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `?name` or `$name` occurs in `sparql` as a whole variable.
fn mentions_variable(sparql: &str, name: &str) -> bool {
    ["?", "$"].iter().any(|sigil| {
        let needle = format!("{sigil}{name}");
        sparql.match_indices(&needle).any(|(at, _)| {
            !sparql[at + needle.len()..]
                .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        })
    })
}

/// The names in `candidates` close to `wanted`: within a third of its
/// length in edit distance, or containing it, or contained in it.
fn closest<'a>(wanted: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    let budget = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .iter()
        .filter_map(|candidate| {
            let distance = edit_distance(wanted, candidate);
            let related = candidate.contains(wanted) || wanted.contains(candidate);
            (distance <= budget || related).then_some((distance, *candidate))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "# name: demo\n# answers: What is\n#   shown?\n# A free note.\n# param: concept (resource) — a concept\n# param: limit (integer, default 5) - rows\n\nSELECT ?concept WHERE {}\n";

    #[test]
    fn header_fields_join_continuations_and_skip_notes() {
        let query = NamedQuery::parse(HEADER).unwrap();
        assert_eq!(query.name, "demo");
        assert_eq!(query.answers, "What is shown?");
        assert_eq!(query.params.len(), 2);
        assert_eq!(query.params[0].kind, ParamKind::Resource);
        assert_eq!(query.params[0].description, "a concept");
        assert!(!query.params[0].optional);
        assert_eq!(query.params[1].default.as_deref(), Some("5"));
        assert!(query.params[1].optional);
    }

    #[test]
    fn param_parses_choices_and_refuses_unknown_attributes() {
        let param = Param::parse("scope (a|b, default b) — which").unwrap();
        assert_eq!(param.kind, ParamKind::Choice(vec!["a".into(), "b".into()]));
        assert!(param.term("c").is_err());
        assert!(Param::parse("x (fuzzy)").is_err());
        assert!(Param::parse("min-count (integer)").is_err());
    }

    #[test]
    fn parse_refuses_unused_params_and_bad_defaults() {
        let unused = "# name: q\n# answers: a\n# param: other\nSELECT ?x WHERE {}";
        assert!(NamedQuery::parse(unused).is_err());
        let bad = "# name: q\n# answers: a\n# param: n (integer, default ten)\nSELECT ?n WHERE {}";
        assert!(NamedQuery::parse(bad).is_err());
        assert!(NamedQuery::parse("SELECT * WHERE {}").is_err());
        let broken = "# name: q\n# answers: a\nSELECT ?x WHERE {";
        assert!(matches!(
            NamedQuery::parse(broken),
            Err(Error::QueryEvaluation(message)) if message.starts_with("named query q:")
        ));
    }

    #[test]
    fn mentions_variable_needs_the_whole_name() {
        assert!(mentions_variable("FILTER(?a = 1)", "a"));
        assert!(!mentions_variable("FILTER(?ab = 1)", "a"));
        assert!(mentions_variable("SELECT $a", "a"));
    }

    #[test]
    fn expand_iri_knows_prefixes_and_brackets() {
        assert_eq!(
            expand_iri("kgc:经济全球化"),
            format!("{}经济全球化", vocab::KGC)
        );
        assert_eq!(expand_iri("<http://x/y>"), "http://x/y");
        assert_eq!(expand_iri("http://x/y"), "http://x/y");
        assert_eq!(expand_iri("经济全球化"), "经济全球化");
        assert_eq!(expand_iri("foo:bar"), "foo:bar");
    }

    #[test]
    fn closest_suggests_near_names() {
        let names = ["articles-for-concept", "concept-timeline", "articles"];
        assert_eq!(
            closest("article-for-concept", &names),
            vec!["articles-for-concept"]
        );
        assert_eq!(closest("timeline", &names), vec!["concept-timeline"]);
        assert!(closest("zzz", &names).is_empty());
    }

    #[test]
    fn parse_param_splits_at_first_equals() {
        assert_eq!(
            parse_param("concept=a=b").unwrap(),
            ("concept".to_owned(), "a=b".to_owned())
        );
        assert!(parse_param("concept").is_err());
        assert!(parse_param("=x").is_err());
    }
}
