//! Curation: the user's decisions on discovered terms, kept in a user
//! lexicon file that the next `ingest` applies like any `--lexicon` file.
//!
//! Input: the decisions file (SKOS Turtle, by default `user-lexicon.ttl`
//! in the store's folder) and a decision (`accept`, `merge`, `reject`);
//! output: the same file rewritten, one statement block per term, sorted,
//! so the same decisions always give the same file:
//!
//! - accepted: a curated concept `kgc:TERM` in the user scheme with
//!   `skos:prefLabel "TERM"@zh`, an optional `@en` label and
//!   `skos:broader`;
//! - merged: `<CONCEPT> a skos:Concept ; skos:altLabel "TERM"@zh`, which
//!   [`Lexicon::merge`] unites with the concept of that IRI, so the term's
//!   text becomes a mention of the concept;
//! - rejected: `<discovered IRI> kg:rejected true ; rdfs:label "TERM"@zh`,
//!   which discovery never proposes again and `suggest` hides.
//!
//! The file is read back with [`Lexicon::from_turtle`] (a syntax error
//! names the file, line and column), so what `ingest` applies is exactly
//! what the decisions say. Deciding again on a term replaces the earlier
//! decision.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::concepts::lexicon::{Lexicon, USER_SCHEME};
use crate::rdf::vocab::{KG, KGC, RDFS, SKOS};
use crate::{Error, Result};

/// The user lexicon's file name in the store's folder.
pub const FILE_NAME: &str = "user-lexicon.ttl";

/// Where the user lexicon of the store in `db` lives by default.
pub fn default_path(db: &Path) -> PathBuf {
    db.join(FILE_NAME)
}

/// What the user decided about one term.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "decision", rename_all = "lowercase")]
pub enum Decision {
    /// The term is a concept: a curated concept of the user lexicon.
    Accepted {
        /// An English preferred label.
        en: Option<String>,
        /// The IRI of its broader concept.
        broader: Option<String>,
    },
    /// The term names an existing concept: an alternative label of it.
    Merged {
        /// The concept's IRI.
        concept: String,
    },
    /// The term is not a concept.
    Rejected,
}

impl Decision {
    /// `accepted`, `merged` or `rejected`.
    pub fn name(&self) -> &'static str {
        match self {
            Decision::Accepted { .. } => "accepted",
            Decision::Merged { .. } => "merged",
            Decision::Rejected => "rejected",
        }
    }
}

/// Every decision, by term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    /// Term → decision, sorted by term.
    pub terms: BTreeMap<String, Decision>,
}

impl Decisions {
    /// Reads a decisions file; a missing file holds no decisions. A
    /// malformed file is an error naming its line and column.
    pub fn load(path: &Path) -> Result<Decisions> {
        if !path.exists() {
            return Ok(Decisions::default());
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Decisions::from_lexicon(&Lexicon::from_turtle(&text, path)?))
    }

    /// The decisions a user lexicon states: a concept with a preferred
    /// label was accepted; each alternative label of a concept without
    /// one was merged into it; rejected terms are rejected.
    pub fn from_lexicon(lexicon: &Lexicon) -> Decisions {
        let mut terms = BTreeMap::new();
        for concept in lexicon.concepts() {
            if !concept.pref_label.is_empty() {
                terms.insert(
                    concept.pref_label.clone(),
                    Decision::Accepted {
                        en: concept.pref_label_en.clone(),
                        broader: concept.broader.first().cloned(),
                    },
                );
            } else {
                for label in &concept.alt_labels {
                    terms.insert(
                        label.clone(),
                        Decision::Merged {
                            concept: concept.iri.clone(),
                        },
                    );
                }
            }
        }
        for label in lexicon.rejected() {
            terms.insert(label.to_owned(), Decision::Rejected);
        }
        Decisions { terms }
    }

    /// Records a decision, replacing any earlier one on the same term.
    pub fn decide(&mut self, term: &str, decision: Decision) {
        self.terms.insert(term.to_owned(), decision);
    }

    /// Writes the decisions to `path` (see [`Decisions::turtle`]).
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|e| Error::Usage(format!("cannot write {}: {e}", path.display())))?;
        }
        std::fs::write(path, self.turtle())
            .map_err(|e| Error::Usage(format!("cannot write {}: {e}", path.display())))
    }

    /// The decisions as SKOS Turtle, terms sorted (module docs).
    pub fn turtle(&self) -> String {
        let mut out = format!(
            "# policykg user lexicon: decisions on discovered terms, written by\n\
             # `policykg lexicon accept|merge|reject` and applied by the next `policykg ingest`.\n\
             @prefix skos: <{SKOS}> .\n@prefix kg: <{KG}> .\n@prefix rdfs: <{RDFS}> .\n\n"
        );
        for (term, decision) in &self.terms {
            let label = quote(term);
            match decision {
                Decision::Accepted { en, broader } => {
                    out.push_str(&format!(
                        "<{KGC}{term}> a skos:Concept ;\n    skos:inScheme <{USER_SCHEME}> ;\n    skos:prefLabel {label}@zh"
                    ));
                    if let Some(en) = en {
                        out.push_str(&format!(" , {}@en", quote(en)));
                    }
                    if let Some(broader) = broader {
                        out.push_str(&format!(" ;\n    skos:broader <{broader}>"));
                    }
                    out.push_str(" .\n\n");
                }
                Decision::Merged { concept } => out.push_str(&format!(
                    "<{concept}> a skos:Concept ;\n    skos:altLabel {label}@zh .\n\n"
                )),
                Decision::Rejected => out.push_str(&format!(
                    "<{}> kg:rejected true ;\n    rdfs:label {label}@zh .\n\n",
                    crate::concepts::discovered::iri(term)
                )),
            }
        }
        out
    }
}

/// A Turtle string literal.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\r', "\\r");
    format!("\"{escaped}\"")
}

/// Checks that `term` can be accepted or merged: it must be a term (no
/// space, no angle bracket, which IRIs cannot hold) and not already a
/// label of a concept of `lexicon` (then it says whose).
pub fn check_new_label(term: &str, lexicon: &Lexicon) -> Result<()> {
    if term.trim().is_empty()
        || term
            .chars()
            .any(|c| c.is_whitespace() || "<>\"{}|^`\\".contains(c))
    {
        return Err(Error::Usage(format!(
            "{term:?} is not a term: give the words as they are printed, without spaces"
        )));
    }
    if let Some((_, owner)) = lexicon.labels().find(|(label, _)| *label == term) {
        let concept = &lexicon.concepts()[owner];
        return Err(Error::Usage(format!(
            "{term} is already a label of the concept {} ({}): nothing to accept",
            concept.pref_label, concept.iri
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decisions() -> Decisions {
        let mut d = Decisions::default();
        d.decide(
            "链主企业",
            Decision::Accepted {
                en: Some("chain leader \"firm\"".into()),
                broader: Some(format!("{KGC}产业链")),
            },
        );
        d.decide(
            "自由贸易区",
            Decision::Merged {
                concept: format!("{KGC}自贸试验区"),
            },
        );
        d.decide("抗击疫情", Decision::Rejected);
        d
    }

    #[test]
    fn decisions_read_back_from_their_own_turtle() {
        let written = decisions().turtle();
        let lexicon = Lexicon::from_turtle(&written, Path::new("user-lexicon.ttl")).unwrap();
        assert_eq!(Decisions::from_lexicon(&lexicon), decisions());
        assert_eq!(lexicon.rejected().collect::<Vec<_>>(), vec!["抗击疫情"]);
    }

    #[test]
    fn a_new_decision_replaces_the_old_one() {
        let mut d = decisions();
        d.decide(
            "抗击疫情",
            Decision::Merged {
                concept: format!("{KGC}疫情防控"),
            },
        );
        assert_eq!(d.terms.len(), 3);
        assert_eq!(d.terms["抗击疫情"].name(), "merged");
    }

    #[test]
    fn accepting_a_known_label_says_whose_it_is() {
        let err = check_new_label("经济全球化", Lexicon::bundled_ref()).unwrap_err();
        assert!(err.to_string().contains("already a label"), "{err}");
        assert!(check_new_label("规则协同", Lexicon::bundled_ref()).is_ok());
        assert!(check_new_label("两 个词", Lexicon::bundled_ref()).is_err());
    }
}
