//! Speakers: finding the mention at a frame ([`find`]) and resolving it to
//! a name and an entry ([`resolve`]).

mod find;
mod resolve;

pub(crate) use find::{is_auxiliary, is_leading, is_time_word, left, right, source, subject};
pub(crate) use resolve::Resolver;
pub use resolve::SurnameIndex;
