//! Speakers: finding the mention at a frame ([`find`]) and resolving it to
//! a name and an entry ([`resolve`]).

mod find;
mod resolve;

pub(crate) use find::{left, right, source, subject};
pub(crate) use resolve::Resolver;
pub use resolve::SurnameIndex;

/// The most tokens of a speaker mention ("Finnish Economy Minister Aino
/// Virtanen", "a spokeswoman for the agency"); a longer phrase before a cue
/// is a clause, not a speaker. Also how far a cue may stand from a quotation
/// after the mention's start (`frame.rs`).
pub(crate) const MAX_SPEAKER_TOKENS: usize = 10;
