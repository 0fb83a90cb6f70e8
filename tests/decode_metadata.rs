//! Integration tests for the first two stages through the public API:
//! decoding the fixture files in `tests/fixtures/encodings/` (the same two
//! lines of text in several encodings, plus files that must be refused), and
//! resolving metadata from manifests written into temporary folders.

use std::fs;
use std::path::{Path, PathBuf};

use policykg::document::decode::{decode, read_file, sha256_hex, DecodeError, Encoding};
use policykg::document::metadata::{
    date_from_file_name, resolve, Date, DateSource, Manifest, Metadata,
};
use policykg::Error;

const TEXT: &str = "第一条 为了保护和改善生态环境，制定本办法。\n第二条 本办法自公布之日起施行。\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/encodings")
        .join(name)
}

fn decode_fixture(name: &str) -> Result<policykg::document::decode::Decoded, DecodeError> {
    decode(&read_file(&fixture(name)).expect("fixture exists"))
}

fn refusal(name: &str) -> String {
    let path = fixture(name);
    let error = decode_fixture(name).expect_err("refused").at(&path);
    assert!(matches!(error, Error::Undecodable { .. }));
    error.to_string()
}

#[test]
fn every_accepted_encoding_gives_the_same_text() {
    for (name, encoding) in [
        ("utf8.txt", Encoding::Utf8),
        ("utf8_bom.txt", Encoding::Utf8Bom),
        ("utf16le_bom.txt", Encoding::Utf16Le),
        ("utf16be_bom.txt", Encoding::Utf16Be),
        ("gb18030.txt", Encoding::Gb18030),
        ("crlf_gb18030.txt", Encoding::Gb18030),
    ] {
        let decoded = decode_fixture(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(decoded.text, TEXT, "{name}");
        assert_eq!(decoded.encoding, encoding, "{name}");
    }
}

#[test]
fn encoding_names_are_the_labels_written_to_the_graph() {
    let names: Vec<&str> = ["utf8_bom.txt", "utf16be_bom.txt", "gb18030.txt"]
        .into_iter()
        .map(|name| decode_fixture(name).unwrap().encoding.name())
        .collect();
    assert_eq!(names, ["UTF-8", "UTF-16BE", "GB18030"]);
}

#[test]
fn refused_files_say_why_with_their_path() {
    let message = refusal("png_header.png");
    assert!(message.contains("png_header.png: contains a NUL byte at offset 8"));
    assert!(refusal("utf16le_no_bom.txt").contains("UTF-16 without a byte-order mark"));
    assert!(refusal("latin1.txt")
        .ends_with("not UTF-8, UTF-16 or GB18030 text (invalid byte 0xE9 at offset 3)"));
    assert!(refusal("empty.txt").contains("empty file"));
    assert!(refusal("whitespace.txt").contains("empty file"));
}

#[test]
fn reading_a_missing_file_names_it() {
    let error = read_file(&fixture("no_such_file.txt")).unwrap_err();
    assert!(matches!(error, Error::Read { .. }));
    assert!(error.to_string().contains("no_such_file.txt"));
}

#[test]
fn sha256_is_of_the_raw_bytes() {
    let utf8 = read_file(&fixture("utf8.txt")).unwrap();
    let bom = read_file(&fixture("utf8_bom.txt")).unwrap();
    assert_eq!(sha256_hex(&utf8).len(), 64);
    assert_ne!(sha256_hex(&utf8), sha256_hex(&bom));
}

/// A temporary folder holding `files` (empty) and a manifest with `csv`.
struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new(csv: &[u8], files: &[&str]) -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, TEXT).unwrap();
        }
        fs::write(dir.path().join("manifest.csv"), csv).unwrap();
        Corpus { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn manifest(&self) -> Manifest {
        Manifest::load(&self.path("manifest.csv")).expect("manifest loads")
    }

    fn malformed(&self) -> (PathBuf, u64, u64, String) {
        match Manifest::load(&self.path("manifest.csv")) {
            Err(Error::Malformed {
                path,
                line,
                column,
                message,
            }) => (path, line, column, message),
            other => panic!("expected Malformed, got {other:?}"),
        }
    }
}

#[test]
fn manifest_with_a_subset_of_columns() {
    let corpus = Corpus::new(
        "\u{feff}source,path\n人民日报,rmrb/a.txt\n,rmrb/b.txt\n".as_bytes(),
        &["rmrb/a.txt", "rmrb/b.txt"],
    );
    let manifest = corpus.manifest();
    assert_eq!(manifest.len(), 2);
    let a = manifest.lookup(&corpus.path("rmrb/a.txt")).unwrap();
    assert_eq!(a.source.as_deref(), Some("人民日报"));
    assert_eq!((a.title.as_ref(), a.date), (None, None));
    assert_eq!(
        manifest.lookup(&corpus.path("rmrb/b.txt")),
        Some(&Metadata::default())
    );
}

#[test]
fn manifest_wins_over_the_file_name_field_by_field() {
    let corpus = Corpus::new(
        b"path,title,date\nrmrb_20190222-09-01.txt,Title,2019/3/1\ngwr_1954.txt,Other,\n",
        &["rmrb_20190222-09-01.txt", "gwr_1954.txt"],
    );
    let manifest = corpus.manifest();
    let listed = resolve(Some(&manifest), &corpus.path("rmrb_20190222-09-01.txt"));
    assert_eq!(listed.date, Some(Date::Day(2019, 3, 1)));
    assert_eq!(listed.date_source, Some(DateSource::Manifest));
    assert_eq!(listed.title.as_deref(), Some("Title"));
    let date_from_name = resolve(Some(&manifest), &corpus.path("gwr_1954.txt"));
    assert_eq!(date_from_name.date, Some(Date::Year(1954)));
    assert_eq!(date_from_name.date_source, Some(DateSource::FileName));
    assert_eq!(date_from_name.title.as_deref(), Some("Other"));
}

#[test]
fn without_a_manifest_only_the_file_name_speaks() {
    let metadata = resolve(None, Path::new("corpus/xwlb_2012-01-01.txt"));
    assert_eq!(
        metadata,
        Metadata {
            date: Some(Date::Day(2012, 1, 1)),
            date_source: Some(DateSource::FileName),
            ..Metadata::default()
        }
    );
    assert_eq!(resolve(None, Path::new("notes.txt")), Metadata::default());
}

#[test]
fn manifest_paths_are_relative_to_the_manifest_folder() {
    let corpus = Corpus::new(
        b"path,title\nsub/a.txt,A\n./sub/../b.txt,B\n",
        &["sub/a.txt", "b.txt", "other/a.txt"],
    );
    let manifest = corpus.manifest();
    let title = |relative: &str| {
        manifest
            .lookup(&corpus.path(relative))
            .and_then(|m| m.title.clone())
    };
    assert_eq!(title("sub/a.txt").as_deref(), Some("A"));
    // Only the canonical path matches `./sub/../b.txt`.
    assert_eq!(title("b.txt").as_deref(), Some("B"));
    assert_eq!(title("sub/../sub/a.txt").as_deref(), Some("A"));
    // Not listed, but its file name is unique in the manifest.
    assert_eq!(title("other/a.txt").as_deref(), Some("A"));
}

#[test]
fn manifest_path_as_written_matches_a_path_as_given() {
    let corpus = Corpus::new(b"path,author\ncorpus/a.txt,X\n", &[]);
    let manifest = corpus.manifest();
    let found = manifest.lookup(Path::new("corpus/a.txt")).unwrap();
    assert_eq!(found.author.as_deref(), Some("X"));
}

#[test]
fn manifest_saved_as_gb18030_by_a_spreadsheet() {
    let csv = "path,title,date\r\na.txt,关于生态文明建设的意见,2015年4月25日\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(csv);
    let corpus = Corpus::new(&bytes, &["a.txt"]);
    let found = resolve(Some(&corpus.manifest()), &corpus.path("a.txt"));
    assert_eq!(found.title.as_deref(), Some("关于生态文明建设的意见"));
    assert_eq!(found.date, Some(Date::Day(2015, 4, 25)));
}

#[test]
fn malformed_manifest_names_file_line_and_column() {
    let corpus = Corpus::new(
        b"path,title,date\na.txt,A,2019-02-22\nb.txt,B,22/02/2019\n",
        &[],
    );
    let (path, line, column, message) = corpus.malformed();
    assert_eq!(path, corpus.path("manifest.csv"));
    assert_eq!((line, column), (3, 3));
    assert!(message.contains("`22/02/2019` is not a date"), "{message}");
    let shown = Manifest::load(&corpus.path("manifest.csv"))
        .unwrap_err()
        .to_string();
    assert!(shown.contains("manifest.csv:3:3:"), "{shown}");
}

#[test]
fn manifest_header_without_path_is_malformed_on_line_1() {
    let corpus = Corpus::new(b"title,date\nA,1954\n", &[]);
    let (_, line, _, message) = corpus.malformed();
    assert_eq!(line, 1);
    assert!(message.contains("`path`"), "{message}");
}

#[test]
fn empty_manifest_is_malformed() {
    let corpus = Corpus::new(b"", &[]);
    assert_eq!(corpus.malformed().1, 1);
}

#[test]
fn dates_in_file_names_through_the_public_api() {
    for (name, date) in [
        ("rmrb_20190222-09-01.txt", Some(Date::Day(2019, 2, 22))),
        ("20190222-09-01.txt", Some(Date::Day(2019, 2, 22))),
        ("gwr_1954.txt", Some(Date::Year(1954))),
        ("xwlb_2012-01-01.txt", Some(Date::Day(2012, 1, 1))),
        ("2012-01-01.txt", Some(Date::Day(2012, 1, 1))),
        ("2020年5月13日.txt", Some(Date::Day(2020, 5, 13))),
        ("/srv/1999/doc_19991399.txt", None),
    ] {
        assert_eq!(date_from_file_name(name), date, "{name}");
    }
    assert_eq!(
        Date::parse("2019年2月22日").map(|d| d.xsd()),
        Some(("2019-02-22".to_owned(), "date"))
    );
}
