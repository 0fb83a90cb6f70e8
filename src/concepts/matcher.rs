//! Finding concepts in text: a [`Lexicon`] in, a [`Matcher`] out, which
//! turns any text into [`Hit`]s (code-point spans naming a concept) and
//! segments text with jieba for term discovery.
//!
//! Matching is exact and case-sensitive over every label the lexicon
//! matches (prefLabel@zh and all altLabels). Every occurrence of every
//! label is found, then [`select`] decides which are mentions, in this
//! order:
//!
//! 1. a label nested in a longer curated label is no mention of its own
//!    (新型经济全球化 hides the 经济全球化 inside it), unless the longer
//!    label is a formula that joins it as a whole part with 的, 、, ，, 和,
//!    与 or 及 ([`is_joined`]: 实现中华民族伟大复兴的中国梦 names
//!    中华民族伟大复兴 and 中国梦; 普惠包容的经济全球化 names 经济全球化),
//!    or the longer label is a clause, a verb or preposition in the rest
//!    of it (以供给侧结构性改革为主线 names 供给侧结构性改革);
//! 2. two curated labels that overlap are both mentions
//!    (新冠肺炎疫情 and 疫情防控 in 新冠肺炎疫情防控), unless the first one
//!    begins with a verb that governs the second: then only the second
//!    reading is consistent with the words (共享 / 经济全球化, not 共享经济);
//! 3. an ambiguous label takes the sense its context calls for
//!    ([`senses`]: 海南自贸区 is a pilot zone, 自贸区 alone an FTA);
//! 4. a conjunct whose head is elided names the concept of conjunct plus
//!    head ([`elision`]: 新兴市场 in 新兴市场和发展中国家 is 新兴市场国家);
//! 5. a discovered term is a mention only where no curated label is: a
//!    discovered term never takes text from a curated concept.
//!
//! A label that begins or ends with an ASCII letter or digit (CPTPP, G20,
//! 5G, 21世纪海上丝绸之路) only matches where that end is not glued to
//! another ASCII letter or digit, so WTO is not found in WTOX; a label of
//! two CJK characters must start and end on a jieba word boundary (国企 is
//! not found in 中国企业).
//!
//! The jieba segmenter is costly to build (its 350k-word dictionary plus
//! every label), so it is built on first use and then shared; a
//! [`Matcher`] is `Send + Sync` and meant to be shared across threads.

mod elision;
mod select;
pub mod senses;

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use jieba_rs::Jieba;

use crate::concepts::lexicon::Lexicon;

/// The jieba frequency given to every label: above all but the commonest
/// function words of the default dictionary (中国 is 129 470, 发展 68 664),
/// so a path through the whole label always beats any split of it.
const LABEL_FREQUENCY: usize = 200_000;
/// The jieba part-of-speech tag of labels (`nz`: other proper noun).
const LABEL_TAG: &str = "nz";

/// Labels of at most this many characters must start and end on a word
/// boundary of the segmenter.
const SHORT_LABEL: usize = 2;

/// One occurrence of a concept label in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hit {
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset just past the last character (exclusive).
    pub end: usize,
    /// Index of the concept in [`Lexicon::concepts`].
    pub concept: usize,
}

/// What the automaton knows about one label.
#[derive(Debug, Clone)]
struct Pattern {
    /// Index of the owning concept.
    concept: usize,
    /// The label starts with an ASCII letter or digit.
    ascii_start: bool,
    /// The label ends with an ASCII letter or digit.
    ascii_end: bool,
    /// The label is two CJK characters or fewer, short enough to turn up
    /// inside unrelated words (国企 in 中国企业, 党建 in 政党建设).
    short: bool,
    /// The owning concept was found by discovery, not curated.
    discovered: bool,
}

impl Pattern {
    fn new(label: &str, concept: usize, discovered: bool) -> Pattern {
        let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        Pattern {
            concept,
            ascii_start: ascii(label.chars().next()),
            ascii_end: ascii(label.chars().next_back()),
            short: label.chars().count() <= SHORT_LABEL && !label.is_ascii(),
            discovered,
        }
    }

    /// Whether a match at bytes `start..end` of `text` stands on word
    /// boundaries where the label's ends need them. A byte before or after
    /// that is an ASCII letter or digit is that character (UTF-8 bytes of
    /// other characters are never ASCII).
    fn fits(&self, text: &[u8], start: usize, end: usize) -> bool {
        let glued = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_alphanumeric);
        let glued_before = self.ascii_start && start > 0 && glued(text.get(start - 1));
        let glued_after = self.ascii_end && glued(text.get(end));
        !glued_before && !glued_after
    }
}

/// One label occurrence, in byte offsets, before selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Index of the concept.
    pub concept: usize,
}

/// The characters a formula joins its parts with (`实现中华民族伟大复兴的中国梦`,
/// `质量变革、效率变革、动力变革`, `科技创新和产业创新`).
const FORMULA_JOINTS: &[char] = &['的', '、', '，', ',', '和', '与', '及'];

/// Whether `inner`, nested in the label occurrence `outer` of `text`, is a
/// whole part of it: a joint ([`FORMULA_JOINTS`]) right before or right
/// after it inside `outer`.
fn is_joined(text: &str, outer: Span, inner: Span) -> bool {
    let before = text[outer.start..inner.start].chars().next_back();
    let after = text[inner.end..outer.end].chars().next();
    [before, after]
        .into_iter()
        .flatten()
        .any(|c| FORMULA_JOINTS.contains(&c))
}

/// Part-of-speech tags (jieba) of a verb or a preposition: words that make
/// a label a clause with arguments rather than a compound noun.
const CLAUSE_TAGS: &[&str] = &["v", "p"];

/// A compiled lexicon: finds label occurrences and segments text.
#[derive(Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// One entry per automaton pattern.
    patterns: Vec<Pattern>,
    /// The labels, added to the segmenter's dictionary when it is built.
    labels: Vec<String>,
    /// Curated labels and their concepts, for elided conjuncts.
    curated: std::collections::HashMap<String, usize>,
    /// The context rules of ambiguous labels this lexicon can apply.
    senses: senses::Senses,
    segmenter: OnceLock<Jieba>,
}

impl Matcher {
    /// Compiles every label of `lexicon` into an automaton that reports
    /// every occurrence (about 20 ms for the bundled lexicon). The
    /// segmenter is built on first use.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let concepts = lexicon.concepts();
        let (labels, patterns): (Vec<String>, Vec<Pattern>) = lexicon
            .labels()
            .map(|(label, concept)| {
                let discovered = concepts[concept].discovered;
                (label.to_owned(), Pattern::new(label, concept, discovered))
            })
            .unzip();
        let curated = labels
            .iter()
            .zip(&patterns)
            .filter(|(_, p)| !p.discovered)
            .map(|(l, p)| (l.clone(), p.concept))
            .collect();
        let automaton = compile(&labels);
        Matcher {
            automaton,
            patterns,
            labels,
            curated,
            senses: senses::Senses::new(lexicon),
            segmenter: OnceLock::new(),
        }
    }

    /// The matcher of the bundled lexicon, built once per process.
    pub fn bundled() -> &'static Matcher {
        static BUNDLED: OnceLock<Matcher> = OnceLock::new();
        BUNDLED.get_or_init(|| Matcher::new(Lexicon::bundled_ref()))
    }

    /// Every concept mention in `text`, ordered by start, with code-point
    /// offsets. Curated mentions may overlap where two concepts share
    /// characters (see the module documentation for the rules);
    /// discovered ones never overlap anything.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let (curated, discovered) = self.occurrences(text);
        let mut spans = select::curated(
            curated,
            |a, b| self.verb_governs(text, a, b),
            |outer, inner| self.is_constituent(text, outer, inner),
        );
        for span in &mut spans {
            span.concept = self.senses.resolve(text, *span);
        }
        let elided = elision::conjuncts(text, &spans, &self.curated);
        spans.extend(elided);
        let fill = select::gaps(discovered, &spans);
        spans.extend(fill);
        spans.sort_by_key(|s| (s.start, s.end));
        to_code_points(text, &spans)
    }

    /// Every occurrence of every label that stands on the boundaries its
    /// label needs, split into curated and discovered ones.
    fn occurrences(&self, text: &str) -> (Vec<Span>, Vec<Span>) {
        let bytes = text.as_bytes();
        let mut boundaries: Option<std::collections::HashSet<usize>> = None;
        let (mut curated, mut discovered) = (Vec::new(), Vec::new());
        for m in self.automaton.find_overlapping_iter(text) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let on_words = !pattern.short || {
                let cuts = boundaries.get_or_insert_with(|| self.word_boundaries(text));
                cuts.contains(&m.start()) && cuts.contains(&m.end())
            };
            if on_words && pattern.fits(bytes, m.start(), m.end()) {
                let span = Span {
                    start: m.start(),
                    end: m.end(),
                    concept: pattern.concept,
                };
                if pattern.discovered {
                    discovered.push(span);
                } else {
                    curated.push(span);
                }
            }
        }
        (curated, discovered)
    }

    /// Whether `inner`, nested in the label occurrence `outer`, is a whole
    /// part of it, and so a mention of its own: the formula joins it with
    /// a joint ([`is_joined`]: 实现中华民族伟大复兴的中国梦), or the rest of
    /// the formula holds a verb or a preposition, so the formula is a clause
    /// and `inner` one of its arguments (以供给侧结构性改革为主线,
    /// 推动构建人类命运共同体, 制度优势更好转化为国家治理效能). A compound
    /// noun hides what it is made of (新型经济全球化, 金融供给侧结构性改革).
    fn is_constituent(&self, text: &str, outer: Span, inner: Span) -> bool {
        is_joined(text, outer, inner)
            || [&text[outer.start..inner.start], &text[inner.end..outer.end]]
                .into_iter()
                .filter(|rest| !rest.is_empty())
                .any(|rest| {
                    self.segmenter()
                        .tag(rest, false)
                        .iter()
                        .any(|t| CLAUSE_TAGS.contains(&t.tag))
                })
    }

    /// Whether the part of `first` before `second` begins is one verb
    /// (jieba tag `v`), which then governs `second`: in 共享经济全球化,
    /// 共享 governs 经济全球化, and 共享经济 is a misreading.
    fn verb_governs(&self, text: &str, first: Span, second: Span) -> bool {
        let head = &text[first.start..second.start];
        let tags = self.segmenter().tag(head, false);
        matches!(tags.as_slice(), [only] if only.tag == "v")
    }

    /// Byte offsets where jieba's words start or end in `text`.
    fn word_boundaries(&self, text: &str) -> std::collections::HashSet<usize> {
        let mut cuts = std::collections::HashSet::from([0]);
        let mut at = 0;
        for word in self.segment(text) {
            at += word.len();
            cuts.insert(at);
        }
        cuts
    }

    /// `text` cut into words by jieba (HMM on for unknown words), with
    /// every label of the lexicon in its dictionary. Labels made only of
    /// CJK characters, ASCII letters and digits come out whole; jieba always
    /// cuts at other punctuation, so 不忘初心、牢记使命 comes out in pieces.
    pub fn segment<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.segmenter()
            .cut(text, true)
            .into_iter()
            .map(|token| token.word)
            .collect()
    }

    /// `text` cut into (word, part-of-speech tag) pairs by jieba, HMM on;
    /// lexicon labels are tagged `nz`.
    pub fn tag(&self, text: &str) -> Vec<(String, String)> {
        self.segmenter()
            .tag(text, true)
            .into_iter()
            .map(|tag| (tag.word.to_owned(), tag.tag.to_owned()))
            .collect()
    }

    /// The segmenter, built on first use (about a second's work) by
    /// whichever thread asks first; others wait for it.
    pub fn segmenter(&self) -> &Jieba {
        self.segmenter.get_or_init(|| build_segmenter(&self.labels))
    }
}

/// An automaton over `labels` that reports every occurrence, overlapping
/// ones included: a DFA (about twice as fast as the default NFA here), or
/// the default kind if a huge lexicon makes the DFA too large.
fn compile(labels: &[String]) -> AhoCorasick {
    let mut builder = AhoCorasick::builder();
    builder.match_kind(MatchKind::Standard);
    builder
        .kind(Some(AhoCorasickKind::DFA))
        .build(labels)
        .or_else(|_| builder.kind(None).build(labels))
        // Only an automaton past aho-corasick's size limits fails to
        // build; lexicons are thousands of short labels, far below them.
        .expect("the lexicon's labels compile into an automaton")
}

/// jieba's default dictionary with every label added as a frequent proper noun.
fn build_segmenter(labels: &[String]) -> Jieba {
    let mut jieba = Jieba::new();
    for label in labels {
        jieba.add_word(label, Some(LABEL_FREQUENCY), Some(LABEL_TAG));
    }
    jieba
}

/// The spans as hits in code points (spans may overlap, so their offsets
/// are converted in one sorted pass).
fn to_code_points(text: &str, spans: &[Span]) -> Vec<Hit> {
    let mut bytes: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    bytes.sort_unstable();
    bytes.dedup();
    let mut offsets = CodePoints::new(text);
    let chars: Vec<usize> = bytes.iter().map(|&b| offsets.at(b)).collect();
    let at = |b: usize| chars[bytes.binary_search(&b).unwrap_or_default()];
    spans
        .iter()
        .map(|s| Hit {
            start: at(s.start),
            end: at(s.end),
            concept: s.concept,
        })
        .collect()
}

/// Converts increasing byte offsets to code-point offsets in one pass.
struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> CodePoints<'a> {
        CodePoints {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte`, which must be on a char
    /// boundary and not before the previous one asked.
    fn at(&mut self, byte: usize) -> usize {
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels_found(text: &str) -> Vec<String> {
        let matcher = Matcher::bundled();
        let chars: Vec<char> = text.chars().collect();
        matcher
            .find(text)
            .iter()
            .map(|h| chars[h.start..h.end].iter().collect())
            .collect()
    }

    #[test]
    fn longest_label_wins() {
        assert_eq!(labels_found("推动新型经济全球化"), ["新型经济全球化"]);
    }

    #[test]
    fn whole_parts_of_a_formula_are_mentions_too() {
        assert_eq!(
            labels_found("为实现中华民族伟大复兴的中国梦而奋斗"),
            ["实现中华民族伟大复兴的中国梦", "中华民族伟大复兴"]
        );
        assert_eq!(
            labels_found("推动普惠包容的经济全球化"),
            ["普惠包容的经济全球化", "经济全球化"]
        );
    }

    #[test]
    fn latin_labels_need_word_boundaries() {
        assert_eq!(labels_found("加入CPTPP和RCEP"), ["CPTPP", "RCEP"]);
        assert!(labels_found("XCPTPPX").is_empty());
        assert!(labels_found("cptpp").is_empty());
    }

    #[test]
    fn offsets_are_code_points() {
        let hits = Matcher::bundled().find("各方与WTO规则，推动经济全球化");
        let chars: Vec<char> = "各方与WTO规则，推动经济全球化".chars().collect();
        let found: Vec<String> = hits
            .iter()
            .map(|h| chars[h.start..h.end].iter().collect())
            .collect();
        assert!(found.contains(&"WTO".to_owned()));
        assert_eq!(hits[0].start, 3);
        assert_eq!(hits[0].end, 6);
    }

    #[test]
    fn matcher_is_shareable() {
        fn assert_sync<T: Send + Sync>() {}
        assert_sync::<Matcher>();
    }

    #[test]
    fn code_points_count_from_the_last_offset() {
        let mut offsets = CodePoints::new("a中b文");
        assert_eq!(offsets.at(1), 1);
        assert_eq!(offsets.at(4), 2);
        assert_eq!(offsets.at(8), 4);
    }
}
