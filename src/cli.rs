//! Command-line arguments (clap derive; the `///` docs are the `--help`)
//! and the dispatch from each subcommand to the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use policykg::ingest::{self, Progress};
use policykg::query::{self, QueryOptions, ResultFormat};
use policykg::store::Store;

/// Exit code when a command failed.
pub const EXIT_ERROR: u8 = 1;
/// Exit code when ingest finished but skipped some files.
pub const EXIT_SKIPPED: u8 = 3;

/// Turn Chinese policy writing into a knowledge graph you can query.
///
/// Typical session:
///
///   policykg ingest articles/            # build or update ./policykg.db
///   policykg stats                       # what is in the store
///   policykg query 'SELECT ?t WHERE { ?a a kg:Article ; dcterms:title ?t }'
///
/// The store is an on-disk RDF store (Oxigraph); every input file becomes
/// one named graph, replaced whole when the file changes.
#[derive(Debug, Parser)]
#[command(
    name = "policykg",
    version,
    about,
    long_about,
    max_term_width = 100,
    verbatim_doc_comment
)]
pub struct Args {
    /// The store directory (created on first use).
    #[arg(
        long,
        global = true,
        env = "POLICYKG_DB",
        default_value = "policykg.db"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles into the store: files and folders (recursive, .txt and .md).
    ///
    /// Text pulled out of newspaper PDFs is repaired (hard line breaks,
    /// letter-spacing), several articles in one file are split at their
    /// attributions, and titles, sections, paragraphs, sentences and
    /// recommendations (一是…二是…, 其一…, 首先…最后…) are recovered.
    /// Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
    ///
    /// Re-ingesting an unchanged file does nothing; a changed file replaces
    /// its graph. Files that cannot be read are listed with the reason and
    /// the exit code is 3; the rest is ingested.
    ///
    /// Dates come from a manifest or the file name (rmrb_20190222-09-01.txt
    /// → 2019-02-22, gwr_1954.txt → 1954).
    Ingest {
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// CSV with a header row and columns path,title,date,source,author,url
        /// (any subset with path); its values win over the file name.
        #[arg(long, value_name = "FILE.csv")]
        manifest: Option<PathBuf>,
        /// A lexicon to match besides the bundled one: SKOS Turtle (.ttl) or
        /// CSV (.csv, columns label,altLabels,broader). Repeatable. The store
        /// keeps it for later runs; changing the lexicon re-matches every
        /// stored document.
        #[arg(long, value_name = "FILE")]
        lexicon: Vec<PathBuf>,
        /// Use only the --lexicon files, not the bundled lexicon.
        #[arg(long, requires = "lexicon")]
        only_lexicon: bool,
        /// Do not discover new candidate terms (see `policykg suggest`).
        #[arg(long)]
        no_discover: bool,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the terms discovery found that are not in the lexicon, ranked.
    ///
    /// Each comes with its mentions, the documents it occurs in, its termhood
    /// score and an example line. `--format ttl` writes them as SKOS Turtle,
    /// ready to curate and load with `policykg ingest --lexicon FILE`.
    Suggest {
        /// How many terms to list.
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SuggestFormat::Table)]
        format: SuggestFormat,
    },
    /// Remove the documents read from these files (or files under these folders).
    Remove {
        /// Paths as given to ingest.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run SPARQL over the store.
    ///
    /// The default graph is the union of all documents, so queries need no
    /// GRAPH clause, and the prefixes kg:, kgid:, kgc:, skos:, dcterms:,
    /// nif:, prov:, rdf:, rdfs: and xsd: are predeclared.
    ///
    /// SELECT and ASK print a table, or SPARQL results as csv, tsv, json or
    /// xml; CONSTRUCT and DESCRIBE print Turtle, or N-Triples with
    /// --format ntriples.
    ///
    /// Example:
    ///   policykg query 'SELECT ?label WHERE { ?r a kg:Recommendation ; rdfs:label ?label }'
    #[command(verbatim_doc_comment)]
    Query {
        /// The query text (or use -f or --name).
        #[arg(required_unless_present_any = ["file", "name"], conflicts_with_all = ["file", "name"])]
        query: Option<String>,
        /// Read the query from a file.
        #[arg(
            short = 'f',
            long = "file",
            value_name = "FILE.rq",
            conflicts_with = "name"
        )]
        file: Option<PathBuf>,
        /// Run a named query from queries/ (see `policykg queries`).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// A value for a named query's parameter, bound as data, never
        /// spliced into the query text. Repeatable.
        #[arg(long = "param", value_name = "KEY=VALUE", requires = "name")]
        params: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Give up after this many seconds.
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<f64>,
    },
    /// Show the structure recovered from files, without touching the store.
    ///
    /// Prints each article's title, column, creator, sections, paragraphs
    /// (with their source line) and recommendations: a quick way to check
    /// what ingest will store.
    Outline {
        /// Files to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Export the concept network, the concept–article network, the
    /// article network, or the RDF itself, for Gephi, networkx, Cytoscape,
    /// Graphviz, Excel or another triplestore.
    ///
    /// Network formats: csv (Gephi's nodes.csv and edges.csv, written into
    /// the --out folder), graphml, gexf, dot. RDF: nquads and trig (the
    /// whole store, or --named-graph), turtle. Every co-occurrence measure
    /// and concept metric comes along as an attribute. The same store always
    /// gives byte-identical files.
    ///
    /// Examples:
    ///   policykg export --format graphml --out concepts.graphml
    ///   policykg export --format csv --graph articles --excel --out gephi/
    ///   policykg export --format graphml --concept 制度型开放 --scope sentence --out c.graphml
    ///   policykg export --format nquads --out all.nq
    #[command(verbatim_doc_comment)]
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Graphml)]
        format: ExportFormat,
        /// Which network.
        #[arg(long, value_enum, default_value_t = ExportGraph::Concepts)]
        graph: ExportGraph,
        /// Which co-occurrence scope joins concepts.
        #[arg(long, value_enum, default_value_t = ExportScope::Paragraph)]
        scope: ExportScope,
        /// Leave out edges lighter than this.
        #[arg(long, value_name = "X")]
        min_weight: Option<f64>,
        /// Keep only the N heaviest nodes.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Keep only these concepts and their neighbours. Repeatable.
        #[arg(long, value_name = "LABEL")]
        concept: Vec<String>,
        /// Start CSV files with the byte order mark Excel needs for Chinese.
        #[arg(long)]
        excel: bool,
        /// RDF formats: dump only this graph (an IRI, or corpus, lexicon,
        /// vocabulary, discovered).
        #[arg(long, value_name = "GRAPH")]
        named_graph: Option<String>,
        /// Where to write: a file, or a folder for csv. Standard output when
        /// omitted (not for csv).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// List the named queries (queries/*.rq): what each answers and its parameters.
    ///
    /// Run one with `policykg query --name NAME --param key=value`.
    Queries,
    /// Counts per class, documents, and the store's size on disk.
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// nodes.csv and edges.csv in Gephi's spreadsheet convention.
    Csv,
    /// GraphML.
    Graphml,
    /// GEXF 1.3.
    Gexf,
    /// Graphviz DOT.
    Dot,
    /// N-Quads.
    Nquads,
    /// TriG.
    Trig,
    /// Turtle.
    Turtle,
}

/// Networks of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportGraph {
    /// Concepts joined by co-occurrence.
    Concepts,
    /// Articles joined to the concepts they mention.
    Mentions,
    /// Articles joined by shared concepts.
    Articles,
    /// All of the above.
    All,
}

/// Co-occurrence scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportScope {
    /// Same sentence.
    Sentence,
    /// Same paragraph.
    Paragraph,
    /// Same article.
    Article,
}

/// Output formats of `suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// Aligned columns for people.
    Table,
    /// CSV with a header row.
    Csv,
    /// SKOS Turtle to curate into a lexicon.
    Ttl,
}

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// SPARQL results CSV.
    Csv,
    /// SPARQL results TSV.
    Tsv,
    /// SPARQL results JSON.
    Json,
    /// SPARQL results XML.
    Xml,
    /// Turtle (CONSTRUCT/DESCRIBE).
    Turtle,
    /// N-Triples (CONSTRUCT/DESCRIBE).
    Ntriples,
}

impl From<Format> for ResultFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Table => ResultFormat::Table,
            Format::Csv => ResultFormat::Csv,
            Format::Tsv => ResultFormat::Tsv,
            Format::Json => ResultFormat::Json,
            Format::Xml => ResultFormat::Xml,
            Format::Turtle => ResultFormat::Turtle,
            Format::Ntriples => ResultFormat::NTriples,
        }
    }
}

/// Runs one command.
pub fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Command::Ingest {
            paths,
            manifest,
            lexicon,
            only_lexicon,
            no_discover,
            json,
        } => {
            let options = ingest::Options {
                manifest,
                lexicons: lexicon,
                replace_bundled: only_lexicon,
                discover: !no_discover,
            };
            run_ingest(&args.db, &paths, &options, json)
        }
        Command::Suggest { top, format } => run_suggest(&args.db, top, format),
        Command::Remove { paths } => run_remove(&args.db, &paths),
        Command::Query {
            query,
            file,
            name,
            params,
            format,
            timeout,
        } => match name {
            Some(name) => run_named_query(&args.db, &name, &params, format, timeout),
            None => run_query(&args.db, query, file, format, timeout),
        },
        Command::Export {
            format,
            graph,
            scope,
            min_weight,
            top,
            concept,
            excel,
            named_graph,
            out,
        } => {
            use policykg::export::{ExportOptions, Format as F, GraphKind as G};
            let options = ExportOptions {
                format: match format {
                    ExportFormat::Csv => F::Csv,
                    ExportFormat::Graphml => F::GraphMl,
                    ExportFormat::Gexf => F::Gexf,
                    ExportFormat::Dot => F::Dot,
                    ExportFormat::Nquads => F::NQuads,
                    ExportFormat::Trig => F::TriG,
                    ExportFormat::Turtle => F::Turtle,
                },
                graph: match graph {
                    ExportGraph::Concepts => G::Concepts,
                    ExportGraph::Mentions => G::Mentions,
                    ExportGraph::Articles => G::Articles,
                    ExportGraph::All => G::All,
                },
                scope: match scope {
                    ExportScope::Sentence => policykg::cooccurrence::Scope::Sentence,
                    ExportScope::Paragraph => policykg::cooccurrence::Scope::Paragraph,
                    ExportScope::Article => policykg::cooccurrence::Scope::Article,
                },
                min_weight,
                top,
                concepts: concept,
                excel_bom: excel,
                named_graph,
            };
            run_export(&args.db, &options, out.as_deref())
        }
        Command::Queries => {
            let mut out = std::io::stdout().lock();
            policykg::named_query::write_list(&policykg::named_query::bundled(), &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { json } => run_stats(&args.db, json),
        Command::Outline { paths } => run_outline(&paths),
    }
}

fn open(db: &Path) -> Result<Store> {
    Ok(Store::open(db)?)
}

fn run_ingest(
    db: &Path,
    paths: &[PathBuf],
    options: &ingest::Options,
    json: bool,
) -> Result<ExitCode> {
    let store = open(db)?;
    let bar = Bar::new();
    let summary = ingest::ingest(&store, paths, options, &bar)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else {
        write_summary(&mut out, &summary)?;
    }
    for s in &summary.skipped {
        eprintln!("skipped {}: {}", s.path.display(), s.reason);
    }
    Ok(if summary.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}

fn write_summary(out: &mut impl Write, s: &ingest::Summary) -> std::io::Result<()> {
    writeln!(
        out,
        "documents: {} added, {} replaced, {} unchanged, {} skipped",
        s.added,
        s.replaced,
        s.unchanged,
        s.skipped.len()
    )?;
    writeln!(
        out,
        "read: {} articles, {} sections, {} paragraphs, {} sentences, {} recommendations, {} concept mentions",
        s.articles, s.sections, s.paragraphs, s.sentences, s.recommendations, s.mentions
    )?;
    if s.lexicon_changed {
        writeln!(
            out,
            "lexicon changed: every stored document was matched again"
        )?;
    }
    if s.discovered > 0 {
        writeln!(
            out,
            "discovered: {} candidate terms (see `policykg suggest`)",
            s.discovered
        )?;
    }
    if let Some(r) = &s.relations {
        writeln!(
            out,
            "related: {} concepts; co-occurrences stored: {} sentence, {} paragraph, {} article; {} communities",
            r.concepts, r.stored[0], r.stored[1], r.stored[2], r.communities
        )?;
    }
    writeln!(out, "time: {:.2} s", s.elapsed.as_secs_f64())
}

fn run_remove(db: &Path, paths: &[PathBuf]) -> Result<ExitCode> {
    let store = open(db)?;
    let (removed, unknown) = ingest::remove(&store, paths)?;
    println!("removed {removed} documents");
    for p in &unknown {
        eprintln!("no document was read from {}", p.display());
    }
    Ok(if unknown.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}

fn run_query(
    db: &Path,
    query: Option<String>,
    file: Option<PathBuf>,
    format: Format,
    timeout: Option<f64>,
) -> Result<ExitCode> {
    let text = match (query, file) {
        (Some(q), _) => q,
        (None, Some(f)) => {
            std::fs::read_to_string(&f).with_context(|| format!("cannot read {}", f.display()))?
        }
        (None, None) => unreachable!("clap requires a query or a file"),
    };
    let options = QueryOptions {
        timeout: timeout.map(Duration::from_secs_f64),
    };
    let store = open(db)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    query::run(&store, &text, format.into(), &options, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_outline(paths: &[PathBuf]) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for path in paths {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let decoded = policykg::decode::decode(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let outline = policykg::structure::detect(&policykg::repair::repair(&decoded.text));
        writeln!(out, "== {} ({})", path.display(), decoded.encoding.name())?;
        write!(out, "{}", outline.render())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_suggest(db: &Path, top: usize, format: SuggestFormat) -> Result<ExitCode> {
    let store = open(db)?;
    let mut terms = policykg::discovered::load(&store)?;
    terms.truncate(top);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        SuggestFormat::Ttl => write!(out, "{}", policykg::discovered::curation_turtle(&terms))?,
        SuggestFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(["term", "mentions", "documents", "termhood", "example"])?;
            for t in &terms {
                w.write_record([
                    t.label.clone(),
                    t.frequency.to_string(),
                    t.document_frequency.to_string(),
                    format!("{:.4}", t.score),
                    t.example.clone(),
                ])?;
            }
            w.flush()?;
        }
        SuggestFormat::Table => {
            let width = terms
                .iter()
                .map(|t| query::display_width(&t.label))
                .max()
                .unwrap_or(4)
                .max(4);
            writeln!(
                out,
                "{}  mentions  documents  termhood  example",
                pad("term", width)
            )?;
            for t in &terms {
                let example: String = t.example.chars().take(40).collect();
                writeln!(
                    out,
                    "{}  {:>8}  {:>9}  {:>8.3}  {example}",
                    pad(&t.label, width),
                    t.frequency,
                    t.document_frequency,
                    t.score
                )?;
            }
            if terms.is_empty() {
                writeln!(out, "(no discovered terms: ingest some documents first)")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Pads `text` with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(query::display_width(text));
    format!("{text}{}", " ".repeat(fill))
}

fn run_named_query(
    db: &Path,
    name: &str,
    params: &[String],
    format: Format,
    timeout: Option<f64>,
) -> Result<ExitCode> {
    let params = params
        .iter()
        .map(|p| policykg::named_query::parse_param(p))
        .collect::<policykg::Result<Vec<_>>>()?;
    let options = QueryOptions {
        timeout: timeout.map(Duration::from_secs_f64),
    };
    let store = open(db)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    policykg::named_query::run_named(&store, name, &params, format.into(), &options, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_export(
    db: &Path,
    options: &policykg::export::ExportOptions,
    out: Option<&Path>,
) -> Result<ExitCode> {
    let store = open(db)?;
    let summary = match out {
        Some(path) => policykg::export::export(&store, options, path)?,
        None if options.format == policykg::export::Format::Csv => {
            anyhow::bail!("csv writes nodes.csv and edges.csv: name a folder with --out")
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let summary = policykg::export::write(&store, options, &mut stdout)?;
            stdout.flush()?;
            summary
        }
    };
    if out.is_some() {
        let what = if summary.quads > 0 {
            format!("{} quads", summary.quads)
        } else {
            format!("{} nodes, {} edges", summary.nodes, summary.edges)
        };
        let files: Vec<String> = summary
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        eprintln!("wrote {what} to {}", files.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_stats(db: &Path, json: bool) -> Result<ExitCode> {
    let store = open(db)?;
    let stats = store.stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        print!("{stats}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A progress bar on stderr when it is a terminal, nothing otherwise; one
/// bar per stage, cleared when the stage ends.
struct Bar {
    enabled: bool,
    current: std::sync::Mutex<Option<indicatif::ProgressBar>>,
}

impl Bar {
    fn new() -> Bar {
        Bar {
            enabled: std::io::stderr().is_terminal(),
            current: std::sync::Mutex::new(None),
        }
    }

    fn with(&self, f: impl FnOnce(&indicatif::ProgressBar)) {
        if let Some(bar) = self.current.lock().ok().as_ref().and_then(|b| b.as_ref()) {
            f(bar);
        }
    }
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: usize) {
        if !self.enabled {
            return;
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix:>11} {bar:40} {pos}/{len} files {elapsed} (eta {eta}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_prefix(stage.to_string());
        if let Ok(mut current) = self.current.lock() {
            *current = Some(bar);
        }
    }
    fn advance(&self, path: &Path) {
        self.with(|bar| {
            bar.set_message(
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            bar.inc(1);
        });
    }
    fn finish(&self) {
        if let Some(bar) = self.current.lock().ok().and_then(|mut b| b.take()) {
            bar.finish_and_clear();
        }
    }
}
