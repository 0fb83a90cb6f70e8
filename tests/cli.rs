//! End to end through the real `policykg` binary on an on-disk store:
//! ingest the seed and dev corpora, query what landed, re-ingest, edit,
//! remove, and the errors a user meets.

mod common;

use std::path::{Path, PathBuf};

use common::{policykg, select, shared};
use predicates::prelude::*;
use tempfile::TempDir;

/// A single number from a one-cell SELECT.
fn count(db: &Path, query: &str) -> usize {
    select(db, query)[0][0].parse().unwrap()
}

fn seed_dir() -> PathBuf {
    shared().join("corpus/seed")
}

#[test]
fn seed_lands_as_its_gold_describes() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .args(["ingest"])
        .arg(seed_dir())
        .assert()
        .success()
        .stdout(predicate::str::contains("3 articles"));
    let rows = select(
        &db,
        "SELECT ?o ?creator (COUNT(DISTINCT ?p) AS ?n) WHERE {
           ?a a kg:Article ; kg:ordinal ?o ; dcterms:creator ?creator .
           ?p a kg:Paragraph ; dcterms:isPartOf+ ?a .
         } GROUP BY ?o ?creator ORDER BY ?o",
    );
    let paragraphs: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(paragraphs, vec!["14", "18", "8"]);
    assert_eq!(rows[1][1], "习近平生态文明思想研究中心");
    let headings = select(
        &db,
        "SELECT ?t WHERE { ?s a kg:Section ; dcterms:title ?t ; kg:ordinal ?o } ORDER BY ?o",
    );
    assert_eq!(
        headings.concat(),
        vec![
            "深刻揭示经济全球化本质",
            "指明经济全球化发展方向",
            "推动构建开放型世界经济"
        ]
    );
    let recs = select(
        &db,
        "SELECT ?m ?l WHERE { ?r a kg:Recommendation ; kg:marker ?m ; rdfs:label ?l ; kg:ordinal ?o ;
           dcterms:isPartOf/kg:ordinal ?a } ORDER BY ?a ?o",
    );
    assert_eq!(recs.len(), 10);
    assert_eq!(recs[0], vec!["一是", "接轨国际标准，实现规则协同"]);
    assert_eq!(recs[9], vec!["其五", "更加注重强化风险防控意识和能力"]);
    let broken = count(
        &db,
        r#"SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paragraph ; kg:text ?t .
             FILTER(CONTAINS(?t, "\n") || REGEX(?t, "[\u4e00-\u9fff] [\u4e00-\u9fff]")) }"#,
    );
    assert_eq!(broken, 0);
}

#[test]
fn every_part_has_its_parent_ordinal_and_source_line() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/dev"))
        .assert()
        .success();
    let orphans = count(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?c { kg:Article kg:Section kg:Paragraph kg:Recommendation }
           ?x a ?c . FILTER NOT EXISTS { ?x dcterms:isPartOf ?parent ; kg:ordinal ?o } }",
    );
    assert_eq!(orphans, 0);
    let unlined = count(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paragraph . FILTER NOT EXISTS { ?p kg:sourceLine ?l } }",
    );
    assert_eq!(unlined, 0);
    let dated = select(&db, "SELECT ?d WHERE { ?a a kg:Article ; dcterms:date ?d ; dcterms:title \"经济全球化的新特点新趋势\" }");
    assert_eq!(dated, vec![vec!["2019-02-22".to_string()]]);
}

#[test]
fn reingesting_unchanged_files_changes_nothing_and_an_edit_replaces_one_graph() {
    let tmp = TempDir::new().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for name in ["rmrb_20190222-09-01.txt", "rmrb_20200518-09-04.txt"] {
        std::fs::copy(shared().join("corpus/dev").join(name), corpus.join(name)).unwrap();
    }
    let db = tmp.path().join("db");
    policykg(&db).arg("ingest").arg(&corpus).assert().success();
    let quads =
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    let before = select(&db, quads);
    policykg(&db)
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 0 replaced, 2 unchanged"));
    assert_eq!(select(&db, quads), before);

    let edited = corpus.join("rmrb_20200518-09-04.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(
        &edited,
        text.replace(
            "（作者单位：湘潭大学商学院）",
            "　　新增的一段。\n　　（作者单位：湘潭大学商学院）",
        ),
    )
    .unwrap();
    policykg(&db)
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 1 replaced, 1 unchanged"));
    let after = select(&db, quads);
    let changed: Vec<_> = before.iter().zip(&after).filter(|(b, a)| b != a).collect();
    assert_eq!(changed.len(), 1, "exactly one graph changes");
    let paragraphs = count(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paragraph ; kg:text \"新增的一段。\" }",
    );
    assert_eq!(paragraphs, 1);
}

#[test]
fn remove_drops_a_document_and_only_it() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    let dev = shared().join("corpus/dev");
    policykg(&db).arg("ingest").arg(&dev).assert().success();
    let docs = "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }";
    assert_eq!(count(&db, docs), 16);
    policykg(&db)
        .arg("remove")
        .arg(dev.join("rmrb_20190222-09-01.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("removed 1"));
    assert_eq!(count(&db, docs), 15);
    let gone = count(
        &db,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a dcterms:title \"经济全球化的新特点新趋势\" }",
    );
    assert_eq!(gone, 0);
    let folder = tmp.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(dev.join("rmrb_20200518-09-04.txt"), folder.join("a.txt")).unwrap();
    std::fs::copy(dev.join("rmrb_20200513-09-02.txt"), folder.join("b.txt")).unwrap();
    policykg(&db).arg("ingest").arg(&folder).assert().success();
    assert_eq!(count(&db, docs), 17);
    policykg(&db)
        .arg("remove")
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains("removed 2"));
    assert_eq!(count(&db, docs), 15);
    policykg(&db)
        .arg("remove")
        .arg(tmp.path().join("never-ingested.txt"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains("never-ingested.txt"));
}

#[test]
fn gb18030_copy_gives_the_same_paragraphs_as_its_utf8_original() {
    let tmp = TempDir::new().unwrap();
    let original = shared().join("corpus/dev/rmrb_20200116-09-01.txt");
    let text = std::fs::read_to_string(&original).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let utf8_dir = tmp.path().join("utf8");
    let gb_dir = tmp.path().join("gb");
    std::fs::create_dir(&utf8_dir).unwrap();
    std::fs::create_dir(&gb_dir).unwrap();
    std::fs::write(utf8_dir.join("a.txt"), text.as_bytes()).unwrap();
    std::fs::write(gb_dir.join("a.txt"), &bytes).unwrap();
    let paragraphs = |dir: &Path| {
        let db = dir.join("db");
        policykg(&db)
            .arg("ingest")
            .arg(dir.join("a.txt"))
            .assert()
            .success();
        select(
            &db,
            "SELECT ?o ?t WHERE { ?p a kg:Paragraph ; kg:ordinal ?o ; kg:text ?t } ORDER BY ?o",
        )
    };
    let utf8 = paragraphs(&utf8_dir);
    assert_eq!(utf8.len(), 23);
    assert_eq!(paragraphs(&gb_dir), utf8);
    let db = gb_dir.join("db");
    assert_eq!(
        select(&db, "SELECT ?e WHERE { ?d kg:encoding ?e }"),
        vec![vec!["GB18030".to_string()]]
    );
}

#[test]
fn undecodable_and_empty_files_are_reported_and_the_rest_lands() {
    let tmp = TempDir::new().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        shared().join("corpus/dev/rmrb_20190222-09-01.txt"),
        corpus.join("good.txt"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("binary.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe, 0x00, 0x81],
    )
    .unwrap();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    std::fs::write(corpus.join("picture.png"), b"x").unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(&corpus)
        .assert()
        .code(3)
        .stdout(predicate::str::contains("1 added").and(predicate::str::contains("3 skipped")))
        .stderr(
            predicate::str::contains("binary.txt")
                .and(predicate::str::contains("empty.txt"))
                .and(predicate::str::contains("picture.png")),
        );
    assert_eq!(
        count(&db, "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }"),
        1
    );
}

#[test]
fn manifest_metadata_wins_over_the_file_name() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("rmrb_20190222-09-01.txt");
    std::fs::copy(shared().join("corpus/dev/rmrb_20190222-09-01.txt"), &file).unwrap();
    let manifest = tmp.path().join("manifest.csv");
    std::fs::write(
        &manifest,
        "path,date,source\nrmrb_20190222-09-01.txt,2019-03-01,人民日报\n",
    )
    .unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg("--manifest")
        .arg(&manifest)
        .arg(&file)
        .assert()
        .success();
    let rows = select(
        &db,
        "SELECT ?d ?s WHERE { ?a a kg:Article ; dcterms:date ?d ; dcterms:publisher ?s }",
    );
    assert_eq!(
        rows,
        vec![vec!["2019-03-01".to_string(), "人民日报".to_string()]]
    );
}

#[test]
fn query_syntax_error_names_line_and_column() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .args(["query", "SELECT ?s\nWHERE {\n  ?s ?p \n}"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 4"));
}

#[test]
fn query_reads_a_file_and_writes_json() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(seed_dir())
        .assert()
        .success();
    let rq = tmp.path().join("q.rq");
    std::fs::write(
        &rq,
        "SELECT (COUNT(*) AS ?n) WHERE { ?r a kg:Recommendation }",
    )
    .unwrap();
    let out = policykg(&db)
        .args(["query", "--format", "json", "-f"])
        .arg(&rq)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["results"]["bindings"][0]["n"]["value"], "10");
}

#[test]
fn construct_prints_turtle_and_ask_answers() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(seed_dir())
        .assert()
        .success();
    policykg(&db)
        .args([
            "query",
            "CONSTRUCT { ?s dcterms:title ?t } WHERE { ?s a kg:Section ; dcterms:title ?t }",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("深刻揭示经济全球化本质"));
    policykg(&db)
        .args(["query", "--format", "csv", "ASK { ?r kg:marker \"其五\" }"])
        .assert()
        .success()
        .stdout(predicate::str::contains("true"));
}

#[test]
fn stats_counts_classes_and_size() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(seed_dir())
        .assert()
        .success();
    let out = policykg(&db).args(["stats", "--json"]).output().unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["documents"], 1);
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["paragraphs"], 40);
    assert_eq!(stats["recommendations"], 10);
    assert!(stats["disk_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn ingest_of_a_missing_path_fails_naming_it() {
    let tmp = TempDir::new().unwrap();
    policykg(&tmp.path().join("db"))
        .args(["ingest", "/no/such/folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/folder"));
}

#[test]
fn outline_shows_the_structure_without_a_store() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("outline")
        .arg(seed_dir().join("000_532428ec3c596e7d.txt"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("section 3: 推动构建开放型世界经济")
                .and(predicate::str::contains("其五")),
        );
    assert!(!db.exists());
}

#[test]
fn closed_pipe_exits_quietly() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/dev"))
        .assert()
        .success();
    let bin = assert_cmd::cargo::cargo_bin("policykg");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --db '{}' query 'SELECT ?t WHERE {{ ?s kg:text ?t }}' | head -c 10 >/dev/null; exit ${{PIPESTATUS:-0}}",
            bin.display(),
            db.display()
        ))
        .output()
        .unwrap();
    assert!(
        status.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn every_kg_term_the_data_uses_is_defined_in_the_vocabulary() {
    let tmp = TempDir::new().unwrap();
    let db = tmp.path().join("db");
    policykg(&db)
        .arg("ingest")
        .arg(shared().join("corpus/dev"))
        .assert()
        .success();
    let undefined = select(
        &db,
        "SELECT DISTINCT ?t WHERE {
           { ?s ?t ?o } UNION { ?s a ?t }
           FILTER(STRSTARTS(STR(?t), STR(kg:)))
           FILTER NOT EXISTS { GRAPH <https://w3id.org/policykg/graph/vocabulary> { ?t rdfs:label ?l ; rdfs:comment ?c } }
         }",
    );
    assert!(undefined.is_empty(), "undefined terms: {undefined:?}");
}
