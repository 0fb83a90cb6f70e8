//! Term discovery (`policykg::concepts::discover`) over the dev corpus and small
//! fixtures: the ranking is deterministic and independent of batching; no
//! stoplist word and no string spelled only by stoplist words comes out;
//! known labels stay out; counts, document counts and example lines are
//! right; memory stays within the configured bound.

mod common;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use jieba_rs::Jieba;
use policykg::concepts::discover::{
    tfidf_keywords, Candidate, Discovery, DiscoveryConfig, TfIdfConfig, TfIdfExtractor,
};

/// The policykg stoplist.
const STOPLIST: &str = include_str!("../ontology/stoplist.txt");

/// The generic words issue 3 lists; the stoplist must hold them all.
const ISSUE_WORDS: &str =
    "发展 问题 工作 经济 国家 社会 建设 推动 重要 我国 我们 方面 进一步 加强 \
    提高 实现 坚持 领域 能力 水平 体系 作用 基础 世界 中国 全面 积极 不断 推进 促进 提升 深化 加快 \
    要求 同时 目前 当前 今年 企业 政策";

/// One document: its paragraphs.
type Doc = Vec<String>;

fn stoplist() -> HashSet<String> {
    STOPLIST
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// jieba's default dictionary, built once.
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The articles of the dev corpus (title, headings, paragraphs), built once.
fn dev_docs() -> &'static [Doc] {
    static DOCS: OnceLock<Vec<Doc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = common::shared().join("corpus/dev");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("the dev corpus is missing at {}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        files.iter().flat_map(articles).collect()
    })
}

/// The articles of one file, through the crate's own decode → repair →
/// structure stages.
fn articles(path: &PathBuf) -> Vec<Doc> {
    let bytes = std::fs::read(path).unwrap();
    let decoded = policykg::document::decode::decode(&bytes).unwrap();
    let outline =
        policykg::document::structure::detect(&policykg::document::repair::repair(&decoded.text));
    outline
        .articles
        .into_iter()
        .map(|a| {
            let mut texts: Vec<String> = a.title.into_iter().collect();
            texts.extend(a.sections.into_iter().map(|s| s.title));
            texts.extend(a.paragraphs.into_iter().map(|p| p.text));
            texts
        })
        .collect()
}

/// Thresholds for a corpus of 16 articles.
fn small_config() -> DiscoveryConfig {
    DiscoveryConfig {
        min_frequency: 2,
        min_document_frequency: 1,
        ..DiscoveryConfig::default()
    }
}

/// Accumulates `docs` one by one, document `i` numbered `first + i`.
fn accumulate(config: &DiscoveryConfig, docs: &[Doc], first: usize) -> Discovery {
    let mut discovery = Discovery::new(config.clone());
    for (i, doc) in docs.iter().enumerate() {
        let paragraphs: Vec<&str> = doc.iter().map(String::as_str).collect();
        discovery.add_document(first + i, &paragraphs, jieba());
    }
    discovery
}

/// Every term discovered in `docs`, however rare, with no known labels.
fn discover_every_term(docs: &[Doc]) -> Vec<Candidate> {
    let config = DiscoveryConfig {
        min_frequency: 1,
        min_document_frequency: 1,
        ..DiscoveryConfig::default()
    };
    accumulate(&config, docs, 0).finish(&HashSet::new(), &stoplist())
}

/// Documents from literal paragraphs.
fn fixture(docs: &[&[&str]]) -> Vec<Doc> {
    docs.iter()
        .map(|d| d.iter().map(|p| p.to_string()).collect())
        .collect()
}

/// A ranking as text, one candidate a line, scores to the last bit.
fn render(candidates: &[Candidate]) -> String {
    candidates
        .iter()
        .map(|c| {
            format!(
                "{} f={} df={} score={:?} doc={} | {}\n",
                c.label, c.frequency, c.document_frequency, c.score, c.example_doc, c.example
            )
        })
        .collect()
}

/// Whether `label` is a concatenation of two or more `words` (checked
/// here independently of the library's own rule).
fn spelled_by(label: &str, words: &HashSet<String>, pieces: usize) -> bool {
    if label.is_empty() {
        return pieces >= 2;
    }
    label
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain([label.len()])
        .any(|end| words.contains(&label[..end]) && spelled_by(&label[end..], words, pieces + 1))
}

#[test]
fn the_same_documents_give_the_same_ranking() {
    let empty = HashSet::new();
    let first = accumulate(&small_config(), dev_docs(), 0).finish(&empty, &stoplist());
    let second = accumulate(&small_config(), dev_docs(), 0).finish(&empty, &stoplist());
    let parallel = Discovery::accumulate(&small_config(), dev_docs(), jieba(), |_, doc| {
        Some(doc.clone())
    })
    .finish(&empty, &stoplist());
    assert!(first.len() > 50, "only {} candidates", first.len());
    assert_eq!(render(&first), render(&second));
    assert_eq!(render(&first), render(&parallel));
}

#[test]
fn the_ranking_is_by_score_then_label() {
    let found = accumulate(&small_config(), dev_docs(), 0).finish(&HashSet::new(), &stoplist());
    for pair in found.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.score > b.score || (a.score == b.score && a.label < b.label),
            "{} ({}) before {} ({})",
            a.label,
            a.score,
            b.label,
            b.score
        );
    }
}

#[test]
fn merging_two_accumulators_equals_one_over_both() {
    let docs = dev_docs();
    let middle = docs.len() / 2;
    let whole = accumulate(&small_config(), docs, 0);
    let mut left = accumulate(&small_config(), &docs[..middle], 0);
    let right = accumulate(&small_config(), &docs[middle..], middle);
    let mut right_first = right.clone();
    right_first.merge(left.clone());
    left.merge(right);
    let empty = HashSet::new();
    let expected = render(&whole.finish(&empty, &stoplist()));
    assert_eq!(render(&left.finish(&empty, &stoplist())), expected);
    assert_eq!(render(&right_first.finish(&empty, &stoplist())), expected);
}

#[test]
fn feeding_documents_in_another_order_gives_the_same_ranking() {
    let docs = dev_docs();
    let mut reversed = Discovery::new(small_config());
    for (i, doc) in docs.iter().enumerate().rev() {
        let paragraphs: Vec<&str> = doc.iter().map(String::as_str).collect();
        reversed.add_document(i, &paragraphs, jieba());
    }
    let empty = HashSet::new();
    let expected = render(&accumulate(&small_config(), docs, 0).finish(&empty, &stoplist()));
    assert_eq!(render(&reversed.finish(&empty, &stoplist())), expected);
}

#[test]
fn the_stoplist_holds_every_generic_word_of_the_issue() {
    let stoplist = stoplist();
    let missing: Vec<&str> = ISSUE_WORDS
        .split_whitespace()
        .filter(|w| !stoplist.contains(*w))
        .collect();
    assert!(missing.is_empty(), "not in the stoplist: {missing:?}");
}

/// The labels in `found` that are stoplist words or spelled only by them.
fn generic_labels<'a>(found: &'a [Candidate], stoplist: &HashSet<String>) -> Vec<&'a str> {
    found
        .iter()
        .map(|c| c.label.as_str())
        .filter(|l| stoplist.contains(*l) || spelled_by(l, stoplist, 0))
        .collect()
}

#[test]
fn no_stoplist_word_or_combination_of_them_is_discovered_in_the_dev_corpus() {
    let stoplist = stoplist();
    // Everything seen twice (a candidate seen once has no varied context
    // and scores 0).
    let config = DiscoveryConfig {
        min_frequency: 2,
        min_document_frequency: 1,
        ..DiscoveryConfig::default()
    };
    let found = accumulate(&config, dev_docs(), 0).finish(&HashSet::new(), &stoplist);
    assert!(found.len() > 100, "only {} candidates", found.len());
    let generic = generic_labels(&found, &stoplist);
    assert!(generic.is_empty(), "generic terms discovered: {generic:?}");
}

#[test]
fn no_pair_of_stoplist_words_is_discovered_however_often_it_occurs() {
    let stoplist = stoplist();
    let mut words: Vec<&String> = stoplist.iter().collect();
    words.sort();
    // Every stoplist word paired with three others, each pair seen in
    // varied contexts in three documents: frequent, spread, cohesive.
    let docs: Vec<Doc> = (0..3)
        .map(|d| {
            let mut paragraphs = Vec::new();
            for (i, a) in words.iter().enumerate() {
                for step in [1, 7, 31] {
                    let b = words[(i + step + d) % words.len()];
                    paragraphs.push(format!("{a}{b}，又见{a}{b}。"));
                    paragraphs.push(format!("还有{a}{b}、{a}{b}；"));
                }
            }
            paragraphs
        })
        .collect();
    let found = accumulate(&small_config(), &docs, 0).finish(&HashSet::new(), &stoplist);
    let generic = generic_labels(&found, &stoplist);
    assert!(generic.is_empty(), "generic terms discovered: {generic:?}");
}

#[test]
fn generic_combinations_are_rejected_and_policy_compounds_kept() {
    let docs = fixture(&[
        &[
            "经济社会持续健康，国家发展稳步向前。",
            "银行开展压力测试，经济社会平稳。",
        ],
        &["压力测试表明，国家发展有了新动力；经济社会大局稳定。"],
        &["这次压力测试说明，国家发展的基础牢固。"],
    ]);
    let found = discover_every_term(&docs);
    let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.contains(&"压力测试"), "{labels:?}");
    assert!(!labels.contains(&"经济社会"), "{labels:?}");
    assert!(!labels.contains(&"国家发展"), "{labels:?}");
}

#[test]
fn known_labels_are_excluded() {
    let discovery = accumulate(&small_config(), dev_docs(), 0);
    let all = discovery.clone().finish(&HashSet::new(), &stoplist());
    let known: HashSet<String> = all.iter().take(10).map(|c| c.label.clone()).collect();
    let rest = discovery.finish(&known, &stoplist());
    assert!(rest.iter().all(|c| !known.contains(&c.label)));
    // Known labels also mark the phrases built on them (a stoplist word
    // next to a known label), so the rest is a subset of what remains.
    let before: HashSet<&str> = all.iter().map(|c| c.label.as_str()).collect();
    assert!(rest.iter().all(|c| before.contains(c.label.as_str())));
    assert!(
        rest.len() + known.len() * 3 >= all.len(),
        "{} of {}",
        rest.len(),
        all.len()
    );
}

#[test]
fn frequency_document_frequency_and_example_are_counted_on_a_fixture() {
    let docs = fixture(&[
        &["没有这个词。"],
        &["银行开展压力测试，防范风险。", "压力测试是金融监管的工具。"],
        &["我们要把压力测试常态化。"],
        &["没有。"],
    ]);
    let config = DiscoveryConfig {
        min_frequency: 1,
        min_document_frequency: 1,
        ..DiscoveryConfig::default()
    };
    let found = accumulate(&config, &docs, 0).finish(&HashSet::new(), &stoplist());
    let term = found
        .iter()
        .find(|c| c.label == "压力测试")
        .unwrap_or_else(|| panic!("压力测试 not found in\n{}", render(&found)));
    assert_eq!(term.frequency, 3);
    assert_eq!(term.document_frequency, 2);
    assert_eq!(term.example_doc, 1);
    assert_eq!(term.example, "银行开展压力测试，防范风险。");
}

#[test]
fn thresholds_drop_rare_candidates() {
    let docs = fixture(&[
        &["银行开展压力测试，防范风险。", "压力测试是金融监管的工具。"],
        &["我们要把压力测试常态化。"],
    ]);
    let config = DiscoveryConfig {
        min_frequency: 3,
        min_document_frequency: 3,
        ..DiscoveryConfig::default()
    };
    let found = accumulate(&config, &docs, 0).finish(&HashSet::new(), &stoplist());
    assert!(found.is_empty(), "{}", render(&found));
}

#[test]
fn examples_contain_their_term_and_are_short() {
    let found = accumulate(&small_config(), dev_docs(), 0).finish(&HashSet::new(), &stoplist());
    for c in &found {
        assert!(c.example.contains(&c.label), "{}: {}", c.label, c.example);
        assert!(
            c.example.chars().count() <= 42,
            "{}: {}",
            c.label,
            c.example
        );
        let doc = dev_docs()[c.example_doc].join("\n");
        let core = c.example.trim_matches('…');
        assert!(
            doc.contains(core),
            "{} not from doc {}",
            c.example,
            c.example_doc
        );
    }
}

#[test]
fn candidates_are_three_to_ten_han_characters() {
    let found = accumulate(&small_config(), dev_docs(), 0).finish(&HashSet::new(), &stoplist());
    for c in &found {
        let n = c.label.chars().count();
        assert!((3..=10).contains(&n), "{}", c.label);
        assert!(
            c.label.chars().all(policykg::document::repair::is_han),
            "{}",
            c.label
        );
    }
}

#[test]
fn pruning_keeps_the_accumulator_within_its_bound() {
    let config = DiscoveryConfig {
        max_entries: 2_000,
        ..small_config()
    };
    let mut discovery = Discovery::new(config);
    for (i, doc) in dev_docs().iter().enumerate() {
        let paragraphs: Vec<&str> = doc.iter().map(String::as_str).collect();
        discovery.add_document(i, &paragraphs, jieba());
        assert!(discovery.len() <= 2_000, "{} entries", discovery.len());
    }
    assert!(discovery.prunes() > 0);
    assert!(!discovery.finish(&HashSet::new(), &stoplist()).is_empty());
}

#[test]
fn tfidf_keywords_sum_weights_over_documents_and_count_segments() {
    let docs = fixture(&[&["压力测试，压力测试。", "银行"], &["银行的压力。"]]);
    let paragraphs: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.iter().map(String::as_str).collect())
        .collect();
    let extractor = TfIdfExtractor::new("压力 1.0\n测试 2.0\n银行 3.0\n", Vec::new());
    let config = TfIdfConfig {
        top_k: 1,
        ..TfIdfConfig::default()
    };
    let found = tfidf_keywords(&paragraphs, jieba(), &extractor, &config);
    let rows: Vec<(&str, usize, usize, usize)> = found
        .iter()
        .map(|c| {
            (
                c.label.as_str(),
                c.frequency,
                c.document_frequency,
                c.example_doc,
            )
        })
        .collect();
    // Doc 0: 测试 2×2/5 beats 银行 3/5 and 压力 2/5; doc 1: 银行 3/2.
    assert_eq!(rows, vec![("银行", 2, 2, 0), ("测试", 2, 1, 0)]);
    assert_eq!(found[0].score, 1.5);
}

#[test]
fn tails_of_proper_names_are_not_discovered() {
    // 同济医院 always follows a place (武汉市, 湖北省): the rest of a
    // proper name; 压力测试 follows none and is kept as the control.
    let docs = fixture(&[
        &["患者转入武汉市同济医院。", "银行开展压力测试。"],
        &["湖北省同济医院收治患者。", "压力测试表明风险可控。"],
        &["记者走进上海同济医院。", "这次压力测试说明基础牢固。"],
    ]);
    let found = discover_every_term(&docs);
    let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.contains(&"压力测试"), "{labels:?}");
    assert!(!labels.contains(&"同济医院"), "{labels:?}");
}
