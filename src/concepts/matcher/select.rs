//! Which label occurrences are mentions: every occurrence in, the mentions
//! out. Pure; offsets are bytes of one text.
//!
//! - [`curated`]: nested labels give way to the label around them unless
//!   it is a formula that joins them as whole parts, and two overlapping
//!   labels are both kept unless one reading rules the other out;
//! - [`gaps`]: discovered terms fill only text no curated mention covers.

use super::Span;

/// The curated mentions among `occurrences`: a label nested in a longer one
/// is dropped (新型经济全球化 hides 经济全球化), unless `constituent(outer,
/// inner)` says the longer label is a formula that joins it as a whole part
/// of its own (实现中华民族伟大复兴的中国梦 names 中华民族伟大复兴 too); of
/// two labels that overlap, both stay (新冠肺炎疫情 and 疫情防控 in
/// 新冠肺炎疫情防控) unless `governs(first, second)` says the first begins
/// with a verb that governs the second, and then only the second stays
/// (共享 / 经济全球化). Ordered by start, then end.
pub(crate) fn curated(
    mut occurrences: Vec<Span>,
    governs: impl Fn(Span, Span) -> bool,
    constituent: impl Fn(Span, Span) -> bool,
) -> Vec<Span> {
    let (outermost, nested) = outermost(&mut occurrences);
    let mut kept: Vec<Span> = Vec::with_capacity(outermost.len());
    for span in outermost {
        if let Some(&last) = kept.last() {
            if span.start < last.end && governs(last, span) {
                kept.pop();
            }
        }
        kept.push(span);
    }
    let parts = constituents(&kept, nested, constituent);
    if !parts.is_empty() {
        kept.extend(parts);
        kept.sort_by_key(|s| (s.start, s.end));
    }
    kept
}

/// The nested occurrences (ordered by start, longer first) that stand as
/// a whole part of the formula around them, of another concept, and not
/// inside such a part already.
fn constituents(
    kept: &[Span],
    nested: Vec<Span>,
    constituent: impl Fn(Span, Span) -> bool,
) -> Vec<Span> {
    let within = |outer: &Span, inner: &Span| outer.start <= inner.start && inner.end <= outer.end;
    let mut parts: Vec<Span> = Vec::new();
    for span in nested {
        let Some(&outer) = kept.iter().find(|o| within(o, &span)) else {
            continue;
        };
        if outer.concept != span.concept
            && constituent(outer, span)
            && !parts.iter().any(|p| within(p, &span))
        {
            parts.push(span);
        }
    }
    parts
}

/// The occurrences no other occurrence contains, ordered by start (and so
/// by end as well), and the others, ordered by start, longer first.
fn outermost(occurrences: &mut [Span]) -> (Vec<Span>, Vec<Span>) {
    occurrences.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reach = 0;
    let mut outer = Vec::new();
    let mut nested = Vec::new();
    for &span in occurrences.iter() {
        if span.end > reach {
            outer.push(span);
            reach = span.end;
        } else {
            nested.push(span);
        }
    }
    (outer, nested)
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
        let found = curated(
            vec![span(2, 6, 1), span(0, 6, 2), span(0, 3, 3)],
            |_, _| false,
            |_, _| false,
        );
        assert_eq!(found, [span(0, 6, 2)]);
    }

    #[test]
    fn whole_parts_of_a_formula_are_kept_once() {
        // outer 0..10 (concept 2) holds 2..6 (concept 1, a whole part),
        // 3..5 inside that part, and 7..10 (not a whole part).
        let found = curated(
            vec![span(0, 10, 2), span(2, 6, 1), span(3, 5, 4), span(7, 10, 3)],
            |_, _| false,
            |_, inner| inner.concept != 3,
        );
        assert_eq!(found, [span(0, 10, 2), span(2, 6, 1)]);
    }

    #[test]
    fn overlapping_labels_are_both_kept() {
        let found = curated(
            vec![span(4, 8, 2), span(0, 6, 1)],
            |_, _| false,
            |_, _| true,
        );
        assert_eq!(found, [span(0, 6, 1), span(4, 8, 2)]);
    }

    #[test]
    fn a_governing_verb_drops_the_first_reading() {
        let found = curated(
            vec![span(0, 4, 1), span(2, 7, 2)],
            |a, _| a.concept == 1,
            |_, _| true,
        );
        assert_eq!(found, [span(2, 7, 2)]);
    }

    #[test]
    fn discovered_terms_fill_only_free_text() {
        let taken = [span(2, 6, 1)];
        let found = gaps(vec![span(0, 4, 7), span(6, 9, 8), span(7, 12, 9)], &taken);
        assert_eq!(found, [span(6, 9, 8)]);
    }
}
