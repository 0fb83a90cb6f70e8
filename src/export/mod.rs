//! Exports: the store out as files that Gephi, Graphviz, spreadsheets,
//! networkx, igraph and other RDF tools read.
//!
//! Input: a [`Store`] and [`ExportOptions`]. Output: a network (concepts,
//! articles, or both, with their co-occurrence, mention and shared-concept
//! edges) as Gephi CSV, GraphML, GEXF or DOT, or the RDF itself as
//! N-Quads, TriG or Turtle.
//!
//! The network formats all write one [`Network`], read from the store by
//! SPARQL against the vocabulary contract (`design/ONTOLOGY.md`):
//! `kg:Mention`s for concepts and articles, `kg:Cooccurrence` resources of
//! the corpus graph for concept–concept edges, and any literal the corpus
//! graph states about a node (mention counts, centralities, communities) as
//! a node attribute. So whatever writes those quads, the exports follow.
//!
//! Invariant: the same store content gives byte-identical exports in every
//! format. Nodes are sorted by id, edges by their ends, attributes are
//! declared in a fixed order, numbers have one rendering, and RDF dumps
//! name blank nodes canonically and sort their quads.
//!
//! Where things go ([`export`]): CSV writes `nodes.csv` and `edges.csv`
//! into a directory (created when missing); every other format writes one
//! file, or any writer through [`write()`].

mod csv;
mod dot;
mod dump;
mod gexf;
mod graphml;
mod network;
mod read;
pub(crate) mod xml;

pub use crate::corpus::cooccurrence::Scope;
pub use network::{short_id, Attribute, Edge, EdgeKind, Network, Node, NodeKind, Value, ValueKind};

use crate::error::{Error, Result};
use crate::store::Store;
use serde::Serialize;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The file names a CSV export writes into its directory.
pub const CSV_FILES: [&str; 2] = ["nodes.csv", "edges.csv"];

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Gephi's spreadsheet convention: `nodes.csv` and `edges.csv`.
    Csv,
    /// GraphML (networkx, igraph, Gephi, yEd, Cytoscape).
    #[default]
    GraphMl,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// Graphviz DOT.
    Dot,
    /// N-Quads: every quad, with its graph.
    NQuads,
    /// TriG: every quad, grouped by graph, with the known prefixes.
    TriG,
    /// Turtle: one graph (or the union of all), with the known prefixes.
    Turtle,
}

impl Format {
    /// The canonical names accepted by [`FromStr`], for help texts.
    pub const NAMES: &'static [&'static str] =
        &["csv", "graphml", "gexf", "dot", "nquads", "trig", "turtle"];

    /// The canonical name of this format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::GraphMl => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::NQuads => "nquads",
            Format::TriG => "trig",
            Format::Turtle => "turtle",
        }
    }

    /// Whether this format dumps RDF rather than writing a network.
    pub fn is_rdf(self) -> bool {
        matches!(self, Format::NQuads | Format::TriG | Format::Turtle)
    }

    /// The usual file extension, without the dot (`None` for CSV, which
    /// writes a directory).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Csv => None,
            Format::GraphMl => Some("graphml"),
            Format::Gexf => Some("gexf"),
            Format::Dot => Some("dot"),
            Format::NQuads => Some("nq"),
            Format::TriG => Some("trig"),
            Format::Turtle => Some("ttl"),
        }
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Parses a format name, case-insensitively (`nq`, `ttl`, `gv` accepted).
    fn from_str(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "graphml" => Ok(Format::GraphMl),
            "gexf" => Ok(Format::Gexf),
            "dot" | "gv" => Ok(Format::Dot),
            "nquads" | "n-quads" | "nq" => Ok(Format::NQuads),
            "trig" => Ok(Format::TriG),
            "turtle" | "ttl" => Ok(Format::Turtle),
            _ => Err(Error::Usage(format!(
                "unknown export format {name:?}; use one of {}",
                Self::NAMES.join(", ")
            ))),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which network to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GraphKind {
    /// Concepts, joined by their co-occurrence in the chosen scope
    /// (weight: `kg:count`).
    #[default]
    Concepts,
    /// Articles and concepts, each article joined to the concepts it
    /// mentions (weight: the number of mentions).
    Mentions,
    /// Articles, joined when they mention the same concepts (weight: the
    /// number of distinct concepts both mention). Every pair sharing a
    /// concept is an edge; `min_weight: Some(3.0)` keeps those sharing three
    /// or more, as `relate`'s `kg:ArticleLink`s do (before their cut to
    /// the ten most similar per article).
    Articles,
    /// All of the above in one network.
    All,
}

impl GraphKind {
    /// The canonical names accepted by [`FromStr`].
    pub const NAMES: &'static [&'static str] = &["concepts", "mentions", "articles", "all"];

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            GraphKind::Concepts => "concepts",
            GraphKind::Mentions => "mentions",
            GraphKind::Articles => "articles",
            GraphKind::All => "all",
        }
    }

    fn has_cooccurrence(self) -> bool {
        matches!(self, GraphKind::Concepts | GraphKind::All)
    }

    fn has_mentions(self) -> bool {
        matches!(self, GraphKind::Mentions | GraphKind::All)
    }

    fn has_shared(self) -> bool {
        matches!(self, GraphKind::Articles | GraphKind::All)
    }
}

impl FromStr for GraphKind {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "concepts" | "concept" => Ok(GraphKind::Concepts),
            "mentions" | "mention" => Ok(GraphKind::Mentions),
            "articles" | "article" => Ok(GraphKind::Articles),
            "all" => Ok(GraphKind::All),
            _ => Err(Error::Usage(format!(
                "unknown graph {name:?}; use one of {}",
                Self::NAMES.join(", ")
            ))),
        }
    }
}

/// What to export and how; validated by [`export()`] and [`write()`].
///
/// The default: GraphML of the concept network at paragraph scope (the
/// network whose centralities and communities `relate` stores), unfiltered.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportOptions {
    /// The output format.
    pub format: Format,
    /// Which network (network formats only).
    pub graph: GraphKind,
    /// Which co-occurrence scope (`kg:SentenceScope`, ...) gives the
    /// concept–concept edges. Node metrics (`pagerank`, `community`, ...)
    /// are the ones the corpus graph holds whatever the scope (`relate`
    /// computes them on the paragraph-scope network).
    pub scope: Scope,
    /// Leave out edges lighter than this, and then the nodes left without
    /// any edge (network formats only).
    pub min_weight: Option<f64>,
    /// Keep only this many nodes, the heaviest by weighted degree (ties:
    /// more edges first, then by id), and the edges among them (network
    /// formats only).
    pub top: Option<usize>,
    /// Keep only these concepts (by preferred or alternative label, id such
    /// as `kgc:经济全球化`, or IRI) and their neighbours, with the edges
    /// among them; in the articles network, the articles that mention them
    /// (network formats only).
    pub concepts: Vec<String>,
    /// Start each CSV file with the byte order mark Excel needs to read
    /// UTF-8 (and so show Chinese).
    pub excel_bom: bool,
    /// RDF formats only: dump just this named graph (an IRI, a short form
    /// such as `kgid:doc/…`, or `corpus`, `lexicon`, `vocabulary`,
    /// `discovered`); `None` dumps the whole store (for Turtle, which holds
    /// one graph, the union of all graphs).
    pub named_graph: Option<String>,
    /// Network formats: whether discovered terms (not accepted into the
    /// lexicon) are nodes too; by default they are left out, with their
    /// edges.
    pub discovered: crate::corpus::cooccurrence::Discovered,
    /// Network formats: keep concepts that have no edge as nodes (by
    /// default a co-occurrence network holds only concepts with an edge).
    pub isolated: bool,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            format: Format::default(),
            graph: GraphKind::default(),
            scope: Scope::Paragraph,
            min_weight: None,
            top: None,
            concepts: Vec::new(),
            excel_bom: false,
            named_graph: None,
            discovered: crate::corpus::cooccurrence::Discovered::default(),
            isolated: false,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportSummary {
    /// The format written.
    pub format: Format,
    /// Nodes written (network formats; 0 for RDF).
    pub nodes: usize,
    /// Edges written (network formats; 0 for RDF).
    pub edges: usize,
    /// Quads (or triples, for Turtle) written (RDF formats; 0 otherwise).
    pub quads: usize,
    /// The files written (empty when writing to a writer).
    pub files: Vec<PathBuf>,
}

/// Exports to the file system: CSV writes [`CSV_FILES`] into the directory
/// `out` (created when missing, files replaced); every other format writes
/// the file `out`.
///
/// The export is made in memory first, so a failure (an unknown concept, a
/// missing graph) leaves existing files as they were.
pub fn export(store: &Store, options: &ExportOptions, out: &Path) -> Result<ExportSummary> {
    validate(options)?;
    if options.format == Format::Csv {
        return export_csv(store, options, out);
    }
    let mut buffer = Vec::new();
    let mut summary = write(store, options, &mut buffer)?;
    std::fs::write(out, buffer).map_err(|source| write_error(out, source))?;
    summary.files.push(out.to_path_buf());
    Ok(summary)
}

/// Exports in one stream (standard output, a buffer): every format but CSV,
/// which needs two files (use [`export`] or [`network`] and
/// [`write_csv`]).
pub fn write(store: &Store, options: &ExportOptions, out: &mut dyn Write) -> Result<ExportSummary> {
    validate(options)?;
    if options.format == Format::Csv {
        return Err(Error::Usage(
            "a CSV export writes two files (nodes.csv, edges.csv): give a directory to write them into"
                .to_owned(),
        ));
    }
    let mut summary = ExportSummary {
        format: options.format,
        nodes: 0,
        edges: 0,
        quads: 0,
        files: Vec::new(),
    };
    if options.format.is_rdf() {
        summary.quads = dump::dump(store, options, out)?;
    } else {
        let network = network(store, options)?;
        (summary.nodes, summary.edges) = (network.nodes.len(), network.edges.len());
        match options.format {
            Format::GraphMl => graphml::write(&network, out)?,
            Format::Gexf => gexf::write(&network, &describe(options), out)?,
            Format::Dot => dot::write(&network, out)?,
            Format::Csv | Format::NQuads | Format::TriG | Format::Turtle => {
                unreachable!("handled above")
            }
        }
    }
    out.flush()?;
    Ok(summary)
}

/// The network `options` describe, read from the store, filtered, sorted.
pub fn network(store: &Store, options: &ExportOptions) -> Result<Network> {
    network::build(store, options)
}

/// Writes `network` in Gephi's spreadsheet convention: the node table to
/// `nodes`, the edge table to `edges`, each after the byte order mark when
/// `options.excel_bom` asks for it.
pub fn write_csv(
    network: &Network,
    options: &ExportOptions,
    nodes: &mut dyn Write,
    edges: &mut dyn Write,
) -> Result<()> {
    let preamble = if options.excel_bom { csv::BOM } else { b"" };
    csv::write_nodes(network, preamble, nodes)?;
    csv::write_edges(network, preamble, edges)
}

/// CSV: `nodes.csv` and `edges.csv` in the directory `dir`.
fn export_csv(store: &Store, options: &ExportOptions, dir: &Path) -> Result<ExportSummary> {
    let network = network(store, options)?;
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    write_csv(&network, options, &mut nodes, &mut edges)?;
    std::fs::create_dir_all(dir).map_err(|source| write_error(dir, source))?;
    let paths: Vec<PathBuf> = CSV_FILES.iter().map(|name| dir.join(name)).collect();
    for (path, bytes) in paths.iter().zip([nodes, edges]) {
        std::fs::write(path, bytes).map_err(|source| write_error(path, source))?;
    }
    Ok(ExportSummary {
        format: Format::Csv,
        nodes: network.nodes.len(),
        edges: network.edges.len(),
        quads: 0,
        files: paths,
    })
}

/// Refuses options that do not fit together, with a message that says
/// what to do.
fn validate(options: &ExportOptions) -> Result<()> {
    if let Some(weight) = options.min_weight {
        if !weight.is_finite() {
            return Err(Error::Usage(format!(
                "the minimum weight must be a number, not {weight}"
            )));
        }
    }
    let filtered =
        options.min_weight.is_some() || options.top.is_some() || !options.concepts.is_empty();
    if options.format.is_rdf() && filtered {
        return Err(Error::Usage(format!(
            "--min-weight, --top and --concept select part of a network; {} dumps RDF (use csv, graphml, gexf or dot)",
            options.format
        )));
    }
    if !options.format.is_rdf() && options.named_graph.is_some() {
        return Err(Error::Usage(format!(
            "a named graph can only be dumped as nquads, trig or turtle, not as {}",
            options.format
        )));
    }
    Ok(())
}

/// A one-line description of the exported network, for file metadata.
fn describe(options: &ExportOptions) -> String {
    let mut text = format!("policykg {} network", options.graph.name());
    if options.graph.has_cooccurrence() {
        text.push_str(&format!(", {} co-occurrence", options.scope.name()));
    }
    text
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io(std::io::Error::new(
        source.kind(),
        format!("cannot write {}: {source}", path.display()),
    ))
}
