//! Text repair, line by line: decoded text in, [`Line`]s out.
//!
//! Each line keeps what was printed (`printed`, for titles and names whose
//! spacing is deliberate) and the repaired `text` in which the spurious
//! spaces that PDF extraction leaves between CJK characters are gone
//! (`经 济 全 球 化 是` → `经济全球化是`). Geometry that the structure stage
//! reads (indentation, display width, letter-spacing) is measured here, and
//! every line carries an [`OffsetMap`] from its `text` back to raw columns.
//!
//! The rules, in the order they apply to a line:
//! 1. [`split_indent`]: leading ASCII, full-width and no-break spaces are
//!    indentation, not text;
//! 2. [`is_letter_spaced`]: a line whose CJK characters are spread apart by
//!    single spaces was justified to the full column width;
//! 3. [`drop_spaces_near_cjk`]: a whitespace run touching a CJK character
//!    or full-width punctuation on either side goes; spaces between two
//!    Latin letters or digits stay.
//!
//! Joining lines into paragraphs happens in `structure`, with
//! [`join_texts`].

use crate::document::outline::{OffsetMap, SourcePos};

/// One line of the source file, measured and repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 1-based line number in the source file.
    pub number: usize,
    /// Number of leading whitespace characters.
    pub indent: usize,
    /// The content as printed, without indentation or trailing whitespace.
    pub printed: String,
    /// The content with spaces next to CJK characters removed.
    pub text: String,
    /// Display width of `printed` in em: CJK and full-width characters count
    /// 1, ASCII characters and spaces ½.
    pub width: f32,
    /// Whether the line was letter-spaced (justified by spreading glyphs).
    pub spaced: bool,
    /// From code points of `text` to raw columns of this line.
    pub offsets: OffsetMap,
}

impl Line {
    /// Whether the line holds no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The printed form when its spaces are deliberate, else the repaired
    /// text: used for titles, headings and names.
    pub fn display(&self) -> &str {
        if self.spaced {
            &self.text
        } else {
            &self.printed
        }
    }

    /// The last character of the text, ignoring closing quotes and brackets.
    pub fn last_significant(&self) -> Option<char> {
        self.text.chars().rev().find(|c| !is_closing(*c))
    }
}

/// Repairs every line of a decoded text.
pub fn repair(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| repair_line(i + 1, raw))
        .collect()
}

/// Repairs one raw line (`number` is 1-based).
pub fn repair_line(number: usize, raw: &str) -> Line {
    let (indent, content) = split_indent(raw);
    let printed = content.trim_end().to_string();
    let spaced = is_letter_spaced(&printed);
    let (text, mut offsets) = drop_spaces_near_cjk(&printed, number, indent);
    if text.is_empty() {
        offsets = OffsetMap::default();
    }
    Line {
        number,
        indent,
        width: display_width(&printed),
        printed,
        text,
        spaced,
        offsets,
    }
}

/// Splits leading whitespace (ASCII, full-width, no-break) from the content;
/// returns the number of indentation characters and the rest.
pub fn split_indent(raw: &str) -> (usize, &str) {
    let content = raw.trim_start_matches(is_space);
    (raw[..raw.len() - content.len()].chars().count(), content)
}

/// Whether CJK characters in `s` are spread apart by single spaces, as in
/// `经 济 全 球 化` or `前途 命 运 。`: at least three such gaps, and at
/// least one in three of all gaps between wide characters.
pub fn is_letter_spaced(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let (mut spread, mut tight) = (0, 0);
    for w in chars.windows(3) {
        if is_wide(w[0]) && w[1] == ' ' && is_wide(w[2]) {
            spread += 1;
        }
    }
    for w in chars.windows(2) {
        if is_wide(w[0]) && is_wide(w[1]) {
            tight += 1;
        }
    }
    spread >= 3 && spread * 2 >= tight
}

/// Removes whitespace runs that touch a wide character on either side and
/// returns the text with its offset map (columns count the indentation).
pub fn drop_spaces_near_cjk(content: &str, line: usize, indent: usize) -> (String, OffsetMap) {
    let chars: Vec<char> = content.chars().collect();
    let mut text = String::with_capacity(content.len());
    let mut offsets = OffsetMap::default();
    let (mut out, mut i) = (0, 0);
    offsets.push(
        0,
        SourcePos {
            line,
            column: indent,
        },
    );
    while i < chars.len() {
        if is_space(chars[i]) {
            let end = i + chars[i..].iter().take_while(|c| is_space(**c)).count();
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(end).copied();
            if end == chars.len() || before.is_some_and(is_wide) || after.is_some_and(is_wide) {
                i = end;
                offsets.push(
                    out,
                    SourcePos {
                        line,
                        column: indent + i,
                    },
                );
                continue;
            }
            text.push(' ');
            out += 1;
            i = end;
            offsets.push(
                out,
                SourcePos {
                    line,
                    column: indent + i,
                },
            );
            continue;
        }
        text.push(chars[i]);
        out += 1;
        i += 1;
    }
    (text, offsets)
}

/// Joins the texts of consecutive lines: CJK joins without a space; two
/// Latin words or numbers broken across lines get one space back.
pub fn join_texts(left: &str, right: &str) -> &'static str {
    let l = left.chars().last();
    let r = right.chars().next();
    match (l, r) {
        (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => " ",
        _ => "",
    }
}

/// Display width of a string in em (CJK 1, ASCII ½).
pub fn display_width(s: &str) -> f32 {
    s.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum()
}

/// Whitespace of any kind that PDF text and newspapers use, and the
/// zero-width characters web pages leave in text (U+200B–U+200D, U+2060,
/// U+FEFF), which are removed like spaces.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{2002}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// A character that takes a full em: CJK ideographs, kana, hangul,
/// full-width forms and CJK punctuation including curly quotes.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fff}'
        | '\u{3001}'..='\u{303f}'
        | '\u{3040}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff01}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{3ffff}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '⋯' | '─')
}

/// A CJK ideograph (not punctuation).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3ffff}')
}

/// Closing quotes and brackets that may follow a sentence end.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '"' | '\''
    )
}

/// Punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '⋯')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &str) -> String {
        repair_line(1, raw).text
    }

    #[test]
    fn letter_spaced_line_is_closed_up() {
        assert_eq!(
            text("经 济 全 球 化 是 科 技 进 步 的 必 然 结 果 。"),
            "经济全球化是科技进步的必然结果。"
        );
        assert!(repair_line(1, "经 济 全 球 化 是 科 技 进 步").spaced);
    }

    #[test]
    fn partly_spaced_tail_is_closed_up() {
        assert_eq!(
            text("世界各国共同利益和人类社会前途 命 运 。"),
            "世界各国共同利益和人类社会前途命运。"
        );
    }

    #[test]
    fn spaces_between_latin_words_stay() {
        assert_eq!(text("New York Times 报道"), "New York Times报道");
        assert_eq!(
            text("全球 GDP 总量、全球贸易额占 GDP 比例的"),
            "全球GDP总量、全球贸易额占GDP比例的"
        );
        assert_eq!(text("2030 年可持续"), "2030年可持续");
    }

    #[test]
    fn indentation_is_measured_not_kept() {
        let line = repair_line(3, "　　内容提要：制造业是立国之本。");
        assert_eq!(line.indent, 2);
        assert_eq!(line.text, "内容提要：制造业是立国之本。");
        assert_eq!(repair_line(1, " 经济全球化").indent, 1);
    }

    #[test]
    fn deliberate_spacing_is_kept_in_printed_form() {
        let line = repair_line(1, "精准治污  科学治污  依法治污");
        assert!(!line.spaced);
        assert_eq!(line.display(), "精准治污  科学治污  依法治污");
        assert_eq!(line.text, "精准治污科学治污依法治污");
    }

    #[test]
    fn width_counts_cjk_as_one_and_ascii_as_half() {
        assert_eq!(display_width("中国GDP"), 3.5);
    }

    #[test]
    fn offsets_point_at_raw_columns_after_removed_spaces() {
        let line = repair_line(7, "　经 济 全");
        assert_eq!(line.text, "经济全");
        assert_eq!(line.offsets.locate(0), SourcePos { line: 7, column: 1 });
        assert_eq!(line.offsets.locate(1), SourcePos { line: 7, column: 3 });
        assert_eq!(line.offsets.locate(2), SourcePos { line: 7, column: 5 });
    }

    #[test]
    fn zero_width_characters_are_removed_like_spaces() {
        assert_eq!(text("各位代表：\u{200d}"), "各位代表：");
        assert_eq!(text("\u{200b}各位代表！"), "各位代表！");
        assert_eq!(text("改\u{200b}革"), "改革");
        assert_eq!(text("\u{200b}"), "");
    }

    #[test]
    fn latin_words_broken_across_lines_get_a_space() {
        assert_eq!(join_texts("the", "world"), " ");
        assert_eq!(join_texts("经济全", "球化"), "");
    }

    #[test]
    fn repair_is_idempotent() {
        for raw in [
            "经 济 全 球 化",
            "全球 GDP 总量",
            "New York 报道",
            "　　前途 命 运 。",
        ] {
            let once = text(raw);
            assert_eq!(text(&once), once);
        }
    }
}
