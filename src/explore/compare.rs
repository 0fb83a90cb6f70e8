//! `policykg compare A B`: two articles or two sets of articles, their
//! shared concepts and the concepts distinctive of each side.
//!
//! Input is two side specs ([`parse_side`] documents the notation) and the
//! store; output is a [`Report`] with the size of each side (articles,
//! characters, mentions) and three tables:
//!
//! - `shared`: concepts mentioned on both sides, most mentioned first, with
//!   their count and share (% of the side's mentions) on each side;
//! - `distinctive_a`, `distinctive_b`: the concepts used more on one side
//!   than the other, by log-likelihood keyness, strongest first.
//!
//! Keyness is Dunning's G² of the 2×2 table *this concept / every other
//! concept* × *side A / side B*, over `kg:Mention` counts (the same
//! statistic as [`Contingency::log_likelihood`]). Its sign says which side
//! the concept is distinctive of: positive when the concept's share of A's
//! mentions is larger than its share of B's, negative otherwise. Each
//! `distinctive_*` table lists the concepts of one sign with `g2` as the
//! (positive) magnitude, so a concept mentioned only on side A can only be
//! distinctive of A. The `sig` column marks G² above the χ²(1) critical
//! values: `*` p < 0.05 (3.84), `**` p < 0.01 (6.63), `***` p < 0.001
//! (10.83).
//!
//! A mention (a `kg:Mention`: a resource with `kg:context` and
//! `kg:concept`) counts once, for the article its context paragraph is part
//! of, directly or through a section. The counts are not queried from the
//! mentions but read from the `kg:conceptIncidence` literal of each
//! document a side draws on, whose `a` lines state exactly these counts per
//! article ([`crate::rdf::incidence`]). On the 35 MB sample (two years of
//! People's Daily) `compare 2019 2020` takes about 0.7 s, most of it the
//! query that lists the articles, where counting through a join over the
//! ~145,000 mentions took 3–5 s.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};

use super::{Concepts, Report, Table};
use crate::corpus::cooccurrence::{Contingency, Discovered};
use crate::document::metadata::Date;
use crate::query;
use crate::rdf::incidence::DocumentIncidence;
use crate::store::Store;
use crate::{rdf::vocab, Error, Result};

/// What `policykg compare` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The first side: an article, a date range or a path glob.
    pub a: String,
    /// The second side.
    pub b: String,
    /// How many concepts to list per table.
    pub top: usize,
    /// Whether discovered terms are compared too.
    pub discovered: Discovered,
}

/// Which articles a side spec selects (see [`parse_side`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// An article, or every article of a document, by full IRI.
    Iri(String),
    /// The articles dated within a range.
    Dates(DateRange),
    /// The articles of the documents whose path or file name matches a
    /// glob (`*` any run of characters, `/` included; `?` one character).
    Glob(String),
}

/// An inclusive range of days; `None` leaves that end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first day, as (year, month, day).
    pub from: Option<(u16, u8, u8)>,
    /// The last day (a month or year end is stored as day 31, month 12).
    pub to: Option<(u16, u8, u8)>,
}

impl DateRange {
    /// Whether every day `date` may stand for lies in the range: an article
    /// dated only `2019` is within `2019..2020` but not within
    /// `2019-03..2019-05`.
    pub fn contains(&self, date: &Date) -> bool {
        let (first, last) = span(date);
        self.from.is_none_or(|from| from <= first) && self.to.is_none_or(|to| last <= to)
    }
}

/// The first and last day a date stands for (months end on day 31, which
/// orders correctly even where the month is shorter).
fn span(date: &Date) -> ((u16, u8, u8), (u16, u8, u8)) {
    match *date {
        Date::Day(y, m, d) => ((y, m, d), (y, m, d)),
        Date::Month(y, m) => ((y, m, 1), (y, m, 31)),
        Date::Year(y) => ((y, 1, 1), (y, 12, 31)),
    }
}

/// Reads a side spec. In order:
///
/// 1. An IRI: `kgid:doc/…/a1`, `<https://…>` or `https://…` (`http://`
///    too). An article's IRI selects that article; a document's IRI all its
///    articles.
/// 2. A date range `FROM..TO`, each end a day (`2019-01-01`), a month
///    (`2019-03`) or a year (`2019`), in any notation [`Date::parse`]
///    accepts; either end may be left out (`2019..`, `..2019-06`). A month
///    or year end covers the whole month or year: `2019-03..2019-05` runs
///    from 1 March to 31 May. A spec with `..` and no `/` must be a range.
/// 3. A single date: `2019` (the year), `2019-03` (the month) or
///    `2019-03-05` (the day), as the range from it to itself.
/// 4. Anything else is a glob on the document's path: matched against its
///    `dcterms:source` (the path as given to `ingest`), its `kg:file` (the
///    absolute path) and its file name. `*` matches any run of characters
///    (`/` included), `?` one character; the whole text must match. A plain
///    file name (`rmrb_20190222-09-01.txt`) is a glob without wildcards and
///    selects the articles of that document.
///
/// An article is in a date side when the whole of its `dcterms:date` lies
/// within the range (an article dated only by year is not in a month
/// range). A malformed range is an [`Error::Usage`].
pub fn parse_side(spec: &str) -> Result<Side> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Err(Error::Usage("an empty side spec selects nothing".into()));
    }
    if let Some(iri) = iri_of(spec) {
        return Ok(Side::Iri(iri));
    }
    if let Some((from, to)) = spec.split_once("..") {
        if !spec.contains(['/', '\\']) {
            return date_range(spec, from, to).map(Side::Dates);
        }
    }
    if let Some(date) = Date::parse(spec) {
        let (first, last) = span(&date);
        return Ok(Side::Dates(DateRange {
            from: Some(first),
            to: Some(last),
        }));
    }
    Ok(Side::Glob(spec.to_string()))
}

/// The full IRI a spec names, if it is written as one.
fn iri_of(spec: &str) -> Option<String> {
    if let Some(inner) = spec.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        return Some(inner.to_string());
    }
    if let Some(local) = spec.strip_prefix("kgid:") {
        return Some(format!("{}{local}", vocab::KGID));
    }
    (spec.starts_with("https://") || spec.starts_with("http://")).then(|| spec.to_string())
}

/// `FROM..TO` with either end possibly empty, not both.
fn date_range(spec: &str, from: &str, to: &str) -> Result<DateRange> {
    let end = |text: &str| -> Result<Option<Date>> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        Date::parse(text).map(Some).ok_or_else(|| {
            Error::Usage(format!(
                "side {spec:?}: {text:?} is not a date; write a range as \
                 2019-01-01..2019-06-30, 2019-03..2019-05 or 2019..2020"
            ))
        })
    };
    let (from, to) = (end(from)?, end(to)?);
    if from.is_none() && to.is_none() {
        return Err(Error::Usage(format!(
            "side {spec:?}: a date range needs at least one end, as in 2019..2020"
        )));
    }
    let range = DateRange {
        from: from.map(|d| span(&d).0),
        to: to.map(|d| span(&d).1),
    };
    if let (Some(from), Some(to)) = (range.from, range.to) {
        if from > to {
            return Err(Error::Usage(format!(
                "side {spec:?}: the range ends before it starts"
            )));
        }
    }
    Ok(range)
}

/// Whether `text` matches `pattern` as a whole: `*` any run of characters,
/// `?` any one character, everything else itself.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matching with backtracking to the last `*` (linear in
    // practice, quadratic at worst).
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || p[i] == t[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

/// One article of the store, with what sides select on.
#[derive(Debug, Clone)]
struct ArticleFacts {
    iri: NamedNode,
    document: String,
    /// The document's `dcterms:source` and `kg:file` (read only when a
    /// side is a glob).
    paths: Vec<String>,
    date: Option<Date>,
    characters: u64,
}

impl ArticleFacts {
    fn is_in(&self, side: &Side) -> bool {
        match side {
            Side::Iri(iri) => self.iri.as_str() == iri || &self.document == iri,
            Side::Dates(range) => self.date.as_ref().is_some_and(|d| range.contains(d)),
            Side::Glob(pattern) => self
                .paths
                .iter()
                .flat_map(|path| [path.as_str(), file_name(path)])
                .any(|path| glob_match(pattern, path)),
        }
    }
}

/// The last component of a path (either separator).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Every article with its document, date and size, and with the
/// document's paths when `with_paths`.
fn read_articles(store: &Store, with_paths: bool) -> Result<Vec<ArticleFacts>> {
    let rows = query::select(
        store,
        "SELECT ?a ?doc ?date ?characters WHERE {
           ?a a kg:Article ; dcterms:isPartOf ?doc .
           OPTIONAL { ?a dcterms:date ?date }
           OPTIONAL { ?a kg:characters ?characters }
         }",
    )?;
    let paths = if with_paths {
        document_paths(store)?
    } else {
        HashMap::new()
    };
    let mut articles: Vec<ArticleFacts> = rows
        .rows
        .iter()
        .filter_map(|row| {
            let Some(Term::NamedNode(iri)) = &row[0] else {
                return None;
            };
            let document = iri_cell(&row[1]).unwrap_or_default();
            Some(ArticleFacts {
                iri: iri.clone(),
                paths: paths.get(&document).cloned().unwrap_or_default(),
                document,
                date: text_cell(&row[2]).and_then(|d| Date::parse(&d)),
                characters: text_cell(&row[3]).and_then(|n| n.parse().ok()).unwrap_or(0),
            })
        })
        .collect();
    articles.sort_by(|a, b| a.iri.cmp(&b.iri));
    articles.dedup_by(|a, b| a.iri == b.iri);
    Ok(articles)
}

/// Each document's `dcterms:source` and `kg:file`, from a scan of each
/// predicate (a few times faster than the same `UNION` in SPARQL).
fn document_paths(store: &Store) -> Result<HashMap<String, Vec<String>>> {
    let mut paths: HashMap<String, Vec<String>> = HashMap::new();
    for predicate in [format!("{}source", vocab::DCTERMS), vocab::kg("file")] {
        let predicate = NamedNode::new_unchecked(predicate);
        for quad in store.scan(None, Some(predicate.as_ref()), None) {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(doc), Term::Literal(path)) =
                (quad.subject, quad.object)
            {
                paths
                    .entry(doc.into_string())
                    .or_default()
                    .push(path.value().to_string());
            }
        }
    }
    Ok(paths)
}

fn iri_cell(cell: &Option<Term>) -> Option<String> {
    match cell {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
        _ => None,
    }
}

fn text_cell(cell: &Option<Term>) -> Option<String> {
    match cell {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    }
}

/// Mentions per concept summed over `articles`, from the incidence of
/// their documents (`incidences`, keyed by document IRI): the `a` line of
/// each article ([`crate::rdf::incidence`]).
fn mention_counts(
    incidences: &HashMap<&str, DocumentIncidence>,
    articles: &[&ArticleFacts],
) -> Result<HashMap<String, u64>> {
    let chosen: HashSet<&str> = articles.iter().map(|a| a.iri.as_str()).collect();
    let documents: BTreeSet<&str> = articles.iter().map(|a| a.document.as_str()).collect();
    let mut counts: HashMap<String, u64> = HashMap::new();
    for document in documents {
        let incidence = incidences.get(document).ok_or_else(|| {
            Error::Store(format!(
                "{document}: no kg:conceptIncidence literal; re-ingest the file"
            ))
        })?;
        for (ordinal, per_concept) in &incidence.articles {
            if !chosen.contains(format!("{document}/a{ordinal}").as_str()) {
                continue;
            }
            for &(c, n) in per_concept {
                let concept = incidence.concepts[c as usize].clone();
                *counts.entry(concept).or_default() += u64::from(n);
            }
        }
    }
    Ok(counts)
}

/// The decoded `kg:conceptIncidence` of each of `documents` that has one
/// ([`Store::incidences`]), keyed by the caller's own strings.
fn incidences<'a>(
    store: &Store,
    documents: &BTreeSet<&'a str>,
) -> Result<HashMap<&'a str, DocumentIncidence>> {
    Ok(store
        .incidences(Some(documents))?
        .into_iter()
        .filter_map(|(doc, incidence)| Some((*documents.get(doc.as_str())?, incidence)))
        .collect())
}

/// One side as selected and counted.
struct Counted<'a> {
    spec: &'a str,
    articles: Vec<&'a ArticleFacts>,
    counts: HashMap<String, u64>,
    total: u64,
}

impl<'a> Counted<'a> {
    fn count(&self, concept: &str) -> u64 {
        self.counts.get(concept).copied().unwrap_or(0)
    }

    fn percent(&self, n: u64) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * n as f64 / self.total as f64
        }
    }

    fn characters(&self) -> u64 {
        self.articles.iter().map(|a| a.characters).sum()
    }
}

/// Selects a side's articles; none is an [`Error::Usage`] naming the spec.
fn select<'a>(
    name: &str,
    spec: &str,
    side: &Side,
    articles: &'a [ArticleFacts],
) -> Result<Vec<&'a ArticleFacts>> {
    let chosen: Vec<&ArticleFacts> = articles.iter().filter(|a| a.is_in(side)).collect();
    if chosen.is_empty() {
        return Err(Error::Usage(format!(
            "side {name} {spec:?} selects no article{}",
            empty_hint(side, articles)
        )));
    }
    Ok(chosen)
}

/// What the store holds, to help fix a spec that selected nothing.
fn empty_hint(side: &Side, articles: &[ArticleFacts]) -> String {
    match side {
        Side::Dates(_) => {
            let mut dates: Vec<String> = articles
                .iter()
                .filter_map(|a| a.date.map(|d| d.to_string()))
                .collect();
            dates.sort();
            match (dates.first(), dates.last()) {
                (Some(first), Some(last)) => {
                    format!(" (the dated articles run from {first} to {last})")
                }
                _ => " (no article in the store has a date)".to_string(),
            }
        }
        Side::Iri(_) => "; `policykg query` can list article IRIs (?a a kg:Article)".to_string(),
        Side::Glob(_) => {
            "; a glob matches the document's path as ingested, its absolute path or its \
             file name (* any characters, ? one)"
                .to_string()
        }
    }
}

/// One concept's counts on both sides and its signed keyness.
struct Row {
    concept: String,
    label: String,
    a: u64,
    b: u64,
    keyness: f64,
}

/// Dunning's G² for a concept seen `a` times among `total_a` mentions on
/// side A and `b` times among `total_b` on side B, signed: positive when
/// the concept's share is larger on side A, negative when larger on B,
/// zero when equal.
pub fn keyness(a: u64, total_a: u64, b: u64, total_b: u64) -> f64 {
    let g2 = Contingency {
        units: total_a + total_b,
        a: a + b,
        b: total_a,
        both: a,
    }
    .log_likelihood();
    // Compare a/total_a with b/total_b without dividing.
    let (left, right) = (a as u128 * total_b as u128, b as u128 * total_a as u128);
    match left.cmp(&right) {
        std::cmp::Ordering::Greater => g2,
        std::cmp::Ordering::Less => -g2,
        std::cmp::Ordering::Equal => 0.0,
    }
}

/// Stars for G² over the χ²(1) critical values.
fn significance(g2: f64) -> &'static str {
    if g2 >= 10.83 {
        "***"
    } else if g2 >= 6.63 {
        "**"
    } else if g2 >= 3.84 {
        "*"
    } else {
        ""
    }
}

/// Shared and distinctive concepts.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let sides = [parse_side(&options.a)?, parse_side(&options.b)?];
    let globs = sides.iter().any(|s| matches!(s, Side::Glob(_)));
    let articles = read_articles(store, globs)?;
    let chosen_a = select("A", &options.a, &sides[0], &articles)?;
    let chosen_b = select("B", &options.b, &sides[1], &articles)?;
    let documents: BTreeSet<&str> = chosen_a
        .iter()
        .chain(&chosen_b)
        .map(|a| a.document.as_str())
        .collect();
    let incidences = incidences(store, &documents)?;
    let mut counts_a = mention_counts(&incidences, &chosen_a)?;
    let mut counts_b = mention_counts(&incidences, &chosen_b)?;
    for counts in [&mut counts_a, &mut counts_b] {
        counts.retain(|concept, _| options.discovered.admits(concept));
    }
    let a = counted(&options.a, chosen_a, counts_a);
    let b = counted(&options.b, chosen_b, counts_b);
    let concepts = Concepts::load(store)?;
    let rows = rows(&a, &b, &concepts);
    let mut report = Report {
        title: vec![format!("compare A {:?} with B {:?}", options.a, options.b)],
        ..Report::default()
    };
    for (name, side) in [("A", &a), ("B", &b)] {
        report.facts.push((name.to_string(), side.spec.into()));
        report
            .facts
            .push((format!("{name} articles"), side.articles.len().into()));
        report
            .facts
            .push((format!("{name} characters"), side.characters().into()));
        report
            .facts
            .push((format!("{name} mentions"), side.total.into()));
        report
            .facts
            .push((format!("{name} concepts"), side.counts.len().into()));
    }
    let in_a: HashSet<&str> = a.articles.iter().map(|x| x.iri.as_str()).collect();
    let overlap = b
        .articles
        .iter()
        .filter(|x| in_a.contains(x.iri.as_str()))
        .count();
    if overlap > 0 {
        report
            .facts
            .push(("articles on both sides".to_string(), overlap.into()));
    }
    let shared_count = rows.iter().filter(|r| r.a > 0 && r.b > 0).count();
    report
        .facts
        .push(("shared concepts".to_string(), shared_count.into()));
    report.tables = vec![
        shared_table(&rows, &a, &b, options.top),
        distinctive_table("distinctive_a", &rows, &a, &b, options.top, 1.0),
        distinctive_table("distinctive_b", &rows, &a, &b, options.top, -1.0),
    ];
    report.notes = vec![
        "a, b: mentions on each side; a %, b %: share of the side's mentions".to_string(),
        "g2: log-likelihood keyness (Dunning's G²); sig: * p < 0.05, ** p < 0.01, *** p < 0.001"
            .to_string(),
    ];
    if overlap > 0 {
        report.notes.push(format!(
            "{overlap} article(s) are on both sides and count on each"
        ));
    }
    Ok(report)
}

/// One side's articles and counts.
fn counted<'a>(
    spec: &'a str,
    articles: Vec<&'a ArticleFacts>,
    counts: HashMap<String, u64>,
) -> Counted<'a> {
    let total = counts.values().sum();
    Counted {
        spec,
        articles,
        counts,
        total,
    }
}

/// Every concept mentioned on either side, with its keyness.
fn rows(a: &Counted, b: &Counted, concepts: &Concepts) -> Vec<Row> {
    let all: BTreeMap<&str, ()> = a
        .counts
        .keys()
        .chain(b.counts.keys())
        .map(|c| (c.as_str(), ()))
        .collect();
    all.into_keys()
        .map(|concept| {
            let (na, nb) = (a.count(concept), b.count(concept));
            Row {
                concept: concept.to_string(),
                label: concepts
                    .lexicon()
                    .get(concept)
                    .map_or_else(|| query::shorten_iri(concept), |c| c.pref_label.clone()),
                a: na,
                b: nb,
                keyness: keyness(na, a.total, nb, b.total),
            }
        })
        .collect()
}

/// Concepts on both sides, most mentioned (both sides together) first.
fn shared_table(rows: &[Row], a: &Counted, b: &Counted, top: usize) -> Table {
    let mut shared: Vec<&Row> = rows.iter().filter(|r| r.a > 0 && r.b > 0).collect();
    shared.sort_by(|x, y| {
        (y.a + y.b)
            .cmp(&(x.a + x.b))
            .then_with(|| x.label.cmp(&y.label))
            .then_with(|| x.concept.cmp(&y.concept))
    });
    let mut table = Table::new("shared", &["concept", "a", "b", "a %", "b %"]);
    for r in shared.into_iter().take(top) {
        table.push(vec![
            r.label.as_str().into(),
            r.a.into(),
            r.b.into(),
            a.percent(r.a).into(),
            b.percent(r.b).into(),
        ]);
    }
    table
}

/// Concepts whose keyness has `sign`, strongest first, G² as a magnitude.
fn distinctive_table(
    name: &str,
    rows: &[Row],
    a: &Counted,
    b: &Counted,
    top: usize,
    sign: f64,
) -> Table {
    let mut chosen: Vec<(f64, &Row)> = rows
        .iter()
        .map(|r| (r.keyness * sign, r))
        .filter(|(g2, _)| *g2 > 0.0)
        .collect();
    chosen.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.label.cmp(&y.1.label))
            .then_with(|| x.1.concept.cmp(&y.1.concept))
    });
    let mut table = Table::new(name, &["concept", "g2", "sig", "a", "b", "a %", "b %"]);
    for (g2, r) in chosen.into_iter().take(top) {
        table.push(vec![
            r.label.as_str().into(),
            g2.into(),
            significance(g2).into(),
            r.a.into(),
            r.b.into(),
            a.percent(r.a).into(),
            b.percent(r.b).into(),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Option<(u16, u8, u8)> {
        Some((y, m, d))
    }

    #[test]
    fn sides_are_iris_dates_or_globs() {
        assert_eq!(
            parse_side("kgid:doc/abc/a1").unwrap(),
            Side::Iri(format!("{}doc/abc/a1", vocab::KGID))
        );
        assert_eq!(
            parse_side("<https://example.org/x>").unwrap(),
            Side::Iri("https://example.org/x".into())
        );
        let range = |from, to| Side::Dates(DateRange { from, to });
        assert_eq!(
            parse_side("2019-01-01..2019-06-30").unwrap(),
            range(day(2019, 1, 1), day(2019, 6, 30))
        );
        assert_eq!(
            parse_side("2019..2020").unwrap(),
            range(day(2019, 1, 1), day(2020, 12, 31))
        );
        assert_eq!(
            parse_side("2019-03..2019-05").unwrap(),
            range(day(2019, 3, 1), day(2019, 5, 31))
        );
        assert_eq!(
            parse_side("2019").unwrap(),
            range(day(2019, 1, 1), day(2019, 12, 31))
        );
        assert_eq!(
            parse_side("2019-03").unwrap(),
            range(day(2019, 3, 1), day(2019, 3, 31))
        );
        assert_eq!(parse_side("2019..").unwrap(), range(day(2019, 1, 1), None));
        assert_eq!(
            parse_side("rmrb_2019*").unwrap(),
            Side::Glob("rmrb_2019*".into())
        );
        assert_eq!(
            parse_side("gwr_1954.txt").unwrap(),
            Side::Glob("gwr_1954.txt".into())
        );
        assert_eq!(
            parse_side("../corpus/dev/*").unwrap(),
            Side::Glob("../corpus/dev/*".into())
        );
    }

    #[test]
    fn malformed_ranges_are_usage_errors() {
        for spec in ["2019-13..2020", "2020..2019", "..", "spring..autumn"] {
            assert!(
                matches!(parse_side(spec), Err(Error::Usage(_))),
                "{spec} should be refused"
            );
        }
    }

    #[test]
    fn a_coarse_date_is_in_a_range_only_when_wholly_inside() {
        let Side::Dates(months) = parse_side("2019-03..2019-05").unwrap() else {
            panic!()
        };
        assert!(months.contains(&Date::Day(2019, 3, 1)));
        assert!(months.contains(&Date::Day(2019, 5, 31)));
        assert!(months.contains(&Date::Month(2019, 4)));
        assert!(!months.contains(&Date::Day(2019, 6, 1)));
        assert!(!months.contains(&Date::Year(2019)));
        let Side::Dates(years) = parse_side("2019..2020").unwrap() else {
            panic!()
        };
        assert!(years.contains(&Date::Year(2019)));
        assert!(!years.contains(&Date::Year(2021)));
    }

    #[test]
    fn globs_match_whole_text() {
        assert!(glob_match("rmrb_2019*", "rmrb_20190222-09-01.txt"));
        assert!(glob_match(
            "*dev/rmrb_????0222*",
            "../shared/corpus/dev/rmrb_20190222-09-01.txt"
        ));
        assert!(!glob_match("rmrb_2019", "rmrb_20190222-09-01.txt"));
        assert!(glob_match("gwr_1954.txt", "gwr_1954.txt"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("?", ""));
        assert!(glob_match("a*b*c", "aXbYbZc"));
        assert!(!glob_match("a*b*c", "aXbYbZ"));
        assert!(glob_match("报告*", "报告2019.txt"));
    }

    #[test]
    fn keyness_sign_follows_the_larger_share() {
        // 10 of 100 on A, 1 of 100 on B: distinctive of A.
        let k = keyness(10, 100, 1, 100);
        assert!(k > 0.0);
        assert_eq!(keyness(1, 100, 10, 100), -k);
        // Same share on both sides: no keyness.
        assert_eq!(keyness(5, 100, 10, 200), 0.0);
        // Only on A: never distinctive of B.
        assert!(keyness(1, 1000, 0, 10) > 0.0);
        // Known value: a=10, b=1, totals 100 each →
        // G² = 2 Σ O ln(O/E) over the four cells.
        let cells: [(f64, f64); 4] = [(10.0, 5.5), (1.0, 5.5), (90.0, 94.5), (99.0, 94.5)];
        let expected = 2.0 * cells.iter().map(|(o, e)| o * (o / e).ln()).sum::<f64>();
        assert!((k - expected).abs() < 1e-9, "{k} vs {expected}");
    }
}
