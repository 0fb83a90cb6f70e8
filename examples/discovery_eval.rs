//! Evaluation of term discovery (`policykg::concepts::discover`): reads the shared
//! corpus and gold files beside the crate (`../shared`), prints a report.
//!
//! 1. Recall of the gold concepts (dev + seed) among the top 50 and top 200
//!    of discovery and of jieba's TF-IDF keywords, in two framings: the
//!    curated lexicon absent (plain jieba, nothing known), and the lexicon
//!    minus the gold concepts (those labels known to both methods and kept
//!    whole by the segmenter, as `Matcher` does).
//! 2. The top 30 discovered terms on dev + seed and on rmrb_2019_2020, with
//!    the curated labels known.
//! 3. Time and peak memory of discovery on rmrb_2019_2020.
//!
//! Run with `cargo run --release --example discovery_eval`; pass `quick` to
//! skip the large corpus. jieba's IDF table is read from jieba-rs's source in
//! the cargo registry; without it the TF-IDF rows are skipped.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jieba_rs::Jieba;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use policykg::concepts::discover::{
    tfidf_keywords, Candidate, Discovery, DiscoveryConfig, TfIdfConfig, TfIdfExtractor,
};
use rayon::prelude::*;

/// The jieba frequency `Matcher` gives lexicon labels.
const LABEL_FREQUENCY: usize = 200_000;

/// One article: its title, headings and paragraphs.
type Doc = Vec<String>;

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let ontology = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ontology");
    let stoplist = read_stoplist(&ontology.join("stoplist.txt"));
    let labels = read_labels(&ontology.join("concepts.ttl"));
    let gold = read_gold(&shared.join("gold"));
    let small = load_docs(&list_files(&[
        shared.join("corpus/dev"),
        shared.join("corpus/seed"),
    ]));
    let idf = find_jieba_idf();
    println!(
        "dev+seed: {} articles; {} gold concepts, {} of them curated labels; {} curated labels; {} stopwords",
        small.len(),
        gold.len(),
        gold.iter().filter(|g| labels.contains(*g)).count(),
        labels.len(),
        stoplist.len()
    );
    print_reachable(&small, &gold);
    let small_config = DiscoveryConfig {
        min_frequency: 2,
        min_document_frequency: 1,
        ..DiscoveryConfig::default()
    };

    println!("\n## Recall of gold concepts (dev + seed)\n");
    println!("| framing | method | top 50 | top 200 | anywhere (list size) |");
    println!("|---|---|---|---|---|");
    let plain = Jieba::new();
    let nothing = HashSet::new();
    recall_rows(
        "lexicon absent",
        &small,
        &plain,
        &nothing,
        &small_config,
        &stoplist,
        &gold,
        idf.as_deref(),
    );
    let partial: HashSet<String> = labels
        .iter()
        .filter(|l| !gold.contains(*l))
        .cloned()
        .collect();
    let partial_jieba = segmenter_with(&partial);
    recall_rows(
        "lexicon minus gold",
        &small,
        &partial_jieba,
        &partial,
        &small_config,
        &stoplist,
        &gold,
        idf.as_deref(),
    );

    let full_jieba = segmenter_with(&labels);
    let missing: BTreeSet<String> = gold
        .iter()
        .filter(|g| !labels.contains(*g))
        .cloned()
        .collect();
    let found = run_discovery(&small, &full_jieba, &small_config).finish(&labels, &stoplist);
    for concept in &missing {
        let rank = found.iter().position(|c| &c.label == concept);
        println!(
            "\nGold concept missing from the curated lexicon: {concept}; discovery rank with the full lexicon known: {}",
            rank.map_or("not found".to_string(), |r| (r + 1).to_string())
        );
    }
    println!("\n## Top 30 discovered on dev + seed (curated labels known)\n");
    print_top(&found, 30);

    if quick {
        return;
    }
    scale(&shared, &full_jieba, &labels, &stoplist);
}

/// Prints the recall rows of one framing: discovery, then TF-IDF with
/// jieba's stop words only and with the policykg stoplist added.
#[allow(clippy::too_many_arguments)] // a report row needs all of them
fn recall_rows(
    framing: &str,
    docs: &[Doc],
    jieba: &Jieba,
    known: &HashSet<String>,
    config: &DiscoveryConfig,
    stoplist: &HashSet<String>,
    gold: &BTreeSet<String>,
    idf: Option<&str>,
) {
    let discovered = run_discovery(docs, jieba, config).finish(known, stoplist);
    print_recall(framing, "discovery", &discovered, gold);
    let Some(idf) = idf else {
        println!("| {framing} | jieba TF-IDF | (jieba idf.txt not found) | | |");
        return;
    };
    let paragraphs: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.iter().map(String::as_str).collect())
        .collect();
    let tf_config = TfIdfConfig::default();
    for (name, extra) in [
        ("jieba TF-IDF, top 20 a doc", Vec::new()),
        (
            "jieba TF-IDF + stoplist, top 20 a doc",
            stoplist.iter().cloned().collect(),
        ),
    ] {
        let extractor = TfIdfExtractor::new(idf, extra);
        let mut keywords = tfidf_keywords(&paragraphs, jieba, &extractor, &tf_config);
        keywords.retain(|k| !known.contains(&k.label));
        print_recall(framing, name, &keywords, gold);
    }
    let whole = vec![paragraphs.concat()];
    let extractor = TfIdfExtractor::new(idf, stoplist.iter().cloned());
    let corpus_config = TfIdfConfig {
        top_k: 1000,
        ..TfIdfConfig::default()
    };
    let mut keywords = tfidf_keywords(&whole, jieba, &extractor, &corpus_config);
    keywords.retain(|k| !known.contains(&k.label));
    print_recall(
        framing,
        "jieba TF-IDF + stoplist, whole corpus as one text",
        &keywords,
        gold,
    );
}

/// How many gold concepts any method could find: printed in the texts at
/// all, twice or more, and of a shape discovery looks for (3–10 Han
/// characters, seen at least twice).
fn print_reachable(docs: &[Doc], gold: &BTreeSet<String>) {
    let text = docs
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.as_str();
    let seen = |n: usize| {
        gold.iter()
            .filter(move |g| text.matches(g.as_str()).count() >= n)
    };
    let shaped = seen(2)
        .filter(|g| (3..=10).contains(&g.chars().count()))
        .filter(|g| g.chars().all(policykg::document::repair::is_han))
        .count();
    println!(
        "gold concepts printed in the texts: {}; twice or more: {}; of those, 3–10 Han characters: {shaped}",
        seen(1).count(),
        seen(2).count()
    );
}

/// One row of the recall table.
fn print_recall(framing: &str, method: &str, ranked: &[Candidate], gold: &BTreeSet<String>) {
    let hits = |k: usize| {
        ranked
            .iter()
            .take(k)
            .filter(|c| gold.contains(&c.label))
            .count()
    };
    let share = |n: usize| {
        format!(
            "{n}/{} ({:.1}%)",
            gold.len(),
            100.0 * n as f64 / gold.len() as f64
        )
    };
    println!(
        "| {framing} | {method} | {} | {} | {} ({}) |",
        share(hits(50)),
        share(hits(200)),
        share(hits(ranked.len())),
        ranked.len()
    );
}

/// Discovery over the large corpus: files read and structured first, then
/// discovery timed alone, on all threads and on one.
fn scale(shared: &Path, jieba: &Jieba, labels: &HashSet<String>, stoplist: &HashSet<String>) {
    let files = list_files(&[shared.join("corpus/scale/rmrb_2019_2020")]);
    let bytes: u64 = files
        .iter()
        .map(|f| f.metadata().map_or(0, |m| m.len()))
        .sum();
    let mib = bytes as f64 / (1024.0 * 1024.0);
    let started = Instant::now();
    let docs: Vec<Doc> = files.par_iter().flat_map_iter(|f| load_file(f)).collect();
    let loading = started.elapsed();
    let chars: usize = docs.iter().flatten().map(|p| p.chars().count()).sum();
    let config = DiscoveryConfig {
        min_frequency: 5,
        min_document_frequency: 3,
        ..DiscoveryConfig::default()
    };
    let rss_before = peak_rss_kib();
    let threads = rayon::current_num_threads();
    let (discovery, parallel) = timed(|| run_discovery(&docs, jieba, &config));
    let rss_after = peak_rss_kib();
    let (held, prunes) = (discovery.len(), discovery.prunes());
    let (found, finishing) = timed(|| discovery.finish(labels, stoplist));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread pool");
    let cpu_before = cpu_seconds();
    let (single, one_thread) = timed(|| pool.install(|| run_discovery(&docs, jieba, &config)));
    let cpu = cpu_seconds() - cpu_before;
    let same = single.finish(labels, stoplist) == found;
    println!("\n## rmrb_2019_2020 (curated labels known)\n");
    println!(
        "{} files, {mib:.1} MiB, {} articles, {:.1} M characters; read and structured in {:.1} s",
        files.len(),
        docs.len(),
        chars as f64 / 1e6,
        loading.as_secs_f64()
    );
    println!(
        "discovery: {:.1} s wall on {threads} threads; on 1 thread {:.1} s wall, {cpu:.1} s CPU ({:.2} CPU-s per MiB); finish {:.2} s; same ranking on 1 thread: {same}",
        parallel.as_secs_f64(),
        one_thread.as_secs_f64(),
        cpu / mib,
        finishing.as_secs_f64()
    );
    println!(
        "{held} distinct candidate strings held at the end, {prunes} prunes (max_entries {}); peak RSS {} MiB before discovery, {} MiB after; {} candidates ranked",
        config.max_entries,
        rss_before / 1024,
        rss_after / 1024,
        found.len()
    );
    println!("\nTop 30:\n");
    print_top(&found, 30);
}

/// Runs `f` and measures its wall time.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// Discovery over documents in memory (each article a document).
fn run_discovery(docs: &[Doc], jieba: &Jieba, config: &DiscoveryConfig) -> Discovery {
    Discovery::accumulate(config, docs, jieba, |_, doc| Some(doc.clone()))
}

/// Prints the first `n` candidates as a table.
fn print_top(candidates: &[Candidate], n: usize) {
    println!("| # | term | freq | docs | score | example |");
    println!("|---|---|---|---|---|---|");
    for (i, c) in candidates.iter().take(n).enumerate() {
        println!(
            "| {} | {} | {} | {} | {:.1} | {} |",
            i + 1,
            c.label,
            c.frequency,
            c.document_frequency,
            c.score,
            c.example
        );
    }
}

/// jieba's default dictionary with `labels` added as `Matcher` adds them.
fn segmenter_with(labels: &HashSet<String>) -> Jieba {
    let mut jieba = Jieba::new();
    let mut sorted: Vec<&String> = labels.iter().collect();
    sorted.sort();
    for label in sorted {
        jieba.add_word(label, Some(LABEL_FREQUENCY), Some("nz"));
    }
    jieba
}

/// Every regular file under the given folders, sorted.
fn list_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = roots
        .iter()
        .flat_map(|root| {
            walkdir::WalkDir::new(root)
                .into_iter()
                .filter_map(Result::ok)
        })
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The articles of many files, in file order.
fn load_docs(files: &[PathBuf]) -> Vec<Doc> {
    files.iter().flat_map(|f| load_file(f)).collect()
}

/// The articles of one file (decoded, repaired, structured); none if it
/// cannot be decoded.
fn load_file(path: &Path) -> Vec<Doc> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(decoded) = policykg::document::decode::decode(&bytes) else {
        return Vec::new();
    };
    let lines = policykg::document::repair::repair(&decoded.text);
    let outline = policykg::document::structure::detect(&lines);
    outline
        .articles
        .into_iter()
        .map(|a| {
            let mut texts: Vec<String> = a.title.into_iter().collect();
            texts.extend(a.subtitles);
            texts.extend(a.deck);
            texts.extend(a.sections.into_iter().map(|s| s.title));
            texts.extend(a.paragraphs.into_iter().map(|p| p.text));
            texts
        })
        .collect()
}

/// The stoplist: one word a line, `#` comments.
fn read_stoplist(path: &Path) -> HashSet<String> {
    std::fs::read_to_string(path)
        .expect("ontology/stoplist.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Every label a mention can match: prefLabel@zh and all altLabels.
fn read_labels(path: &Path) -> HashSet<String> {
    let text = std::fs::read(path).expect("ontology/concepts.ttl");
    let skos = "http://www.w3.org/2004/02/skos/core#";
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&text)
        .filter_map(Result::ok)
        .filter_map(|quad| {
            let predicate = quad.predicate.as_str().strip_prefix(skos)?.to_string();
            let Term::Literal(literal) = quad.object else {
                return None;
            };
            let zh = literal.language() == Some("zh");
            let matched = predicate == "altLabel" || (predicate == "prefLabel" && zh);
            matched.then(|| literal.value().to_string())
        })
        .collect()
}

/// The union of the gold concept lists: seed.json (per article) and
/// dev/*.json.
fn read_gold(dir: &Path) -> BTreeSet<String> {
    let mut gold = BTreeSet::new();
    let mut files = list_files(&[dir.join("dev")]);
    files.push(dir.join("seed.json"));
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("gold file"))
                .expect("gold JSON");
        collect_concepts(&value, &mut gold);
    }
    gold
}

/// Adds every string of every `concepts` array found in `value`.
fn collect_concepts(value: &serde_json::Value, gold: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                if key == "concepts" {
                    let strings = inner
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str());
                    gold.extend(strings.map(str::to_string));
                } else {
                    collect_concepts(inner, gold);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_concepts(v, gold)),
        _ => {}
    }
}

/// jieba-rs's bundled IDF table, from its source in the cargo registry.
fn find_jieba_idf() -> Option<String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let registry = home.join("registry/src");
    std::fs::read_dir(registry)
        .ok()?
        .filter_map(Result::ok)
        .map(|index| index.path().join("jieba-rs-0.11.0/src/data/idf.txt"))
        .find(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok())
}

/// CPU time (user + system) the process has used, in seconds (Linux,
/// assuming 100 clock ticks a second; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // utime and stime are the 14th and 15th fields of the line, the 12th
    // and 13th after the parenthesised command name.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    ticks as f64 / 100.0
}

/// The process's peak resident set size, in KiB (Linux; 0 elsewhere).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
