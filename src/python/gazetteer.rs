//! `sayso.Gazetteer` and `sayso.Match`.

use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};

use super::arrow::Texts;
use super::batch;
use super::convert::{map_to_py, py_to_map, text_of};
use super::{core, core_held, gazetteer_error};
use crate::gazetteer::{CaseMode, Entry, EntryId, Gazetteer, GazetteerBuilder, Metadata, Scratch};
use crate::span::CharOffsets;

/// A match found in one text, in character offsets, before it becomes a
/// Python object.
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) entry: EntryId,
}

pub(crate) fn find_chars(
    gaz: &Gazetteer,
    text: &str,
    overlapping: bool,
    scratch: &mut Scratch,
    buf: &mut Vec<crate::Match>,
) -> crate::Result<Vec<Found>> {
    buf.clear();
    gaz.find_into(text, overlapping, scratch, buf)?;
    let mut offsets = CharOffsets::new(text);
    Ok(buf
        .iter()
        .map(|m| {
            let (start, end) = offsets.span(m.start(), m.end());
            Found {
                start,
                end,
                byte_start: m.start(),
                byte_end: m.end(),
                entry: m.entry(),
            }
        })
        .collect())
}

/// A list of named entities, compiled for matching.
///
/// A gazetteer holds your people, organisations and places and finds their
/// names and aliases in text as whole words, with Unicode case folding. It is
/// immutable, safe to share between threads, and pickles as its entries.
///
/// The keys of an entry (any other key is an error):
///
/// | key | required | value |
/// |---|---|---|
/// | `name` | yes | the canonical name (str); it is matched too |
/// | `label` | yes | the kind of entity, such as "PERSON" or "GPE" (str) |
/// | `id` | no | an id (str; an int is turned into str); default: the name |
/// | `aliases` | no | other names, matched like the name (list of str, or dicts `{"name": ..., "case": ...}` for an alias with its own case mode) |
/// | `case` | no | "insensitive" (default), "sensitive", "acronyms" (names in capitals such as "US", "WHO" match only in capitals, the others in any case) or "proper" (a capital that begins a word must be a capital in the text, the rest in any case) |
/// | `metadata` | no | a JSON-like dict, given back by `Match.metadata` |
///
/// Parameters
/// ----------
/// entries : iterable of dict
///     One dict per entity, with the keys above.
/// fold_diacritics : bool, default False
///     Fold diacritics on both sides: "Sao Paulo" finds "São Paulo".
/// person_guard : bool, default False
///     Drop matches of places (labels such as GPE, LOC, CITY) that the text
///     shows to be part of a person's name: "Charles Kennedy", "President
///     Vladimir Putin". The built-in gazetteer has it on.
///
/// Raises
/// ------
/// GazetteerError
///     An entry is invalid; the message names it (``entry 3: no label``).
/// TypeError
///     ``entries`` is a single str or dict, or a value has the wrong type.
///
/// See Also
/// --------
/// Gazetteer.from_csv, Gazetteer.from_jsonl, Gazetteer.from_pandas : Other builders.
/// Gazetteer.default : The built-in gazetteer.
/// Gazetteer.find : Find the entities in a text.
/// Extractor : Entities and quotes together.
///
/// Examples
/// --------
/// >>> import sayso
/// >>> gaz = sayso.Gazetteer([
/// ...     {"name": "Eva Lind", "label": "PERSON", "id": "p1", "aliases": ["Lind"]},
/// ...     {"name": "Nordvik", "label": "GPE", "metadata": {"population": 41000}},
/// ... ])
/// >>> gaz
/// <Gazetteer: 2 entries, labels ["PERSON", "GPE"]>
/// >>> [(m.text, m.name, m.id) for m in gaz.find("Lind flew to NORDVIK.")]
/// [('Lind', 'Eva Lind', 'p1'), ('NORDVIK', 'Nordvik', 'Nordvik')]
/// >>> len(gaz), gaz.labels
/// (2, ['PERSON', 'GPE'])
#[pyclass(frozen, name = "Gazetteer", module = "sayso")]
pub struct PyGazetteer {
    inner: Arc<Gazetteer>,
    labels: Vec<Py<PyString>>,
    /// The entries as columns, made on first use (see `_entry_columns`).
    columns: PyOnceLock<Py<PyDict>>,
}

impl PyGazetteer {
    /// The compiled gazetteer.
    pub(crate) fn inner(&self) -> Arc<Gazetteer> {
        self.inner.clone()
    }

    fn wrap(py: Python<'_>, g: Gazetteer) -> PyGazetteer {
        let labels = g
            .labels()
            .iter()
            .map(|l| PyString::intern(py, l).unbind())
            .collect();
        PyGazetteer {
            inner: Arc::new(g),
            labels,
            columns: PyOnceLock::new(),
        }
    }

    /// The built-in gazetteer, read once a process.
    pub(crate) fn builtin(py: Python<'_>) -> PyResult<Py<PyGazetteer>> {
        static BUILTIN: PyOnceLock<Py<PyGazetteer>> = PyOnceLock::new();
        BUILTIN
            .get_or_try_init(py, || {
                let path: std::path::PathBuf = py
                    .import("sayso.examples")?
                    .getattr("default_gazetteer_path")?
                    .call0()?
                    .extract()?;
                let g = core(py, || {
                    GazetteerBuilder::new()
                        .person_guard(true)
                        .build_from_csv(&path)
                })?;
                Py::new(py, PyGazetteer::wrap(py, g))
            })
            .map(|g| g.clone_ref(py))
    }

    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.inner.len()
    }

    fn builder(fold_diacritics: bool, person_guard: bool) -> GazetteerBuilder {
        GazetteerBuilder::new()
            .fold_diacritics(fold_diacritics)
            .person_guard(person_guard)
    }
}

/// Python `Match` objects for one text: each refers to the text and the
/// gazetteer, and makes its strings when they are asked for.
pub(crate) fn to_matches(
    py: Python<'_>,
    gaz: &Bound<'_, PyGazetteer>,
    doc: &Bound<'_, PyString>,
    found: Vec<Found>,
) -> PyResult<Vec<Py<PyMatch>>> {
    found
        .into_iter()
        .map(|f| {
            let m = Py::new(
                py,
                PyMatch {
                    start: f.start,
                    end: f.end,
                    source: Source::Found {
                        doc: doc.clone().unbind(),
                        bytes: (f.byte_start, f.byte_end),
                        gaz: gaz.clone().unbind(),
                        entry: f.entry,
                    },
                },
            )?;
            untrack(&m);
            Ok(m)
        })
        .collect()
}

/// Takes a found `Match` out of the cycle collector's sight.
///
/// A found `Match` refers only to a `str` and to its `Gazetteer`, which
/// refers to no `Match`: it can never be part of a reference cycle, so the
/// collector has nothing to find in it. `CPython` untracks tuples and dicts
/// for the same reason. Tracked, the hundreds of thousands of matches of a
/// batch are traversed again by every collection the batch triggers.
#[allow(unsafe_code)]
fn untrack(m: &Py<PyMatch>) {
    // SAFETY: `m` is a live object of a GC type (pyo3 gives every pyclass
    // Py_TPFLAGS_HAVE_GC) and we hold the GIL (`Py::new` needed it);
    // untracking an object is always allowed, and pyo3's deallocator
    // untracks only when the object is still tracked.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(m.as_ptr().cast()) };
}

fn extract_str(v: &Bound<'_, PyAny>, what: &dyn Fn() -> String) -> PyResult<String> {
    v.cast::<PyString>()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "{} must be str, not {}",
                what(),
                v.get_type()
                    .name()
                    .map_or_else(|_| "?".into(), |n| n.to_string())
            ))
        })?
        .to_str()
        .map(str::to_owned)
        .map_err(|_| {
            gazetteer_error(
                v.py(),
                format!(
                    "{} holds a lone surrogate: it is not valid Unicode text",
                    what()
                ),
            )
        })
}

/// An alias given as `{"name": ..., "case": ...}`.
fn alias_from_dict(
    py: Python<'_>,
    d: &Bound<'_, PyDict>,
    at: &dyn Fn() -> String,
) -> PyResult<(String, CaseMode)> {
    let mut name = None;
    let mut case = None;
    for (k, v) in d.iter() {
        match k.extract::<String>().ok().as_deref() {
            Some("name") => name = Some(extract_str(&v, &|| format!("{}: name", at()))?),
            Some("case") => {
                let c = extract_str(&v, &|| format!("{}: case", at()))?;
                case = Some(CaseMode::parse(&c).ok_or_else(|| {
                    gazetteer_error(
                        py,
                        format!("{}: {}, not {c:?}", at(), crate::gazetteer::CASE_MODES),
                    )
                })?);
            }
            _ => {
                return Err(gazetteer_error(
                    py,
                    format!(
                        "{}: unknown key {k:?} (an alias dict has the keys name and case)",
                        at()
                    ),
                ))
            }
        }
    }
    match (name, case) {
        (Some(n), Some(c)) => Ok((n, c)),
        (None, _) => Err(gazetteer_error(py, format!("{}: no name", at()))),
        (_, None) => Err(gazetteer_error(py, format!("{}: no case", at()))),
    }
}

/// One entry from a Python mapping.
fn entry_from_dict(py: Python<'_>, d: &Bound<'_, PyAny>, i: usize) -> PyResult<Entry> {
    let at = || format!("entry {i}");
    let d =
        d.cast::<PyDict>().map_err(|_| {
            PyTypeError::new_err(format!(
            "entry {i} must be a dict with keys name, label[, id, aliases, case, metadata], not {}",
            d.get_type().name().map_or_else(|_| "?".into(), |n| n.to_string())
        ))
        })?;
    let mut e = Entry::default();
    let (mut has_name, mut has_label) = (false, false);
    for (k, v) in d.iter() {
        let key: String = k
            .extract()
            .map_err(|_| gazetteer_error(py, format!("{}: keys must be str, not {k:?}", at())))?;
        let what = || format!("{}: {key}", at());
        match key.as_str() {
            "name" => {
                e.name = extract_str(&v, &what)?;
                has_name = true;
            }
            "label" => {
                e.label = extract_str(&v, &what)?;
                has_label = true;
            }
            "id" if v.is_none() => {}
            "id" if v.is_instance_of::<PyInt>() && !v.is_instance_of::<pyo3::types::PyBool>() => {
                e.id = Some(v.str()?.to_str()?.to_owned());
            }
            "id" => e.id = Some(extract_str(&v, &what)?),
            "aliases" if v.is_none() => {}
            "aliases" => {
                if v.is_instance_of::<PyString>() {
                    return Err(PyTypeError::new_err(format!(
                        "{}: aliases must be a list of str, not one str (wrap it: [{}])",
                        at(),
                        v.repr()?
                    )));
                }
                for (j, a) in v.try_iter()?.enumerate() {
                    let a = a?;
                    let at_j = || format!("{}: aliases[{j}]", at());
                    if let Ok(d) = a.cast::<PyDict>() {
                        let (name, case) = alias_from_dict(py, d, &at_j)?;
                        e.aliases.push(name);
                        e.alias_cases.push((j, case));
                    } else {
                        e.aliases.push(extract_str(&a, &at_j)?);
                    }
                }
            }
            "case" if v.is_none() => {}
            "case" => {
                let c = extract_str(&v, &what)?;
                e.case = CaseMode::parse(&c).ok_or_else(|| {
                    gazetteer_error(
                        py,
                        format!("{}: {}, not {c:?}", at(), crate::gazetteer::CASE_MODES),
                    )
                })?;
            }
            "metadata" if v.is_none() => {}
            "metadata" => {
                let m = v.cast::<PyDict>().map_err(|_| {
                    PyTypeError::new_err(format!("{}: metadata must be a dict", at()))
                })?;
                e.metadata = Some(py_to_map(m, &|| format!("{}: metadata", at()))?);
            }
            other => {
                return Err(gazetteer_error(
                    py,
                    format!(
                        "{}: unknown key {other:?} (keys are name, label, id, aliases, case, \
                         metadata; put other fields in metadata)",
                        at()
                    ),
                ))
            }
        }
    }
    if !has_name || !has_label {
        let missing = if has_name { "label" } else { "name" };
        return Err(gazetteer_error(py, format!("{}: no {missing}", at())));
    }
    Ok(e)
}

/// Texts at least this long are matched by `find` with the GIL released.
const DETACH_MIN_BYTES: usize = 16 * 1024;

#[pymethods]
impl PyGazetteer {
    #[new]
    #[pyo3(signature = (entries, *, fold_diacritics = false, person_guard = false))]
    fn new(
        py: Python<'_>,
        entries: &Bound<'_, PyAny>,
        fold_diacritics: bool,
        person_guard: bool,
    ) -> PyResult<Self> {
        if entries.is_instance_of::<PyString>() || entries.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(
                "entries must be an iterable of dicts (one per entity), not a single str or dict",
            ));
        }
        let mut list = Vec::new();
        for (i, item) in entries.try_iter()?.enumerate() {
            list.push(entry_from_dict(py, &item?, i)?);
        }
        let g = core(py, || {
            Self::builder(fold_diacritics, person_guard).build(list)
        })?;
        Ok(Self::wrap(py, g))
    }

    /// Build a gazetteer from a CSV file.
    ///
    /// The file has a header row with the columns `name` and `label`, and
    /// optionally `id`, `aliases` (separated by `|`) and `case`, as the
    /// keys of an entry (see `Gazetteer`); any other column becomes
    /// metadata. Empty cells are left out; a UTF-8 BOM is skipped.
    ///
    /// Parameters
    /// ----------
    /// path : str or os.PathLike
    ///     The CSV file, in UTF-8.
    /// fold_diacritics : bool, default False
    ///     Fold diacritics on both sides: "Sao Paulo" finds "São Paulo".
    /// person_guard : bool, default False
    ///     Drop matches of places that are part of a person's name in the
    ///     text ("Charles Kennedy", "Vladimir Putin"); see `Gazetteer`.
    ///
    /// Returns
    /// -------
    /// Gazetteer
    ///
    /// Raises
    /// ------
    /// GazetteerError
    ///     A row or the header is invalid; the message names the file and line.
    /// OSError
    ///     The file cannot be read (`FileNotFoundError` when it is missing).
    ///
    /// See Also
    /// --------
    /// Gazetteer.from_jsonl, Gazetteer.from_pandas, Gazetteer.load
    ///
    /// Examples
    /// --------
    /// >>> import pathlib, tempfile, sayso
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "people.csv"
    /// >>> _ = path.write_text("name,label,aliases,party\nEva Lind,PERSON,Lind|E. Lind,Greens\n")
    /// >>> m = sayso.Gazetteer.from_csv(path).find("E. Lind spoke.")[0]
    /// >>> m.name, m.metadata
    /// ('Eva Lind', {'party': 'Greens'})
    #[staticmethod]
    #[pyo3(signature = (path, *, fold_diacritics = false, person_guard = false))]
    fn from_csv(
        py: Python<'_>,
        path: std::path::PathBuf,
        fold_diacritics: bool,
        person_guard: bool,
    ) -> PyResult<Self> {
        let g = core(py, || {
            Self::builder(fold_diacritics, person_guard).build_from_csv(&path)
        })?;
        Ok(Self::wrap(py, g))
    }

    /// Build a gazetteer from a JSON Lines file.
    ///
    /// Each line holds one entry object with the keys of an entry (see
    /// `Gazetteer`); blank lines are skipped.
    ///
    /// Parameters
    /// ----------
    /// path : str or os.PathLike
    ///     The JSON Lines file, in UTF-8.
    /// fold_diacritics : bool, default False
    ///     Fold diacritics on both sides: "Sao Paulo" finds "São Paulo".
    /// person_guard : bool, default False
    ///     Drop matches of places that are part of a person's name in the
    ///     text ("Charles Kennedy", "Vladimir Putin"); see `Gazetteer`.
    ///
    /// Returns
    /// -------
    /// Gazetteer
    ///
    /// Raises
    /// ------
    /// GazetteerError
    ///     A line is not a valid entry; the message names the file and line.
    /// OSError
    ///     The file cannot be read (`FileNotFoundError` when it is missing).
    ///
    /// See Also
    /// --------
    /// Gazetteer.from_csv, Gazetteer.from_pandas, Gazetteer.load
    ///
    /// Examples
    /// --------
    /// >>> import json, pathlib, tempfile, sayso
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "places.jsonl"
    /// >>> _ = path.write_text(json.dumps({"name": "Nordvik", "label": "GPE"}) + "\n")
    /// >>> [m.text for m in sayso.Gazetteer.from_jsonl(path).find("Off Nordvik.")]
    /// ['Nordvik']
    #[staticmethod]
    #[pyo3(signature = (path, *, fold_diacritics = false, person_guard = false))]
    fn from_jsonl(
        py: Python<'_>,
        path: std::path::PathBuf,
        fold_diacritics: bool,
        person_guard: bool,
    ) -> PyResult<Self> {
        let g = core(py, || {
            Self::builder(fold_diacritics, person_guard).build_from_jsonl(&path)
        })?;
        Ok(Self::wrap(py, g))
    }

    /// Build a gazetteer from a pandas DataFrame.
    ///
    /// The columns are those of `Gazetteer.from_csv`: `name` and `label`,
    /// optionally `id`, `aliases` (lists of str, or str separated by `|`)
    /// and `case`; other columns become metadata. Missing cells (None, NaN,
    /// `pd.NA`) are left out.
    ///
    /// Parameters
    /// ----------
    /// df : pandas.DataFrame
    ///     One row per entity.
    /// fold_diacritics : bool, default False
    ///     Fold diacritics on both sides: "Sao Paulo" finds "São Paulo".
    /// person_guard : bool, default False
    ///     Drop matches of places that are part of a person's name in the
    ///     text ("Charles Kennedy", "Vladimir Putin"); see `Gazetteer`.
    ///
    /// Returns
    /// -------
    /// Gazetteer
    ///
    /// Raises
    /// ------
    /// GazetteerError
    ///     A row is not a valid entry; the message names it.
    ///
    /// See Also
    /// --------
    /// Gazetteer.from_csv, Gazetteer.to_entries
    ///
    /// Examples
    /// --------
    /// >>> import pandas as pd, sayso
    /// >>> df = pd.DataFrame({"name": ["Eva Lind"], "label": ["PERSON"], "aliases": [["Lind"]]})
    /// >>> [m.name for m in sayso.Gazetteer.from_pandas(df).find("Lind said so.")]
    /// ['Eva Lind']
    #[staticmethod]
    #[pyo3(signature = (df, *, fold_diacritics = false, person_guard = false))]
    fn from_pandas(
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        fold_diacritics: bool,
        person_guard: bool,
    ) -> PyResult<Self> {
        let records = py
            .import("sayso._frames")?
            .call_method1("gazetteer_records", (df,))?;
        Self::new(py, &records, fold_diacritics, person_guard)
    }

    /// Load a gazetteer written by `Gazetteer.save`.
    ///
    /// The file holds the entries; loading rebuilds the matcher.
    ///
    /// Parameters
    /// ----------
    /// path : str or os.PathLike
    ///     A file written by `Gazetteer.save`.
    ///
    /// Returns
    /// -------
    /// Gazetteer
    ///
    /// Raises
    /// ------
    /// GazetteerError
    ///     The file is not a saved gazetteer, is truncated or corrupted, or
    ///     is of another format version (see `sayso.FORMAT_VERSION`).
    /// OSError
    ///     The file cannot be read.
    ///
    /// See Also
    /// --------
    /// Gazetteer.save, Gazetteer.from_bytes
    ///
    /// Examples
    /// --------
    /// >>> import os, tempfile, sayso
    /// >>> path = os.path.join(tempfile.mkdtemp(), "places.sayso")
    /// >>> sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}]).save(path)
    /// >>> sayso.Gazetteer.load(path)
    /// <Gazetteer: 1 entry, labels ["GPE"]>
    #[staticmethod]
    #[pyo3(signature = (path))]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let g = core(py, || Gazetteer::load(&path))?;
        Ok(Self::wrap(py, g))
    }

    /// Rebuild a gazetteer from the bytes of `Gazetteer.to_bytes`.
    ///
    /// Parameters
    /// ----------
    /// data : bytes
    ///     What `Gazetteer.to_bytes` returned.
    ///
    /// Returns
    /// -------
    /// Gazetteer
    ///
    /// Raises
    /// ------
    /// GazetteerError
    ///     The bytes are not a saved gazetteer, are truncated or corrupted,
    ///     or are of another format version.
    ///
    /// See Also
    /// --------
    /// Gazetteer.to_bytes, Gazetteer.load
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> data = sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}]).to_bytes()
    /// >>> sayso.Gazetteer.from_bytes(data).find("Nordvik")[0].label
    /// 'GPE'
    #[staticmethod]
    #[pyo3(signature = (data))]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let g = core(py, || Gazetteer::from_bytes(data, "<bytes>"))?;
        Ok(Self::wrap(py, g))
    }

    /// Write the gazetteer to a file, to be read by `Gazetteer.load`.
    ///
    /// The file holds the entries (not the matcher) in sayso's versioned
    /// format, with a checksum; it is overwritten if it exists.
    ///
    /// Parameters
    /// ----------
    /// path : str or os.PathLike
    ///     Where to write.
    ///
    /// Raises
    /// ------
    /// OSError
    ///     The file cannot be written.
    ///
    /// See Also
    /// --------
    /// Gazetteer.load, Gazetteer.to_bytes
    ///
    /// Examples
    /// --------
    /// >>> import os, tempfile, sayso
    /// >>> path = os.path.join(tempfile.mkdtemp(), "places.sayso")
    /// >>> sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}]).save(path)
    /// >>> len(sayso.Gazetteer.load(path))
    /// 1
    #[pyo3(signature = (path))]
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let inner = self.inner.clone();
        core(py, || inner.save(&path))
    }

    /// The entries as bytes, in sayso's versioned format.
    ///
    /// Returns
    /// -------
    /// bytes
    ///     What `Gazetteer.save` writes; `Gazetteer.from_bytes` reads it.
    ///
    /// See Also
    /// --------
    /// Gazetteer.from_bytes, Gazetteer.save
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> data = sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}]).to_bytes()
    /// >>> sayso.Gazetteer.from_bytes(data).to_entries()[0]["name"]
    /// 'Nordvik'
    #[pyo3(signature = ())]
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let inner = self.inner.clone();
        let data = core(py, || Ok(inner.to_bytes()))?;
        Ok(PyBytes::new(py, &data))
    }

    /// Pickles as the saved form; unpickling rebuilds once a process (see
    /// `sayso/_pickle.py`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("sayso._pickle")?.getattr("gazetteer")?;
        PyTuple::new(
            py,
            [rebuild, PyTuple::new(py, [self.to_bytes(py)?])?.into_any()],
        )
    }

    /// Find the gazetteer's entities in one text.
    ///
    /// Names match as whole words, with Unicode case folding; apostrophes,
    /// dashes and runs of white space are matched by kind. By default the
    /// longest valid match at each position wins, scanning left to right.
    /// When entries share a name, the span gives one `Match` per entry.
    ///
    /// Parameters
    /// ----------
    /// text : str or None
    ///     The text; None (and NaN or `pd.NA`) is no text and gives `[]`.
    /// overlapping : bool, default False
    ///     Return every valid match, nested and overlapping ones too,
    ///     ordered by start, then end.
    ///
    /// Returns
    /// -------
    /// list of Match
    ///     In order of position; `text[m.start:m.end] == m.text`.
    ///
    /// Raises
    /// ------
    /// TypeError
    ///     `text` is not a str (bytes, numbers...).
    /// TextError
    ///     `text` is not valid Unicode (a lone surrogate) or is 4 GiB or more.
    ///
    /// See Also
    /// --------
    /// Gazetteer.find_batch : Many texts, in parallel.
    /// Extractor : Entities and quotes together.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> gaz = sayso.Gazetteer([
    /// ...     {"name": "Nordvik", "label": "GPE"},
    /// ...     {"name": "Nordvik Harbour", "label": "FAC"},
    /// ... ])
    /// >>> gaz.find("Ships left Nordvik Harbour.")
    /// [Match(start=11, end=26, text='Nordvik Harbour', label='FAC', id='Nordvik Harbour', name='Nordvik Harbour')]
    /// >>> [m.text for m in gaz.find("Ships left Nordvik Harbour.", overlapping=True)]
    /// ['Nordvik', 'Nordvik Harbour']
    #[pyo3(signature = (text, *, overlapping = false))]
    fn find(
        slf: &Bound<'_, Self>,
        text: &Bound<'_, PyAny>,
        overlapping: bool,
    ) -> PyResult<Vec<Py<PyMatch>>> {
        let py = slf.py();
        let Some(s) = text_of(py, text, None)? else {
            return Ok(Vec::new());
        };
        super::check_memory(s.len(), super::FIND_MEMORY_FACTOR)?;
        let gaz = &*slf.get().inner;
        let run = || {
            find_chars(
                gaz,
                s,
                overlapping,
                &mut Scratch::default(),
                &mut Vec::new(),
            )
        };
        // Releasing the GIL costs about a microsecond: worth it for long texts.
        let found = if s.len() >= DETACH_MIN_BYTES {
            core(py, run)?
        } else {
            core_held(py, run)?
        };
        to_matches(py, slf, text.cast::<PyString>()?, found)
    }

    /// Find the gazetteer's entities in many texts, in parallel.
    ///
    /// The texts are matched on `threads` threads with the GIL released;
    /// the result has one list per input, in input order.
    ///
    /// Parameters
    /// ----------
    /// texts : iterable of str or None
    ///     The texts (a list, a pandas Series...); None, NaN and `pd.NA` are
    ///     no text and give `[]`. A single str is refused.
    /// threads : int or None, default None
    ///     How many threads; None for one per CPU core.
    /// overlapping : bool, default False
    ///     As for `Gazetteer.find`.
    ///
    /// Returns
    /// -------
    /// list of list of Match
    ///     The matches of `texts[i]` at index `i`.
    ///
    /// Raises
    /// ------
    /// TypeError
    ///     `texts` is a single str, or an item is not a str (the message
    ///     names its index).
    /// TextError
    ///     A text is not valid Unicode; the message names its index.
    /// ValueError
    ///     `threads` is 0.
    ///
    /// See Also
    /// --------
    /// Gazetteer.find : One text.
    /// Extractor.entities : The matches of many texts as a DataFrame.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> gaz = sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}])
    /// >>> [len(ms) for ms in gaz.find_batch(["Nordvik.", None, "Nordvik, Nordvik"], threads=2)]
    /// [1, 0, 2]
    #[pyo3(signature = (texts, *, threads = None, overlapping = false))]
    fn find_batch(
        slf: &Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
        overlapping: bool,
    ) -> PyResult<Vec<Vec<Py<PyMatch>>>> {
        let py = slf.py();
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "find")?;
        let strs = input.strs(py)?;
        batch::check_memory(&strs, super::FIND_MEMORY_FACTOR)?;
        let gaz = &*slf.get().inner;
        let mut out: Vec<Vec<Py<PyMatch>>> = Vec::with_capacity(strs.len());
        out.resize_with(strs.len(), Vec::new);
        batch::run_fallible(
            py,
            &strs,
            threads,
            |t, scratch: &mut (Scratch, Vec<crate::Match>), _| match t {
                Some(s) => find_chars(gaz, s, overlapping, &mut scratch.0, &mut scratch.1),
                None => Ok(Vec::new()),
            },
            |py, i, found| {
                if let Some(doc) = input.py_str(py, i, strs[i]) {
                    out[i] = to_matches(py, slf, &doc, found)?;
                }
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The built-in gazetteer.
    ///
    /// Countries (with other names and demonyms), capitals and cities of
    /// 250,000 people or more, continents, regions and international
    /// organisations; read once a process, then shared. Its sources and
    /// licences are in `sayso/data/DEFAULT_GAZETTEER.md`.
    ///
    /// Returns
    /// -------
    /// Gazetteer
    ///     The same object at every call.
    ///
    /// See Also
    /// --------
    /// Extractor : Uses it when given no gazetteer.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> [(m.text, m.name) for m in sayso.Gazetteer.default().find("Talks in Oslo and Norway.")]
    /// [('Oslo', 'Oslo'), ('Norway', 'Norway')]
    #[staticmethod]
    #[pyo3(signature = ())]
    fn default(py: Python<'_>) -> PyResult<Py<PyGazetteer>> {
        Self::builtin(py)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The labels of the entries (list of str), in order of first appearance.
    #[getter]
    fn labels(&self, py: Python<'_>) -> Vec<Py<PyString>> {
        self.labels.iter().map(|l| l.clone_ref(py)).collect()
    }

    /// Whether diacritics are folded on both sides (bool), as built.
    #[getter]
    fn fold_diacritics(&self) -> bool {
        self.inner.folds_diacritics()
    }

    /// Whether matches of places that are part of a person's name are dropped.
    #[getter]
    fn person_guard(&self) -> bool {
        self.inner.guards_persons()
    }

    /// The entries as dicts, as they would be given to `Gazetteer`.
    ///
    /// Returns
    /// -------
    /// list of dict
    ///     One dict per entry, in order, with every key: `name`, `label`,
    ///     `id`, `aliases`, `case` and `metadata` (None when there is none).
    ///
    /// See Also
    /// --------
    /// Gazetteer : The keys of an entry.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}]).to_entries()
    /// [{'name': 'Nordvik', 'label': 'GPE', 'id': 'Nordvik', 'aliases': [], 'case': 'insensitive', 'metadata': None}]
    #[pyo3(signature = ())]
    fn to_entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for e in self.inner.entries() {
            let d = PyDict::new(py);
            d.set_item("name", e.name())?;
            d.set_item("label", e.label())?;
            d.set_item("id", e.id())?;
            let own = e.alias_cases();
            let aliases = PyList::empty(py);
            for (j, a) in e.aliases().enumerate() {
                match own.iter().find(|(k, _)| *k == j) {
                    Some((_, c)) => {
                        let ad = PyDict::new(py);
                        ad.set_item("name", a)?;
                        ad.set_item("case", c.as_str())?;
                        aliases.append(ad)?;
                    }
                    None => aliases.append(a)?,
                }
            }
            d.set_item("aliases", aliases)?;
            d.set_item("case", e.case().as_str())?;
            match e.metadata() {
                Some(m) => d.set_item("metadata", map_to_py(py, m)?)?,
                None => d.set_item("metadata", py.None())?,
            }
            list.append(d)?;
        }
        Ok(list)
    }

    /// The entries as columns, for frames: `name` and `id` (lists of str),
    /// `label` (the index of each entry's label, as int32 bytes) and `labels`.
    #[pyo3(signature = ())]
    fn _entry_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = self
            .columns
            .get_or_try_init(py, || -> PyResult<Py<PyDict>> {
                let g = &self.inner;
                let d = PyDict::new(py);
                d.set_item("name", PyList::new(py, g.entries().map(|e| e.name()))?)?;
                d.set_item("id", PyList::new(py, g.entries().map(|e| e.id()))?)?;
                let label: Vec<usize> = g.entries().map(|e| e.label_index()).collect();
                d.set_item("label", super::columns::usizes(py, &label))?;
                d.set_item("labels", PyList::new(py, &self.labels)?)?;
                Ok(d.unbind())
            })?;
        Ok(d.bind(py).clone())
    }

    fn __repr__(&self) -> String {
        let labels = self.inner.labels();
        let mut shown: Vec<String> = labels.iter().take(6).map(|l| format!("{l:?}")).collect();
        if labels.len() > 6 {
            shown.push(format!("… +{} more", labels.len() - 6));
        }
        let mut fold = if self.inner.folds_diacritics() {
            ", fold_diacritics=True"
        } else {
            ""
        }
        .to_owned();
        if self.inner.guards_persons() {
            fold.push_str(", person_guard=True");
        }
        format!(
            "<Gazetteer: {}, labels [{}]{fold}>",
            super::count(self.inner.len(), "entry", "entries"),
            shown.join(", ")
        )
    }
}

/// Where a match's strings come from.
enum Source {
    /// Found by a gazetteer: the strings are made when asked for.
    Found {
        doc: Py<PyString>,
        bytes: (usize, usize),
        gaz: Py<PyGazetteer>,
        entry: EntryId,
    },
    /// Made from Python.
    Given {
        text: Py<PyString>,
        label: Py<PyString>,
        id: Py<PyString>,
        name: Py<PyString>,
        metadata: Option<Arc<Metadata>>,
    },
}

/// One match of a gazetteer entry in a text.
///
/// `Gazetteer.find` and `Extractor` make them; offsets are Python `str`
/// indices, so `text[m.start:m.end] == m.text` for the text searched.
/// Matches are frozen, hashable, and equal when all their fields are.
///
/// | field | type | value |
/// |---|---|---|
/// | `start`, `end` | int | where the match is in the text |
/// | `text` | str | the matched text, as written there |
/// | `label` | str | the entry's label |
/// | `id` | str | the entry's id (its name when it was given none) |
/// | `name` | str | the entry's canonical name |
/// | `metadata` | dict or None | the entry's metadata (a new dict each time) |
///
/// Parameters
/// ----------
/// start, end : int
///     The span, in characters of the text.
/// text, label, id, name : str
///     As the fields above.
/// metadata : dict or None, default None
///     A JSON-like dict.
///
/// Raises
/// ------
/// ValueError
///     `end` is before `start`.
///
/// See Also
/// --------
/// Gazetteer.find, Doc.entities
///
/// Examples
/// --------
/// >>> import sayso
/// >>> gaz = sayso.Gazetteer([{"name": "Eva Lind", "label": "PERSON", "aliases": ["Lind"]}])
/// >>> text = "😀 Lind spoke."
/// >>> m = gaz.find(text)[0]
/// >>> m.start, m.end, m.text, m.name, m.label, m.id
/// (2, 6, 'Lind', 'Eva Lind', 'PERSON', 'Eva Lind')
/// >>> text[m.start:m.end]
/// 'Lind'
/// >>> m == sayso.Match(2, 6, "Lind", "PERSON", "Eva Lind", "Eva Lind")
/// True
#[pyclass(frozen, freelist = 1024, name = "Match", module = "sayso")]
pub struct PyMatch {
    /// Where the match starts (int): a Python `str` index of the text.
    #[pyo3(get)]
    start: usize,
    /// Where the match ends (int), exclusive: `text[m.start:m.end]` is the match.
    #[pyo3(get)]
    end: usize,
    source: Source,
}

impl PyMatch {
    fn key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                self.start.into_pyobject(py)?.into_any(),
                self.end.into_pyobject(py)?.into_any(),
                self.text(py)?.into_any(),
                self.label(py).into_any(),
                self.id(py).into_any(),
                self.name(py).into_any(),
            ],
        )
    }

    fn meta(&self) -> Option<&Arc<Metadata>> {
        match &self.source {
            Source::Found { gaz, entry, .. } => gaz.get().inner.entry(*entry).metadata(),
            Source::Given { metadata, .. } => metadata.as_ref(),
        }
    }
}

#[pymethods]
impl PyMatch {
    #[new]
    #[pyo3(signature = (start, end, text, label, id, name, metadata = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        text: Bound<'_, PyString>,
        label: Bound<'_, PyString>,
        id: Bound<'_, PyString>,
        name: Bound<'_, PyString>,
        metadata: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        if end < start {
            return Err(PyValueError::new_err(format!(
                "end ({end}) must not be before start ({start})"
            )));
        }
        let metadata = metadata
            .map(|m| py_to_map(m, &|| "metadata".to_owned()).map(Arc::new))
            .transpose()?;
        Ok(PyMatch {
            start,
            end,
            source: Source::Given {
                text: text.unbind(),
                label: label.unbind(),
                id: id.unbind(),
                name: name.unbind(),
                metadata,
            },
        })
    }

    /// The matched text (str), as written: `text[m.start:m.end]` of the text searched.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        match &self.source {
            Source::Found { doc, bytes, .. } => {
                let s = doc.bind(py).to_str()?;
                Ok(PyString::new(py, &s[bytes.0..bytes.1]))
            }
            Source::Given { text, .. } => Ok(text.bind(py).clone()),
        }
    }

    /// The label of the entry (str), such as "PERSON".
    #[getter]
    fn label<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        match &self.source {
            Source::Found { gaz, entry, .. } => {
                let g = gaz.get();
                g.labels[g.inner.entry(*entry).label_index()]
                    .bind(py)
                    .clone()
            }
            Source::Given { label, .. } => label.bind(py).clone(),
        }
    }

    /// The id of the entry (str); its name when it was given none.
    #[getter]
    fn id<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        match &self.source {
            Source::Found { gaz, entry, .. } => {
                PyString::new(py, gaz.get().inner.entry(*entry).id())
            }
            Source::Given { id, .. } => id.bind(py).clone(),
        }
    }

    /// The canonical name of the entry (str), whichever of its names matched.
    #[getter]
    fn name<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        match &self.source {
            Source::Found { gaz, entry, .. } => {
                PyString::new(py, gaz.get().inner.entry(*entry).name())
            }
            Source::Given { name, .. } => name.bind(py).clone(),
        }
    }

    /// The metadata of the entry (dict or None); a new dict each time.
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.meta().map(|m| map_to_py(py, m)).transpose()
    }

    /// The match as a dict: `start, end, text, label, id, name, metadata`
    /// (the schema of the `sayso entities` command, with the metadata).
    ///
    /// Returns
    /// -------
    /// dict
    ///
    /// See Also
    /// --------
    /// Doc.to_dict
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> gaz = sayso.Gazetteer([{"name": "Nordvik", "label": "GPE", "id": "g1"}])
    /// >>> gaz.find("Off Nordvik.")[0].to_dict()
    /// {'start': 4, 'end': 11, 'text': 'Nordvik', 'label': 'GPE', 'id': 'g1', 'name': 'Nordvik', 'metadata': None}
    #[pyo3(signature = ())]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", self.text(py)?)?;
        d.set_item("label", self.label(py))?;
        d.set_item("id", self.id(py))?;
        d.set_item("name", self.name(py))?;
        d.set_item("metadata", self.metadata(py)?)?;
        Ok(d)
    }

    /// The match on its own: a `Match` found in a text refers to the whole
    /// text (and makes its strings from it when asked), so that keeping it
    /// keeps the text alive. `detach()` gives an equal `Match` that holds
    /// only its own strings; keep that one when the texts are long and the
    /// matches outlive them.
    ///
    /// Returns
    /// -------
    /// Match
    ///     An equal match that keeps no text alive.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> gaz = sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}])
    /// >>> m = gaz.find("Off Nordvik. " + "x" * 1_000_000)[0]
    /// >>> kept = m.detach()
    /// >>> kept == m, kept.text
    /// (True, 'Nordvik')
    #[pyo3(signature = ())]
    fn detach(slf: &Bound<'_, Self>) -> PyResult<Py<PyMatch>> {
        let py = slf.py();
        let m = slf.get();
        if let Source::Given { .. } = m.source {
            return Ok(slf.clone().unbind());
        }
        Py::new(
            py,
            PyMatch {
                start: m.start,
                end: m.end,
                source: Source::Given {
                    text: m.text(py)?.unbind(),
                    label: m.label(py).unbind(),
                    id: m.id(py).unbind(),
                    name: m.name(py).unbind(),
                    metadata: m.meta().cloned(),
                },
            },
        )
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyMatch>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok(self.key(py)?.eq(other.key(py)?)? && self.meta() == other.meta())
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.key(py)?.hash()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let args = self.key(py)?;
        let mut items: Vec<Bound<'py, PyAny>> = args.iter().collect();
        items.push(match self.metadata(py)? {
            Some(d) => d.into_any(),
            None => py.None().into_bound(py),
        });
        PyTuple::new(
            py,
            [
                py.get_type::<PyMatch>().into_any(),
                PyTuple::new(py, items)?.into_any(),
            ],
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Match(start={}, end={}, text={}, label={}, id={}, name={})",
            self.start,
            self.end,
            self.text(py)?.repr()?,
            self.label(py).repr()?,
            self.id(py).repr()?,
            self.name(py).repr()?,
        ))
    }
}
