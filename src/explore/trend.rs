//! `policykg trend CONCEPT…`: how often concepts are used over time. Input
//! is the concepts (labels, aliases or IRIs) and a period (year or month);
//! output is a [`Report`] with one row per period that has dated articles
//! (`period`, `articles`, `characters`, then per concept its `mentions` and
//! its rate `per 10k` characters), a sparkline per concept in the notes,
//! and with `--plot` an SVG line chart (`svg`).
//!
//! - Dates are the articles' `dcterms:date` (`xsd:date`, `xsd:gYearMonth`
//!   or `xsd:gYear`). Undated articles are left out, and the facts say how
//!   many, and how many mentions of each concept they hold. By month,
//!   articles dated only by year are left out too, and counted the same way.
//! - `--source GLOB` keeps the articles of documents whose path or file
//!   name matches (`gwr_*`, `*/rmrb_2019_2020/*`), to follow one kind of
//!   document.
//! - A period's characters are the sum of `kg:characters` of its dated
//!   articles; its mentions count each `kg:Mention` of the concept in those
//!   articles once (context paragraph part of the article, directly or
//!   through a section). Only the concept itself counts, not narrower ones.
//! - Every period with dated articles is a row, also when no concept is
//!   mentioned in it, so absence shows. Periods without articles are not
//!   rows (a rate there would be 0/0).
//! - Sparklines have one character per row: `▁▂▃▄▅▆▇█` scaled to the
//!   concept's own highest rate (any non-zero rate shows at least `▁`), and
//!   a **space** for a period with no mention.

mod svg;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use oxigraph::model::{NamedNode, Term};

use super::compare::{file_name, glob_match};
use super::{Cell, ConceptRef, Concepts, Report, Table};
use crate::document::metadata::Date;
use crate::query::{self, display_width};
use crate::store::Store;
use crate::{Error, Result};

/// The period mentions are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// Calendar years.
    #[default]
    Year,
    /// Calendar months.
    Month,
}

/// What `policykg trend` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The concepts, by label, alias or IRI.
    pub concepts: Vec<String>,
    /// The period.
    pub by: Period,
    /// Where to write an SVG chart, if anywhere.
    pub plot: Option<PathBuf>,
    /// Keep only the articles of documents whose path or file name
    /// matches this glob.
    pub source: Option<String>,
}

/// A year, or a year and month, ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct PeriodKey {
    year: u16,
    /// 1–12, or 0 when grouping by year.
    month: u8,
}

impl PeriodKey {
    /// The period `date` falls in; `None` for a year-only date by month.
    fn of(date: &Date, by: Period) -> Option<PeriodKey> {
        match (by, *date) {
            (Period::Year, Date::Day(year, ..) | Date::Month(year, _) | Date::Year(year)) => {
                Some(PeriodKey { year, month: 0 })
            }
            (Period::Month, Date::Day(year, month, _) | Date::Month(year, month)) => {
                Some(PeriodKey { year, month })
            }
            (Period::Month, Date::Year(_)) => None,
        }
    }

    fn label(&self) -> String {
        if self.month == 0 {
            format!("{:04}", self.year)
        } else {
            format!("{:04}-{:02}", self.year, self.month)
        }
    }

    /// Position on a time axis, in years.
    fn position(&self) -> f64 {
        f64::from(self.year) + f64::from(self.month.saturating_sub(1)) / 12.0
    }
}

/// What one period adds up to.
#[derive(Debug, Clone, Default)]
struct PeriodTotals {
    articles: u64,
    characters: u64,
    /// Mentions per asked concept, in the order asked.
    mentions: Vec<u64>,
}

impl PeriodTotals {
    /// Mentions of concept `k` per 10,000 characters (NaN without text).
    fn rate(&self, k: usize) -> f64 {
        if self.characters == 0 {
            f64::NAN
        } else {
            self.mentions[k] as f64 * 10_000.0 / self.characters as f64
        }
    }
}

/// The articles of the store by date: each dated article's period, and
/// how many were left out.
struct Dated {
    period_of: HashMap<String, PeriodKey>,
    periods: BTreeMap<PeriodKey, PeriodTotals>,
    undated: u64,
    year_only: u64,
    /// The articles kept by `--source` but left out for want of a date
    /// (or of a month, by month).
    left_out: std::collections::HashSet<String>,
    /// Mentions per asked concept in the articles left out.
    left_out_mentions: Vec<u64>,
    /// Articles `--source` did not keep.
    other_sources: u64,
}

/// One article as trend reads it.
#[derive(Default)]
struct ArticleRow {
    date: Option<Date>,
    characters: u64,
    /// Its document's `dcterms:source` and `kg:file`.
    paths: Vec<String>,
}

/// Reads every article's date and size and groups them into periods,
/// keeping only those of documents `source` matches (all without it).
fn dated_articles(
    store: &Store,
    by: Period,
    concepts: usize,
    source: Option<&str>,
) -> Result<Dated> {
    let rows = query::select(
        store,
        "SELECT ?a ?date ?characters ?path WHERE {
           ?a a kg:Article .
           OPTIONAL { ?a dcterms:date ?date }
           OPTIONAL { ?a kg:characters ?characters }
           OPTIONAL { ?a dcterms:isPartOf ?doc . ?doc a kg:Document ;
                        dcterms:source|kg:file ?path }
         }",
    )?;
    let mut seen: HashMap<String, ArticleRow> = HashMap::new();
    for row in &rows.rows {
        let Some(Term::NamedNode(article)) = &row[0] else {
            continue;
        };
        let entry = seen.entry(article.as_str().to_string()).or_default();
        entry.date = entry.date.or(literal(&row[1]).and_then(Date::parse));
        let characters = literal(&row[2]).and_then(|n| n.parse().ok());
        entry.characters = characters.unwrap_or(entry.characters);
        entry.paths.extend(literal(&row[3]).map(str::to_string));
    }
    let mut dated = Dated {
        period_of: HashMap::new(),
        periods: BTreeMap::new(),
        undated: 0,
        year_only: 0,
        left_out: Default::default(),
        left_out_mentions: vec![0; concepts],
        other_sources: 0,
    };
    for (article, row) in seen {
        let kept = source.is_none_or(|pattern| {
            row.paths
                .iter()
                .flat_map(|path| [path.as_str(), file_name(path)])
                .any(|path| glob_match(pattern, path))
        });
        if !kept {
            dated.other_sources += 1;
            continue;
        }
        let characters = row.characters;
        let Some(date) = row.date else {
            dated.undated += 1;
            dated.left_out.insert(article);
            continue;
        };
        let Some(key) = PeriodKey::of(&date, by) else {
            dated.year_only += 1;
            dated.left_out.insert(article);
            continue;
        };
        let totals = dated.periods.entry(key).or_insert_with(|| PeriodTotals {
            mentions: vec![0; concepts],
            ..PeriodTotals::default()
        });
        totals.articles += 1;
        totals.characters += characters;
        dated.period_of.insert(article, key);
    }
    Ok(dated)
}

fn literal(cell: &Option<Term>) -> Option<&str> {
    match cell {
        Some(Term::Literal(l)) => Some(l.value()),
        _ => None,
    }
}

/// Mentions per article of the concepts in `VALUES ?c`: each `kg:Mention`
/// once, in the article its context paragraph is part of, directly or
/// through a section (`isPartOf/isPartOf?`, then the `kg:Article`).
///
/// The concept IRIs are written into the query as a `VALUES` list: they
/// come from the lexicon (resolved names, never the user's text) and are
/// checked to be valid IRIs first. Binding `?c` instead makes Oxigraph plan
/// the join from every mention, several times slower.
const MENTIONS_PER_ARTICLE: &str = "SELECT ?c ?a (COUNT(DISTINCT ?m) AS ?n) WHERE {
  VALUES ?c { CONCEPTS }
  ?m kg:concept ?c ; kg:context ?context .
  ?context a kg:Paragraph ; dcterms:isPartOf/dcterms:isPartOf? ?a .
  ?a a kg:Article .
} GROUP BY ?c ?a";

/// Adds the mentions of each concept to the periods of their articles.
fn count_mentions(store: &Store, concepts: &[ConceptRef], dated: &mut Dated) -> Result<()> {
    let mut values = Vec::new();
    for concept in concepts {
        let node = NamedNode::new(concept.iri.as_str())
            .map_err(|e| Error::Usage(format!("concept IRI {:?}: {e}", concept.iri)))?;
        values.push(node.to_string());
    }
    let sparql = MENTIONS_PER_ARTICLE.replace("CONCEPTS", &values.join(" "));
    let rows = query::select(store, &sparql)?;
    let (c, a, n) = (
        rows.column("c").expect("?c projected"),
        rows.column("a").expect("?a projected"),
        rows.column("n").expect("?n projected"),
    );
    for row in &rows.rows {
        let (Some(Term::NamedNode(concept)), Some(Term::NamedNode(article))) = (&row[c], &row[a])
        else {
            continue;
        };
        let Some(k) = concepts.iter().position(|x| x.iri == concept.as_str()) else {
            continue;
        };
        let count: u64 = literal(&row[n]).and_then(|v| v.parse().ok()).unwrap_or(0);
        if dated.left_out.contains(article.as_str()) {
            dated.left_out_mentions[k] += count;
        }
        let Some(key) = dated.period_of.get(article.as_str()) else {
            continue;
        };
        if let Some(totals) = dated.periods.get_mut(key) {
            totals.mentions[k] += count;
        }
    }
    Ok(())
}

/// The concepts asked, resolved, each once (in the order first asked).
fn resolve_all(store: &Store, names: &[String]) -> Result<Vec<ConceptRef>> {
    if names.is_empty() {
        return Err(Error::Usage("trend needs at least one concept".into()));
    }
    let known = Concepts::load(store)?;
    let mut concepts: Vec<ConceptRef> = Vec::new();
    for name in names {
        let concept = known.resolve(name)?;
        if !concepts.iter().any(|c| c.iri == concept.iri) {
            concepts.push(concept);
        }
    }
    Ok(concepts)
}

/// The series as a table, with sparklines.
pub fn report(store: &Store, options: &Options) -> Result<Report> {
    let concepts = resolve_all(store, &options.concepts)?;
    let source = options.source.as_deref();
    let mut dated = dated_articles(store, options.by, concepts.len(), source)?;
    if dated.periods.is_empty() {
        return Err(no_periods(&dated, source));
    }
    count_mentions(store, &concepts, &mut dated)?;
    let unit = match options.by {
        Period::Year => "year",
        Period::Month => "month",
    };
    let labels: Vec<&str> = concepts.iter().map(|c| c.label.as_str()).collect();
    let mut report = Report {
        title: vec![format!(
            "{}: mentions per 10,000 characters by {unit}",
            labels.join(", ")
        )],
        ..Report::default()
    };
    facts(&mut report, &concepts, &dated, options);
    report.tables.push(table(&concepts, &dated));
    report.notes = sparklines(&concepts, &dated);
    if let Some(path) = &options.plot {
        let chart = chart(&concepts, &dated, unit);
        std::fs::write(path, svg::render(&chart)).map_err(|e| {
            Error::Usage(format!("cannot write the chart to {}: {e}", path.display()))
        })?;
        report
            .facts
            .push(("plot".into(), path.display().to_string().into()));
    }
    Ok(report)
}

/// Why there is nothing to chart, as a usage error.
fn no_periods(dated: &Dated, source: Option<&str>) -> Error {
    if let (Some(pattern), true) = (source, dated.left_out.is_empty()) {
        Error::Usage(format!(
            "no article of a document matching --source {pattern:?} (path or file name, \
             `*` any run of characters, `?` one)"
        ))
    } else if dated.year_only > 0 {
        Error::Usage(format!(
            "the {} dated articles are dated only by year; use --by year",
            dated.year_only
        ))
    } else {
        Error::Usage(
            "no article in the store has a date (dcterms:date comes from a manifest, a \
             file name such as rmrb_20190222-09-01.txt or gwr_1954.txt, or a date the text \
             prints, such as a resolution's adoption note)"
                .into(),
        )
    }
}

fn facts(report: &mut Report, concepts: &[ConceptRef], dated: &Dated, options: &Options) {
    let articles: u64 = dated.periods.values().map(|p| p.articles).sum();
    let characters: u64 = dated.periods.values().map(|p| p.characters).sum();
    let labels: Vec<&str> = concepts.iter().map(|c| c.label.as_str()).collect();
    let first = dated.periods.keys().next().map(PeriodKey::label);
    let last = dated.periods.keys().next_back().map(PeriodKey::label);
    let facts = &mut report.facts;
    facts.push(("concepts".into(), labels.join(", ").into()));
    facts.push(("periods".into(), dated.periods.len().into()));
    facts.push(("from".into(), first.into()));
    facts.push(("to".into(), last.into()));
    facts.push(("dated articles".into(), articles.into()));
    facts.push(("characters".into(), characters.into()));
    if let Some(pattern) = &options.source {
        facts.push(("source".into(), pattern.clone().into()));
        facts.push((
            "articles of other sources".into(),
            dated.other_sources.into(),
        ));
    }
    facts.push(("undated articles left out".into(), dated.undated.into()));
    if options.by == Period::Month {
        facts.push(("year-only articles left out".into(), dated.year_only.into()));
    }
    for (k, concept) in concepts.iter().enumerate() {
        let total: u64 = dated.periods.values().map(|p| p.mentions[k]).sum();
        facts.push((format!("{} mentions", concept.label), total.into()));
        let left_out = dated.left_out_mentions[k];
        facts.push((
            format!("{} mentions left out as undated", concept.label),
            left_out.into(),
        ));
    }
}

fn table(concepts: &[ConceptRef], dated: &Dated) -> Table {
    let mut headers = vec![
        "period".to_string(),
        "articles".to_string(),
        "characters".to_string(),
    ];
    for concept in concepts {
        headers.push(format!("{} mentions", concept.label));
        headers.push(format!("{} per 10k", concept.label));
    }
    let mut table = Table {
        name: "trend".into(),
        headers,
        ..Table::default()
    };
    for (key, totals) in &dated.periods {
        let mut row: Vec<Cell> = vec![
            key.label().into(),
            totals.articles.into(),
            totals.characters.into(),
        ];
        for k in 0..concepts.len() {
            row.push(totals.mentions[k].into());
            row.push(Cell::Real(totals.rate(k)));
        }
        table.push(row);
    }
    table
}

/// `▁` to `█` for rates above zero, scaled to `max`; a space for zero.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() || v <= 0.0 || max <= 0.0 {
                ' '
            } else {
                let level = (v / max * 8.0).ceil() as usize;
                BARS[level.clamp(1, 8) - 1]
            }
        })
        .collect()
}

/// One line per concept: label, sparkline between the first and last
/// period, and where it peaks.
fn sparklines(concepts: &[ConceptRef], dated: &Dated) -> Vec<String> {
    let width = concepts
        .iter()
        .map(|c| display_width(&c.label))
        .max()
        .unwrap_or(0);
    let first = dated
        .periods
        .keys()
        .next()
        .map_or_else(String::new, PeriodKey::label);
    let last = dated
        .periods
        .keys()
        .next_back()
        .map_or_else(String::new, PeriodKey::label);
    let mut lines: Vec<String> = concepts
        .iter()
        .enumerate()
        .map(|(k, concept)| {
            let rates: Vec<f64> = dated.periods.values().map(|p| p.rate(k)).collect();
            let peak = dated
                .periods
                .iter()
                .map(|(key, p)| (key, p.rate(k)))
                .filter(|(_, r)| r.is_finite() && *r > 0.0)
                .fold(
                    None,
                    |best: Option<(&PeriodKey, f64)>, (key, r)| match best {
                        Some((_, b)) if b >= r => best,
                        _ => Some((key, r)),
                    },
                );
            let pad = " ".repeat(width - display_width(&concept.label));
            let tail = match peak {
                Some((key, rate)) => format!(
                    "peak {} per 10k in {}",
                    Cell::Real(rate).display(),
                    key.label()
                ),
                None => "no mentions".to_string(),
            };
            format!(
                "{}{pad}  {first} │{}│ {last}  {tail}",
                concept.label,
                sparkline(&rates)
            )
        })
        .collect();
    lines.push(
        "one character per period row; ▁…█ scaled to each concept's peak rate, a space where it is not mentioned"
            .to_string(),
    );
    lines
}

/// The chart of the per-10k rates.
fn chart(concepts: &[ConceptRef], dated: &Dated, unit: &str) -> svg::Chart {
    let labels: Vec<&str> = concepts.iter().map(|c| c.label.as_str()).collect();
    let articles: u64 = dated.periods.values().map(|p| p.articles).sum();
    svg::Chart {
        title: format!("{}: mentions per 10,000 characters", labels.join("、")),
        subtitle: format!(
            "by {unit}, {} to {}; {articles} dated articles",
            dated
                .periods
                .keys()
                .next()
                .map_or_else(String::new, PeriodKey::label),
            dated
                .periods
                .keys()
                .next_back()
                .map_or_else(String::new, PeriodKey::label),
        ),
        x_caption: unit.to_string(),
        y_caption: "mentions per 10,000 characters".to_string(),
        x: dated
            .periods
            .keys()
            .map(|key| (key.position(), key.label()))
            .collect(),
        series: concepts
            .iter()
            .enumerate()
            .map(|(k, concept)| svg::Series {
                label: concept.label.clone(),
                values: dated.periods.values().map(|p| p.rate(k)).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_peak_and_leaves_zero_blank() {
        assert_eq!(sparkline(&[0.0, 1.0, 4.0, 8.0]), " ▁▄█");
        assert_eq!(sparkline(&[0.0, 0.0]), "  ");
        assert_eq!(sparkline(&[0.01, 100.0]), "▁█");
        assert_eq!(sparkline(&[f64::NAN, 2.0]), " █");
    }

    #[test]
    fn periods_by_month_skip_year_only_dates() {
        assert_eq!(
            PeriodKey::of(&Date::Day(2019, 3, 5), Period::Month),
            Some(PeriodKey {
                year: 2019,
                month: 3
            })
        );
        assert_eq!(PeriodKey::of(&Date::Year(1954), Period::Month), None);
        let year = PeriodKey::of(&Date::Month(2019, 3), Period::Year).unwrap();
        assert_eq!(year.label(), "2019");
        assert_eq!(
            PeriodKey {
                year: 2019,
                month: 3
            }
            .label(),
            "2019-03"
        );
        assert!(
            PeriodKey {
                year: 2019,
                month: 12
            } < PeriodKey {
                year: 2020,
                month: 1
            }
        );
    }
}
