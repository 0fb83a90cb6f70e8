//! Shared helpers for the integration tests: where the shared corpus and
//! gold files are, and how to compare an outline with a gold record.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use policykg::document::outline::Article;
use serde::Deserialize;

/// The shared folder beside the repository (`../shared`): every test that
/// reads the corpus, the gold files or the design finds it here, and fails
/// saying where it looked when it is absent.
pub fn shared() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(
        dir.join("corpus").is_dir(),
        "the shared corpus is missing: these tests read {}/corpus (seed, dev, scale) \
         beside the repository; clone or link it there",
        dir.display()
    );
    dir
}

/// One gold record of an article.
#[derive(Debug, Deserialize)]
pub struct GoldArticle {
    pub file: String,
    pub title: Option<String>,
    pub column: Option<String>,
    pub author: Option<String>,
    pub headings: Vec<String>,
    pub paragraphs: usize,
    pub recommendations: Vec<GoldRecommendation>,
    pub concepts: Vec<String>,
}

/// One gold recommendation.
#[derive(Debug, Deserialize)]
pub struct GoldRecommendation {
    pub ordinal: usize,
    pub marker: String,
    pub label: String,
}

/// The seed's gold: several articles in one file.
#[derive(Debug, Deserialize)]
pub struct GoldSeed {
    pub file: String,
    pub articles: Vec<GoldArticle>,
}

/// The differences between an article and its gold record, one line each
/// (empty when they agree on title, author, headings, paragraph count and
/// recommendations).
pub fn differences(got: &Article, gold: &GoldArticle) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, got: String, want: String| {
        if got != want {
            out.push(format!("{what}: got {got}, want {want}"));
        }
    };
    check(
        "title",
        format!("{:?}", got.title),
        format!("{:?}", gold.title),
    );
    check(
        "author",
        format!("{:?}", got.creator),
        format!("{:?}", gold.author),
    );
    let headings: Vec<&str> = got.sections.iter().map(|s| s.title.as_str()).collect();
    check(
        "headings",
        format!("{headings:?}"),
        format!("{:?}", gold.headings),
    );
    // The gold files count an abstract (内容提要) as paragraph 1; since
    // issue 10 it is the article's own part (dcterms:abstract), so it is
    // counted back in here.
    let abstract_paragraphs = usize::from(got.summary.is_some());
    check(
        "paragraphs",
        (got.paragraphs.len() + abstract_paragraphs).to_string(),
        gold.paragraphs.to_string(),
    );
    // The gold lists numbered items; prescriptive headings and lead
    // sentences (issue 11) are told apart by their marker.
    let recs: Vec<(usize, &str, &str)> = got
        .recommendations
        .iter()
        .filter(|r| policykg::document::structure::prescriptive::is_numbered(r))
        .map(|r| (r.ordinal, r.marker.as_str(), r.label.as_str()))
        .collect();
    let want: Vec<(usize, &str, &str)> = gold
        .recommendations
        .iter()
        .map(|r| (r.ordinal, r.marker.as_str(), r.label.as_str()))
        .collect();
    check("recommendations", format!("{recs:?}"), format!("{want:?}"));
    out
}

/// A `policykg` command on the store in `db`.
pub fn policykg(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("policykg").unwrap();
    cmd.arg("--db").arg(db).env_remove("POLICYKG_DB");
    cmd
}

/// Runs a SELECT through the binary and returns its CSV rows without the
/// header.
pub fn select(db: &Path, query: &str) -> Vec<Vec<String>> {
    let out = stdout_of(policykg(db).args(["query", "--format", "csv", query]));
    csv::Reader::from_reader(out.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Removes the stores under `root` named `<prefix><pid>` whose test process
/// has ended (a test binary keeps its store for the run, named by its pid).
/// Without `/proc` (not Linux) nothing is removed.
pub fn remove_stale_stores(root: &Path, prefix: &str) {
    let (Ok(entries), true) = (std::fs::read_dir(root), Path::new("/proc/self").exists()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(prefix) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Runs `command`, which must succeed (its stderr is the failure message),
/// and returns its stdout.
pub fn stdout_of(command: &mut Command) -> Vec<u8> {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
