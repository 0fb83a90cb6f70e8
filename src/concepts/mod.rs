//! Which concepts a text names: the curated lexicon ([`lexicon`]), where its
//! labels are ([`matcher`]), the mentions that are kept ([`mentions`]),
//! terms that behave like concepts but are in no lexicon ([`discover`],
//! stored as suggestions by [`discovered`]) and the user's decisions about
//! them ([`curation`]).

pub mod curation;
pub mod discover;
pub mod discovered;
pub mod lexicon;
pub mod matcher;
pub mod mentions;
