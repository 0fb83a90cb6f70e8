//! Structure recovery: repaired [`Line`]s in, an [`Outline`] out.
//!
//! The stage is pure and never fails: messy input yields a plainer outline,
//! not an error. Its steps, in order, each in its own module:
//!
//! 1. [`articles::split`]: cut the file into articles at attribution lines
//!    (`【作者系…】`, `（作者单位：…）`, `（作者为…）`, `（执笔：…）`) and
//!    at story title blocks over a reporter byline ([`byline`]);
//! 2. [`title::take`]: the title block (引题, 主题 with column tag, 副题,
//!    byline) and an editor's note; without an attribution or a byline, the
//!    reporters a first-paragraph dateline names (`…电（记者吴晶）`) are the
//!    creator;
//! 3. [`layout::units`]: body lines into units, one per paragraph or
//!    heading, from blank lines where they mean something and from line
//!    geometry (width, indentation, terminal punctuation) where they don't;
//! 4. [`classify`]: units into deck lines, headings, labels and paragraphs;
//! 5. [`turns::assign`]: the speaker of each paragraph of a Q&A;
//!    [`sentences::split`]: paragraphs into sentences;
//! 6. [`enumeration::recommendations`]: prescriptive enumerations into
//!    recommendations, then [`prescriptive::recommendations`]: prescriptive
//!    headings and lead sentences that no numbered item holds;
//! 7. [`kind::detect`]: the kind of text (theory page, news story,
//!    interview, broadcast item, resolution), and [`dates::from_lines`]: a
//!    date the text prints (a resolution's adoption note).
//!
//! Reports delivered to a congress ([`kind::report_kind`]: a government
//! work report, a Party congress report) are read by [`report`] instead of
//! steps 2, 4 and 6: front matter, parts and subsections, and the task
//! part's items as recommendations.

pub mod articles;
pub mod byline;
pub mod classify;
pub mod dates;
pub mod enumeration;
pub mod kind;
pub mod layout;
pub mod prescriptive;
pub mod report;
pub mod sentences;
pub mod title;
pub mod turns;

use crate::document::outline::{Article, Outline};
use crate::document::repair::Line;

/// Recovers the outline of one document from its repaired lines.
///
/// A segment that would make an article without paragraphs after another
/// article (a signature such as `…讲述` / `本报记者 王云娜整理` closing a
/// story, taken for the title block of a story that never comes) is
/// joined to the article before it: no text ends in an empty article.
pub fn detect(lines: &[Line]) -> Outline {
    let mut built: Vec<(articles::Segment, Article)> = Vec::new();
    for segment in articles::split(lines) {
        let Some(article) = article(lines, &segment) else {
            continue;
        };
        if !article.paragraphs.is_empty() || built.is_empty() {
            built.push((segment, article));
            continue;
        }
        let (previous, _) = built.pop().expect("an article before");
        let joined = articles::Segment {
            lines: previous.lines.start..segment.lines.end,
            creator: previous.creator.or(segment.creator),
        };
        if let Some(article) = self::article(lines, &joined) {
            built.push((joined, article));
        }
    }
    let articles = built.into_iter().map(|(_, article)| article).collect();
    Outline { articles }
}

/// Builds one article from its segment of lines; `None` when it holds no
/// text at all.
fn article(lines: &[Line], segment: &articles::Segment) -> Option<Article> {
    let body = &lines[segment.lines.clone()];
    body.iter().find(|l| !l.is_blank())?;
    let geometry = layout::Geometry::measure(body);
    let texts: Vec<&str> = body
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.as_str())
        .collect();
    let mut article = match kind::report_kind(&texts) {
        Some(kind) => report::article(body, kind, &geometry),
        None => printed_article(body, segment, &geometry)?,
    };
    for paragraph in &mut article.paragraphs {
        paragraph.sentences = sentences::split(&paragraph.text);
    }
    article.kind = article.kind.or_else(|| kind::detect(&article, &texts));
    article.date = article.date.take().or_else(|| dates::from_lines(body));
    Some(article)
}

/// Builds an article of any kind but a report: title block, units,
/// sections and paragraphs, numbered recommendations.
fn printed_article(
    body: &[Line],
    segment: &articles::Segment,
    geometry: &layout::Geometry,
) -> Option<Article> {
    let first = body.iter().find(|l| !l.is_blank())?;
    let head = title::take(body, geometry);
    let units = layout::units(&body[head.body_start..], geometry);
    let mut article = Article {
        title: head.title,
        subtitles: head.subtitles,
        column: head.column,
        creator: segment.creator.clone().or(head.byline),
        editor_note: head.editor_note,
        source_line: first.number,
        ..Article::default()
    };
    classify::fill(&mut article, units);
    turns::assign(&mut article);
    if article.paragraphs.is_empty() && article.title.is_none() {
        return None;
    }
    if article.creator.is_none() {
        let first = article.paragraphs.first();
        article.creator = first
            .and_then(|p| byline::dateline_reporters(&p.text))
            .map(str::to_string);
    }
    let numbered = enumeration::recommendations(&article);
    let unnumbered = prescriptive::recommendations(&article, &numbered);
    article.recommendations = numbered.into_iter().chain(unnumbered).collect();
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;

    /// Title, creator and paragraph count of each article.
    fn summary(raw: &str) -> Vec<(Option<String>, Option<String>, usize)> {
        detect(&repair(raw))
            .articles
            .into_iter()
            .map(|a| (a.title, a.creator, a.paragraphs.len()))
            .collect()
    }

    #[test]
    fn a_page_of_signed_stories_is_one_article_per_story() {
        let page = concat!(
            "咱们村，年味浓（新春走基层）\n\n",
            "　　春节临近，各地村庄年味渐浓。\n\n",
            "　　浙江淳安\n　　上村晚 喜洋洋\n　　本报记者  方  敏\n",
            "　　村晚开场了。\n　　台下坐满了人。\n",
            "　　图为村晚现场。\n　　李春光摄\n\n",
            "　　河北武强\n　　贴年画  庆团圆\n　　本报记者  史自强\n",
            "　　年画贴上了墙。\n\n",
            "　　武强年画进京展出\n",
            "　　本报北京2月1日电（记者吴晶）年画展开幕。\n",
        );
        assert_eq!(
            summary(page),
            vec![
                (Some("咱们村，年味浓".into()), None, 1),
                (
                    Some("上村晚 喜洋洋".into()),
                    Some("本报记者  方  敏".into()),
                    3
                ),
                (
                    Some("贴年画  庆团圆".into()),
                    Some("本报记者  史自强".into()),
                    1
                ),
                (Some("武强年画进京展出".into()), Some("记者吴晶".into()), 1),
            ]
        );
    }
}
