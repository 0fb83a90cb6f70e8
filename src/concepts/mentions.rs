//! Finding concepts: an outline in, the same outline with every
//! paragraph's concept mentions filled in (code-point ranges into the
//! paragraph text, chosen by [`Matcher::find`]), and the mentions in each
//! article's title, subtitles, deck lines, editor's note, abstract and
//! section headings, kept apart from the body's.

use crate::concepts::matcher::Matcher;
use crate::document::outline::{HeadMention, Mention, Outline};

/// Fills `mentions` of every paragraph and `head_mentions` of every
/// article from the matcher's hits.
pub fn annotate(outline: &mut Outline, matcher: &Matcher) {
    for article in &mut outline.articles {
        for paragraph in &mut article.paragraphs {
            paragraph.mentions = find(matcher, &paragraph.text);
        }
        let head: Vec<HeadMention> = article
            .head_texts()
            .into_iter()
            .flat_map(|(field, text)| {
                let found = find(matcher, text);
                found
                    .into_iter()
                    .map(move |mention| HeadMention { field, mention })
            })
            .collect();
        article.head_mentions = head;
    }
}

/// The mentions in one text.
fn find(matcher: &Matcher, text: &str) -> Vec<Mention> {
    matcher
        .find(text)
        .into_iter()
        .map(|hit| Mention {
            range: hit.start..hit.end,
            concept: hit.concept,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::repair::repair;
    use crate::document::structure::detect;

    #[test]
    fn paragraph_mentions_slice_to_their_labels() {
        let mut outline = detect(&repair("　　推动新型经济全球化，稳步扩大制度型开放。\n"));
        let matcher = Matcher::bundled();
        annotate(&mut outline, matcher);
        let p = &outline.articles[0].paragraphs[0];
        let anchors: Vec<String> = p
            .mentions
            .iter()
            .map(|m| {
                p.text
                    .chars()
                    .skip(m.range.start)
                    .take(m.range.len())
                    .collect()
            })
            .collect();
        assert_eq!(anchors, vec!["新型经济全球化", "制度型开放"]);
    }
}
