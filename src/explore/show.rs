//! `policykg show CONCEPT`: what does the store know about one concept?
//!
//! Input: a store and a concept name. Output: a [`Report`], the concept's
//! card:
//!
//! - facts: IRI, labels and aliases, scheme, broader, narrower and related
//!   concepts (by label, from the lexicon), mentions, articles and
//!   paragraphs that mention it, and its PageRank and community in the
//!   corpus graph;
//! - `articles`: the articles that mention it (title, or label when the
//!   article has no title; date; mentions there), most mentions first;
//! - `associated`: the concepts it co-occurs with in paragraphs, by NPMI,
//!   among those sharing at least [`related::MIN_COUNT`] paragraphs
//!   (computed as `policykg related --scope paragraph` does);
//! - `recommendations`: the recommendations that mention it (marker, lead
//!   clause, article), in the order of `articles`;
//! - `lines`: a few paragraphs cut around a mention, one per article in
//!   the order of `articles` before any article gets a second line, with
//!   the article and `file:line` (the Document's `dcterms:source` and the
//!   paragraph's `kg:sourceLine`).
//!
//! Every query starts from the concept (`?m kg:concept <iri>`,
//! `?x kg:mentions <iri>`), and texts are read only for the paragraphs
//! shown, so the card costs the same on a large store as on a small one.

use std::collections::{BTreeMap, HashMap};

use oxigraph::model::{NamedNode, Term};

use super::concepts::scheme_name;
use super::related::{self, checked_iri, integer, label_of, real, text};
use super::{Cell, ConceptRef, Concepts, Report, Table};
use crate::concepts::lexicon::Concept;
use crate::corpus::cooccurrence::{Discovered, Scope};
use crate::query;
use crate::store::Store;
use crate::{rdf::vocab, Result};

/// What `policykg show` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The concept, by label, alias or IRI.
    pub concept: String,
    /// How many articles, associated concepts and recommendations to list
    /// (`0`: all).
    pub top: usize,
    /// How many concordance lines to show.
    pub lines: usize,
}

/// Characters of context on each side of a mention in `lines`.
const CONTEXT: usize = 15;

/// Separates the items of a list in one fact.
const LIST_SEPARATOR: &str = "、";

/// One `kg:Mention` of the concept.
#[derive(Debug, Clone, PartialEq)]
struct Mention {
    /// The paragraph whose `kg:text` the offsets point into.
    paragraph: NamedNode,
    /// The paragraph's position in its article.
    ordinal: u64,
    /// Code-point offsets into the paragraph's text, end exclusive.
    begin: usize,
    end: usize,
    /// The article the paragraph belongs to.
    article: NamedNode,
}

/// What the card says about an article.
#[derive(Debug, Clone, Default, PartialEq)]
struct ArticleInfo {
    /// `dcterms:title`, else `rdfs:label`.
    name: String,
    /// `dcterms:date`, as stored.
    date: Option<String>,
    /// The Document's `dcterms:source`.
    source: Option<String>,
}

/// The concept's card.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let names = Concepts::load(store)?;
    let concept = names.resolve(&options.concept)?;
    let iri = checked_iri(&concept)?;
    let counts = mention_counts(store, &iri)?;
    let info = read_articles(store, &iri)?;
    let articles = rank_articles(counts, &info);
    let mut associations = related::associations(
        store,
        &concept,
        Scope::Paragraph,
        related::MIN_COUNT,
        Discovered::Excluded,
    )?;
    related::rank(
        &mut associations.partners,
        related::Measure::parse("npmi")?,
        &names,
    );
    let top = if options.top == 0 {
        usize::MAX
    } else {
        options.top
    };
    let mut report = Report {
        facts: facts(&names, &concept),
        ..Report::default()
    };
    report.facts.extend([
        (
            "mentions".into(),
            articles.iter().map(|(_, n)| n).sum::<u64>().into(),
        ),
        ("articles".into(), articles.len().into()),
        ("paragraphs".into(), associations.occurrences.into()),
        (
            "in titles and headings".into(),
            heading_mentions(store, &iri)?.into(),
        ),
    ]);
    report.facts.extend(corpus_facts(store, &iri)?);
    report.tables.push(article_table(&articles, &info, top));
    let mut associated = Table::new("associated", &["concept", "count", "npmi"]);
    for p in associations.partners.iter().take(top) {
        associated.push(vec![
            label_of(&names, &p.concept).into(),
            p.count.into(),
            p.measures.npmi.into(),
        ]);
    }
    report.tables.push(associated);
    let rank_of: HashMap<&NamedNode, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (a, i))
        .collect();
    report
        .tables
        .push(recommendations(store, &iri, &rank_of, &info, top)?);
    let mut mentions = Vec::new();
    for (article, _) in articles.iter().take(options.lines) {
        mentions.extend(article_mentions(store, &iri, article, options.lines)?);
    }
    let chosen = concordance_mentions(&mentions, &rank_of, options.lines);
    report.tables.push(lines(store, &chosen, &info)?);
    Ok(report)
}

/// The facts the lexicon gives: IRI, labels, scheme and neighbours.
fn facts(names: &Concepts, concept: &ConceptRef) -> Vec<(String, Cell)> {
    let lexicon = names.lexicon();
    let entry: Option<&Concept> = lexicon.get(&concept.iri);
    let label = |iri: &String| label_of(names, &NamedNode::new_unchecked(iri.clone()));
    let list = |labels: Vec<String>| -> Cell {
        if labels.is_empty() {
            Cell::Empty
        } else {
            labels.join(LIST_SEPARATOR).into()
        }
    };
    let mut broader: Vec<String> = entry
        .map(|c| c.broader.iter().map(label).collect())
        .unwrap_or_default();
    broader.sort();
    let mut narrower: Vec<String> = lexicon
        .concepts()
        .iter()
        .filter(|c| c.broader.contains(&concept.iri))
        .map(|c| label(&c.iri))
        .collect();
    narrower.sort();
    let mut related_labels: Vec<String> = entry
        .map(|c| c.related.iter().map(label).collect())
        .unwrap_or_default();
    related_labels.sort();
    related_labels.dedup();
    vec![
        ("concept".into(), concept.label.as_str().into()),
        ("iri".into(), concept.iri.as_str().into()),
        (
            "english".into(),
            entry.and_then(|c| c.pref_label_en.clone()).into(),
        ),
        (
            "aliases".into(),
            list(entry.map(|c| c.alt_labels.clone()).unwrap_or_default()),
        ),
        (
            "scheme".into(),
            scheme_name(entry.is_some_and(|c| c.discovered)).into(),
        ),
        ("broader".into(), list(broader)),
        ("narrower".into(), list(narrower)),
        ("related".into(), list(related_labels)),
    ]
}

/// PageRank and community of the concept in the corpus graph (empty when
/// it is not in the concept network).
fn corpus_facts(store: &Store, iri: &NamedNode) -> Result<Vec<(String, Cell)>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?pr ?cm WHERE {{ GRAPH <{}> {{
               OPTIONAL {{ {iri} kg:pagerank ?pr }} OPTIONAL {{ {iri} kg:community ?cm }}
             }} }}",
            vocab::CORPUS_GRAPH
        ),
    )?;
    let row = rows.rows.first();
    Ok(vec![
        ("pagerank".into(), row.and_then(|r| real(&r[0])).into()),
        ("community".into(), row.and_then(|r| integer(&r[1])).into()),
    ])
}

/// How many `kg:Mention`s of the concept each article holds.
///
/// Grouped in the query: a row per mention would decode a paragraph and
/// an article IRI each, most of the cost for a frequent concept.
fn mention_counts(store: &Store, iri: &NamedNode) -> Result<Vec<(NamedNode, u64)>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?a (COUNT(*) AS ?n) WHERE {{
               ?m kg:concept {iri} ; kg:context ?p .
               ?p a kg:Paragraph ; dcterms:isPartOf+ ?a . ?a a kg:Article .
             }} GROUP BY ?a"
        ),
    )?;
    Ok(rows
        .rows
        .iter()
        .filter_map(|row| match (&row[0], integer(&row[1])) {
            (Some(Term::NamedNode(a)), Some(n)) => Some((a.clone(), n)),
            _ => None,
        })
        .collect())
}

/// How many `kg:HeadingMention`s the concept has: mentions in titles,
/// subtitles, deck lines, editor's notes, abstracts and section headings,
/// counted apart from the body's.
fn heading_mentions(store: &Store, iri: &NamedNode) -> Result<u64> {
    let rows = query::select(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?m a kg:HeadingMention ; kg:concept {iri} }}"),
    )?;
    Ok(rows
        .rows
        .first()
        .and_then(|row| integer(&row[0]))
        .unwrap_or(0))
}

/// The first `limit` mentions of the concept in `article`, in reading
/// order. The pattern names the article's graph, so only the mentions of
/// that document are read.
fn article_mentions(
    store: &Store,
    iri: &NamedNode,
    article: &NamedNode,
    limit: usize,
) -> Result<Vec<Mention>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?p ?ordinal ?begin ?end WHERE {{ GRAPH ?g {{
               {article} a kg:Article .
               ?m kg:concept {iri} ; kg:context ?p ;
                  nif:beginIndex ?begin ; nif:endIndex ?end .
               ?p a kg:Paragraph ; kg:ordinal ?ordinal ; dcterms:isPartOf+ {article} .
             }} }} ORDER BY ?ordinal ?begin LIMIT {limit}"
        ),
    )?;
    Ok(rows
        .rows
        .iter()
        .filter_map(|row| match row.as_slice() {
            [Some(Term::NamedNode(p)), ordinal, begin, end] => Some(Mention {
                paragraph: p.clone(),
                ordinal: integer(ordinal).unwrap_or(0),
                begin: integer(begin)? as usize,
                end: integer(end)? as usize,
                article: article.clone(),
            }),
            _ => None,
        })
        .collect())
}

/// Name, date and source file of every article that mentions the concept.
fn read_articles(store: &Store, iri: &NamedNode) -> Result<HashMap<NamedNode, ArticleInfo>> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?a ?label ?title ?date ?source WHERE {{
               GRAPH ?doc {{
                 ?a kg:mentions {iri} ; a kg:Article ; rdfs:label ?label .
                 OPTIONAL {{ ?a dcterms:title ?title }}
                 OPTIONAL {{ ?a dcterms:date ?date }}
               }}
               OPTIONAL {{ ?doc dcterms:source ?source }}
             }}"
        ),
    )?;
    let mut out = HashMap::new();
    for row in &rows.rows {
        if let Some(Term::NamedNode(a)) = &row[0] {
            let info = ArticleInfo {
                name: text(&row[2]).or_else(|| text(&row[1])).unwrap_or_default(),
                date: text(&row[3]),
                source: text(&row[4]),
            };
            out.entry(a.clone()).or_insert(info);
        }
    }
    Ok(out)
}

/// The articles with their mention counts: most mentions first, then the
/// latest, then by name and IRI.
fn rank_articles(
    mut ranked: Vec<(NamedNode, u64)>,
    info: &HashMap<NamedNode, ArticleInfo>,
) -> Vec<(NamedNode, u64)> {
    let key = |a: &NamedNode| {
        let i = info.get(a);
        (
            i.and_then(|i| i.date.clone()),
            i.map(|i| i.name.clone()).unwrap_or_default(),
        )
    };
    ranked.sort_by(|(a, n), (b, m)| {
        let ((date_a, name_a), (date_b, name_b)) = (key(a), key(b));
        m.cmp(n)
            .then(date_b.cmp(&date_a))
            .then(name_a.cmp(&name_b))
            .then(a.cmp(b))
    });
    ranked
}

/// The table `articles`.
fn article_table(
    articles: &[(NamedNode, u64)],
    info: &HashMap<NamedNode, ArticleInfo>,
    top: usize,
) -> Table {
    let mut table = Table::new("articles", &["article", "date", "mentions"]);
    for (a, n) in articles.iter().take(top) {
        let i = info.get(a).cloned().unwrap_or_default();
        table.push(vec![article_name(a, &i).into(), i.date.into(), (*n).into()]);
    }
    table
}

/// An article's name, or its IRI's last segments when it has none.
fn article_name(article: &NamedNode, info: &ArticleInfo) -> String {
    if info.name.is_empty() {
        query::shorten_iri(article.as_str())
    } else {
        info.name.clone()
    }
}

/// A recommendation as the card lists it, with what it sorts by.
struct Recommendation {
    article_rank: usize,
    paragraph: u64,
    ordinal: u64,
    article: NamedNode,
    marker: String,
    label: String,
}

/// The table `recommendations`: those that mention the concept, in the
/// order of their articles in `rank_of`, then by position in the article.
fn recommendations(
    store: &Store,
    iri: &NamedNode,
    rank_of: &HashMap<&NamedNode, usize>,
    info: &HashMap<NamedNode, ArticleInfo>,
    top: usize,
) -> Result<Table> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?r ?a ?marker ?label ?line ?ordinal WHERE {{
               ?r kg:mentions {iri} . ?r a kg:Recommendation ; dcterms:isPartOf ?a .
               OPTIONAL {{ ?r kg:marker ?marker }}
               OPTIONAL {{ ?r rdfs:label ?label }}
               OPTIONAL {{ ?r kg:inParagraph/kg:ordinal ?line }}
               OPTIONAL {{ ?r kg:ordinal ?ordinal }}
             }}"
        ),
    )?;
    let mut found: HashMap<NamedNode, Recommendation> = HashMap::new();
    for row in &rows.rows {
        let (Some(Term::NamedNode(r)), Some(Term::NamedNode(a))) = (&row[0], &row[1]) else {
            continue;
        };
        let paragraph = integer(&row[4]).unwrap_or(u64::MAX);
        let entry = found.entry(r.clone()).or_insert_with(|| Recommendation {
            article_rank: rank_of.get(a).copied().unwrap_or(usize::MAX),
            paragraph,
            ordinal: integer(&row[5]).unwrap_or(0),
            article: a.clone(),
            marker: text(&row[2]).unwrap_or_default(),
            label: text(&row[3]).unwrap_or_default(),
        });
        // A recommendation spanning several paragraphs sorts by its first.
        entry.paragraph = entry.paragraph.min(paragraph);
    }
    let mut found: Vec<(NamedNode, Recommendation)> = found.into_iter().collect();
    found.sort_by(|(x, rx), (y, ry)| {
        (rx.article_rank, rx.paragraph, rx.ordinal)
            .cmp(&(ry.article_rank, ry.paragraph, ry.ordinal))
            .then(x.cmp(y))
    });
    let mut table = Table::new("recommendations", &["marker", "recommendation", "article"]);
    for (_, r) in found.into_iter().take(top) {
        let i = info.get(&r.article).cloned().unwrap_or_default();
        table.push(vec![
            r.marker.into(),
            r.label.into(),
            article_name(&r.article, &i).into(),
        ]);
    }
    Ok(table)
}

/// Which mentions the concordance shows: the first of each article in the
/// order of `rank_of`, then the second of each, and so on, `lines` in all.
fn concordance_mentions<'m>(
    mentions: &'m [Mention],
    rank_of: &HashMap<&NamedNode, usize>,
    lines: usize,
) -> Vec<&'m Mention> {
    let mut by_article: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
    for m in mentions {
        let rank = rank_of.get(&m.article).copied().unwrap_or(usize::MAX);
        by_article.entry(rank).or_default().push(m);
    }
    for list in by_article.values_mut() {
        list.sort_by_key(|m| (m.ordinal, m.begin, m.paragraph.as_str().to_string()));
    }
    let mut chosen = Vec::new();
    let mut round = 0;
    while chosen.len() < lines {
        let before = chosen.len();
        for list in by_article.values() {
            if let Some(m) = list.get(round) {
                if chosen.len() < lines {
                    chosen.push(*m);
                }
            }
        }
        if chosen.len() == before {
            break;
        }
        round += 1;
    }
    chosen
}

/// The table `lines`: each chosen mention in its paragraph, cut to
/// [`CONTEXT`] characters on each side, with its article and `file:line`.
fn lines(
    store: &Store,
    chosen: &[&Mention],
    info: &HashMap<NamedNode, ArticleInfo>,
) -> Result<Table> {
    let mut table = Table::new("lines", &["line", "article", "source"]);
    let mut paragraphs: HashMap<&NamedNode, (String, Option<u64>)> = HashMap::new();
    for m in chosen {
        if !paragraphs.contains_key(&m.paragraph) {
            paragraphs.insert(&m.paragraph, read_paragraph(store, &m.paragraph)?);
        }
        let (text, source_line) = &paragraphs[&m.paragraph];
        let i = info.get(&m.article).cloned().unwrap_or_default();
        let source = match (&i.source, source_line) {
            (Some(file), Some(line)) => Cell::from(format!("{file}:{line}")),
            (Some(file), None) => Cell::from(file.as_str()),
            _ => Cell::Empty,
        };
        table.push(vec![
            cut(text, m.begin, m.end, CONTEXT).into(),
            article_name(&m.article, &i).into(),
            source,
        ]);
    }
    Ok(table)
}

/// A paragraph's text and source line.
fn read_paragraph(store: &Store, paragraph: &NamedNode) -> Result<(String, Option<u64>)> {
    let rows = query::select(
        store,
        &format!(
            "SELECT ?text ?line WHERE {{
               {paragraph} kg:text ?text . OPTIONAL {{ {paragraph} kg:sourceLine ?line }}
             }}"
        ),
    )?;
    let row = rows.rows.first();
    Ok((
        row.and_then(|r| text(&r[0])).unwrap_or_default(),
        row.and_then(|r| integer(&r[1])),
    ))
}

/// `text` cut to `context` characters on each side of the code points
/// `begin..end`, the mention in 【】, a cut marked with `…`; line breaks
/// become spaces. Offsets past the end are clamped.
fn cut(text: &str, begin: usize, end: usize, context: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let end = end.min(chars.len());
    let begin = begin.min(end);
    let from = begin.saturating_sub(context);
    let to = (end + context).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..begin]);
    out.push('【');
    out.extend(&chars[begin..end]);
    out.push('】');
    out.extend(&chars[end..to]);
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_context_on_both_sides_and_marks_cuts() {
        let text = "一二三四五经济全球化六七八九十";
        assert_eq!(cut(text, 5, 10, 2), "…四五【经济全球化】六七…");
        assert_eq!(cut(text, 5, 10, 20), "一二三四五【经济全球化】六七八九十");
        assert_eq!(cut("经济全球化", 0, 5, 3), "【经济全球化】");
        assert_eq!(cut("ab\ncd", 1, 2, 5), "a【b】 cd");
        assert_eq!(cut("abc", 2, 9, 1), "…b【c】");
    }

    fn node(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.com/{s}"))
    }

    fn mention(article: &str, ordinal: u64, begin: usize) -> Mention {
        Mention {
            paragraph: node(&format!("{article}/p{ordinal}")),
            ordinal,
            begin,
            end: begin + 2,
            article: node(article),
        }
    }

    #[test]
    fn concordance_takes_one_line_per_article_before_seconds() {
        let mentions = vec![
            mention("b", 3, 0),
            mention("a", 2, 5),
            mention("a", 1, 7),
            mention("b", 1, 0),
            mention("c", 4, 0),
        ];
        let (a, b, c) = (node("a"), node("b"), node("c"));
        let rank_of: HashMap<&NamedNode, usize> = [(&b, 0), (&a, 1), (&c, 2)].into();
        let got: Vec<(String, u64)> = concordance_mentions(&mentions, &rank_of, 4)
            .iter()
            .map(|m| {
                (
                    related::local_name(m.article.as_str()).to_string(),
                    m.ordinal,
                )
            })
            .collect();
        let want = [("b", 1), ("a", 1), ("c", 4), ("b", 3)];
        let want: Vec<(String, u64)> = want.iter().map(|(s, n)| (s.to_string(), *n)).collect();
        assert_eq!(got, want);
        assert_eq!(concordance_mentions(&mentions, &rank_of, 9).len(), 5);
    }

    #[test]
    fn articles_rank_by_mentions_then_latest() {
        let counts = vec![(node("old"), 1), (node("new"), 1), (node("many"), 2)];
        let info: HashMap<NamedNode, ArticleInfo> = [
            ("old", "2019-01-01"),
            ("new", "2020-01-01"),
            ("many", "2018-01-01"),
        ]
        .iter()
        .map(|(a, d)| {
            (
                node(a),
                ArticleInfo {
                    name: a.to_string(),
                    date: Some(d.to_string()),
                    source: None,
                },
            )
        })
        .collect();
        let ranked: Vec<String> = rank_articles(counts, &info)
            .iter()
            .map(|(a, _)| related::local_name(a.as_str()).to_string())
            .collect();
        assert_eq!(ranked, ["many", "new", "old"]);
    }
}
