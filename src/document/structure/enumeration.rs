//! Recommendations: the items of enumerated, prescriptive lists.
//!
//! 1. [`find_markers`]: markers where an item can start (paragraph start,
//!    or after `。；：！？`): `一是`, `其一，`, `第一，`, `首先，`/`其次，`/
//!    `再次，`/`最后，`, and at a paragraph start `（一）` and `一、`;
//! 2. [`assemble`]: markers of one series with consecutive numbers, close
//!    together and in one section, form a list of two or more items;
//! 3. `is_prescriptive`: a list counts when it proposes action: its intro
//!    announces proposals (`应做到`, `必须`, `可从以下五个方面`), or most item
//!    leads are directives (`加强…`, `推动…`, but not a completed `建立了…`
//!    or a state `…日益凸显`), or it is nested in a
//!    recommendation; lists of causes, features, conditions or impacts
//!    (`主要原因：一是…`, `带来很大挑战。一是…冲击`) do not count unless the
//!    intro proposes outright;
//! 4. [`label`]: the lead clause of each item.

use crate::document::outline::{Article, Recommendation};

/// The kinds of enumeration marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Series {
    /// `一是`, `二是`.
    Shi,
    /// `其一，`, `其二，`.
    Qi,
    /// `第一，`, `第二，`.
    Di,
    /// `首先，` `其次，` `再次，` `最后，`.
    Sequence,
    /// `（一）` at a paragraph start.
    Paren,
    /// `一、` at a paragraph start.
    Dun,
}

/// A marker found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Paragraph index in the article.
    pub paragraph: usize,
    /// Code-point position of the marker in the paragraph text.
    pub pos: usize,
    /// Code points the marker and its punctuation take.
    pub len: usize,
    /// Which kind of marker.
    pub series: Series,
    /// The number the marker expresses (`最后` is 0: "whatever comes next").
    pub ordinal: usize,
    /// The marker as printed, without trailing punctuation.
    pub printed: String,
}

/// Largest gap, in paragraphs, between two items of one list.
const MAX_ITEM_GAP: usize = 4;

/// The recommendations of an article, in body order.
pub fn recommendations(article: &Article) -> Vec<Recommendation> {
    let texts: Vec<Vec<char>> = article
        .paragraphs
        .iter()
        .map(|p| p.text.chars().collect())
        .collect();
    let markers: Vec<Marker> = texts
        .iter()
        .enumerate()
        .flat_map(|(p, chars)| find_markers(p, chars))
        .collect();
    let mut out: Vec<Recommendation> = Vec::new();
    let mut accepted_spans: Vec<(usize, usize, usize)> = Vec::new();
    for (list_no, list) in assemble(&markers, article).into_iter().enumerate() {
        let items: Vec<Item> = list
            .iter()
            .enumerate()
            .map(|(k, m)| item(&texts, &list, k, m))
            .collect();
        let first = &list[0];
        let intro = intro_sentence(&texts, article, first);
        let nested = accepted_spans
            .iter()
            .any(|&(p, s, e)| p == first.paragraph && (s..e).contains(&first.pos));
        if !is_prescriptive(intro.as_deref(), &items, nested) {
            continue;
        }
        let list_index = out.last().map_or(0, |r| r.list + 1);
        let _ = list_no;
        for (k, (m, it)) in list.iter().zip(items).enumerate() {
            accepted_spans.push((m.paragraph, m.pos, it.end_in_first));
            out.push(Recommendation {
                marker: m.printed.clone(),
                ordinal: k + 1,
                list: list_index,
                label: it.label,
                text: it.text,
                paragraphs: it.paragraphs,
                span: m.pos..it.end_in_first,
                intro: if k == 0 { intro.clone() } else { None },
            });
        }
    }
    out
}

/// One item's extent and lead.
struct Item {
    text: String,
    label: String,
    paragraphs: Vec<usize>,
    end_in_first: usize,
}

/// Where item `k` of `list` ends, and what it says.
fn item(texts: &[Vec<char>], list: &[Marker], k: usize, m: &Marker) -> Item {
    let first = &texts[m.paragraph];
    let next = list.get(k + 1);
    let (end_in_first, paragraphs) = match next {
        Some(n) if n.paragraph == m.paragraph => (n.pos, vec![m.paragraph]),
        Some(n) if n.pos == 0 => (first.len(), (m.paragraph..n.paragraph).collect()),
        _ => (first.len(), vec![m.paragraph]),
    };
    let mut text: String = first[m.pos..end_in_first].iter().collect();
    for &p in &paragraphs[1..] {
        text.push('\n');
        text.extend(texts[p].iter());
    }
    let body: Vec<char> = first[m.pos + m.len..end_in_first].to_vec();
    Item {
        label: label(&body),
        text: text.trim_end().to_string(),
        paragraphs,
        end_in_first,
    }
}

/// Finds every marker in one paragraph.
pub fn find_markers(paragraph: usize, chars: &[char]) -> Vec<Marker> {
    let mut out = Vec::new();
    for pos in item_starts(chars) {
        if let Some((series, ordinal, len, printed)) = marker_at(&chars[pos..], pos == 0) {
            out.push(Marker {
                paragraph,
                pos,
                len,
                series,
                ordinal,
                printed,
            });
        }
    }
    out
}

/// Positions where an item may start: the paragraph start and after
/// sentence or clause ends (closing quotes skipped).
fn item_starts(chars: &[char]) -> Vec<usize> {
    let mut out = vec![0];
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '。' | '；' | '：' | '！' | '？' | ';' | ':') {
            let mut j = i + 1;
            while j < chars.len() && crate::document::repair::is_closing(chars[j]) {
                j += 1;
            }
            if j < chars.len() {
                out.push(j);
            }
        }
    }
    out.dedup();
    out
}

/// Punctuation that may follow a marker.
fn is_marker_punct(c: Option<&char>) -> bool {
    matches!(c, Some('，' | '、' | '：' | ',' | ':'))
}

/// Recognises a marker at the start of `s`: series, ordinal, length with
/// punctuation, printed form.
fn marker_at(s: &[char], paragraph_start: bool) -> Option<(Series, usize, usize, String)> {
    let numeral = |from: usize| -> Option<(usize, usize)> {
        let n = s[from.min(s.len())..]
            .iter()
            .take(3)
            .take_while(|c| "一二三四五六七八九十".contains(**c))
            .count();
        (n > 0).then(|| chinese_number(&s[from..from + n]).map(|v| (v, n)))?
    };
    let printed = |n: usize| s[..n].iter().collect::<String>();
    let punct = |at: usize| usize::from(is_marker_punct(s.get(at)));
    if let Some((v, n)) = numeral(0) {
        if s.get(n) == Some(&'是') {
            return Some((Series::Shi, v, n + 1 + punct(n + 1), printed(n + 1)));
        }
        if paragraph_start && s.get(n) == Some(&'、') {
            return Some((Series::Dun, v, n + 1, printed(n + 1)));
        }
    }
    if matches!(s.first(), Some('其' | '第')) {
        if let Some((v, n)) = numeral(1) {
            if is_marker_punct(s.get(n + 1)) {
                let series = if s[0] == '其' {
                    Series::Qi
                } else {
                    Series::Di
                };
                return Some((series, v, n + 2, printed(n + 1)));
            }
        }
    }
    if paragraph_start && matches!(s.first(), Some('（' | '(')) {
        if let Some((v, n)) = numeral(1) {
            if matches!(s.get(n + 1), Some('）' | ')')) {
                return Some((Series::Paren, v, n + 2 + punct(n + 2), printed(n + 2)));
            }
        }
    }
    let word: String = s.iter().take(2).collect();
    let ordinal = match word.as_str() {
        "首先" => 1,
        "其次" => 2,
        "再次" => 3,
        "最后" => 0,
        _ => return None,
    };
    let follows = s.get(2);
    if is_marker_punct(follows) || matches!(follows, Some('要' | '是' | '应' | '必')) {
        return Some((Series::Sequence, ordinal, 2 + punct(2), word));
    }
    None
}

/// Value of a Chinese numeral from 一 to 九十九.
pub fn chinese_number(chars: &[char]) -> Option<usize> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|b| b / 3 + 1);
    match chars {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// Groups markers into lists: same series, numbers counting up from one,
/// each item within a few paragraphs of the last and in the same section.
pub fn assemble(markers: &[Marker], article: &Article) -> Vec<Vec<Marker>> {
    let mut lists: Vec<Vec<Marker>> = Vec::new();
    let mut open: Vec<(Series, usize)> = Vec::new();
    let section = |p: usize| article.paragraphs[p].section;
    for m in markers {
        let slot = open.iter().position(|(s, _)| *s == m.series);
        if m.ordinal == 1 {
            lists.push(vec![m.clone()]);
            match slot {
                Some(k) => open[k].1 = lists.len() - 1,
                None => open.push((m.series, lists.len() - 1)),
            }
            continue;
        }
        let Some(k) = slot else { continue };
        let list = &mut lists[open[k].1];
        let last = list.last().expect("lists start non-empty");
        let expected = list.len() + 1;
        let fits = (m.ordinal == expected || (m.ordinal == 0 && m.series == Series::Sequence))
            && m.paragraph - last.paragraph <= MAX_ITEM_GAP
            && section(m.paragraph) == section(last.paragraph)
            && last.ordinal != 0;
        if fits {
            let mut m = m.clone();
            if m.ordinal == 0 {
                m.ordinal = expected;
            }
            list.push(m);
        }
    }
    lists.retain(|l| l.len() >= 2);
    lists
}

/// The sentence before the first item: in its paragraph, or the last
/// sentence of the paragraph before it in the same section.
fn intro_sentence(texts: &[Vec<char>], article: &Article, first: &Marker) -> Option<String> {
    let before: Vec<char> = if first.pos > 0 {
        texts[first.paragraph][..first.pos].to_vec()
    } else {
        let prev = first.paragraph.checked_sub(1)?;
        if article.paragraphs[prev].section != article.paragraphs[first.paragraph].section {
            return None;
        }
        texts[prev].clone()
    };
    let s: String = before.iter().collect();
    let ranges = super::sentences::split(&s);
    let last = ranges.last()?;
    let text: String = before[last.clone()].iter().collect();
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Words in an intro that announce facts rather than proposals.
const DESCRIPTIVE_CUES: &[&str] = &[
    "原因",
    "特点",
    "特征",
    "表现在",
    "表现为",
    "体现在",
    "有利条件",
    "不利条件",
    "具备以下",
    "素质",
    "因素",
    "成就",
    "成效",
    "成绩",
    "新变化",
    "主要变化",
    "新趋势",
    "主要趋势",
    "重要意义",
    "重大意义",
    "意义在于",
    "内涵",
    "含义",
    "标志",
    "短板",
    "不足",
    "弊端",
    "难点",
    "矛盾",
    "主要问题",
    "存在问题",
    "存在的问题",
    "历程",
    "冲击",
    "挑战",
    "层次",
];

/// Words in an intro that announce proposals whatever else it says.
const STRONG_PRESCRIPTIVE_CUES: &[&str] = &[
    "建议",
    "必须",
    "着力",
    "要从",
    "应从",
    "需从",
    "可从",
    "做到",
    "举措",
    "措施",
    "对策",
    "抓好",
    "下功夫",
    "着手",
];

/// Verbs and adverbs that open a directive item lead.
const DIRECTIVE_LEADS: &[&str] = &[
    "加强",
    "加快",
    "加大",
    "推动",
    "推进",
    "提升",
    "提高",
    "完善",
    "健全",
    "深化",
    "强化",
    "坚持",
    "坚定",
    "构建",
    "建立",
    "建设",
    "打造",
    "发挥",
    "激发",
    "引导",
    "鼓励",
    "支持",
    "促进",
    "优化",
    "扩大",
    "做好",
    "做强",
    "抓好",
    "抓住",
    "落实",
    "实施",
    "聚焦",
    "围绕",
    "注重",
    "接轨",
    "积极",
    "大力",
    "全面",
    "进一步",
    "持续",
    "切实",
    "努力",
    "着力",
    "更加",
    "不断",
    "继续",
    "要",
    "应",
    "需",
    "必须",
    "培育",
    "发展",
    "保持",
    "守住",
    "防范",
    "化解",
    "统筹",
    "创新",
    "改革",
    "坚决",
    "严格",
    "用好",
    "把握",
    "树立",
    "营造",
    "增强",
    "拓展",
    "形成",
    "探索",
    "融入",
    "挖掘",
    "瞄准",
    "确保",
    "维护",
    "保障",
    "深入",
    "稳步",
    "主动",
    "充分",
    "全力",
    "着眼",
    "立足",
    "以",
    "把",
    "将",
    "让",
    "强",
    "稳",
    "补",
    "破除",
    "清理",
    "降低",
    "减少",
    "规范",
    "推广",
    "开展",
    "组织",
    "畅通",
    "夯实",
    "筑牢",
    "提倡",
    "倡导",
    "重视",
    "善于",
    "敢于",
    "勇于",
    "集中",
    "适应",
];

/// Whether a list proposes action.
fn is_prescriptive(intro: Option<&str>, items: &[Item], nested_in_recommendation: bool) -> bool {
    let intro = intro.unwrap_or("");
    let has = |cues: &[&str]| cues.iter().any(|c| intro.contains(c));
    let strong = has(STRONG_PRESCRIPTIVE_CUES);
    if has(DESCRIPTIVE_CUES) && !strong {
        return false;
    }
    let directive = items.iter().filter(|it| is_directive(&it.label)).count();
    strong || nested_in_recommendation || directive * 2 > items.len()
}

/// Words in an item lead that report a state or forecast one
/// (`发展机遇更加凸显`, `有望产生新效应`) rather than propose.
const STATE_CUES: &[&str] = &["有望", "愈发", "日益", "越来越"];

/// An item lead that opens with a directive verb and neither reports a
/// completed action (`建立了一张…网络`: perfective 了) nor a state.
pub(crate) fn is_directive(label: &str) -> bool {
    DIRECTIVE_LEADS.iter().any(|v| label.starts_with(v))
        && !has_perfective(label)
        && !STATE_CUES.iter().any(|c| label.contains(c))
}

/// Whether `了` marks a completed action: not in `为了`, `了解`, `了不起`.
fn has_perfective(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    chars.iter().enumerate().any(|(k, &c)| {
        c == '了'
            && (k == 0 || chars[k - 1] != '为')
            && !matches!(chars.get(k + 1), Some('解' | '不' | '如' | '然'))
    })
}

/// Longest lead sentence taken whole, in code points.
const MAX_LEAD_SENTENCE: usize = 30;

/// The lead clause of an item body (after its marker): its first sentence
/// when that is short and more follows (a bold lead), else its first clause.
pub fn label(body: &[char]) -> String {
    let body: Vec<char> = body
        .iter()
        .copied()
        .skip_while(|c| c.is_whitespace())
        .collect();
    let sentence_end = body
        .iter()
        .position(|c| matches!(c, '。' | '！' | '？' | '；' | ';'));
    if let Some(end) = sentence_end {
        let more_follows = body[end + 1..].iter().any(|c| !c.is_whitespace());
        if body[end] != '；' && body[end] != ';' && end <= MAX_LEAD_SENTENCE && more_follows {
            return body[..end].iter().collect();
        }
    }
    let clause_end = body
        .iter()
        .position(|c| matches!(c, '，' | '；' | '。' | '！' | '？' | '：' | ',' | ';' | ':'))
        .unwrap_or(body.len());
    body[..clause_end].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Article {
        Article::of_paragraphs(paragraphs)
    }

    fn labels(paragraphs: &[&str]) -> Vec<(String, String)> {
        recommendations(&article(paragraphs))
            .into_iter()
            .map(|r| (r.marker, r.label))
            .collect()
    }

    #[test]
    fn inline_shi_list_after_prescriptive_intro() {
        let got = labels(&["深化改革应做到“三个聚焦”：一是聚焦营商环境优化。企业兴则经济兴。二是聚焦资源二次分配。城市密度低。三是聚焦资金使用绩效。要盘活资金。"]);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], ("一是".to_string(), "聚焦营商环境优化".to_string()));
    }

    #[test]
    fn paragraph_initial_qi_items_take_the_bold_lead_sentence() {
        let got = labels(&[
            "可从以下两个方面深入开展探索。",
            "其一，进一步提升便利化水平，持续深化商品和要素流动型开放。探索推动降低制度性成本。",
            "其二，进一步加大压力测试力度，稳步扩大制度型开放。在规则领域开展创新。",
        ]);
        assert_eq!(
            got[0].1,
            "进一步提升便利化水平，持续深化商品和要素流动型开放"
        );
        assert_eq!(got[1].0, "其二");
    }

    #[test]
    fn lists_of_causes_are_not_recommendations() {
        assert!(labels(&["增速放缓。主要原因：一是全球需求疲弱。二是成本上升。"]).is_empty());
    }

    #[test]
    fn running_sentence_item_is_cut_at_its_first_clause() {
        let got = labels(&["必须发挥市场作用。一是激发新消费的作用。以需求为导向。二是引导企业树立数字经济意识，促进企业转型；发挥企业家精神。"]);
        assert_eq!(got[0].1, "激发新消费的作用");
        assert_eq!(got[1].1, "引导企业树立数字经济意识");
    }

    #[test]
    fn lists_of_impacts_after_a_weak_cue_are_not_recommendations() {
        assert!(labels(&["同时也要看到，疫情带来很大挑战。一是对居民消费的冲击。消费下降。二是对就业的冲击。就业承压。"]).is_empty());
    }

    #[test]
    fn unannounced_list_counts_when_its_leads_are_directives() {
        let got = labels(&["只有坚持底线思维才能立于不败之地。一是做好我们自己的事情。要稳住。二是推进国家治理现代化。要改革。三是继续加强国际合作。要开放。"]);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn one_marker_alone_is_no_list() {
        assert!(labels(&["要做好工作。一是加强领导。"]).is_empty());
    }

    #[test]
    fn sequence_markers_count_first_then_next_then_last() {
        let got = recommendations(&article(&[
            "必须做好三件事。首先，加强领导。其次，完善制度。最后，强化考核。",
        ]));
        assert_eq!(
            got.iter().map(|r| r.ordinal).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn nested_list_inside_a_recommendation_counts() {
        let got = labels(&["只有并重才能发展。首先，全面融入增量布局。紧紧抓住机遇。其次，深入挖掘存量潜力。潜力集中在以下领域：一是存量企业。通过优化环境推动企业。二是存量楼宇。盘活老建筑。"]);
        assert_eq!(got.len(), 4);
        assert_eq!(got[2], ("一是".to_string(), "存量企业".to_string()));
    }

    #[test]
    fn ordinal_words_that_are_not_markers_are_ignored() {
        assert!(labels(&["这是第一次会议。第一大工业国。其一生都在奋斗。"]).is_empty());
    }

    #[test]
    fn chinese_numbers_parse() {
        assert_eq!(chinese_number(&['十', '二']), Some(12));
        assert_eq!(chinese_number(&['二', '十']), Some(20));
        assert_eq!(chinese_number(&['七']), Some(7));
    }

    #[test]
    fn achievements_and_states_are_not_directives() {
        assert!(is_directive("加快国资国企改革"));
        assert!(is_directive("推进科研与科普有效连接"));
        assert!(!is_directive("建立了一张覆盖城乡的组织网络"));
        assert!(!is_directive("形成了一种科学文明进步的婚育观念"));
        assert!(!is_directive("发展机遇日益凸显"));
        assert!(is_directive("加强调查研究，了解群众需求"));
    }
}
