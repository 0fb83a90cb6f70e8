//! The structure stage against the hand-made gold files: the seed must
//! match exactly, the dev articles on at least 15 of 16.

mod common;

use common::{differences, shared, GoldArticle, GoldSeed};
use policykg::document::outline::Outline;
use policykg::{document::decode, document::repair, document::structure};

fn outline_of(path: &std::path::Path) -> Outline {
    let bytes = std::fs::read(path).unwrap();
    let text = decode::decode(&bytes).unwrap().text;
    structure::detect(&repair::repair(&text))
}

#[test]
fn seed_matches_its_gold_exactly() {
    let dir = shared();
    let gold: GoldSeed =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold/seed.json")).unwrap())
            .unwrap();
    let outline = outline_of(&dir.join("corpus/seed").join(&gold.file));
    assert_eq!(
        outline.articles.len(),
        gold.articles.len(),
        "{}",
        outline.render()
    );
    for (k, (got, want)) in outline.articles.iter().zip(&gold.articles).enumerate() {
        let diff = differences(got, want);
        assert!(
            diff.is_empty(),
            "article {}: {diff:#?}\n{}",
            k + 1,
            outline.render()
        );
    }
}

#[test]
fn seed_paragraphs_keep_no_line_break_or_space_between_cjk() {
    let outline = outline_of(&shared().join("corpus/seed/000_532428ec3c596e7d.txt"));
    for p in outline.articles.iter().flat_map(|a| &a.paragraphs) {
        assert!(!p.text.contains('\n'), "line break in {:?}", p.text);
        let chars: Vec<char> = p.text.chars().collect();
        for w in chars.windows(3) {
            assert!(
                !(repair::is_wide(w[0]) && w[1].is_whitespace() && repair::is_wide(w[2])),
                "space between CJK in {:?}",
                p.text
            );
        }
    }
}

#[test]
fn dev_articles_match_gold_on_at_least_15_of_16() {
    let dir = shared();
    let mut failures = Vec::new();
    let mut total = 0;
    let mut golds: Vec<_> = std::fs::read_dir(dir.join("gold/dev"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    golds.sort();
    for path in golds {
        let gold: GoldArticle =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let outline = outline_of(&dir.join("corpus/dev").join(&gold.file));
        total += 1;
        let diff = match outline.articles.as_slice() {
            [one] => differences(one, &gold),
            many => vec![format!("{} articles instead of 1", many.len())],
        };
        if !diff.is_empty() {
            failures.push(format!("{}: {diff:#?}", gold.file));
        }
    }
    assert_eq!(total, 16);
    assert!(
        failures.len() <= 1,
        "{} of {total} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
