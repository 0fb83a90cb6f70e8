//! IRIs of the vocabulary contract (`design/ONTOLOGY.md`, defined in
//! `ontology/policykg.ttl`), and the minting of resource IRIs.

/// `kg:` namespace: our classes and properties.
pub const KG: &str = "https://w3id.org/policykg/ns#";
/// `kgid:` namespace: minted resources.
pub const KGID: &str = "https://w3id.org/policykg/id/";
/// `kgc:` namespace: concepts of the bundled lexicon.
pub const KGC: &str = "https://w3id.org/policykg/concept/";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// Dublin Core terms.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// NIF core.
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
/// PROV-O.
pub const PROV: &str = "http://www.w3.org/ns/prov#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDFS.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// XSD.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Named graph holding the vocabulary (`ontology/policykg.ttl`).
pub const VOCABULARY_GRAPH: &str = "https://w3id.org/policykg/graph/vocabulary";
/// Named graph holding the concept lexicon.
pub const LEXICON_GRAPH: &str = "https://w3id.org/policykg/graph/lexicon";
/// Named graph holding corpus-wide facts (co-occurrence, statistics).
pub const CORPUS_GRAPH: &str = "https://w3id.org/policykg/graph/corpus";

/// The prefixes every query and dump may use.
pub const PREFIXES: &[(&str, &str)] = &[
    ("kg", KG),
    ("kgid", KGID),
    ("kgc", KGC),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("nif", NIF),
    ("prov", PROV),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
];

/// `kg:` term IRI.
pub fn kg(local: &str) -> String {
    format!("{KG}{local}")
}
