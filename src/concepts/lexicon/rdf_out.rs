//! Writing a lexicon as quads.

use super::*;

/// Quads collected into one graph.
pub(super) struct Quads {
    graph: GraphName,
    pub(super) quads: Vec<Quad>,
}

impl Quads {
    pub(super) fn new(graph: &NamedNode) -> Quads {
        Quads {
            graph: graph.clone().into(),
            quads: Vec::new(),
        }
    }

    fn add(&mut self, subject: &str, predicate: NamedNode, object: impl Into<Term>) {
        let subject = NamedNode::new_unchecked(subject);
        self.quads
            .push(Quad::new(subject, predicate, object, self.graph.clone()));
    }

    fn link(&mut self, subject: &str, predicate: &str, object: &str) {
        self.add(
            subject,
            turtle::skos(predicate),
            NamedNode::new_unchecked(object),
        );
    }

    /// A rejected term: `<discovered IRI> kg:rejected true ; rdfs:label "…"@zh`.
    pub(super) fn rejected(&mut self, label: &str) {
        let iri = crate::concepts::discovered::iri(label);
        self.add(
            &iri,
            NamedNode::new_unchecked(format!("{KG}rejected")),
            Literal::from(true),
        );
        self.add(
            &iri,
            NamedNode::new_unchecked(format!("{RDFS}label")),
            tagged(label, "zh"),
        );
    }

    /// The statements of one concept, in a fixed order.
    pub(super) fn concept(
        &mut self,
        c: &Concept,
        narrower: &BTreeSet<&str>,
        related: &BTreeSet<&str>,
    ) {
        let iri = c.iri.as_str();
        self.add(
            iri,
            NamedNode::new_unchecked(format!("{RDF}type")),
            turtle::skos("Concept"),
        );
        self.link(iri, "inScheme", &c.scheme);
        if c.broader.is_empty() {
            self.link(iri, "topConceptOf", &c.scheme);
        }
        if !c.pref_label.is_empty() {
            self.add(iri, turtle::skos("prefLabel"), tagged(&c.pref_label, "zh"));
        }
        if let Some(en) = &c.pref_label_en {
            self.add(iri, turtle::skos("prefLabel"), tagged(en, "en"));
        }
        let alts: BTreeSet<(&String, &String)> =
            c.alt_labels.iter().zip(&c.alt_label_langs).collect();
        for (label, lang) in alts {
            self.add(iri, turtle::skos("altLabel"), tagged(label, lang));
        }
        for broader in sorted(&c.broader) {
            self.link(iri, "broader", broader);
        }
        for narrower in narrower {
            self.link(iri, "narrower", narrower);
        }
        for related in related {
            self.link(iri, "related", related);
        }
        for (note, lang) in c.scope_notes.iter().collect::<BTreeSet<_>>() {
            self.add(iri, turtle::skos("scopeNote"), tagged(note, lang));
        }
        if c.discovered {
            self.add(
                iri,
                NamedNode::new_unchecked(format!("{KG}discovered")),
                Literal::from(true),
            );
        }
    }

    /// The statements of one scheme: its type, what was loaded about
    /// it, and its top concepts.
    pub(super) fn scheme(&mut self, scheme: &Scheme, tops: &[&str]) {
        let iri = scheme.iri.as_str();
        self.add(
            iri,
            NamedNode::new_unchecked(format!("{RDF}type")),
            turtle::skos("ConceptScheme"),
        );
        let mut statements: Vec<&(NamedNode, Term)> = scheme.statements.iter().collect();
        statements.sort_by_key(|(p, o)| (p.as_str(), o.to_string()));
        statements.dedup();
        for (predicate, object) in statements {
            self.add(iri, predicate.clone(), object.clone());
        }
        for top in tops {
            self.link(iri, "hasTopConcept", top);
        }
    }
}

/// A literal with a language tag, or a plain one if the tag is empty
/// or not a valid tag.
fn tagged(value: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal(value, lang)
        .unwrap_or_else(|_| Literal::new_simple_literal(value))
}
