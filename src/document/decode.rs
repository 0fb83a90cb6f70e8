//! Decoding: raw bytes in, text out. This stage answers "which encoding is
//! this file in, and what text does it hold?". Input is the bytes of one
//! file; output is a [`Decoded`] (the text with line breaks normalised to
//! `\n`, and the [`Encoding`] it was read as) or a [`DecodeError`] saying why
//! the bytes are not text we accept.
//!
//! The rules run in this order, the first that applies wins:
//!
//! 1. a byte-order mark decides: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`) or
//!    UTF-16BE (`FE FF`); the mark is dropped and the rest must be valid in
//!    that encoding;
//! 2. a NUL byte anywhere refuses the file (binary data, or UTF-16 without a
//!    byte-order mark, which we do not guess);
//! 3. valid UTF-8 is UTF-8;
//! 4. valid GB18030 (which covers GBK and GB2312) that looks like text (no
//!    control characters besides tab, line feed, carriage return and form
//!    feed; mostly ASCII and CJK characters) is GB18030;
//! 5. anything else is refused, naming the first invalid byte.
//!
//! Text that is empty or only whitespace is refused as [`DecodeError::Empty`].
//! CRLF and lone CR become `\n`, one `\n` per original line break, so line
//! numbers in the decoded text are line numbers in the file.
//!
//! Everything here is pure except [`read_file`], the thin edge that reads
//! the bytes and reports the path when it cannot.

use std::fmt;
use std::path::Path;

use encoding_rs::{DecoderResult, GB18030};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 that started with the byte-order mark `EF BB BF` (dropped).
    Utf8Bom,
    /// UTF-16 little-endian, announced by the byte-order mark `FF FE`.
    Utf16Le,
    /// UTF-16 big-endian, announced by the byte-order mark `FE FF`.
    Utf16Be,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl Encoding {
    /// The encoding's standard label as written into the graph: `UTF-8`
    /// (with or without a byte-order mark; see [`Encoding::has_bom`]),
    /// `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub fn name(&self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// Whether the file started with a byte-order mark.
    pub fn has_bom(&self) -> bool {
        matches!(
            self,
            Encoding::Utf8Bom | Encoding::Utf16Le | Encoding::Utf16Be
        )
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text of a file and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, byte-order mark dropped, every line break a single `\n`.
    pub text: String,
    /// The encoding the bytes were read as.
    pub encoding: Encoding,
}

/// Why some bytes are not text we accept. [`DecodeError::at`] turns it into
/// the library [`Error`] once the caller knows the path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No text at all, or only whitespace.
    #[error("empty file (no text, or only whitespace)")]
    Empty,
    /// Not text in any encoding we accept; the reason names the first bad byte.
    #[error("{0}")]
    Undecodable(String),
}

impl DecodeError {
    /// The library error for this failure in the file at `path`.
    pub fn at(self, path: &Path) -> Error {
        Error::Undecodable {
            path: path.to_path_buf(),
            reason: self.to_string(),
        }
    }
}

/// Reads the raw bytes of the file at `path`; the edge in front of [`decode`].
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The lowercase hexadecimal SHA-256 digest of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Decodes the bytes of one file, following the rules in the module docs.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = decode_raw(bytes)?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text: normalize_line_breaks(text),
        encoding,
    })
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Rules 1–5 of the module docs, before the emptiness check and line-break
/// normalisation.
fn decode_raw(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return decode_utf8_after_bom(rest);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return decode_utf16(rest, u16::from_le_bytes).map(|t| (t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return decode_utf16(rest, u16::from_be_bytes).map(|t| (t, Encoding::Utf16Be));
    }
    refuse_nul_bytes(bytes)?;
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_owned(), Encoding::Utf8)),
        Err(error) => error.valid_up_to(),
    };
    match decode_gb18030(bytes) {
        Ok(text) => refuse_non_text(&text).map(|()| (text, Encoding::Gb18030)),
        Err(gb_error) => Err(neither_utf8_nor_gb18030(bytes, utf8_error, gb_error)),
    }
}

/// The rest of a file that began with the UTF-8 byte-order mark; offsets in
/// errors count the mark.
fn decode_utf8_after_bom(rest: &[u8]) -> Result<(String, Encoding), DecodeError> {
    match std::str::from_utf8(rest) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8Bom)),
        Err(error) => {
            let offset = error.valid_up_to();
            Err(DecodeError::Undecodable(format!(
                "starts with a UTF-8 byte-order mark but is not UTF-8 \
                 (invalid byte 0x{:02X} at offset {})",
                rest[offset],
                offset + UTF8_BOM.len()
            )))
        }
    }
}

/// The rest of a file that began with a UTF-16 byte-order mark, read as code
/// units with `unit` (little- or big-endian). Offsets in errors count the mark.
fn decode_utf16(rest: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if !rest.len().is_multiple_of(2) {
        return Err(DecodeError::Undecodable(format!(
            "starts with a UTF-16 byte-order mark but has an odd number of bytes ({})",
            rest.len() + 2
        )));
    }
    let units = rest.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(rest.len());
    let mut consumed = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                consumed += c.len_utf16();
            }
            Err(error) => {
                return Err(DecodeError::Undecodable(format!(
                    "starts with a UTF-16 byte-order mark but is not UTF-16 \
                     (unpaired surrogate 0x{:04X} at offset {})",
                    error.unpaired_surrogate(),
                    2 + 2 * consumed
                )))
            }
        }
    }
    refuse_nul_characters(&text)?;
    Ok(text)
}

/// Rule 2: a NUL byte means binary data or UTF-16 without a byte-order mark.
fn refuse_nul_bytes(bytes: &[u8]) -> Result<(), DecodeError> {
    match bytes.iter().position(|&b| b == 0) {
        None => Ok(()),
        Some(offset) => Err(DecodeError::Undecodable(format!(
            "contains a NUL byte at offset {offset}: binary data, or UTF-16 \
             without a byte-order mark (save it as UTF-8)"
        ))),
    }
}

/// A NUL character in UTF-16 text (for instance UTF-32 mistaken for UTF-16).
fn refuse_nul_characters(text: &str) -> Result<(), DecodeError> {
    match text.chars().position(|c| c == '\0') {
        None => Ok(()),
        Some(index) => Err(DecodeError::Undecodable(format!(
            "contains a NUL character (character {index}): not text"
        ))),
    }
}

/// Strict GB18030: the text, or the offset of the first malformed sequence.
fn decode_gb18030(bytes: &[u8]) -> Result<String, usize> {
    match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text.into_owned()),
        None => Err(first_gb18030_error(bytes)),
    }
}

/// The offset of the first malformed GB18030 sequence in `bytes`, found by
/// streaming through a small buffer (the text itself is not needed).
fn first_gb18030_error(bytes: &[u8]) -> usize {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut buffer = [0u8; 4096];
    let mut position = 0;
    loop {
        let (result, read, _) =
            decoder.decode_to_utf8_without_replacement(&bytes[position..], &mut buffer, true);
        position += read;
        match result {
            DecoderResult::Malformed(bad, after) => {
                return position.saturating_sub(usize::from(bad) + usize::from(after))
            }
            DecoderResult::OutputFull => continue,
            DecoderResult::InputEmpty => return bytes.len(),
        }
    }
}

/// Rule 5's reason: names the first invalid byte for UTF-8 and, when it
/// differs, for GB18030.
fn neither_utf8_nor_gb18030(bytes: &[u8], utf8_offset: usize, gb_offset: usize) -> DecodeError {
    let at = |offset: usize| match bytes.get(offset) {
        Some(byte) => format!("invalid byte 0x{byte:02X} at offset {offset}"),
        None => format!("truncated character at offset {offset}"),
    };
    let detail = if utf8_offset == gb_offset {
        at(utf8_offset)
    } else {
        format!("UTF-8: {}; GB18030: {}", at(utf8_offset), at(gb_offset))
    };
    DecodeError::Undecodable(format!("not UTF-8, UTF-16 or GB18030 text ({detail})"))
}

/// Rule 4's check that GB18030 output looks like text: no control
/// characters besides tab, line feed, carriage return and form feed, and at
/// least [`MIN_TEXT_SHARE`] of the characters ASCII or CJK. GB18030 maps
/// almost any byte pair to some character, so validity alone proves little.
fn refuse_non_text(text: &str) -> Result<(), DecodeError> {
    if let Some((index, c)) = text.chars().enumerate().find(|&(_, c)| is_bad_control(c)) {
        return Err(DecodeError::Undecodable(format!(
            "not text: valid GB18030 but contains control character U+{:04X} \
             (character {index})",
            u32::from(c)
        )));
    }
    let total = text.chars().count();
    let texty = text.chars().filter(|&c| is_ascii_or_cjk(c)).count();
    if (texty as f64) < MIN_TEXT_SHARE * total as f64 {
        return Err(DecodeError::Undecodable(format!(
            "not text: valid GB18030 but only {texty} of {total} characters \
             are ASCII or CJK"
        )));
    }
    Ok(())
}

/// The share of ASCII and CJK characters below which GB18030 output is
/// taken for binary data.
const MIN_TEXT_SHARE: f64 = 0.8;

/// C0 and C1 control characters other than `\t`, `\n`, `\r` and form feed.
fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')
}

/// Printable ASCII, whitespace, or a character from the blocks GB2312 and
/// GBK text uses: Latin-1 symbols (·, ×), Greek and Cyrillic, general
/// punctuation, symbols and box drawing, CJK symbols, kana, ideographs
/// (including extensions) and full-width forms. Private-use characters,
/// which GB18030 maps its unassigned codes to, are not in the list.
fn is_ascii_or_cjk(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\t'
            | '\n'
            | '\r'
            | '\x0c'
            | '\u{00A0}'..='\u{00FF}'
            | '\u{0370}'..='\u{04FF}'
            | '\u{2000}'..='\u{27BF}'
            | '\u{2E80}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// CRLF and lone CR become `\n`: one `\n` per original line break, so line
/// numbers are preserved.
fn normalize_line_breaks(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "第一条 为了保护和改善生态环境，制定本办法。\n";

    fn check(bytes: &[u8], text: &str, encoding: Encoding) {
        let decoded = decode(bytes).expect("decodes");
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, encoding);
    }

    fn reason(bytes: &[u8]) -> String {
        match decode(bytes) {
            Err(DecodeError::Undecodable(reason)) => reason,
            other => panic!("expected Undecodable, got {other:?}"),
        }
    }

    fn utf16(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
        let mut bytes = bom.to_vec();
        bytes.extend(text.encode_utf16().flat_map(unit));
        bytes
    }

    fn gb18030(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = GB18030.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn utf8_without_bom() {
        check(SENTENCE.as_bytes(), SENTENCE, Encoding::Utf8);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let bytes = [UTF8_BOM, SENTENCE.as_bytes()].concat();
        check(&bytes, SENTENCE, Encoding::Utf8Bom);
    }

    #[test]
    fn utf8_bom_then_invalid_utf8_counts_the_bom_in_the_offset() {
        let reason = reason(b"\xEF\xBB\xBFab\xFFcd");
        assert!(reason.contains("0xFF at offset 5"), "{reason}");
    }

    #[test]
    fn utf16le_with_bom() {
        let bytes = utf16(SENTENCE, [0xFF, 0xFE], u16::to_le_bytes);
        check(&bytes, SENTENCE, Encoding::Utf16Le);
    }

    #[test]
    fn utf16be_with_bom() {
        let bytes = utf16(SENTENCE, [0xFE, 0xFF], u16::to_be_bytes);
        check(&bytes, SENTENCE, Encoding::Utf16Be);
    }

    #[test]
    fn utf16_with_odd_length_is_refused() {
        assert!(reason(b"\xFF\xFEa\x00b").contains("odd number of bytes"));
    }

    #[test]
    fn utf16_with_unpaired_surrogate_is_refused() {
        let reason = reason(b"\xFF\xFEa\x00\x00\xD8b\x00");
        assert!(reason.contains("0xD800 at offset 4"), "{reason}");
    }

    #[test]
    fn utf16_without_bom_is_refused_for_its_nul_bytes() {
        let bytes = utf16("abc", [0x61, 0x00], u16::to_le_bytes);
        assert!(reason(&bytes).contains("NUL byte at offset 1"));
    }

    #[test]
    fn gb18030_sentence() {
        check(&gb18030(SENTENCE), SENTENCE, Encoding::Gb18030);
    }

    #[test]
    fn gbk_only_text_is_read_as_gb18030() {
        // 「镕」 and 「囧」 are outside GB2312 but inside GBK.
        let text = "朱镕基的囧字。";
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        check(&bytes, text, Encoding::Gb18030);
    }

    #[test]
    fn png_header_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert!(reason(png).contains("NUL byte at offset 8"));
    }

    #[test]
    fn binary_without_nul_that_is_valid_gb18030_is_refused() {
        let reason = reason(b"\x89PNG\r\n\x1a\n\x01\x02\x03\x04");
        assert!(reason.contains("control character U+001A"), "{reason}");
    }

    #[test]
    fn gb18030_of_private_use_characters_is_refused() {
        // 0xAAA1.. are user-defined GBK codes, mapped to private use.
        let bytes = b"\xAA\xA1\xAA\xA2\xAA\xA3\xAA\xA4\xAA\xA5";
        assert!(reason(bytes).contains("0 of 5 characters"));
    }

    #[test]
    fn invalid_utf8_and_gb18030_names_the_offset() {
        let reason = reason(b"abc\xFF\xFFdef");
        assert_eq!(
            reason,
            "not UTF-8, UTF-16 or GB18030 text (invalid byte 0xFF at offset 3)"
        );
    }

    #[test]
    fn different_offsets_for_utf8_and_gb18030_are_both_named() {
        // 0xC4 0xE3 is 「你」 in GB18030 but not UTF-8; 0xFF is neither.
        let reason = reason(b"\xC4\xE3\xFF");
        assert!(
            reason.contains("UTF-8: invalid byte 0xC4 at offset 0"),
            "{reason}"
        );
        assert!(
            reason.contains("GB18030: invalid byte 0xFF at offset 2"),
            "{reason}"
        );
    }

    #[test]
    fn empty_is_empty() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \r\n\t\n"), Err(DecodeError::Empty));
        assert_eq!(decode("\u{3000}\n".as_bytes()), Err(DecodeError::Empty));
    }

    #[test]
    fn bom_only_is_empty() {
        assert_eq!(decode(UTF8_BOM), Err(DecodeError::Empty));
        assert_eq!(decode(UTF16LE_BOM), Err(DecodeError::Empty));
    }

    #[test]
    fn crlf_and_lone_cr_become_one_line_feed_each() {
        check(b"a\r\nb\rc\n\r\nd", "a\nb\nc\n\nd", Encoding::Utf8);
    }

    #[test]
    fn line_breaks_are_normalised_in_gb18030_too() {
        let bytes = gb18030("第一行\r\n第二行\r第三行");
        check(&bytes, "第一行\n第二行\n第三行", Encoding::Gb18030);
    }

    #[test]
    fn encoding_names() {
        assert_eq!(Encoding::Utf8.name(), "UTF-8");
        assert_eq!(Encoding::Utf8Bom.name(), "UTF-8");
        assert_eq!(Encoding::Utf16Le.name(), "UTF-16LE");
        assert_eq!(Encoding::Utf16Be.name(), "UTF-16BE");
        assert_eq!(Encoding::Gb18030.to_string(), "GB18030");
        assert!(Encoding::Utf8Bom.has_bom() && !Encoding::Gb18030.has_bom());
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_or_are_refused_without_panicking(bytes: Vec<u8>) {
            let _ = decode(&bytes);
        }

        #[test]
        fn line_numbers_are_preserved(text in "[a-z中文 ]{0,5}(\r\n|\r|\n)[a-z中文\r\n]{0,20}x") {
            // Every LF, plus every CR not followed by an LF.
            let breaks = text.matches('\n').count() + text.matches('\r').count()
                - text.matches("\r\n").count();
            let decoded = decode(text.as_bytes()).unwrap();
            proptest::prop_assert_eq!(decoded.text.matches('\n').count(), breaks);
            proptest::prop_assert!(!decoded.text.contains('\r'));
        }
    }

    #[test]
    fn error_at_path_says_where() {
        let error = DecodeError::Empty.at(Path::new("corpus/a.txt"));
        assert_eq!(
            error.to_string(),
            "corpus/a.txt: empty file (no text, or only whitespace)"
        );
    }
}
