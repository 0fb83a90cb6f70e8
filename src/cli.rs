//! Command-line arguments (clap derive; the `///` docs are the `--help`)
//! and the dispatch from each subcommand to the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use policykg::ingest::{self, Progress, Stage};
use policykg::query::{self, QueryOptions, ResultFormat};
use policykg::store::Store;

mod curate;

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
    /// The decisions of `policykg lexicon` (the store's user-lexicon.ttl)
    /// are applied automatically; when they change, every stored document
    /// is matched again.
    ///
    /// Dates come from a manifest, the file name (rmrb_20190222-09-01.txt
    /// → 2019-02-22, gwr_1954.txt → 1954) or a date the text prints (a
    /// resolution's （2020年5月28日…通过）, a report's delivery line);
    /// kg:dateSource says which.
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
        /// Let discovered terms into co-occurrence, PageRank, communities
        /// and article links. By default only curated concepts are (the
        /// bundled lexicon, --lexicon files, and the terms you accepted);
        /// discovered terms keep their mentions either way.
        #[arg(long)]
        with_discovered: bool,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the terms discovery found that are not in the lexicon, ranked.
    ///
    /// Each comes with its mentions (its stored mentions, the same number
    /// `show`, `concepts` and `kwic` give), the articles that mention it,
    /// its termhood score and an example line. Terms you decided on with
    /// `policykg lexicon` are not listed. Discovered terms stay out of
    /// co-occurrence and the networks until you accept them:
    ///
    ///   policykg lexicon accept 链主企业 --broader 产业链 --en "chain leader firm"
    ///   policykg lexicon merge 自由贸易区 自贸试验区
    ///   policykg lexicon reject 抗击疫情
    ///
    /// `--format ttl` writes them as SKOS Turtle, to curate by hand and load
    /// with `policykg ingest --lexicon FILE`.
    #[command(verbatim_doc_comment)]
    Suggest {
        /// How many terms to list.
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SuggestFormat::Table)]
        format: SuggestFormat,
    },
    /// Decide about discovered terms (see `policykg suggest`): accept,
    /// merge or reject them, and list the decisions.
    ///
    /// Decisions are written to a user lexicon in SKOS Turtle, by default
    /// user-lexicon.ttl in the store's folder, which the next `policykg
    /// ingest` applies to every stored document: an accepted term becomes a
    /// curated concept (in co-occurrence, PageRank, communities and the
    /// exports), a merged term an alternative label of its concept, a
    /// rejected term is never proposed again.
    ///
    /// Examples:
    ///   policykg lexicon accept 链主企业 --broader 产业链 --en "chain leader firm"
    ///   policykg lexicon merge 自由贸易区 自贸试验区
    ///   policykg lexicon reject 抗击疫情
    ///   policykg lexicon list
    #[command(verbatim_doc_comment)]
    Lexicon {
        #[command(subcommand)]
        action: LexiconAction,
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
        /// Leave out edges lighter than this. Concept pairs are counted
        /// from every unit of the scope; without this, pairs seen in fewer
        /// units than the corpus graph's kg:minCount are left out (two
        /// around --concept). The GraphML file states the threshold used.
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
        /// Network formats: keep concepts without any edge as nodes (left
        /// out by default, so the drawing shows only linked concepts).
        #[arg(long)]
        isolated: bool,
        /// Network formats: include discovered terms (not yet accepted with
        /// `policykg lexicon accept`) as nodes; left out by default.
        #[arg(long)]
        with_discovered: bool,
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
    /// List the concepts of the store, ranked by mentions, documents or PageRank.
    ///
    /// Examples:
    ///   policykg concepts --top 20
    ///   policykg concepts --by pagerank --scheme discovered --format csv
    #[command(verbatim_doc_comment)]
    Concepts {
        /// How many concepts to list.
        #[arg(long, default_value_t = 30)]
        top: usize,
        /// What to rank by.
        #[arg(long, value_enum, default_value_t = RankBy::Mentions)]
        by: RankBy,
        /// Which concepts: the curated lexicon (the default), discovered
        /// terms, or both.
        #[arg(long, value_enum, default_value_t = SchemeArg::Curated)]
        scheme: SchemeArg,
        /// Short for --scheme all: list discovered terms too (PageRank and
        /// community only when ingest ran with --with-discovered).
        #[arg(long, conflicts_with = "scheme")]
        with_discovered: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Everything about one concept: labels, broader and narrower, counts,
    /// the articles that use it, what it travels with, the recommendations
    /// that mention it, and a few lines in context.
    ///
    /// A concept is named by its label, an alias or its IRI.
    ///
    /// Example:
    ///   policykg show 经济全球化
    #[command(verbatim_doc_comment)]
    Show {
        /// The concept (label, alias or IRI).
        concept: String,
        /// How many articles, associated concepts and recommendations to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// How many lines in context to show.
        #[arg(long, default_value_t = 5)]
        lines: usize,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// The concepts that appear together with one concept, strongest first.
    ///
    /// Measures: count, npmi, pmi, jaccard, dice, logLikelihood,
    /// associationStrength (see README, "Relations").
    ///
    /// Example:
    ///   policykg related 制度型开放 --scope sentence --measure npmi --top 10
    ///   policykg related 经济全球化 --min-count 3
    #[command(verbatim_doc_comment)]
    Related {
        /// The concept (label, alias or IRI).
        concept: String,
        /// Count co-occurrence within the same sentence, paragraph or article.
        #[arg(long, value_enum, default_value_t = ExportScope::Paragraph)]
        scope: ExportScope,
        /// The measure to rank by.
        #[arg(long, default_value = "npmi")]
        measure: String,
        /// How many to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Leave out concepts seen together in fewer than N units (the
        /// default, 2, is `show`'s too: npmi and pmi rank a pair seen once
        /// at the top when both concepts are rare). `--min-count 1` lists
        /// every pair.
        #[arg(long, value_name = "N", default_value_t = policykg::explore::related::MIN_COUNT)]
        min_count: u64,
        /// Include discovered terms (not yet accepted with `policykg lexicon
        /// accept`), which are left out by default.
        #[arg(long)]
        with_discovered: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// The strongest chain of co-occurrence from one concept to another,
    /// with the paragraph that shows each step.
    ///
    /// A step's strength is (1 + npmi) / 2 of the two concepts in the
    /// scope; the chain with the largest product of strengths wins, among
    /// pairs seen in at least two units when such a chain exists. When no
    /// chain exists the command says so and exits 0.
    ///
    /// Example:
    ///   policykg path 环境标准 自贸试验区
    #[command(verbatim_doc_comment)]
    Path {
        /// Where the chain starts (label, alias or IRI).
        from: String,
        /// Where it ends.
        to: String,
        /// Which co-occurrences count as links.
        #[arg(long, value_enum, default_value_t = ExportScope::Paragraph)]
        scope: ExportScope,
        /// Include discovered terms (not yet accepted with `policykg lexicon
        /// accept`), which are left out by default.
        #[arg(long)]
        with_discovered: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Keyword in context: every occurrence of a string (any string, not
    /// only a concept) with the text around it, the article title and the
    /// source file:line.
    ///
    /// For a concept's label (or alias), the lines are the concept's stored
    /// mentions, so their number is the one `suggest`, `show` and `concepts`
    /// report (aliases included, and a longer concept's label that contains
    /// the text not counted); any other text is searched as a raw string.
    /// --raw searches the raw string even for a concept.
    ///
    /// The line is where the occurrence starts in the source file, found by
    /// reading the file again; `file:N~` means the file changed or is gone
    /// since ingest, and N is where the paragraph starts.
    ///
    /// Example:
    ///   policykg kwic 制度型开放 --width 15
    #[command(verbatim_doc_comment)]
    Kwic {
        /// The string to find.
        text: String,
        /// Characters of context on each side.
        #[arg(long, default_value_t = 20)]
        width: usize,
        /// Show at most this many lines.
        #[arg(long)]
        limit: Option<usize>,
        /// Search the raw string even when it names a concept.
        #[arg(long)]
        raw: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Compare two articles, or two sets of articles: the concepts they
    /// share and the concepts distinctive of each side (log-likelihood
    /// keyness).
    ///
    /// A side is an article (its IRI, or a file name when the file holds
    /// one article), a date range (2019-01-01..2019-06-30, 2019..2020,
    /// 2019-03) or a path glob (rmrb_2019*).
    ///
    /// Examples:
    ///   policykg compare 2019-01..2019-06 2019-07..2019-12
    ///   policykg compare 'gwr_197*' 'gwr_201*'
    #[command(verbatim_doc_comment)]
    Compare {
        /// The first side.
        a: String,
        /// The second side.
        b: String,
        /// How many concepts to list per table.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Include discovered terms (not yet accepted with `policykg lexicon
        /// accept`), which are left out by default.
        #[arg(long)]
        with_discovered: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// How often concepts are used over time: mentions per 10,000
    /// characters of the dated articles of each year or month, as a table
    /// with a sparkline per concept, and as an SVG chart with --plot.
    ///
    /// Example:
    ///   policykg trend 对外开放 改革开放 --by year --plot trend.svg
    #[command(verbatim_doc_comment)]
    Trend {
        /// The concepts (labels, aliases or IRIs).
        #[arg(required = true)]
        concepts: Vec<String>,
        /// Group by year or month.
        #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
        by: PeriodArg,
        /// Also write a line chart to this SVG file.
        #[arg(long, value_name = "FILE.svg")]
        plot: Option<PathBuf>,
        /// Keep only documents whose path or file name matches this glob
        /// (`gwr_*`, `*rmrb_2019_2020*`): one kind of document.
        #[arg(long, value_name = "GLOB")]
        source: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// The decisions of `policykg lexicon`.
#[derive(Debug, Subcommand)]
pub enum LexiconAction {
    /// Make a term a curated concept of the user lexicon.
    Accept {
        /// The term, as printed.
        term: String,
        /// Its broader concept (label, alias or IRI).
        #[arg(long, value_name = "CONCEPT")]
        broader: Option<String>,
        /// An English label for display and lookup.
        #[arg(long, value_name = "LABEL")]
        en: Option<String>,
        #[command(flatten)]
        file: LexiconFile,
    },
    /// Never propose a term again; `suggest` hides it.
    Reject {
        /// The term, as printed.
        term: String,
        #[command(flatten)]
        file: LexiconFile,
    },
    /// Make a term an alternative label of an existing concept, so its
    /// text counts as mentions of that concept.
    Merge {
        /// The term, as printed.
        term: String,
        /// The concept it names (label, alias or IRI).
        concept: String,
        #[command(flatten)]
        file: LexiconFile,
    },
    /// List the decisions, term by term.
    List {
        #[command(flatten)]
        file: LexiconFile,
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// Where `policykg lexicon` keeps the decisions.
#[derive(Debug, Clone, clap::Args)]
pub struct LexiconFile {
    /// The user lexicon file (default: user-lexicon.ttl in the store's
    /// folder, which ingest applies automatically; load another file with
    /// `policykg ingest --lexicon FILE`).
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
}

impl LexiconFile {
    fn path(&self, db: &Path) -> PathBuf {
        self.file
            .clone()
            .unwrap_or_else(|| policykg::concepts::curation::default_path(db))
    }
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

/// How the explore commands print.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExploreFormat::Table)]
    format: ExploreFormat,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

impl OutputArgs {
    fn format(self) -> policykg::explore::Format {
        use policykg::explore::Format as F;
        match (self.json, self.format) {
            (true, _) | (_, ExploreFormat::Json) => F::Json,
            (_, ExploreFormat::Csv) => F::Csv,
            (_, ExploreFormat::Table) => F::Table,
        }
    }
}

/// Output formats of the explore commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExploreFormat {
    /// Aligned columns for people.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON.
    Json,
}

/// Rankings of `concepts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankBy {
    /// Mentions in the corpus.
    Mentions,
    /// Documents that mention the concept.
    Documents,
    /// PageRank in the co-occurrence network.
    Pagerank,
}

/// Concept schemes of `concepts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemeArg {
    /// The curated lexicon.
    Curated,
    /// Discovered candidate terms.
    Discovered,
    /// Both.
    All,
}

/// Periods of `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
}

// Where the clap types end: each becomes the library's own type.

impl From<ExportScope> for policykg::corpus::cooccurrence::Scope {
    fn from(scope: ExportScope) -> Self {
        match scope {
            ExportScope::Sentence => Self::Sentence,
            ExportScope::Paragraph => Self::Paragraph,
            ExportScope::Article => Self::Article,
        }
    }
}

impl From<ExportFormat> for policykg::export::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Csv => Self::Csv,
            ExportFormat::Graphml => Self::GraphMl,
            ExportFormat::Gexf => Self::Gexf,
            ExportFormat::Dot => Self::Dot,
            ExportFormat::Nquads => Self::NQuads,
            ExportFormat::Trig => Self::TriG,
            ExportFormat::Turtle => Self::Turtle,
        }
    }
}

impl From<ExportGraph> for policykg::export::GraphKind {
    fn from(graph: ExportGraph) -> Self {
        match graph {
            ExportGraph::Concepts => Self::Concepts,
            ExportGraph::Mentions => Self::Mentions,
            ExportGraph::Articles => Self::Articles,
            ExportGraph::All => Self::All,
        }
    }
}

impl From<RankBy> for policykg::explore::concepts::By {
    fn from(by: RankBy) -> Self {
        match by {
            RankBy::Mentions => Self::Mentions,
            RankBy::Documents => Self::Documents,
            RankBy::Pagerank => Self::Pagerank,
        }
    }
}

impl From<SchemeArg> for policykg::explore::concepts::Scheme {
    fn from(scheme: SchemeArg) -> Self {
        match scheme {
            SchemeArg::Curated => Self::Curated,
            SchemeArg::Discovered => Self::Discovered,
            SchemeArg::All => Self::All,
        }
    }
}

impl From<PeriodArg> for policykg::explore::trend::Period {
    fn from(period: PeriodArg) -> Self {
        match period {
            PeriodArg::Year => Self::Year,
            PeriodArg::Month => Self::Month,
        }
    }
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

/// `--with-discovered` as the library says it.
fn discovered(with_discovered: bool) -> policykg::corpus::cooccurrence::Discovered {
    if with_discovered {
        policykg::corpus::cooccurrence::Discovered::Included
    } else {
        policykg::corpus::cooccurrence::Discovered::Excluded
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
            with_discovered,
            json,
        } => {
            let options = ingest::Options {
                manifest,
                lexicons: lexicon,
                replace_bundled: only_lexicon,
                discover: !no_discover,
                user_lexicon: Some(policykg::concepts::curation::default_path(&args.db)),
                discovered: discovered(with_discovered),
            };
            run_ingest(&args.db, &paths, &options, json)
        }
        Command::Suggest { top, format } => run_suggest(&args.db, top, format),
        Command::Lexicon { action } => curate::run(&args.db, action),
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
            isolated,
            with_discovered,
            named_graph,
            out,
        } => {
            let options = policykg::export::ExportOptions {
                format: format.into(),
                graph: graph.into(),
                scope: scope.into(),
                min_weight,
                top,
                concepts: concept,
                excel_bom: excel,
                named_graph,
                discovered: discovered(with_discovered),
                isolated,
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
        command => run_explore(&args.db, command),
    }
}

/// Runs one of the explore commands: builds its report, then prints it.
// Long only because it lists every explore command: each arm moves clap's
// fields into that command's `Options` and nothing more.
fn run_explore(db: &Path, command: Command) -> Result<ExitCode> {
    use policykg::explore::{self, compare, concepts, kwic, path, related, show, trend};
    let store = open(db)?;
    let spinner = Spinner::start();
    let (report, output) = match command {
        Command::Concepts {
            top,
            by,
            scheme,
            with_discovered,
            output,
        } => {
            let scheme = if with_discovered {
                SchemeArg::All
            } else {
                scheme
            };
            let options = concepts::Options {
                top,
                by: by.into(),
                scheme: scheme.into(),
            };
            (concepts::report(&store, &options), output)
        }
        Command::Show {
            concept,
            top,
            lines,
            output,
        } => {
            let options = show::Options {
                concept,
                top,
                lines,
            };
            (show::report(&store, &options), output)
        }
        Command::Related {
            concept,
            scope,
            measure,
            top,
            min_count,
            with_discovered,
            output,
        } => {
            let options = related::Options {
                concept,
                scope: scope.into(),
                measure,
                top,
                min_count,
                discovered: discovered(with_discovered),
            };
            (related::report(&store, &options), output)
        }
        Command::Path {
            from,
            to,
            scope,
            with_discovered,
            output,
        } => {
            let options = path::Options {
                from,
                to,
                scope: scope.into(),
                discovered: discovered(with_discovered),
            };
            (path::report(&store, &options), output)
        }
        Command::Kwic {
            text,
            width,
            limit,
            raw,
            output,
        } => {
            let search = if raw {
                kwic::Search::Raw
            } else {
                kwic::Search::Concept
            };
            let options = kwic::Options {
                text,
                width,
                limit,
                search,
            };
            (kwic::report(&store, &options), output)
        }
        Command::Compare {
            a,
            b,
            top,
            with_discovered,
            output,
        } => {
            let options = compare::Options {
                a,
                b,
                top,
                discovered: discovered(with_discovered),
            };
            (compare::report(&store, &options), output)
        }
        Command::Trend {
            concepts,
            by,
            plot,
            source,
            output,
        } => {
            let options = trend::Options {
                concepts,
                by: by.into(),
                plot,
                source,
            };
            (trend::report(&store, &options), output)
        }
        _ => unreachable!("run_explore is only called with explore commands"),
    };
    drop(spinner);
    let report: explore::Report = report?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    report.write(output.format(), &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A spinner on stderr while a command reads the store, when stderr is a
/// terminal; nothing when piped. Cleared when dropped.
struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    fn start() -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("reading the store…");
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner(Some(bar))
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
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
    let stages: Vec<String> = s
        .stages
        .iter()
        .map(|t| format!("{} {:.2} s", t.stage, t.seconds))
        .collect();
    let peak = s
        .stages
        .iter()
        .filter_map(|t| t.peak_mib)
        .fold(None, |max: Option<f64>, m| {
            Some(max.map_or(m, |x| x.max(m)))
        })
        .map(|m| format!("; peak memory {m:.0} MiB"))
        .unwrap_or_default();
    writeln!(
        out,
        "time: {:.2} s ({}){peak}",
        s.elapsed.as_secs_f64(),
        stages.join(", ")
    )
}

fn run_remove(db: &Path, paths: &[PathBuf]) -> Result<ExitCode> {
    let store = open(db)?;
    let (removed, unknown) = ingest::remove(&store, paths)?;
    writeln!(std::io::stdout().lock(), "removed {removed} documents")?;
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
        let parsed = policykg::document::parse(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        writeln!(out, "== {} ({})", path.display(), parsed.encoding.name())?;
        write!(out, "{}", parsed.outline.render())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_suggest(db: &Path, top: usize, format: SuggestFormat) -> Result<ExitCode> {
    let store = open(db)?;
    let mut terms = policykg::concepts::discovered::load(&store)?;
    let decided = policykg::concepts::curation::Decisions::load(
        &policykg::concepts::curation::default_path(db),
    )?;
    terms.retain(|t| !decided.terms.contains_key(&t.label));
    terms.truncate(top);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        SuggestFormat::Ttl => write!(
            out,
            "{}",
            policykg::concepts::discovered::curation_turtle(&terms)
        )?,
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
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?;
    } else {
        write!(out, "{stats}")?;
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
    fn start(&self, stage: Stage, total: usize) {
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
        bar.set_prefix(stage.name());
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
