//! Concepts end to end through the binary: where the lexicon's concepts are
//! mentioned in the seed and dev corpora, that every mention points at the
//! exact characters of a label, gold key-concept coverage, the stoplist,
//! user lexicons and discovery.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::{policykg, select, shared, GoldArticle, GoldSeed};
use predicates::prelude::*;
use tempfile::TempDir;

/// Mentions of a concept (and its narrower concepts) per article ordinal.
fn mentions_per_article(db: &Path, label: &str) -> HashMap<String, usize> {
    mentions_per_article_of(db, label, "?c skos:broader* ?top")
}

/// Mentions per article ordinal of the concept called `label` itself, not
/// of its narrower concepts.
fn direct_mentions_per_article(db: &Path, label: &str) -> HashMap<String, usize> {
    mentions_per_article_of(db, label, "BIND(?top AS ?c)")
}

/// Mentions per article ordinal of the concepts `?c` that `pattern` ties
/// to `?top`, the concept called `label`.
fn mentions_per_article_of(db: &Path, label: &str, pattern: &str) -> HashMap<String, usize> {
    let rows = select(
        db,
        &format!(
            "SELECT ?o (COUNT(?m) AS ?n) WHERE {{
               ?top skos:prefLabel \"{label}\"@zh . {pattern} .
               ?m a kg:Mention ; kg:concept ?c ; kg:context/dcterms:isPartOf+ ?a .
               ?a a kg:Article ; kg:ordinal ?o .
             }} GROUP BY ?o"
        ),
    );
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .collect()
}

fn seed_store(tmp: &TempDir) -> std::path::PathBuf {
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/seed"))
        .assert()
        .success();
    db
}

#[test]
fn seed_concepts_are_where_the_articles_argue_them() {
    let tmp = TempDir::new().unwrap();
    let db = seed_store(&tmp);
    let open = mentions_per_article(&db, "制度型开放");
    assert!(
        open.contains_key("2") && open.contains_key("3") && !open.contains_key("1"),
        "{open:?}"
    );
    let standards = mentions_per_article(&db, "环境标准");
    assert_eq!(
        standards.keys().collect::<Vec<_>>(),
        vec!["2"],
        "{standards:?}"
    );
    // Article 2 names the pilot zones once, as 自贸区（港）.
    let zones = mentions_per_article(&db, "自贸试验区");
    assert!(
        !zones.contains_key("1") && zones.get("2") == Some(&1),
        "{zones:?}"
    );
    assert!(zones["3"] >= 18, "{zones:?}");
    // Article 2 names narrower concepts (国际贸易, 跨国公司), not the concept.
    let globalization = direct_mentions_per_article(&db, "经济全球化");
    assert_eq!(globalization.keys().collect::<Vec<_>>(), vec!["1"]);
    assert!(globalization["1"] >= 45, "{globalization:?}");
    let alias = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?c skos:broader* kgc:自贸试验区 . ?m kg:concept ?c ; nif:anchorOf ?a
           FILTER(CONTAINS(?a, \"自由贸易试验区\")) }",
    );
    assert!(alias[0][0].parse::<usize>().unwrap() >= 1);
}

#[test]
fn every_mention_slices_its_context_to_a_label_of_its_concept() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/dev"))
        .arg(shared().join("corpus/seed"))
        .assert()
        .success();
    let rows = select(
        &db,
        "SELECT ?text ?b ?e ?anchor ?c WHERE {
           ?m a kg:Mention ; kg:context ?ctx ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor ; kg:concept ?c .
           ?ctx kg:text ?text }",
    );
    let labels: HashSet<(String, String)> = select(
        &db,
        "SELECT ?c ?l WHERE { ?c a skos:Concept . { ?c skos:prefLabel ?l } UNION { ?c skos:altLabel ?l } }",
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect();
    assert!(rows.len() > 1000, "only {} mentions", rows.len());
    for r in &rows {
        let (b, e): (usize, usize) = (r[1].parse().unwrap(), r[2].parse().unwrap());
        let slice: String = r[0].chars().skip(b).take(e - b).collect();
        assert_eq!(slice, r[3]);
        // An elided conjunct (新兴市场 in 新兴市场和发展中国家) is anchored
        // as printed: the start of a label, before a conjunction.
        let conjunction = r[0].chars().nth(e).is_some_and(|c| "和与及、".contains(c));
        let elided = conjunction
            && labels
                .iter()
                .any(|(c, l)| *c == r[4] && l.starts_with(&r[3]) && *l != r[3]);
        // An ambiguous label read in its other sense (自贸区 as 自贸试验区).
        let sense =
            policykg::concepts::matcher::senses::ambiguous_labels().any(|(label, sense)| {
                label == r[3] && labels.contains(&(r[4].clone(), sense.to_owned()))
            });
        assert!(
            labels.contains(&(r[4].clone(), r[3].clone())) || elided || sense,
            "{} is not a label of {}",
            r[3],
            r[4]
        );
    }
}

#[test]
fn most_gold_key_concepts_are_linked_to_their_article() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    let dir = shared();
    policykg(&db)
        .arg("ingest")
        .arg(dir.join("corpus/dev"))
        .arg(dir.join("corpus/seed"))
        .assert()
        .success();
    let linked: HashSet<(String, usize, String)> = select(
        &db,
        "SELECT ?src ?o ?l WHERE { ?d kg:file ?src . ?a dcterms:isPartOf ?d ; kg:ordinal ?o ; kg:mentions ?c .
           ?c skos:prefLabel|skos:altLabel ?l }",
    )
    .into_iter()
    .map(|r| {
        let file = Path::new(&r[0]).file_name().unwrap().to_string_lossy().into_owned();
        (file, r[1].parse().unwrap(), r[2].clone())
    })
    .collect();
    let mut golds: Vec<(String, usize, Vec<String>)> = Vec::new();
    let seed: GoldSeed =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold/seed.json")).unwrap())
            .unwrap();
    for (k, a) in seed.articles.into_iter().enumerate() {
        golds.push((seed.file.clone(), k + 1, a.concepts));
    }
    for entry in std::fs::read_dir(dir.join("gold/dev")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let a: GoldArticle =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            golds.push((a.file.clone(), 1, a.concepts));
        }
    }
    let (mut hit, mut total) = (0, 0);
    let mut missing = Vec::new();
    for (file, ordinal, concepts) in golds {
        for c in concepts {
            total += 1;
            if linked.contains(&(file.clone(), ordinal, c.clone())) {
                hit += 1;
            } else {
                missing.push(format!("{file}#{ordinal} {c}"));
            }
        }
    }
    let recall = hit as f64 / total as f64;
    eprintln!("gold key-concept recall {recall:.3} ({hit}/{total}); missing: {missing:?}");
    assert!(
        recall >= 0.8,
        "recall {recall:.3} ({hit}/{total}); missing: {missing:?}"
    );
}

#[test]
fn no_stoplist_word_is_ever_a_concept() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/dev"))
        .assert()
        .success();
    let stoplist: HashSet<String> = include_str!("../ontology/stoplist.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    for word in [
        "发展",
        "问题",
        "工作",
        "经济",
        "国家",
        "社会",
        "企业",
        "政策",
        "当前",
        "进一步",
    ] {
        assert!(stoplist.contains(word), "{word} missing from the stoplist");
    }
    let labels = select(
        &db,
        "SELECT DISTINCT ?l WHERE { ?c a skos:Concept . { ?c skos:prefLabel ?l } UNION { ?c skos:altLabel ?l } }",
    );
    assert!(labels.len() > 900);
    for l in labels {
        assert!(!stoplist.contains(&l[0]), "{} is a concept label", l[0]);
    }
}

#[test]
fn recommendations_and_sections_carry_the_mentions_shortcut() {
    let tmp = TempDir::new().unwrap();
    let db = seed_store(&tmp);
    let rows = select(
        &db,
        "SELECT ?m WHERE { ?r a kg:Recommendation ; kg:marker ?m ; kg:mentions kgc:环境标准 } ORDER BY ?m",
    );
    assert!(rows.iter().any(|r| r[0] == "一是"), "{rows:?}");
    let sections = select(
        &db,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Section ; kg:mentions kgc:经济全球化 }",
    );
    assert_eq!(sections[0][0], "3");
}

#[test]
fn a_user_csv_lexicon_is_matched_and_a_lexicon_change_rematches_stored_documents() {
    let tmp = TempDir::new().unwrap();
    let db = seed_store(&tmp);
    let none = "SELECT (COUNT(*) AS ?n) WHERE { ?m nif:anchorOf \"规则协同\" }";
    assert_eq!(select(&db, none)[0][0], "0");
    let csv = tmp.path().join("mine.csv");
    std::fs::write(
        &csv,
        "label,altLabels,broader\n规则协同,规则协同对接,现代化产业体系\n",
    )
    .unwrap();
    policykg(&db)
        .args(["ingest", "--lexicon"])
        .arg(&csv)
        .arg(tmp.path().join("nothing-new"))
        .assert()
        .failure();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    policykg(&db)
        .args(["ingest", "--lexicon"])
        .arg(&csv)
        .arg(&empty)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("1 replaced").and(predicate::str::contains("lexicon changed")),
        );
    assert_eq!(select(&db, none)[0][0], "1");
    let broader = select(
        &db,
        "SELECT ?b WHERE { ?c skos:prefLabel \"规则协同\"@zh ; skos:broader/skos:prefLabel ?b }",
    );
    assert!(
        broader.iter().any(|r| r[0] == "现代化产业体系"),
        "{broader:?}"
    );
    policykg(&db)
        .arg("ingest")
        .arg(&empty)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 replaced"));
    assert_eq!(
        select(&db, none)[0][0],
        "1",
        "the custom lexicon is kept for later runs"
    );
}

#[test]
fn a_malformed_lexicon_fails_with_file_line_and_column() {
    let tmp = TempDir::new().unwrap();
    let ttl = tmp.path().join("bad.ttl");
    std::fs::write(&ttl, "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://example.org/x> a skos:Concept ;\n  skos:prefLabel \"甲\"@zh ,, .\n").unwrap();
    policykg(&tmp.path().join("db"))
        .args(["ingest", "--lexicon"])
        .arg(&ttl)
        .arg(shared().join("corpus/seed"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.ttl:3:"));
}

#[test]
fn discovery_suggests_ranked_terms_that_are_neither_curated_nor_generic() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/dev"))
        .arg(shared().join("corpus/seed"))
        .assert()
        .success();
    let out = policykg(&db)
        .args(["suggest", "--top", "20", "--format", "csv"])
        .output()
        .unwrap();
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(!rows.is_empty());
    let curated: HashSet<String> = select(
        &db,
        "SELECT ?l WHERE { GRAPH <https://w3id.org/policykg/graph/lexicon> { ?c skos:prefLabel|skos:altLabel ?l } }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let scores: Vec<f64> = rows.iter().map(|r| r[3].parse().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "ranked by termhood"
    );
    for r in &rows {
        assert!(!curated.contains(&r[0]), "{} is curated", r[0]);
        assert!(r[4].contains(&r[0]), "example of {} lacks it", r[0]);
        assert!(r[1].parse::<usize>().unwrap() >= r[2].parse::<usize>().unwrap());
    }
    let flagged = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?c kg:discovered true ; skos:inScheme ?s }",
    );
    assert!(flagged[0][0].parse::<usize>().unwrap() >= rows.len());
    let ttl = policykg(&db)
        .args(["suggest", "--format", "ttl"])
        .output()
        .unwrap();
    let text = String::from_utf8(ttl.stdout).unwrap();
    assert!(text.contains("skos:prefLabel"));
    let dir = tmp.path().join("l.ttl");
    std::fs::write(&dir, &text).unwrap();
    policykg(&tmp.path().join("db2"))
        .args(["ingest", "--no-discover", "--lexicon"])
        .arg(&dir)
        .arg(shared().join("corpus/seed"))
        .assert()
        .success();
}

#[test]
fn no_discover_adds_no_discovered_concepts() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .args(["ingest", "--no-discover"])
        .arg(shared().join("corpus/dev"))
        .assert()
        .success();
    let flagged = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?c kg:discovered true }",
    );
    assert_eq!(flagged[0][0], "0");
}
