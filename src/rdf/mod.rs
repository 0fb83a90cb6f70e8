//! From outline to quads: one [`Document`] in, the quads of its named graph
//! out, shaped exactly as `design/ONTOLOGY.md` says. [`vocab`] names every
//! term, graph and scheme of the contract; [`incidence`] is the derived
//! literal of which concepts each sentence, paragraph and article mentions.
//!
//! Resource IRIs are minted from the document IRI and ordinals, so the
//! same input always gives the same quads in the same order:
//! `…/doc/<id>` (the document and its graph), `…/a1` (article),
//! `…/a1/s2` (section), `…/a1/p3` (paragraph), `…/a1/p3/m1` (mention),
//! `…/a1/r4` (recommendation).
//!
//! Sentences are not resources: a paragraph of several sentences states
//! where each ends (`kg:sentenceEnds`, see [`sentence_ends`]), and each
//! document states which concepts each of its sentences, paragraphs and
//! articles mention (`kg:conceptIncidence`, see [`crate::rdf::incidence`]), the
//! one fact corpus statistics read.

pub mod incidence;
pub mod vocab;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::document::metadata::{Date, DateSource, Metadata};
use crate::document::outline::{Article, Field, Kind, Outline, Paragraph};
use crate::rdf::vocab::{DCTERMS, KG, KGID, NIF};

/// One input file, read and understood, ready to be stated as RDF.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's IRI, also the name of its graph.
    pub iri: NamedNode,
    /// The path as the user gave it.
    pub path: String,
    /// The canonical path, read again when the document must be re-matched.
    pub file: String,
    /// SHA-256 of the raw bytes, hex.
    pub sha256: String,
    /// The detected encoding's name.
    pub encoding: &'static str,
    /// Metadata from the manifest and the file name.
    pub metadata: Metadata,
    /// What the structure stage recovered, with concept mentions.
    pub outline: Outline,
    /// IRIs of the concepts that mentions point to (by index), and the hash
    /// of the lexicon they came from.
    pub concepts: std::sync::Arc<ConceptIris>,
}

/// The concepts of the matching lexicon as IRIs, by index, and the content
/// hash of that lexicon.
#[derive(Debug, Clone, Default)]
pub struct ConceptIris {
    /// IRI of concept `i`.
    pub iris: Vec<NamedNode>,
    /// Content hash of the lexicon.
    pub hash: String,
}

/// The IRI of the document read from `identity` (its canonical path).
pub fn document_iri(identity: &str) -> NamedNode {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(identity.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    NamedNode::new_unchecked(format!("{KGID}doc/{hex}"))
}

/// Collects quads into one named graph.
struct Graph {
    name: GraphName,
    quads: Vec<Quad>,
}

impl Graph {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o, self.name.clone()));
    }
}

fn kg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{KG}{local}"))
}

fn dc(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{DCTERMS}{local}"))
}

fn nif(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NIF}{local}"))
}

fn text(value: &str) -> Literal {
    Literal::new_simple_literal(value)
}

fn int(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER)
}

fn child(parent: &NamedNode, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/{local}", parent.as_str()))
}

/// The quads that state a document, in a deterministic order.
pub fn quads(doc: &Document) -> Vec<Quad> {
    let mut g = Graph {
        name: GraphName::NamedNode(doc.iri.clone()),
        quads: Vec::new(),
    };
    let d = &doc.iri;
    g.add(d, rdf::TYPE.into(), kg("Document"));
    g.add(d, dc("source"), text(&doc.path));
    g.add(d, kg("file"), text(&doc.file));
    g.add(d, kg("sha256"), text(&doc.sha256));
    g.add(d, kg("encoding"), text(doc.encoding));
    if !doc.concepts.hash.is_empty() {
        g.add(d, kg("lexiconHash"), text(&doc.concepts.hash));
    }
    let incidence =
        crate::rdf::incidence::DocumentIncidence::of_outline(&doc.outline, &doc.concepts.iris);
    g.add(d, kg("conceptIncidence"), text(&incidence.encode()));
    let single = doc.outline.articles.len() == 1;
    for (i, article) in doc.outline.articles.iter().enumerate() {
        let a = child(d, &format!("a{}", i + 1));
        article_quads(&mut g, doc, &a, i + 1, article, single);
    }
    g.quads
}

/// Quads of one article and everything in it.
fn article_quads(
    g: &mut Graph,
    doc: &Document,
    a: &NamedNode,
    ordinal: usize,
    article: &Article,
    single: bool,
) {
    let meta = &doc.metadata;
    g.add(a, rdf::TYPE.into(), kg("Article"));
    g.add(a, dc("isPartOf"), doc.iri.clone());
    g.add(a, kg("ordinal"), int(ordinal));
    g.add(a, kg("sourceLine"), int(article.source_line));
    let characters: usize = article
        .paragraphs
        .iter()
        .map(|p| p.text.chars().count())
        .sum();
    g.add(a, kg("characters"), int(characters));
    let dated_title = report_title_with_year(article, meta);
    let title = meta
        .title
        .as_deref()
        .filter(|_| single)
        .or(dated_title.as_deref())
        .or(article.title.as_deref());
    if let Some(title) = title {
        g.add(a, dc("title"), text(title));
    }
    if let Some(kind) = article.kind {
        g.add(a, dc("type"), kg(kind.class_name()));
    }
    g.add(
        a,
        rdfs::LABEL.into(),
        text(&display_label(doc, ordinal, article, title)),
    );
    for subtitle in &article.subtitles {
        g.add(a, kg("subtitle"), text(subtitle));
    }
    if let Some(column) = &article.column {
        g.add(a, kg("column"), text(column));
    }
    for deck in &article.deck {
        g.add(a, kg("deck"), text(deck));
    }
    if let Some(note) = &article.editor_note {
        g.add(a, kg("editorNote"), text(note));
    }
    for credit in &article.credits {
        g.add(a, kg("credit"), text(credit));
    }
    if let Some(summary) = &article.summary {
        g.add(a, dc("abstract"), text(summary));
    }
    let creator = meta.author.as_deref().or(article.creator.as_deref());
    if let Some(creator) = creator {
        g.add(a, dc("creator"), text(creator));
    }
    date_quads(g, a, meta, article);
    if let Some(source) = &meta.source {
        g.add(a, dc("publisher"), text(source));
    }
    if let Some(url) = &meta.url {
        g.add(a, kg("url"), text(url));
    }
    let sections: Vec<NamedNode> = (1..=article.sections.len())
        .map(|n| child(a, &format!("s{n}")))
        .collect();
    for (k, (s, section)) in sections.iter().zip(&article.sections).enumerate() {
        g.add(s, rdf::TYPE.into(), kg("Section"));
        if let Some(parent) = section.parent.and_then(|p| sections.get(p)) {
            g.add(s, dc("isPartOf"), parent.clone());
        }
        g.add(s, dc("isPartOf"), a.clone());
        g.add(s, kg("ordinal"), int(k + 1));
        g.add(s, dc("title"), text(&section.title));
        g.add(s, kg("sourceLine"), int(section.source_line));
    }
    let paragraphs: Vec<NamedNode> = (1..=article.paragraphs.len())
        .map(|n| child(a, &format!("p{n}")))
        .collect();
    let mut mentioned = Mentioned::default();
    for (k, (p, paragraph)) in paragraphs.iter().zip(&article.paragraphs).enumerate() {
        let parent = paragraph.section.map_or(a, |s| &sections[s]);
        g.add(p, rdf::TYPE.into(), kg("Paragraph"));
        g.add(p, dc("isPartOf"), parent.clone());
        g.add(p, kg("ordinal"), int(k + 1));
        g.add(p, kg("text"), text(&paragraph.text));
        g.add(p, kg("sourceLine"), int(paragraph.source_line()));
        if let Some(speaker) = &paragraph.speaker {
            g.add(p, kg("speaker"), text(speaker));
        }
        if paragraph.sentences.len() > 1 {
            g.add(p, kg("sentenceEnds"), text(&sentence_ends(paragraph)));
        }
        mention_quads(g, doc, paragraph, p);
        let parts = [Some(p), paragraph.section.map(|s| &sections[s]), Some(a)];
        for m in &paragraph.mentions {
            let concept = &doc.concepts.iris[m.concept];
            for part in parts.iter().flatten() {
                mentioned.note(part, concept);
            }
        }
    }
    for (k, rec) in article.recommendations.iter().enumerate() {
        let r = child(a, &format!("r{}", k + 1));
        g.add(&r, rdf::TYPE.into(), kg("Recommendation"));
        g.add(&r, dc("isPartOf"), a.clone());
        g.add(&r, kg("ordinal"), int(rec.ordinal));
        g.add(&r, kg("list"), int(rec.list + 1));
        g.add(&r, kg("marker"), text(&rec.marker));
        g.add(&r, rdfs::LABEL.into(), text(&rec.label));
        g.add(&r, kg("text"), text(&rec.text));
        for &p in &rec.paragraphs {
            g.add(&r, kg("inParagraph"), paragraphs[p].clone());
        }
        if let Some(intro) = &rec.intro {
            g.add(&r, kg("intro"), text(intro));
        }
        for concept in recommendation_concepts(doc, article, rec) {
            mentioned.note(&r, concept);
        }
    }
    let head = HeadContext {
        article: a,
        sections: &sections,
        title_stored: title == article.title.as_deref(),
    };
    head_mention_quads(g, doc, article, &head, &mut mentioned);
    for (part, concept) in mentioned.pairs {
        g.add(&part, kg("mentions"), concept);
    }
}

/// The article's date and where it was read (`kg:dateSource`): the
/// manifest's, else a date the text prints (`kg:dateEvidence` is the
/// printed line), else the file name's. A text date wins over the file
/// name's when it is more precise and falls in the file name's period
/// (`gwr_2022.txt` says 2022, its delivery line 2022-03-05); a file-name
/// date that disagrees with the text is kept, since the text may print an
/// older date it quotes.
fn date_quads(g: &mut Graph, a: &NamedNode, meta: &Metadata, article: &Article) {
    let printed = article.date.as_ref();
    let from_text = match (meta.date, meta.date_source, printed) {
        (None, _, Some(_)) => true,
        (Some(known), Some(DateSource::FileName), Some(printed)) => refines(printed.date, known),
        _ => false,
    };
    let (date, source) = match (from_text, printed) {
        (true, Some(printed)) => (printed.date, DateSource::Text),
        _ => match (meta.date, meta.date_source) {
            (Some(date), source) => (date, source.unwrap_or(DateSource::Manifest)),
            (None, _) => return,
        },
    };
    let (lexical, datatype) = date.xsd();
    let datatype = NamedNode::new_unchecked(format!("{}{datatype}", crate::rdf::vocab::XSD));
    g.add(a, dc("date"), Literal::new_typed_literal(lexical, datatype));
    g.add(a, kg("dateSource"), text(source.name()));
    if let (DateSource::Text, Some(printed)) = (source, printed) {
        g.add(a, kg("dateEvidence"), text(&printed.evidence));
    }
}

/// Whether `finer` is more precise than `coarser` and lies within it
/// (2022-03-05 within 2022).
fn refines(finer: Date, coarser: Date) -> bool {
    match (finer, coarser) {
        (Date::Day(y, m, _), Date::Month(cy, cm)) => y == cy && m == cm,
        (Date::Day(y, ..) | Date::Month(y, _), Date::Year(cy)) => y == cy,
        _ => false,
    }
}

/// A work report's title with the year of the article's metadata date,
/// when the text names no year (`政府工作报告` of `gwr_2013.txt`, whose
/// parts are `过去五年工作回顾` and `对今年政府工作的建议`).
fn report_title_with_year(article: &Article, meta: &Metadata) -> Option<String> {
    let title = article.title.as_deref()?;
    let year = meta.date.map(|d| d.year());
    let untitled_year = crate::document::structure::report::with_year(title, year);
    (article.kind == Some(Kind::WorkReport) && untitled_year != title).then_some(untitled_year)
}

/// Where the mentions outside an article's body point.
struct HeadContext<'a> {
    article: &'a NamedNode,
    sections: &'a [NamedNode],
    /// The stored `dcterms:title` is the article's own title line (a
    /// manifest title replaces it, and its offsets would not fit).
    title_stored: bool,
}

/// One `kg:HeadingMention` (a kind of `kg:Mention`, typed apart so that
/// `?m a kg:Mention` still counts the body) per occurrence in the title,
/// subtitles, deck lines, editor's note, abstract (context: the article)
/// or a section heading (context: the section); `kg:textProperty` names
/// the property whose text the offsets index. The article (and the
/// section) `kg:mentions` the concept.
fn head_mention_quads(
    g: &mut Graph,
    doc: &Document,
    article: &Article,
    head: &HeadContext,
    mentioned: &mut Mentioned,
) {
    let texts: std::collections::HashMap<Field, &str> = article.head_texts().into_iter().collect();
    let mut counts: std::collections::HashMap<&NamedNode, usize> = Default::default();
    for hm in &article.head_mentions {
        if hm.field == Field::Title && !head.title_stored {
            continue;
        }
        let (context, property) = match hm.field {
            Field::Heading(s) => (&head.sections[s], dc("title")),
            Field::Title => (head.article, dc("title")),
            Field::Subtitle(_) => (head.article, kg("subtitle")),
            Field::Deck(_) => (head.article, kg("deck")),
            Field::EditorNote => (head.article, kg("editorNote")),
            Field::Summary => (head.article, dc("abstract")),
        };
        let count = counts.entry(context).or_default();
        *count += 1;
        let prefix = if matches!(hm.field, Field::Heading(_)) {
            "m"
        } else {
            "h"
        };
        let iri = child(context, &format!("{prefix}{count}"));
        let m = &hm.mention;
        let anchor: String = texts[&hm.field]
            .chars()
            .skip(m.range.start)
            .take(m.range.len())
            .collect();
        let concept = &doc.concepts.iris[m.concept];
        g.add(&iri, rdf::TYPE.into(), kg("HeadingMention"));
        g.add(&iri, kg("concept"), concept.clone());
        g.add(&iri, kg("context"), context.clone());
        g.add(&iri, kg("textProperty"), property);
        g.add(&iri, nif("beginIndex"), offset(m.range.start));
        g.add(&iri, nif("endIndex"), offset(m.range.end));
        g.add(&iri, nif("anchorOf"), text(&anchor));
        mentioned.note(context, concept);
        mentioned.note(head.article, concept);
    }
}

/// The `kg:mentions` shortcuts of an article, each stated once, in the
/// order first seen.
#[derive(Default)]
struct Mentioned {
    seen: std::collections::HashSet<(NamedNode, NamedNode)>,
    pairs: Vec<(NamedNode, NamedNode)>,
}

impl Mentioned {
    fn note(&mut self, part: &NamedNode, concept: &NamedNode) {
        let pair = (part.clone(), concept.clone());
        if self.seen.insert(pair.clone()) {
            self.pairs.push(pair);
        }
    }
}

/// `kg:sentenceEnds`: the code-point offset where each sentence of the
/// paragraph ends, separated by spaces (`"12 30 41"`: sentences `[0, 12)`,
/// `[12, 30)`, `[30, 41)` of `kg:text`).
pub fn sentence_ends(paragraph: &Paragraph) -> String {
    let ends: Vec<String> = paragraph
        .sentences
        .iter()
        .map(|r| r.end.to_string())
        .collect();
    ends.join(" ")
}

/// One `kg:Mention` per occurrence, with offsets into its paragraph's text.
fn mention_quads(g: &mut Graph, doc: &Document, paragraph: &Paragraph, p: &NamedNode) {
    for (k, m) in paragraph.mentions.iter().enumerate() {
        let iri = child(p, &format!("m{}", k + 1));
        let anchor: String = paragraph
            .text
            .chars()
            .skip(m.range.start)
            .take(m.range.len())
            .collect();
        g.add(&iri, rdf::TYPE.into(), kg("Mention"));
        g.add(&iri, kg("concept"), doc.concepts.iris[m.concept].clone());
        g.add(&iri, kg("context"), p.clone());
        g.add(&iri, nif("beginIndex"), offset(m.range.start));
        g.add(&iri, nif("endIndex"), offset(m.range.end));
        g.add(&iri, nif("anchorOf"), text(&anchor));
    }
}

fn offset(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

/// The concepts mentioned inside a recommendation's extent.
fn recommendation_concepts<'a>(
    doc: &'a Document,
    article: &'a Article,
    rec: &'a crate::document::outline::Recommendation,
) -> impl Iterator<Item = &'a NamedNode> + 'a {
    rec.paragraphs.iter().enumerate().flat_map(move |(k, &p)| {
        article.paragraphs[p]
            .mentions
            .iter()
            .filter(move |m| {
                k > 0 || (m.range.start >= rec.span.start && m.range.end <= rec.span.end)
            })
            .map(|m| &doc.concepts.iris[m.concept])
    })
}

/// A label to show for an article: its title, else the file name and
/// ordinal with the opening words.
fn display_label(doc: &Document, ordinal: usize, article: &Article, title: Option<&str>) -> String {
    if let Some(title) = title {
        return title.to_string();
    }
    let file = doc.path.rsplit(['/', '\\']).next().unwrap_or(&doc.path);
    let opening: String = article
        .paragraphs
        .first()
        .map(|p| p.text.chars().take(20).collect())
        .unwrap_or_default();
    format!("{file} #{ordinal}: {opening}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::metadata::{Date, DateSource, Metadata};
    use crate::document::repair::repair;

    /// The quads of `raw` read as a file named `name`, as `subject
    /// predicate object` lines with the IRIs shortened.
    fn triples(name: &str, raw: &str, metadata: Metadata) -> Vec<String> {
        let doc = Document {
            iri: document_iri(name),
            path: name.to_string(),
            file: name.to_string(),
            sha256: String::new(),
            encoding: "UTF-8",
            metadata,
            outline: crate::document::structure::detect(&repair(raw)),
            concepts: Default::default(),
        };
        let short = |term: String| {
            term.replace(&format!("<{}", doc.iri.as_str()), "<")
                .replace(KG, "kg:")
                .replace(DCTERMS, "dcterms:")
        };
        quads(&doc)
            .into_iter()
            .map(|q| {
                let (s, p, o) = (
                    q.subject.to_string(),
                    q.predicate.to_string(),
                    q.object.to_string(),
                );
                format!("{} {} {}", short(s), short(p), short(o))
            })
            .collect()
    }

    fn has(triples: &[String], wanted: &str) -> bool {
        triples.iter().any(|t| t == wanted)
    }

    /// A work report in flowing text (one paragraph per line).
    const REPORT: &str = "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、过去五年工作回顾\n过去五年成绩显著。\n经济平稳较快发展。\n民生持续改善。\n二、对今年政府工作的建议\n（一）加快转变经济发展方式\n要加快转变。\n要推动产业升级。\n（二）切实保障和改善民生\n要保障民生。\n要扩大就业。\n";

    #[test]
    fn a_reports_kind_and_its_nested_sections_are_stated() {
        let got = triples("gwr_2013.txt", REPORT, Metadata::default());
        assert!(
            has(&got, "</a1> <dcterms:type> <kg:WorkReport>"),
            "{got:#?}"
        );
        assert!(has(&got, "</a1/s3> <dcterms:isPartOf> </a1/s2>"));
        assert!(
            has(&got, "</a1/s3> <dcterms:isPartOf> </a1>"),
            "a subsection is also part of its article"
        );
        assert!(!got
            .iter()
            .any(|t| t.starts_with("</a1/s2> <dcterms:isPartOf> </a1/s")));
    }

    #[test]
    fn a_work_report_without_a_printed_year_takes_the_file_names() {
        let named = Metadata {
            date: Some(Date::Year(2013)),
            date_source: Some(DateSource::FileName),
            ..Metadata::default()
        };
        let got = triples("gwr_2013.txt", REPORT, named);
        assert!(
            has(&got, "</a1> <dcterms:title> \"2013年政府工作报告\""),
            "{got:#?}"
        );
        assert!(has(&got, "</a1> <kg:dateSource> \"file name\""));
    }

    const RESOLUTION: &str = "\u{200b}\n第十三届全国人民代表大会第三次会议关于政府工作报告的决议\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n第十三届全国人民代表大会第三次会议听取和审议了国务院总理李克强所作的政府工作报告。\n";

    #[test]
    fn a_date_printed_in_the_text_is_stored_with_its_source_where_metadata_has_none() {
        let got = triples("npc13_s3.txt", RESOLUTION, Metadata::default());
        let date = "\"2020-05-28\"^^<http://www.w3.org/2001/XMLSchema#date>";
        assert!(
            has(&got, &format!("</a1> <dcterms:date> {date}")),
            "{got:#?}"
        );
        assert!(has(&got, "</a1> <kg:dateSource> \"text\""));
        assert!(has(
            &got,
            "</a1> <kg:dateEvidence> \"（2020年5月28日第十三届全国人民代表大会第三次会议通过）\""
        ));
        assert!(has(&got, "</a1> <dcterms:type> <kg:Resolution>"));
    }

    #[test]
    fn the_manifest_date_wins_and_a_finer_text_date_refines_the_file_names() {
        let listed = Metadata {
            date: Some(Date::Day(2020, 6, 1)),
            date_source: Some(DateSource::Manifest),
            ..Metadata::default()
        };
        let got = triples("npc13_s3.txt", RESOLUTION, listed);
        assert!(has(&got, "</a1> <kg:dateSource> \"manifest\""));
        assert!(!got.iter().any(|t| t.contains("dateEvidence")));
        let named = Metadata {
            date: Some(Date::Year(2020)),
            date_source: Some(DateSource::FileName),
            ..Metadata::default()
        };
        let got = triples("npc_2020.txt", RESOLUTION, named);
        assert!(has(&got, "</a1> <kg:dateSource> \"text\""));
        let other_year = Metadata {
            date: Some(Date::Year(2019)),
            date_source: Some(DateSource::FileName),
            ..Metadata::default()
        };
        let got = triples("npc_2019.txt", RESOLUTION, other_year);
        assert!(has(&got, "</a1> <kg:dateSource> \"file name\""));
    }
}
