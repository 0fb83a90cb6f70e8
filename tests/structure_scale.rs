//! Structure over every file of the scale corpus (People's Daily, news
//! broadcasts, national and provincial work reports, congress reports,
//! resolutions): no text is lost to structure. Each file is decoded,
//! repaired and outlined as `ingest` does, without a store, and
//!
//! - no article with body text ends with zero paragraphs: an article
//!   without paragraphs has only a title block and credits (a photo page,
//!   `图片报道` over `制图：郭  祥`, an advertisement's name), no deck line,
//!   heading, editor's note or abstract;
//! - the Han characters kept in paragraphs, titles, subtitles, deck lines,
//!   editor's notes, abstracts, headings, credits and the creator are at least 95 %
//!   of the file's Han characters, for at least 99 % of the files.
//!
//! The counts are printed (`cargo test --test structure_scale -- --nocapture`).

mod common;

use std::path::{Path, PathBuf};

use policykg::document::outline::Article;
use policykg::{document::decode, document::repair, document::structure};
use rayon::prelude::*;

/// Least share of a file's Han characters the outline keeps.
const MIN_KEPT: f64 = 0.95;
/// Least share of files that keep [`MIN_KEPT`].
const MIN_FILES_KEPT: f64 = 0.99;

/// What the outline of one file keeps.
struct FileStructure {
    path: PathBuf,
    han: usize,
    kept: usize,
    articles_without_paragraphs: usize,
}

fn han(text: &str) -> usize {
    text.chars().filter(|c| repair::is_han(*c)).count()
}

/// The Han characters an article keeps anywhere in its outline.
fn kept(article: &Article) -> usize {
    let head: usize = article.head_texts().iter().map(|(_, t)| han(t)).sum();
    let body: usize = article.paragraphs.iter().map(|p| han(&p.text)).sum();
    let credits: usize = article.credits.iter().map(|c| han(c)).sum();
    head + body + credits + article.creator.as_deref().map_or(0, han)
}

/// Text beyond a title block and credits.
fn has_body_text(article: &Article) -> bool {
    !article.deck.is_empty()
        || !article.sections.is_empty()
        || article.editor_note.is_some()
        || article.summary.is_some()
}

fn outline(path: &Path) -> Option<FileStructure> {
    let bytes = std::fs::read(path).ok()?;
    let decoded = decode::decode(&bytes).ok()?;
    let outline = structure::detect(&repair::repair(&decoded.text));
    Some(FileStructure {
        path: path.to_path_buf(),
        han: han(&decoded.text),
        kept: outline.articles.iter().map(kept).sum(),
        articles_without_paragraphs: outline
            .articles
            .iter()
            .filter(|a| a.paragraphs.is_empty() && has_body_text(a))
            .count(),
    })
}

fn text_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn structure_keeps_the_text_of_every_kind_of_file() {
    let files = text_files(&common::shared().join("corpus/scale"));
    assert!(
        files.len() > 10_000,
        "the scale corpus: {} files",
        files.len()
    );
    let outlines: Vec<FileStructure> = files.par_iter().filter_map(|p| outline(p)).collect();
    let with_text: Vec<&FileStructure> = outlines.iter().filter(|f| f.han > 0).collect();
    let empty: Vec<&FileStructure> = with_text
        .iter()
        .copied()
        .filter(|f| f.articles_without_paragraphs > 0)
        .collect();
    let short: Vec<&FileStructure> = with_text
        .iter()
        .copied()
        .filter(|f| (f.kept as f64) < MIN_KEPT * f.han as f64)
        .collect();
    let share_kept = 1.0 - short.len() as f64 / with_text.len() as f64;
    eprintln!(
        "{} files with text; {} with an article with body text but no paragraphs; {} keep under {:.0} % of \
         their Han characters ({:.2} % keep enough)",
        with_text.len(),
        empty.len(),
        short.len(),
        MIN_KEPT * 100.0,
        share_kept * 100.0
    );
    for f in short.iter().take(20) {
        eprintln!("  kept {}/{} {}", f.kept, f.han, f.path.display());
    }
    let empty_paths: Vec<String> = empty.iter().map(|f| f.path.display().to_string()).collect();
    assert!(
        empty.is_empty(),
        "articles without paragraphs in {empty_paths:#?}"
    );
    assert!(share_kept >= MIN_FILES_KEPT, "{share_kept}");
}
