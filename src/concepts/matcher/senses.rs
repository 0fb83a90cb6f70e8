//! Ambiguous labels resolved by their context: a label in, the concept its
//! context calls for out.
//!
//! A label belongs to one concept (its dominant sense, with a
//! `skos:scopeNote` on both concepts); a [`Rule`] here names the other
//! sense and the cues that select it. Each cue is a small test of the text
//! just before or after the label. The rules are:
//!
//! | label | default sense | other sense, chosen when |
//! |---|---|---|
//! | 自贸区 | 自由贸易区 (a free trade area between economies) | 自贸试验区 (a domestic pilot free trade zone): after a Chinese place name (海南自贸区, 天津自贸区), after a count or 各 (在18个自贸区, 各自贸区), or before （港） / 、自贸港 / 和自贸港 |
//!
//! Agreements named with a place (中日韩自贸区, 中国—东盟自贸区) are labels
//! of their own, so the longest label wins before any rule is asked.

use crate::concepts::lexicon::Lexicon;

use super::Span;

/// A cue in the text around a label.
#[derive(Debug, Clone, Copy)]
enum Cue {
    /// The label follows a Chinese province, city or pilot-zone place name.
    AfterPlace,
    /// The label follows a count word (18个, 各).
    AfterCount,
    /// The label is followed by this text.
    Before(&'static str),
}

/// One ambiguous label and its second sense.
#[derive(Debug, Clone, Copy)]
struct Rule {
    /// The label as printed.
    label: &'static str,
    /// A label of the concept of the other sense.
    sense: &'static str,
    /// Any one of these selects the other sense.
    cues: &'static [Cue],
}

/// The rules: see the module documentation.
const RULES: &[Rule] = &[Rule {
    label: "自贸区",
    sense: "自贸试验区",
    cues: &[
        Cue::AfterPlace,
        Cue::AfterCount,
        Cue::Before("（港）"),
        Cue::Before("(港)"),
        Cue::Before("、自贸港"),
        Cue::Before("和自贸港"),
        Cue::Before("、自由贸易港"),
        Cue::Before("和自由贸易港"),
    ],
}];

/// Chinese provinces, cities and districts that host pilot free trade
/// zones (or could be printed before one): short and full forms.
const PLACES: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "省",
    "市",
    "临港",
    "前海",
    "横琴",
    "南沙",
    "浦东",
    "深圳",
    "厦门",
    "大连",
    "青岛",
    "舟山",
    "宁波",
    "郑州",
    "武汉",
    "成都",
    "西安",
    "济南",
    "南京",
    "苏州",
    "连云港",
    "南宁",
    "昆明",
    "哈尔滨",
    "长沙",
    "合肥",
    "乌鲁木齐",
    "珠海",
    "福州",
    "平潭",
    "洋浦",
    "沈阳",
    "杭州",
    "广州",
    "烟台",
    "徐州",
    "钦州",
    "崇左",
    "红河",
    "黑河",
    "绥芬河",
    "雄安",
    "岳阳",
    "郴州",
    "芜湖",
    "蚌埠",
    "喀什",
    "霍尔果斯",
];

/// Count words that make a following 自贸区 one of several pilot zones.
const COUNTS: &[char] = &['个', '各', '家'];

/// The rules whose labels and senses the lexicon has, resolved to concepts.
#[derive(Debug, Clone, Default)]
pub struct Senses {
    /// (label, concept of the other sense, cues).
    rules: Vec<(&'static str, usize, &'static [Cue])>,
}

impl Senses {
    /// The rules that apply to `lexicon`: both the label and a label of the
    /// other sense must be in it (a user's lexicon may lack them).
    pub fn new(lexicon: &Lexicon) -> Senses {
        let rules = RULES
            .iter()
            .filter(|rule| lexicon.lookup(rule.label).is_some())
            .filter_map(|rule| Some((rule.label, lexicon.lookup(rule.sense)?, rule.cues)))
            .collect();
        Senses { rules }
    }

    /// The concept `span` of `text` names: the other sense where a rule's
    /// cue holds, else the label's own concept.
    pub(crate) fn resolve(&self, text: &str, span: Span) -> usize {
        let label = &text[span.start..span.end];
        let before = &text[..span.start];
        let after = &text[span.end..];
        self.rules
            .iter()
            .find(|(l, _, cues)| *l == label && cues.iter().any(|c| holds(*c, before, after)))
            .map_or(span.concept, |(_, sense, _)| *sense)
    }
}

/// Every ambiguous label with a label of its other sense, for checks that
/// a mention's anchor names its concept (`自贸区` anchors a mention of
/// the concept labelled `自贸试验区` where a rule says so).
pub fn ambiguous_labels() -> impl Iterator<Item = (&'static str, &'static str)> {
    RULES.iter().map(|rule| (rule.label, rule.sense))
}

/// Whether `cue` holds between the text `before` and `after` a label.
fn holds(cue: Cue, before: &str, after: &str) -> bool {
    match cue {
        Cue::AfterPlace => PLACES.iter().any(|p| before.ends_with(p)),
        Cue::AfterCount => before
            .chars()
            .next_back()
            .is_some_and(|c| COUNTS.contains(&c)),
        Cue::Before(text) => after.starts_with(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn senses() -> (Senses, usize, usize) {
        let lexicon = Lexicon::bundled_ref();
        let fta = lexicon.lookup("自贸区").expect("自贸区 is a label");
        let zone = lexicon.lookup("自贸试验区").expect("自贸试验区 is a label");
        (Senses::new(lexicon), fta, zone)
    }

    fn sense_of(text: &str) -> usize {
        let (senses, fta, _) = senses();
        let start = text.find("自贸区").expect("the text has 自贸区");
        let span = Span {
            start,
            end: start + "自贸区".len(),
            concept: fta,
        };
        senses.resolve(text, span)
    }

    #[test]
    fn a_place_before_makes_a_pilot_zone() {
        let (_, _, zone) = senses();
        assert_eq!(sense_of("推进海南自贸区建设"), zone);
        assert_eq!(sense_of("天津自贸区挂牌"), zone);
    }

    #[test]
    fn a_count_or_a_port_makes_a_pilot_zone() {
        let (_, _, zone) = senses();
        assert_eq!(sense_of("在18个自贸区复制推广"), zone);
        assert_eq!(sense_of("自贸区（港）建设"), zone);
    }

    #[test]
    fn without_a_cue_it_is_a_free_trade_area() {
        let (_, fta, _) = senses();
        assert_eq!(sense_of("加快实施自贸区战略"), fta);
        assert_eq!(sense_of("商签自贸区协定"), fta);
    }
}
