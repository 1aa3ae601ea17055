//! The error type of the crate.

use std::fmt;
use std::path::PathBuf;

/// An error while building, reading, saving or loading a gazetteer.
///
/// Its [`kind`](Error::kind) says what went wrong; its message names the bad
/// input (file, line, entry, value).
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[non_exhaustive]
#[derive(Debug)]
pub enum ErrorKind {
    /// An entry is not valid (empty name, a name with no letter or digit,
    /// an empty label, ...).
    InvalidEntry {
        /// Where the entry came from: "entry 3", "names.csv, line 4".
        location: String,
        /// Why it is not valid.
        reason: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A file is not in the format expected of it.
    Format {
        /// Where: a file, and a line when known.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// A saved gazetteer was written by another version of the format.
    Version {
        /// Where.
        location: String,
        /// The version found.
        found: u64,
        /// The version this build reads.
        expected: u64,
    },
    /// A text is too long to be matched (4 GiB or more).
    TextTooLong {
        /// Its length in bytes.
        len: usize,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn invalid_entry(location: impl Into<String>, reason: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidEntry {
                location: location.into(),
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.into(),
                source,
            },
        }
    }

    pub(crate) fn format(location: impl Into<String>, reason: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Format {
                location: location.into(),
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn version(location: impl Into<String>, found: u64, expected: u64) -> Error {
        Error {
            kind: ErrorKind::Version {
                location: location.into(),
                found,
                expected,
            },
        }
    }

    pub(crate) fn text_too_long(len: usize) -> Error {
        Error {
            kind: ErrorKind::TextTooLong { len },
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidEntry { location, reason } => write!(f, "{location}: {reason}"),
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::Format { location, reason } => write!(f, "{location}: {reason}"),
            ErrorKind::Version {
                location,
                found,
                expected,
            } => write!(
                f,
                "{location}: saved gazetteer format version {found}, but this sayso reads \
                 version {expected}; rebuild it from its entries"
            ),
            ErrorKind::TextTooLong { len } => write!(
                f,
                "text of {len} bytes is too long: sayso matches texts under 4 GiB"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The result type of the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
