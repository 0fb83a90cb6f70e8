//! Which concepts does each sentence, paragraph and article of a document
//! mention? One literal per document (`kg:conceptIncidence`), written with
//! the document's graph and read back by corpus statistics
//! ([`crate::corpus::cooccurrence::read`]) without touching the document's other
//! triples.
//!
//! The literal is derived data, kept because reading it is two orders of
//! magnitude cheaper than re-deriving the same sets from the mentions, and
//! because sentences are not resources in the graph. Its text, line by line
//! (`<…>` stand for values, indices are 0-based positions in the `c` line):
//!
//! ```text
//! c <concept IRI> <concept IRI> …      the document's concepts
//! n <sentences> <paragraphs> <articles>  all units, with or without mentions
//! a <article ordinal> <index>:<mentions> …  one line per article with mentions
//!                                   (0 for a concept named only in its title or a heading)
//! p <index> <index> …                  one line per paragraph with mentions
//! s <index> <index> …                  one line per sentence with mentions
//! ```
//!
//! Sets are sorted and distinct; lines keep reading order.

use oxigraph::model::NamedNode;

use crate::document::outline::Outline;
use crate::{Error, Result};

/// The concept sets of one document's units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentIncidence {
    /// The concepts mentioned in the document, by IRI, in first-mention order.
    pub concepts: Vec<String>,
    /// All sentences, paragraphs and articles of the document.
    pub totals: [u64; 3],
    /// Per article with mentions: its 1-based ordinal and, per concept
    /// index, how many mentions it has there.
    pub articles: Vec<(usize, Vec<(u32, u32)>)>,
    /// Per paragraph with mentions: its concept indices.
    pub paragraphs: Vec<Vec<u32>>,
    /// Per sentence with mentions: its concept indices.
    pub sentences: Vec<Vec<u32>>,
}

impl DocumentIncidence {
    /// The incidence of an annotated outline whose mentions point into
    /// `iris`.
    pub fn of_outline(outline: &Outline, iris: &[NamedNode]) -> DocumentIncidence {
        let mut local = vec![u32::MAX; iris.len()];
        let mut incidence = DocumentIncidence::default();
        let mut index = |concept: usize, concepts: &mut Vec<String>| -> u32 {
            if local[concept] == u32::MAX {
                local[concept] = concepts.len() as u32;
                concepts.push(iris[concept].as_str().to_string());
            }
            local[concept]
        };
        for (a, article) in outline.articles.iter().enumerate() {
            incidence.totals[2] += 1;
            let mut counts: Vec<(u32, u32)> = Vec::new();
            for paragraph in &article.paragraphs {
                incidence.totals[1] += 1;
                incidence.totals[0] += paragraph.sentences.len().max(1) as u64;
                let mut in_paragraph = Vec::new();
                let mut in_sentence: Vec<Vec<u32>> =
                    vec![Vec::new(); paragraph.sentences.len().max(1)];
                for m in &paragraph.mentions {
                    let c = index(m.concept, &mut incidence.concepts);
                    in_paragraph.push(c);
                    let s = paragraph
                        .sentences
                        .iter()
                        .position(|r| r.contains(&m.range.start))
                        .unwrap_or(in_sentence.len() - 1);
                    in_sentence[s].push(c);
                    match counts.iter_mut().find(|(k, _)| *k == c) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((c, 1)),
                    }
                }
                if !in_paragraph.is_empty() {
                    incidence.paragraphs.push(sorted_set(in_paragraph));
                }
                for set in in_sentence.into_iter().filter(|s| !s.is_empty()) {
                    incidence.sentences.push(sorted_set(set));
                }
            }
            // A concept named only in the title or a heading is in the
            // article (its `kg:mentions`) with no body mention.
            for hm in &article.head_mentions {
                let c = index(hm.mention.concept, &mut incidence.concepts);
                if !counts.iter().any(|(k, _)| *k == c) {
                    counts.push((c, 0));
                }
            }
            if !counts.is_empty() {
                counts.sort_unstable();
                incidence.articles.push((a + 1, counts));
            }
        }
        incidence
    }

    /// The literal's text (see the module docs).
    pub fn encode(&self) -> String {
        let mut out = String::from("c");
        for iri in &self.concepts {
            out.push(' ');
            out.push_str(iri);
        }
        let [s, p, a] = self.totals;
        out.push_str(&format!("\nn {s} {p} {a}"));
        for (ordinal, counts) in &self.articles {
            out.push_str(&format!("\na {ordinal}"));
            for (c, n) in counts {
                out.push_str(&format!(" {c}:{n}"));
            }
        }
        for (tag, sets) in [("p", &self.paragraphs), ("s", &self.sentences)] {
            for set in sets {
                out.push('\n');
                out.push_str(tag);
                for c in set {
                    out.push_str(&format!(" {c}"));
                }
            }
        }
        out
    }

    /// Reads the literal's text back; `document` names it in errors.
    pub fn decode(text: &str, document: &str) -> Result<DocumentIncidence> {
        let bad = |line: usize, what: &str| {
            Error::Store(format!(
                "{document}: kg:conceptIncidence line {}: {what}; re-ingest the file",
                line + 1
            ))
        };
        let mut incidence = DocumentIncidence::default();
        for (i, line) in text.lines().enumerate() {
            let mut fields = line.split(' ');
            let tag = fields.next().unwrap_or_default();
            match tag {
                "c" => incidence.concepts = fields.map(str::to_string).collect(),
                "n" => {
                    for (slot, value) in incidence.totals.iter_mut().zip(fields) {
                        *slot = value.parse().map_err(|_| bad(i, "count expected"))?;
                    }
                }
                "a" => {
                    let ordinal = fields
                        .next()
                        .and_then(|f| f.parse().ok())
                        .ok_or_else(|| bad(i, "article ordinal expected"))?;
                    let mut counts = Vec::new();
                    for field in fields {
                        let (c, n) = field
                            .split_once(':')
                            .and_then(|(c, n)| Some((c.parse().ok()?, n.parse().ok()?)))
                            .ok_or_else(|| bad(i, "index:count expected"))?;
                        counts.push((c, n));
                    }
                    incidence.articles.push((ordinal, counts));
                }
                "p" | "s" => {
                    let set = fields
                        .map(|f| f.parse::<u32>())
                        .collect::<std::result::Result<Vec<_>, _>>()
                        .map_err(|_| bad(i, "concept index expected"))?;
                    if tag == "p" {
                        incidence.paragraphs.push(set);
                    } else {
                        incidence.sentences.push(set);
                    }
                }
                _ => return Err(bad(i, "unknown line")),
            }
        }
        let n = incidence.concepts.len() as u32;
        let in_range = incidence
            .paragraphs
            .iter()
            .chain(&incidence.sentences)
            .flatten()
            .chain(
                incidence
                    .articles
                    .iter()
                    .flat_map(|(_, c)| c.iter().map(|(c, _)| c)),
            )
            .all(|&c| c < n);
        if !in_range {
            return Err(bad(0, "concept index out of range"));
        }
        Ok(incidence)
    }
}

fn sorted_set(mut set: Vec<u32>) -> Vec<u32> {
    set.sort_unstable();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline::{Article, Mention, Paragraph};

    fn paragraph(
        text: &str,
        sentences: Vec<std::ops::Range<usize>>,
        mentions: &[(usize, usize, usize)],
    ) -> Paragraph {
        Paragraph {
            section: None,
            text: text.to_string(),
            sentences,
            offsets: Default::default(),
            mentions: mentions
                .iter()
                .map(|&(start, end, concept)| Mention {
                    range: start..end,
                    concept,
                })
                .collect(),
            speaker: None,
        }
    }

    #[test]
    fn a_concept_only_in_the_title_is_in_the_article_with_no_mentions() {
        let iris: Vec<NamedNode> = ["http://x/a", "http://x/b"]
            .iter()
            .map(|i| NamedNode::new_unchecked(*i))
            .collect();
        let title = crate::document::outline::HeadMention {
            field: crate::document::outline::Field::Title,
            mention: Mention {
                range: 0..1,
                concept: 1,
            },
        };
        let article = Article {
            title: Some("乙".into()),
            paragraphs: vec![paragraph(
                "甲。",
                std::iter::once(0..2).collect(),
                &[(0, 1, 0)],
            )],
            head_mentions: vec![title],
            ..Default::default()
        };
        let outline = Outline {
            articles: vec![article],
        };
        let incidence = DocumentIncidence::of_outline(&outline, &iris);
        assert_eq!(incidence.articles, vec![(1, vec![(0, 1), (1, 0)])]);
        assert_eq!(incidence.paragraphs, vec![vec![0]]);
        let text = incidence.encode();
        assert_eq!(DocumentIncidence::decode(&text, "d").unwrap(), incidence);
    }

    #[test]
    fn sets_per_unit_and_counts_per_article_survive_a_round_trip() {
        let iris: Vec<NamedNode> = ["http://x/a", "http://x/b", "http://x/c"]
            .iter()
            .map(|i| NamedNode::new_unchecked(*i))
            .collect();
        let article = Article {
            paragraphs: vec![
                // two sentences: b in the first, b and a in the second
                paragraph(
                    "乙。乙甲。",
                    vec![0..2, 2..5],
                    &[(0, 1, 1), (2, 3, 1), (3, 4, 0)],
                ),
                paragraph("无。", std::iter::once(0..2).collect(), &[]),
            ],
            ..Default::default()
        };
        let outline = Outline {
            articles: vec![Article::default(), article],
        };
        let incidence = DocumentIncidence::of_outline(&outline, &iris);
        assert_eq!(incidence.concepts, ["http://x/b", "http://x/a"]);
        assert_eq!(incidence.totals, [3, 2, 2]);
        assert_eq!(incidence.articles, vec![(2, vec![(0, 2), (1, 1)])]);
        assert_eq!(incidence.paragraphs, vec![vec![0, 1]]);
        assert_eq!(incidence.sentences, vec![vec![0], vec![0, 1]]);
        let text = incidence.encode();
        assert_eq!(DocumentIncidence::decode(&text, "d").unwrap(), incidence);
    }

    #[test]
    fn a_damaged_literal_is_an_error_naming_the_document() {
        let e = DocumentIncidence::decode("c http://x/a\np 0 7", "doc/1").unwrap_err();
        assert!(e.to_string().contains("doc/1"), "{e}");
    }
}
