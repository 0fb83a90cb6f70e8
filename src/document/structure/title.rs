//! The title block at the head of an article: 引题 (kicker), 主题 (main
//! title, often with a column tag such as `（人民要论）`), 副题 (subtitle,
//! usually opened by `——`), a byline (`崔  寅《人民日报》（…第 05 版）`),
//! and an editor's note signed `——编  者`.
//!
//! Titles are never invented: hard-wrapped text whose first lines run at
//! full column width has no title block.

use crate::document::repair::Line;

use super::byline::{
    fits_title_block, is_dateline, is_photo_credit, is_reporter_byline, MAX_STORY_TITLE_LINES,
};
use super::layout::{ends_sentence, Geometry};

/// What the head of an article holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    /// Main title without its column tag.
    pub title: Option<String>,
    /// Kicker and subtitle lines, in order.
    pub subtitles: Vec<String>,
    /// Column tag without brackets.
    pub column: Option<String>,
    /// Author named in a byline.
    pub byline: Option<String>,
    /// Editor's note text, if one precedes the body.
    pub editor_note: Option<String>,
    /// Index of the first body line.
    pub body_start: usize,
}

/// Widest title line we accept, in em.
const MAX_TITLE_WIDTH: f32 = 60.0;

/// Reads the title block (and an editor's note) off the head of `lines`.
pub fn take(lines: &[Line], geometry: &Geometry) -> Head {
    let mut head = Head::default();
    let start = lines.iter().take_while(|l| l.is_blank()).count();
    let mut i = start;
    let mut title_lines = Vec::new();
    while i < lines.len() && is_title_line(&lines[i], geometry) {
        title_lines.push(&lines[i]);
        i += 1;
    }
    if title_lines.len() == lines.len() - start {
        title_lines.clear();
        i = start;
    }
    let mut main = MainTitle::Longest;
    if let Some(end) = story_title_block_end(lines, i, !title_lines.is_empty()) {
        if title_lines.is_empty() {
            main = MainTitle::AboveByline;
        }
        title_lines.extend(lines[i..end].iter().filter(|l| !l.is_blank()));
        i = end;
    }
    assign_title_lines(&mut head, &title_lines, main);
    let note_end = editor_note_end(lines, i, geometry);
    if let Some(end) = note_end {
        let note: String = lines[i..end].iter().map(|l| l.text.as_str()).collect();
        head.editor_note = Some(note);
        i = end;
    }
    head.body_start = i;
    head
}

/// Which untagged title line is the main title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MainTitle {
    /// The longest line: kickers and decks are usually shorter.
    Longest,
    /// The last line above the byline: a story's kicker (a place, a
    /// person `云南玉溪顾芸——`) may be longer than its title.
    AboveByline,
}

/// If the lines from `i` (after blank lines) are a short title block
/// closed by a byline (taken with the block) or by a first paragraph
/// opened by a dateline (left to the body), as multi-story pages and
/// broadcast transcripts print them, the index just past the block.
/// Under a `titled` block the byline may come first.
fn story_title_block_end(lines: &[Line], i: usize, titled: bool) -> Option<usize> {
    let from = i + lines[i..].iter().take_while(|l| l.is_blank()).count();
    let block = &lines[from..lines.len().min(from + MAX_STORY_TITLE_LINES + 1)];
    let fits = |n: usize| block[..n].iter().all(fits_title_block);
    let byline = block
        .iter()
        .position(|l| is_reporter_byline(&l.text))
        .or_else(|| block.iter().position(|l| byline_name(l).is_some()));
    if let Some(k) = byline {
        return (fits(k) && (k > 0 || titled)).then_some(from + k + 1);
    }
    let dateline = block.iter().position(|l| is_dateline(&l.text))?;
    (fits(dateline) && dateline > 0).then_some(from + dateline)
}

/// Whether a line can belong to the title block.
fn is_title_line(line: &Line, geometry: &Geometry) -> bool {
    if line.is_blank() || line.indent > 0 || line.width > MAX_TITLE_WIDTH || ends_sentence(line) {
        return false;
    }
    if matches!(
        line.text.chars().last(),
        Some('，' | '、' | '：' | '；' | ',')
    ) {
        return false;
    }
    !geometry.hard_wrapped || line.width <= geometry.full_width * 0.75
}

/// Sorts title lines into main title, kicker/subtitles, column and byline.
/// Above a reporter byline, a line spaced like a name (`上村晚 喜洋洋`)
/// is a title. A bracketed date note (`（2020年5月28日…会议通过）`) is
/// none of these: `structure::dates` reads it.
fn assign_title_lines(head: &mut Head, lines: &[&Line], main: MainTitle) {
    let mut candidates = Vec::new();
    let signed = lines.iter().any(|l| is_reporter_byline(&l.text));
    for line in lines
        .iter()
        .filter(|l| !super::dates::is_date_note(&l.text))
    {
        let shown = line.display().trim().to_string();
        let byline = byline_name(line).filter(|_| !signed || is_reporter_byline(&line.text));
        if let Some(name) = byline {
            head.byline = head.byline.take().or(name);
        } else {
            candidates.push(shown);
        }
    }
    let tagged = candidates.iter().position(|t| split_column(t).is_some());
    let main = tagged.or_else(|| match main {
        MainTitle::Longest => longest_plain(&candidates),
        MainTitle::AboveByline => last_plain(&candidates),
    });
    for (k, text) in candidates.into_iter().enumerate() {
        if Some(k) == main {
            match split_column(&text) {
                Some((title, column)) => {
                    head.title = Some(title);
                    head.column = Some(column);
                }
                None => head.title = Some(text),
            }
        } else {
            head.subtitles.push(text);
        }
    }
}

/// The longest line that is not a `——` subtitle.
fn longest_plain(lines: &[String]) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.starts_with("——"))
        .max_by_key(|(k, t)| (t.chars().count(), usize::MAX - k))
        .map(|(k, _)| k)
}

/// The last line that neither opens nor closes with a dash.
fn last_plain(lines: &[String]) -> Option<usize> {
    lines
        .iter()
        .rposition(|t| !t.starts_with("——") && !t.ends_with("——"))
}

/// Splits `标题（人民要论）` into the title and the column tag. Footnote
/// marks and dates are not column tags.
pub fn split_column(text: &str) -> Option<(String, String)> {
    let body = text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
    let open = body.rfind(['（', '('])?;
    let tag = &body[open + body[open..].chars().next()?.len_utf8()..];
    let title = body[..open].trim();
    let tag_len = tag.chars().count();
    if title.is_empty() || !(2..=40).contains(&tag_len) || tag.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((title.to_string(), tag.to_string()))
}

/// A byline such as `崔  寅《人民日报》（2025年11月05日第 05 版）`: the
/// name before the paper's title, if any. A reporter byline
/// (`本报记者 富子梅 靳 博`) is kept as printed, since its spaces part the
/// names.
fn byline_name(line: &Line) -> Option<Option<String>> {
    let text = line.text.as_str();
    let shown = line.display().trim();
    if is_reporter_byline(text) {
        return Some(Some(line.printed.trim().to_string()));
    }
    let is_byline =
        has_paper_stamp(text) || text.starts_with("本报评论员") || is_spaced_name(shown);
    if !is_byline {
        return None;
    }
    if is_spaced_name(shown) {
        return Some(Some(shown.to_string()));
    }
    let name = shown.split('《').next().unwrap_or("").trim();
    Some((!name.is_empty()).then(|| name.to_string()))
}

/// A name, then the paper and the issue it was printed in:
/// `崔  寅《人民日报》（2025年11月05日第 05 版）`. The name holds no
/// sentence punctuation, so a sentence that names the paper
/// (`…：明天出版的《人民日报》将发表…`) is no byline.
fn has_paper_stamp(text: &str) -> bool {
    let Some((name, rest)) = text.split_once("《人民日报》") else {
        return false;
    };
    let issue = rest.trim_start().strip_prefix(['（', '(']).unwrap_or("");
    let issue = issue.split([')', '）']).next().unwrap_or("");
    !name.contains(['：', '，', '。', ':', ',']) && (issue.contains('版') || issue.contains('日'))
}

/// A name printed with spaces inside it, alone or after an office:
/// `习　近　平`, `国务院总理 李　强`. At most three characters follow the
/// first space, and the line is short.
fn is_spaced_name(shown: &str) -> bool {
    let Some((head, tail)) = shown.split_once(crate::document::repair::is_space) else {
        return false;
    };
    let han = |s: &str| {
        s.chars()
            .filter(|c| crate::document::repair::is_han(*c))
            .count()
    };
    let tail = tail.trim_start_matches(crate::document::repair::is_space);
    let only_han_and_spaces = shown
        .chars()
        .all(|c| crate::document::repair::is_han(c) || crate::document::repair::is_space(c));
    only_han_and_spaces && !head.is_empty() && (1..=3).contains(&han(tail)) && han(shown) <= 12
}

/// Most lines an editor's note runs to in flowing text.
const MAX_NOTE_LINES: usize = 6;

/// If an editor's note (a block signed `——编  者` or opened by `编者按`)
/// starts at `i`, the index just past it. An opened note ends at the first
/// blank line when one comes within [`MAX_NOTE_LINES`], else where its
/// paragraph ends ([`note_paragraph_end`]); a note is never the whole
/// body, so a note that would leave no body is none.
fn editor_note_end(lines: &[Line], i: usize, geometry: &Geometry) -> Option<usize> {
    let start = i + lines[i..].iter().take_while(|l| l.is_blank()).count();
    let first = lines.get(start)?;
    let block_end = start + lines[start..].iter().take_while(|l| !l.is_blank()).count();
    let end = if first.text.starts_with("编者按") {
        if block_end - start <= MAX_NOTE_LINES {
            block_end
        } else {
            note_paragraph_end(lines, start, block_end, geometry)
        }
    } else {
        let signed = lines[start..block_end]
            .iter()
            .any(|l| is_editor_signature(&l.text));
        if !signed {
            return None;
        }
        block_end
    };
    let body_left = lines[end..]
        .iter()
        .any(|l| !l.is_blank() && !is_photo_credit(&l.text) && !is_reporter_byline(&l.text));
    body_left.then_some(end)
}

/// Where the paragraph that starts at `start` ends, inside a block of
/// lines with no blank line: after its first line in flowing text (one
/// line per paragraph), else where the line geometry breaks it.
fn note_paragraph_end(
    lines: &[Line],
    start: usize,
    block_end: usize,
    geometry: &Geometry,
) -> usize {
    if !geometry.hard_wrapped {
        return start + 1;
    }
    (start..block_end - 1)
        .find(|&k| super::layout::breaks_after(&lines[k], &lines[k + 1], geometry))
        .map_or(block_end, |k| k + 1)
}

/// `——编者`, `——编  者`, `—— 编者`.
fn is_editor_signature(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t == "——编者" || t == "—编者"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;

    fn head(raw: &str) -> Head {
        let lines = repair(raw);
        take(&lines, &Geometry::measure(&lines))
    }

    #[test]
    fn a_sentence_naming_the_paper_is_no_byline() {
        assert!(has_paper_stamp(
            "崔  寅《人民日报》（2025年11月05日第 05 版）"
        ));
        assert!(!has_paper_stamp(
            "央视网消息（新闻联播）：明天（12月14日）出版的《人民日报》将发表评论员文章。"
        ));
        assert!(!has_paper_stamp("他常读《人民日报》。"));
    }

    #[test]
    fn an_opened_note_in_flowing_text_is_its_own_line_only() {
        let mut raw =
            String::from("标题在这里\n\n编者按：近日举办报告会，现以问答形式摘要刊发。\n");
        for k in 0..8 {
            raw.push_str(&format!(
                "记者：第{k}个问题是什么？\n郑栅洁：第{k}个回答。\n"
            ));
        }
        let h = head(&raw);
        assert_eq!(
            h.editor_note.as_deref(),
            Some("编者按：近日举办报告会，现以问答形式摘要刊发。")
        );
        assert_eq!(h.body_start, 3);
    }

    #[test]
    fn a_note_that_would_leave_no_body_is_the_body() {
        let h = head("标题在这里\n\n编者按：这是全部正文。\n还有一行。\n");
        assert_eq!(h.editor_note, None);
    }

    #[test]
    fn column_tag_is_split_from_the_title() {
        let h = head("经济全球化的新特点新趋势（人民观察）\n\n　　正文。\n");
        assert_eq!(h.title.as_deref(), Some("经济全球化的新特点新趋势"));
        assert_eq!(h.column.as_deref(), Some("人民观察"));
        assert_eq!(h.body_start, 1);
    }

    #[test]
    fn kicker_above_tagged_title_is_a_subtitle() {
        let h = head(
            "精准治污  科学治污  依法治污\n促进生态环境质量持续好转（新知新觉）\n\n　　正文。\n",
        );
        assert_eq!(h.title.as_deref(), Some("促进生态环境质量持续好转"));
        assert_eq!(h.subtitles, vec!["精准治污  科学治污  依法治污"]);
    }

    #[test]
    fn ascii_parentheses_tag_is_a_column() {
        assert_eq!(
            split_column("加快推进产业数字化转型升级(新知新觉)"),
            Some(("加快推进产业数字化转型升级".into(), "新知新觉".into()))
        );
        assert_eq!(split_column("写在三周年之际①"), None);
    }

    #[test]
    fn byline_is_not_a_title_line() {
        let h = head("越开放，越活跃，越发展（现场评论）\n崔  寅《人民日报》（2025年11月05日第 05 版）\n\n正文。\n");
        assert_eq!(h.title.as_deref(), Some("越开放，越活跃，越发展"));
        assert_eq!(h.byline.as_deref(), Some("崔  寅"));
        assert!(h.subtitles.is_empty());
    }

    #[test]
    fn editor_note_signed_by_editors_is_set_apart() {
        let h = head("开放合作（评论员观察）\n——写在三周年之际①\n　　三年前的今天，发表了演讲。\n　　——编  者\n\n　　正文。\n");
        assert_eq!(h.subtitles, vec!["——写在三周年之际①"]);
        assert!(h.editor_note.is_some());
        assert_eq!(h.body_start, 4);
    }

    #[test]
    fn spaced_name_under_a_report_title_is_a_byline() {
        let h = head("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李　强\n\n　　各位代表：\n");
        assert_eq!(h.title.as_deref(), Some("政府工作报告"));
        assert_eq!(h.byline.as_deref(), Some("国务院总理　李　强"));
        let h = head("善于继承 善于创新\n努力在创新中实现高质量发展（治理之道）\n\n　　正文。\n");
        assert_eq!(h.subtitles, vec!["善于继承 善于创新"]);
    }

    #[test]
    fn indented_story_title_over_a_reporter_byline_is_the_title_block() {
        let h = head("　　天津西青区王稳庄镇\n　　兴种植，小站稻谷香\n　　本报记者 富子梅 靳 博\n　　王稳庄镇的哥俩去年挣钱了。\n");
        assert_eq!(h.title.as_deref(), Some("兴种植，小站稻谷香"));
        assert_eq!(h.subtitles, vec!["天津西青区王稳庄镇"]);
        assert_eq!(h.byline.as_deref(), Some("本报记者 富子梅 靳 博"));
        assert_eq!(h.body_start, 3);
    }

    #[test]
    fn a_kicker_closed_by_a_dash_is_not_the_story_title() {
        let h = head(
            "　　买上鲜花过大年，心情好\n　　云南玉溪顾芸——\n　　本报记者 徐元锋\n　　正文。\n",
        );
        assert_eq!(h.title.as_deref(), Some("买上鲜花过大年，心情好"));
        assert_eq!(h.subtitles, vec!["云南玉溪顾芸——"]);
    }

    #[test]
    fn spaced_title_above_a_reporter_byline_is_no_byline() {
        let h = head("上村晚 喜洋洋\n浙江淳安\n　　本报记者  方  敏\n　　正文。\n");
        assert_eq!(h.title.as_deref(), Some("上村晚 喜洋洋"));
        assert_eq!(h.byline.as_deref(), Some("本报记者  方  敏"));
        let h = head("　　浙江淳安\n　　上村晚 喜洋洋\n　　本报记者  方  敏\n　　正文。\n");
        assert_eq!(h.title.as_deref(), Some("上村晚 喜洋洋"));
        assert_eq!(h.subtitles, vec!["浙江淳安"]);
        assert_eq!(h.byline.as_deref(), Some("本报记者  方  敏"));
    }

    #[test]
    fn byline_under_a_flush_title_joins_its_title_block() {
        let h = head("第一根国产光纤（新中国的“第一”）\n　　本报记者  范昊天\n　　正文。\n");
        assert_eq!(h.title.as_deref(), Some("第一根国产光纤"));
        assert_eq!(h.byline.as_deref(), Some("本报记者  范昊天"));
        assert_eq!(h.body_start, 2);
    }

    #[test]
    fn broadcast_item_title_above_its_dateline_is_the_title() {
        let h = head("新闻联播 2017-12-27\n\n中共中央政治局召开会议 研究部署党风廉政建设\n央视网消息（新闻联播）：会议召开。\n");
        assert_eq!(
            h.title.as_deref(),
            Some("中共中央政治局召开会议 研究部署党风廉政建设")
        );
        assert_eq!(h.subtitles, vec!["新闻联播 2017-12-27"]);
        assert_eq!(h.body_start, 3);
    }

    #[test]
    fn an_adoption_note_under_a_title_is_no_title_line() {
        let h = head("\u{200b}\n第十三届全国人民代表大会第三次会议关于政府工作报告的决议\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n第十三届全国人民代表大会第三次会议听取和审议了国务院总理李克强所作的政府工作报告。\n");
        assert_eq!(
            h.title.as_deref(),
            Some("第十三届全国人民代表大会第三次会议关于政府工作报告的决议")
        );
        assert!(h.subtitles.is_empty());
        assert_eq!(h.body_start, 3);
    }

    #[test]
    fn untitled_text_has_no_title() {
        let h = head("　　第一段。\n　　第二段。\n");
        assert_eq!(h.title, None);
    }
}
