//! Concept matching through the binary, on small articles written for the
//! purpose: overlapping curated concepts are both kept, a verb that governs
//! the next concept rules out the reading through it, the ambiguous 自贸区
//! takes the sense its context calls for, a label inside a clause-shaped
//! formula, elided heads, variants, mentions
//! in titles and headings, and the abstract counted once.

mod common;

use std::path::{Path, PathBuf};

use common::{policykg, select};
use tempfile::TempDir;

/// An article of `body` paragraphs under `title`, with an attribution.
fn article(title: &str, body: &[&str]) -> String {
    let mut text = format!("{title}\n\n");
    for paragraph in body {
        text.push_str(&format!("　　{paragraph}\n\n"));
    }
    text.push_str("　　（作者为某研究院研究员）\n");
    text
}

/// Ingests `files` (name, text) into a fresh store, discovery off.
fn store(tmp: &TempDir, files: &[(&str, String)]) -> PathBuf {
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let db = tmp.path().join("db");
    policykg(&db)
        .args(["ingest", "--no-discover"])
        .arg(&dir)
        .assert()
        .success();
    db
}

/// Ingests one article, `a.txt`, of `body` paragraphs under `title`.
fn store_article(tmp: &TempDir, title: &str, body: &[&str]) -> PathBuf {
    store(tmp, &[("a.txt", article(title, body))])
}

/// The anchors of the body mentions of the concept labelled `label`, in
/// reading order.
fn anchors(db: &Path, label: &str) -> Vec<String> {
    select(
        db,
        &format!(
            "SELECT ?anchor WHERE {{
               ?c skos:prefLabel \"{label}\"@zh .
               ?m a kg:Mention ; kg:concept ?c ; nif:anchorOf ?anchor ;
                  kg:context ?p ; nif:beginIndex ?b .
               ?p kg:ordinal ?o .
             }} ORDER BY ?o ?b"
        ),
    )
    .into_iter()
    .map(|row| row[0].clone())
    .collect()
}

#[test]
fn overlapping_curated_concepts_are_both_kept() {
    let tmp = TempDir::new().unwrap();
    let db = store_article(
        &tmp,
        "统筹推进",
        &["我们要扎实推进新冠肺炎疫情防控，有序推动企业复工复产。"],
    );
    assert_eq!(anchors(&db, "疫情防控"), ["疫情防控"]);
    assert_eq!(anchors(&db, "新冠肺炎疫情"), ["新冠肺炎疫情"]);
    assert_eq!(anchors(&db, "复工复产"), ["复工复产"]);
}

#[test]
fn a_label_inside_a_clause_formula_is_a_mention_and_inside_a_compound_is_not() {
    let tmp = TempDir::new().unwrap();
    let db = store_article(
        &tmp,
        "主线与潮流",
        &["我们坚持以供给侧结构性改革为主线，顺应新型经济全球化的潮流。"],
    );
    assert_eq!(
        anchors(&db, "以供给侧结构性改革为主线"),
        ["以供给侧结构性改革为主线"]
    );
    assert_eq!(anchors(&db, "供给侧结构性改革"), ["供给侧结构性改革"]);
    assert_eq!(anchors(&db, "新型经济全球化"), ["新型经济全球化"]);
    assert!(anchors(&db, "经济全球化").is_empty());
}

#[test]
fn a_governing_verb_rules_out_the_reading_through_it() {
    let tmp = TempDir::new().unwrap();
    let db = store_article(
        &tmp,
        "开放的世界",
        &["我们要让各国人民共享经济全球化的成果。共享经济是新业态。"],
    );
    assert_eq!(anchors(&db, "经济全球化"), ["经济全球化"]);
    // Only the second sentence speaks of the sharing economy.
    assert_eq!(anchors(&db, "共享经济"), ["共享经济"]);
}

#[test]
fn the_free_trade_zone_sense_follows_its_context() {
    let tmp = TempDir::new().unwrap();
    let db = store_article(
        &tmp,
        "开放平台",
        &[
            "宁波自贸区和郑州自贸区积累了经验，在18个自贸区复制推广，自贸区（港）建设扎实推进。",
            "我国同更多国家商建自贸区，推进中日韩自贸区谈判。",
        ],
    );
    assert_eq!(anchors(&db, "自贸试验区"), ["自贸区"; 4]);
    // 商建自贸区 is an agreement; 中日韩自贸区 is the name of one, never a
    // pilot zone, whichever concept its own label names.
    assert_eq!(anchors(&db, "自由贸易区"), ["自贸区"]);
}

#[test]
fn an_elided_head_is_read_in_both_conjuncts() {
    let tmp = TempDir::new().unwrap();
    let db = store_article(
        &tmp,
        "合作共赢",
        &["中国始终支持新兴市场和发展中国家的正当权益。"],
    );
    assert_eq!(anchors(&db, "新兴市场国家"), ["新兴市场"]);
    assert_eq!(anchors(&db, "发展中国家"), ["发展中国家"]);
}

#[test]
fn word_order_and_full_name_variants_are_found() {
    let tmp = TempDir::new().unwrap();
    let db = store_article(
        &tmp,
        "规则对接",
        &["主动对接高标准国际经贸规则。新型冠状病毒肺炎疫情发生以来，各地严格防控。"],
    );
    assert_eq!(anchors(&db, "国际高标准经贸规则"), ["高标准国际经贸规则"]);
    assert_eq!(anchors(&db, "新冠肺炎疫情"), ["新型冠状病毒肺炎疫情"]);
}

#[test]
fn mentions_in_titles_and_headings_are_stored_apart_from_the_body() {
    let tmp = TempDir::new().unwrap();
    let text = "推动制度型开放\n\n　　内容提要\n　　建设自贸试验区是一项重要任务。\n\n　　第一段讲开放型经济。\n　　以自贸试验区为平台\n　　第二段讲营商环境，自贸试验区要先行先试。\n\n　　（作者为某研究院研究员）\n";
    let db = store(&tmp, &[("a.txt", text.to_owned())]);
    let heading = select(
        &db,
        "SELECT ?anchor ?class ?property WHERE {
           ?m a kg:HeadingMention ; kg:concept ?c ; nif:anchorOf ?anchor ;
              kg:context ?x ; kg:textProperty ?property .
           ?x a ?class .
         } ORDER BY ?anchor ?class ?property",
    );
    let rows: Vec<(String, String, String)> = heading
        .into_iter()
        .map(|r| {
            let short = |s: &str| s.rsplit(['#', '/']).next().unwrap_or_default().to_owned();
            (r[0].clone(), short(&r[1]), short(&r[2]))
        })
        .collect();
    assert!(
        rows.contains(&("制度型开放".into(), "Article".into(), "title".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("自贸试验区".into(), "Section".into(), "title".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("自贸试验区".into(), "Article".into(), "abstract".into())),
        "{rows:?}"
    );
    // Body mentions: the one in the last paragraph, not the abstract's nor the heading's.
    assert_eq!(anchors(&db, "自贸试验区"), ["自贸试验区"]);
    // The article is linked to the concept of its title.
    let linked = select(
        &db,
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article ; kg:mentions ?c . ?c skos:prefLabel \"制度型开放\"@zh }",
    );
    assert_eq!(linked, [["1"]]);
}

#[test]
fn the_abstract_is_its_own_part_and_counted_once() {
    let tmp = TempDir::new().unwrap();
    let text = "稳住经济基本盘\n\n　　内容提要\n　　扩大内需是应对冲击的关键。\n\n　　扩大内需是应对冲击的关键。我们要继续扩大内需。\n\n　　（作者为某研究院研究员）\n";
    let db = store(&tmp, &[("a.txt", text.to_owned())]);
    let paragraphs = select(&db, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paragraph }");
    assert_eq!(paragraphs, [["1"]]);
    let summary = select(&db, "SELECT ?s WHERE { ?a dcterms:abstract ?s }");
    assert_eq!(summary, [["扩大内需是应对冲击的关键。"]]);
    assert_eq!(anchors(&db, "扩大内需"), ["扩大内需"; 2]);
    let counted = select(
        &db,
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m a kg:Mention ; kg:concept ?c . ?c skos:prefLabel \"扩大内需\"@zh }",
    );
    assert_eq!(counted, [["2"]]);
}
