//! Junk filters: candidate-shaped strings that are phrases of news prose
//! rather than concepts. Each rule is one small function over the words a
//! candidate was cut into (jieba's segments), with its own test; the list
//! of rules is [`is_junk`]. They look at grammar, never at topics:
//!
//! - [`is_organisation_fragment`]: a piece of a company's name or a
//!   person's title (`集团有限公司`, `有限公司董事长`, `研究所所长`,
//!   `新闻发言人`): a legal form, an office or a title among the words;
//! - [`is_dateline_fragment`]: a piece of a dateline or byline
//!   (`新华社北京`, `本报记者`): a news agency, newspaper or reporter word;
//! - [`is_determiner_phrase`]: a determiner or quantifier before a noun
//!   (`整个国民经济`, `各个地区`, `所有企业`, `会同有关部门`);
//! - [`is_light_headed`]: a phrase headed by a light noun or a
//!   postposition (`防控工作`, `实际情况`, `民生领域`, `范围内`): the
//!   concept, if any, is what comes before;
//! - [`is_fieldless_body`]: a body's name whose field was cut off
//!   (`工作领导小组`);
//! - [`is_adverbial_predicate`]: a verb after an adverb of degree or
//!   manner (`高度赞赏`, `大力弘扬`, `同比上涨`);
//! - [`is_counted_clause`]: a clause after a numeral's counted noun
//!   (`人受伤`);
//! - [`is_cut_before_object`]: a phrase ending in a light verb that lost
//!   its object (`发展作出`);
//! - [`is_addressee`]: a group of people named as an audience or a party
//!   (`全国各族人民`, `两国领导人`, `中国朋友`);
//! - [`is_inverted_term`]: a verb before its object where the object
//!   before the verb is the term (`防控疫情` next to `疫情防控`);
//! - [`is_verb_object`]: two words, the first one the corpus uses as a
//!   predicate (a fifth of its occurrences come right after an adverb, a
//!   preposition or an auxiliary): `抗击疫情`, `战胜疫情`, `做好工作`;
//! - [`is_personal_name`]: a surname and a given name (`栗战书`), which
//!   jieba cuts as a surname and a word;
//! - [`is_subject_predicate`]: two words, mostly seen inside a frame a
//!   preposition or passive marker opens, the second one used as a
//!   predicate at least a twentieth of the time (`受疫情影响` gives `疫情影响`).
//!
//! The word classes below are closed grammatical classes of Chinese
//! (determiners, legal forms of companies, news bylines), not topics.

/// Legal forms of companies, and the offices people hold in
/// organisations: the words that end a company's name or a person's title
/// (`有限公司`, `董事长`, `党支部书记`, `研究所所长`).
const ORGANISATION_WORDS: &[&str] = &[
    "公司",
    "集团",
    "股份",
    "控股",
    "有限",
    "董事长",
    "董事",
    "总经理",
    "总裁",
    "经理",
    "书记",
    "主席",
    "院长",
    "所长",
    "秘书长",
    "负责人",
    "主任",
    "部长",
    "局长",
    "厅长",
    "市长",
    "省长",
    "县长",
    "区长",
    "校长",
    "行长",
    "会长",
    "理事长",
    "委员长",
    "总理",
    "总统",
    "首相",
    "执行官",
    "总监",
    "总干事",
    "院士",
    "发言人",
    "同志",
    "研究员",
    "民警",
    "国务卿",
    "研究院",
    "学院",
];

/// Units of organisations: `X长` is the head of an `X` (`司长`, `处长`,
/// `站长`), unlike `增长` or `成长`.
const UNITS: &str = "院所部局厅市省县区校行会司处科社台馆站团队组村镇乡委室";

/// Words of datelines and bylines: agencies, newspapers, reporters,
/// dispatches.
const DATELINE_WORDS: &[&str] = &[
    "新华社",
    "中新社",
    "本报",
    "记者",
    "通讯员",
    "央视网",
    "人民网",
    "新华网",
    "电讯",
    "日电",
    "专电",
];

/// Determiners and quantifiers: they pick out instances, never name a
/// concept (`整个国民经济` is `国民经济`); so do the modifiers of rank and
/// scope that pick out the main, important, actual or nationwide ones
/// (`主要内容`, `重要讲话精神`, `实际问题`, `全国大学生`).
const DETERMINERS: &[&str] = &[
    "整个",
    "各个",
    "一些",
    "所有",
    "这些",
    "那些",
    "该",
    "每个",
    "每",
    "各",
    "全部",
    "任何",
    "某些",
    "某",
    "其他",
    "其它",
    "其余",
    "诸多",
    "许多",
    "很多",
    "有些",
    "多个",
    "多数",
    "大多数",
    "少数",
    "个别",
    "部分",
    "本",
    "此",
    "这",
    "那",
    "全体",
    "众多",
    "广大",
    "有关",
    "相关",
    "上述",
    "前述",
    "全",
    "主要",
    "重要",
    "实际",
    "全国",
    "两国",
    "双方",
];

/// Light nouns: they head a phrase without naming anything of their own
/// (`防控工作` is the work of `防控`, `实际情况` the facts), and
/// postpositions, which make a noun a place or a time (`范围内`, `会上`).
const LIGHT_HEADS: &[&str] = &[
    "工作", "情况", "方面", "层面", "领域", "范围", "过程", "期间", "时期", "以来", "之际", "当中",
    "之中", "之间", "内", "中", "里", "外", "上", "下", "间", "前", "后", "时",
];

/// The people a text speaks to or about as a group or a party, not a
/// concept: audiences (`人民`, `同胞`, `中华儿女`), counterparts (`领导人`,
/// `朋友`, `人士`).
const ADDRESSEES: &[&str] = &[
    "人民",
    "同胞",
    "儿女",
    "领导人",
    "朋友",
    "人士",
    "各界",
    "先生",
    "女士",
];

/// Heads of bodies set up for a task: named after their field
/// (`防控工作领导小组`, `扶贫开发领导小组`), never after a light noun.
const BODY_HEADS: &[&str] = &["领导小组", "委员会", "办公室", "指挥部", "工作组", "小组"];

/// Adverbs of degree and manner: they modify a verb (`高度赞赏`,
/// `大力弘扬`, `深度融合`), so a phrase they open is a predicate.
const DEGREE_ADVERBS: &[&str] = &[
    "高度",
    "大力",
    "深度",
    "有机",
    "全力",
    "充分",
    "深入",
    "认真",
    "积极",
    "广泛",
    "切实",
    "坚决",
    "不断",
    "进一步",
    "全面",
    "着力",
    "努力",
    "持续",
    "加快",
    "加紧",
    "热烈",
    "同比",
    "环比",
    "近日",
    "日前",
    "近期",
];

/// Counted nouns and classifiers, which follow a numeral (`247人受伤`,
/// `3名`): a phrase they open lost its number and is a clause.
const COUNTED: &[&str] = &["人", "名", "个", "位", "家", "例", "起", "件", "次", "户"];

/// Light verbs, and verbs of saying: they need the object or the speech
/// that follows (`作出贡献`, `注入动力`, `大家表示，…`), so a phrase ending
/// in one is cut short (`发展作出`, `大家表示`).
const LIGHT_VERBS: &[&str] = &[
    "表示", "指出", "强调", "认为", "说", "作出", "做出", "注入", "提供", "带来", "进行", "加以",
    "给予", "予以", "实现",
];

/// Whether a candidate, cut into `words`, is junk by any rule that needs
/// no corpus statistics.
pub fn is_junk(words: &[&str]) -> bool {
    is_counted_clause(words)
        || is_adverbial_predicate(words)
        || is_cut_before_object(words)
        || is_organisation_fragment(words)
        || is_fieldless_body(words)
        || is_dateline_fragment(words)
        || is_determiner_phrase(words)
        || is_light_headed(words)
        || is_addressee(words)
}

/// Two words or more, the last a light noun or a postposition
/// (`防控工作`, `实际情况`, `范围内`, `会议期间`).
pub fn is_light_headed(words: &[&str]) -> bool {
    words.len() >= 2 && words.last().is_some_and(|w| LIGHT_HEADS.contains(w))
}

/// Two words or more, the last naming people as an audience or a party
/// (`全国各族人民`, `两国领导人`, `中国朋友`).
pub fn is_addressee(words: &[&str]) -> bool {
    words.len() >= 2
        && words
            .last()
            .is_some_and(|w| ADDRESSEES.iter().any(|a| w.ends_with(a)))
}

/// A piece of a company's name or of a title in it: a word that is, or
/// ends with, a legal form or a corporate office (`集团有限公司`,
/// `有限公司董事长`, `股份有限公司`).
pub fn is_organisation_fragment(words: &[&str]) -> bool {
    words.iter().any(|w| {
        ORGANISATION_WORDS.iter().any(|o| w.ends_with(o)) || is_unit_head(w) || is_numbered_unit(w)
    })
}

/// Two words or more opened by an adverb of degree or manner
/// (`高度赞赏`, `大力弘扬`, `有机统一`): a predicate, not a name.
pub fn is_adverbial_predicate(words: &[&str]) -> bool {
    words.len() >= 2 && DEGREE_ADVERBS.contains(&words[0])
}

/// Two words or more opened by a counted noun or a classifier, whose
/// numeral was cut off (`人受伤` of `247人受伤`).
pub fn is_counted_clause(words: &[&str]) -> bool {
    words.len() >= 2 && COUNTED.contains(&words[0])
}

/// Two words or more ending in a light verb, whose object was cut off
/// (`发展作出`, `发展注入`).
pub fn is_cut_before_object(words: &[&str]) -> bool {
    words.len() >= 2 && words.last().is_some_and(|w| LIGHT_VERBS.contains(w))
}

/// A body's name cut after a light noun, its field left out
/// (`工作领导小组` of `疫情防控工作领导小组`, `工作委员会`).
pub fn is_fieldless_body(words: &[&str]) -> bool {
    match words {
        [.., light, head] => LIGHT_HEADS.contains(light) && BODY_HEADS.contains(head),
        _ => false,
    }
}

/// The head of an organisational unit: a unit character and `长`
/// (`司长`, `司司长`, `站长`).
fn is_unit_head(word: &str) -> bool {
    let mut chars = word.chars().rev();
    chars.next() == Some('长') && chars.next().is_some_and(|unit| UNITS.contains(unit))
}

/// A numbered unit of an organisation: numerals and a unit character
/// (`三局` of `中建三局`, `十二局`, `二院`).
fn is_numbered_unit(word: &str) -> bool {
    let mut chars = word.chars().rev();
    chars.next().is_some_and(|unit| UNITS.contains(unit))
        && chars.clone().next().is_some()
        && chars.all(|c| "一二三四五六七八九十".contains(c))
}

/// A piece of a dateline or byline: a news agency, a newspaper's "our
/// paper", a reporter or a dispatch among the words (`新华社北京`,
/// `本报记者`).
pub fn is_dateline_fragment(words: &[&str]) -> bool {
    words.iter().any(|w| DATELINE_WORDS.contains(w))
}

/// A determiner or quantifier first (`整个国民经济`, `各个地区`), or a
/// word anywhere that starts with one of two characters or more
/// (`广大党员` as one segment, `会同有关部门`).
pub fn is_determiner_phrase(words: &[&str]) -> bool {
    let opens = |word: &str| {
        DETERMINERS
            .iter()
            .any(|d| d.chars().count() >= 2 && word.starts_with(d))
    };
    words
        .first()
        .is_some_and(|first| DETERMINERS.contains(first))
        || words.iter().any(|w| opens(w))
}

/// Two words whose reversal is a term (`is_term`): a verb placed before
/// its object (`防控疫情`) where the object placed before the verb names
/// the concept (`疫情防控`).
pub fn is_inverted_term(words: &[&str], is_term: impl Fn(&str) -> bool) -> bool {
    match words {
        [first, second] => is_term(&format!("{second}{first}")),
        _ => false,
    }
}

/// Share of a word's occurrences after predicate markers from which the
/// word leads a verb-object phrase.
pub const VERB_SHARE: f64 = 0.2;
/// The same share from which a word ends a subject-predicate phrase that
/// stands in a frame.
pub const FRAMED_VERB_SHARE: f64 = 0.05;

/// A word before the last one used as a predicate by the corpus (`share`
/// gives the part of its occurrences right after an adverb, a preposition
/// or an auxiliary; at least [`VERB_SHARE`]): a verb and its object
/// (`抗击疫情`, `做好工作`, `中国抗击疫情`). A candidate's last word is a
/// noun or a verbal noun, so what follows the verb is its object, not a
/// compound the verb heads.
pub fn is_verb_object(words: &[&str], share: impl Fn(&str) -> f64) -> bool {
    match words.split_last() {
        Some((_, before)) => before.iter().any(|w| share(w) >= VERB_SHARE),
        None => false,
    }
}

/// A last word used as a predicate by the corpus (`share` at least
/// [`VERB_SHARE`]): a clause that ends in its verb (`全力做好`), not a
/// term. (A lower bar for words jieba tags as verbs there also took
/// `居家隔离` and `易地搬迁`, which are terms.)
pub fn is_predicate_final(words: &[&str], share: impl Fn(&str) -> f64) -> bool {
    words.len() >= 2 && words.last().is_some_and(|w| share(w) >= VERB_SHARE)
}

/// At most three characters mostly opened by a surname (`surname_first`:
/// jieba tagged the first character alone as a personal name): a
/// person's name (`栗战书`) or a surname-shaped verb phrase (`富起来`),
/// not a concept.
pub fn is_personal_name(label: &str, surname_first: bool) -> bool {
    surname_first && label.chars().count() <= 3
}

/// Two words mostly seen right after a preposition or a passive marker
/// (`mostly_framed`: `受疫情影响`, `在疫情影响下`), the second used as a
/// predicate (`share` at least [`FRAMED_VERB_SHARE`]): the subject and
/// verb of a clause, not a compound.
pub fn is_subject_predicate(
    words: &[&str],
    mostly_framed: bool,
    share: impl Fn(&str) -> f64,
) -> bool {
    match words {
        [_, last] => mostly_framed && share(last) >= FRAMED_VERB_SHARE,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_fragments_are_junk() {
        assert!(is_organisation_fragment(&["集团", "有限公司"]));
        assert!(is_organisation_fragment(&["有限公司", "董事长"]));
        assert!(is_organisation_fragment(&["股份", "有限公司"]));
        assert!(is_organisation_fragment(&["党支部", "书记"]));
        assert!(is_organisation_fragment(&["研究所", "所长"]));
        assert!(is_organisation_fragment(&["司", "司长"]));
        assert!(is_organisation_fragment(&["法国", "总统", "马克龙"]));
        assert!(!is_organisation_fragment(&["经济", "增长"]));
        assert!(!is_organisation_fragment(&["健康", "成长"]));
        assert!(!is_organisation_fragment(&["数字", "经济"]));
        assert!(!is_organisation_fragment(&["股份制", "改革"]));
        assert!(is_organisation_fragment(&["中建", "三局"]));
        assert!(is_organisation_fragment(&["中铁", "十二局"]));
        assert!(!is_organisation_fragment(&["三农", "问题"]));
        assert!(!is_organisation_fragment(&["局", "面"]));
    }

    #[test]
    fn surname_led_short_names_are_junk() {
        assert!(is_personal_name("栗战书", true));
        assert!(is_personal_name("富起来", true));
        assert!(!is_personal_name("栗战书", false));
        assert!(!is_personal_name("马克思主义理论", true));
    }

    #[test]
    fn dateline_fragments_are_junk() {
        assert!(is_dateline_fragment(&["新华社", "北京"]));
        assert!(is_dateline_fragment(&["本报", "记者"]));
        assert!(!is_dateline_fragment(&["北京", "冬奥会"]));
    }

    #[test]
    fn determiner_phrases_are_junk() {
        assert!(is_determiner_phrase(&["整个", "国民经济"]));
        assert!(is_determiner_phrase(&["各个", "地区"]));
        assert!(is_determiner_phrase(&["所有", "企业"]));
        assert!(is_determiner_phrase(&["广大", "党员", "干部"]));
        assert!(is_determiner_phrase(&["有关", "负责人"]));
        assert!(is_determiner_phrase(&["广大党员", "干部"]));
        assert!(!is_determiner_phrase(&["本土", "品牌"]));
        assert!(is_determiner_phrase(&["会同", "有关部门"]));
        assert!(is_determiner_phrase(&["主要", "内容"]));
        assert!(is_determiner_phrase(&["重要讲话", "精神"]));
        assert!(is_determiner_phrase(&["全国", "大学生"]));
        assert!(!is_determiner_phrase(&["国民经济", "本"]));
        assert!(!is_determiner_phrase(&["部门", "规章"]));
    }

    #[test]
    fn light_headed_phrases_are_junk() {
        assert!(is_light_headed(&["防控", "工作"]));
        assert!(is_light_headed(&["实际", "情况"]));
        assert!(is_light_headed(&["范围", "内"]));
        assert!(is_light_headed(&["国家", "层面"]));
        assert!(!is_light_headed(&["工作"]));
        assert!(!is_light_headed(&["工作", "机制"]));
        assert!(!is_light_headed(&["中", "欧班列"]));
        assert!(is_light_headed(&["民生", "领域"]));
        assert!(is_light_headed(&["大", "范围"]));
    }

    #[test]
    fn predicates_and_phrases_cut_before_their_object_are_junk() {
        assert!(is_adverbial_predicate(&["高度", "赞赏"]));
        assert!(is_adverbial_predicate(&["大力", "弘扬"]));
        assert!(!is_adverbial_predicate(&["易地", "搬迁"]));
        assert!(!is_adverbial_predicate(&["高度"]));
        assert!(is_cut_before_object(&["发展", "作出"]));
        assert!(is_adverbial_predicate(&["同比", "上涨"]));
        assert!(is_counted_clause(&["人", "受伤"]));
        assert!(is_cut_before_object(&["大家", "表示"]));
        assert!(is_adverbial_predicate(&["近日", "印发"]));
        assert!(!is_counted_clause(&["人才", "培养"]));
        assert!(is_determiner_phrase(&["两国", "立法机构"]));
        assert!(!is_cut_before_object(&["产业", "升级"]));
        assert!(is_organisation_fragment(&["研究所", "研究员"]));
        assert!(is_organisation_fragment(&["科学", "研究院"]));
    }

    #[test]
    fn bodies_without_their_field_are_junk() {
        assert!(is_fieldless_body(&["工作", "领导小组"]));
        assert!(is_fieldless_body(&["防控", "工作", "领导小组"]));
        assert!(!is_fieldless_body(&["扶贫", "领导小组"]));
        assert!(!is_fieldless_body(&["领导小组"]));
    }

    #[test]
    fn addressees_are_junk() {
        assert!(is_addressee(&["全国", "各族", "人民"]));
        assert!(is_addressee(&["两国", "领导人"]));
        assert!(is_addressee(&["总统", "先生"]));
        assert!(is_addressee(&["中国", "朋友"]));
        assert!(is_addressee(&["海内外", "中华儿女"]));
        assert!(is_addressee(&["全国", "各族人民"]));
        assert!(!is_addressee(&["人民", "币"]));
        assert!(!is_addressee(&["人民"]));
        assert!(!is_addressee(&["人民", "至上"]));
    }

    #[test]
    fn a_verb_before_the_object_of_a_term_is_junk() {
        let term = |s: &str| s == "疫情防控";
        assert!(is_inverted_term(&["防控", "疫情"], term));
        assert!(!is_inverted_term(&["疫情", "防控"], term));
        assert!(!is_inverted_term(&["防控", "疫情", "工作"], term));
    }

    #[test]
    fn a_predicate_and_its_object_is_junk() {
        // Shares measured on People's Daily 2019–2020.
        let share = |w: &str| match w {
            "抗击" => 0.28,
            "做好" => 0.27,
            "数字" => 0.11,
            "创新" => 0.11,
            _ => 0.0,
        };
        assert!(is_verb_object(&["抗击", "疫情"], share));
        assert!(is_verb_object(&["做好", "工作"], share));
        assert!(!is_verb_object(&["数字", "经济"], share));
        assert!(!is_verb_object(&["创新", "生态"], share));
        assert!(is_verb_object(&["中国", "抗击", "疫情"], share));
        assert!(!is_verb_object(&["疫情", "抗击"], share));
        assert!(!is_verb_object(&["数字", "经济", "时代"], share));
    }

    #[test]
    fn a_clause_ending_in_its_verb_is_junk() {
        let share = |w: &str| match w {
            "做好" => 0.27,
            "创新" => 0.11,
            _ => 0.0,
        };
        assert!(is_predicate_final(&["全力", "做好"], share));
        assert!(!is_predicate_final(&["科技", "创新"], share));
        assert!(!is_predicate_final(&["做好"], share));
    }

    #[test]
    fn a_subject_and_predicate_inside_a_frame_is_junk() {
        let share = |w: &str| match w {
            "影响" => 0.11,
            "振兴" => 0.01,
            _ => 0.0,
        };
        assert!(is_subject_predicate(&["疫情", "影响"], true, share));
        assert!(!is_subject_predicate(&["疫情", "影响"], false, share));
        assert!(!is_subject_predicate(&["乡村", "振兴"], true, share));
    }
}
