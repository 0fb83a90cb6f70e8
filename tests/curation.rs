//! Discovery stays a suggestion until accepted, through the real binary on
//! an on-disk store built from small synthetic articles: junk phrases are
//! not discovered, a term has one mention count everywhere, discovered
//! terms stay out of the networks unless asked for, and `policykg lexicon`
//! accept / reject / merge decisions round-trip through the next ingest.

mod common;

use std::path::{Path, PathBuf};

use common::{policykg, select};
use predicates::prelude::*;
use tempfile::TempDir;

/// One synthetic article (written for these tests): legitimate new terms
/// (数字游民, 滑雪旅游, 茶园集群) among news prose full of phrases that are
/// not concepts: verbs with their objects (抗击疫情, 防控疫情), company
/// names and datelines (集团有限公司, 新华社北京), determiners (整个国民经济),
/// a subject and its verb in a frame (受疫情影响).
fn article(n: usize) -> String {
    format!(
        "县域经济观察之{n}\n\n\
         新华社北京3月{n}日电 某某集团有限公司董事长介绍，今年以来数字游民带动上下游协同发展，茶园集群方便了居民。\n\n\
         我们要坚决抗击疫情，在抗击疫情中守护人民健康。各地要全力防控疫情，同时认真做好疫情防控工作，共同抗击疫情。\n\n\
         数字游民发挥引领作用，滑雪旅游持续升温。滑雪旅游带动县域消费，数字游民扩大投资，乡村也有茶园集群。\n\n\
         受疫情影响，整个国民经济面临压力，但不会影响长期向好。另一家集团有限公司董事长表示，滑雪旅游前景广阔，规范茶园集群仍有空间。\n\n\
         在疫情影响下，整个国民经济顶住压力。新华社北京电，数字游民和滑雪旅游成为县域经济新亮点。\n"
    )
}

/// A folder of `count` articles.
fn corpus(dir: &Path, count: usize) -> PathBuf {
    let folder = dir.join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    for n in 1..=count {
        std::fs::write(folder.join(format!("county_{n:02}.txt")), article(n)).unwrap();
    }
    folder
}

/// A store with the synthetic corpus ingested, `extra` arguments given to
/// ingest.
fn built(extra: &[&str]) -> (TempDir, PathBuf, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let folder = corpus(tmp.path(), 5);
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .args(extra)
        .arg(&folder)
        .assert()
        .success();
    (tmp, db, folder)
}

/// `suggest` as rows of `term, mentions, documents, termhood, example`.
fn suggested(db: &Path) -> Vec<Vec<String>> {
    let out = policykg(db)
        .args(["suggest", "--top", "1000", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn terms(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().map(|r| r[0].clone()).collect()
}

/// The JSON output of a command.
fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = policykg(db).args(args).arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fact(report: &serde_json::Value, name: &str) -> u64 {
    report["facts"][name]
        .as_u64()
        .unwrap_or_else(|| panic!("no numeric fact {name} in {report}"))
}

const DISCOVERED: &str = "https://w3id.org/policykg/concept/discovered/";

#[test]
fn verb_phrases_company_names_datelines_and_determiners_are_not_discovered() {
    let (_tmp, db, _) = built(&[]);
    let found = terms(&suggested(&db));
    for junk in [
        "抗击疫情",
        "防控疫情",
        "集团有限公司",
        "有限公司董事长",
        "新华社北京",
        "整个国民经济",
        "疫情影响",
    ] {
        assert!(!found.contains(&junk.to_string()), "{junk} in {found:?}");
    }
    for term in ["数字游民", "滑雪旅游", "茶园集群"] {
        assert!(found.contains(&term.to_string()), "{term} not in {found:?}");
    }
}

#[test]
fn a_term_has_one_mention_count_in_suggest_show_concepts_and_kwic() {
    let (_tmp, db, _) = built(&[]);
    let rows = suggested(&db);
    let row = rows
        .iter()
        .find(|r| r[0] == "滑雪旅游")
        .expect("滑雪旅游 suggested");
    let in_suggest: u64 = row[1].parse().unwrap();
    assert!(in_suggest >= 15, "{row:?}");
    let in_show = fact(&json(&db, &["show", "滑雪旅游"]), "mentions");
    let in_kwic = fact(&json(&db, &["kwic", "滑雪旅游"]), "occurrences");
    let listed = json(&db, &["concepts", "--with-discovered", "--top", "0"]);
    let in_concepts = listed["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "滑雪旅游")
        .expect("滑雪旅游 listed")["mentions"]
        .as_u64()
        .unwrap();
    assert_eq!(
        (in_show, in_kwic, in_concepts),
        (in_suggest, in_suggest, in_suggest)
    );
    let values = select(
        &db,
        &format!(
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ <{DISCOVERED}滑雪旅游> kg:mentionCount ?m }}"
        ),
    );
    assert_eq!(values[0][0], "1");
}

#[test]
fn kwic_reports_stored_mentions_for_a_concept_and_raw_hits_for_other_text() {
    let (_tmp, db, _) = built(&[]);
    // 疫情防控 is curated; 常态化疫情防控 would hold it without being one of
    // its mentions, so the raw count can only be the same or larger.
    let mentions = fact(&json(&db, &["kwic", "疫情防控"]), "occurrences");
    let stored = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?m kg:concept ?c ; kg:context ?p . ?p a kg:Paragraph .
           ?c skos:prefLabel \"疫情防控\"@zh }",
    );
    assert_eq!(mentions.to_string(), stored[0][0]);
    let raw = fact(&json(&db, &["kwic", "--raw", "疫情"]), "occurrences");
    assert!(raw > mentions);
}

#[test]
fn discovered_terms_stay_out_of_the_networks_unless_asked_for() {
    let (_tmp, db, _) = built(&[]);
    let ranked = select(
        &db,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?c kg:pagerank ?r FILTER(STRSTARTS(STR(?c), \"{DISCOVERED}\")) }}"
        ),
    );
    assert_eq!(ranked[0][0], "0");
    let paired = select(
        &db,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?co a kg:Cooccurrence ; kg:concept ?c FILTER(STRSTARTS(STR(?c), \"{DISCOVERED}\")) }}"
        ),
    );
    assert_eq!(paired[0][0], "0");
    // Counted all the same.
    let counted = select(
        &db,
        &format!("SELECT ?m WHERE {{ <{DISCOVERED}数字游民> kg:mentionCount ?m }}"),
    );
    assert_eq!(counted.len(), 1);

    let listed = json(&db, &["concepts", "--top", "0"]);
    assert!(listed["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["scheme"] == "curated"));
    let exported = policykg(&db)
        .args(["export", "--format", "graphml", "--isolated"])
        .output()
        .unwrap();
    let graphml = String::from_utf8(exported.stdout).unwrap();
    assert!(graphml.contains("县域经济"), "curated concepts exported");
    assert!(!graphml.contains("数字游民"));
    let with = policykg(&db)
        .args([
            "export",
            "--format",
            "graphml",
            "--isolated",
            "--with-discovered",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8(with.stdout).unwrap().contains("数字游民"));

    policykg(&db)
        .args(["related", "数字游民"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lexicon accept"));
    let related = json(&db, &["related", "数字游民", "--with-discovered"]);
    assert!(!related["related"].as_array().unwrap().is_empty());
    let around = json(&db, &["related", "县域经济", "--top", "0"]);
    assert!(around["related"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["concept"] != "数字游民" && p["concept"] != "滑雪旅游"));

    let (_tmp2, with_db, _) = built(&["--with-discovered"]);
    let ranked = select(
        &with_db,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?c kg:pagerank ?r FILTER(STRSTARTS(STR(?c), \"{DISCOVERED}\")) }}"
        ),
    );
    assert_ne!(ranked[0][0], "0");
}

#[test]
fn accepted_rejected_and_merged_terms_take_effect_at_the_next_ingest() {
    let (tmp, db, folder) = built(&[]);
    policykg(&db)
        .args(["lexicon", "accept", "数字游民", "--broader", "县域经济"])
        .args(["--en", "digital nomads"])
        .assert()
        .success();
    policykg(&db)
        .args(["lexicon", "reject", "茶园集群"])
        .assert()
        .success();
    // Hidden at once, before any ingest.
    assert!(!terms(&suggested(&db)).contains(&"茶园集群".to_string()));
    policykg(&db)
        .args(["lexicon", "merge", "滑雪旅游", "冰雪经济"])
        .assert()
        .success();
    let user_lexicon = db.join("user-lexicon.ttl");
    assert!(user_lexicon.is_file());
    let listed = json(&db, &["lexicon", "list"]);
    let decisions: Vec<(String, String)> = listed["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["term"].as_str().unwrap().to_string(),
                d["decision"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        decisions,
        vec![
            ("数字游民".to_string(), "accepted".to_string()),
            ("滑雪旅游".to_string(), "merged".to_string()),
            ("茶园集群".to_string(), "rejected".to_string()),
        ]
    );

    policykg(&db)
        .arg("ingest")
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains("lexicon changed"));
    // Accepted: a curated concept with its labels, broader concept and mentions.
    let accepted = select(
        &db,
        "SELECT ?en (COUNT(DISTINCT ?m) AS ?n) WHERE {
           ?c skos:prefLabel \"数字游民\"@zh , ?en ; skos:broader/skos:prefLabel \"县域经济\"@zh .
           FILTER(LANG(?en) = \"en\")
           ?m kg:concept ?c ; kg:context ?p . ?p a kg:Paragraph .
           FILTER NOT EXISTS { ?c kg:discovered true }
         } GROUP BY ?en",
    );
    assert_eq!(accepted.len(), 1, "{accepted:?}");
    assert_eq!(accepted[0][0], "digital nomads");
    assert_eq!(accepted[0][1], "20");
    let ranked = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?c skos:prefLabel \"数字游民\"@zh ; kg:pagerank ?r }",
    );
    assert_eq!(ranked[0][0], "1", "an accepted term enters the network");
    // Merged: the term's text counts as mentions of the concept.
    let merged = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE {
           ?m kg:concept ?c ; nif:anchorOf \"滑雪旅游\" . ?c skos:prefLabel \"冰雪经济\"@zh }",
    );
    assert_eq!(merged[0][0], "20");
    // Rejected: not proposed, not a discovered concept any more.
    let now = terms(&suggested(&db));
    for decided in ["数字游民", "茶园集群", "滑雪旅游"] {
        assert!(!now.contains(&decided.to_string()), "{decided} in {now:?}");
    }
    let left = select(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/policykg/graph/discovered> {
           ?c skos:prefLabel ?l } FILTER(STR(?l) IN (\"数字游民\", \"茶园集群\", \"滑雪旅游\")) }",
    );
    assert_eq!(left[0][0], "0");
    drop(tmp);
}

#[test]
fn decisions_are_checked_against_the_concepts_of_the_store() {
    let (_tmp, db, _) = built(&[]);
    policykg(&db)
        .args(["lexicon", "merge", "滑雪旅游", "冰雪经几"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean").and(predicate::str::contains("冰雪经济")));
    policykg(&db)
        .args(["lexicon", "accept", "县域经济"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already a label"));
    policykg(&db)
        .args(["lexicon", "accept", "数字游民", "--broader", "县城经济"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean"));
    assert!(!db.join("user-lexicon.ttl").exists());
}

#[test]
fn a_malformed_user_lexicon_names_its_file_and_line() {
    let (tmp, db, folder) = built(&[]);
    std::fs::write(
        db.join("user-lexicon.ttl"),
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<https://example.org/x> a skos:Concept ;\n    skos:prefLabel \"数字游民\"@zh\n<https://example.org/y> .\n",
    )
    .unwrap();
    policykg(&db)
        .arg("ingest")
        .arg(&folder)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("user-lexicon.ttl:5:"));
    policykg(&db)
        .args(["lexicon", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("user-lexicon.ttl:5:"));
    drop(tmp);
}
