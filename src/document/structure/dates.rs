//! Dates the text itself prints: the first lines of an article in, a
//! [`TextDate`] (the date, the kind of line, the line) out.
//!
//! Files whose name and manifest give no date (the NPC resolutions, the
//! Party congress reports) often print one near the top. Each rule reads
//! one kind of line; [`from_lines`] tries them on the first few lines:
//! 1. [`adoption_date`]: a resolution's adoption note,
//!    `（2020年5月28日第十三届全国人民代表大会第三次会议通过）`;
//! 2. [`delivery_date`]: the line under a report's or speech's title that
//!    says when it was delivered, `——2022年3月5日在第十三届全国人民代表
//!    大会第五次会议上`, or a bare `（2022年10月16日）`;
//! 3. [`dateline_date`]: a dated header or dateline, `新闻联播 2019-01-01`,
//!    `新华社北京2020年5月28日电`.
//!
//! Dates are never guessed: a dateline without a year (`本报北京1月27日电`)
//! gives none.

use crate::document::metadata::Date;
use crate::document::outline::{DateCue, TextDate};
use crate::document::repair::Line;

use super::kind::is_invisible_or_space;

/// How many non-blank lines from the top of an article a printed date may
/// stand on: title, subtitle, date, speaker, and a little page furniture.
const MAX_DATE_LINE: usize = 6;

/// The first date printed in the top lines of an article, if any.
pub fn from_lines(lines: &[Line]) -> Option<TextDate> {
    lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(MAX_DATE_LINE)
        .find_map(|l| from_line(&l.text, l.number))
}

/// The date one line prints, with the rule that read it.
pub fn from_line(text: &str, source_line: usize) -> Option<TextDate> {
    let text = text.trim_matches(is_invisible_or_space);
    let (date, cue) = adoption_date(text)
        .map(|d| (d, DateCue::Adoption))
        .or_else(|| delivery_date(text).map(|d| (d, DateCue::Delivery)))
        .or_else(|| dateline_date(text).map(|d| (d, DateCue::Dateline)))?;
    Some(TextDate {
        date,
        cue,
        evidence: text.to_string(),
        source_line,
    })
}

/// Whether a line is a resolution's adoption note.
pub fn is_adoption_note(text: &str) -> bool {
    adoption_date(text.trim_matches(is_invisible_or_space)).is_some()
}

/// Whether a line is a bracketed date note under a title (an adoption
/// note, or a bare `（2022年10月16日）`): printed in the title block, but
/// neither a title nor a subtitle.
pub fn is_date_note(text: &str) -> bool {
    let text = text.trim_matches(is_invisible_or_space);
    let Some(inner) = bracketed(text) else {
        return false;
    };
    adoption_date(text).is_some() || written_date(inner).is_some_and(|(_, rest)| rest.is_empty())
}

/// `（2020年5月28日第十三届全国人民代表大会第三次会议通过）`: a bracketed
/// line that opens with a full date and ends with `通过`.
pub fn adoption_date(text: &str) -> Option<Date> {
    let inner = bracketed(text)?;
    let (date, rest) = written_date(inner)?;
    rest.ends_with("通过").then_some(date)
}

/// The date a report was delivered: `——2022年3月5日在第十三届全国人民代表
/// 大会第五次会议上` (the dashes may be missing or ASCII, and a
/// provincial line may go on to name the speaker), or a bare bracketed
/// date `（2022年10月16日）`.
pub fn delivery_date(text: &str) -> Option<Date> {
    if let Some(inner) = bracketed(text) {
        let (date, rest) = written_date(inner)?;
        return rest.is_empty().then_some(date);
    }
    let undashed = text.trim_start_matches(['—', '-', '－', '─']);
    let (date, rest) = written_date(undashed)?;
    let at_a_meeting = rest.contains("会议") || rest.contains("大会");
    (at_a_meeting && rest.chars().count() <= MAX_DELIVERY_TAIL).then_some(date)
}

/// Longest text after the date of a delivery line, in characters (a
/// provincial line names the meeting, the government and the speaker).
const MAX_DELIVERY_TAIL: usize = 70;

/// A dated header (`新闻联播 2019-01-01`) or a dateline that prints the
/// year (`新华社北京2020年5月28日电`).
pub fn dateline_date(text: &str) -> Option<Date> {
    if let Some(rest) = text.strip_prefix(super::kind::BROADCAST_HEADER) {
        return Date::parse(rest).filter(|d| matches!(d, Date::Day(..)));
    }
    let (head, _) = text.split_once('电')?;
    if !super::byline::is_dateline(text) {
        return None;
    }
    let start = head
        .char_indices()
        .find(|(_, c)| to_ascii_digit(*c).is_some())?
        .0;
    let (date, rest) = written_date(&head[start..])?;
    rest.is_empty().then_some(date)
}

/// The text inside full-width or ASCII brackets around the whole line.
fn bracketed(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    inner.strip_suffix('）').or_else(|| inner.strip_suffix(')'))
}

/// A full date written `2020年5月28日` at the start of `text` (digits
/// ASCII or full-width, spaces between digits allowed: `1 9 9 8 年`), and
/// the text after it. The day must exist on the calendar.
pub fn written_date(text: &str) -> Option<(Date, &str)> {
    let (year, rest) = number_before(text, '年')?;
    let (month, rest) = number_before(rest, '月')?;
    let (day, rest) = number_before(rest, '日')?;
    let (4, 1..=2, 1..=2) = (year.len(), month.len(), day.len()) else {
        return None;
    };
    let date = Date::parse(&format!("{year}年{month}月{day}日"))?;
    matches!(date, Date::Day(..)).then_some((date, rest))
}

/// The ASCII digits written before `unit` at the start of `text`, and the
/// text after `unit`.
fn number_before(text: &str, unit: char) -> Option<(String, &str)> {
    let mut digits = String::new();
    for (at, c) in text.char_indices() {
        if let Some(d) = to_ascii_digit(c) {
            digits.push(d);
        } else if c == unit && !digits.is_empty() {
            return Some((digits, &text[at + c.len_utf8()..]));
        } else if c != ' ' || digits.is_empty() {
            return None;
        }
    }
    None
}

/// An ASCII or full-width digit as ASCII.
pub fn to_ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;

    #[test]
    fn an_adoption_note_dates_a_resolution() {
        let note = "（2020年5月28日第十三届全国人民代表大会第三次会议通过）";
        assert_eq!(adoption_date(note), Some(Date::Day(2020, 5, 28)));
        assert!(is_adoption_note(note));
        assert!(is_date_note(note));
        assert_eq!(adoption_date("（2020年5月28日发布）"), None);
    }

    #[test]
    fn a_delivery_line_dates_a_report() {
        let line = "——2022年3月5日在第十三届全国人民代表大会第五次会议上";
        assert_eq!(delivery_date(line), Some(Date::Day(2022, 3, 5)));
        let provincial =
            "----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告";
        assert_eq!(delivery_date(provincial), Some(Date::Day(2025, 1, 15)));
        assert_eq!(
            delivery_date("（2022年10月16日）"),
            Some(Date::Day(2022, 10, 16))
        );
        assert_eq!(
            delivery_date("2022年3月5日，天气晴朗，大家来到会场。"),
            None,
            "a sentence that opens with a date is no delivery line"
        );
    }

    #[test]
    fn a_dated_header_or_a_dateline_with_a_year_is_a_dateline_date() {
        assert_eq!(
            dateline_date("新闻联播 2019-01-01"),
            Some(Date::Day(2019, 1, 1))
        );
        assert_eq!(
            dateline_date("新华社北京2020年5月28日电（记者吴晶）会议闭幕。"),
            Some(Date::Day(2020, 5, 28))
        );
        assert_eq!(
            dateline_date("本报北京1月27日电（记者吴晶）年画展开幕。"),
            None
        );
    }

    #[test]
    fn written_dates_accept_full_width_and_spaced_digits_and_check_the_calendar() {
        assert_eq!(
            written_date("１９９８年３月５日在").map(|(d, r)| (d, r.to_string())),
            Some((Date::Day(1998, 3, 5), "在".to_string()))
        );
        assert_eq!(
            written_date("1 9 9 8年3月5日").map(|(d, _)| d),
            Some(Date::Day(1998, 3, 5))
        );
        assert_eq!(written_date("2019年2月30日"), None);
        assert_eq!(written_date("19年2月3日"), None);
    }

    #[test]
    fn the_first_dated_top_line_is_taken_with_its_source_line() {
        let lines = repair("\u{200b}\n第十三届全国人民代表大会第三次会议关于政府工作报告的决议\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n第十三届全国人民代表大会第三次会议听取和审议了…\n");
        let got = from_lines(&lines).unwrap();
        assert_eq!(got.date, Date::Day(2020, 5, 28));
        assert_eq!(got.cue, DateCue::Adoption);
        assert_eq!(got.source_line, 3);
        assert!(got.evidence.starts_with("（2020年5月28日"));
    }

    #[test]
    fn undated_text_has_no_text_date() {
        let lines = repair("第十二届全国人民代表大会第二次会议听取和审议了国务院总理李克强所作的政府工作报告。\n会议号召。\n");
        assert_eq!(from_lines(&lines), None);
    }
}
