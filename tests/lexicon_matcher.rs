//! The lexicon and the matcher, end to end: the bundled lexicon loads and
//! validates, user lexicons (Turtle and CSV fixtures in
//! `tests/fixtures/lexicon/`) load, fail with file:line:column and merge,
//! the quads round-trip through an in-memory Oxigraph store, and the
//! matcher finds the longest labels at code-point offsets and keeps them
//! whole when segmenting.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use policykg::concepts::lexicon::{self, Concept, Lexicon, BUNDLED_SCHEME, USER_SCHEME};
use policykg::concepts::matcher::{Hit, Matcher};
use policykg::rdf::vocab::{KGC, LEXICON_GRAPH};
use policykg::Error;
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lexicon")
        .join(name)
}

fn kgc(local: &str) -> String {
    format!("{KGC}{local}")
}

/// The text of each hit, as "label→prefLabel of its concept".
fn render(lexicon: &Lexicon, text: &str, hits: &[Hit]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    hits.iter()
        .map(|h| {
            let found: String = chars[h.start..h.end].iter().collect();
            format!("{found}→{}", lexicon.concepts()[h.concept].pref_label)
        })
        .collect()
}

fn bundled_hits(text: &str) -> Vec<String> {
    render(Lexicon::bundled_ref(), text, &Matcher::bundled().find(text))
}

/// (line, column, whole message) of a malformed-file error.
fn malformed(result: policykg::Result<Lexicon>) -> (PathBuf, u64, u64, String) {
    match result {
        Err(error @ Error::Malformed { .. }) => {
            let message = error.to_string();
            let Error::Malformed {
                path, line, column, ..
            } = error
            else {
                unreachable!()
            };
            (path, line, column, message)
        }
        other => panic!("expected Error::Malformed, got {other:?}"),
    }
}

// ---------------------------------------------------------------- lexicon

#[test]
fn bundled_lexicon_loads_and_validates() {
    let lexicon = Lexicon::bundled();
    assert!(
        lexicon.concepts().len() >= 300,
        "{}",
        lexicon.concepts().len()
    );
    assert_eq!(lexicon.validate(), Vec::<String>::new());
    assert!(lexicon
        .concepts()
        .iter()
        .all(|c| c.scheme == BUNDLED_SCHEME));
}

#[test]
fn aliases_resolve_to_the_same_concept() {
    let lexicon = Lexicon::bundled_ref();
    let short = lexicon.lookup("自贸试验区").expect("自贸试验区 is a label");
    assert_eq!(lexicon.lookup("自由贸易试验区"), Some(short));
    let concepts: Vec<usize> = Matcher::bundled()
        .find("自由贸易试验区和自贸试验区")
        .iter()
        .map(|h| h.concept)
        .collect();
    assert_eq!(concepts, [short, short]);
}

#[test]
fn no_stoplist_word_is_a_bundled_label() {
    let lexicon = Lexicon::bundled_ref();
    let stop = lexicon::stoplist();
    assert!(stop.len() > 100);
    let bad: Vec<&str> = lexicon
        .labels()
        .map(|(l, _)| l)
        .filter(|l| stop.contains(*l))
        .collect();
    assert_eq!(bad, Vec::<&str>::new());
    let generic: Vec<&str> = lexicon
        .labels()
        .map(|(l, _)| l)
        .filter(|l| lexicon::is_generic(l))
        .collect();
    assert_eq!(generic, Vec::<&str>::new());
}

#[test]
fn malformed_turtle_names_file_line_and_column() {
    let path = fixture("malformed.ttl");
    let text = std::fs::read_to_string(&path).unwrap();
    let (file, line, column, message) = malformed(Lexicon::from_turtle(&text, &path));
    assert_eq!(file, path);
    // The statement on line 7 lacks its final `;`/`.`, so line 8 starts a
    // term where the parser expects punctuation.
    assert_eq!((line, column), (8, 1), "{message}");
    assert!(
        message.starts_with(&format!("{}:8:1: ", path.display())),
        "{message}"
    );
    assert_eq!(malformed(Lexicon::load(&path)).1, 8);
}

#[test]
fn turtle_user_lexicon_reads_narrower_from_the_broader_side() {
    let lexicon = Lexicon::load(&fixture("user.ttl")).unwrap();
    assert_eq!(lexicon.concepts().len(), 1);
    let concept = &lexicon.concepts()[0];
    assert_eq!(concept.broader, [kgc("数字丝绸之路")]);
    assert_eq!(concept.alt_label_langs, ["zh", "en"]);
    assert_eq!(concept.scheme, USER_SCHEME);
}

#[test]
fn csv_lexicon_loads_and_merges_with_the_bundled_one() {
    let user = Lexicon::load(&fixture("user.csv")).unwrap();
    assert_eq!(user.concepts().len(), 4);
    let ecommerce = user.get(&kgc("丝路电商")).unwrap();
    assert_eq!(ecommerce.alt_labels, ["丝路电子商务", "SREC"]);
    assert_eq!(ecommerce.broader, [kgc("数字丝绸之路"), kgc("跨境电商")]);
    assert_eq!(
        user.get(&kgc("丝路电商示范区")).unwrap().broader,
        [kgc("丝路电商")]
    );
    assert_eq!(
        user.get(&kgc("制度型开放新高地")).unwrap().broader,
        [kgc("制度型开放")]
    );

    let mut merged = Lexicon::bundled();
    let bundled_count = merged.concepts().len();
    // 经济全球化 (and 丝路电商, curated since) have bundled IRIs, so they
    // unite with the bundled concepts.
    let new = user
        .concepts()
        .iter()
        .filter(|c| merged.get(&c.iri).is_none())
        .count();
    assert_eq!(new, 2);
    merged.merge(user);
    assert_eq!(merged.concepts().len(), bundled_count + new);
    assert_eq!(merged.validate(), Vec::<String>::new());
    let globalisation = merged.get(&kgc("经济全球化")).unwrap();
    assert_eq!(globalisation.scheme, BUNDLED_SCHEME);
    assert!(globalisation.alt_labels.contains(&"经济一体化".to_owned()));

    let matcher = Matcher::new(&merged);
    let text = "建设丝路电子商务示范区不是丝路电商示范区，经济一体化与SREC";
    assert_eq!(
        render(&merged, text, &matcher.find(text)),
        [
            "丝路电子商务→丝路电商",
            "丝路电商示范区→丝路电商示范区",
            "经济一体化→经济全球化",
            "SREC→丝路电商"
        ]
    );
}

#[test]
fn a_user_label_taken_from_a_bundled_concept_moves_to_the_user() {
    let path = Path::new("shadow.csv");
    let user =
        Lexicon::from_csv_text("label,altLabels\n数字丝路,数字丝绸之路|自贸区\n", path).unwrap();
    let mut merged = Lexicon::bundled();
    merged.merge(user);
    let mine = merged.lookup("数字丝路").unwrap();
    assert_eq!(merged.lookup("自贸区"), Some(mine));
    assert_eq!(merged.lookup("数字丝绸之路"), Some(mine));
    // 数字丝绸之路 stays the bundled concept's prefLabel, which validate reports.
    let problems = merged.validate();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("数字丝绸之路"), "{problems:?}");
}

#[test]
fn csv_with_unknown_broader_fails_at_its_cell() {
    let path = fixture("unknown_broader.csv");
    let (file, line, column, message) = malformed(Lexicon::from_csv(&path));
    assert_eq!(file, path);
    // Line 3 is `丝路电商示范区,,丝路电商|不存在的上位概念`: the unknown name
    // starts at character 15.
    assert_eq!((line, column), (3, 15), "{message}");
    assert!(
        message.starts_with(&format!("{}:3:15: ", path.display())),
        "{message}"
    );
    assert!(message.contains("不存在的上位概念"), "{message}");
}

#[test]
fn content_hash_follows_content_not_order() {
    let concepts: Vec<Concept> = Lexicon::bundled_ref().concepts().to_vec();
    let forward = Lexicon::from_concepts(concepts.clone()).unwrap();
    let reversed = Lexicon::from_concepts(concepts.iter().rev().cloned().collect()).unwrap();
    assert_eq!(
        forward.content_hash(),
        Lexicon::bundled_ref().content_hash()
    );
    assert_eq!(forward.content_hash(), reversed.content_hash());

    let mut more = concepts;
    more[0].add_alt_label("新加的别名", "zh");
    let changed = Lexicon::from_concepts(more).unwrap();
    assert_ne!(forward.content_hash(), changed.content_hash());
    assert_eq!(forward.content_hash().len(), 64);
}

#[test]
fn quads_are_deterministic_and_parse_back() {
    let lexicon = Lexicon::bundled_ref();
    let graph = NamedNode::new(LEXICON_GRAPH).unwrap();
    let quads = lexicon.quads(&graph);
    assert_eq!(quads, lexicon.quads(&graph));
    let reversed =
        Lexicon::from_concepts(lexicon.concepts().iter().rev().cloned().collect()).unwrap();
    let reversed_quads = reversed.quads(&graph);
    let concept_quads = |q: &[Quad]| -> Vec<Quad> {
        q.iter()
            .filter(|q| q.subject.to_string() != format!("<{BUNDLED_SCHEME}>"))
            .cloned()
            .collect()
    };
    assert_eq!(concept_quads(&quads), concept_quads(&reversed_quads));

    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in &quads {
        serializer.serialize_quad(quad).unwrap();
    }
    let nquads = serializer.finish().unwrap();
    let store = Store::new().unwrap();
    for quad in RdfParser::from_format(RdfFormat::NQuads).for_slice(&nquads) {
        store.insert(&quad.unwrap()).unwrap();
    }
    assert_eq!(store.len().unwrap(), quads.len());

    let count = |sparql: &str| -> usize {
        let query = SparqlEvaluator::new().parse_query(sparql).unwrap();
        let QueryResults::Solutions(solutions) = query.on_store(&store).execute().unwrap() else {
            panic!("not a SELECT")
        };
        let row = solutions.into_iter().next().unwrap().unwrap();
        row.get("n")
            .unwrap()
            .to_string()
            .split('"')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap()
    };
    let prefix = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";
    let concepts = count(&format!(
        "{prefix}SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c a skos:Concept }} }}"
    ));
    assert_eq!(concepts, lexicon.concepts().len());
    let not_inverse = count(&format!(
        "{prefix}SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?a skos:broader ?b FILTER NOT EXISTS {{ ?b skos:narrower ?a }} }} }}"
    ));
    assert_eq!(not_inverse, 0);
    let asymmetric = count(&format!(
        "{prefix}SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?a skos:related ?b FILTER NOT EXISTS {{ ?b skos:related ?a }} }} }}"
    ));
    assert_eq!(asymmetric, 0);
    let tops = count(&format!(
        "{prefix}SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s skos:hasTopConcept ?c . ?c skos:topConceptOf ?s }} }}"
    ));
    assert_eq!(tops, 18);
    let cptpp = count(&format!(
        "{prefix}SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?c skos:altLabel \"CPTPP\"@en ; skos:prefLabel \"全面与进步跨太平洋伙伴关系协定\"@zh }} }}"
    ));
    assert_eq!(cptpp, 1);
}

/// `lexicon` stated as N-Triples, as a store dumps its lexicon graph.
fn ntriples(lexicon: &Lexicon) -> String {
    let graph = NamedNode::new(LEXICON_GRAPH).unwrap();
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    // Reversed, so reading back does not see the concepts in their order.
    for quad in lexicon.quads(&graph).iter().rev() {
        serializer.serialize_triple(quad.as_ref()).unwrap();
    }
    String::from_utf8(serializer.finish().unwrap()).unwrap()
}

#[test]
fn a_merged_lexicon_reads_back_from_its_quads() {
    let mut merged = Lexicon::bundled();
    merged.merge(Lexicon::load(&fixture("user.csv")).unwrap());
    let shadow = "label,altLabels\n数字丝路,数字丝绸之路|自贸区\n";
    merged.merge(Lexicon::from_csv_text(shadow, Path::new("shadow.csv")).unwrap());
    let one_sided = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
        <https://w3id.org/policykg/concept/丝路电商> skos:related <https://w3id.org/policykg/concept/中欧班列> .\n\
        <https://w3id.org/policykg/concept/丝路电商> a skos:Concept .";
    merged.merge(Lexicon::from_turtle(one_sided, Path::new("related.ttl")).unwrap());

    let read_back = Lexicon::from_turtle(&ntriples(&merged), Path::new("<stored>")).unwrap();
    assert_eq!(read_back.content_hash(), merged.content_hash());
    assert_eq!(read_back.concepts().len(), merged.concepts().len());
    for name in [
        "数字丝绸之路",
        "自贸区",
        "丝路电子商务",
        "经济一体化",
        "SREC",
    ] {
        let iri = |l: &Lexicon| l.lookup(name).map(|i| l.concepts()[i].iri.clone());
        assert_eq!(iri(&read_back), iri(&merged), "{name}");
    }
    let text = "数字丝绸之路与自贸区";
    let hits = |l: &Lexicon| render(l, text, &Matcher::new(l).find(text));
    assert_eq!(hits(&read_back), hits(&merged));
    assert!(
        ntriples(&read_back) == ntriples(&merged),
        "the quads differ after reading back"
    );
}

#[test]
fn discovered_concepts_are_flagged_in_their_own_scheme() {
    let mut concept = Concept::new(
        &kgc("新词"),
        "新词",
        policykg::concepts::discovered::DISCOVERED_SCHEME,
    );
    concept.discovered = true;
    let lexicon = Lexicon::from_concepts(vec![concept]).unwrap();
    let graph = NamedNode::new(LEXICON_GRAPH).unwrap();
    let text: Vec<String> = lexicon
        .quads(&graph)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        text.iter()
            .any(|q| q.contains("ns#discovered") && q.contains("true")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|q| q.contains("concept/discovered>") && q.contains("ConceptScheme")),
        "{text:?}"
    );
}

// ---------------------------------------------------------------- matcher

#[test]
fn longest_label_wins() {
    let lexicon = Lexicon::bundled_ref();
    let hits = Matcher::bundled().find("推动新型经济全球化");
    assert_eq!(
        bundled_hits("推动新型经济全球化"),
        ["新型经济全球化→新型经济全球化"]
    );
    let narrower = &lexicon.concepts()[hits[0].concept];
    assert_eq!(narrower.broader, [kgc("经济全球化")]);
    assert_eq!((hits[0].start, hits[0].end), (2, 9));
}

#[test]
fn offsets_are_code_points_in_mixed_text() {
    let text = "2024年，RCEP全面生效；中国申请加入CPTPP，推进高水平对外开放。";
    let hits = Matcher::bundled().find(text);
    assert_eq!(
        bundled_hits(text),
        [
            "RCEP→区域全面经济伙伴关系协定",
            "CPTPP→全面与进步跨太平洋伙伴关系协定",
            "高水平对外开放→高水平对外开放"
        ]
    );
    let spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    assert_eq!(spans, [(6, 10), (21, 26), (29, 36)]);
}

#[test]
fn latin_labels_match_only_as_whole_words() {
    assert_eq!(
        bundled_hits("CPTPP"),
        ["CPTPP→全面与进步跨太平洋伙伴关系协定"]
    );
    assert_eq!(bundled_hits("XCPTPPX"), Vec::<String>::new());
    assert_eq!(bundled_hits("CPTPPs"), Vec::<String>::new());
    assert_eq!(bundled_hits("cptpp"), Vec::<String>::new());
    assert_eq!(
        bundled_hits("（CPTPP）"),
        ["CPTPP→全面与进步跨太平洋伙伴关系协定"]
    );
    assert_eq!(bundled_hits("加快5G建设").len(), 1);
    assert_eq!(bundled_hits("5GHz"), Vec::<String>::new());
}

#[test]
fn segmentation_keeps_labels_whole() {
    let matcher = Matcher::bundled();
    let text = "稳步扩大制度型开放，主动对接国际高标准经贸规则，积极推进加入全面与进步跨太平洋伙伴关系协定。";
    let segments = matcher.segment(text);
    for term in [
        "制度型开放",
        "国际高标准经贸规则",
        "全面与进步跨太平洋伙伴关系协定",
    ] {
        assert!(segments.contains(&term), "{term} not whole in {segments:?}");
    }
    assert_eq!(segments.concat(), text);
    let tags = matcher.tag(text);
    assert!(
        tags.contains(&("制度型开放".to_owned(), "nz".to_owned())),
        "{tags:?}"
    );
}

/// Every matched label of the bundled lexicon.
fn labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| {
        Lexicon::bundled_ref()
            .labels()
            .map(|(l, _)| l.to_owned())
            .collect()
    })
}

/// Pieces of text: labels, and filler that can glue onto them.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..labels().len()).prop_map(|i| labels()[i].clone()),
        prop::sample::select(vec![
            "的", "和", "经济", "开放", "X", "5", "G", "A", " ", "，", "型", "新"
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9\u{4e00}-\u{4e2f}]{1,3}",
    ]
}

proptest! {
    #[test]
    fn every_hit_is_a_label_of_its_concept(pieces in prop::collection::vec(piece(), 0..12)) {
        let text: String = pieces.concat();
        let chars: Vec<char> = text.chars().collect();
        let lexicon = Lexicon::bundled_ref();
        // Hits come in order of start; curated concepts may overlap.
        let mut previous_start = 0;
        for hit in Matcher::bundled().find(&text) {
            prop_assert!(previous_start <= hit.start && hit.start < hit.end && hit.end <= chars.len());
            previous_start = hit.start;
            let found: String = chars[hit.start..hit.end].iter().collect();
            let concept = &lexicon.concepts()[hit.concept];
            // An elided conjunct is the start of a label, before a conjunction;
            // an ambiguous label may be read in its other sense.
            let elided = chars.get(hit.end).is_some_and(|c| "和与及、".contains(*c))
                && concept.labels().any(|l| l.starts_with(&found));
            let sense = policykg::concepts::matcher::senses::ambiguous_labels()
                .any(|(label, sense)| label == found && concept.labels().any(|l| l == sense));
            prop_assert!(
                concept.labels().any(|l| l == found) || elided || sense,
                "{found} is not a label of {}",
                concept.iri
            );
        }
    }
}

#[test]
fn short_labels_inside_longer_words_are_not_mentions() {
    let matcher = Matcher::bundled();
    let lexicon = Lexicon::bundled_ref();
    let labels = |text: &str| -> Vec<String> {
        matcher
            .find(text)
            .iter()
            .map(|h| lexicon.concepts()[h.concept].pref_label.clone())
            .collect()
    };
    assert!(labels("越来越多的中国企业走出去。")
        .iter()
        .all(|l| l != "国有企业"));
    assert!(!labels("深化国企改革，做强做优做大国有资本。").is_empty());
}
