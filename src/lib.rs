//! sayso: who and what is mentioned in news text, and who said what.
//!
//! The crate is the pure-Rust core of the `sayso` Python package; it knows
//! nothing of Python (the binding lives in `src/python/`, behind the `python`
//! feature). Offsets in this crate are byte offsets into UTF-8 `&str`; the
//! binding turns them into Python `str` indices with [`span::CharOffsets`].
//!
//! * [`gazetteer`]: match a user's list of entities (names, aliases, ids,
//!   labels) as whole words, with Unicode case and variant folding.
//! * [`quotes`]: find direct, mixed and reported quotes and their speakers.
//! * [`about`]: the entities each quote mentions (who says what about whom).

pub mod about;
pub mod error;
pub mod gazetteer;
pub mod quotes;
pub mod span;

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{CaseMode, Entry, EntryId, Gazetteer, GazetteerBuilder, Match};

#[cfg(feature = "python")]
mod python;
