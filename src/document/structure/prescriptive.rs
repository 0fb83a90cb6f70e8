//! Recommendations that are not numbered: most policy articles prescribe
//! without `一是…二是…`, in two shapes a reader recognises at once:
//!
//! - [`headings`]: section headings that propose action (`进一步稳就业`,
//!   `推动形成全面开放新格局`), when most of the article's headings do;
//!   the item is the heading and its section;
//! - [`lead_sentences`]: paragraphs that open with a short directive
//!   sentence (`充分发挥市场导向作用。…`) or with an obligation
//!   (`要…`, `必须…`, `应当…`); the item is the paragraph.
//!
//! Both are kept apart from numbered items by their marker
//! ([`HEADING_MARKER`], [`LEAD_MARKER`]), so users can filter them, and
//! neither takes a paragraph a numbered item already holds. Descriptive
//! headings and leads (`…的重大意义`, `必须看到，…`, `建立了…`) do not count.

use std::collections::HashSet;

use crate::document::outline::{Article, Recommendation};

use super::enumeration::{is_directive, label};

/// `kg:marker` of a recommendation that is a prescriptive section heading.
pub const HEADING_MARKER: &str = "heading";
/// `kg:marker` of a recommendation that is a paragraph with a prescriptive
/// lead sentence.
pub const LEAD_MARKER: &str = "lead sentence";

/// Whether a recommendation came from a numbered list (not from a heading
/// or a lead sentence).
pub fn is_numbered(recommendation: &Recommendation) -> bool {
    recommendation.marker != HEADING_MARKER && recommendation.marker != LEAD_MARKER
}

/// The unnumbered recommendations of an article, given the numbered ones
/// already found (whose paragraphs they leave alone), in body order after
/// them; list numbers continue from `numbered`.
pub fn recommendations(article: &Article, numbered: &[Recommendation]) -> Vec<Recommendation> {
    let mut taken: HashSet<usize> = numbered
        .iter()
        .flat_map(|r| r.paragraphs.iter().copied())
        .collect();
    let mut next_list = numbered.last().map_or(0, |r| r.list + 1);
    let by_heading = headings(article, &taken, next_list);
    if !by_heading.is_empty() {
        next_list += 1;
        taken.extend(by_heading.iter().flat_map(|r| r.paragraphs.iter().copied()));
    }
    let by_lead = lead_sentences(article, &taken, next_list);
    by_heading.into_iter().chain(by_lead).collect()
}

/// Nouns that end a heading which describes rather than proposes
/// (`推动高质量发展的重大意义`, `坚持人民至上的实践逻辑`).
const DESCRIPTIVE_HEADS: &[&str] = &[
    "意义", "内涵", "特征", "特点", "原因", "成就", "经验", "逻辑", "价值", "历程", "变化", "启示",
    "影响", "挑战", "机遇", "背景", "含义", "要义", "成效", "进展", "规律", "本质", "由来",
];

/// A heading that proposes action: a directive lead, no descriptive head.
fn is_prescriptive_heading(title: &str) -> bool {
    let title = title.trim();
    is_directive(title) && !DESCRIPTIVE_HEADS.iter().any(|h| title.ends_with(h))
}

/// The prescriptive section headings, one item each over its section's
/// paragraphs (those not `taken`), when at least half of the headings of
/// the article propose action.
fn headings(article: &Article, taken: &HashSet<usize>, list: usize) -> Vec<Recommendation> {
    let prescriptive: Vec<usize> = (0..article.sections.len())
        .filter(|&s| is_prescriptive_heading(&article.sections[s].title))
        .collect();
    if prescriptive.is_empty() || prescriptive.len() * 2 < article.sections.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in prescriptive {
        let paragraphs: Vec<usize> = (0..article.paragraphs.len())
            .filter(|&p| article.paragraphs[p].section == Some(s) && !taken.contains(&p))
            .collect();
        let Some(&first) = paragraphs.first() else {
            continue;
        };
        let title = article.sections[s].title.trim().to_string();
        let mut text = title.clone();
        for &p in &paragraphs {
            text.push('\n');
            text.push_str(&article.paragraphs[p].text);
        }
        out.push(Recommendation {
            marker: HEADING_MARKER.to_string(),
            ordinal: out.len() + 1,
            list,
            label: title,
            text,
            span: 0..article.paragraphs[first].text.chars().count(),
            paragraphs,
            intro: None,
        });
    }
    out
}

/// Longest directive lead sentence, in code points: a bold lead
/// (`充分发挥市场导向作用。`) is short; a long first sentence is prose.
const MAX_LEAD: usize = 24;

/// Words that open an obligation: what must, should or is to be done.
const OBLIGATIONS: &[&str] = &["必须", "应当", "应该", "要"];

/// Openings that look like an obligation but describe or exhort to see
/// (`要看到`, `必须指出`) or are nouns (`要求`, `要素`).
const NOT_OBLIGATIONS: &[&str] = &[
    "要求",
    "要素",
    "要点",
    "要闻",
    "要害",
    "要地",
    "要务",
    "要津",
    "要看到",
    "要认识到",
    "要清醒",
    "要明白",
    "要知道",
    "必须看到",
    "必须指出",
    "必须认识到",
    "必须清醒",
    "应该看到",
    "应当看到",
    "应该说",
    "应当说",
];

/// Words of a section heading over a review of what was done or learned
/// (`…取得关键进展`, `…的成功做法和经验`): the leads under it report
/// completed work (`全面推进蓝天保卫战。持续开展…`), not proposals.
const REVIEW_CUES: &[&str] = &[
    "取得", "进展", "成效", "成就", "成绩", "回顾", "经验", "做法", "历程", "启示", "总结",
];

/// Whether paragraph `p` stands under a heading that reviews: one with a
/// review word whose main clause does not propose ([`proposes`]).
fn is_under_review(article: &Article, p: usize) -> bool {
    article.paragraphs[p].section.is_some_and(|s| {
        let title = article.sections[s].title.trim();
        REVIEW_CUES.iter().any(|cue| title.contains(cue)) && !proposes(title)
    })
}

/// Whether a heading proposes: its last clause, which carries a Chinese
/// heading's main predicate, is directive (`攻坚克难、开拓创新，确保…取得成效`
/// proposes; `坚持…，取得关键进展` reports).
fn proposes(title: &str) -> bool {
    let last = title
        .rsplit(['，', ',', '；', ';', '：', ':'])
        .find(|clause| !clause.trim().is_empty())
        .unwrap_or(title);
    is_directive(last.trim())
}

/// The paragraphs (not `taken`, not under a reviewing heading) that open
/// with a prescriptive lead sentence, each an item; adjacent ones form one
/// list.
fn lead_sentences(
    article: &Article,
    taken: &HashSet<usize>,
    first_list: usize,
) -> Vec<Recommendation> {
    let mut out: Vec<Recommendation> = Vec::new();
    let mut list = first_list;
    let mut previous: Option<usize> = None;
    for (p, paragraph) in article.paragraphs.iter().enumerate() {
        if taken.contains(&p) || is_under_review(article, p) {
            continue;
        }
        let chars: Vec<char> = paragraph.text.chars().collect();
        let Some(lead) = prescriptive_lead(&chars) else {
            continue;
        };
        let continues = previous.is_some_and(|q| q + 1 == p);
        if previous.is_some() && !continues {
            list += 1;
        }
        let ordinal = if continues {
            out.last().map_or(1, |r| r.ordinal + 1)
        } else {
            1
        };
        out.push(Recommendation {
            marker: LEAD_MARKER.to_string(),
            ordinal,
            list,
            label: lead,
            text: paragraph.text.trim_end().to_string(),
            paragraphs: vec![p],
            span: 0..chars.len(),
            intro: None,
        });
        previous = Some(p);
    }
    out
}

/// The lead of a paragraph that prescribes: a short directive first
/// sentence with more after it, or an opening obligation; `None` for
/// anything else.
fn prescriptive_lead(chars: &[char]) -> Option<String> {
    let text: String = chars.iter().collect();
    let text = text.trim_start();
    let first_end = text
        .chars()
        .position(|c| matches!(c, '。' | '！'))
        .unwrap_or(text.chars().count());
    let more_follows = text.chars().skip(first_end + 1).any(|c| !c.is_whitespace());
    let first: String = text.chars().take(first_end).collect();
    let short_directive = first_end <= MAX_LEAD
        && more_follows
        && is_directive(&first)
        && !first.contains(['，', '：', ',', ':']);
    if short_directive {
        return Some(first);
    }
    let obliged = OBLIGATIONS.iter().any(|o| text.starts_with(o))
        && !NOT_OBLIGATIONS.iter().any(|n| text.starts_with(n));
    let body: Vec<char> = text.chars().collect();
    obliged.then(|| label(&body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline::{Paragraph, Section};

    fn paragraph(section: Option<usize>, text: &str) -> Paragraph {
        Paragraph {
            section,
            text: text.to_string(),
            ..Paragraph::default()
        }
    }

    fn section(title: &str) -> Section {
        Section {
            title: title.to_string(),
            source_line: 1,
            parent: None,
        }
    }

    fn found(article: &Article) -> Vec<(String, usize, String)> {
        recommendations(article, &[])
            .into_iter()
            .map(|r| (r.marker, r.ordinal, r.label))
            .collect()
    }

    #[test]
    fn prescriptive_headings_are_items_over_their_sections() {
        let article = Article {
            sections: vec![section("进一步稳就业"), section("进一步稳预期")],
            paragraphs: vec![
                paragraph(Some(0), "就业是最大的民生。"),
                paragraph(Some(1), "预期影响经济运行。"),
                paragraph(Some(1), "市场信心逐步恢复。"),
            ],
            ..Article::default()
        };
        let items = recommendations(&article, &[]);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].marker, HEADING_MARKER);
        assert_eq!(items[0].label, "进一步稳就业");
        assert_eq!(items[1].paragraphs, vec![1, 2]);
        assert_eq!(items[1].ordinal, 2);
    }

    #[test]
    fn descriptive_headings_are_not_items() {
        let article = Article {
            sections: vec![
                section("推动高质量发展的重大意义"),
                section("当前经济形势"),
                section("加快构建新发展格局"),
            ],
            paragraphs: (0..3).map(|s| paragraph(Some(s), "正文。")).collect(),
            ..Article::default()
        };
        assert!(headings(&article, &HashSet::new(), 0).is_empty());
    }

    #[test]
    fn short_directive_lead_sentences_are_items() {
        let article = Article {
            paragraphs: vec![
                paragraph(None, "我国经济长期向好。"),
                paragraph(
                    None,
                    "充分发挥市场导向作用。要让市场在资源配置中起决定性作用。",
                ),
                paragraph(None, "稳住农民工就业。稳住就业至关重要。"),
                paragraph(None, "这些举措成效明显。"),
                paragraph(None, "必须坚持以人民为中心，把人民利益放在首位。"),
            ],
            ..Article::default()
        };
        assert_eq!(
            found(&article),
            vec![
                (LEAD_MARKER.into(), 1, "充分发挥市场导向作用".into()),
                (LEAD_MARKER.into(), 2, "稳住农民工就业".into()),
                (LEAD_MARKER.into(), 1, "必须坚持以人民为中心".into()),
            ]
        );
    }

    #[test]
    fn leads_under_a_reviewing_heading_are_not_items() {
        let article = Article {
            sections: vec![
                section("污染防治攻坚战取得关键进展"),
                section("下一步的目标"),
                section("确保共抓大保护取得成效"),
                section("攻坚克难、开拓创新，确保长江治理取得成效"),
                section("坚持生态优先，取得明显成效"),
            ],
            paragraphs: vec![
                paragraph(Some(0), "全面推进蓝天保卫战。持续开展重点区域攻坚行动。"),
                paragraph(
                    Some(1),
                    "加强生态系统保护和修复。统筹山水林田湖草系统治理。",
                ),
                paragraph(Some(2), "推动构建工作机制。涉及面广、责任主体多。"),
                paragraph(Some(3), "探索污水治理新模式。沿江城市先行先试。"),
                paragraph(Some(4), "全面推行河长制。各地设立河长。"),
            ],
            ..Article::default()
        };
        assert_eq!(
            found(&article),
            vec![
                (LEAD_MARKER.into(), 1, "加强生态系统保护和修复".into()),
                (LEAD_MARKER.into(), 2, "推动构建工作机制".into()),
                (LEAD_MARKER.into(), 3, "探索污水治理新模式".into()),
            ]
        );
    }

    #[test]
    fn descriptive_leads_are_not_items() {
        for text in [
            "必须看到，外部环境更趋复杂。",
            "要素市场化配置改革取得进展。",
            "建立了覆盖全国的网络。后来又扩大了。",
            "推动高质量发展，是当前和今后一个时期确定发展思路的根本要求。",
        ] {
            assert_eq!(
                prescriptive_lead(&text.chars().collect::<Vec<_>>()),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn paragraphs_of_numbered_items_are_left_alone() {
        let article = Article {
            paragraphs: vec![paragraph(None, "要加强监管。要完善制度。")],
            ..Article::default()
        };
        let numbered = Recommendation {
            marker: "一是".into(),
            ordinal: 1,
            list: 0,
            label: "加强监管".into(),
            text: String::new(),
            paragraphs: vec![0],
            span: 0..1,
            intro: None,
        };
        assert!(recommendations(&article, std::slice::from_ref(&numbered)).is_empty());
        assert!(is_numbered(&numbered));
    }
}
