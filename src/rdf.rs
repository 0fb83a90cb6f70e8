//! From outline to quads: one [`Document`] in, the quads of its named graph
//! out, shaped exactly as `design/ONTOLOGY.md` says.
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
//! articles mention (`kg:conceptIncidence`, see [`crate::incidence`]), the
//! one fact corpus statistics read.

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::metadata::Metadata;
use crate::outline::{Article, Field, Outline, Paragraph};
use crate::vocab::{DCTERMS, KG, KGID, NIF};

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
        crate::incidence::DocumentIncidence::of_outline(&doc.outline, &doc.concepts.iris);
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
    let title = meta
        .title
        .as_deref()
        .filter(|_| single)
        .or(article.title.as_deref());
    if let Some(title) = title {
        g.add(a, dc("title"), text(title));
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
    if let Some(date) = &meta.date {
        let (lexical, datatype) = date.xsd();
        let datatype = NamedNode::new_unchecked(format!("{}{datatype}", crate::vocab::XSD));
        g.add(a, dc("date"), Literal::new_typed_literal(lexical, datatype));
    }
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
    rec: &'a crate::outline::Recommendation,
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
