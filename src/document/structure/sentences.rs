//! Sentence splitting: a paragraph's text in, code-point ranges out.
//!
//! A sentence ends at `。！？…` (and runs of them), taking the closing
//! quotes and brackets that follow. Inside `“…”` an end mark does not end
//! the sentence unless the quote closes right after it; when quotes are
//! unbalanced, quotes are ignored.

use std::ops::Range;

use crate::document::repair::{is_closing, is_sentence_end};

/// Splits `text` into sentences covering it without gaps.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let balanced = quotes_balance(&chars);
    let mut out = Vec::new();
    let (mut start, mut depth, mut i) = (0, 0i32, 0);
    while i < chars.len() {
        match chars[i] {
            '“' | '「' | '『' if balanced => depth += 1,
            '”' | '」' | '』' if balanced => depth = (depth - 1).max(0),
            _ => {}
        }
        if is_sentence_end(chars[i]) {
            let mut end = i + 1;
            while end < chars.len() && is_sentence_end(chars[end]) {
                end += 1;
            }
            let mut d = depth;
            while end < chars.len() && is_closing(chars[end]) {
                if matches!(chars[end], '”' | '」' | '』') && balanced {
                    d = (d - 1).max(0);
                }
                end += 1;
            }
            if d == 0 {
                out.push(start..end);
                start = end;
                depth = 0;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if start < chars.len() {
        out.push(start..chars.len());
    }
    out
}

/// Whether opening and closing quotes pair up.
fn quotes_balance(chars: &[char]) -> bool {
    let mut depth = 0i32;
    for c in chars {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        split(text)
            .into_iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    #[test]
    fn splits_at_end_marks() {
        assert_eq!(
            sentences("甲。乙！丙？丁"),
            vec!["甲。", "乙！", "丙？", "丁"]
        );
    }

    #[test]
    fn quoted_sentences_stay_inside_their_sentence() {
        assert_eq!(
            sentences("他指出：“从长远看，这是潮流。各国合作是趋势。”随着发展，趋势明显。"),
            vec![
                "他指出：“从长远看，这是潮流。各国合作是趋势。”",
                "随着发展，趋势明显。"
            ]
        );
    }

    #[test]
    fn unbalanced_quotes_are_ignored() {
        assert_eq!(sentences("他说：“甲。乙。"), vec!["他说：“甲。", "乙。"]);
    }

    #[test]
    fn ellipsis_runs_end_once() {
        assert_eq!(sentences("等等⋯⋯然后。"), vec!["等等⋯⋯", "然后。"]);
    }

    #[test]
    fn ranges_cover_the_text() {
        let text = "一。“二。”三！四";
        let ranges = split(text);
        assert_eq!(ranges.first().unwrap().start, 0);
        assert_eq!(ranges.last().unwrap().end, text.chars().count());
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
    }
}
