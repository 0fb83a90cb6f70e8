//! Kinds of text, recognised from their shape: an article (and the texts
//! of its lines, units or paragraphs, in reading order) in, an
//! `Option<Kind>` out.
//!
//! Each kind is one small named rule; [`detect`] tries them in this order
//! and the first that fits wins:
//! 1. [`is_work_report`]: `各位代表：` opens an address in which the speaker
//!    reports for a government (`我代表国务院，向大会报告政府工作`);
//! 2. [`is_congress_report`]: `同志们：` opens an address in which the
//!    speaker reports for the Central Committee (`我代表第十九届中央委员会
//!    向大会作报告`);
//! 3. [`is_broadcast_item`]: a 新闻联播 item (`央视网消息（新闻联播）：`, or
//!    the programme's dated header `新闻联播 2019-01-01`), whatever it
//!    reports (a resolution read out, a press conference);
//! 4. [`is_resolution`]: a `…决议` title, an adoption note (`（2020年5月28日
//!    …会议通过）`), or a first sentence in which the congress heard a
//!    report (`第十届全国人民代表大会第五次会议听取和审议了…`);
//! 5. [`is_interview`]: two question turns and two answers (`记者：…`,
//!    `郑栅洁：…`), as [`super::turns`] reads them;
//! 6. [`is_news_story`]: a first paragraph opened by a dateline
//!    (`本报北京1月27日电`, `新华社…电`), or a reporter's byline;
//! 7. [`is_theory_page`]: anything else signed by an author.
//!
//! The rules read text only, so the report rules can run on a segment's
//! lines before the article is built (see `structure::report`), and
//! [`is_interview`] on any run of texts (units, paragraphs) that a caller
//! wants to split into turns.

use super::turns;
use crate::document::outline::{Article, Kind};

use super::byline::{is_dateline, is_reporter_byline};
use super::dates;

/// How many texts from the start of an article a salutation may come
/// after: provincial reports print up to twenty lines of web page
/// furniture, title, date and speaker before `各位代表：`.
const MAX_TEXTS_BEFORE_SALUTATION: usize = 25;

/// How many texts after its salutation a report says whom it speaks for.
const MAX_TEXTS_TO_MANDATE: usize = 8;

/// The salutation that opens an address to a people's congress.
pub const DEPUTIES: &str = "各位代表";

/// The salutation that opens an address to a Party congress.
pub const COMRADES: &str = "同志们";

/// The kind of an article, from its shape. `texts` are the article's
/// texts in reading order (its lines, its units or its paragraphs; title
/// lines may be included).
pub fn detect(article: &Article, texts: &[&str]) -> Option<Kind> {
    if let Some(kind) = report_kind(texts) {
        return Some(kind);
    }
    if is_broadcast_item(article, texts) {
        return Some(Kind::BroadcastItem);
    }
    if is_resolution(article, texts) {
        return Some(Kind::Resolution);
    }
    if is_interview(texts) {
        return Some(Kind::Interview);
    }
    if is_news_story(article) {
        return Some(Kind::NewsStory);
    }
    is_theory_page(article).then_some(Kind::TheoryPage)
}

/// The report kinds, which read the text alone: a work report or a
/// congress report, if `texts` is one.
pub fn report_kind(texts: &[&str]) -> Option<Kind> {
    if is_work_report(texts) {
        Some(Kind::WorkReport)
    } else if is_congress_report(texts) {
        Some(Kind::CongressReport)
    } else {
        None
    }
}

/// A government work report: `各位代表` opens the address, and the
/// speaker says that they report for a government (`我代表国务院，向大会
/// 报告政府工作`, `我代表省人民政府，向大会报告工作`, `我受国务院的委托…
/// 报告`), or the report names itself (`政府工作报告`; the 1985 and 2001
/// reports open straight into the year's events).
pub fn is_work_report(texts: &[&str]) -> bool {
    let Some(at) = salutation_index(texts, DEPUTIES) else {
        return false;
    };
    let mandate = texts[at..]
        .iter()
        .take(MAX_TEXTS_TO_MANDATE)
        .any(|t| sentences(t).any(reports_for_government));
    mandate || texts.iter().any(|t| t.contains("政府工作"))
}

/// `我代表国务院，向大会报告政府工作`: in one sentence, `代表` or `受…委托`,
/// then a government, then `报告`.
fn reports_for_government(sentence: &str) -> bool {
    in_order(sentence, &[&["代表", "受"], &["国务院", "政府"], &["报告"]])
}

/// A report to a Party congress: `同志们` opens the address, and the
/// speaker reports for the Central Committee (`我代表第十八届中央委员会
/// 向大会作报告`, `我受十二届中央委员会委托，向大会作报告`), or the
/// opening paragraphs name the congress (`中国共产党第十一次全国代表大会`).
pub fn is_congress_report(texts: &[&str]) -> bool {
    let Some(at) = salutation_index(texts, COMRADES) else {
        return false;
    };
    let opening = || texts[at..].iter().take(MAX_TEXTS_TO_MANDATE);
    let mandate = opening().any(|t| sentences(t).any(reports_for_central_committee));
    mandate || opening().take(3).any(|t| names_party_congress(t))
}

/// `我代表第十九届中央委员会向大会作报告`.
fn reports_for_central_committee(sentence: &str) -> bool {
    in_order(sentence, &[&["代表", "受"], &["中央委员会"], &["报告"]])
}

/// `中国共产党第十一次全国代表大会`.
fn names_party_congress(text: &str) -> bool {
    in_order(text, &[&["中国共产党第"], &["次全国代表大会"]])
}

/// Index of the first text that opens with `word` and a mark of address
/// (`各位代表：`, `同志们！`, `各位代表，现在…`), among the first few.
pub fn salutation_index(texts: &[&str], word: &str) -> Option<usize> {
    texts
        .iter()
        .take(MAX_TEXTS_BEFORE_SALUTATION)
        .position(|t| is_salutation(t, word))
}

/// Whether `text` opens with the salutation `word` followed by `：！，`
/// (full-width or ASCII), after any invisible characters.
pub fn is_salutation(text: &str, word: &str) -> bool {
    let text = text.trim_start_matches(is_invisible_or_space);
    text.strip_prefix(word)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| matches!(c, '：' | ':' | '！' | '!' | '，' | ','))
}

/// Spaces and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
/// web pages leave around salutations and names.
pub fn is_invisible_or_space(c: char) -> bool {
    crate::document::repair::is_space(c)
}

/// A resolution: a title ending in `决议` or `决定`; an adoption note near
/// the top of a text whose title is none of other kinds of act (a law
/// `中华人民共和国密码法`, a list `任免名单`, a communiqué prints the same
/// note); or a first body sentence in which a congress session heard a
/// report (`第十届全国人民代表大会第五次会议听取和审议了…`).
pub fn is_resolution(article: &Article, texts: &[&str]) -> bool {
    let title = article.title.as_deref();
    let titled = title.is_some_and(is_resolution_title)
        || texts.iter().take(3).any(|t| is_resolution_title(t));
    let adopted = texts.iter().take(4).any(|t| dates::is_adoption_note(t));
    let first = article.paragraphs.first().map(|p| p.text.as_str());
    titled || adopted && title.is_none() || first.is_some_and(opens_with_hearing)
}

/// Longest resolution title, in characters.
const MAX_TITLE_CHARS: usize = 50;

/// `第十三届全国人民代表大会第三次会议关于政府工作报告的决议`,
/// `全国人民代表大会常务委员会关于…的决定` (a decision says what it is
/// `关于`); not a headline that reports one (`伊拉克议会通过有关结束外国
/// 军队驻扎的决议`, `中方敦促美方立即撤销涉疆错误决定`).
fn is_resolution_title(text: &str) -> bool {
    let text = text.trim_matches(is_invisible_or_space);
    let act = text.ends_with("决议") || text.ends_with("决定") && text.contains("关于");
    act && !text.contains("通过") && text.chars().count() <= MAX_TITLE_CHARS
}

/// `第十届全国人民代表大会第五次会议听取和审议了…`: the first sentence
/// names a session (`第…届`) and says it heard (`会议听取`) a report.
fn opens_with_hearing(text: &str) -> bool {
    let first = sentences(text).next().unwrap_or("");
    first.starts_with('第') && first.contains('届') && first.contains("会议听取")
}

/// A question-and-answer text: two question turns and two answers, as
/// [`super::turns`] reads them (the same rule that gives each paragraph
/// its speaker).
pub fn is_interview(texts: &[&str]) -> bool {
    let labels: Vec<Option<&str>> = texts.iter().map(|t| turns::turn_label(t)).collect();
    turns::speakers(&labels).is_some()
}

/// The dated header 新闻联播 transcripts open with: `新闻联播 2019-01-01`.
pub const BROADCAST_HEADER: &str = "新闻联播";

/// How many texts from the top a broadcaster's dateline may stand on
/// (under the item's title, or taken for a byline).
const MAX_TEXTS_TO_DATELINE: usize = 3;

/// An item of a news broadcast: its first paragraph, or one of its first
/// texts, opens with the broadcaster's dateline (`央视网消息（新闻联播）：`,
/// `央视网消息(新闻联播):`), or the programme's dated header stands above
/// it.
pub fn is_broadcast_item(article: &Article, texts: &[&str]) -> bool {
    let first = article.paragraphs.first().map(|p| p.text.as_str());
    let top = texts.iter().take(MAX_TEXTS_TO_DATELINE).copied();
    let opens = first
        .into_iter()
        .chain(top.clone())
        .any(is_broadcast_dateline);
    let subtitles = article.subtitles.iter().map(String::as_str);
    opens || subtitles.chain(top).any(is_broadcast_header)
}

/// `央视网消息（新闻联播）：…`.
fn is_broadcast_dateline(text: &str) -> bool {
    text.starts_with("央视网消息") || text.contains("（新闻联播）") || text.contains("(新闻联播)")
}

/// `新闻联播 2019-01-01`.
fn is_broadcast_header(text: &str) -> bool {
    text.strip_prefix(BROADCAST_HEADER)
        .is_some_and(|rest| crate::document::metadata::Date::parse(rest).is_some())
}

/// A news story: its first paragraph opens with a dateline (`本报北京1月
/// 27日电`, `新华社华盛顿电`), or its creator is a reporter's byline
/// (`本报记者  何  勇`).
pub fn is_news_story(article: &Article) -> bool {
    let first = article.paragraphs.first().map(|p| p.text.as_str());
    let creator = article.creator.as_deref();
    first.is_some_and(is_dateline) || creator.is_some_and(is_reporter_byline)
}

/// A theory page or commentary: signed by an author (`（作者为…）`, a
/// byline name), or printed under a column tag (`人民要论`, `评论员观察`),
/// and none of the kinds above.
pub fn is_theory_page(article: &Article) -> bool {
    article.creator.is_some() || article.column.is_some()
}

/// The sentences of a text, cut after `。！？；`.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['。', '！', '？', '；'])
}

/// Whether `text` holds one of each group of words, the groups in order.
fn in_order(text: &str, groups: &[&[&str]]) -> bool {
    let mut rest = text;
    for group in groups {
        let found = group
            .iter()
            .filter_map(|w| rest.find(w).map(|at| at + w.len()))
            .min();
        match found {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_with(paragraphs: &[&str]) -> Article {
        Article::of_paragraphs(paragraphs)
    }

    fn kind_of(paragraphs: &[&str]) -> Option<Kind> {
        detect(&article_with(paragraphs), paragraphs)
    }

    #[test]
    fn a_national_work_report_addresses_deputies_for_the_state_council() {
        let texts = [
            "各位代表：",
            "现在，我代表国务院，向大会报告政府工作，请予审议。",
            "一、2018年工作回顾",
        ];
        assert_eq!(kind_of(&texts), Some(Kind::WorkReport));
    }

    #[test]
    fn a_provincial_work_report_speaks_for_a_peoples_government() {
        let texts = [
            "下载",
            "2025年甘肃省政府工作报告",
            "甘肃省省长 任振鹤",
            "各位代表：",
            "我代表省人民政府，向大会报告工作，请予审议。",
        ];
        assert!(is_work_report(&texts));
        assert!(is_work_report(&[
            "各位代表，现在，我受国务院的委托，向大会报告政府工作。"
        ]));
    }

    #[test]
    fn deputies_addressed_without_a_government_mandate_are_no_work_report() {
        assert!(!is_work_report(&["各位代表：", "今天我们欢聚一堂。"]));
        assert!(!is_work_report(&[
            "现在，我代表国务院，向大会报告政府工作。"
        ]));
    }

    #[test]
    fn a_congress_report_speaks_for_the_central_committee() {
        let texts = ["同志们：", "现在，我代表第十九届中央委员会向大会作报告。"];
        assert_eq!(kind_of(&texts), Some(Kind::CongressReport));
        assert!(is_congress_report(&[
            "同志们！",
            "中国共产党第十一次全国代表大会，现在开幕了。",
        ]));
        assert!(!is_congress_report(&["同志们：", "大家辛苦了。"]));
    }

    #[test]
    fn a_resolution_has_a_resolution_title_an_adoption_note_or_a_hearing() {
        let titled = [
            "第十三届全国人民代表大会第三次会议关于政府工作报告的决议",
            "会议充分肯定国务院的工作。",
        ];
        assert_eq!(kind_of(&titled), Some(Kind::Resolution));
        let heard = ["第十届全国人民代表大会第五次会议听取和审议了国务院总理温家宝所作的政府工作报告。会议充分肯定。"];
        assert_eq!(kind_of(&heard), Some(Kind::Resolution));
        let noted = ["（2020年5月28日第十三届全国人民代表大会第三次会议通过）"];
        assert!(is_resolution(&Article::default(), &noted));
        let story = ["国务院常务会议听取了汇报。"];
        assert_eq!(kind_of(&story), None);
        let mut law = article_with(&["第一条 为了规范密码应用和管理，制定本法。"]);
        law.title = Some("中华人民共和国密码法".into());
        let law_texts = [
            "中华人民共和国密码法",
            "（2019年10月26日第十三届全国人民代表大会常务委员会第十四次会议通过）",
        ];
        assert!(
            !is_resolution(&law, &law_texts),
            "a law is adopted too, but is no resolution"
        );
        assert!(!is_resolution_title(
            "伊拉克议会通过有关结束外国军队驻扎的决议"
        ));
        assert!(!is_resolution_title("中方敦促美方立即撤销涉疆错误决定"));
        assert!(is_resolution_title(
            "全国人民代表大会常务委员会关于推迟召开第十三届全国人民代表大会第三次会议的决定"
        ));
    }

    #[test]
    fn an_interview_has_questions_and_a_named_answerer_twice() {
        let texts = [
            "近日，记者专访了韩长赋。",
            "记者：今年的中央一号文件出台有什么背景？",
            "韩长赋：党中央高度重视“三农”工作。",
            "记者：有哪些新举措？",
            "韩长赋：主要有三方面。",
        ];
        assert_eq!(kind_of(&texts), Some(Kind::Interview));
        assert!(is_interview(&[
            "问：何时实施？",
            "答：明年起实施。",
            "问：谁来实施？",
            "答：各地。"
        ]));
    }

    #[test]
    fn captions_lists_and_lead_ins_are_not_turns() {
        assert!(!is_interview(&[
            "习近平总书记强调：要做好工作。",
            "记者从发改委获悉：价格平稳。",
            "版式设计：蔡华伟",
            "时间：2019年",
            "地点：北京",
        ]));
    }

    #[test]
    fn one_question_answered_in_reported_speech_is_no_interview() {
        assert!(!is_interview(&[
            "有记者问：对此有何评论？",
            "发言人表示，中方一贯主张和平。",
        ]));
    }

    #[test]
    fn a_broadcast_item_opens_with_the_broadcasters_dateline() {
        let texts = ["央视网消息（新闻联播）：1月1日，国家主席习近平与美国总统互致贺信。"];
        assert_eq!(kind_of(&texts), Some(Kind::BroadcastItem));
        let mut item = article_with(&["国务院印发通知。"]);
        item.subtitles = vec!["新闻联播 2019-01-01".into()];
        assert!(is_broadcast_item(&item, &[]));
    }

    #[test]
    fn a_news_story_opens_with_a_dateline_or_is_signed_by_reporters() {
        let texts = ["本报北京1月27日电（记者吴晶）年画展开幕。"];
        assert_eq!(kind_of(&texts), Some(Kind::NewsStory));
        let mut signed = article_with(&["村晚开场了。"]);
        signed.creator = Some("本报记者  方  敏".into());
        assert!(is_news_story(&signed));
    }

    #[test]
    fn a_signed_piece_of_no_other_kind_is_a_theory_page() {
        let mut page = article_with(&["经济全球化是历史潮流。"]);
        page.creator = Some("作者为国务院发展研究中心副主任".into());
        assert_eq!(detect(&page, &[]), Some(Kind::TheoryPage));
        let mut column = article_with(&["制造业是立国之本。"]);
        column.column = Some("人民要论".into());
        assert_eq!(detect(&column, &[]), Some(Kind::TheoryPage));
        assert_eq!(detect(&article_with(&["无署名的正文。"]), &[]), None);
    }
}
