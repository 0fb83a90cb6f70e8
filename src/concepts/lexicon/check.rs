//! Checks of single concepts for [`Lexicon::validate`].

use super::*;

/// The problems of one concept; `known` says whether an IRI is a concept.
pub(super) fn concept(c: &Concept, known: impl Fn(&str) -> bool) -> Vec<String> {
    let name = short(&c.iri);
    let mut problems = Vec::new();
    if c.pref_label.is_empty() {
        problems.push(format!("{name} has no prefLabel@zh"));
    }
    if c.alt_labels.contains(&c.pref_label) {
        problems.push(format!(
            "{name} has “{}” as both prefLabel and altLabel",
            c.pref_label
        ));
    }
    let distinct: BTreeSet<&String> = c.alt_labels.iter().collect();
    if distinct.len() != c.alt_labels.len() {
        problems.push(format!("{name} lists an altLabel twice"));
    }
    problems.extend(
        c.labels()
            .filter_map(label_problem)
            .map(|p| format!("{name}: {p}")),
    );
    for (kind, targets) in [("broader", &c.broader), ("related", &c.related)] {
        for target in targets.iter().filter(|t| !known(t)) {
            problems.push(format!(
                "{name} has {kind} {} which is not a concept of the lexicon",
                short(target)
            ));
        }
    }
    problems
}
