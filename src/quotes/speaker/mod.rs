//! Speakers: finding the mention at a frame ([`find`]), reading what it
//! names in the document ([`heads`]), and resolving it to a name and an
//! entry ([`resolve`], with the gazetteer's [`surnames`] and the rules for
//! [`places`]).

mod find;
mod heads;
mod places;
mod resolve;
mod surnames;

pub(crate) use find::{left, relative_pronoun, right, source, subject};
pub(crate) use resolve::Resolver;
pub use surnames::SurnameIndex;

/// The most tokens of a speaker mention ("Finnish Economy Minister Aino
/// Virtanen", "a spokeswoman for the agency"); a longer phrase before a cue
/// is a clause, not a speaker. Also how far a cue may stand from a quotation
/// after the mention's start (`frame.rs`).
pub(crate) const MAX_SPEAKER_TOKENS: usize = 10;
