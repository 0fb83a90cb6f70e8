//! Finding concepts: an outline in, the same outline with every paragraph's
//! concept mentions filled in (code-point ranges into the paragraph text,
//! longest label first, never overlapping).

use crate::matcher::Matcher;
use crate::outline::{Mention, Outline};

/// Fills `mentions` of every paragraph from the matcher's hits.
pub fn annotate(outline: &mut Outline, matcher: &Matcher) {
    for paragraph in outline.articles.iter_mut().flat_map(|a| &mut a.paragraphs) {
        paragraph.mentions = matcher
            .find(&paragraph.text)
            .into_iter()
            .map(|hit| Mention {
                range: hit.start..hit.end,
                concept: hit.concept,
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::repair;
    use crate::structure::detect;

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
