//! What is true of the corpus as a whole, computed from the documents'
//! concept incidence: which concepts appear together and how strongly
//! ([`cooccurrence`]), the networks they form ([`graphs`]), which concepts
//! are central and which belong together ([`analytics`]), and the corpus
//! graph that states it all ([`relate`]).

pub mod analytics;
pub mod cooccurrence;
pub mod graphs;
pub mod relate;
