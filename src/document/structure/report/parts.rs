//! The parts of a report: its body's units in, the top-level parts (with
//! their kinds), the subsections inside each part and the numbered items
//! of a part out.
//!
//! The rules, in the order they apply (survey of the national reports
//! 1978–2025, rules R2–R7):
//! 1. [`Block::of`]: each unit's text without invisible characters, the
//!    number marker it opens with ([`opening`]: `一、`, `（一）`, `第一，`,
//!    `一是`), and whether it is shaped like a heading ([`is_heading_like`]);
//! 2. [`candidate`]: heading-like units are part candidates: numbered
//!    (`一、…`), bracketed (`（一）…`), `结束语`, an appendix (`附件`,
//!    `名词解释`, `相关报道`), or a short plain line (`过去五年的回顾`);
//! 3. [`top_level`]: the style of the first candidate is the top level;
//!    numbered parts go through a stack ([`stack_numbered`]: a `一、` opens
//!    a nested list, so a nested `一、…五、` run is never taken for parts),
//!    and a skipped number is looked for as a heading glued to its first
//!    paragraph ([`glued_heading`]);
//! 4. [`part_kind`]: review, plan, task, theme, foreign, closing or
//!    appendix, from keywords of the part's title;
//! 5. [`subsections`]: inside a part, heading-shaped `（一）…` lines (or
//!    `一、…` under bracketed or plain parts) in sequence;
//! 6. [`items`]: inside a part, the run of the earliest number-one marker's
//!    family, each number exactly the next one.

use super::super::enumeration::chinese_number;
use super::super::kind::is_invisible_or_space;
use super::super::layout::Unit;

/// A unit of the report's body as the part rules see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The unit's text without invisible characters or surrounding spaces.
    pub text: String,
    /// The number marker it opens with, if any.
    pub opening: Option<Opening>,
    /// Whether it is shaped like a heading ([`is_heading_like`]).
    pub heading_like: bool,
    /// 1-based source line where it starts.
    pub line: usize,
}

impl Block {
    /// The block of one unit.
    pub fn of(unit: &Unit) -> Block {
        let text = clean(&unit.text);
        Block {
            opening: opening(&text),
            heading_like: unit.line_count == 1 && is_heading_like(&text),
            line: unit.offsets.locate(0).line,
            text,
        }
    }

    /// Whether the unit is a heading line or a heading sentence of its own
    /// (`（一）继续保持经济平稳较快发展。`), as a subsection is printed.
    pub fn is_heading_or_heading_sentence(&self) -> bool {
        self.heading_like || is_heading_sentence(&self.text)
    }
}

/// The text without zero-width characters (U+200B–U+200D, U+2060,
/// U+FEFF, which web pages leave inside words) or surrounding spaces.
pub fn clean(text: &str) -> String {
    text.trim_matches(is_invisible_or_space)
        .chars()
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'))
        .collect()
}

/// The families of number markers a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `一、` at the start of a line.
    Numbered,
    /// `（一）` or `(一)`.
    Bracketed,
    /// `第一，` or `第一、`.
    Ordinal,
    /// `一是`.
    Shi,
}

/// The number marker a line opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// Which family.
    pub family: Family,
    /// The number it expresses.
    pub number: usize,
    /// The marker as printed: `一、`, `（一）`, `第一`, `一是`.
    pub marker: String,
    /// Code points the marker and its punctuation take.
    pub len: usize,
}

/// Most numeral characters in a marker (`二十一`).
const MAX_NUMERAL_CHARS: usize = 3;

/// The number marker `text` opens with: `一、`, `（一）`, `第一，`, `一是`.
pub fn opening(text: &str) -> Option<Opening> {
    let chars: Vec<char> = text.chars().collect();
    let numeral = |from: usize| -> Option<(usize, usize)> {
        let n = chars
            .iter()
            .skip(from)
            .take(MAX_NUMERAL_CHARS)
            .take_while(|c| "一二三四五六七八九十".contains(**c))
            .count();
        chinese_number(chars.get(from..from + n)?).map(|v| (v, n))
    };
    let marker = |n: usize| chars[..n].iter().collect::<String>();
    let found = |family, number, printed: usize, len: usize| {
        Some(Opening {
            family,
            number,
            marker: marker(printed),
            len,
        })
    };
    if matches!(chars.first(), Some('（' | '(')) {
        let (v, n) = numeral(1)?;
        return matches!(chars.get(n + 1), Some('）' | ')'))
            .then(|| found(Family::Bracketed, v, n + 2, n + 2))?;
    }
    if chars.first() == Some(&'第') {
        let (v, n) = numeral(1)?;
        return matches!(chars.get(n + 1), Some('，' | '、' | ','))
            .then(|| found(Family::Ordinal, v, n + 1, n + 2))?;
    }
    let (v, n) = numeral(0)?;
    match chars.get(n) {
        Some('、') => found(Family::Numbered, v, n + 1, n + 1),
        Some('是') => {
            let punct = usize::from(matches!(chars.get(n + 1), Some('，' | ',' | '：')));
            found(Family::Shi, v, n + 1, n + 1 + punct)
        }
        _ => None,
    }
}

/// Longest heading, in characters.
const MAX_HEADING_CHARS: usize = 40;

/// At most 40 characters, not ending like a sentence or a clause.
pub fn is_heading_like(text: &str) -> bool {
    let len = text.chars().count();
    (1..=MAX_HEADING_CHARS).contains(&len) && !text.ends_with(is_terminal)
}

/// Punctuation that ends a sentence or announces what follows.
fn is_terminal(c: char) -> bool {
    "。！？；：!?;:…".contains(c)
}

/// Longest heading sentence, in characters.
const MAX_HEADING_SENTENCE_CHARS: usize = 60;

/// One short sentence, alone on its line, ending in `。`: how 2006, 2013,
/// 2014, 2016 and 2019 print their `（一）` headings.
pub fn is_heading_sentence(text: &str) -> bool {
    let len = text.chars().count();
    let inner = text.strip_suffix('。').unwrap_or("");
    len <= MAX_HEADING_SENTENCE_CHARS
        && !inner.is_empty()
        && !inner.contains(['。', '！', '？', '；', '：'])
}

/// What a heading-like block may be at the top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// `一、…`, with its number.
    Numbered(usize),
    /// `（一）…`, with its number.
    Bracketed(usize),
    /// `结束语`.
    Closing,
    /// `附件`, `名词解释`, `相关报道`: what follows is not the report.
    Appendix,
    /// A short unnumbered line: `过去五年的回顾`.
    Plain,
}

/// Longest plain part heading, in characters.
const MAX_PLAIN_HEADING_CHARS: usize = 25;

/// What `block` may be at the top level, if anything. `salutation` is the
/// report's salutation word, whose lines are never headings.
pub fn candidate(block: &Block, salutation: &str) -> Option<Candidate> {
    if is_appendix_heading(&block.text) {
        return Some(Candidate::Appendix);
    }
    if !block.heading_like {
        return None;
    }
    if block.text == "结束语" {
        return Some(Candidate::Closing);
    }
    match &block.opening {
        Some(o) if o.family == Family::Numbered => return Some(Candidate::Numbered(o.number)),
        Some(o) if o.family == Family::Bracketed => return Some(Candidate::Bracketed(o.number)),
        Some(_) => return None,
        None => {}
    }
    let plain = block.text.chars().count() <= MAX_PLAIN_HEADING_CHARS
        && !block.text.contains(['，', ','])
        && !block.text.starts_with(['—', '-', '－'])
        && !block.text.starts_with(salutation);
    plain.then_some(Candidate::Plain)
}

/// `附件`, `附件1`, `名词解释`, `相关报道：`: the page goes on past the
/// report.
fn is_appendix_heading(text: &str) -> bool {
    let bare = text.trim_end_matches(['：', ':']);
    let attachment = bare.strip_prefix("附件").is_some_and(|n| {
        n.chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    });
    attachment || bare == "名词解释" || bare == "相关报道"
}

/// One top-level part.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Index of its heading block.
    pub block: usize,
    /// Its heading as printed (cut short when glued to a paragraph).
    pub heading: String,
    /// Whether the heading is glued to the paragraph that follows it, so
    /// that the block is also a paragraph.
    pub glued: bool,
    /// What the part does.
    pub kind: PartKind,
}

/// What a part of a report does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// Looks back: `2018年工作回顾`, `过去五年的回顾`.
    Review,
    /// Looks back and sets the line ahead: `…回顾和1999年工作的总体要求`.
    ReviewAndPlan,
    /// Targets, general requirements, a five-year plan.
    Plan,
    /// The year's work programme: `2019年政府工作任务`, `对今年政府工作的建议`.
    Task,
    /// A topic (`把改革开放扎实推向纵深`); where a report has no task part,
    /// its programme is in these.
    Theme,
    /// Foreign affairs.
    Foreign,
    /// `结束语`.
    Closing,
    /// Pages printed after the report (`附件`, `名词解释`).
    Appendix,
}

/// The report's top-level parts, in order, with their kinds. After an
/// appendix heading only appendix headings open parts: what follows is
/// not the report.
pub fn top_level(blocks: &[Block], salutation: &str) -> Vec<Part> {
    let candidates: Vec<(usize, Candidate)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(b, block)| candidate(block, salutation).map(|c| (b, c)))
        .collect();
    let style = candidates
        .iter()
        .find(|(_, c)| !matches!(c, Candidate::Closing | Candidate::Appendix))
        .map(|(_, c)| *c);
    let mut heads: Vec<(usize, Option<String>)> = match style {
        Some(Candidate::Plain) => plain_parts(&candidates),
        Some(Candidate::Bracketed(_)) => bracketed_parts(&candidates),
        Some(Candidate::Numbered(_)) => numbered_parts(blocks, &candidates),
        _ => Vec::new(),
    };
    let closing = candidates
        .iter()
        .filter(|(_, c)| matches!(c, Candidate::Closing | Candidate::Appendix));
    heads.extend(closing.map(|(b, _)| (*b, None)));
    heads.sort();
    heads.dedup_by_key(|(b, _)| *b);
    let appendix = candidates
        .iter()
        .find(|(_, c)| *c == Candidate::Appendix)
        .map(|(b, _)| *b);
    if let Some(appendix) = appendix {
        let is_appendix = |b: usize| is_appendix_heading(&blocks[b].text);
        heads.retain(|(b, _)| *b < appendix || is_appendix(*b));
    }
    heads
        .into_iter()
        .enumerate()
        .map(|(position, (b, glued))| part(&blocks[b], b, glued, position))
        .collect()
}

/// A part from its heading block; `glued` holds the cut heading of a
/// heading glued to its paragraph.
fn part(block: &Block, b: usize, glued: Option<String>, position: usize) -> Part {
    let heading = glued.clone().unwrap_or_else(|| block.text.clone());
    let title = normalize_digits(heading_title(&heading));
    let kind = if is_appendix_heading(&block.text) {
        PartKind::Appendix
    } else {
        part_kind(&title, position)
    };
    Part {
        block: b,
        heading: normalize_digits(&heading),
        glued: glued.is_some(),
        kind,
    }
}

/// The heading without its number marker: `2018年工作回顾`.
fn heading_title(heading: &str) -> &str {
    match opening(heading) {
        Some(o) => {
            let at = heading
                .char_indices()
                .nth(o.len)
                .map_or(heading.len(), |(i, _)| i);
            heading[at..].trim_start()
        }
        None => heading,
    }
}

/// Plain top level: every plain line; but a single plain line followed by
/// numbered parts is one part among them (2002: `首先报告２００１年的工作`,
/// then `一、…八、`).
fn plain_parts(candidates: &[(usize, Candidate)]) -> Vec<(usize, Option<String>)> {
    let plains: Vec<usize> = candidates
        .iter()
        .filter(|(_, c)| *c == Candidate::Plain)
        .map(|(b, _)| *b)
        .collect();
    let after: Vec<(usize, usize)> = candidates
        .iter()
        .filter_map(|(b, c)| match c {
            Candidate::Numbered(n) if *b > plains[0] => Some((*b, *n)),
            _ => None,
        })
        .collect();
    let mut parts: Vec<(usize, Option<String>)> = plains.iter().map(|b| (*b, None)).collect();
    if plains.len() == 1 && !after.is_empty() {
        parts.extend(stack_numbered(&after).into_iter().map(|b| (b, None)));
    }
    parts
}

/// Bracketed top level (1981, 1985): `（一）`, `（二）`, … in sequence.
fn bracketed_parts(candidates: &[(usize, Candidate)]) -> Vec<(usize, Option<String>)> {
    let mut expected = 1;
    let mut parts = Vec::new();
    for (b, c) in candidates {
        if *c == Candidate::Bracketed(expected) {
            parts.push((*b, None));
            expected += 1;
        }
    }
    parts
}

/// Numbered top level: the stack rule, then headings glued to their
/// paragraph where a number was skipped.
fn numbered_parts(
    blocks: &[Block],
    candidates: &[(usize, Candidate)],
) -> Vec<(usize, Option<String>)> {
    let numbered: Vec<(usize, usize)> = candidates
        .iter()
        .filter_map(|(b, c)| match c {
            Candidate::Numbered(n) => Some((*b, *n)),
            _ => None,
        })
        .collect();
    let top = stack_numbered(&numbered);
    let mut parts: Vec<(usize, Option<String>)> = top.iter().map(|b| (*b, None)).collect();
    for pair in top.windows(2) {
        let number = |b: usize| blocks[b].opening.as_ref().map_or(0, |o| o.number);
        let (before, after) = (pair[0], pair[1]);
        if number(after) == number(before) + 2 {
            parts.extend(glued_heading(blocks, before + 1..after, number(before) + 1));
        }
    }
    parts
}

/// Numbered headings that open each top-level part. A `一、` opens a
/// nested list; any other number continues the deepest open list whose
/// count it follows, and only the outermost list's items are parts. The
/// outermost list may skip one number (a heading glued to its paragraph
/// is not heading-like; see [`glued_heading`]).
pub fn stack_numbered(numbered: &[(usize, usize)]) -> Vec<usize> {
    let mut stack: Vec<usize> = Vec::new();
    let mut top = Vec::new();
    for &(b, n) in numbered {
        if stack.is_empty() {
            if n == 1 {
                stack.push(1);
                top.push(b);
            }
            continue;
        }
        if n == 1 {
            stack.push(1);
            continue;
        }
        if let Some(depth) = stack.iter().rposition(|count| count + 1 == n) {
            stack.truncate(depth + 1);
            stack[depth] = n;
            if depth == 0 {
                top.push(b);
            }
        } else if n == stack[0] + 2 {
            stack = vec![n];
            top.push(b);
        }
    }
    top
}

/// The line in `range` that opens with the missing number `n` and a `、`,
/// whatever its length: a heading glued to its first paragraph (1987
/// `三、深入改革经济体制和扩大对外开放国民经济的长期稳定发展，既要…`). The
/// heading is cut at the first `，` or `。`, which is only approximate.
fn glued_heading(
    blocks: &[Block],
    range: std::ops::Range<usize>,
    n: usize,
) -> Option<(usize, Option<String>)> {
    let b = range.into_iter().find(|&b| {
        blocks[b]
            .opening
            .as_ref()
            .is_some_and(|o| o.family == Family::Numbered && o.number == n)
    })?;
    let text = &blocks[b].text;
    let cut = text.find(['，', '。']).unwrap_or(text.len());
    Some((b, Some(text[..cut].to_string())))
}

/// Words of a review part's title.
const REVIEW_WORDS: &[&str] = &["回顾", "总结", "执行情况", "首先报告", "年来", "过去"];
/// Words that add the line ahead to a review.
const REVIEW_AND_PLAN_WORDS: &[&str] = &["总体要求", "基本方针", "任务"];
/// Words of a first part that reports results.
const RESULT_WORDS: &[&str] = &["成就", "成绩", "形势", "取得", "进展", "成效"];
/// Words of a foreign-affairs part.
const FOREIGN_WORDS: &[&str] = &["外交", "对外政策", "国际形势", "世界和平"];
/// Work-programme phrases that follow a year (`2019年政府工作任务`).
const YEARLY_TASK_WORDS: &[&str] = &[
    "工作安排",
    "重点工作",
    "主要任务",
    "重点任务",
    "工作任务",
    "主要工作",
    "目标任务",
];
/// Work-programme phrases without a year (`对今年政府工作的建议`).
const TASK_WORDS: &[&str] = &[
    "工作任务",
    "重点工作",
    "主要任务",
    "重点任务",
    "工作的建议",
    "方针和任务",
];
/// Words of a plan's name: a part with one of them is no year's programme
/// (`“十二五”时期的主要目标和任务`).
const PLAN_MARKERS: &[&str] = &["时期", "五年计划", "规划", "计划", "指标"];
/// Words of a plan part besides plan names.
const PLAN_WORDS: &[&str] = &["总体部署", "总体要求", "政策取向", "前景"];

/// What a part does, from keywords of its title (digits normalised), tried
/// in order; `position` is the part's index (0 = the first part).
pub fn part_kind(title: &str, position: usize) -> PartKind {
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if title == "结束语" {
        return PartKind::Closing;
    }
    if has(REVIEW_WORDS) || position == 0 && has(RESULT_WORDS) {
        return if has(REVIEW_AND_PLAN_WORDS) {
            PartKind::ReviewAndPlan
        } else {
            PartKind::Review
        };
    }
    if has(FOREIGN_WORDS) {
        return PartKind::Foreign;
    }
    let plan = has(PLAN_MARKERS) || names_five_year_plan(title);
    if is_yearly_task(title) || title.contains("措施") || has(TASK_WORDS) && !plan {
        return PartKind::Task;
    }
    if title.ends_with("年的工作") && !plan {
        return PartKind::Task;
    }
    if plan || has(PLAN_WORDS) {
        return PartKind::Plan;
    }
    match position {
        0 if has(&["任务", "方针", "要求"]) => PartKind::ReviewAndPlan,
        0 => PartKind::Review,
        _ => PartKind::Theme,
    }
}

/// `2019年政府工作任务`, `关于1998年政府工作的建议`: a year, then a
/// work-programme phrase (or `关于` a year's `工作`).
fn is_yearly_task(title: &str) -> bool {
    let Some((_, end)) = first_year(title) else {
        return false;
    };
    let (before, after) = (&title[..end - YEAR_BYTES], &title[end..]);
    let about = before.ends_with("关于") && after.contains("工作");
    about || YEARLY_TASK_WORDS.iter().any(|w| after.contains(w))
}

/// Bytes of `YYYY年`.
const YEAR_BYTES: usize = 4 + '年'.len_utf8();

/// The first four-digit year written `YYYY年` in `text` (digits already
/// ASCII), and the byte index just past its `年`.
pub fn first_year(text: &str) -> Option<(u16, usize)> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = bytes.get(i..i + 4)?;
        let before_is_digit = i > 0 && bytes[i - 1].is_ascii_digit();
        let year = digits.iter().all(u8::is_ascii_digit) && !before_is_digit;
        let rest = text.get(i + 4..)?;
        (year && rest.starts_with('年'))
            .then(|| std::str::from_utf8(digits).ok()?.parse().ok())
            .flatten()
            .map(|y| (y, i + 4 + '年'.len_utf8()))
    })
}

/// Years a title names: every run of exactly four ASCII digits from 1900
/// to 2100 (`1980、1981年` names 1980 and 1981).
pub fn years(text: &str) -> Vec<u16> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        let year = (run.len() == 4).then(|| run.parse::<u16>().ok()).flatten();
        out.extend(year.filter(|y| (1900..=2100).contains(y)));
        run.clear();
    }
    out
}

/// `“十二五”`, `“七五”`: a five-year plan's name.
fn names_five_year_plan(title: &str) -> bool {
    title.split('“').skip(1).any(|quoted| {
        quoted.split_once('”').is_some_and(|(name, _)| {
            name.ends_with('五')
                && name.chars().count() >= 2
                && name.chars().all(|c| "一二三四五六七八九十".contains(c))
        })
    })
}

/// Full-width digits as ASCII, and spaces between digits (and before `年`)
/// removed: `１９９２年` and `1 9 9 8 年` read `1992年`, `1998年`.
pub fn normalize_digits(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| super::super::dates::to_ascii_digit(c).unwrap_or(c))
        .collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        let between_digits = c == ' '
            && k > 0
            && chars[k - 1].is_ascii_digit()
            && chars
                .get(k + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '年');
        if !between_digits {
            out.push(c);
        }
    }
    out
}

/// Subsection heading blocks inside `range` (a part's body), when the part
/// is of `top` style: the family of the earliest heading-shaped number-one
/// line (`（一）` under numbered parts; `一、` or `（一）` under bracketed or
/// plain ones), then that family's heading-shaped lines, each number
/// exactly the next one.
pub fn subsections(
    blocks: &[Block],
    range: std::ops::Range<usize>,
    top: Option<Family>,
) -> Vec<usize> {
    let shaped = |b: &usize| {
        let block = &blocks[*b];
        block.opening.as_ref().is_some_and(|o| {
            matches!(o.family, Family::Bracketed | Family::Numbered) && Some(o.family) != top
        }) && block.is_heading_or_heading_sentence()
    };
    let family = range
        .clone()
        .filter(shaped)
        .find_map(|b| blocks[b].opening.as_ref().filter(|o| o.number == 1))
        .map(|o| o.family);
    let Some(family) = family else {
        return Vec::new();
    };
    in_sequence(blocks, range.filter(shaped), family)
}

/// The numbered items of a part (`range` is its body): the family of the
/// earliest line opening with a number-one marker (`（一）`, `第一，`,
/// `一、`, `一是`), then that family's lines whose number is exactly the
/// next one; nested restarts and markers inside a line are passed over.
pub fn items(blocks: &[Block], range: std::ops::Range<usize>) -> Vec<usize> {
    let family = range
        .clone()
        .find_map(|b| blocks[b].opening.as_ref().filter(|o| o.number == 1))
        .map(|o| o.family);
    match family {
        Some(family) => in_sequence(blocks, range, family),
        None => Vec::new(),
    }
}

/// The blocks among `candidates` of `family` numbered 1, 2, 3, … in turn.
fn in_sequence(
    blocks: &[Block],
    candidates: impl Iterator<Item = usize>,
    family: Family,
) -> Vec<usize> {
    let mut expected = 1;
    let mut out = Vec::new();
    for b in candidates {
        let fits = blocks[b]
            .opening
            .as_ref()
            .is_some_and(|o| o.family == family && o.number == expected);
        if fits {
            out.push(b);
            expected += 1;
        }
    }
    out
}

/// The family of the top level's numbers (`None` for plain headings), for
/// [`subsections`].
pub fn top_family(blocks: &[Block], parts: &[Part]) -> Option<Family> {
    let first = parts
        .iter()
        .find(|p| !matches!(p.kind, PartKind::Closing | PartKind::Appendix))?;
    blocks[first.block].opening.as_ref().map(|o| o.family)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline::{OffsetMap, SourcePos};

    /// An offset map that puts everything at `line`.
    fn at_line(line: usize) -> OffsetMap {
        let mut map = OffsetMap::default();
        map.push(0, SourcePos { line, column: 0 });
        map
    }

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| {
                Block::of(&Unit {
                    text: t.to_string(),
                    offsets: at_line(k + 1),
                    line_count: 1,
                    display: t.to_string(),
                    after_blank: false,
                    indented: false,
                })
            })
            .collect()
    }

    fn headings(texts: &[&str]) -> Vec<(String, PartKind)> {
        top_level(&blocks(texts), "各位代表")
            .into_iter()
            .map(|p| (p.heading, p.kind))
            .collect()
    }

    #[test]
    fn openings_of_each_family() {
        let o = opening("（十）加快发展社会事业").unwrap();
        assert_eq!(
            (o.family, o.number, o.marker.as_str(), o.len),
            (Family::Bracketed, 10, "（十）", 3)
        );
        let o = opening("第一，推动高质量发展。").unwrap();
        assert_eq!(
            (o.family, o.marker.as_str(), o.len),
            (Family::Ordinal, "第一", 3)
        );
        assert_eq!(opening("十二、外交").map(|o| o.number), Some(12));
        assert_eq!(opening("一是全面实施").map(|o| o.family), Some(Family::Shi));
        assert_eq!(opening("第一次会议"), None);
        assert_eq!(opening("一些地方"), None);
    }

    #[test]
    fn nested_numbered_lists_are_not_parts() {
        let got = headings(&[
            "一、过去五年的回顾",
            "正文。",
            "二、今后五年的主要任务",
            "一、发展农业",
            "二、发展工业",
            "三、发展交通",
            "三、外交工作",
        ]);
        assert_eq!(
            got,
            vec![
                ("一、过去五年的回顾".to_string(), PartKind::Review),
                ("二、今后五年的主要任务".to_string(), PartKind::Task),
                ("三、外交工作".to_string(), PartKind::Foreign),
            ]
        );
    }

    #[test]
    fn a_skipped_part_is_a_heading_glued_to_its_paragraph() {
        let glued = "三、深入改革经济体制国民经济的长期稳定发展，既要保持总需求和总供给的基本平衡，又要不断改善经济结构，还要提高经济效益，这三者缺一不可。";
        let b = blocks(&[
            "一、当前的形势",
            "正文。",
            "二、今年的任务",
            "正文。",
            glued,
            "四、外交",
        ]);
        let parts = top_level(&b, "各位代表");
        assert_eq!(parts.len(), 4);
        assert_eq!(
            parts[2].heading,
            "三、深入改革经济体制国民经济的长期稳定发展"
        );
        assert!(parts[2].glued);
    }

    #[test]
    fn plain_top_level_and_a_single_plain_heading_before_numbered_parts() {
        let got = headings(&[
            "过去五年的回顾",
            "正文。",
            "今后五年的主要任务",
            "一、农业",
            "正文。",
        ]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, PartKind::Task);
        let got = headings(&[
            "首先报告２００１年的工作",
            "正文。",
            "一、扩大内需",
            "正文。",
            "二、深化改革",
            "结束语",
            "正文。",
        ]);
        let names: Vec<&str> = got.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            names,
            [
                "首先报告2001年的工作",
                "一、扩大内需",
                "二、深化改革",
                "结束语"
            ]
        );
        assert_eq!(got[0].1, PartKind::Review);
        assert_eq!(got[3].1, PartKind::Closing);
    }

    #[test]
    fn bracketed_top_level_accepts_numbers_in_sequence() {
        let got = headings(&[
            "（一）当前的经济形势",
            "正文。",
            "（二）今后经济建设的方针",
            "（一）误入",
            "（三）前景",
        ]);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn part_kinds_from_title_keywords() {
        assert_eq!(part_kind("2018年工作回顾", 0), PartKind::Review);
        assert_eq!(
            part_kind("1998年工作回顾和1999年工作的总体要求", 0),
            PartKind::ReviewAndPlan
        );
        assert_eq!(
            part_kind("2019年经济社会发展总体要求和政策取向", 1),
            PartKind::Plan
        );
        assert_eq!(part_kind("2019年政府工作任务", 2), PartKind::Task);
        assert_eq!(part_kind("对今年政府工作的建议", 1), PartKind::Task);
        assert_eq!(part_kind("关于1998年政府工作的建议", 1), PartKind::Task);
        assert_eq!(part_kind("2011年的工作", 2), PartKind::Task);
        assert_eq!(part_kind("“十二五”时期的主要目标和任务", 1), PartKind::Plan);
        assert_eq!(part_kind("2025年工作安排", 1), PartKind::Task);
        assert_eq!(part_kind("关于2025年工作", 1), PartKind::Task);
        assert_eq!(part_kind("把改革开放扎实推向纵深", 2), PartKind::Theme);
        assert_eq!(part_kind("伟大的历史性转变", 0), PartKind::Review);
        assert_eq!(part_kind("关于外交工作", 3), PartKind::Foreign);
    }

    #[test]
    fn an_appendix_ends_the_report() {
        let got = headings(&[
            "一、回顾",
            "正文。",
            "二、2025年工作安排",
            "（一）做好工作",
            "正文。",
            "名词解释",
            "1.新质生产力：…",
        ]);
        assert_eq!(got.last().map(|p| p.1), Some(PartKind::Appendix));
        let got = headings(&[
            "过去一年的回顾",
            "正文。",
            "今年的重点工作",
            "正文。",
            "附件",
            "2026年民生实事",
            "正文。",
        ]);
        let names: Vec<&str> = got.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(names, ["过去一年的回顾", "今年的重点工作", "附件"]);
    }

    #[test]
    fn digits_are_normalised_in_titles() {
        assert_eq!(
            normalize_digits("关于1 9 9 8 年政府工作的建议"),
            "关于1998年政府工作的建议"
        );
        assert_eq!(
            normalize_digits("１９９２年国内工作的回顾"),
            "1992年国内工作的回顾"
        );
        assert_eq!(first_year("对2018年政府工作的建议"), Some((2018, 10)));
        assert_eq!(first_year("第12345年"), None);
        assert_eq!(years("保证1980、1981年计划的完成"), vec![1980, 1981]);
        assert_eq!(years("增长12345元"), Vec::<u16>::new());
    }

    #[test]
    fn items_follow_the_earliest_number_one_family_and_skip_restarts() {
        let b = blocks(&[
            "三、2012年主要任务",
            "（一）促进经济平稳较快发展",
            "一是扩大内需。",
            "二是稳定外需。",
            "（二）保持物价稳定",
            "一是增加供给。",
            "（三）加快转变发展方式",
            "（五）跳过的编号",
        ]);
        let got = items(&b, 1..b.len());
        assert_eq!(got, vec![1, 4, 6]);
        assert_eq!(
            subsections(&b, 1..b.len(), Some(Family::Numbered)),
            vec![1, 4, 6]
        );
    }

    #[test]
    fn lead_paragraph_items_are_no_subsections() {
        let b = blocks(&[
            "（一）用改革的办法深入推进“三去一降一补”。要在推进供给侧结构性改革上下功夫。",
            "（二）继续保持经济平稳较快发展。",
        ]);
        assert!(!b[0].is_heading_or_heading_sentence());
        assert!(b[1].is_heading_or_heading_sentence());
    }
}
