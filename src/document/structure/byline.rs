//! The lines a newspaper or a broadcast transcript prints under a story's
//! title or a photo: reporter bylines (`本报记者  何  勇`, `新华社记者 吴
//! 刚`), datelines that open a story's first paragraph (`本报北京1月27日电`,
//! `央视网消息（新闻联播）：`) and photo credits (`任  超摄（新华社发）`,
//! `影像中国供图`).
//!
//! A byline or a dateline under a title opens a story: a page of several
//! stories, or a day of 新闻联播 items, is cut there (see
//! [`super::articles`]). A byline is not body text, nor is a photo credit,
//! which is dropped like a bare label.

use crate::document::repair::Line;

use super::layout::ends_sentence;

/// Most title lines (kicker, title, subtitle) above a story byline.
pub const MAX_STORY_TITLE_LINES: usize = 3;

/// Widest line of a story's title block, in em: broadcast item titles run
/// long (the widest 1% of 新闻联播 titles are over 60 em).
const MAX_STORY_TITLE_WIDTH: f32 = 60.0;

/// A line that can stand in a story's title block above its byline:
/// short, with no sentence or clause punctuation at its end (a kicker
/// such as `云南玉溪顾芸——` or `意大利奥拉拉公司：` may end in a dash or
/// a colon).
pub fn fits_title_block(line: &Line) -> bool {
    !line.is_blank()
        && line.width <= MAX_STORY_TITLE_WIDTH
        && !ends_sentence(line)
        && !matches!(line.text.chars().last(), Some('，' | '、' | ','))
        && !is_photo_credit(&line.text)
}

/// Longest byline or credit, in characters.
const MAX_CHARS: usize = 30;

/// News organisations whose reporters sign stories: `本报记者`,
/// `本报驻埃及记者`, `本报赴乍得特派记者`, `新华社记者`, `人民网记者`.
const AGENCIES: &[&str] = &["本报", "新华社", "人民日报", "人民网", "中新社"];

/// Most characters between the organisation and `记者`/`通讯员`.
const MAX_POSTING_CHARS: usize = 8;

/// Endings of a photo or graphics credit, before an optional `（…）` tag.
const CREDIT_ENDINGS: &[&str] = &["摄", "供图", "制图"];

/// Openings of a layout or picture credit: `版式设计：蔡华伟`.
const CREDIT_OPENINGS: &[&str] = &["版式设计", "美术编辑", "图片来源", "摄影：", "制图："];

/// Words that end in `摄` but are not a credit.
const NOT_CREDITS: &[&str] = &["拍摄", "统摄", "兼摄"];

/// `本报记者 何 勇`, `本报驻埃及记者 黄培昭`, `新华社记者 吴 刚`: a short
/// line without sentence punctuation naming the reporters of a story.
/// Photo credits are not bylines.
pub fn is_reporter_byline(text: &str) -> bool {
    is_short_label(text) && opens_with_reporter(text) && !is_photo_credit(text)
}

/// An organisation, at most a few characters of posting, then `记者` or
/// `通讯员`.
fn opens_with_reporter(text: &str) -> bool {
    AGENCIES.iter().any(|agency| {
        text.strip_prefix(agency).is_some_and(|rest| {
            let head: String = rest.chars().take(MAX_POSTING_CHARS + 3).collect();
            ["记者", "通讯员"].iter().any(|role| {
                head.find(role)
                    .is_some_and(|at| head[..at].chars().count() <= MAX_POSTING_CHARS)
            })
        })
    })
}

/// Openings of a broadcast item's first paragraph.
const ITEM_OPENINGS: &[&str] = &["央视网消息", "本报讯", "新华社讯"];

/// Most characters of place and date between an agency and `电`.
const MAX_DATELINE_CHARS: usize = 14;

/// `本报北京1月27日电 （记者…）`, `新华社华盛顿电`, `央视网消息（新闻联播）：`:
/// a first paragraph opened by the agency, place and date of a story.
pub fn is_dateline(text: &str) -> bool {
    if ITEM_OPENINGS.iter().any(|o| text.starts_with(o)) {
        return true;
    }
    AGENCIES.iter().any(|agency| {
        text.strip_prefix(agency)
            .and_then(|rest| rest.split_once('电'))
            .is_some_and(|(place_and_date, _)| is_place_and_date(place_and_date))
    })
}

/// The reporters a dateline names in brackets: `记者吴晶` from
/// `新华社北京2月1日电（记者吴晶）…`, `王汉超、杨建峰` from
/// `本报郑州电（王汉超、杨建峰）…`.
pub fn dateline_reporters(text: &str) -> Option<&str> {
    if !is_dateline(text) {
        return None;
    }
    let (_, rest) = text.split_once('电')?;
    let rest = rest.trim_start_matches(crate::document::repair::is_space);
    let inner = rest.strip_prefix('（').or_else(|| rest.strip_prefix('('))?;
    let (names, _) = inner.split_once(['）', ')'])?;
    let names = names.trim();
    let fits = (2..=MAX_CHARS).contains(&names.chars().count())
        && !names.contains(['，', '。', '：', '；']);
    fits.then_some(names)
}

/// `北京1月27日`, `华盛顿`, or nothing: what stands between an agency and
/// `电` in a dateline. Words such as `记者` or `的` mean a sentence.
fn is_place_and_date(text: &str) -> bool {
    let chars = text.chars().count();
    chars <= MAX_DATELINE_CHARS
        && !text.contains(['记', '的', '，', '。', '：', '（', '('])
        && (text.ends_with('日') || chars <= MAX_PLACE_CHARS)
}

/// Most characters of a place alone in a dateline: `乌鲁木齐`, `华盛顿`.
const MAX_PLACE_CHARS: usize = 6;

/// `任超摄（新华社发）`, `新华社记者 吴刚摄`, `影像中国供图`,
/// `版式设计：蔡华伟`: a short line crediting a photo, a graphic or the
/// page layout.
pub fn is_photo_credit(text: &str) -> bool {
    if text.chars().count() <= MAX_CHARS && CREDIT_OPENINGS.iter().any(|o| text.starts_with(o)) {
        return true;
    }
    if !is_short_label(text) {
        return false;
    }
    let text = text.trim_end();
    let untagged = super::title::split_column(text).map(|(credit, _tag)| credit);
    let core = untagged.as_deref().unwrap_or(text);
    CREDIT_ENDINGS.iter().any(|e| core.ends_with(e))
        && !NOT_CREDITS.iter().any(|w| core.ends_with(w))
}

/// Short, and free of the punctuation that sentences carry.
fn is_short_label(text: &str) -> bool {
    text.chars().count() <= MAX_CHARS
        && !text.contains(['。', '，', '；', '！', '？', '：', ',', ';', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporter_bylines_are_recognised() {
        for text in [
            "本报记者何勇",
            "本报记者汪志球 黄娴",
            "新华社记者吴刚",
            "本报驻埃及记者黄培昭",
            "本报赴乍得特派记者万宇",
            "人民网记者闫峰本报记者姚雪青",
            "本报记者柯仲甲采访整理",
        ] {
            assert!(is_reporter_byline(text), "{text}");
        }
    }

    #[test]
    fn sentences_and_credits_are_not_bylines() {
        for text in [
            "本报记者走进村里，看到了新变化。",
            "新华社记者吴刚摄",
            "记者何勇",
        ] {
            assert!(!is_reporter_byline(text), "{text}");
        }
    }

    #[test]
    fn datelines_open_a_story_but_reports_of_one_do_not() {
        for text in [
            "本报北京1月27日电（记者李心萍）国家统计局今天发布数据。",
            "新华社华盛顿2月1日电美国商务部1日公布。",
            "央视网消息（新闻联播）：中共中央政治局12月27日召开会议。",
            "本报讯记者从市政府获悉。",
        ] {
            assert!(is_dateline(text), "{text}");
        }
        for text in [
            "本报记者从国家电网获悉，供电已恢复。",
            "新华社的报道说，电力供应正常。",
            "央视网记者",
        ] {
            assert!(!is_dateline(text), "{text}");
        }
    }

    #[test]
    fn a_dateline_names_its_reporters_in_brackets() {
        assert_eq!(
            dateline_reporters("新华社北京2月1日电（记者吴晶）国家主席习近平1日说。"),
            Some("记者吴晶")
        );
        assert_eq!(
            dateline_reporters("本报郑州电 （王汉超、杨建峰）河南省今年将。"),
            Some("王汉超、杨建峰")
        );
        assert_eq!(
            dateline_reporters("本报北京1月27日电  国家统计局今天发布。"),
            None
        );
        assert_eq!(dateline_reporters("他说（记者吴晶）今天。"), None);
    }

    #[test]
    fn photo_credits_are_recognised_with_or_without_a_tag() {
        for text in [
            "任超摄（新华社发）",
            "李春光摄",
            "影像中国供图",
            "新华社记者凡军摄",
            "版式设计：蔡华伟",
        ] {
            assert!(is_photo_credit(text), "{text}");
        }
        for text in ["用镜头拍摄", "图为村民在田间劳作。", "加强统摄"] {
            assert!(!is_photo_credit(text), "{text}");
        }
    }
}
