//! `sayso.Extractor`, `sayso.Doc` and `sayso.Quote`: entities and quotes in
//! one pass.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString, PyTuple};

use super::arrow::{about_table, entity_table, quote_table, Texts};
use super::batch;
use super::columns::{AboutColumns, AboutRow, EntityColumns, QuoteColumns, QuoteRow};
use super::core;
use super::gazetteer::{find_chars, to_matches, Found, PyGazetteer, PyMatch};
use crate::gazetteer::{EntryId, Gazetteer, Scratch};
use crate::quotes::{Quote, QuoteExtractor, QuoteKind, Reports, SpeakerVia, SurnameIndex};
use crate::span::to_chars;

/// Every way a speaker is resolved, for unpickling `Quote.speaker_via`.
const SPEAKER_VIAS: [SpeakerVia; 6] = [
    SpeakerVia::Mention,
    SpeakerVia::Gazetteer,
    SpeakerVia::Pronoun,
    SpeakerVia::Surname,
    SpeakerVia::Title,
    SpeakerVia::Continuation,
];

/// What one text gives, before it becomes Python objects.
struct Processed {
    entities: Vec<Found>,
    quotes: Vec<(Quote, QuoteChars)>,
}

/// The character offsets of a quote's spans, and the entities it mentions.
struct QuoteChars {
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    /// The speaker mention (`Quote.speaker_start`, `speaker_end`).
    speaker_mention: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
    /// Indices into the text's gazetteer matches (see [`crate::about`]).
    mentions: Vec<usize>,
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
        self.process_until(text, work, &AtomicBool::new(false))
    }

    /// [`process`](Self::process) that stops early once `stop` is set.
    fn process_until(
        &self,
        text: &str,
        work: &mut Work,
        stop: &AtomicBool,
    ) -> crate::Result<Processed> {
        work.1.clear();
        let entities = match &self.gazetteer {
            Some((gaz, _)) => find_chars(gaz, text, false, &mut work.0, &mut work.1)?,
            None => Vec::new(),
        };
        let quotes = self.quotes_of(text, &work.1, stop);
        Ok(Processed { entities, quotes })
    }

    /// The quotes of `text` alone: the entities are found (to link speakers)
    /// but not turned into character offsets. Stops early once `stop` is set.
    fn quotes_only(
        &self,
        text: &str,
        work: &mut Work,
        stop: &AtomicBool,
    ) -> crate::Result<Vec<(Quote, QuoteChars)>> {
        work.1.clear();
        if let Some((gaz, _)) = &self.gazetteer {
            gaz.find_into(text, false, &mut work.0, &mut work.1)?;
        }
        Ok(self.quotes_of(text, &work.1, stop))
    }

    /// The quotes of `text`, given its gazetteer matches, with character offsets.
    fn quotes_of(
        &self,
        text: &str,
        matches: &[crate::Match],
        stop: &AtomicBool,
    ) -> Vec<(Quote, QuoteChars)> {
        let linker = self.gazetteer.as_ref().map(|(g, s)| (&**g, s));
        let quotes = self.quotes.extract_until(text, matches, linker, stop);
        let mut offsets = Vec::with_capacity(quotes.len() * 8);
        for q in &quotes {
            for r in [Some(q.content()), q.cue(), q.speaker_mention(), q.source()]
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
                let speaker_mention = take(q.speaker_mention().is_some());
                let source = take(q.source().is_some());
                let mentions = crate::about::mentions(&q, matches).collect();
                (
                    q,
                    QuoteChars {
                        content,
                        cue,
                        speaker_mention,
                        source,
                        mentions,
                    },
                )
            })
            .collect()
    }
}

/// Finds the entities of a gazetteer and the quotes of texts, with their speakers.
///
/// Calling an extractor, `ex(text)`, processes one text and returns its
/// `Doc`; `ex.pipe(texts)` processes many in parallel, and `ex.entities`
/// and `ex.quotes` return pandas DataFrames. Speakers are linked to the
/// gazetteer's entries where their names (or aliases, or the surnames of
/// PERSON entries) match. An extractor is immutable, safe to share between
/// threads, and pickles as its gazetteer.
///
/// `ex(text)`: `text` is a str, or None (also NaN, `pd.NA`) for no text,
/// which gives an empty `Doc`. It raises `TypeError` when `text` is not a
/// str and `TextError` when it is not valid Unicode.
///
/// Parameters
/// ----------
/// gazetteer : Gazetteer or None or False, default None
///     The entities to find and link speakers to: None for the built-in
///     gazetteer (`Gazetteer.default()`), False for none (quotes only,
///     speakers not linked).
/// reports : {"speech", "acts"}, default "speech"
///     Which indirect reports count as quotes: "speech", reported speech
///     only (a cue and the clause it reports: "Lind said the ferry was
///     late"); "acts", also reported acts whose content is an object or an
///     infinitive ("Lind praised the crew", "Lind declined to comment"),
///     as the PolNeAR corpus annotates them. Quotations in quotation marks
///     count either way.
///
/// Raises
/// ------
/// TypeError
///     `gazetteer` is something else.
/// ValueError
///     `reports` is something else.
///
/// See Also
/// --------
/// Doc : What `ex(text)` returns.
/// Quote : One quote and its speaker.
/// Extractor.pipe : Many texts, in parallel.
/// Extractor.quotes : The quotes of many texts as a DataFrame.
///
/// Examples
/// --------
/// >>> import sayso
/// >>> ex = sayso.Extractor(sayso.Gazetteer([{"name": "Eva Lind", "label": "PERSON"}]))
/// >>> doc = ex("“The ferry runs again,” Eva Lind said. Fares will rise, she added.")
/// >>> [(q.kind, q.text, q.speaker) for q in doc.quotes]
/// [('direct', 'The ferry runs again,', 'Eva Lind'), ('indirect', 'Fares will rise', 'Eva Lind')]
/// >>> [m.name for m in doc.entities]
/// ['Eva Lind']
///
/// Reported acts are not speech unless asked for:
///
/// >>> text = "Eva Lind praised the crew. She said the ferry was late."
/// >>> [q.text for q in ex(text).quotes]
/// ['the ferry was late']
/// >>> [q.text for q in sayso.Extractor(False, reports="acts")(text).quotes]
/// ['the crew', 'the ferry was late']
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
            .map(|(q, c)| {
                Py::new(
                    py,
                    PyQuote::new(py, s, &q, &c, gaz.map(|g| &**g), &entities),
                )
            })
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
    #[new]
    #[pyo3(signature = (gazetteer = None, *, reports = "speech"))]
    fn new(py: Python<'_>, gazetteer: Option<&Bound<'_, PyAny>>, reports: &str) -> PyResult<Self> {
        let Some(reports) = Reports::from_name(reports) else {
            return Err(PyValueError::new_err(format!(
                "reports must be \"speech\" (reported speech only, the default) or \"acts\" \
                 (also reported acts: \"praised the crew\", \"declined to comment\"), not {reports:?}"
            )));
        };
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
            quotes: QuoteExtractor::new().with_reports(reports),
            gazetteer: linker,
        };
        Ok(PyExtractor {
            gazetteer: gazetteer.map(Bound::unbind),
            builtin,
            engine: Arc::new(engine),
        })
    }

    /// The entities and quotes of one text (see the class).
    #[pyo3(signature = (text))]
    fn __call__(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Py<PyDoc>> {
        let s = super::convert::text_of(py, text, None)?.unwrap_or("");
        let engine = self.engine.clone();
        super::check_memory(s.len(), super::EXTRACT_MEMORY_FACTOR)?;
        let processed = if s.len() >= super::INTERRUPTIBLE_MIN_BYTES {
            super::core_interruptible(py, |stop| {
                engine.process_until(s, &mut Work::default(), stop)
            })?
        } else {
            core(py, || engine.process(s, &mut Work::default()))?
        };
        let text = match text.cast::<PyString>() {
            Ok(t) => t.clone(),
            Err(_) => PyString::new(py, ""),
        };
        self.to_doc(py, &text, processed)
    }

    /// Process many texts in parallel: one `Doc` per text, in input order.
    ///
    /// The texts are processed on `threads` threads with the GIL released.
    ///
    /// Parameters
    /// ----------
    /// texts : iterable of str or None
    ///     The texts (a list, a pandas Series...); None, NaN and `pd.NA` are
    ///     no text and give an empty `Doc`. A single str is refused.
    /// threads : int or None, default None
    ///     How many threads; None for one per CPU core.
    /// progress : bool, default False
    ///     Show a tqdm progress bar (needs the `progress` extra); the texts
    ///     then go in chunks.
    ///
    /// Returns
    /// -------
    /// list of Doc
    ///     The `Doc` of `texts[i]` at index `i`.
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
    /// Extractor.quotes, Extractor.entities : The same as DataFrames.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> ex = sayso.Extractor(False)
    /// >>> docs = ex.pipe(["Prices will fall, Ames said.", None], threads=2)
    /// >>> [[q.speaker for q in d.quotes] for d in docs]
    /// [['Ames'], []]
    #[pyo3(signature = (texts, *, threads = None, progress = false))]
    fn pipe(
        slf: &Bound<'_, Self>,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
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
        batch::check_memory(&strs, super::EXTRACT_MEMORY_FACTOR)?;
        let engine = &*this.engine;
        let empty = PyString::new(py, "");
        let mut out: Vec<Option<Py<PyDoc>>> = Vec::with_capacity(strs.len());
        out.resize_with(strs.len(), || None);
        batch::run_fallible(
            py,
            &strs,
            threads,
            |t, work: &mut Work, stop| engine.process_until(t.unwrap_or(""), work, stop),
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

    /// The entities of many texts as a frame, one row a match.
    ///
    /// The columns are `doc` (the input's index, or position), `start`,
    /// `end`, `text`, `label`, `id` and `name`; with `metadata=True` one
    /// column per metadata key of the gazetteer's entries (see
    /// `docs/metadata.md`); then the columns named by `keep`. Missing texts
    /// give no rows. The frame is a pandas or polars
    /// `DataFrame` or a `pyarrow.Table` (see `output`); the Arrow and polars
    /// ones are built in the core as Arrow arrays, repeated strings
    /// dictionary-encoded.
    ///
    /// Parameters
    /// ----------
    /// texts : list, pandas or polars Series or DataFrame, or Arrow array or table
    ///     The texts: a list, a Series, or anything with `__arrow_c_stream__`
    ///     or `__arrow_c_array__` (pyarrow, polars, DuckDB, pandas with Arrow
    ///     strings), read without a copy. A pandas index names the documents
    ///     in `doc`. With a DataFrame or table, `column` names its text column.
    /// column : str or None, default None
    ///     The text column of a DataFrame or table.
    /// keep : str or list of str or None, default None
    ///     Columns of the DataFrame or table to carry into each row.
    /// threads : int or None, default None
    ///     How many threads; None for one per CPU core.
    /// progress : bool, default False
    ///     Show a tqdm progress bar (needs the `progress` extra).
    /// output : {"pandas", "arrow", "polars"} or None, default None
    ///     The kind of frame; None for the input's own: polars in, polars
    ///     out; Arrow in, Arrow out; otherwise pandas (needs the `pandas`,
    ///     `arrow` or `polars` extra).
    /// metadata : bool, default False
    ///     Add one column per metadata key of the gazetteer's entries, in
    ///     the order the entries first give them; a match whose entry lacks
    ///     a key has a missing value there.
    ///
    /// Returns
    /// -------
    /// pandas.DataFrame, pyarrow.Table or polars.DataFrame
    ///
    /// Raises
    /// ------
    /// TypeError
    ///     An item is not a str, Arrow texts are not strings, or a DataFrame
    ///     is given without `column`.
    /// KeyError
    ///     `column` or a `keep` column is not in the DataFrame.
    /// ValueError
    ///     `output` is not one of the three; with `metadata=True`, a metadata
    ///     key is named like another column, or (Arrow and polars) holds
    ///     values of types that no one Arrow type holds.
    ///
    /// See Also
    /// --------
    /// Extractor.quotes, Gazetteer.find_batch
    ///
    /// Examples
    /// --------
    /// >>> import pandas as pd, pyarrow as pa, sayso
    /// >>> ex = sayso.Extractor(sayso.Gazetteer([{"name": "Nordvik", "label": "GPE"}]))
    /// >>> texts = pd.Series(["Ships left Nordvik.", None], index=["a1", "a2"])
    /// >>> ex.entities(texts)[["doc", "start", "end", "text", "label"]].to_dict("records")
    /// [{'doc': 'a1', 'start': 11, 'end': 18, 'text': 'Nordvik', 'label': 'GPE'}]
    /// >>> ex.entities(pa.array(["Ships left Nordvik."]))["name"].to_pylist()
    /// ['Nordvik']
    /// >>> gaz = sayso.Gazetteer([{"name": "Oslo", "label": "GPE", "metadata": {"pop": 709000}}])
    /// >>> sayso.Extractor(gaz).entities(["Talks in Oslo."], metadata=True)[["name", "pop"]]
    ///    name     pop
    /// 0  Oslo  709000
    #[pyo3(signature = (
        texts, column = None, *, keep = None, threads = None, progress = false, output = None,
        metadata = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn entities<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        column: Option<&str>,
        keep: Option<&Bound<'py, PyAny>>,
        threads: Option<i64>,
        progress: bool,
        output: Option<&str>,
        metadata: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = Options {
            keep,
            threads,
            progress,
            output,
            min_confidence: None,
            metadata: Some(metadata),
        };
        frames(slf, "entities_frame", texts, column, &options)
    }

    /// The quotes of many texts as a frame, one row a quote.
    ///
    /// The columns are `doc` (the input's index, or position), then the
    /// fields of `Quote.to_dict()` by the same names and in its order:
    /// `start`, `end`, `text`, `kind`, `cue`, `cue_start`, `cue_end`,
    /// `speaker`, `speaker_text`, `speaker_start`, `speaker_end`,
    /// `speaker_id`, `speaker_label`, `source`, `source_start`, `source_end`,
    /// `rule`, `speaker_via` and `confidence` (see `Quote`); then the columns
    /// named by `keep`. Absent values are missing (None, `pd.NA`, null).
    /// Missing texts give no rows. Inputs and `output` as for `entities`.
    ///
    /// Parameters
    /// ----------
    /// texts : list, pandas or polars Series or DataFrame, or Arrow array or table
    ///     The texts, as for `Extractor.entities`.
    /// column : str or None, default None
    ///     The text column of a DataFrame or table.
    /// keep : str or list of str or None, default None
    ///     Columns of the DataFrame or table to carry into each row.
    /// threads : int or None, default None
    ///     How many threads; None for one per CPU core.
    /// progress : bool, default False
    ///     Show a tqdm progress bar (needs the `progress` extra).
    /// output : {"pandas", "arrow", "polars"} or None, default None
    ///     The kind of frame; None for the input's own (see `entities`).
    /// min_confidence : float, default 0.0
    ///     Keep only the quotes whose `confidence` is at least this (0 to 1).
    ///
    /// Returns
    /// -------
    /// pandas.DataFrame, pyarrow.Table or polars.DataFrame
    ///
    /// Raises
    /// ------
    /// TypeError
    ///     An item is not a str, Arrow texts are not strings, or a DataFrame
    ///     is given without `column`.
    /// ValueError
    ///     `min_confidence` is not between 0 and 1, or `output` is not one of
    ///     the three.
    /// KeyError
    ///     `column` or a `keep` column is not in the DataFrame.
    ///
    /// See Also
    /// --------
    /// Extractor.entities, Extractor.about, Extractor.pipe
    ///
    /// Examples
    /// --------
    /// >>> import pandas as pd, sayso
    /// >>> articles = pd.DataFrame({"outlet": ["Coast Radio"], "text": ["Prices will fall, Ames said."]})
    /// >>> q = sayso.Extractor(False).quotes(articles, "text", keep="outlet")
    /// >>> q[["doc", "text", "kind", "speaker", "outlet"]].to_dict("records")
    /// [{'doc': 0, 'text': 'Prices will fall', 'kind': 'indirect', 'speaker': 'Ames', 'outlet': 'Coast Radio'}]
    /// >>> sayso.Extractor(False).quotes(articles, "text", output="arrow")["speaker"].to_pylist()
    /// ['Ames']
    #[pyo3(signature = (
        texts, column = None, *, keep = None, threads = None, progress = false, output = None,
        min_confidence = 0.0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn quotes<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        column: Option<&str>,
        keep: Option<&Bound<'py, PyAny>>,
        threads: Option<i64>,
        progress: bool,
        output: Option<&str>,
        min_confidence: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        check_confidence(min_confidence)?;
        let options = Options {
            keep,
            threads,
            progress,
            output,
            min_confidence: Some(min_confidence),
            metadata: None,
        };
        frames(slf, "quotes_frame", texts, column, &options)
    }

    /// Who says what about whom: one row per quote and entity mentioned in it.
    ///
    /// The rows are those of `Quote.mentions`; the columns are `doc`,
    /// `quote_start`, `quote_end`, `kind`, `speaker`, `speaker_id`,
    /// `speaker_label`, `confidence`, `entity`, `entity_id`, `entity_label`,
    /// `entity_start` and `entity_end`, then the columns named by `keep`.
    /// Without a gazetteer there are no rows. Inputs and `output` as for
    /// `entities`.
    ///
    /// Parameters
    /// ----------
    /// texts : list, pandas or polars Series or DataFrame, or Arrow array or table
    ///     The texts, as for `Extractor.entities`.
    /// column : str or None, default None
    ///     The text column of a DataFrame or table.
    /// keep : str or list of str or None, default None
    ///     Columns of the DataFrame or table to carry into each row.
    /// threads : int or None, default None
    ///     How many threads; None for one per CPU core.
    /// progress : bool, default False
    ///     Show a tqdm progress bar (needs the `progress` extra).
    /// output : {"pandas", "arrow", "polars"} or None, default None
    ///     The kind of frame; None for the input's own (see `entities`).
    ///
    /// Returns
    /// -------
    /// pandas.DataFrame, pyarrow.Table or polars.DataFrame
    ///
    /// Raises
    /// ------
    /// TypeError
    ///     An item is not a str, Arrow texts are not strings, or a DataFrame
    ///     is given without `column`.
    /// KeyError
    ///     `column` or a `keep` column is not in the DataFrame.
    /// ValueError
    ///     `output` is not one of the three.
    ///
    /// See Also
    /// --------
    /// Quote.mentions, who_about_whom
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> gaz = sayso.Gazetteer([{"name": "Jon Voss", "label": "PERSON", "id": "p2"}])
    /// >>> df = sayso.Extractor(gaz).about(("“Jon Voss misled us,” Eva Lind said.",))
    /// >>> df[list(("speaker", "speaker_id", "entity", "entity_id", "entity_start"))]
    ///     speaker speaker_id    entity entity_id  entity_start
    /// 0  Eva Lind       None  Jon Voss        p2             1
    /// >>> pl_df = sayso.Extractor(gaz).about(["“Jon Voss misled us,” Eva Lind said."], output="polars")
    /// >>> pl_df.select("speaker", "entity", "entity_end").rows()
    /// [('Eva Lind', 'Jon Voss', 9)]
    #[pyo3(signature = (
        texts, column = None, *, keep = None, threads = None, progress = false, output = None
    ))]
    fn about<'py>(
        slf: &Bound<'py, Self>,
        texts: &Bound<'py, PyAny>,
        column: Option<&str>,
        keep: Option<&Bound<'py, PyAny>>,
        threads: Option<i64>,
        progress: bool,
        output: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = Options {
            keep,
            threads,
            progress,
            output,
            min_confidence: None,
            metadata: None,
        };
        frames(slf, "about_frame", texts, column, &options)
    }

    /// The entities of many texts as columns (for `sayso.Extractor.entities`):
    /// a dict of buffers, or with `arrow=True` an `ArrowTable`, which with
    /// `entries=True` ends with the `entry` column (the index of each
    /// match's entry: `metadata=True` reads the metadata by it).
    #[pyo3(signature = (texts, *, threads = None, arrow = false, entries = false))]
    fn _entity_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        arrow: bool,
        entries: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "the extractor itself")?;
        let strs = input.strs(py)?;
        let mut cols = EntityColumns::default();
        let gazetteer = self.engine.gazetteer.as_ref().map(|(g, _)| &**g);
        let finish = |cols: EntityColumns<'_>| -> PyResult<Bound<'py, PyAny>> {
            if arrow {
                Ok(Bound::new(py, entity_table(&cols, gazetteer, entries))?.into_any())
            } else {
                Ok(cols.into_dict(py)?.into_any())
            }
        };
        let Some((gaz, _)) = &self.engine.gazetteer else {
            return finish(cols);
        };
        let per_doc = batch::run_ordered(py, &strs, threads, |t, work: &mut Work, _| {
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
    /// a dict of buffers, or with `arrow=True` an `ArrowTable`; only the
    /// quotes whose confidence is at least `min_confidence`.
    #[pyo3(signature = (texts, *, threads = None, arrow = false, min_confidence = 0.0))]
    fn _quote_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        arrow: bool,
        min_confidence: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        check_confidence(min_confidence)?;
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "the extractor itself")?;
        let strs = input.strs(py)?;
        let engine = &*self.engine;
        let per_doc = batch::run_ordered(py, &strs, threads, |t, work: &mut Work, stop| {
            engine.quotes_only(t.unwrap_or(""), work, stop)
        })?;
        let mut cols = QuoteColumns::default();
        for (i, quotes) in per_doc.into_iter().enumerate() {
            let text = strs[i].unwrap_or("");
            for (q, c) in quotes {
                if q.confidence() < min_confidence {
                    continue;
                }
                cols.push(QuoteRow {
                    doc: i,
                    span: c.content,
                    kind: q.kind(),
                    text: &text[q.content()],
                    cue: q.cue().map(|r| &text[r]).zip(c.cue),
                    speaker: q.speaker().map(str::to_owned),
                    speaker_text: q.speaker_mention().map(|r| &text[r]).zip(c.speaker_mention),
                    speaker_entry: q.speaker_entry().map(EntryId::index),
                    source: q.source().map(|r| &text[r]).zip(c.source),
                    rule: q.rule(),
                    speaker_via: q.speaker_via().map(SpeakerVia::as_str),
                    confidence: q.confidence(),
                });
            }
        }
        if arrow {
            let gaz = engine.gazetteer.as_ref().map(|(g, _)| &**g);
            return Ok(Bound::new(py, quote_table(&cols, gaz))?.into_any());
        }
        Ok(cols.into_dict(py)?.into_any())
    }

    /// Who says what about whom, as columns (for `sayso.Extractor.about`):
    /// a dict of buffers, or with `arrow=True` an `ArrowTable`.
    #[pyo3(signature = (texts, *, threads = None, arrow = false))]
    fn _about_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<i64>,
        arrow: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = batch::threads(threads)?;
        let input = Texts::new(texts, "the extractor itself")?;
        let strs = input.strs(py)?;
        let engine = &*self.engine;
        let gazetteer = engine.gazetteer.as_ref().map(|(g, _)| &**g);
        let mut cols = AboutColumns::default();
        // No gazetteer, no entities: nothing to be about.
        if gazetteer.is_some() {
            let per_doc = batch::run_ordered(py, &strs, threads, |t, work: &mut Work, stop| {
                engine.process_until(t.unwrap_or(""), work, stop)
            })?;
            for (i, processed) in per_doc.into_iter().enumerate() {
                for (q, c) in &processed.quotes {
                    for &k in &c.mentions {
                        let e = &processed.entities[k];
                        cols.push(AboutRow {
                            doc: i,
                            quote: c.content,
                            kind: q.kind(),
                            speaker: q.speaker().map(str::to_owned),
                            speaker_entry: q.speaker_entry().map(EntryId::index),
                            confidence: q.confidence(),
                            entity_entry: e.entry.index(),
                            entity: (e.start, e.end),
                        });
                    }
                }
            }
        }
        if arrow {
            return Ok(Bound::new(py, about_table(&cols, gazetteer))?.into_any());
        }
        Ok(cols.into_dict(py)?.into_any())
    }

    /// The gazetteer (Gazetteer or None): the one given, the built-in one, or None.
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
        let reports = PyString::new(py, self.engine.quotes.report_mode().as_str()).into_any();
        PyTuple::new(
            py,
            [
                rebuild,
                PyTuple::new(py, [gaz.into_bound(py), reports])?.into_any(),
            ],
        )
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let acts = match self.engine.quotes.report_mode() {
            Reports::Speech => "",
            Reports::Acts => ", reported acts counted",
        };
        Ok(match &self.gazetteer {
            Some(g) if self.builtin => format!(
                "<Extractor: quotes, entities of the built-in gazetteer ({} entries){acts}>",
                g.get().len()
            ),
            Some(g) => format!(
                "<Extractor: quotes, entities of {}{acts}>",
                g.bind(py).repr()?
            ),
            None => format!("<Extractor: quotes only, no gazetteer{acts}>"),
        })
    }
}

/// The keyword options of `Extractor.entities`, `quotes` and `about`.
struct Options<'a, 'py> {
    keep: Option<&'a Bound<'py, PyAny>>,
    threads: Option<i64>,
    progress: bool,
    output: Option<&'a str>,
    /// `quotes` only.
    min_confidence: Option<f64>,
    /// `entities` only.
    metadata: Option<bool>,
}

/// A `min_confidence` between 0 and 1, or a `ValueError` naming it.
fn check_confidence(min_confidence: f64) -> PyResult<()> {
    if (0.0..=1.0).contains(&min_confidence) {
        return Ok(());
    }
    Err(pyo3::exceptions::PyValueError::new_err(format!(
        "min_confidence must be between 0 and 1, not {min_confidence}"
    )))
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
    if let Some(m) = o.min_confidence {
        options.set_item("min_confidence", m)?;
    }
    if let Some(m) = o.metadata {
        options.set_item("metadata", m)?;
    }
    py.import("sayso._arrow")?
        .getattr(builder)?
        .call((ex, texts, column), Some(&options))
}

/// A processed text: its gazetteer matches and its quotes.
///
/// `Extractor` makes them (`ex(text)`, `ex.pipe(texts)`); Jupyter shows a
/// `Doc` as the text with its entities highlighted and its quotes numbered
/// (see `sayso.render`).
///
/// | field | type | value |
/// |---|---|---|
/// | `text` | str | the text processed ("" for None) |
/// | `entities` | list of Match | the gazetteer matches, in order |
/// | `quotes` | list of Quote | the quotes, in order |
///
/// See Also
/// --------
/// Extractor, Match, Quote, render
///
/// Examples
/// --------
/// >>> import sayso
/// >>> doc = sayso.Extractor()("Talks in Oslo will go on, Voss said.")
/// >>> doc
/// <Doc: 36 characters, 1 entity, 1 quote>
/// >>> doc.entities[0].text, doc.quotes[0].speaker
/// ('Oslo', 'Voss')
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
    /// The text processed (str); "" when it was None.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// The gazetteer matches (list of Match), in order; empty without a gazetteer.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.entities.iter().map(|m| m.clone_ref(py)))
    }

    /// The quotes (list of Quote), in order of position.
    #[getter]
    fn quotes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.quotes.iter().map(|q| q.clone_ref(py)))
    }

    /// The document as a dict: `text`, `entities` and `quotes`, each item
    /// as its `to_dict()`.
    ///
    /// Returns
    /// -------
    /// dict
    ///     `{"text": str, "entities": [dict, ...], "quotes": [dict, ...]}`.
    ///
    /// See Also
    /// --------
    /// Doc.to_json, Match.to_dict, Quote.to_dict
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> d = sayso.Extractor(False)("Prices will fall, Ames said.").to_dict()
    /// >>> d["text"], d["entities"], [q["speaker"] for q in d["quotes"]]
    /// ('Prices will fall, Ames said.', [], ['Ames'])
    #[pyo3(signature = ())]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", self.text.bind(py))?;
        let entities = self
            .entities
            .iter()
            .map(|m| m.bind(py).call_method0("to_dict"))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("entities", entities)?;
        let quotes = self
            .quotes
            .iter()
            .map(|q| q.get().to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("quotes", quotes)?;
        Ok(d)
    }

    /// The document as JSON (`to_dict()`, non-ASCII characters as they are).
    ///
    /// Returns
    /// -------
    /// str
    ///     One JSON object, on one line.
    ///
    /// See Also
    /// --------
    /// Doc.to_dict
    ///
    /// Examples
    /// --------
    /// >>> import json, sayso
    /// >>> s = sayso.Extractor(False)("“Wir warten nicht”, sagte Lind.").to_json()
    /// >>> json.loads(s)["text"] == "“Wir warten nicht”, sagte Lind.", "“" in s
    /// (True, True)
    #[pyo3(signature = ())]
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("ensure_ascii", false)?;
        py.import("json")?
            .call_method("dumps", (self.to_dict(py)?,), Some(&kwargs))?
            .extract()
    }

    /// Docs are equal when their texts, entities and quotes are.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyDoc>() else {
            return Ok(false);
        };
        let other = other.get();
        Ok(
            self.text.bind(py).to_str()? == other.text.bind(py).to_str()?
                && self.entities(py)?.eq(other.entities(py)?)?
                && self.quotes(py)?.eq(other.quotes(py)?)?,
        )
    }

    /// Pickles as its text, entities and quotes (see `sayso/_pickle.py`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("sayso._pickle")?.getattr("doc")?;
        let args = PyTuple::new(
            py,
            [
                self.text.bind(py).clone().into_any(),
                self.entities(py)?.into_any(),
                self.quotes(py)?.into_any(),
            ],
        )?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    /// A `Doc` from its parts, for unpickling.
    #[staticmethod]
    fn _restore(
        text: Bound<'_, PyString>,
        entities: Vec<Py<PyMatch>>,
        quotes: Vec<Py<PyQuote>>,
    ) -> PyDoc {
        PyDoc {
            text: text.unbind(),
            entities,
            quotes,
        }
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

/// One quote: what was said, how, and by whom.
///
/// `Extractor` makes them (`Doc.quotes`). Offsets are Python `str` indices
/// of the document's text; an unknown speaker, cue or source is None,
/// never a guess. Quotes are frozen, hashable, and equal when every field
/// is.
///
/// | field | type | value |
/// |---|---|---|
/// | `start`, `end`, `text` | int, int, str | the content, without enclosing quotation marks |
/// | `kind` | str | "direct" (all quoted), "mixed" (reported speech holding quoted words) or "indirect" (none quoted) |
/// | `cue`, `cue_start`, `cue_end` | str, int, int or None | the cue: "said", "told", "according to", ":" |
/// | `speaker` | str or None | the speaker's resolved name: "Eva Lind" also when the mention is "she" |
/// | `speaker_text`, `speaker_start`, `speaker_end` | str, int, int or None | the mention at this quote: "Transport Minister Eva Lind", "she" |
/// | `speaker_id`, `speaker_label` | str or None | the gazetteer entry the speaker is linked to |
/// | `source`, `source_start`, `source_end` | str, int, int or None | whom it was reported through: *X said, according to the agency* |
/// | `rule` | str | the name of the rule that found it (one of `sayso.RULE_NAMES`) |
/// | `speaker_via` | str or None | how the speaker was resolved: the name in the mention, a pronoun, a surname, a title, continuation, the gazetteer |
/// | `confidence` | float | the probability that span and speaker are both right, fitted on PolNeAR train |
/// | `mentions` | list of Match | the gazetteer matches inside what was said, in order (never the speaker's own mention): who speaks about whom |
///
/// See Also
/// --------
/// Extractor, Doc.quotes, Quote.to_dict
///
/// Examples
/// --------
/// >>> import sayso
/// >>> ex = sayso.Extractor(sayso.Gazetteer([{"name": "Eva Lind", "label": "PERSON", "id": "p1"}]))
/// >>> text = "Minister Eva Lind said: “We will not wait.”"
/// >>> q = ex(text).quotes[0]
/// >>> q
/// Quote(kind="direct", text="We will not wait.", speaker="Eva Lind", cue="said")
/// >>> text[q.start:q.end] == q.text, q.speaker_text, q.speaker_id
/// (True, 'Minister Eva Lind', 'p1')
#[pyclass(frozen, eq, hash, name = "Quote", module = "sayso", get_all)]
#[derive(PartialEq, Eq, Hash)]
pub struct PyQuote {
    /// Where the content starts (int): a Python `str` index of the document's text.
    start: usize,
    /// Where the content ends (int), exclusive.
    end: usize,
    /// What was said (str): `doc.text[q.start:q.end]`, without enclosing quotation marks.
    text: String,
    /// How it was said (str): "direct", "mixed" or "indirect".
    kind: &'static str,
    /// The cue (str or None): "said", "told", "according to", ":"...
    cue: Option<String>,
    /// Where the cue starts (int or None).
    cue_start: Option<usize>,
    /// Where the cue ends (int or None), exclusive.
    cue_end: Option<usize>,
    /// The speaker's resolved name (str or None), also when the mention is "he".
    speaker: Option<String>,
    /// The speaker's mention at this quote (str or None), such as "the minister".
    speaker_text: Option<String>,
    /// Where the speaker's mention starts (int or None).
    speaker_start: Option<usize>,
    /// Where the speaker's mention ends (int or None), exclusive.
    speaker_end: Option<usize>,
    /// The id of the gazetteer entry the speaker is linked to (str or None).
    speaker_id: Option<String>,
    /// The label of the gazetteer entry the speaker is linked to (str or None).
    speaker_label: Option<String>,
    /// Whom the quote was reported through (str or None): "the agency" in *X said, according to the agency*.
    source: Option<String>,
    /// Where the source starts (int or None).
    source_start: Option<usize>,
    /// Where the source ends (int or None), exclusive.
    source_end: Option<usize>,
    /// The gazetteer matches inside what was said, in order: the `Doc`'s own
    /// `Match` objects, never the speaker's mention (`[]` without a gazetteer).
    mentions: Mentions,
    /// The name of the rule that found the quote (str): one of `sayso.RULE_NAMES`.
    rule: &'static str,
    /// How the speaker was resolved (str or None): "mention", "gazetteer", "pronoun", "surname", "title" or "continuation".
    speaker_via: Option<&'static str>,
    /// The probability that span and speaker are both right (float, 0 to 1), fitted on PolNeAR train.
    confidence: Confidence,
}

/// The matches a quote mentions: the `Doc`'s own `Match` objects.
struct Mentions(Vec<Py<PyMatch>>);

impl PartialEq for Mentions {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && Python::attach(|py| {
                self.0
                    .iter()
                    .zip(&other.0)
                    .all(|(a, b)| a.bind(py).eq(b.bind(py)).unwrap_or(false))
            })
    }
}

impl Eq for Mentions {}

impl std::hash::Hash for Mentions {
    /// The number of mentions: quotes equal in every other field (their
    /// text and offsets) seldom differ in their mentions.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.len().hash(state);
    }
}

impl<'py> IntoPyObject<'py> for &Mentions {
    type Target = PyList;
    type Output = Bound<'py, PyList>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.0.iter().map(|m| m.clone_ref(py)))
    }
}

/// A quote's confidence: a float to Python, compared and hashed by its bits
/// (it is never NaN), so that `Quote` stays hashable.
#[derive(Clone, Copy, Debug)]
struct Confidence(f64);

impl PartialEq for Confidence {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Confidence {}

impl std::hash::Hash for Confidence {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl<'py> IntoPyObject<'py> for Confidence {
    type Target = PyFloat;
    type Output = Bound<'py, PyFloat>;
    type Error = std::convert::Infallible;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyFloat::new(py, self.0))
    }
}

impl PyQuote {
    fn new(
        py: Python<'_>,
        text: &str,
        q: &Quote,
        c: &QuoteChars,
        gaz: Option<&Gazetteer>,
        entities: &[Py<PyMatch>],
    ) -> PyQuote {
        let slice = |r: Option<std::ops::Range<usize>>| r.map(|r| text[r].to_owned());
        let entry = q.speaker_entry().zip(gaz).map(|(id, g)| g.entry(id));
        PyQuote {
            start: c.content.0,
            end: c.content.1,
            text: text[q.content()].to_owned(),
            kind: q.kind().as_str(),
            cue: slice(q.cue()),
            cue_start: c.cue.map(|x| x.0),
            cue_end: c.cue.map(|x| x.1),
            speaker: q.speaker().map(str::to_owned),
            speaker_text: slice(q.speaker_mention()),
            speaker_start: c.speaker_mention.map(|x| x.0),
            speaker_end: c.speaker_mention.map(|x| x.1),
            speaker_id: entry.map(|e| e.id().to_owned()),
            speaker_label: entry.map(|e| e.label().to_owned()),
            source: slice(q.source()),
            source_start: c.source.map(|x| x.0),
            source_end: c.source.map(|x| x.1),
            // Without a gazetteer there are no entities, and no mentions.
            mentions: Mentions(
                c.mentions
                    .iter()
                    .filter_map(|&k| entities.get(k))
                    .map(|m| m.clone_ref(py))
                    .collect(),
            ),
            rule: q.rule(),
            speaker_via: q.speaker_via().map(SpeakerVia::as_str),
            confidence: Confidence(q.confidence()),
        }
    }
}

#[pymethods]
impl PyQuote {
    /// The quote as a dict: every field, by name.
    ///
    /// Returns
    /// -------
    /// dict
    ///     The keys are the fields of `Quote`, in order; the schema of the
    ///     `sayso quotes` command's output.
    ///
    /// Examples
    /// --------
    /// >>> import sayso
    /// >>> q = sayso.Extractor(False)("Prices will fall, Ames said.").quotes[0]
    /// >>> d = q.to_dict()
    /// >>> d["text"], d["kind"], d["speaker"], d["cue"], d["speaker_id"]
    /// ('Prices will fall', 'indirect', 'Ames', 'said', None)
    #[pyo3(signature = ())]
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
        d.set_item("rule", self.rule)?;
        d.set_item("speaker_via", self.speaker_via)?;
        d.set_item("confidence", self.confidence)?;
        Ok(d)
    }

    /// Pickles as its dict and its mentions (see `sayso/_pickle.py`).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("sayso._pickle")?.getattr("quote")?;
        let mentions = (&self.mentions).into_pyobject(py)?;
        let args = PyTuple::new(py, [self.to_dict(py)?.into_any(), mentions.into_any()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    /// A `Quote` from its `to_dict()` and its mentions, for unpickling.
    #[staticmethod]
    #[pyo3(signature = (d, mentions = None))]
    fn _from_dict(d: &Bound<'_, PyDict>, mentions: Option<Vec<Py<PyMatch>>>) -> PyResult<PyQuote> {
        fn get<'py, T: FromPyObjectOwned<'py>>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<T> {
            match d.get_item(key)? {
                Some(v) => v.extract().map_err(Into::into),
                None => Err(pyo3::exceptions::PyKeyError::new_err(key.to_owned())),
            }
        }
        let kind: String = get(d, "kind")?;
        let kind = [QuoteKind::Direct, QuoteKind::Mixed, QuoteKind::Indirect]
            .into_iter()
            .map(QuoteKind::as_str)
            .find(|k| *k == kind)
            .ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err(format!("not a quote kind: {kind:?}"))
            })?;
        Ok(PyQuote {
            start: get(d, "start")?,
            end: get(d, "end")?,
            text: get(d, "text")?,
            kind,
            cue: get(d, "cue")?,
            cue_start: get(d, "cue_start")?,
            cue_end: get(d, "cue_end")?,
            speaker: get(d, "speaker")?,
            speaker_text: get(d, "speaker_text")?,
            speaker_start: get(d, "speaker_start")?,
            speaker_end: get(d, "speaker_end")?,
            speaker_id: get(d, "speaker_id")?,
            speaker_label: get(d, "speaker_label")?,
            source: get(d, "source")?,
            source_start: get(d, "source_start")?,
            source_end: get(d, "source_end")?,
            rule: {
                let rule: String = get(d, "rule")?;
                crate::quotes::RULE_NAMES
                    .iter()
                    .copied()
                    .find(|r| *r == rule)
                    .ok_or_else(|| {
                        pyo3::exceptions::PyValueError::new_err(format!("not a rule: {rule:?}"))
                    })?
            },
            speaker_via: match get::<Option<String>>(d, "speaker_via")? {
                None => None,
                Some(via) => Some(
                    SPEAKER_VIAS
                        .iter()
                        .map(|v| v.as_str())
                        .find(|v| *v == via)
                        .ok_or_else(|| {
                            pyo3::exceptions::PyValueError::new_err(format!(
                                "not a way to resolve a speaker: {via:?}"
                            ))
                        })?,
                ),
            },
            confidence: {
                let c: f64 = get(d, "confidence")?;
                if !(0.0..=1.0).contains(&c) {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "a confidence is between 0 and 1, not {c}"
                    )));
                }
                Confidence(c)
            },
            mentions: Mentions(mentions.unwrap_or_default()),
        })
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
