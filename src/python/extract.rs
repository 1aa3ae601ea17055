//! `sayso.Extractor`, `sayso.Doc` and `sayso.Quote`: entities and quotes in
//! one pass.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};

use super::arrow::{entity_table, quote_table, Texts};
use super::batch;
use super::columns::{EntityColumns, QuoteColumns, QuoteRow};
use super::core;
use super::gazetteer::{find_chars, to_matches, Found, PyGazetteer, PyMatch};
use crate::gazetteer::{EntryId, Gazetteer, Scratch};
use crate::quotes::{Quote, QuoteExtractor, QuoteKind, SurnameIndex};
use crate::span::to_chars;

/// What one text gives, before it becomes Python objects.
struct Processed {
    entities: Vec<Found>,
    quotes: Vec<(Quote, QuoteChars)>,
}

/// The character offsets of a quote's spans.
struct QuoteChars {
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
}

/// The shared, thread-safe part of an extractor.
struct Engine {
    quotes: QuoteExtractor,
    gazetteer: Option<(Arc<Gazetteer>, SurnameIndex)>,
}

type Work = (Scratch, Vec<crate::Match>);

impl Engine {
    /// The entities (with character offsets) and quotes of `text`.
    fn process(&self, text: &str, work: &mut Work) -> crate::Result<Processed> {
        work.1.clear();
        let entities = match &self.gazetteer {
            Some((gaz, _)) => find_chars(gaz, text, false, &mut work.0, &mut work.1)?,
            None => Vec::new(),
        };
        let quotes = self.quotes_of(text, &work.1);
        Ok(Processed { entities, quotes })
    }

    /// The quotes of `text` alone: the entities are found (to link speakers)
    /// but not turned into character offsets.
    fn quotes_only(&self, text: &str, work: &mut Work) -> crate::Result<Vec<(Quote, QuoteChars)>> {
        work.1.clear();
        if let Some((gaz, _)) = &self.gazetteer {
            gaz.find_into(text, false, &mut work.0, &mut work.1)?;
        }
        Ok(self.quotes_of(text, &work.1))
    }

    /// The quotes of `text`, given its gazetteer matches, with character offsets.
    fn quotes_of(&self, text: &str, matches: &[crate::Match]) -> Vec<(Quote, QuoteChars)> {
        let linker = self.gazetteer.as_ref().map(|(g, s)| (&**g, s));
        let quotes = self.quotes.extract(text, matches, linker);
        let mut offsets = Vec::with_capacity(quotes.len() * 8);
        for q in &quotes {
            for r in [Some(q.content()), q.cue(), q.speaker(), q.source()]
                .into_iter()
                .flatten()
            {
                offsets.extend([r.start, r.end]);
            }
        }
        let chars = to_chars(text, &offsets);
        let mut next = chars.chunks_exact(2).map(|c| (c[0], c[1]));
        quotes
            .into_iter()
            .map(|q| {
                let mut take = |present: bool| if present { next.next() } else { None };
                let content = take(true).expect("an offset for each span");
                let cue = take(q.cue().is_some());
                let speaker = take(q.speaker().is_some());
                let source = take(q.source().is_some());
                (
                    q,
                    QuoteChars {
                        content,
                        cue,
                        speaker,
                        source,
                    },
                )
            })
            .collect()
    }
}

/// Finds entities and quotes: `ex(text)` gives a `Doc`, `ex.pipe(texts)`
/// a list of them.
#[pyclass(frozen, name = "Extractor", module = "sayso")]
pub struct PyExtractor {
    gazetteer: Option<Py<PyGazetteer>>,
    /// Whether `gazetteer` is the built-in one.
    builtin: bool,
    engine: Arc<Engine>,
}

impl PyExtractor {
    fn to_doc(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        processed: Processed,
    ) -> PyResult<Py<PyDoc>> {
        let entities = match &self.gazetteer {
            Some(g) => to_matches(py, g.bind(py), text, processed.entities)?,
            None => Vec::new(),
        };
        let s = text.to_str()?;
        let gaz = self.engine.gazetteer.as_ref().map(|(g, _)| g);
        let quotes = processed
            .quotes
            .into_iter()
            .map(|(q, c)| Py::new(py, PyQuote::new(py, s, &q, &c, gaz.map(|g| &**g))))
            .collect::<PyResult<Vec<_>>>()?;
        Py::new(
            py,
            PyDoc {
                text: text.clone().unbind(),
                entities,
                quotes,
            },
        )
    }
}

#[pymethods]
impl PyExtractor {
    /// `gazetteer`: the entities to find and link speakers to; `None` (the
    /// default) for the built-in one (`Gazetteer.default()`), `False` for
    /// none (quotes only, speakers not linked).
    #[new]
    #[pyo3(signature = (gazetteer = None))]
    fn new(py: Python<'_>, gazetteer: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let (gazetteer, builtin) = match gazetteer {
            None => (Some(PyGazetteer::builtin(py)?.into_bound(py)), true),
            Some(g) if g.is_instance_of::<PyBool>() && !g.is_truthy()? => (None, false),
            Some(g) => match g.cast::<PyGazetteer>() {
                Ok(g) => (Some(g.clone()), false),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "gazetteer must be a sayso.Gazetteer, None (the built-in one) or False \
                         (none), not {}",
                        g.get_type().name()?
                    )))
                }
            },
        };
        let linker = match &gazetteer {
            Some(g) => {
                let inner = g.get().inner();
                let surnames = core(py, || Ok(SurnameIndex::new(&inner)))?;
                Some((inner, surnames))
            }
            None => None,
        };
        let engine = Engine {
            quotes: QuoteExtractor::new(),
            gazetteer: linker,
        };
        Ok(PyExtractor {
            gazetteer: gazetteer.map(Bound::unbind),
            builtin,
            engine: Arc::new(engine),
        })
    }

    /// The entities and quotes of one text.
    fn __call__(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyDoc>> {
        let s = super::convert::text_of(py, text, None)?.unwrap_or("");
        let engine = self.engine.clone();
        let processed = core(py, || engine.process(s, &mut Work::default()))?;
        let text = match text.cast::<PyString>() {
            Ok(t) => t.clone(),
            Err(_) => PyString::new(py, ""),
        };
        self.to_doc(py, &text, processed)
    }

    /// The `Doc` of each text, in input order, processed in parallel with
    /// the GIL released; `None`, NaN and `pd.NA` give an empty `Doc`.
    /// `progress=True` shows a tqdm bar (the texts go in chunks).
    #[pyo3(signature = (texts, *, threads = None, progress = false))]
    fn pipe(
        slf: &Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        progress: bool,
    ) -> PyResult<Vec<Py<PyDoc>>> {
        let py = slf.py();
        if progress {
            return py
                .import("sayso._frames")?
                .getattr("pipe_with_progress")?
                .call1((slf, texts, threads))?
                .extract();
        }
        let this = slf.get();
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "the extractor itself")?;
        let strs = input.strs(py)?;
        let engine = &*this.engine;
        let empty = PyString::new(py, "");
        let mut out: Vec<Option<Py<PyDoc>>> = Vec::with_capacity(strs.len());
        out.resize_with(strs.len(), || None);
        batch::run_fallible(
            py,
            &strs,
            threads,
            |t, work: &mut Work| engine.process(t.unwrap_or(""), work),
            |py, i, processed| {
                let text = input.py_str(py, i, strs[i]);
                out[i] = Some(this.to_doc(py, text.as_ref().unwrap_or(&empty), processed)?);
                Ok(())
            },
        )?;
        Ok(out
            .into_iter()
            .map(|d| d.expect("every text was processed"))
            .collect())
    }

    /// The entities of many texts as a frame, one row a match:
    /// `doc, start, end, text, label, id, name`. `texts` is a list, a
    /// pandas or polars `Series`, an Arrow array (anything with
    /// `__arrow_c_stream__` or `__arrow_c_array__`), or a pandas or polars
    /// `DataFrame` or Arrow table with `column` naming the text column;
    /// `keep` names columns of that frame to carry into each row. A pandas
    /// index names the documents in `doc`; otherwise `doc` is the position.
    /// Missing texts give no rows. `output` is `"pandas"`, `"arrow"` (a
    /// `pyarrow.Table`) or `"polars"`; by default the input's own kind
    /// (polars in, polars out; Arrow in, Arrow out; otherwise pandas).
    #[pyo3(signature = (
        texts, column = None, *, keep = None, threads = None, progress = false, output = None
    ))]
    fn entities<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        column: Option<&str>,
        keep: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
        progress: bool,
        output: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = Options {
            keep,
            threads,
            progress,
            output,
        };
        frames(slf, "entities_frame", texts, column, &options)
    }

    /// The quotes of many texts as a frame, one row a quote:
    /// `doc, start, end, quote, kind, cue, speaker, speaker_id,
    /// speaker_label, speaker_start, speaker_end`. Inputs and `output` as for
    /// `entities`.
    #[pyo3(signature = (
        texts, column = None, *, keep = None, threads = None, progress = false, output = None
    ))]
    fn quotes<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        column: Option<&str>,
        keep: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
        progress: bool,
        output: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = Options {
            keep,
            threads,
            progress,
            output,
        };
        frames(slf, "quotes_frame", texts, column, &options)
    }

    /// The entities of many texts as columns (for `sayso.Extractor.entities`):
    /// a dict of buffers, or with `arrow=True` an `ArrowTable`.
    #[pyo3(signature = (texts, *, threads = None, arrow = false))]
    fn _entity_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        arrow: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "the extractor itself")?;
        let strs = input.strs(py)?;
        let mut cols = EntityColumns::default();
        let gazetteer = self.engine.gazetteer.as_ref().map(|(g, _)| &**g);
        let finish = |cols: EntityColumns<'_>| -> PyResult<Bound<'py, PyAny>> {
            if arrow {
                Ok(Bound::new(py, entity_table(&cols, gazetteer))?.into_any())
            } else {
                Ok(cols.into_dict(py)?.into_any())
            }
        };
        let Some((gaz, _)) = &self.engine.gazetteer else {
            return finish(cols);
        };
        let per_doc = batch::run_ordered(py, &strs, threads, |t, work: &mut Work| {
            find_chars(gaz, t.unwrap_or(""), false, &mut work.0, &mut work.1)
        })?;
        for (i, found) in per_doc.into_iter().enumerate() {
            let text = strs[i].unwrap_or("");
            for f in found {
                let surface = &text[f.byte_start..f.byte_end];
                cols.push(i, (f.start, f.end), f.entry.index(), surface);
            }
        }
        finish(cols)
    }

    /// The quotes of many texts as columns (for `sayso.Extractor.quotes`):
    /// a dict of buffers, or with `arrow=True` an `ArrowTable`.
    #[pyo3(signature = (texts, *, threads = None, arrow = false))]
    fn _quote_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        arrow: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "the extractor itself")?;
        let strs = input.strs(py)?;
        let engine = &*self.engine;
        let per_doc = batch::run_ordered(py, &strs, threads, |t, work: &mut Work| {
            engine.quotes_only(t.unwrap_or(""), work)
        })?;
        let mut cols = QuoteColumns::default();
        for (i, quotes) in per_doc.into_iter().enumerate() {
            let text = strs[i].unwrap_or("");
            for (q, c) in quotes {
                cols.push(QuoteRow {
                    doc: i,
                    span: c.content,
                    kind: match q.kind() {
                        QuoteKind::Direct => 0,
                        QuoteKind::Mixed => 1,
                        _ => 2,
                    },
                    quote: &text[q.content()],
                    cue: q.cue().map(|r| &text[r]),
                    speaker: q.speaker_name().map(str::to_owned),
                    speaker_entry: q.speaker_entity().map(EntryId::index),
                    speaker_span: c.speaker,
                });
            }
        }
        if arrow {
            let gaz = engine.gazetteer.as_ref().map(|(g, _)| &**g);
            return Ok(Bound::new(py, quote_table(&cols, gaz))?.into_any());
        }
        Ok(cols.into_dict(py)?.into_any())
    }

    /// The gazetteer, if any.
    #[getter]
    fn gazetteer(&self, py: Python<'_>) -> Option<Py<PyGazetteer>> {
        self.gazetteer.as_ref().map(|g| g.clone_ref(py))
    }

    /// Pickles as its gazetteer; unpickling makes one extractor a process
    /// for each gazetteer (see `sayso/_pickle.py`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        // The built-in gazetteer is rebuilt where it is unpickled.
        let gaz = match &self.gazetteer {
            _ if self.builtin => py.None(),
            Some(g) => g.clone_ref(py).into_any(),
            None => PyBool::new(py, false).to_owned().into_any().unbind(),
        };
        let rebuild = py.import("sayso._pickle")?.getattr("extractor")?;
        PyTuple::new(py, [rebuild, PyTuple::new(py, [gaz])?.into_any()])
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(match &self.gazetteer {
            Some(g) if self.builtin => format!(
                "<Extractor: quotes, entities of the built-in gazetteer ({} entries)>",
                g.get().len()
            ),
            Some(g) => format!("<Extractor: quotes, entities of {}>", g.bind(py).repr()?),
            None => "<Extractor: quotes only, no gazetteer>".to_owned(),
        })
    }
}

/// The keyword options of `Extractor.entities` and `Extractor.quotes`.
struct Options<'a, 'py> {
    keep: Option<&'a Bound<'py, PyAny>>,
    threads: Option<usize>,
    progress: bool,
    output: Option<&'a str>,
}

/// Calls a frame builder of `sayso._arrow`, which makes pandas, Arrow or
/// polars frames (they live on the Python side).
fn frames<'py>(
    ex: &Bound<'py, PyExtractor>,
    builder: &str,
    texts: &Bound<'py, PyAny>,
    column: Option<&str>,
    o: &Options<'_, 'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = ex.py();
    let options = PyDict::new(py);
    options.set_item("keep", o.keep)?;
    options.set_item("threads", o.threads)?;
    options.set_item("progress", o.progress)?;
    options.set_item("output", o.output)?;
    py.import("sayso._arrow")?
        .getattr(builder)?
        .call((ex, texts, column), Some(&options))
}

/// A processed text: its entities and its quotes.
#[pyclass(frozen, name = "Doc", module = "sayso")]
pub struct PyDoc {
    text: Py<PyString>,
    entities: Vec<Py<PyMatch>>,
    quotes: Vec<Py<PyQuote>>,
}

#[pymethods]
impl PyDoc {
    /// The document as HTML for Jupyter: entities highlighted by label, quotes
    /// numbered with their cue and speaker (see `sayso.render`).
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py()
            .import("sayso._html")?
            .getattr("doc_html")?
            .call1((slf,))?
            .extract()
    }
    /// The text.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// The gazetteer matches, in order (empty without a gazetteer).
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.entities.iter().map(|m| m.clone_ref(py)))
    }

    /// The quotes, in order.
    #[getter]
    fn quotes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.quotes.iter().map(|q| q.clone_ref(py)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let n = self.text.bind(py).to_str()?.chars().count();
        Ok(format!(
            "<Doc: {}, {}, {}>",
            super::count(n, "character", "characters"),
            super::count(self.entities.len(), "entity", "entities"),
            super::count(self.quotes.len(), "quote", "quotes")
        ))
    }
}

/// One quote: what was said (`start`, `end`, `text`), how (`kind`, `cue`)
/// and by whom (`speaker`, its mention, entity id and label). Offsets are
/// Python `str` indices of the document's text.
/// Quotes compare equal when every field does, as `Match`es do.
#[pyclass(frozen, eq, hash, name = "Quote", module = "sayso", get_all)]
#[derive(PartialEq, Eq, Hash)]
pub struct PyQuote {
    start: usize,
    end: usize,
    text: String,
    kind: &'static str,
    cue: Option<String>,
    cue_start: Option<usize>,
    cue_end: Option<usize>,
    speaker: Option<String>,
    speaker_text: Option<String>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    speaker_id: Option<String>,
    speaker_label: Option<String>,
    source: Option<String>,
    source_start: Option<usize>,
    source_end: Option<usize>,
}

impl PyQuote {
    fn new(
        _py: Python<'_>,
        text: &str,
        q: &Quote,
        c: &QuoteChars,
        gaz: Option<&Gazetteer>,
    ) -> PyQuote {
        let slice = |r: Option<std::ops::Range<usize>>| r.map(|r| text[r].to_owned());
        let entry = q.speaker_entity().zip(gaz).map(|(id, g)| g.entry(id));
        PyQuote {
            start: c.content.0,
            end: c.content.1,
            text: text[q.content()].to_owned(),
            kind: q.kind().as_str(),
            cue: slice(q.cue()),
            cue_start: c.cue.map(|x| x.0),
            cue_end: c.cue.map(|x| x.1),
            speaker: q.speaker_name().map(str::to_owned),
            speaker_text: slice(q.speaker()),
            speaker_start: c.speaker.map(|x| x.0),
            speaker_end: c.speaker.map(|x| x.1),
            speaker_id: entry.map(|e| e.id().to_owned()),
            speaker_label: entry.map(|e| e.label().to_owned()),
            source: slice(q.source()),
            source_start: c.source.map(|x| x.0),
            source_end: c.source.map(|x| x.1),
        }
    }
}

#[pymethods]
impl PyQuote {
    /// The quote as a dict (the schema of the `sayso quotes` command).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", &self.text)?;
        d.set_item("kind", self.kind)?;
        d.set_item("cue", &self.cue)?;
        d.set_item("cue_start", self.cue_start)?;
        d.set_item("cue_end", self.cue_end)?;
        d.set_item("speaker", &self.speaker)?;
        d.set_item("speaker_text", &self.speaker_text)?;
        d.set_item("speaker_start", self.speaker_start)?;
        d.set_item("speaker_end", self.speaker_end)?;
        d.set_item("speaker_id", &self.speaker_id)?;
        d.set_item("speaker_label", &self.speaker_label)?;
        d.set_item("source", &self.source)?;
        d.set_item("source_start", self.source_start)?;
        d.set_item("source_end", self.source_end)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let mut text: String = self.text.chars().take(60).collect();
        if self.text.chars().count() > 60 {
            text.push('…');
        }
        let py_repr = |v: &Option<String>| {
            v.as_ref()
                .map_or_else(|| "None".to_owned(), |s| format!("{s:?}"))
        };
        format!(
            "Quote(kind={:?}, text={text:?}, speaker={}, cue={})",
            self.kind,
            py_repr(&self.speaker),
            py_repr(&self.cue)
        )
    }
}
