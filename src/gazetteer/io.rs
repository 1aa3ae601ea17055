//! Reading gazetteers from CSV and JSON Lines files.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;

use super::{CaseMode, Entry, Gazetteer, GazetteerBuilder, Metadata};
use crate::error::{Error, Result};

/// The longest line a gazetteer file may hold. A reader keeps a whole line
/// (a CSV record, a JSON object) in memory: without a bound, a file with no
/// line break (`/dev/zero`, a binary file given by mistake) would grow it
/// until the allocation fails, which aborts the process.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// A reader that fails once a line runs past [`MAX_LINE_BYTES`].
struct LineLimit<R> {
    inner: R,
    /// Bytes since the last line break.
    run: usize,
    line: u64,
}

/// The error of [`LineLimit`], found again by [`io_error`].
#[derive(Debug)]
struct LineTooLong(u64);

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {} is longer than {} MiB (is this a gazetteer file?)",
            self.0,
            MAX_LINE_BYTES >> 20
        )
    }
}

impl std::error::Error for LineTooLong {}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for chunk in buf[..n].split_inclusive(|&b| b == b'\n') {
            self.run += chunk.len();
            if self.run > MAX_LINE_BYTES {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    LineTooLong(self.line),
                ));
            }
            if chunk.ends_with(b"\n") {
                self.run = 0;
                self.line += 1;
            }
        }
        Ok(n)
    }
}

/// A read error of `path`: a line too long is a format error, others are
/// the operating system's.
fn io_error(path: &Path, e: std::io::Error) -> Error {
    if let Some(long) = e.get_ref().and_then(|i| i.downcast_ref::<LineTooLong>()) {
        return Error::format(path.display().to_string(), long.to_string());
    }
    Error::io(path, e)
}

/// A buffered reader of `path`, past a UTF-8 byte order mark if there is
/// one. Files are streamed, never held whole, and no line may be longer
/// than [`MAX_LINE_BYTES`].
fn open(path: &Path) -> Result<BufReader<LineLimit<File>>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let limited = LineLimit {
        inner: file,
        run: 0,
        line: 1,
    };
    let mut reader = BufReader::with_capacity(1 << 16, limited);
    let head = reader.fill_buf().map_err(|e| io_error(path, e))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    Ok(reader)
}

fn at_line(path: &Path, line: u64) -> String {
    format!("{}, line {line}", path.display())
}

/// Where each field of an entry is in a row of a CSV gazetteer.
struct CsvColumns {
    /// The number of columns of the header.
    width: usize,
    name: usize,
    label: usize,
    id: Option<usize>,
    aliases: Option<usize>,
    case: Option<usize>,
    /// The other columns, kept as metadata: (column, header).
    extra: Vec<(usize, String)>,
}

impl CsvColumns {
    /// The entry of the row `rec` of the file at `path`, with its line.
    fn entry(&self, rec: &csv::StringRecord, path: &Path) -> Result<(Entry, u64)> {
        let line = rec.position().map_or(0, csv::Position::line);
        // Formatted only for an error: a string a row cost a tenth of
        // the 571k-name build (perf).
        let loc = || at_line(path, line);
        if rec.len() != self.width {
            return Err(Error::format(
                loc(),
                format!("{} fields, but the header has {}", rec.len(), self.width),
            ));
        }
        // A CSV name spans lines only when a quote was left open.
        for (what, i) in [("name", Some(self.name)), ("aliases", self.aliases)] {
            if let Some(cell) = i.map(|i| &rec[i]).filter(|c| c.contains(['\n', '\r'])) {
                return Err(Error::format(
                    loc(),
                    format!(
                        "the {what} {:?} holds a line break (an unclosed quote?)",
                        super::preview(cell)
                    ),
                ));
            }
        }
        let mut e = Entry::new(&rec[self.name], &rec[self.label]);
        if let Some(i) = self.id {
            if !rec[i].is_empty() {
                e.id = Some(rec[i].to_owned());
            }
        }
        if let Some(i) = self.aliases {
            if !rec[i].is_empty() {
                for a in rec[i].split('|') {
                    let (a, case) = alias_with_case(a);
                    e.aliases.push(a.to_owned());
                    if let Some(c) = case {
                        e.alias_cases.push((e.aliases.len() - 1, c));
                    }
                }
            }
        }
        if let Some(i) = self.case {
            e.case = parse_case(&rec[i]).map_err(|r| Error::format(loc(), r))?;
        }
        if self.extra.iter().any(|(i, _)| !rec[*i].is_empty()) {
            let meta: Metadata = self
                .extra
                .iter()
                .filter(|(i, _)| !rec[*i].is_empty())
                .map(|(i, h)| (h.clone(), serde_json::Value::from(&rec[*i])))
                .collect();
            e.metadata = Some(meta);
        }
        Ok((e, line))
    }
}

impl GazetteerBuilder {
    /// Builds a gazetteer from a CSV file with a header row.
    ///
    /// Columns: `name` and `label` (required), `id`, `aliases` (separated by
    /// `|`; an alias ending in a case mode in brackets, `Brown[sensitive]`,
    /// has that mode), `case` (`insensitive`, `sensitive`, `acronyms` or
    /// `proper`); any other column is kept
    /// as metadata (its non-empty cells, as strings). A UTF-8 byte order mark
    /// is skipped. Errors name the file and the line.
    pub fn build_from_csv(&self, path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let mut rdr = csv::ReaderBuilder::new().from_reader(open(path)?);
        let header = rdr
            .headers()
            .map_err(|e| csv_error(path, e))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>();
        let mut twice: Vec<&str> = header
            .iter()
            .enumerate()
            .filter(|&(i, h)| header[..i].contains(h))
            .map(|(_, h)| h.as_str())
            .collect();
        twice.dedup();
        if !twice.is_empty() {
            return Err(Error::format(
                at_line(path, 1),
                format!("the header names {twice:?} more than once"),
            ));
        }
        let col = |name: &str| header.iter().position(|h| h == name);
        let missing: Vec<&str> = ["name", "label"]
            .into_iter()
            .filter(|c| col(c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(Error::format(
                at_line(path, 1),
                format!(
                    "the header has no column {}; it has {:?} (expected name,label[,id][,aliases][,case])",
                    missing.join(" or "),
                    header
                ),
            ));
        }
        let columns = CsvColumns {
            width: header.len(),
            name: col("name").unwrap(),
            label: col("label").unwrap(),
            id: col("id"),
            aliases: col("aliases"),
            case: col("case"),
            extra: header
                .iter()
                .enumerate()
                .filter(|(_, h)| !["name", "label", "id", "aliases", "case"].contains(&h.as_str()))
                .map(|(i, h)| (i, h.clone()))
                .collect(),
        };
        // One record, read into again and again: a new one a row cost two
        // allocations and two frees a row.
        let mut rec = csv::StringRecord::new();
        let records = std::iter::from_fn(move || match rdr.read_record(&mut rec) {
            Ok(true) => Some(columns.entry(&rec, path)),
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(path, e))),
        });
        self.build_located(records, |line| at_line(path, line))
    }

    /// Builds a gazetteer from a JSON Lines file: one object a line with the
    /// keys `name`, `label` (required), `id`, `aliases` (a list), `case` and
    /// `metadata` (an object). Blank lines are skipped; any other key is an
    /// error naming the line.
    pub fn build_from_jsonl(&self, path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let mut reader = open(path)?;
        let mut line = Vec::new();
        let mut number = 0u64;
        let records = std::iter::from_fn(move || loop {
            line.clear();
            number += 1;
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(io_error(path, e))),
            }
            let loc = at_line(path, number);
            let Ok(text) = std::str::from_utf8(&line) else {
                return Some(Err(Error::format(loc, "not valid UTF-8")));
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(json_entry(text, loc).map(|e| (e, number)));
        });
        self.build_located(records, |line| at_line(path, line))
    }
}

/// One entry from a line of JSON.
fn json_entry(line: &str, loc: String) -> Result<Entry> {
    let raw: JsonEntry =
        serde_json::from_str(line).map_err(|e| Error::format(loc.clone(), e.to_string()))?;
    let case = match raw.case.as_deref() {
        None => CaseMode::Insensitive,
        Some(c) => parse_case(c).map_err(|r| Error::format(loc.clone(), r))?,
    };
    let id = match raw.id {
        None => None,
        Some(raw) => Some(json_id(raw.get()).map_err(|r| Error::format(loc.clone(), r))?),
    };
    let mut aliases = Vec::new();
    let mut alias_cases = Vec::new();
    match raw.aliases {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Array(items)) => {
            for (j, a) in items.into_iter().enumerate() {
                let kind = json_type(&a);
                match serde_json::from_value::<JsonAlias>(a) {
                    Ok(JsonAlias::Plain(a)) => aliases.push(a),
                    Ok(JsonAlias::Cased { name, case }) => {
                        let c = parse_case(&case)
                            .map_err(|r| Error::format(loc.clone(), format!("aliases[{j}]: {r}")))?;
                        aliases.push(name);
                        alias_cases.push((j, c));
                    }
                    Err(_) => {
                        return Err(Error::format(
                            loc,
                            format!(
                                "aliases[{j}] must be a string or an object with \"name\" and \"case\", not {kind}"
                            ),
                        ))
                    }
                }
            }
        }
        Some(other) => {
            return Err(Error::format(
                loc,
                format!(
                    "aliases must be a list of strings, not {}",
                    json_type(&other)
                ),
            ))
        }
    }
    let metadata = match raw.metadata {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Object(m)) => Some(m),
        Some(other) => {
            return Err(Error::format(
                loc,
                format!("metadata must be an object, not {}", json_type(&other)),
            ))
        }
    };
    let entry = Entry {
        name: raw.name,
        label: raw.label,
        id,
        aliases,
        case,
        alias_cases,
        metadata,
    };
    Ok(entry)
}

/// An alias in JSON: a string, or `{"name": ..., "case": ...}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum JsonAlias {
    Plain(String),
    Cased { name: String, case: String },
}

/// An alias of a CSV cell, without its `[mode]` suffix, and that mode.
/// A bracket that holds no case mode is part of the alias.
pub(crate) fn alias_with_case(a: &str) -> (&str, Option<CaseMode>) {
    if let Some(body) = a.strip_suffix(']') {
        if let Some(open) = body.rfind('[') {
            if let Some(c) = CaseMode::parse(body[open + 1..].trim()) {
                return (body[..open].trim_end(), Some(c));
            }
        }
    }
    (a, None)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntry {
    name: String,
    label: String,
    id: Option<Box<serde_json::value::RawValue>>,
    aliases: Option<serde_json::Value>,
    case: Option<String>,
    metadata: Option<serde_json::Value>,
}

/// "an array", "a number"... for errors.
fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// An id as the other builders give it: a string as it is, a whole number
/// as its decimal digits. The digits are taken from the line itself, not
/// through a 64-bit integer, so that an id over 64 bits reads as
/// `from_csv`, `from_pandas` and the dict builder read it.
fn json_id(raw: &str) -> std::result::Result<String, String> {
    let raw = raw.trim();
    if raw.starts_with('"') {
        return serde_json::from_str::<String>(raw).map_err(|e| format!("the id: {e}"));
    }
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // JSON has no leading zeros: "-0" is the one other spelling of 0.
        let zero = digits.bytes().all(|b| b == b'0');
        return Ok(if zero { "0".to_owned() } else { raw.to_owned() });
    }
    if digits.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "the id {raw} is not a whole number: give it as a string (\"{raw}\")"
        ));
    }
    let kind = serde_json::from_str::<serde_json::Value>(raw).map_or("not JSON", |v| json_type(&v));
    Err(format!(
        "the id must be a string or a whole number, not {kind}"
    ))
}

fn parse_case(s: &str) -> std::result::Result<CaseMode, String> {
    match s.trim() {
        "" => Ok(CaseMode::Insensitive),
        t => CaseMode::parse(t).ok_or_else(|| format!("{}, not {t:?}", super::CASE_MODES)),
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map_or(0, csv::Position::line);
    if e.is_io_error() {
        if let csv::ErrorKind::Io(io) = e.into_kind() {
            return io_error(path, io);
        }
        return Error::format(at_line(path, line), "could not be read");
    }
    let reason = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_owned(),
        _ => e.to_string(),
    };
    Error::format(at_line(path, line), reason)
}
