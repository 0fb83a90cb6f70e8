//! Text as XML 1.0 allows it, for the GraphML and GEXF writers and the
//! SVG charts of `trend`.
//!
//! Input: any string. Output: the same text escaped for use as element
//! content or inside a double- or single-quoted attribute value, with the
//! characters XML 1.0 forbids (C0 controls other than tab, newline and
//! carriage return; U+FFFE, U+FFFF) left out. Tab, newline and carriage
//! return become character references, so that attribute-value
//! normalisation in readers does not turn them into spaces.

/// Whether XML 1.0 allows `c` in a document (surrogates cannot occur in a
/// Rust `char`).
pub(super) fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` escaped for content and attribute values, forbidden characters
/// removed.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| allowed(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_markup_escaped() {
        assert_eq!(
            escape("a\u{1}b\u{FFFE}<c>&\"'"),
            "ab&lt;c&gt;&amp;&quot;&apos;"
        );
        assert_eq!(escape("一\t二\n"), "一&#9;二&#10;");
        assert_eq!(escape("经济全球化 😀"), "经济全球化 😀");
    }
}
