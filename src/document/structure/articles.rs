//! Splitting a file into articles at attribution lines and at story
//! bylines.
//!
//! An attribution (`【作者系…】`, `（作者为…）`, `（作者单位：…）`,
//! `（执笔：…）`) closes the article above it and becomes its creator. It
//! may run over several lines (PDF extraction breaks long ones), so an
//! opening bracket is followed until it closes. Lines after the last
//! attribution form one more article unless they are only bracketed notes.
//!
//! A page of several stories prints each one as a short title block
//! (kicker, title) over a reporter byline (`本报记者  何  勇`) or over a
//! first paragraph opened by a dateline (`本报北京1月27日电`, `央视网消息`):
//! once the current article has body text, such a block opens the next
//! article.

use std::ops::Range;

use crate::document::repair::Line;

use super::byline::{fits_title_block, is_dateline, is_reporter_byline, MAX_STORY_TITLE_LINES};
use super::layout::ends_sentence;

/// The lines of one article and its attribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Indices of the article's lines, attribution excluded.
    pub lines: Range<usize>,
    /// The attribution text, cleaned of brackets and labels.
    pub creator: Option<String>,
}

/// Lines an attribution may span at most (blank lines not counted).
const MAX_ATTRIBUTION_LINES: usize = 4;

/// Cuts `lines` into article segments.
pub fn split(lines: &[Line]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < lines.len() {
        if let Some((end, creator)) = attribution_at(lines, i) {
            segments.push(Segment {
                lines: start..i,
                creator: Some(creator),
            });
            start = end;
            i = end;
            continue;
        }
        if let Some(story) = story_start(lines, start, i) {
            segments.push(Segment {
                lines: start..story,
                creator: None,
            });
            start = story;
        }
        i += 1;
    }
    let rest = start..lines.len();
    if segments.is_empty() || has_body(&lines[rest.clone()]) {
        segments.push(Segment {
            lines: rest,
            creator: None,
        });
    }
    segments
}

/// If line `i` is a reporter byline or a dateline under a title block,
/// and the article that began at `start` has body text above that block,
/// the first line of the block: where the next story starts.
fn story_start(lines: &[Line], start: usize, i: usize) -> Option<usize> {
    let text = &lines[i].text;
    if !is_reporter_byline(text) && !is_dateline(text) {
        return None;
    }
    let block = lines[start..i]
        .iter()
        .rev()
        .take_while(|l| fits_title_block(l))
        .take(MAX_STORY_TITLE_LINES)
        .count();
    let first = i - block;
    let body_above = lines[start..first].iter().any(ends_sentence);
    (block > 0 && body_above).then_some(first)
}

/// Whether the lines after the last attribution hold more than blank lines
/// and bracketed notes.
fn has_body(lines: &[Line]) -> bool {
    lines
        .iter()
        .any(|l| !l.is_blank() && !is_bracketed(&l.text))
}

/// If an attribution starts at line `i`, the index just past it and the
/// cleaned attribution text.
pub fn attribution_at(lines: &[Line], i: usize) -> Option<(usize, String)> {
    if !starts_attribution(&lines[i].text) {
        return None;
    }
    let mut text = lines[i].display().to_string();
    let (mut end, mut taken) = (i + 1, 1);
    while !closes(&text) {
        let next = (end..lines.len()).find(|&j| !lines[j].is_blank())?;
        taken += 1;
        if taken > MAX_ATTRIBUTION_LINES {
            return None;
        }
        text.push_str(lines[next].display());
        end = next + 1;
    }
    if !is_bracketed(&text) {
        return None;
    }
    Some((end, clean_attribution(&text)))
}

/// Whether a line opens an attribution: a bracket followed by an author
/// label.
pub fn starts_attribution(text: &str) -> bool {
    let mut chars = text.chars();
    if !is_opening(chars.next()) {
        return false;
    }
    let inner = chars.as_str();
    ATTRIBUTION_LABELS.iter().any(|l| inner.starts_with(l))
}

/// Inner prefixes that mark an attribution.
const ATTRIBUTION_LABELS: &[&str] = &["作者", "执笔", "撰稿", "本文作者"];

/// Labels removed from an attribution; `作者为`/`作者系` are kept as printed.
const STRIPPED_LABELS: &[&str] = &[
    "作者单位：",
    "作者单位:",
    "执笔：",
    "执笔:",
    "撰稿：",
    "撰稿:",
    "作者：",
    "作者:",
    "本文作者：",
];

/// The attribution without brackets or a `label：` prefix.
pub fn clean_attribution(text: &str) -> String {
    let inner: String = {
        let mut chars = text.chars();
        chars.next();
        chars.next_back();
        chars.as_str().trim().to_string()
    };
    for label in STRIPPED_LABELS {
        if let Some(rest) = inner.strip_prefix(label) {
            return rest.trim().to_string();
        }
    }
    inner
}

fn is_opening(c: Option<char>) -> bool {
    matches!(c, Some('（' | '(' | '【' | '['))
}

/// Whether the text is one bracketed unit: opens at the start and the
/// matching bracket closes at the end.
fn is_bracketed(text: &str) -> bool {
    is_opening(text.chars().next()) && closes(text)
}

/// Whether every bracket opened in `text` is closed and it ends with a
/// closing bracket.
fn closes(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth <= 0 && matches!(text.chars().last(), Some('）' | ')' | '】' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;

    fn creators(text: &str) -> Vec<Option<String>> {
        split(&repair(text))
            .into_iter()
            .map(|s| s.creator)
            .collect()
    }

    #[test]
    fn attribution_labels_are_cleaned() {
        assert_eq!(
            clean_attribution("（作者单位：习近平生态文明思想研究中心）"),
            "习近平生态文明思想研究中心"
        );
        assert_eq!(
            clean_attribution("（作者为国务院发展研究中心副主任）"),
            "作者为国务院发展研究中心副主任"
        );
        assert_eq!(
            clean_attribution("【作者系中央党校研究员】"),
            "作者系中央党校研究员"
        );
        assert_eq!(clean_attribution("（执笔：董  涛）"), "董  涛");
    }

    #[test]
    fn attribution_split_over_lines_and_blank_lines_is_joined() {
        let text =
            "正文一段。\n（作者单位：商务部国际贸易经济合作研究院产业国际化\n\n战略研究所）\n";
        assert_eq!(
            creators(text),
            vec![Some(
                "商务部国际贸易经济合作研究院产业国际化战略研究所".to_string()
            )]
        );
    }

    #[test]
    fn each_attribution_closes_an_article() {
        let text = "第一篇。\n（作者为甲）\n第二篇。\n【作者系乙】\n第三篇没有署名。\n";
        assert_eq!(
            creators(text),
            vec![Some("作者为甲".into()), Some("作者系乙".into()), None]
        );
    }

    #[test]
    fn trailing_bracketed_note_is_no_article() {
        let text = "正文。\n（作者为甲）\n（本文系课题成果）\n";
        assert_eq!(creators(text).len(), 1);
    }

    fn starts(text: &str) -> Vec<usize> {
        split(&repair(text))
            .into_iter()
            .map(|s| s.lines.start)
            .collect()
    }

    #[test]
    fn titled_story_byline_after_body_opens_an_article() {
        let text = "　　农家书屋 一座难求\n　　本报记者 甲\n　　第一篇正文。\n\n　　智能机器人 检修效率高\n　　本报记者 王明峰\n　　第二篇正文。\n";
        assert_eq!(starts(text), vec![0, 4]);
    }

    #[test]
    fn kicker_and_title_go_with_the_story_they_head() {
        let text = "　　正文。\n　　江苏宜兴市丁蜀镇汤庄村\n　　护芦苇，再现太湖美\n　　本报记者 何 聪\n　　正文。\n";
        assert_eq!(starts(text), vec![0, 1]);
    }

    #[test]
    fn titled_items_opened_by_a_dateline_are_articles() {
        let text = "新闻联播 2017-12-27\n\n中共中央政治局召开会议\n央视网消息（新闻联播）：会议召开。\n会议还研究了其他事项。\n\n国务院印发通知\n央视网消息：国务院印发通知。\n";
        assert_eq!(starts(text), vec![0, 6]);
    }

    #[test]
    fn byline_without_a_title_or_without_body_above_does_not_cut() {
        assert_eq!(
            starts("　　正文。\n　　本报记者 何 勇\n　　正文。\n"),
            vec![0]
        );
        assert_eq!(
            starts("　　标题\n　　本报记者 何 勇\n　　正文。\n"),
            vec![0]
        );
    }

    #[test]
    fn bracket_that_never_closes_is_not_an_attribution() {
        let text = "（作者们认为，这一点很重要\n正文继续。\n下一行。\n再一行。\n还有一行。\n";
        assert_eq!(creators(text), vec![None]);
    }
}
