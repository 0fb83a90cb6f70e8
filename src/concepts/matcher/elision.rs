//! Conjuncts whose head is elided: the mentions found so far in, the
//! mentions that coordination implies out.
//!
//! Chinese coordinates two compounds with one shared head written once:
//! 新兴市场和发展中国家 is 新兴市场国家 and 发展中国家, 科技和产业创新 is
//! 科技创新 and 产业创新. When a curated label follows a conjunction (和, 与,
//! 及, 、) and the text just before the conjunction, with the label's last
//! characters added, is another curated label, that text is a mention of
//! the other concept. Its span is the conjunct as printed (新兴市场), so
//! `nif:anchorOf` is that conjunct and not the full label.

use std::collections::HashMap;

use super::Span;

/// Characters that join two conjuncts.
const CONJUNCTIONS: &[char] = &['和', '与', '及', '、'];
/// Longest conjunct tried, in characters.
const MAX_CONJUNCT: usize = 8;
/// Shortest conjunct, in characters.
const MIN_CONJUNCT: usize = 2;

/// The mentions of elided conjuncts before the mentions in `found`:
/// `labels` maps each curated label to its concept.
pub(crate) fn conjuncts(text: &str, found: &[Span], labels: &HashMap<String, usize>) -> Vec<Span> {
    let mut implied = Vec::new();
    for span in found {
        let Some(conjunction) = text[..span.start].chars().next_back() else {
            continue;
        };
        if !CONJUNCTIONS.contains(&conjunction) {
            continue;
        }
        let end = span.start - conjunction.len_utf8();
        let taken = |start: usize| {
            found
                .iter()
                .chain(&implied)
                .any(|s| s.start < end && start < s.end)
        };
        if let Some(conjunct) = elided(text, end, &text[span.start..span.end], labels) {
            if !taken(conjunct.start) {
                implied.push(conjunct);
            }
        }
    }
    implied
}

/// The longest conjunct ending at byte `end` of `text` that, with a head
/// taken from the end of `label`, spells another curated label.
fn elided(text: &str, end: usize, label: &str, labels: &HashMap<String, usize>) -> Option<Span> {
    let before: Vec<(usize, char)> = text[..end].char_indices().collect();
    let heads = label.char_indices().skip(1).map(|(i, _)| &label[i..]);
    let mut best: Option<Span> = None;
    for head in heads {
        for length in (MIN_CONJUNCT..=MAX_CONJUNCT.min(before.len())).rev() {
            let start = before[before.len() - length].0;
            let whole = format!("{}{head}", &text[start..end]);
            if whole == label {
                continue;
            }
            if let Some(&concept) = labels.get(&whole) {
                if best.is_none_or(|b| start < b.start) {
                    best = Some(Span {
                        start,
                        end,
                        concept,
                    });
                }
                break;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> HashMap<String, usize> {
        [
            ("新兴市场国家", 1),
            ("发展中国家", 2),
            ("科技创新", 3),
            ("产业创新", 4),
        ]
        .into_iter()
        .map(|(l, c)| (l.to_owned(), c))
        .collect()
    }

    fn implied(text: &str, label: &str, concept: usize) -> Vec<String> {
        let start = text.find(label).expect("label in text");
        let found = [Span {
            start,
            end: start + label.len(),
            concept,
        }];
        conjuncts(text, &found, &labels())
            .iter()
            .map(|s| format!("{}={}", &text[s.start..s.end], s.concept))
            .collect()
    }

    #[test]
    fn a_shared_head_is_written_once() {
        assert_eq!(
            implied("支持新兴市场和发展中国家", "发展中国家", 2),
            ["新兴市场=1"]
        );
        assert_eq!(implied("推动科技和产业创新", "产业创新", 4), ["科技=3"]);
    }

    #[test]
    fn without_a_conjunction_nothing_is_implied() {
        assert!(implied("新兴市场发展中国家", "发展中国家", 2).is_empty());
    }

    #[test]
    fn a_conjunct_that_makes_no_label_is_nothing() {
        assert!(implied("推动文化和产业创新", "产业创新", 4).is_empty());
    }
}
