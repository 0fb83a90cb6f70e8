//! Line layout: body lines in, [`Unit`]s (one paragraph or heading each)
//! out.
//!
//! Two layouts occur. In *flowing* text (newspaper sites, reports) every
//! non-blank line is a unit. In *hard-wrapped* text (PDF extraction) lines
//! are cut at the printed column width, and a unit is rebuilt from:
//! - [`blank_separates`]: a blank line separates units where it is rare,
//!   and means nothing where every printed line is followed by one;
//! - [`breaks_after`]: otherwise a unit ends after a line that ends a
//!   sentence and is short (a last line), or is followed by a short line
//!   (an indented first line) or an indented one;
//! - `is_heading_line`: a short line without end punctuation between two
//!   units stands alone.

use crate::document::outline::OffsetMap;
use crate::document::repair::{join_texts, Line};

/// Column geometry of one article's lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Typical width in em of a full printed line.
    pub full_width: f32,
    /// Whether lines were cut at the column width (PDF extraction).
    pub hard_wrapped: bool,
    /// Whether blank lines separate multi-line blocks, so that they, not
    /// geometry, mark paragraphs.
    pub blank_paragraphs: bool,
}

impl Geometry {
    /// Measures the lines of one article.
    pub fn measure(lines: &[Line]) -> Geometry {
        let filled: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let mut inner: Vec<f32> = filled
            .iter()
            .filter(|l| !l.spaced && !ends_sentence(l) && l.width >= 8.0)
            .map(|l| l.width)
            .collect();
        let full_width = median(&mut inner).unwrap_or(0.0);
        let ending = filled.iter().filter(|l| ends_sentence(l)).count();
        let hard_wrapped = filled.len() >= 8
            && full_width > 0.0
            && full_width <= 45.0
            && ending * 2 < filled.len();
        let sizes = block_sizes(lines);
        let blank_paragraphs = (1..lines.len()).any(|i| lines[i].is_blank() && sizes[i - 1] > 1);
        Geometry {
            full_width,
            hard_wrapped,
            blank_paragraphs,
        }
    }

    /// Whether a line is visibly shorter than a full line.
    fn is_short(&self, line: &Line) -> bool {
        !line.spaced && line.width < self.full_width - 1.25
    }
}

/// A run of lines that forms one paragraph or heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The joined, repaired text.
    pub text: String,
    /// Where the text came from.
    pub offsets: OffsetMap,
    /// How many source lines it joins.
    pub line_count: usize,
    /// The printed form of its first line (deliberate spacing kept).
    pub display: String,
    /// Whether a blank line precedes it.
    pub after_blank: bool,
    /// Whether its first line is indented.
    pub indented: bool,
}

/// Groups body lines into units.
pub fn units(lines: &[Line], geometry: &Geometry) -> Vec<Unit> {
    let groups = if geometry.hard_wrapped {
        wrapped_groups(lines, geometry)
    } else {
        flowing_groups(lines)
    };
    groups.into_iter().map(|g| unit(lines, g)).collect()
}

/// Flowing text: one unit per non-blank line.
fn flowing_groups(lines: &[Line]) -> Vec<Vec<usize>> {
    (0..lines.len())
        .filter(|&i| !lines[i].is_blank())
        .map(|i| vec![i])
        .collect()
}

/// Hard-wrapped text: lines joined by blank-line meaning and geometry.
fn wrapped_groups(lines: &[Line], geometry: &Geometry) -> Vec<Vec<usize>> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    let blocks = block_sizes(lines);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (k, &i) in filled.iter().enumerate() {
        current.push(i);
        let Some(&j) = filled.get(k + 1) else { break };
        let cut = if j > i + 1 && blank_separates(blocks[i], blocks[j]) {
            true
        } else if j == i + 1 && geometry.blank_paragraphs {
            breaks_inside_block(&lines[i], &lines[j], geometry)
        } else {
            breaks_after(&lines[i], &lines[j], geometry)
                || is_heading_line(lines, &current, geometry)
                || starts_heading(lines, &filled, k + 1, geometry)
        };
        if cut {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// For each line, the number of lines in its block (run of non-blank
/// lines); 0 for blank lines.
fn block_sizes(lines: &[Line]) -> Vec<usize> {
    let mut sizes = vec![0; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let end = i + lines[i..].iter().take_while(|l| !l.is_blank()).count();
        sizes[i..end].fill(end - i);
        i = end;
    }
    sizes
}

/// Whether a blank line between two blocks separates units: yes unless both
/// blocks are single lines, the double-spaced layout where every printed
/// line is followed by a blank one.
pub fn blank_separates(before: usize, after: usize) -> bool {
    before > 1 || after > 1
}

/// Whether a unit ends after `line`, given the line that follows.
pub fn breaks_after(line: &Line, next: &Line, geometry: &Geometry) -> bool {
    let indented_next = next.indent > 0 && line.indent == 0;
    ends_sentence(line) && (geometry.is_short(line) || geometry.is_short(next) || indented_next)
}

/// Inside a block, where blank lines mark paragraphs, a unit ends only on
/// strong evidence: a sentence end followed by an indented line, or a very
/// short last line.
pub fn breaks_inside_block(line: &Line, next: &Line, geometry: &Geometry) -> bool {
    ends_sentence(line)
        && ((next.indent > 0 && line.indent == 0) || line.width < geometry.full_width * 0.6)
}

/// Whether the unit being built is a lone heading line: one short line,
/// no end punctuation.
fn is_heading_line(lines: &[Line], current: &[usize], geometry: &Geometry) -> bool {
    current.len() == 1 && looks_like_heading(&lines[current[0]], geometry)
}

/// Whether the line at `filled[k]` is a heading that starts after a
/// finished sentence, so the unit before it must end.
fn starts_heading(lines: &[Line], filled: &[usize], k: usize, geometry: &Geometry) -> bool {
    let line = &lines[filled[k]];
    let before = &lines[filled[k - 1]];
    ends_sentence(before) && looks_like_heading(line, geometry) && filled.get(k + 1).is_some()
}

/// A short line without end punctuation, well under the column width.
fn looks_like_heading(line: &Line, geometry: &Geometry) -> bool {
    !line.spaced
        && line.width <= geometry.full_width * 0.75
        && line.width >= 2.0
        && !matches!(
            line.text.chars().last(),
            Some('，' | '、' | '；' | '：' | ',' | ';' | ':')
        )
        && !ends_sentence(line)
}

/// Builds a unit from the line indices of a group.
fn unit(lines: &[Line], group: Vec<usize>) -> Unit {
    let mut text = String::new();
    let mut offsets = OffsetMap::default();
    let mut len = 0;
    for &i in &group {
        let line = &lines[i];
        let glue = join_texts(&text, &line.text);
        text.push_str(glue);
        len += glue.chars().count();
        offsets.extend_shifted(&line.offsets, len);
        text.push_str(&line.text);
        len += line.text.chars().count();
    }
    let first = group[0];
    Unit {
        text,
        offsets,
        line_count: group.len(),
        display: lines[first].display().to_string(),
        after_blank: first > 0 && lines[first - 1].is_blank(),
        indented: lines[first].indent > 0,
    }
}

/// Whether a line ends a sentence (closing quotes and brackets ignored).
pub fn ends_sentence(line: &Line) -> bool {
    line.last_significant()
        .is_some_and(|c| crate::document::repair::is_sentence_end(c) || c == '；')
}

/// The median of some widths.
fn median(values: &mut [f32]) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    Some(values[values.len() / 2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;

    fn texts(raw: &str) -> Vec<String> {
        let lines = repair(raw);
        let geometry = Geometry::measure(&lines);
        units(&lines, &geometry)
            .into_iter()
            .map(|u| u.text)
            .collect()
    }

    const WRAPPED: &str = "经济全球化是浩浩荡荡的历史潮流，虽\n\n然遭遇逆风和回头浪，但其发展大势从未改\n\n变。多篇著作对经济全球化作出深刻论述。\n\n这些重要论断和观点，为解决当前全球发\n\n展面临的重大问题贡献了中国智慧，为推\n\n进普惠包容的经济全球化指明方向。\n\n深刻揭示经济全球化本质\n\n近年来，世界经济陷入低迷期，发展失\n\n衡、治理困境、公平赤字等问题突出。\n";

    #[test]
    fn double_spaced_wrapped_lines_rejoin_by_geometry() {
        let got = texts(WRAPPED);
        assert_eq!(got[0], "经济全球化是浩浩荡荡的历史潮流，虽然遭遇逆风和回头浪，但其发展大势从未改变。多篇著作对经济全球化作出深刻论述。这些重要论断和观点，为解决当前全球发展面临的重大问题贡献了中国智慧，为推进普惠包容的经济全球化指明方向。");
        assert_eq!(got[1], "深刻揭示经济全球化本质");
        assert_eq!(
            got[2],
            "近年来，世界经济陷入低迷期，发展失衡、治理困境、公平赤字等问题突出。"
        );
        assert_eq!(got.len(), 3);
    }

    /// A full line of the column (19 em) without end punctuation.
    const FULL: &str = "一二三四五六七八九十一二三四五六七八九";
    /// A full line that ends a sentence.
    const FULL_END: &str = "一二三四五六七八九十一二三四五六七八。";
    /// An indented first line (2 em shorter).
    const FIRST: &str = "一二三四五六七八九十一二三四五六七";
    /// A short last line.
    const LAST: &str = "一二三四五六七八。";

    fn wrapped(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn short_first_line_after_full_sentence_line_starts_a_paragraph() {
        let raw = wrapped(&[FIRST, FULL, FULL, FULL_END, FIRST, FULL, FULL, LAST]);
        assert_eq!(texts(&raw).len(), 2);
    }

    #[test]
    fn full_line_ending_a_sentence_before_a_full_line_continues() {
        let raw = wrapped(&[FIRST, FULL, FULL_END, FULL, FULL, FULL, FULL, LAST]);
        assert_eq!(texts(&raw).len(), 1);
    }

    #[test]
    fn short_last_line_ends_a_paragraph() {
        let raw = wrapped(&[FIRST, FULL, FULL, LAST, FULL, FULL, FULL, LAST]);
        assert_eq!(texts(&raw).len(), 2);
    }

    #[test]
    fn blank_lines_between_blocks_separate_paragraphs() {
        let raw = wrapped(&[
            FIRST, FULL, FULL_END, FULL, "", FIRST, FULL, FULL_END, FULL, FULL, LAST,
        ]);
        let got = texts(&raw);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn flowing_text_is_one_unit_per_line() {
        let raw = "标题\n\n　　第一段。很长的第一段。\n　　小标题\n　　第二段。\n";
        assert_eq!(
            texts(raw),
            vec!["标题", "第一段。很长的第一段。", "小标题", "第二段。"]
        );
    }
}
