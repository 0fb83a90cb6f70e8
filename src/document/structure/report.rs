//! Reports delivered to a congress: a government work report (`各位代表：
//! …我代表国务院，向大会报告政府工作`) or a Party congress report (`同志们：
//! …我代表第十九届中央委员会向大会作报告`). The lines of one article in, an
//! [`Article`] out: title, speaker and delivery date from the front
//! matter, the top-level parts as sections with their `（一）…` headings
//! as subsections, paragraphs, and the work programme's items as
//! recommendations.
//!
//! The steps, in order:
//! 1. [`front_matter`]: everything before the salutation (`各位代表：`):
//!    the title line (`政府工作报告`), the delivery line (`——2022年3月5日在
//!    第十三届全国人民代表大会第五次会议上`) and the speaker line
//!    (`国务院总理李克强`); page furniture (`下载`, `来源：…`) is dropped;
//! 2. [`parts`]: the body's units as blocks, the top-level parts and their
//!    kinds (review, plan, task, theme, foreign, closing, appendix), and
//!    the subsections of each part;
//! 3. [`fill`]: sections (subsections point to their part) and paragraphs;
//! 4. [`recommendations`]: the items of the task part; see there for
//!    reports without one;
//! 5. [`title`]: `政府工作报告` with the year (`2019年政府工作报告`), from
//!    the delivery date or the parts' headings; the speaker is the creator.

pub mod parts;

use crate::document::outline::{
    Article, DateCue, Kind, Paragraph, Recommendation, Section, TextDate,
};
use crate::document::repair::Line;

use super::kind::{is_invisible_or_space, is_salutation, COMRADES, DEPUTIES};
use super::layout::{self, Geometry, Unit};
use super::{dates, enumeration};
use parts::{clean, Block, Part, PartKind};

/// The title a work report is known by.
pub const WORK_REPORT_TITLE: &str = "政府工作报告";

/// Builds the article of a report of `kind` (a work report or a congress
/// report) from its lines.
pub fn article(lines: &[Line], kind: Kind, geometry: &Geometry) -> Article {
    let word = salutation(kind);
    let body_start = lines
        .iter()
        .position(|l| !l.is_blank() && is_salutation(&l.text, word))
        .unwrap_or(0);
    let front = front_matter(&lines[..body_start], kind);
    let units = layout::units(&lines[body_start..], geometry);
    let blocks: Vec<Block> = units.iter().map(Block::of).collect();
    let parts = parts::top_level(&blocks, word);
    let roles = roles(&blocks, &parts);
    let mut article = Article {
        source_line: lines.iter().find(|l| !l.is_blank()).map_or(1, |l| l.number),
        kind: Some(kind),
        ..Article::default()
    };
    let paragraph_of = fill(&mut article, units, &blocks, &roles);
    let body = Body {
        blocks: &blocks,
        parts: &parts,
        paragraph_of: &paragraph_of,
        salutation: word,
    };
    // Without parts nothing tells a review from a programme, so the
    // report is read like any text: its prescriptive numbered lists.
    article.recommendations = if parts.is_empty() {
        enumeration::recommendations(&article)
    } else {
        recommendations(&body, &article)
    };
    article.title = title(kind, &front, &body);
    article.subtitles = front.subtitles;
    article.creator = front.speaker;
    article.date = front.date;
    article
}

/// The word a report of `kind` salutes its audience with.
fn salutation(kind: Kind) -> &'static str {
    match kind {
        Kind::CongressReport => COMRADES,
        _ => DEPUTIES,
    }
}

/// What the lines before the salutation say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Title lines (`政府工作报告`; a congress report's two-line title).
    pub title_lines: Vec<String>,
    /// Lines opened by a dash (`——2022年3月5日在…会议上`, `——在中国共产党第
    /// 二十次全国代表大会上的报告`).
    pub subtitles: Vec<String>,
    /// The speaker's name (`李克强`), without office or spaces.
    pub speaker: Option<String>,
    /// When the report was delivered.
    pub date: Option<TextDate>,
}

/// Reads the front matter: a delivery line, a speaker line, dash-led
/// subtitles and title lines; anything else is page furniture (`下载`,
/// `【字号：`, `来源：…`, photo captions) and is dropped.
pub fn front_matter(lines: &[Line], kind: Kind) -> FrontMatter {
    let mut front = FrontMatter::default();
    let filled: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let mut k = 0;
    while k < filled.len() {
        let line = filled[k];
        let mut text = clean(&line.text);
        let mut delivery = delivery_line(&text, line.number);
        if let Some(next) = filled.get(k + 1).filter(|_| delivery.is_none()) {
            let joined = format!("{text}{}", clean(&next.text));
            delivery = delivery_line(&joined, line.number);
            if delivery.is_some() {
                text = joined;
                k += 1;
            }
        }
        k += 1;
        if let Some(date) = delivery.filter(|_| front.date.is_none()) {
            if is_dash_led(&text) {
                front.subtitles.push(text);
            }
            front.date = Some(date);
        } else if let Some(name) = speaker_name(line).filter(|_| front.speaker.is_none()) {
            front.speaker = Some(name);
        } else if front.date.is_some() && front.speaker.is_none() && is_bare_name(&text) {
            front.speaker = Some(text);
        } else if is_dash_led(&text) {
            front.subtitles.push(text);
        } else if is_title_line(&text, kind, &front) {
            front.title_lines.push(text);
        }
    }
    front
}

/// The delivery date a front-matter line prints, if any.
fn delivery_line(text: &str, source_line: usize) -> Option<TextDate> {
    dates::from_line(text, source_line).filter(|d| d.cue == DateCue::Delivery)
}

/// `——…`, `----…`: a subtitle or delivery line.
fn is_dash_led(text: &str) -> bool {
    text.starts_with("——") || text.starts_with("--")
}

/// Longest title line, in characters (`关于2019年国民经济和社会发展计划
/// 执行情况与2020年国民经济和社会发展计划草案的报告` has 45).
const MAX_TITLE_CHARS: usize = 60;

/// Shortest title line, in characters: shorter lines in front of a work
/// report are page furniture (`下载`, `打印`, `加大`).
const MIN_TITLE_CHARS: usize = 5;

/// A title line: a short line without end punctuation or a label
/// (`来源：…`, `【字号：`). In front of a work report, one that names a
/// report (`2026年北京市政府工作报告`) or is not too short to be page
/// furniture; in front of a congress report, one above its subtitle,
/// date and speaker (`高举中国特色社会主义伟大旗帜`).
fn is_title_line(text: &str, kind: Kind, front: &FrontMatter) -> bool {
    let len = text.chars().count();
    let short = len <= MAX_TITLE_CHARS
        && !text.ends_with(['。', '！', '？', '；', '：', '…'])
        && !text.contains(['。', '！', '？', '：', ':', '【', '】']);
    match kind {
        Kind::WorkReport => short && (text.contains("报告") || len >= MIN_TITLE_CHARS),
        _ => short && front.subtitles.is_empty() && front.date.is_none() && front.speaker.is_none(),
    }
}

/// Offices a speaker line names before the name (`国务院总理李克强`,
/// `北京市市长 殷勇`, `甘肃省省长 任振鹤`).
const OFFICES: &[&str] = &["总理", "省长", "市长", "主席", "区长", "州长", "书记"];

/// Longest speaker line, in characters (spaces not counted).
const MAX_SPEAKER_LINE_CHARS: usize = 24;

/// The speaker a line names: the name after an office (`国务院总理李　强`
/// gives `李强`), or a name alone printed letter-spaced (`习　近　平`).
pub fn speaker_name(line: &Line) -> Option<String> {
    let squeezed: String = line
        .printed
        .chars()
        .filter(|c| !is_invisible_or_space(*c))
        .collect();
    if squeezed.chars().count() > MAX_SPEAKER_LINE_CHARS {
        return None;
    }
    let after_office = OFFICES
        .iter()
        .filter_map(|o| squeezed.rfind(o).map(|at| at + o.len()))
        .max();
    let name = match after_office {
        Some(at) => &squeezed[at..],
        None if is_spaced(&line.printed) => squeezed.as_str(),
        None => return None,
    };
    is_name(name).then(|| name.to_string())
}

/// Whether Han characters in `text` are set apart by spaces (`习　近　平`).
fn is_spaced(text: &str) -> bool {
    let chars: Vec<char> = text.trim().chars().collect();
    chars.windows(3).any(|w| {
        crate::document::repair::is_han(w[0])
            && crate::document::repair::is_space(w[1])
            && crate::document::repair::is_han(w[2])
    })
}

/// A name alone on its line under the delivery line (1957: `周恩来`):
/// two to four Han characters.
fn is_bare_name(text: &str) -> bool {
    (2..=4).contains(&text.chars().count()) && text.chars().all(crate::document::repair::is_han)
}

/// Two to eight Han characters, or a name with a middle dot
/// (`艾尔肯·吐尼亚孜`).
fn is_name(text: &str) -> bool {
    let len = text.chars().count();
    (2..=8).contains(&len)
        && text
            .chars()
            .all(|c| crate::document::repair::is_han(c) || c == '·')
}

/// What each block of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The heading of top-level part `i`.
    Part(usize),
    /// A subsection heading inside the current part.
    Subsection,
    /// Body text.
    Text,
}

/// The role of every block: part headings, the subsection headings of
/// each part, and text.
fn roles(blocks: &[Block], parts: &[Part]) -> Vec<Role> {
    let mut roles = vec![Role::Text; blocks.len()];
    let top = parts::top_family(blocks, parts);
    for (i, part) in parts.iter().enumerate() {
        roles[part.block] = Role::Part(i);
        if matches!(part.kind, PartKind::Appendix) {
            continue;
        }
        for b in parts::subsections(blocks, part_body(blocks, parts, i), top) {
            roles[b] = Role::Subsection;
        }
    }
    roles
}

/// The blocks of part `i` after its heading, up to the next part.
fn part_body(blocks: &[Block], parts: &[Part], i: usize) -> std::ops::Range<usize> {
    let end = parts.get(i + 1).map_or(blocks.len(), |p| p.block);
    parts[i].block + 1..end
}

/// Fills the article's sections and paragraphs from the units; returns,
/// for each block, the index of the paragraph it became.
fn fill(
    article: &mut Article,
    units: Vec<Unit>,
    blocks: &[Block],
    roles: &[Role],
) -> Vec<Option<usize>> {
    let mut paragraph_of = vec![None; blocks.len()];
    let (mut part, mut current) = (None, None);
    for (b, unit) in units.into_iter().enumerate() {
        let heading = |title: String| Section {
            title,
            source_line: blocks[b].line,
            parent: None,
        };
        match roles[b] {
            Role::Part(_) => {
                article.sections.push(heading(section_title(blocks, b)));
                part = Some(article.sections.len() - 1);
                current = part;
            }
            Role::Subsection => {
                let mut section = heading(parts::normalize_digits(&blocks[b].text));
                section.parent = part;
                article.sections.push(section);
                current = Some(article.sections.len() - 1);
            }
            Role::Text => {}
        }
        if roles[b] == Role::Text || is_glued(blocks, b, roles) {
            paragraph_of[b] = Some(article.paragraphs.len());
            article.paragraphs.push(Paragraph {
                section: current,
                text: unit.text,
                sentences: Vec::new(),
                offsets: unit.offsets,
                mentions: Vec::new(),
                speaker: None,
            });
        }
    }
    paragraph_of
}

/// A part heading's title: the heading line, or where the heading is
/// glued to its paragraph, the line up to its first `，` or `。`.
fn section_title(blocks: &[Block], b: usize) -> String {
    let text = &blocks[b].text;
    if blocks[b].heading_like {
        return parts::normalize_digits(text);
    }
    let cut = text.find(['，', '。']).unwrap_or(text.len());
    parts::normalize_digits(&text[..cut])
}

/// Whether the part heading at `b` is glued to its paragraph, so that the
/// block is text as well.
fn is_glued(blocks: &[Block], b: usize, roles: &[Role]) -> bool {
    matches!(roles[b], Role::Part(_)) && !blocks[b].heading_like
}

/// The report's body as the recommendation rules read it.
struct Body<'a> {
    blocks: &'a [Block],
    parts: &'a [Part],
    /// For each block, the paragraph it became.
    paragraph_of: &'a [Option<usize>],
    /// The salutation word; a salutation line ends the last item.
    salutation: &'a str,
}

/// The report's recommendations. A report with a task part (`2019年政府
/// 工作任务`, `对今年政府工作的建议`) recommends exactly that part's items
/// ([`parts::items`]), one list. Without one, the programme is spread over
/// topic parts (1999: `二、继续扩大内需…` … `九、…`; a congress report's
/// `四、加快构建新发展格局…` …), and a reader takes each topic or plan
/// part's items, one list per part of two or more items, unless the
/// sentence before them announces causes or features (1997 `主要原因，
/// 一是…`). Reviews, foreign affairs, the closing and appendices never
/// recommend; nor do the numbered lists inside paragraphs (`一是…二是…`),
/// which in a review are achievements.
fn recommendations(body: &Body, article: &Article) -> Vec<Recommendation> {
    let task = body.parts.iter().rposition(|p| p.kind == PartKind::Task);
    let programme: Vec<usize> = match task {
        Some(i) => vec![i],
        None => (0..body.parts.len())
            .filter(|&i| matches!(body.parts[i].kind, PartKind::Theme | PartKind::Plan))
            .collect(),
    };
    let mut out = Vec::new();
    for i in programme {
        let list = out.last().map_or(0, |r: &Recommendation| r.list + 1);
        let range = part_body(body.blocks, body.parts, i);
        let starts = parts::items(body.blocks, range.clone());
        let items = part_items(body, article, &starts, range.end, list);
        let announced = starts.first().and_then(|&b| intro_clause(body, b));
        let descriptive = announced.is_some_and(announces_facts);
        if task.is_some() || items.len() >= 2 && !descriptive {
            out.extend(items);
        }
    }
    out
}

/// The items that start at blocks `starts` of a part ending at block
/// `end`, as recommendations of list `list`: each from its marker line to
/// the next item, the last to [`last_item_end`].
fn part_items(
    body: &Body,
    article: &Article,
    starts: &[usize],
    end: usize,
    list: usize,
) -> Vec<Recommendation> {
    let stops = starts
        .iter()
        .skip(1)
        .map(|&b| Some(b))
        .chain(std::iter::once(None));
    starts
        .iter()
        .zip(stops)
        .filter_map(|(&start, stop)| {
            let opening = body.blocks[start].opening.as_ref()?;
            let stop = stop.unwrap_or_else(|| last_item_end(body, start, end));
            Some(item(body, article, opening, start..stop, list))
        })
        .collect()
}

/// The last clause of the text block just before block `b` (`主要原因，`,
/// `是因为：`), if that block is text.
fn intro_clause<'a>(body: &Body<'a>, b: usize) -> Option<&'a str> {
    let before = b.checked_sub(1)?;
    body.paragraph_of[before]?;
    let text = body.blocks[before]
        .text
        .trim_end_matches(['：', ':', '，', ',']);
    let start = text
        .rfind(['。', '；', '！', '？', '，', '：'])
        .map_or(0, |at| at + '。'.len_utf8());
    Some(&text[start..])
}

/// Words with which a list announces causes, features or results rather
/// than tasks.
const FACT_CUES: &[&str] = &[
    "原因",
    "因为",
    "特点",
    "特征",
    "表现在",
    "表现为",
    "成就",
    "成绩",
    "成效",
    "标志",
    "意义",
];

/// Whether an introducing clause announces facts (`主要原因`).
fn announces_facts(clause: &str) -> bool {
    FACT_CUES.iter().any(|cue| clause.contains(cue))
}

/// Where the last item of a part ends: before the next salutation line
/// (`各位代表！`, which opens the defence, Hong Kong and foreign-affairs
/// paragraphs), or at the end of the part.
fn last_item_end(body: &Body, start: usize, end: usize) -> usize {
    (start + 1..end)
        .find(|&b| is_salutation(&body.blocks[b].text, body.salutation))
        .unwrap_or(end)
}

/// Longest lead clause, in characters.
const MAX_LEAD_CHARS: usize = 60;

/// One item: the blocks in `extent`, the first opening with its marker.
fn item(
    body: &Body,
    article: &Article,
    opening: &parts::Opening,
    extent: std::ops::Range<usize>,
    list: usize,
) -> Recommendation {
    let head = &body.blocks[extent.start];
    let after: String = head.text.chars().skip(opening.len).collect();
    let paragraphs: Vec<usize> = extent
        .clone()
        .filter_map(|b| body.paragraph_of[b])
        .collect();
    let mut texts: Vec<&str> = Vec::new();
    if body.paragraph_of[extent.start].is_none() {
        texts.push(&head.text);
    }
    texts.extend(
        paragraphs
            .iter()
            .map(|&p| article.paragraphs[p].text.as_str()),
    );
    let first_len = paragraphs
        .first()
        .map_or(0, |&p| article.paragraphs[p].text.chars().count());
    Recommendation {
        marker: opening.marker.clone(),
        ordinal: opening.number,
        list,
        label: lead_clause(&after),
        text: texts.join("\n"),
        paragraphs,
        span: 0..first_len,
        intro: None,
    }
}

/// The lead clause of an item: the text after its marker up to the first
/// `。`, `；` or `：`, at most 60 characters.
pub fn lead_clause(after_marker: &str) -> String {
    let text =
        after_marker.trim_start_matches(|c: char| is_invisible_or_space(c) || "，、,".contains(c));
    let end = text.find(['。', '；', '：']).unwrap_or(text.len());
    text[..end]
        .trim_end()
        .chars()
        .take(MAX_LEAD_CHARS)
        .collect()
}

/// The report's title. A work report is known by its printed title line
/// (the one naming a report, else the first), and where none is printed,
/// as `政府工作报告`; either way with its year (`2019年政府工作报告`). A
/// congress report's title lines are joined; otherwise none.
fn title(kind: Kind, front: &FrontMatter, body: &Body) -> Option<String> {
    match kind {
        Kind::WorkReport => {
            let naming = front.title_lines.iter().find(|t| t.contains("报告"));
            let printed = naming.or(front.title_lines.first());
            let printed = printed.map(|t| parts::normalize_digits(t));
            let base = printed.unwrap_or_else(|| WORK_REPORT_TITLE.to_string());
            Some(with_year(&base, report_year(front, body)))
        }
        _ if !front.title_lines.is_empty() => Some(front.title_lines.join(" ")),
        Kind::CongressReport => congress_title(body.blocks),
        _ => None,
    }
}

/// Blocks at the start of a congress report searched for the congress it
/// is delivered to.
const CONGRESS_NAMING_BLOCKS: usize = 4;

/// The title of a congress report printed without front matter (the 9th
/// to 18th congresses in the corpus), in the form later reports print as
/// their subtitle (`在中国共产党第十九次全国代表大会上的报告`). The congress
/// is the one after the Central Committee the speaker reports for
/// (`我受十二届中央委员会委托` is the 13th), else the first one the opening
/// blocks name (`中国共产党第九次全国代表大会，将是…`).
fn congress_title(blocks: &[Block]) -> Option<String> {
    let opening = || blocks.iter().take(CONGRESS_NAMING_BLOCKS);
    let after_committee = opening()
        .find_map(|b| ordinal_before(&b.text, "届中央委员会"))
        .map(|n| n + 1);
    let named = || opening().find_map(|b| ordinal_before(&b.text, "次全国代表大会"));
    let n = after_committee.or_else(named)?;
    Some(format!(
        "在中国共产党第{}次全国代表大会上的报告",
        chinese_numeral(n)?
    ))
}

/// The number written in Chinese numerals right before the first `word`
/// of `text` (`十二` in `第十二次全国代表大会`, `十三届中央委员会`).
fn ordinal_before(text: &str, word: &str) -> Option<usize> {
    let before = &text[..text.find(word)?];
    let digits: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    let digits: Vec<char> = digits.into_iter().rev().collect();
    enumeration::chinese_number(&digits)
}

/// `n` (1 to 99) in Chinese numerals, as ordinals of congresses print it
/// (`十二`, `二十`).
fn chinese_numeral(n: usize) -> Option<String> {
    const DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: usize| DIGITS[d - 1];
    let (tens, ones) = (n / 10, n % 10);
    let mut out = String::new();
    match tens {
        0 => {}
        1 => out.push('十'),
        2..=9 => {
            out.push(digit(tens));
            out.push('十');
        }
        _ => return None,
    }
    if ones > 0 {
        out.push(digit(ones));
    }
    (!out.is_empty()).then_some(out)
}

/// `title` with `year` before it, unless it already names a year.
pub fn with_year(title: &str, year: Option<u16>) -> String {
    match year {
        Some(year) if parts::first_year(title).is_none() => format!("{year}年{title}"),
        _ => title.to_string(),
    }
}

/// The year a work report is for, from the first of: its delivery date;
/// the earliest year its task part names (`三、2019年政府工作任务`; 1980's
/// `保证1980、1981年计划的完成` is the 1980 report); the year after the
/// one its review names (`一、2018年工作回顾`); the latest year a review
/// with the year's line names (`1998年工作回顾和1999年工作的总体要求`);
/// the earliest year a plan part names.
fn report_year(front: &FrontMatter, body: &Body) -> Option<u16> {
    if let Some(date) = &front.date {
        return Some(date.date.year());
    }
    let named = |kind: PartKind| {
        let part = body.parts.iter().find(|p| p.kind == kind)?;
        let years = parts::years(&part.heading);
        Some((*years.iter().min()?, *years.iter().max()?))
    };
    let single_review = || {
        named(PartKind::Review)
            .filter(|(a, b)| a == b)
            .map(|(y, _)| y + 1)
    };
    named(PartKind::Task)
        .map(|(earliest, _)| earliest)
        .or_else(single_review)
        .or_else(|| named(PartKind::ReviewAndPlan).map(|(_, latest)| latest))
        .or_else(|| named(PartKind::Plan).map(|(earliest, _)| earliest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;

    /// One unit per line, as the reports print: these fixtures are too
    /// short for the layout stage to measure.
    const FLOWING: Geometry = Geometry {
        full_width: 0.0,
        hard_wrapped: false,
        blank_paragraphs: false,
    };

    fn report(raw: &str) -> Article {
        article(&repair(raw), Kind::WorkReport, &FLOWING)
    }

    const REPORT: &str = "政府工作报告\n——2022年3月5日在第十三届全国人民代表大会第五次会议上\n国务院总理李克强\n各位代表：\u{200d}\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2021年工作回顾\n过去一年成绩显著。一是经济持续恢复发展。二是就业物价总体平稳。\n（一）宏观调控\n做好了工作。\n各位代表！\n成绩来之不易。\n二、2022年经济社会发展总体要求和政策取向\n今年要稳字当头。\n三、2022年政府工作任务\n做好今年工作，要抓好以下工作。\n（一）着力稳定宏观经济大盘，保持经济运行在合理区间。\n要提升积极的财政政策效能。\n要加大稳健的货币政策实施力度。\n（二）着力稳市场主体保就业，加大宏观政策实施力度。要减税降费。\n各位代表！\n国防和军队建设要再上新台阶。\n";

    #[test]
    fn front_matter_gives_title_speaker_and_delivery_date() {
        let a = report(REPORT);
        assert_eq!(a.title.as_deref(), Some("2022年政府工作报告"));
        assert_eq!(a.creator.as_deref(), Some("李克强"));
        let date = a.date.unwrap();
        assert_eq!(date.date, crate::document::metadata::Date::Day(2022, 3, 5));
        assert_eq!(date.cue, DateCue::Delivery);
        assert_eq!(date.source_line, 2);
        assert_eq!(
            a.subtitles,
            vec!["——2022年3月5日在第十三届全国人民代表大会第五次会议上"]
        );
        assert_eq!(a.paragraphs[0].text, "各位代表：", "no invisible character");
    }

    #[test]
    fn parts_are_sections_and_bracketed_headings_their_subsections() {
        let a = report(REPORT);
        let sections: Vec<(&str, Option<usize>)> = a
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.parent))
            .collect();
        assert_eq!(
            sections,
            vec![
                ("一、2021年工作回顾", None),
                ("（一）宏观调控", Some(0)),
                ("二、2022年经济社会发展总体要求和政策取向", None),
                ("三、2022年政府工作任务", None),
                (
                    "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。",
                    Some(3)
                ),
            ]
        );
    }

    #[test]
    fn recommendations_are_the_task_parts_items_only() {
        let a = report(REPORT);
        let got: Vec<(&str, usize, &str)> = a
            .recommendations
            .iter()
            .map(|r| (r.marker.as_str(), r.ordinal, r.label.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("（一）", 1, "着力稳定宏观经济大盘，保持经济运行在合理区间"),
                ("（二）", 2, "着力稳市场主体保就业，加大宏观政策实施力度"),
            ]
        );
        let first = &a.recommendations[0];
        assert_eq!(
            first.paragraphs.len(),
            2,
            "the heading item holds the two paragraphs below it"
        );
        assert!(first.text.starts_with("（一）着力稳定"));
        let last = &a.recommendations[1];
        assert_eq!(last.paragraphs.len(), 1, "the last item ends at 各位代表！");
    }

    #[test]
    fn a_report_without_front_matter_takes_its_year_from_the_task_part() {
        let a = report("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2018年工作回顾\n正文。\n二、2019年政府工作任务\n（一）继续创新和完善宏观调控。\n正文。\n");
        assert_eq!(a.title.as_deref(), Some("2019年政府工作报告"));
        assert_eq!(a.creator, None);
        assert_eq!(a.date, None);
    }

    #[test]
    fn the_year_after_the_reviewed_year_when_nothing_else_names_one() {
        let a = report("各位代表：\n一、2004年工作回顾\n正文。\n二、把改革推向纵深\n正文。\n");
        assert_eq!(a.title.as_deref(), Some("2005年政府工作报告"));
        assert_eq!(with_year("政府工作报告", None), "政府工作报告");
        assert_eq!(
            with_year("2026年北京市政府工作报告", Some(2026)),
            "2026年北京市政府工作报告"
        );
    }

    #[test]
    fn without_a_task_part_each_topic_part_lists_its_items() {
        let a = report("各位代表：\n一、过去一年工作回顾\n（一）经济平稳\n正文。\n（二）民生改善\n正文。\n二、把改革扎实推向纵深\n（一）深化行政体制改革\n正文。\n（二）推进财税改革\n正文。\n三、外交\n正文。\n");
        let got: Vec<(usize, &str)> = a
            .recommendations
            .iter()
            .map(|r| (r.list, r.label.as_str()))
            .collect();
        assert_eq!(got, vec![(0, "深化行政体制改革"), (0, "推进财税改革")]);
    }

    #[test]
    fn a_delivery_line_broken_in_two_is_joined_and_captions_are_no_titles() {
        let lines = repair("政府工作报告。 贵州日报记者 李森 摄\n政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利\n");
        let front = front_matter(&lines, Kind::WorkReport);
        assert_eq!(front.title_lines, vec!["政府工作报告"]);
        let lines = repair("下载\n【字号：\n2026年北京市政府工作报告\n来源：北京日报\n");
        assert_eq!(
            front_matter(&lines, Kind::WorkReport).title_lines,
            vec!["2026年北京市政府工作报告"]
        );
        assert_eq!(
            front.subtitles,
            vec!["——2026年1月26日在广东省第十四届人民代表大会第五次会议上"]
        );
        assert_eq!(
            front.date.map(|d| d.date),
            Some(crate::document::metadata::Date::Day(2026, 1, 26))
        );
        assert_eq!(front.speaker.as_deref(), Some("孟凡利"));
        let lines =
            repair("政府工作报告\n1957年6月26日在第一届全国人民代表大会第四次会議上\n周恩来\n");
        assert_eq!(
            front_matter(&lines, Kind::WorkReport).speaker.as_deref(),
            Some("周恩来")
        );
    }

    #[test]
    fn speaker_lines_name_the_speaker_without_office_or_spaces() {
        let name = |raw: &str| speaker_name(&repair(raw)[0]);
        assert_eq!(name("国务院总理李\u{3000}强").as_deref(), Some("李强"));
        assert_eq!(name("北京市市长 殷勇").as_deref(), Some("殷勇"));
        assert_eq!(name("习　近　平").as_deref(), Some("习近平"));
        assert_eq!(name("来源：北京日报"), None);
        assert_eq!(name("政府工作报告"), None);
    }

    #[test]
    fn a_congress_reports_title_lines_are_joined_and_its_speaker_is_the_creator() {
        let raw = "高举中国特色社会主义伟大旗帜\n为全面建设社会主义现代化国家而团结奋斗\n——在中国共产党第二十次全国代表大会上的报告\n（2022年10月16日）\n习　近　平\n同志们：\n现在，我代表第十九届中央委员会向大会作报告。\n一、过去五年的工作\n正文。\n二、加快构建新发展格局\n（一）构建高水平社会主义市场经济体制。坚持和完善社会主义基本经济制度。\n（二）建设现代化产业体系。坚持把发展经济的着力点放在实体经济上。\n";
        let a = article(&repair(raw), Kind::CongressReport, &FLOWING);
        assert_eq!(
            a.title.as_deref(),
            Some("高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗")
        );
        assert_eq!(a.creator.as_deref(), Some("习近平"));
        assert_eq!(
            a.date.map(|d| d.date),
            Some(crate::document::metadata::Date::Day(2022, 10, 16))
        );
        let labels: Vec<&str> = a.recommendations.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            ["构建高水平社会主义市场经济体制", "建设现代化产业体系"]
        );
    }

    #[test]
    fn a_congress_report_without_front_matter_is_titled_by_the_congress_it_addresses() {
        let raw = "同志们：\n现在，我代表中国共产党第十一届中央委员会，向党的第十二次全国代表大会作报告。\n一、历史性的转变和新的伟大任务\n正文。\n";
        let a = article(&repair(raw), Kind::CongressReport, &FLOWING);
        assert_eq!(
            a.title.as_deref(),
            Some("在中国共产党第十二次全国代表大会上的报告")
        );
        let entrusted = "同志们：\n我受十二届中央委员会委托，向大会作报告。\n一、历史性成就\n党的第十二次全国代表大会，坚持了路线。\n";
        let a = article(&repair(entrusted), Kind::CongressReport, &FLOWING);
        assert_eq!(
            a.title.as_deref(),
            Some("在中国共产党第十三次全国代表大会上的报告")
        );
        assert_eq!(chinese_numeral(20).as_deref(), Some("二十"));
        assert_eq!(chinese_numeral(9).as_deref(), Some("九"));
        let unnamed = "同志们：\n现在，我代表中央委员会向大会作报告。\n一、形势\n正文。\n";
        let a = article(&repair(unnamed), Kind::CongressReport, &FLOWING);
        assert_eq!(a.title, None);
    }
}
