//! The outline: what the structure stage recovers from one document's
//! repaired text. Articles hold sections, paragraphs (with sentences) and
//! recommendations. All text here is the repaired, canonical text; every
//! paragraph carries an [`OffsetMap`] back to the raw file.
//!
//! The outline is plain data: built by `structure::detect`, turned into
//! quads by `rdf`, inspected by tests.

use std::ops::Range;

/// Everything recovered from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    /// Articles in reading order.
    pub articles: Vec<Article>,
}

/// One article: a title block, a body, and usually an attribution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Main title line without the column tag, when the text has one.
    pub title: Option<String>,
    /// 引题 (kicker above the title) and 副题 (subtitle below it) lines.
    pub subtitles: Vec<String>,
    /// Column tag such as `人民要论`, without its brackets.
    pub column: Option<String>,
    /// Attribution text, e.g. `作者为国务院发展研究中心副主任`.
    pub creator: Option<String>,
    /// Deck lines (提要题) printed between the title block and the body.
    pub deck: Vec<String>,
    /// An editor's note (编者按) printed before the body.
    pub editor_note: Option<String>,
    /// An abstract (内容提要, 摘要) printed before the body: it repeats the
    /// body's sentences, so it is its own part and no paragraph.
    pub summary: Option<String>,
    /// Photo, graphic and layout credits and stray reporter bylines
    /// printed among the body (`新华社记者 方喆摄`, `版式设计：蔡华伟`):
    /// kept as printed, never paragraphs.
    pub credits: Vec<String>,
    /// Concept mentions in the title, subtitles, deck lines, editor's
    /// note, abstract and section headings (body mentions are in
    /// [`Paragraph::mentions`]).
    pub head_mentions: Vec<HeadMention>,
    /// Section headings in order; paragraphs point into this list.
    pub sections: Vec<Section>,
    /// Paragraphs in reading order over the whole article.
    pub paragraphs: Vec<Paragraph>,
    /// Items of prescriptive enumerations, in body order.
    pub recommendations: Vec<Recommendation>,
    /// 1-based line of the source file where the article starts.
    pub source_line: usize,
    /// What kind of text the article is, recognised from its shape
    /// (`structure::kind`); `None` when no rule fits.
    pub kind: Option<Kind>,
    /// A date the text itself prints (an adoption note, a delivery line, a
    /// dated header), with where it was read.
    pub date: Option<TextDate>,
}

/// The kinds of text the corpus holds, each recognised from its shape by a
/// rule in `structure::kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A signed commentary or theory piece (the 理论 pages): an author
    /// attribution, no dateline.
    TheoryPage,
    /// A reported story opened by a dateline (`本报北京1月27日电`) or signed
    /// by reporters.
    NewsStory,
    /// A question-and-answer interview: turns labelled `记者：`/`问：` and
    /// the interviewee's name or `答：`.
    Interview,
    /// A government work report to a people's congress (`各位代表：…我代表
    /// 国务院，向大会报告政府工作`), national or provincial.
    WorkReport,
    /// A report of the Central Committee to a Party congress (`同志们：…我代表
    /// 第十九届中央委员会向大会作报告`).
    CongressReport,
    /// A resolution of a congress (`…关于政府工作报告的决议`, `会议听取和
    /// 审议了…`).
    Resolution,
    /// An item of a television news broadcast (`央视网消息（新闻联播）：`).
    BroadcastItem,
}

impl Kind {
    /// The local name of the kind's class in the vocabulary (`kg:WorkReport`).
    pub fn class_name(self) -> &'static str {
        match self {
            Kind::TheoryPage => "TheoryPage",
            Kind::NewsStory => "NewsStory",
            Kind::Interview => "Interview",
            Kind::WorkReport => "WorkReport",
            Kind::CongressReport => "CongressReport",
            Kind::Resolution => "Resolution",
            Kind::BroadcastItem => "BroadcastItem",
        }
    }
}

/// A date printed in the text, and the printed line it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDate {
    /// The date, as precisely as printed.
    pub date: crate::document::metadata::Date,
    /// What kind of printed line gave it.
    pub cue: DateCue,
    /// The printed line, trimmed (`（2020年5月28日第十三届全国人民代表大会
    /// 第三次会议通过）`).
    pub evidence: String,
    /// 1-based source line of that line.
    pub source_line: usize,
}

/// The printed lines a text date is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateCue {
    /// A resolution's adoption note: `（2020年5月28日…会议通过）`.
    Adoption,
    /// The date a report or speech was delivered, under its title:
    /// `——2022年3月5日在第十三届全国人民代表大会第五次会议上`, or a bare
    /// `（2022年10月16日）`.
    Delivery,
    /// A dated header or dateline: `新闻联播 2019-01-01`,
    /// `新华社北京2020年5月28日电`.
    Dateline,
}

/// A section heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading text.
    pub title: String,
    /// 1-based source line of the heading.
    pub source_line: usize,
    /// Index (into `Article::sections`) of the section that encloses this
    /// one: a report's （一） subsection points to its part. Top-level
    /// sections have `None`.
    pub parent: Option<usize>,
}

/// Which printed text outside the body a [`HeadMention`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The main title.
    Title,
    /// The subtitle or kicker line at this index of `Article::subtitles`.
    Subtitle(usize),
    /// The deck line at this index of `Article::deck`.
    Deck(usize),
    /// The editor's note.
    EditorNote,
    /// The abstract.
    Summary,
    /// The heading of the section at this index of `Article::sections`.
    Heading(usize),
}

/// A concept mention outside the body: where it is, and the mention.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadMention {
    /// The text it is in.
    pub field: Field,
    /// Code-point range into that text, and the concept.
    pub mention: Mention,
}

impl Article {
    /// Every printed text outside the body that mentions are sought in,
    /// with the field it is.
    pub fn head_texts(&self) -> Vec<(Field, &str)> {
        let mut texts: Vec<(Field, &str)> = Vec::new();
        texts.extend(self.title.as_deref().map(|t| (Field::Title, t)));
        let subtitles = self.subtitles.iter().enumerate();
        texts.extend(subtitles.map(|(k, t)| (Field::Subtitle(k), t.as_str())));
        let deck = self.deck.iter().enumerate();
        texts.extend(deck.map(|(k, t)| (Field::Deck(k), t.as_str())));
        texts.extend(self.editor_note.as_deref().map(|t| (Field::EditorNote, t)));
        texts.extend(self.summary.as_deref().map(|t| (Field::Summary, t)));
        let headings = self.sections.iter().enumerate();
        texts.extend(headings.map(|(k, s)| (Field::Heading(k), s.title.as_str())));
        texts
    }
}

/// A paragraph of repaired text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Index into `Article::sections`, or `None` before the first heading.
    pub section: Option<usize>,
    /// The repaired text: lines re-joined, spurious spaces removed.
    pub text: String,
    /// Sentences as code-point ranges into `text`.
    pub sentences: Vec<Range<usize>>,
    /// Where each piece of `text` came from in the raw file.
    pub offsets: OffsetMap,
    /// Concept mentions, as code-point ranges into `text`, in order.
    pub mentions: Vec<Mention>,
    /// Who speaks it, in a question-and-answer text: the label of the last
    /// turn (`记者`, `郑栅洁`), from the first turn on.
    pub speaker: Option<String>,
}

/// One occurrence of a concept label in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Code-point range of the label in the paragraph text.
    pub range: Range<usize>,
    /// Index of the concept in the matching lexicon.
    pub concept: usize,
}

#[cfg(test)]
impl Article {
    /// An article of these paragraph texts and nothing else, for tests of
    /// the rules that read paragraphs.
    pub(crate) fn of_paragraphs(texts: &[&str]) -> Article {
        let paragraphs = texts
            .iter()
            .map(|t| Paragraph {
                text: t.to_string(),
                ..Paragraph::default()
            })
            .collect();
        Article {
            paragraphs,
            ..Article::default()
        }
    }
}

impl Paragraph {
    /// 1-based source line where the paragraph starts.
    pub fn source_line(&self) -> usize {
        self.offsets.locate(0).line
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> String {
        let r = &self.sentences[i];
        self.text.chars().skip(r.start).take(r.len()).collect()
    }
}

/// One item of an enumerated, prescriptive list.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// The marker as printed: `一是`, `其一`, `第一`, `首先`, `（一）`, `一、`.
    pub marker: String,
    /// The number the marker expresses (restarts with each list).
    pub ordinal: usize,
    /// Which enumeration of the article (0-based, body order) it belongs to.
    pub list: usize,
    /// The lead clause, e.g. `接轨国际标准，实现规则协同`.
    pub label: String,
    /// The whole item, marker included.
    pub text: String,
    /// Indices of the paragraphs the item spans.
    pub paragraphs: Vec<usize>,
    /// Code-point range of the item inside its first paragraph's text.
    pub span: Range<usize>,
    /// The sentence that introduces the list (first item only).
    pub intro: Option<String>,
}

/// A position in the raw file: 1-based line, 0-based code-point column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePos {
    /// 1-based line.
    pub line: usize,
    /// 0-based code-point column in that line.
    pub column: usize,
}

/// Maps code-point offsets of a repaired text back to raw-file positions.
///
/// Each piece is a run of repaired text copied contiguously from one raw
/// line; offsets inside a piece advance one column per code point. Repair
/// starts a new piece after every removed space, so positions are exact.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    pieces: Vec<(usize, SourcePos)>,
}

impl OffsetMap {
    /// Records that text from code point `at` on came from `pos`.
    pub fn push(&mut self, at: usize, pos: SourcePos) {
        if self.pieces.last().is_some_and(|(a, _)| *a == at) {
            self.pieces.pop();
        }
        self.pieces.push((at, pos));
    }

    /// The raw position of code point `at`.
    pub fn locate(&self, at: usize) -> SourcePos {
        let i = self.pieces.partition_point(|(a, _)| *a <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, pos)) => SourcePos {
                line: pos.line,
                column: pos.column + (at - start),
            },
            None => SourcePos { line: 1, column: 0 },
        }
    }

    /// Appends another map whose offsets start at `shift` in the joined text.
    pub fn extend_shifted(&mut self, other: &OffsetMap, shift: usize) {
        for (at, pos) in &other.pieces {
            self.push(at + shift, *pos);
        }
    }
}

impl Outline {
    /// The outline as indented text, for people and snapshot tests: one
    /// line per article fact, heading, paragraph (its opening words) and
    /// recommendation.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (i, a) in self.articles.iter().enumerate() {
            a.render_into(i + 1, &mut out);
        }
        out
    }
}

impl Article {
    /// One line for section `s`, indented one step per enclosing section.
    fn render_heading(&self, s: usize, out: &mut String) {
        use std::fmt::Write;
        let mut depth = 0;
        let mut up = self.sections[s].parent;
        while let Some(p) = up.filter(|_| depth < self.sections.len()) {
            depth += 1;
            up = self.sections[p].parent;
        }
        let indent = "  ".repeat(depth);
        let title = &self.sections[s].title;
        let _ = writeln!(out, "  {indent}section {}: {title}", s + 1);
    }

    fn render_into(&self, ordinal: usize, out: &mut String) {
        use std::fmt::Write;
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
        let _ = writeln!(out, "article {ordinal} (line {})", self.source_line);
        let _ = writeln!(out, "  title: {}", opt(&self.title));
        for s in &self.subtitles {
            let _ = writeln!(out, "  subtitle: {s}");
        }
        let _ = writeln!(out, "  column: {}", opt(&self.column));
        let _ = writeln!(out, "  creator: {}", opt(&self.creator));
        if let Some(kind) = self.kind {
            let _ = writeln!(out, "  kind: {}", kind.class_name());
        }
        if let Some(date) = &self.date {
            let _ = writeln!(out, "  date: {} ({:?})", date.date, date.cue);
        }
        for d in &self.deck {
            let _ = writeln!(out, "  deck: {d}");
        }
        if let Some(summary) = &self.summary {
            let opening: String = summary.chars().take(24).collect();
            let _ = writeln!(out, "  abstract: {opening}…");
        }
        let mut shown = 0;
        for (k, p) in self.paragraphs.iter().enumerate() {
            if let Some(s) = p.section.filter(|s| *s >= shown) {
                for heading in shown..=s {
                    self.render_heading(heading, out);
                }
                shown = s + 1;
            }
            let opening: String = p.text.chars().take(24).collect();
            let speaker = p
                .speaker
                .as_ref()
                .map_or(String::new(), |s| format!(" [{s}]"));
            let _ = writeln!(
                out,
                "    ¶{} line {}{speaker} ({} sentences): {opening}…",
                k + 1,
                p.source_line(),
                p.sentences.len()
            );
        }
        for r in &self.recommendations {
            let _ = writeln!(
                out,
                "  recommendation {}.{} {}: {}",
                r.list + 1,
                r.ordinal,
                r.marker,
                r.label
            );
        }
    }
}
