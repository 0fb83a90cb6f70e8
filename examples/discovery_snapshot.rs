//! A snapshot of term discovery over one corpus folder, to check that a
//! change to `policykg::concepts::discover` keeps its output and to measure it.
//!
//! Runs discovery exactly as `policykg ingest` does in its *discovering*
//! stage (`ingest::discover_terms`): the `.txt`/`.md` files under the
//! folder, sorted; each parsed by decode → repair → structure inside the
//! accumulation; the paragraphs of every article; the bundled lexicon's
//! segmenter; `DiscoveryConfig::default()`; the curated labels known. It
//! prints every candidate (label, frequency, document frequency, score to
//! the last bit, example document and line), then `#` lines with the time
//! and peak memory.
//!
//! ```text
//! cargo run --release --example discovery_snapshot [folder] [preparsed]
//! ```
//!
//! The folder defaults to `../shared/corpus/scale/rmrb_2019_2020`. With
//! `preparsed`, files are parsed first and only accumulation is timed (the
//! output is the same).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use policykg::concepts::discover::{Discovery, DiscoveryConfig};
use policykg::concepts::lexicon::{self, Lexicon};
use policykg::concepts::matcher::Matcher;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let preparsed = args.iter().any(|a| a == "preparsed");
    let folder = args
        .iter()
        .find(|a| *a != "preparsed")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/scale/rmrb_2019_2020")
        });
    let files = text_files(&folder);

    let curated = Lexicon::bundled();
    let matcher = Matcher::new(&curated);
    let segmenter = matcher.segmenter();
    let known: HashSet<String> = curated.labels().map(|(l, _)| l.to_string()).collect();

    let clock = Instant::now();
    let discovery = if preparsed {
        let texts: Vec<Option<Vec<String>>> = files.iter().map(|f| paragraphs(f)).collect();
        eprintln!("# parsed in {:.2?}", clock.elapsed());
        let clock = Instant::now();
        let discovery = Discovery::accumulate(
            &DiscoveryConfig::default(),
            &texts,
            segmenter,
            |_, t: &Option<Vec<String>>| t.clone(),
        );
        eprintln!("# accumulated in {:.2?}", clock.elapsed());
        discovery
    } else {
        Discovery::accumulate(&DiscoveryConfig::default(), &files, segmenter, |_, f| {
            paragraphs(f)
        })
    };
    let accumulated = clock.elapsed();
    let (entries, prunes) = (discovery.len(), discovery.prunes());
    let candidates = discovery.finish(&known, lexicon::stoplist());
    let total = clock.elapsed();

    for c in &candidates {
        println!(
            "{}\tf={}\tdf={}\tscore={:?}\tdoc={}\t{}",
            c.label, c.frequency, c.document_frequency, c.score, c.example_doc, c.example
        );
    }
    println!(
        "# {} files, {} entries, {} prunes, {} candidates",
        files.len(),
        entries,
        prunes,
        candidates.len()
    );
    println!(
        "# accumulate {:.2?}, finish {:.2?}, total {:.2?}, peak RSS {}",
        accumulated,
        total - accumulated,
        total,
        peak_rss()
    );
}

/// The text files under `folder`, sorted, as ingest lists them.
fn text_files(folder: &Path) -> Vec<PathBuf> {
    let mut skipped = Vec::new();
    policykg::ingest::collect_files(&[folder.to_path_buf()], &mut skipped)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
}

/// The paragraphs of a file's articles, as `ingest::discover_terms` reads
/// them; `None` if it cannot be read or decoded.
fn paragraphs(file: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(file).ok()?;
    let decoded = policykg::document::decode::decode(&bytes).ok()?;
    let outline =
        policykg::document::structure::detect(&policykg::document::repair::repair(&decoded.text));
    Some(
        outline
            .articles
            .iter()
            .flat_map(|a| a.paragraphs.iter().map(|p| p.text.clone()))
            .collect(),
    )
}

/// The peak resident set size of this process (`VmHWM`).
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}
