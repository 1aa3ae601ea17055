//! Reading gazetteers from CSV and JSON Lines files.

use std::path::Path;

use serde::Deserialize;

use super::{CaseMode, Entry, Gazetteer, GazetteerBuilder, Metadata};
use crate::error::{Error, Result};

fn read(path: &Path) -> Result<Vec<u8>> {
    let mut data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if data.starts_with(b"\xEF\xBB\xBF") {
        data.drain(..3);
    }
    Ok(data)
}

fn at_line(path: &Path, line: u64) -> String {
    format!("{}, line {line}", path.display())
}

impl GazetteerBuilder {
    /// Builds a gazetteer from a CSV file with a header row.
    ///
    /// Columns: `name` and `label` (required), `id`, `aliases` (separated by
    /// `|`), `case` (`insensitive` or `sensitive`); any other column is kept
    /// as metadata (its non-empty cells, as strings). A UTF-8 byte order mark
    /// is skipped. Errors name the file and the line.
    pub fn build_from_csv(&self, path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let data = read(path)?;
        let mut rdr = csv::ReaderBuilder::new().from_reader(data.as_slice());
        let header = rdr
            .headers()
            .map_err(|e| csv_error(path, &e))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>();
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
        let (name, label) = (col("name").unwrap(), col("label").unwrap());
        let (id, aliases, case) = (col("id"), col("aliases"), col("case"));
        let extra: Vec<(usize, String)> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| !["name", "label", "id", "aliases", "case"].contains(&h.as_str()))
            .map(|(i, h)| (i, h.clone()))
            .collect();
        let records = rdr.into_records().map(|rec| {
            let rec = rec.map_err(|e| csv_error(path, &e))?;
            let line = rec.position().map_or(0, csv::Position::line);
            let loc = at_line(path, line);
            if rec.len() != header.len() {
                return Err(Error::format(
                    loc,
                    format!("{} fields, but the header has {}", rec.len(), header.len()),
                ));
            }
            let mut e = Entry::new(&rec[name], &rec[label]);
            if let Some(i) = id {
                if !rec[i].is_empty() {
                    e.id = Some(rec[i].to_owned());
                }
            }
            if let Some(i) = aliases {
                if !rec[i].is_empty() {
                    e.aliases = rec[i].split('|').map(str::to_owned).collect();
                }
            }
            if let Some(i) = case {
                e.case = parse_case(&rec[i]).map_err(|r| Error::format(loc.clone(), r))?;
            }
            let meta: Metadata = extra
                .iter()
                .filter(|(i, _)| !rec[*i].is_empty())
                .map(|(i, h)| (h.clone(), serde_json::Value::from(&rec[*i])))
                .collect();
            if !meta.is_empty() {
                e.metadata = Some(meta);
            }
            Ok((e, loc))
        });
        self.build_located(records)
    }

    /// Builds a gazetteer from a JSON Lines file: one object a line with the
    /// keys `name`, `label` (required), `id`, `aliases` (a list), `case` and
    /// `metadata` (an object). Blank lines are skipped; any other key is an
    /// error naming the line.
    pub fn build_from_jsonl(&self, path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let data = read(path)?;
        let text = std::str::from_utf8(&data).map_err(|e| {
            let line = data[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Error::format(at_line(path, line as u64), "not valid UTF-8")
        })?;
        let records = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let loc = at_line(path, i as u64 + 1);
                let raw: JsonEntry = serde_json::from_str(l)
                    .map_err(|e| Error::format(loc.clone(), e.to_string()))?;
                let case = match raw.case.as_deref() {
                    None => CaseMode::Insensitive,
                    Some(c) => parse_case(c).map_err(|r| Error::format(loc.clone(), r))?,
                };
                Ok((
                    Entry {
                        name: raw.name,
                        label: raw.label,
                        id: raw.id,
                        aliases: raw.aliases.unwrap_or_default(),
                        case,
                        metadata: raw.metadata,
                    },
                    loc,
                ))
            });
        self.build_located(records)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntry {
    name: String,
    label: String,
    id: Option<String>,
    aliases: Option<Vec<String>>,
    case: Option<String>,
    metadata: Option<Metadata>,
}

fn parse_case(s: &str) -> std::result::Result<CaseMode, String> {
    match s.trim() {
        "" => Ok(CaseMode::Insensitive),
        t => CaseMode::parse(t)
            .ok_or_else(|| format!("case must be \"insensitive\" or \"sensitive\", not {t:?}")),
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, csv::Position::line);
    let reason = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_owned(),
        _ => e.to_string(),
    };
    Error::format(at_line(path, line), reason)
}
