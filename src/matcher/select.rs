//! Which label occurrences are mentions: every occurrence in, the mentions
//! out. Pure; offsets are bytes of one text.
//!
//! - [`curated`]: nested labels give way to the label around them, and two
//!   overlapping labels are both kept unless one reading rules the other
//!   out;
//! - [`gaps`]: discovered terms fill only text no curated mention covers.

use super::Span;

/// The curated mentions among `occurrences`: a label nested in a longer one
/// is dropped (新型经济全球化 hides 经济全球化); of two labels that overlap,
/// both stay (新冠肺炎疫情 and 疫情防控 in 新冠肺炎疫情防控) unless
/// `governs(first, second)` says the first begins with a verb that governs
/// the second, and then only the second stays (共享 / 经济全球化).
pub(crate) fn curated(
    mut occurrences: Vec<Span>,
    governs: impl Fn(Span, Span) -> bool,
) -> Vec<Span> {
    let outermost = outermost(&mut occurrences);
    let mut kept: Vec<Span> = Vec::with_capacity(outermost.len());
    for span in outermost {
        if let Some(&last) = kept.last() {
            if span.start < last.end && governs(last, span) {
                kept.pop();
            }
        }
        kept.push(span);
    }
    kept
}

/// The occurrences no other occurrence contains, ordered by start (and so
/// by end as well).
fn outermost(occurrences: &mut [Span]) -> Vec<Span> {
    occurrences.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reach = 0;
    let mut outer = Vec::new();
    for &span in occurrences.iter() {
        if span.end > reach {
            outer.push(span);
            reach = span.end;
        }
    }
    outer
}

/// The discovered mentions: leftmost-longest among `occurrences`, never
/// overlapping a mention in `taken` or each other.
pub(crate) fn gaps(mut occurrences: Vec<Span>, taken: &[Span]) -> Vec<Span> {
    occurrences.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let overlaps = |a: &Span, b: &Span| a.start < b.end && b.start < a.end;
    let mut chosen: Vec<Span> = Vec::new();
    for span in occurrences {
        let free = !taken.iter().any(|t| overlaps(t, &span))
            && chosen.last().is_none_or(|last| last.end <= span.start);
        if free {
            chosen.push(span);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, concept: usize) -> Span {
        Span {
            start,
            end,
            concept,
        }
    }

    #[test]
    fn nested_labels_give_way_to_the_longest() {
        let found = curated(vec![span(2, 6, 1), span(0, 6, 2), span(0, 3, 3)], |_, _| {
            false
        });
        assert_eq!(found, [span(0, 6, 2)]);
    }

    #[test]
    fn overlapping_labels_are_both_kept() {
        let found = curated(vec![span(4, 8, 2), span(0, 6, 1)], |_, _| false);
        assert_eq!(found, [span(0, 6, 1), span(4, 8, 2)]);
    }

    #[test]
    fn a_governing_verb_drops_the_first_reading() {
        let found = curated(vec![span(0, 4, 1), span(2, 7, 2)], |a, _| a.concept == 1);
        assert_eq!(found, [span(2, 7, 2)]);
    }

    #[test]
    fn discovered_terms_fill_only_free_text() {
        let taken = [span(2, 6, 1)];
        let found = gaps(vec![span(0, 4, 7), span(6, 9, 8), span(7, 12, 9)], &taken);
        assert_eq!(found, [span(6, 9, 8)]);
    }
}
