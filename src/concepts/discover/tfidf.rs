//! jieba's TF-IDF keywords over a corpus: the baseline that term
//! discovery ([`super::Discovery`]) is compared with in
//! `examples/discovery_eval.rs`.

use super::*;

/// How jieba's TF-IDF keywords are gathered over a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct TfIdfConfig {
    /// Keywords taken from each document (jieba's `topK`, 20 by default).
    pub top_k: usize,
    /// Part-of-speech tags a keyword may have; empty allows all (jieba's
    /// default).
    pub allowed_pos: Vec<String>,
    /// Whether jieba may use its HMM when counting occurrences.
    pub hmm: bool,
}

impl Default for TfIdfConfig {
    fn default() -> Self {
        TfIdfConfig {
            top_k: 20,
            allowed_pos: Vec::new(),
            hmm: false,
        }
    }
}

/// jieba's TF-IDF keyword extraction run over a corpus, for comparison with
/// [`Discovery`].
///
/// Each document (its paragraphs joined by newlines) goes through
/// `extractor` on its own, as jieba's `extract_tags` would, and keeps its
/// `top_k` keywords. Across documents a keyword's score is the sum of its
/// TF-IDF weights in the documents where it made the top `top_k`;
/// frequency and document frequency count its occurrences as a jieba
/// segment anywhere, and the example is its first occurrence. Ranked by
/// score, ties by label.
pub fn tfidf_keywords(
    documents: &[Vec<&str>],
    segmenter: &Jieba,
    extractor: &TfIdfExtractor,
    config: &TfIdfConfig,
) -> Vec<Candidate> {
    let mut found: HashMap<String, Candidate> = HashMap::new();
    for paragraphs in documents {
        let text = paragraphs.join("\n");
        for (keyword, weight) in
            extractor.extract_keywords(segmenter, &text, config.top_k, &config.allowed_pos)
        {
            found
                .entry(keyword.clone())
                .or_insert_with(|| empty_candidate(keyword))
                .score += weight;
        }
    }
    for (doc, paragraphs) in documents.iter().enumerate() {
        count_segments(doc, paragraphs, segmenter, config.hmm, &mut found);
    }
    let mut candidates: Vec<Candidate> = found.into_values().collect();
    rank(&mut candidates);
    candidates
}

/// A keyword not yet counted.
fn empty_candidate(label: String) -> Candidate {
    Candidate {
        label,
        frequency: 0,
        document_frequency: 0,
        score: 0.0,
        example: String::new(),
        example_doc: 0,
    }
}

/// Counts, for every keyword in `found`, its occurrences as a segment in
/// one document, and takes its first example there.
fn count_segments(
    doc: usize,
    paragraphs: &[&str],
    segmenter: &Jieba,
    hmm: bool,
    found: &mut HashMap<String, Candidate>,
) {
    let mut seen = HashSet::new();
    for paragraph in paragraphs {
        for tag in segmenter.tag(paragraph, hmm) {
            let Some(candidate) = found.get_mut(tag.word) else {
                continue;
            };
            candidate.frequency += 1;
            if seen.insert(tag.word) {
                candidate.document_frequency += 1;
            }
            if candidate.example.is_empty() {
                candidate.example = example_line(paragraph, tag.byte_start..tag.byte_end);
                candidate.example_doc = doc;
            }
        }
    }
}

/// jieba-rs's default keyword stop words (`jieba_rs::DEFAULT_STOP_WORDS`).
const JIEBA_STOP_WORDS: [&str; 31] = [
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
    "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not",
    "one", "has", "or",
];

/// jieba-rs's TF-IDF keyword extractor (`jieba_rs::TfIdf`), rebuilt on
/// its segmenter because jieba-rs only ships it behind its `tfidf` feature,
/// which policykg does not enable. Same algorithm: tag with jieba (no HMM);
/// keep words of 2+ characters that are not stop words and have an allowed
/// tag; weigh each by `tf · idf / total`, a word missing from the table
/// getting the median IDF; best first, ties by word. Given jieba's own
/// `idf.txt` it returns what `jieba_rs::TfIdf::default()` returns.
#[derive(Debug, Clone)]
pub struct TfIdfExtractor {
    idf: HashMap<String, f64>,
    median_idf: f64,
    stop_words: HashSet<String>,
}

impl TfIdfExtractor {
    /// An extractor over an IDF table in jieba's format (`word idf` a line)
    /// with jieba's default stop words plus `extra_stop_words`.
    pub fn new<I: IntoIterator<Item = String>>(idf_table: &str, extra_stop_words: I) -> Self {
        let entries: Vec<(&str, f64)> = idf_table
            .lines()
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let word = fields.next()?;
                let idf = fields.next()?.parse::<f64>().ok()?;
                Some((word, idf))
            })
            .collect();
        let mut stop_words: HashSet<String> =
            JIEBA_STOP_WORDS.iter().map(|w| w.to_string()).collect();
        stop_words.extend(extra_stop_words);
        TfIdfExtractor {
            median_idf: median(entries.iter().map(|(_, idf)| *idf).collect()),
            idf: entries
                .into_iter()
                .map(|(word, idf)| (word.to_string(), idf))
                .collect(),
            stop_words,
        }
    }

    /// The `top_k` keywords of `text` with their weights, best first, as
    /// `jieba_rs::TfIdf::extract_keywords` gives them; an empty
    /// `allowed_pos` allows every tag.
    pub fn extract_keywords(
        &self,
        jieba: &Jieba,
        text: &str,
        top_k: usize,
        allowed_pos: &[String],
    ) -> Vec<(String, f64)> {
        let allowed = |tag: &str| allowed_pos.is_empty() || allowed_pos.iter().any(|p| p == tag);
        let mut term_freq: HashMap<&str, u64> = HashMap::new();
        for tag in jieba.tag(text, false) {
            if allowed(tag.tag) && self.is_keyword(tag.word) {
                *term_freq.entry(tag.word).or_insert(0) += 1;
            }
        }
        let total: u64 = term_freq.values().sum();
        let mut keywords: Vec<(String, f64)> = term_freq
            .iter()
            .map(|(word, tf)| {
                let idf = self.idf.get(*word).unwrap_or(&self.median_idf);
                (word.to_string(), *tf as f64 * idf / total as f64)
            })
            .collect();
        keywords.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        keywords.truncate(top_k);
        keywords
    }

    /// Whether jieba would consider `word` at all.
    fn is_keyword(&self, word: &str) -> bool {
        word.chars().count() >= 2
            && !self.stop_words.contains(word)
            && !self.stop_words.contains(&word.to_lowercase())
    }
}

/// The median of some values, as jieba computes it (the lower middle one).
fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    values[(values.len() - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tfidf_extractor_weighs_by_term_frequency_and_idf() {
        let jieba = Jieba::new();
        let extractor = TfIdfExtractor::new("数字 2.0\n贸易 4.0\n", Vec::new());
        let keywords = extractor.extract_keywords(&jieba, "数字贸易，数字", 5, &[]);
        let expected = vec![
            ("数字".to_string(), 2.0 * 2.0 / 3.0),
            ("贸易".to_string(), 4.0 / 3.0),
        ];
        assert_eq!(keywords, expected);
    }
}
