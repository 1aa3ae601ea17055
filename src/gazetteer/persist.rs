//! Saving and loading gazetteers.
//!
//! A saved gazetteer holds its entries, not its automaton: loading rebuilds
//! it, which takes about as long as reading the entries. The format is a
//! header line, then a JSON body:
//!
//! ```text
//! {"format":"sayso.gazetteer","version":1,"bytes":N,"fnv1a64":"…"}
//! {"fold_diacritics":false,"labels":[…],"entries":[[name,label,id,aliases,case,metadata],…],
//!  "alias_cases":[[entry,alias,case],…],"person_guard":false}
//! ```
//!
//! `alias_cases` and `person_guard` may be absent (files written before
//! they existed). The header gives the body's length and checksum, so that a truncated or
//! corrupted file is refused with a clear error rather than loaded wrong.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{CaseMode, Entry, Gazetteer, GazetteerBuilder, Metadata};
use crate::error::{Error, Result};

/// The version of the save format this build writes and reads.
pub const FORMAT_VERSION: u64 = 1;
const FORMAT: &str = "sayso.gazetteer";

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u64,
    bytes: u64,
    fnv1a64: String,
}

#[derive(Serialize, Deserialize)]
struct Body {
    fold_diacritics: bool,
    labels: Vec<String>,
    entries: Vec<Row>,
    /// `[entry, alias, case]` for aliases with their own case mode.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    alias_cases: Vec<(u32, u32, u8)>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    person_guard: bool,
}

fn case_code(c: CaseMode) -> u8 {
    match c {
        CaseMode::Sensitive => 1,
        CaseMode::Acronyms => 2,
        CaseMode::Proper => 3,
        CaseMode::Insensitive => 0,
    }
}

fn case_of_code(c: u8) -> Option<CaseMode> {
    match c {
        0 => Some(CaseMode::Insensitive),
        1 => Some(CaseMode::Sensitive),
        2 => Some(CaseMode::Acronyms),
        3 => Some(CaseMode::Proper),
        _ => None,
    }
}

/// `[name, label index, id, aliases, case, metadata]`
#[derive(Serialize, Deserialize)]
struct Row(
    String,
    u32,
    Option<String>,
    Vec<String>,
    u8,
    Option<Metadata>,
);

fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Gazetteer {
    /// The gazetteer in the save format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = Body {
            fold_diacritics: self.fold_diacritics,
            labels: self.labels.clone(),
            entries: self
                .entries()
                .map(|e| {
                    Row(
                        e.name().to_owned(),
                        self.entries.label[e.index as usize],
                        e.has_explicit_id().then(|| e.id().to_owned()),
                        e.aliases().map(str::to_owned).collect(),
                        case_code(e.case()),
                        e.metadata().map(|m| Metadata::clone(m)),
                    )
                })
                .collect(),
            alias_cases: self
                .entries()
                .flat_map(|e| {
                    e.alias_cases()
                        .into_iter()
                        .map(move |(a, c)| (e.index, a as u32, case_code(c)))
                })
                .collect(),
            person_guard: self.person_guard,
        };
        let body = serde_json::to_vec(&body).expect("a gazetteer body always serialises");
        let header = Header {
            format: FORMAT.to_owned(),
            version: FORMAT_VERSION,
            bytes: body.len() as u64,
            fnv1a64: format!("{:016x}", fnv1a64(&body)),
        };
        let mut out = serde_json::to_vec(&header).expect("a header always serialises");
        out.push(b'\n');
        out.extend_from_slice(&body);
        out
    }

    /// Rebuilds a gazetteer from [`Gazetteer::to_bytes`]; `origin` names the
    /// source in errors.
    pub fn from_bytes(data: &[u8], origin: &str) -> Result<Gazetteer> {
        let bad = |reason: String| Error::format(origin, reason);
        let nl = data
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("not a saved sayso gazetteer (no header line)".into()))?;
        let header: Header = serde_json::from_slice(&data[..nl])
            .map_err(|_| bad("not a saved sayso gazetteer (bad header line)".into()))?;
        if header.format != FORMAT {
            return Err(bad(format!(
                "not a saved sayso gazetteer (format {:?})",
                header.format
            )));
        }
        if header.version != FORMAT_VERSION {
            return Err(Error::version(origin, header.version, FORMAT_VERSION));
        }
        let body = &data[nl + 1..];
        if body.len() as u64 != header.bytes {
            return Err(bad(format!(
                "truncated or padded: the body has {} bytes, the header says {}",
                body.len(),
                header.bytes
            )));
        }
        if format!("{:016x}", fnv1a64(body)) != header.fnv1a64 {
            return Err(bad("corrupted: the checksum does not match".into()));
        }
        let body: Body = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
        let labels = body.labels;
        let mut alias_cases: std::collections::HashMap<usize, Vec<(usize, CaseMode)>> =
            std::collections::HashMap::new();
        for &(e, a, c) in &body.alias_cases {
            let c = case_of_code(c)
                .ok_or_else(|| bad(format!("entry {e} has an unknown case mode {c}")))?;
            alias_cases
                .entry(e as usize)
                .or_default()
                .push((a as usize, c));
        }
        let entries = body.entries.into_iter().enumerate().map(|(i, r)| {
            let label = labels
                .get(r.1 as usize)
                .ok_or_else(|| bad(format!("entry {i} has no label {}", r.1)))?;
            Ok((
                Entry {
                    name: r.0,
                    label: label.clone(),
                    id: r.2,
                    aliases: r.3,
                    case: case_of_code(r.4).ok_or_else(|| {
                        bad(format!("entry {i} has an unknown case mode {}", r.4))
                    })?,
                    alias_cases: alias_cases.remove(&i).unwrap_or_default(),
                    metadata: r.5,
                },
                i as u64,
            ))
        });
        GazetteerBuilder::new()
            .fold_diacritics(body.fold_diacritics)
            .person_guard(body.person_guard)
            .build_located(entries, |i| format!("{origin}, entry {i}"))
    }

    /// Saves the gazetteer to a file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    /// Loads a gazetteer saved by [`Gazetteer::save`].
    pub fn load(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Gazetteer::from_bytes(&data, &path.display().to_string())
    }
}
