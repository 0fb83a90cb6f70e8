//! `policykg kwic TEXT`: where does this string occur, and in what words?
//!
//! Input: a store and any string (not only a concept label). A string
//! that names a concept (a label or alias, curated or discovered) is
//! answered with the concept's stored `kg:Mention`s, so `kwic` counts what
//! `show`, `concepts` and `suggest` count: aliases included, occurrences
//! inside a longer concept's label left out ([`Search::Concept`]); any
//! other string, or any string with [`Search::Raw`], is searched as it is
//! written. Output: a
//! [`Report`] with one table, `lines`, one keyword-in-context line per
//! occurrence: the left context (the `width` characters before the match,
//! right-aligned), the match, the right context, the article's title (its
//! `rdfs:label` when it has none) and `source:line`, the line of the source
//! file where the match starts. Lines are sorted by document (its
//! `dcterms:source`), article, paragraph and offset.
//!
//! Finding: the needle is repaired the way ingest repairs text
//! ([`repair::drop_spaces_near_cjk`]: `经 济 全 球 化` finds `经济全球化`),
//! then the paragraphs whose `kg:text` contains it are found with
//! `FILTER(CONTAINS(?text, ?needle))`, the needle bound as a term, never
//! spliced into the query. Their articles and documents are looked up
//! afterwards, by the paragraphs' parents (store IRIs, 500 a query): one
//! query joining everything is planned badly by Oxigraph (seconds instead
//! of milliseconds on the 35 MB sample). There a search takes 0.8–1 s end
//! to end for a term like 经济全球化 (about 350 lines), files re-read
//! included; a very common word (发展, 16,000 paragraphs) about 4 s.
//!
//! The left context is right-aligned in tables, so that the matches line
//! up; CSV and JSON carry it as it is.
//!
//! The line: a paragraph spans several source lines and the store keeps
//! only the line where it starts (`kg:sourceLine`). The exact line comes
//! from reading the source file again (`kg:file`, else `dcterms:source`)
//! and parsing it as ingest does ([`crate::document::parse`]):
//! the same article and paragraph (by ordinal) carry the offset map from
//! their text to raw lines ([`OffsetMap`](crate::document::outline::OffsetMap)). When
//! the file is gone, its SHA-256 differs from the stored `kg:sha256`, or
//! the paragraph found there is not the stored one, the line is the
//! paragraph's start line marked `~` (`file.txt:12~`).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use oxigraph::model::{Literal, NamedNode, Term};
use rayon::prelude::*;

use super::{Report, Table};
use crate::document::outline::Outline;
use crate::query::{self, PreparedQuery};
use crate::store::Store;
use crate::{document::decode, document::repair, Error, Result};

/// What `policykg kwic` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The string to find (not only concept labels).
    pub text: String,
    /// Characters of context on each side.
    pub width: usize,
    /// At most this many lines (all when `None`).
    pub limit: Option<usize>,
    /// Whether a concept's name finds its mentions or the raw string.
    pub search: Search,
}

/// What `kwic` looks for when the text names a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Search {
    /// The concept's stored mentions (the default).
    #[default]
    Concept,
    /// Every occurrence of the string as written.
    Raw,
}

/// The concordance lines.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let needle = needle(&options.text)?;
    let concept = match options.search {
        Search::Concept => super::Concepts::load(store)?.resolve(&needle).ok(),
        Search::Raw => None,
    };
    let (places, mut hits) = match &concept {
        Some(concept) => concept_mentions(store, &concept.node())?,
        None => {
            let places = places_containing(store, &needle)?;
            let hits = occurrences(&places, &needle);
            (places, hits)
        }
    };
    let total = hits.len();
    let mut report = Report {
        title: vec![format!("kwic {needle}")],
        facts: vec![
            ("occurrences".into(), total.into()),
            (
                "paragraphs".into(),
                count_distinct(&hits, &places, |p| &p.paragraph).into(),
            ),
            (
                "articles".into(),
                count_distinct(&hits, &places, |p| &p.article.iri).into(),
            ),
        ],
        ..Report::default()
    };
    hits.truncate(options.limit.unwrap_or(usize::MAX));
    let lines = source_lines(&places, &hits);
    if hits.len() < total {
        report.facts.push(("shown".into(), hits.len().into()));
    }
    if let Some(concept) = &concept {
        report
            .facts
            .insert(0, ("concept".into(), concept.label.as_str().into()));
        report.notes.push(format!(
            "the stored mentions of the concept {} (its labels and aliases); --raw searches the string itself",
            concept.label
        ));
    }
    if needle != options.text {
        report.notes.push(format!(
            "searched for {needle:?}: spaces next to Chinese characters are removed, as ingest does"
        ));
    }
    if lines.iter().any(|l| !l.exact) {
        report.notes.push(
            "file:N~ : the source file is gone or changed since it was ingested; N is the line where the paragraph starts".into(),
        );
    }
    report
        .tables
        .push(concordance(&places, &hits, &lines, &needle, options.width));
    Ok(report)
}

/// The string to look for: trimmed, with the spaces that repair removes
/// from text removed too; empty is an [`Error::Usage`].
pub fn needle(text: &str) -> Result<String> {
    let trimmed = text.trim_matches(repair::is_space);
    let (repaired, _) = repair::drop_spaces_near_cjk(trimmed, 1, 0);
    if repaired.is_empty() {
        return Err(Error::Usage(
            "kwic needs a non-empty string to look for, e.g. `policykg kwic 制度型开放`".into(),
        ));
    }
    Ok(repaired)
}

/// One occurrence: which place (index into the places), and the code-point
/// range of the match in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the paragraph in the list of places.
    pub place: usize,
    /// Code-point range of the match in the paragraph text.
    pub range: Range<usize>,
}

/// Every non-overlapping occurrence of `needle` in the places, in their
/// order and then by offset.
pub fn occurrences(places: &[Place], needle: &str) -> Vec<Hit> {
    let length = needle.chars().count();
    let mut hits = Vec::new();
    for (i, place) in places.iter().enumerate() {
        for (byte, _) in place.text.match_indices(needle) {
            let start = place.text[..byte].chars().count();
            hits.push(Hit {
                place: i,
                range: start..start + length,
            });
        }
    }
    hits
}

fn count_distinct<'a>(
    hits: &[Hit],
    places: &'a [Place],
    key: impl Fn(&'a Place) -> &'a NamedNode,
) -> usize {
    let mut keys: Vec<&NamedNode> = hits.iter().map(|h| key(&places[h.place])).collect();
    keys.sort();
    keys.dedup();
    keys.len()
}

/// The table `lines`: left, match, right, title, source.
fn concordance(
    places: &[Place],
    hits: &[Hit],
    lines: &[SourceLine],
    needle: &str,
    width: usize,
) -> Table {
    let mut table = Table::new("lines", &["left", "match", "right", "title", "source"]);
    table.right_aligned.push(0);
    for (hit, line) in hits.iter().zip(lines) {
        let place = &places[hit.place];
        let (left, right) = context(&place.text, &hit.range, width);
        let matched: String = place
            .text
            .chars()
            .skip(hit.range.start)
            .take(hit.range.len())
            .collect();
        let matched = if matched.is_empty() {
            needle.to_string()
        } else {
            matched
        };
        table.push(vec![
            left.into(),
            matched.into(),
            right.into(),
            place.article.label.as_str().into(),
            line.display(&place.article.document.source).into(),
        ]);
    }
    table
}

/// The `width` code points before and after `range` in `text`.
pub fn context(text: &str, range: &Range<usize>, width: usize) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let start = range.start.saturating_sub(width);
    let end = (range.end + width).min(chars.len());
    (
        chars[start..range.start].iter().collect(),
        chars[range.end.min(chars.len())..end].iter().collect(),
    )
}

/// A paragraph of the store with the facts that say where it is.
#[derive(Debug, Clone)]
pub struct Place {
    /// The paragraph's IRI.
    pub paragraph: NamedNode,
    /// Its `kg:text`.
    pub text: String,
    /// Its `kg:ordinal` in the article (1-based).
    pub ordinal: usize,
    /// Its `kg:sourceLine`: where it starts in the source file.
    pub source_line: usize,
    /// Its article.
    pub article: Arc<ArticleFacts>,
}

/// An article and its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFacts {
    /// The article's IRI.
    pub iri: NamedNode,
    /// Its `kg:ordinal` in the document (1-based).
    pub ordinal: usize,
    /// Its `rdfs:label`: the title, or the file name and opening words.
    pub label: String,
    /// The document it is part of.
    pub document: DocumentFacts,
}

/// A document: where it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFacts {
    /// The document's IRI.
    pub iri: NamedNode,
    /// `dcterms:source`: the path as given to ingest.
    pub source: String,
    /// `kg:file`: the canonical path.
    pub file: String,
    /// `kg:sha256` of the raw bytes.
    pub sha256: String,
}

/// The paragraphs whose text contains `needle`, sorted by document source,
/// article ordinal and paragraph ordinal.
///
/// The `CONTAINS` filter sits in a subquery: Oxigraph plans a query
/// without knowing which variables are bound, and outside a subquery it
/// joins every text with its paragraph's facts before filtering (4 s
/// instead of 0.9 s on the 35 MB sample).
fn places_containing(store: &Store, needle: &str) -> Result<Vec<Place>> {
    let query = PreparedQuery::parse(
        "SELECT ?needle ?p ?text ?line ?ordinal ?parent WHERE {
           { SELECT ?needle ?p ?text WHERE { ?p kg:text ?text FILTER(CONTAINS(?text, ?needle)) } }
           ?p kg:sourceLine ?line ; kg:ordinal ?ordinal ; dcterms:isPartOf ?parent
         }",
    )?
    .bind("needle", Literal::new_simple_literal(needle))?;
    let rows = query::select_prepared(store, query)?;
    let found: Vec<Found> = rows
        .rows
        .iter()
        .filter_map(|row| Found::read(row))
        .collect();
    let parents: Vec<NamedNode> = {
        let mut v: Vec<NamedNode> = found.iter().map(|f| f.parent.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let articles = articles_of(store, &parents)?;
    let mut places: Vec<Place> = found
        .into_iter()
        .filter_map(|f| {
            Some(Place {
                article: articles.get(&f.parent)?.clone(),
                paragraph: f.paragraph,
                text: f.text,
                ordinal: f.ordinal,
                source_line: f.line,
            })
        })
        .collect();
    sort_places(&mut places);
    Ok(places)
}

/// A paragraph as the search query gives it: its facts and its parent
/// (a section or the article).
struct Found {
    paragraph: NamedNode,
    text: String,
    line: usize,
    ordinal: usize,
    parent: NamedNode,
}

impl Found {
    /// Reads a row `?p ?text ?line ?ordinal ?parent`.
    fn read(row: &[Option<Term>]) -> Option<Found> {
        match row {
            [Some(Term::NamedNode(p)), text, line, ordinal, Some(Term::NamedNode(parent))] => {
                Some(Found {
                    paragraph: p.clone(),
                    text: literal(text)?,
                    line: integer(line)?,
                    ordinal: integer(ordinal)?,
                    parent: parent.clone(),
                })
            }
            _ => None,
        }
    }
}

/// The paragraphs with a stored mention of `concept` and the mentions as
/// hits (code-point ranges from `nif:beginIndex`/`nif:endIndex`), sorted
/// like [`places_containing`] and then by offset.
fn concept_mentions(store: &Store, concept: &NamedNode) -> Result<(Vec<Place>, Vec<Hit>)> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?p ?text ?line ?ordinal ?parent ?b ?e WHERE {{
               ?m kg:concept {concept} ; kg:context ?p ; nif:beginIndex ?b ; nif:endIndex ?e .
               ?p a kg:Paragraph ; kg:text ?text ; kg:sourceLine ?line ; kg:ordinal ?ordinal ;
                  dcterms:isPartOf ?parent
             }}"
        ),
    )?;
    let mut found: BTreeMap<NamedNode, (Found, Vec<Range<usize>>)> = BTreeMap::new();
    for row in &rows.rows {
        let (Some(f), Some(b), Some(e)) = (
            Found::read(&row[..5]),
            integer::<usize>(&row[5]),
            integer::<usize>(&row[6]),
        ) else {
            continue;
        };
        found
            .entry(f.paragraph.clone())
            .or_insert_with(|| (f, Vec::new()))
            .1
            .push(b..e);
    }
    let parents: Vec<NamedNode> = {
        let mut v: Vec<NamedNode> = found.values().map(|(f, _)| f.parent.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let articles = articles_of(store, &parents)?;
    let mut places: Vec<(Place, Vec<Range<usize>>)> = found
        .into_values()
        .filter_map(|(f, ranges)| {
            let place = Place {
                article: articles.get(&f.parent)?.clone(),
                paragraph: f.paragraph,
                text: f.text,
                ordinal: f.ordinal,
                source_line: f.line,
            };
            Some((place, ranges))
        })
        .collect();
    let mut order: Vec<Place> = places.iter().map(|(p, _)| p.clone()).collect();
    sort_places(&mut order);
    let position: HashMap<&NamedNode, usize> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.paragraph, i))
        .collect();
    let mut hits: Vec<Hit> = Vec::new();
    for (place, ranges) in &mut places {
        ranges.sort_by_key(|r| (r.start, r.end));
        for range in ranges.iter() {
            hits.push(Hit {
                place: position[&place.paragraph],
                range: range.clone(),
            });
        }
    }
    hits.sort_by_key(|h| (h.place, h.range.start, h.range.end));
    Ok((order, hits))
}

/// Sorts places by document source (then IRI), article ordinal, paragraph
/// ordinal.
pub fn sort_places(places: &mut [Place]) {
    places.sort_by(|x, y| {
        let (a, b) = (&x.article, &y.article);
        (
            &a.document.source,
            &a.document.iri,
            a.ordinal,
            x.ordinal,
            &x.paragraph,
        )
            .cmp(&(
                &b.document.source,
                &b.document.iri,
                b.ordinal,
                y.ordinal,
                &y.paragraph,
            ))
    });
}

/// How many parts one query of [`articles_of`] looks up.
const PARTS_PER_QUERY: usize = 500;

/// The article each of `parts` (paragraphs, or a paragraph's parent: a
/// section or the article itself) belongs to, with its document. Parts the
/// store places in no article are left out.
///
/// The IRIs, read from the store, are written into a `VALUES` block, 500 a
/// query: bound one by one, each lookup was planned from every article of
/// the store (seconds each on the 35 MB sample).
pub fn articles_of(
    store: &Store,
    parts: &[NamedNode],
) -> Result<HashMap<NamedNode, Arc<ArticleFacts>>> {
    let mut articles: HashMap<NamedNode, Arc<ArticleFacts>> = HashMap::new();
    let mut out = HashMap::new();
    for chunk in parts.chunks(PARTS_PER_QUERY) {
        let values: Vec<String> = chunk.iter().map(NamedNode::to_string).collect();
        let rows = query::select(
            store,
            &format!(
                "SELECT ?part ?a ?ordinal ?label ?doc ?source ?file ?sha WHERE {{
                   VALUES ?part {{ {} }}
                   ?part dcterms:isPartOf* ?a .
                   ?a a kg:Article ; kg:ordinal ?ordinal ; rdfs:label ?label ;
                      dcterms:isPartOf ?doc .
                   ?doc dcterms:source ?source ; kg:file ?file ; kg:sha256 ?sha
                 }}",
                values.join(" ")
            ),
        )?;
        for row in &rows.rows {
            let (Some(Term::NamedNode(part)), Some(article)) = (&row[0], read_article(&row[1..]))
            else {
                continue;
            };
            let shared = articles
                .entry(article.iri.clone())
                .or_insert_with(|| Arc::new(article));
            out.entry(part.clone()).or_insert_with(|| shared.clone());
        }
    }
    Ok(out)
}

/// Reads `?a ?ordinal ?label ?doc ?source ?file ?sha`.
fn read_article(row: &[Option<Term>]) -> Option<ArticleFacts> {
    match row {
        [Some(Term::NamedNode(a)), ordinal, label, Some(Term::NamedNode(doc)), source, file, sha] => {
            Some(ArticleFacts {
                iri: a.clone(),
                ordinal: integer(ordinal)?,
                label: literal(label)?,
                document: DocumentFacts {
                    iri: doc.clone(),
                    source: literal(source)?,
                    file: literal(file)?,
                    sha256: literal(sha)?,
                },
            })
        }
        _ => None,
    }
}

/// Where an occurrence starts in its source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line.
    pub line: usize,
    /// Whether the line was recovered from the file as ingested (`false`:
    /// the paragraph's start line, the file being gone or changed).
    pub exact: bool,
}

impl SourceLine {
    /// `source:line`, with `~` after an approximate line.
    pub fn display(&self, source: &str) -> String {
        let mark = if self.exact { "" } else { "~" };
        format!("{source}:{}{mark}", self.line)
    }
}

/// The source line of each hit: every document with hits is read and
/// parsed once, in parallel.
pub fn source_lines(places: &[Place], hits: &[Hit]) -> Vec<SourceLine> {
    let mut by_document: BTreeMap<&NamedNode, &DocumentFacts> = BTreeMap::new();
    for hit in hits {
        let document = &places[hit.place].article.document;
        by_document.insert(&document.iri, document);
    }
    let outlines: HashMap<&NamedNode, Option<Outline>> = by_document
        .into_par_iter()
        .map(|(iri, document)| (iri, reparse(document)))
        .collect();
    hits.iter()
        .map(|hit| {
            let place = &places[hit.place];
            let outline = outlines
                .get(&place.article.document.iri)
                .and_then(Option::as_ref);
            exact_line(outline, place, hit.range.start).unwrap_or(SourceLine {
                line: place.source_line,
                exact: false,
            })
        })
        .collect()
}

/// The outline of a document read again from its file, when the file
/// still holds the bytes that were ingested.
pub fn reparse(document: &DocumentFacts) -> Option<Outline> {
    [&document.file, &document.source]
        .into_iter()
        .find_map(|path| {
            let bytes = std::fs::read(Path::new(path)).ok()?;
            (decode::sha256_hex(&bytes) == document.sha256).then_some(bytes)
        })
        .and_then(|bytes| crate::document::parse(&bytes).ok())
        .map(|parsed| parsed.outline)
}

/// The raw line of code point `offset` of the place's paragraph, from the
/// outline of its file, if the outline holds that paragraph unchanged.
fn exact_line(outline: Option<&Outline>, place: &Place, offset: usize) -> Option<SourceLine> {
    let article = outline?
        .articles
        .get(place.article.ordinal.checked_sub(1)?)?;
    let paragraph = article.paragraphs.get(place.ordinal.checked_sub(1)?)?;
    (paragraph.text == place.text).then(|| SourceLine {
        line: paragraph.offsets.locate(offset).line,
        exact: true,
    })
}

/// The lexical value of a literal cell.
pub fn literal(cell: &Option<Term>) -> Option<String> {
    match cell {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

/// The integer value of a literal cell.
pub fn integer<T: std::str::FromStr>(cell: &Option<Term>) -> Option<T> {
    match cell {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spaced_needles_are_closed_up_like_repaired_text() {
        assert_eq!(needle("经 济 全 球 化").unwrap(), "经济全球化");
        assert_eq!(needle("  制度型开放　").unwrap(), "制度型开放");
        assert_eq!(needle("全球 GDP 总量").unwrap(), "全球GDP总量");
        assert_eq!(needle("New  York").unwrap(), "New York");
    }

    #[test]
    fn empty_needles_are_usage_errors() {
        for text in ["", "   ", "　　"] {
            assert!(matches!(needle(text), Err(Error::Usage(_))), "{text:?}");
        }
    }

    #[test]
    fn context_takes_width_code_points_each_side() {
        let text = "推动新型经济全球化，稳步扩大制度型开放。";
        let start = 4;
        let (left, right) = context(text, &(start..start + 5), 3);
        assert_eq!(left, "动新型");
        assert_eq!(right, "，稳步");
        let (left, right) = context(text, &(0..2), 3);
        assert_eq!(left, "");
        assert_eq!(right, "新型经");
    }

    #[test]
    fn occurrences_are_code_point_ranges() {
        let place = |text: &str| Place {
            paragraph: NamedNode::new_unchecked("https://example.org/p"),
            text: text.to_string(),
            ordinal: 1,
            source_line: 1,
            article: Arc::new(ArticleFacts {
                iri: NamedNode::new_unchecked("https://example.org/a"),
                ordinal: 1,
                label: "a".into(),
                document: DocumentFacts {
                    iri: NamedNode::new_unchecked("https://example.org/d"),
                    source: "d.txt".into(),
                    file: "/d.txt".into(),
                    sha256: String::new(),
                },
            }),
        };
        let places = vec![place("开放，开放开放"), place("无")];
        let hits = occurrences(&places, "开放");
        let ranges: Vec<Range<usize>> = hits.iter().map(|h| h.range.clone()).collect();
        assert_eq!(ranges, vec![0..2, 3..5, 5..7]);
    }

    #[test]
    fn approximate_lines_are_marked() {
        let exact = SourceLine {
            line: 12,
            exact: true,
        };
        let approximate = SourceLine {
            line: 12,
            exact: false,
        };
        assert_eq!(exact.display("a.txt"), "a.txt:12");
        assert_eq!(approximate.display("a.txt"), "a.txt:12~");
    }
}
