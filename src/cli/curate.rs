//! `policykg lexicon`: the user's decisions on discovered terms, written to
//! the user lexicon file ([`policykg::concepts::curation`]) and checked against the
//! concepts the store knows.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use policykg::concepts::curation::{self, Decision, Decisions};
use policykg::concepts::lexicon::Lexicon;
use policykg::explore::{Report, Table};
use policykg::store::Store;

use super::LexiconAction;

/// Runs one `lexicon` action.
pub fn run(db: &Path, action: LexiconAction) -> Result<ExitCode> {
    match action {
        LexiconAction::Accept {
            term,
            broader,
            en,
            file,
        } => {
            let path = file.path(db);
            let mut decisions = load(&path)?;
            let known = known_concepts(db, &decisions, &term)?;
            curation::check_new_label(&term, &known)?;
            let broader = broader.map(|name| resolve(&known, &name)).transpose()?;
            decisions.decide(&term, Decision::Accepted { en, broader });
            save(&decisions, &path, &term, "accepted as a concept")
        }
        LexiconAction::Reject { term, file } => {
            let path = file.path(db);
            let mut decisions = load(&path)?;
            decisions.decide(&term, Decision::Rejected);
            save(&decisions, &path, &term, "rejected")
        }
        LexiconAction::Merge {
            term,
            concept,
            file,
        } => {
            let path = file.path(db);
            let mut decisions = load(&path)?;
            let known = known_concepts(db, &decisions, &term)?;
            let concept = resolve(&known, &concept)?;
            curation::check_new_label(&term, &known)?;
            decisions.decide(&term, Decision::Merged { concept });
            save(&decisions, &path, &term, "merged")
        }
        LexiconAction::List { file, output } => {
            let path = file.path(db);
            let decisions = load(&path)?;
            let known = known_concepts(db, &decisions, "")?;
            let report = list(&decisions, &known, &path);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            report.write(output.format(), &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load(path: &Path) -> Result<Decisions> {
    Ok(Decisions::load(path)?)
}

fn save(decisions: &Decisions, path: &Path, term: &str, what: &str) -> Result<ExitCode> {
    decisions
        .save(path)
        .with_context(|| format!("cannot save the decision on {term}"))?;
    eprintln!(
        "{term}: {what} in {}; the next `policykg ingest` applies it",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The concepts a decision may name: the store's curated lexicon (the
/// bundled one before the first ingest) with the user's other decisions
/// applied (`term`'s own left out, so it can be decided again).
fn known_concepts(db: &Path, decisions: &Decisions, term: &str) -> Result<Lexicon> {
    let mut known = if db.exists() {
        let store = Store::open(db)?;
        policykg::concepts::lexicon::Lexicon::stored(&store)?
    } else {
        Lexicon::default()
    };
    if known.concepts().is_empty() {
        known = Lexicon::bundled();
    }
    let mut others = decisions.clone();
    others.terms.remove(term);
    let user = Lexicon::from_turtle(&others.turtle(), Path::new("<user lexicon>"))?;
    known.merge(user);
    Ok(known)
}

/// The IRI of the concept `name` names, or "did you mean".
fn resolve(known: &Lexicon, name: &str) -> Result<String> {
    match known.lookup(name) {
        Some(i) => Ok(known.concepts()[i].iri.clone()),
        None => {
            let close = known.suggest(name);
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", close.join(", "))
            };
            anyhow::bail!("unknown concept {name:?}{hint}")
        }
    }
}

/// The table of decisions.
fn list(decisions: &Decisions, known: &Lexicon, path: &Path) -> Report {
    let name_of = |iri: &str| {
        known
            .get(iri)
            .map(|c| c.pref_label.clone())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| iri.to_string())
    };
    let mut table = Table::new("decisions", &["term", "decision", "concept", "en"]);
    for (term, decision) in &decisions.terms {
        let (concept, en) = match decision {
            Decision::Accepted { en, broader } => (
                broader
                    .as_deref()
                    .map(|b| format!("broader: {}", name_of(b)))
                    .unwrap_or_default(),
                en.clone().unwrap_or_default(),
            ),
            Decision::Merged { concept } => (name_of(concept), String::new()),
            Decision::Rejected => (String::new(), String::new()),
        };
        table.push(vec![
            term.as_str().into(),
            decision.name().into(),
            concept.into(),
            en.into(),
        ]);
    }
    Report {
        facts: vec![
            ("file".into(), path.display().to_string().into()),
            ("decisions".into(), decisions.terms.len().into()),
        ],
        tables: vec![table],
        ..Report::default()
    }
}
