//! From grouped Turtle statements to concepts and schemes.

use super::*;

/// Builds a lexicon from subjects and their statements.
pub(super) fn build(subjects: Vec<(String, Vec<(NamedNode, Term)>)>) -> Lexicon {
    let concept_type = skos("Concept");
    let scheme_type = skos("ConceptScheme");
    let mut concepts = Vec::new();
    let mut schemes = Vec::new();
    let mut problems = Vec::new();
    let mut narrower = Vec::new();
    let mut rejected = BTreeSet::new();
    for (iri, statements) in subjects {
        narrower.extend(narrower_edges(&iri, &statements));
        rejected.extend(rejected_labels(&statements));
        if has_type(&statements, &concept_type) {
            concepts.push(concept(&iri, &statements, &mut problems));
        } else if has_type(&statements, &scheme_type) {
            schemes.push(scheme(iri, statements));
        }
    }
    apply_narrower(&mut concepts, narrower, &mut problems);
    let mut lexicon = Lexicon::assemble(concepts, schemes, problems);
    lexicon.rejected = rejected;
    lexicon
}

/// The `rdfs:label`s of a subject flagged `kg:rejected true`: terms the
/// user rejected.
fn rejected_labels(statements: &[(NamedNode, Term)]) -> Vec<String> {
    let flag = format!("{KG}rejected");
    let is_rejected = statements.iter().any(|(p, o)| {
        p.as_str() == flag
            && matches!(o, Term::Literal(l) if l.value() == "true" || l.value() == "1")
    });
    if !is_rejected {
        return Vec::new();
    }
    let label = format!("{RDFS}label");
    statements
        .iter()
        .filter(|(p, _)| p.as_str() == label)
        .filter_map(|(_, o)| match o {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect()
}

/// A SKOS term IRI.
pub(super) fn skos(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SKOS}{local}"))
}

fn has_type(statements: &[(NamedNode, Term)], class: &NamedNode) -> bool {
    let rdf_type = format!("{RDF}type");
    statements
        .iter()
        .any(|(p, o)| p.as_str() == rdf_type && matches!(o, Term::NamedNode(n) if n == class))
}

/// The (broader, narrower) edges `subject` states with `skos:narrower`,
/// whether or not it is typed as a concept in this file (a user file may
/// hang its concepts under bundled ones this way).
fn narrower_edges(subject: &str, statements: &[(NamedNode, Term)]) -> Vec<(String, String)> {
    let predicate = format!("{SKOS}narrower");
    statements
        .iter()
        .filter(|(p, _)| p.as_str() == predicate)
        .filter_map(|(_, o)| match o {
            Term::NamedNode(n) => Some((subject.to_owned(), n.as_str().to_owned())),
            _ => None,
        })
        .collect()
}

/// Reads one concept's statements; a second prefLabel@zh is recorded
/// as a problem.
fn concept(iri: &str, statements: &[(NamedNode, Term)], problems: &mut Vec<String>) -> Concept {
    let mut concept = Concept::new(iri, "", USER_SCHEME);
    let mut scheme = None;
    for (predicate, object) in statements {
        let Some(local) = predicate.as_str().strip_prefix(SKOS) else {
            if predicate.as_str() == format!("{KG}discovered") {
                concept.discovered =
                    matches!(object, Term::Literal(l) if l.value() == "true" || l.value() == "1");
            }
            continue;
        };
        match (local, object) {
            ("prefLabel", Term::Literal(l)) => pref_label(&mut concept, l, problems),
            ("altLabel", Term::Literal(l)) => {
                concept.add_alt_label(l.value(), l.language().unwrap_or(""))
            }
            ("scopeNote", Term::Literal(l)) => concept
                .scope_notes
                .push((l.value().to_owned(), l.language().unwrap_or("").to_owned())),
            ("broader", Term::NamedNode(n)) => {
                push_unique(&mut concept.broader, vec![n.as_str().to_owned()])
            }
            ("related", Term::NamedNode(n)) => {
                push_unique(&mut concept.related, vec![n.as_str().to_owned()])
            }
            ("inScheme" | "topConceptOf", Term::NamedNode(n)) => {
                scheme.get_or_insert_with(|| n.as_str().to_owned());
            }
            _ => {}
        }
    }
    if let Some(scheme) = scheme {
        concept.scheme = scheme;
    }
    concept
}

/// Sets a preferred label by language: `zh…` (or an untagged label with
/// non-ASCII text) is the Chinese one, `en…` (or untagged ASCII) the
/// English one; a second label in one language is a problem.
fn pref_label(concept: &mut Concept, label: &Literal, problems: &mut Vec<String>) {
    let lang = label
        .language()
        .unwrap_or(if label.value().is_ascii() { "en" } else { "zh" });
    let (slot, name) = if lang == "zh" || lang.starts_with("zh-") {
        (&mut concept.pref_label, "zh")
    } else if lang == "en" || lang.starts_with("en-") {
        (concept.pref_label_en.get_or_insert_with(String::new), "en")
    } else {
        return;
    };
    if slot.is_empty() {
        *slot = label.value().to_owned();
    } else if slot != label.value() {
        problems.push(format!(
            "{} has two prefLabels@{name}: “{slot}” and “{}”",
            short(&concept.iri),
            label.value()
        ));
    }
}

fn scheme(iri: String, statements: Vec<(NamedNode, Term)>) -> Scheme {
    let derived = [format!("{RDF}type"), format!("{SKOS}hasTopConcept")];
    let statements = statements
        .into_iter()
        .filter(|(p, _)| !derived.iter().any(|d| d == p.as_str()))
        .collect();
    Scheme { iri, statements }
}

/// Turns each `broader skos:narrower narrower` edge into a broader link
/// on the narrower concept; an edge to no concept is a problem.
fn apply_narrower(
    concepts: &mut [Concept],
    edges: Vec<(String, String)>,
    problems: &mut Vec<String>,
) {
    let index: HashMap<String, usize> = concepts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.iri.clone(), i))
        .collect();
    for (broad, narrow) in edges {
        match index.get(&narrow) {
            Some(&i) => push_unique(&mut concepts[i].broader, vec![broad]),
            None => problems.push(format!(
                "{} has a narrower concept {} that is not in the lexicon",
                short(&broad),
                short(&narrow)
            )),
        }
    }
}
