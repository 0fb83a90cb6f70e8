//! Sorting units into what they are: deck lines (提要题 before the body),
//! labels (`内容提要`, a photo credit, a stray reporter byline), section
//! headings, and paragraphs.
//!
//! A heading is a single short line without end punctuation that has
//! paragraphs after it; before the first paragraph such lines are deck
//! lines, not headings.

use crate::document::outline::{Article, Paragraph, Section};
use crate::document::repair::display_width;

use super::byline::{is_photo_credit, is_reporter_byline};
use super::layout::Unit;

/// Widest heading we accept, in em.
const MAX_HEADING_WIDTH: f32 = 40.0;

/// Labels that stand alone above a summary and are not text themselves.
const BARE_LABELS: &[&str] = &["内容提要", "核心阅读", "编者按", "提要", "摘要", "导读"];

/// What one unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A bare label such as `内容提要`, a photo credit or a reporter
    /// byline: printed, but not text of the article.
    Label,
    /// A heading-shaped line (a deck line when no paragraph came before).
    Heading,
    /// Body text.
    Paragraph,
}

/// Fills the article's deck, abstract, sections and paragraphs from its
/// units. When every unit would be a deck line or a label (verse, an
/// advertisement, captions without end punctuation), there is no deck:
/// the lines are the body.
pub fn fill(article: &mut Article, units: Vec<Unit>) {
    let unfilled = article.clone();
    fill_with(article, units.clone(), Deck::Allowed);
    if article.paragraphs.is_empty() && !article.deck.is_empty() {
        *article = unfilled;
        fill_with(article, units, Deck::None);
    }
}

/// Whether lines before the first paragraph may be deck lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deck {
    Allowed,
    None,
}

fn fill_with(article: &mut Article, units: Vec<Unit>, deck: Deck) {
    let roles: Vec<Role> = units
        .iter()
        .map(|unit| match role(unit) {
            Role::Heading if deck == Deck::None => Role::Paragraph,
            other => other,
        })
        .collect();
    let last_paragraph = roles.iter().rposition(|r| *r == Role::Paragraph);
    let mut summary_next = false;
    for (k, (unit, role)) in units.into_iter().zip(roles).enumerate() {
        let seen_paragraph = !article.paragraphs.is_empty();
        if let Some(summary) = summary_text(&unit, role, summary_next, article) {
            article.summary = Some(summary);
            summary_next = false;
            continue;
        }
        summary_next = role == Role::Label && is_summary_label(&unit.text);
        match role {
            Role::Label if is_credit_line(&unit) => article.credits.push(unit.display),
            Role::Label => {}
            Role::Heading if !seen_paragraph => article.deck.push(unit.display),
            Role::Paragraph if deck == Deck::Allowed && !seen_paragraph && is_deck_line(&unit) => {
                article.deck.push(unit.display)
            }
            Role::Heading if last_paragraph.is_some_and(|p| p > k) => {
                article.sections.push(Section {
                    title: unit.display.trim().to_string(),
                    source_line: unit.offsets.locate(0).line,
                    parent: None,
                });
            }
            _ => push_paragraph(article, unit),
        }
    }
}

/// Labels that stand above an abstract of the article.
const SUMMARY_LABELS: &[&str] = &["内容提要", "内容摘要", "提要", "摘要"];

/// Whether `text` is a bare abstract label (`内容提要`, `摘要：`).
fn is_summary_label(text: &str) -> bool {
    SUMMARY_LABELS.contains(&text.trim().trim_end_matches(['：', ':']))
}

/// The article's abstract, when `unit` is one: the first unit after a bare
/// abstract label (`summary_next`), or a paragraph that opens with the
/// label and a colon (`内容提要：…`). Only before the body, and only once.
fn summary_text(unit: &Unit, role: Role, summary_next: bool, article: &Article) -> Option<String> {
    if article.summary.is_some() || !article.paragraphs.is_empty() || role == Role::Label {
        return None;
    }
    if summary_next {
        return Some(unit.text.clone());
    }
    let (label, rest) = unit.text.split_once(['：', ':'])?;
    let rest = rest.trim();
    (SUMMARY_LABELS.contains(&label.trim()) && !rest.is_empty()).then(|| rest.to_string())
}

fn push_paragraph(article: &mut Article, unit: Unit) {
    let section = article.sections.len().checked_sub(1);
    article.paragraphs.push(Paragraph {
        section,
        text: unit.text,
        sentences: Vec::new(),
        offsets: unit.offsets,
        mentions: Vec::new(),
        speaker: None,
    });
}

/// The role a unit plays, from its own shape.
pub fn role(unit: &Unit) -> Role {
    let bare = unit.text.trim_end_matches(['：', ':']);
    if BARE_LABELS.contains(&bare) || is_credit_line(unit) {
        return Role::Label;
    }
    if is_heading_shaped(unit) {
        Role::Heading
    } else {
        Role::Paragraph
    }
}

/// A one-line photo credit or reporter byline.
fn is_credit_line(unit: &Unit) -> bool {
    unit.line_count == 1 && (is_photo_credit(&unit.text) || is_reporter_byline(&unit.text))
}

/// Widest deck line we accept, in em.
const MAX_DECK_WIDTH: f32 = 80.0;

/// A line before the body without end punctuation, wider than a heading.
fn is_deck_line(unit: &Unit) -> bool {
    unit.line_count == 1
        && !ends_open_or_closed(unit)
        && display_width(&unit.text) <= MAX_DECK_WIDTH
}

/// Whether the text ends with punctuation that ends or continues a sentence.
fn ends_open_or_closed(unit: &Unit) -> bool {
    let last = unit.text.chars().last();
    let open_end = matches!(
        last,
        Some('。' | '！' | '？' | '；' | '，' | '、' | '：' | '…' | '!' | '?' | ';' | ',' | ':')
    );
    let after_stop = unit
        .text
        .trim_end_matches(crate::document::repair::is_closing);
    open_end || after_stop.ends_with(['。', '！', '？'])
}

/// One line, short, no end punctuation, no trailing comma.
fn is_heading_shaped(unit: &Unit) -> bool {
    unit.line_count == 1
        && !ends_open_or_closed(unit)
        && display_width(&unit.text) <= MAX_HEADING_WIDTH
        && unit.text.chars().count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;
    use crate::document::structure::layout::{units, Geometry};

    fn article(raw: &str) -> Article {
        let lines = repair(raw);
        let mut a = Article::default();
        fill(&mut a, units(&lines, &Geometry::measure(&lines)));
        a
    }

    #[test]
    fn the_unit_after_a_bare_abstract_label_is_the_abstract() {
        let a = article("　　内容提要\n　　做好工作很重要。\n\n　　第一段。\n");
        assert_eq!(a.summary.as_deref(), Some("做好工作很重要。"));
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(a.paragraphs[0].text, "第一段。");
    }

    #[test]
    fn a_labelled_abstract_line_is_the_abstract() {
        let a =
            article("　　内容提要：这是提要。\n\n　　第一段。\n\n　　摘要：正文里的摘要二字。\n");
        assert_eq!(a.summary.as_deref(), Some("这是提要。"));
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn other_bare_labels_start_no_abstract() {
        let a = article("　　编者按\n　　做好工作很重要。\n");
        assert_eq!(a.summary, None);
        assert_eq!(a.paragraphs.len(), 1);
    }

    #[test]
    fn short_unpunctuated_line_between_paragraphs_is_a_heading() {
        let a = article("　　第一段。\n　　进一步稳就业\n　　第二段。\n");
        assert_eq!(a.sections.len(), 1);
        assert_eq!(a.sections[0].title, "进一步稳就业");
        assert_eq!(a.paragraphs[1].section, Some(0));
        assert_eq!(a.paragraphs[0].section, None);
    }

    #[test]
    fn heading_shaped_lines_before_the_body_are_deck_lines() {
        let a = article("　　中国全方位的对外开放，是各国发展的机遇\n\n　　第一段。\n");
        assert_eq!(a.deck.len(), 1);
        assert!(a.sections.is_empty());
    }

    #[test]
    fn photo_credits_and_stray_bylines_are_neither_headings_nor_text() {
        let a = article("　　第一段。\n　　任  超摄（新华社发）\n　　第二段。\n　　本报记者  王明峰\n　　第三段。\n");
        assert!(a.sections.is_empty(), "{:?}", a.sections);
        assert_eq!(a.paragraphs.len(), 3);
    }

    #[test]
    fn lines_that_are_all_deck_shaped_are_the_body() {
        let a = article("　　每个人心里都有一团火　　只有我们自己知道\n　　我们应该谢谢自己　　没有让热爱消失\n");
        assert!(a.deck.is_empty());
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn heading_shaped_last_line_is_kept_as_a_paragraph() {
        let a = article("　　第一段。\n　　本报北京电\n");
        assert_eq!(a.paragraphs.len(), 2);
    }
}
