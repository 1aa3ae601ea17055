//! Results as columns, for pandas: numbers as little-endian i64 buffers
//! (`numpy.frombuffer` reads them without a copy) and strings interned, so
//! that a frame of a million matches costs a few Python objects, not
//! millions.

// Offsets are under 4 GiB (longer texts are refused) and entries number
// under 2^32: every value fits an i64.
#![allow(clippy::cast_possible_wrap)]

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::quotes::QuoteKind;
/// A fast hash for the interner (the multiply-rotate hash of rustc's
/// `FxHasher`): interning runs on the calling thread after the parallel part,
/// once a match, and `SipHash` made it a third of that serial part. Its
/// inputs are the texts' own words, and a frame is built once: no need for a
/// keyed hash against crafted collisions beyond what the texts already cost.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// Strings numbered in order of first sight.
#[derive(Default)]
pub(crate) struct Interner<'a> {
    codes: HashMap<Cow<'a, str>, i64, BuildHasherDefault<FxHasher>>,
    values: Vec<Cow<'a, str>>,
}

impl<'a> Interner<'a> {
    pub(crate) fn code(&mut self, s: Cow<'a, str>) -> i64 {
        if let Some(&c) = self.codes.get(s.as_ref()) {
            return c;
        }
        let c = self.values.len() as i64;
        self.values.push(s.clone());
        self.codes.insert(s, c);
        c
    }

    pub(crate) fn code_of(&mut self, s: Option<Cow<'a, str>>) -> i64 {
        s.map_or(-1, |s| self.code(s))
    }

    /// The strings, by code.
    pub(crate) fn values(&self) -> &[Cow<'a, str>] {
        &self.values
    }

    pub(crate) fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.values.iter().map(AsRef::as_ref))
    }
}

/// A column of 64-bit integers.
pub(crate) fn i64s<'py>(py: Python<'py>, v: &[i64]) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
    PyBytes::new(py, &bytes)
}

/// A column of indices, as 64-bit integers.
pub(crate) fn usizes<'py>(py: Python<'py>, v: &[usize]) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = v.iter().flat_map(|&x| (x as i64).to_le_bytes()).collect();
    PyBytes::new(py, &bytes)
}

/// An optional offset as a column value: -1 for none.
pub(crate) fn or_minus_one(v: Option<usize>) -> i64 {
    v.map_or(-1, |x| x as i64)
}

/// Entity columns: the document position, character offsets, the entry
/// index and the interned surface of each match.
#[derive(Default)]
pub(crate) struct EntityColumns<'a> {
    pub doc: Vec<i64>,
    pub start: Vec<i64>,
    pub end: Vec<i64>,
    pub entry: Vec<i64>,
    pub surface: Vec<i64>,
    pub surfaces: Interner<'a>,
}

impl<'a> EntityColumns<'a> {
    /// Adds a match of document `doc` (character offsets; `surface` is its text).
    pub(crate) fn push(
        &mut self,
        doc: usize,
        span: (usize, usize),
        entry: usize,
        surface: &'a str,
    ) {
        self.doc.push(doc as i64);
        self.start.push(span.0 as i64);
        self.end.push(span.1 as i64);
        self.entry.push(entry as i64);
        let code = self.surfaces.code(Cow::Borrowed(surface));
        self.surface.push(code);
    }

    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", i64s(py, &self.doc))?;
        d.set_item("start", i64s(py, &self.start))?;
        d.set_item("end", i64s(py, &self.end))?;
        d.set_item("entry", i64s(py, &self.entry))?;
        d.set_item("surface", i64s(py, &self.surface))?;
        d.set_item("surfaces", self.surfaces.to_list(py)?)?;
        Ok(d)
    }
}

/// Quote columns; strings other than the quote's text are interned, and
/// absent values are -1.
#[derive(Default)]
pub(crate) struct QuoteColumns<'a> {
    pub doc: Vec<i64>,
    pub start: Vec<i64>,
    pub end: Vec<i64>,
    pub kind: Vec<i64>,
    pub text: Vec<&'a str>,
    pub cue: Vec<i64>,
    pub cues: Interner<'a>,
    pub cue_start: Vec<i64>,
    pub cue_end: Vec<i64>,
    pub speaker: Vec<i64>,
    pub speakers: Interner<'a>,
    pub speaker_text: Vec<i64>,
    pub speaker_texts: Interner<'a>,
    pub speaker_start: Vec<i64>,
    pub speaker_end: Vec<i64>,
    pub speaker_entry: Vec<i64>,
    pub source: Vec<i64>,
    pub sources: Interner<'a>,
    pub source_start: Vec<i64>,
    pub source_end: Vec<i64>,
    pub rule: Vec<i64>,
    pub rules: Interner<'a>,
    pub speaker_via: Vec<i64>,
    pub speaker_vias: Interner<'a>,
    pub confidence: Vec<f64>,
}

/// One quote, for [`QuoteColumns::push`]: character offsets, and strings
/// borrowed from the text where they can be. The fields are those of
/// `Quote.to_dict()`, so that every output of quotes has the same columns.
pub(crate) struct QuoteRow<'a> {
    pub doc: usize,
    pub span: (usize, usize),
    pub kind: QuoteKind,
    pub text: &'a str,
    pub cue: Option<(&'a str, (usize, usize))>,
    pub speaker: Option<String>,
    pub speaker_text: Option<(&'a str, (usize, usize))>,
    pub speaker_entry: Option<usize>,
    pub source: Option<(&'a str, (usize, usize))>,
    pub rule: &'static str,
    pub speaker_via: Option<&'static str>,
    pub confidence: f64,
}

/// The kinds in the order of their codes in the `kind` column; the frame's
/// categories come from this list (sent as `kinds`), so the order has one
/// owner.
const KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Mixed, QuoteKind::Indirect];

/// The names of the kinds, by code (for the frames' categories and the
/// Arrow tables' dictionaries).
pub(crate) fn kind_names() -> [&'static str; 3] {
    KINDS.map(QuoteKind::as_str)
}

fn kind_code(kind: QuoteKind) -> i64 {
    KINDS
        .iter()
        .position(|&k| k == kind)
        .map_or(-1, |k| k as i64)
}

impl<'a> QuoteColumns<'a> {
    pub(crate) fn push(&mut self, q: QuoteRow<'a>) {
        self.doc.push(q.doc as i64);
        self.start.push(q.span.0 as i64);
        self.end.push(q.span.1 as i64);
        self.kind.push(kind_code(q.kind));
        self.text.push(q.text);
        let cue = self.cues.code_of(q.cue.map(|c| Cow::Borrowed(c.0)));
        self.cue.push(cue);
        self.cue_start.push(or_minus_one(q.cue.map(|c| c.1 .0)));
        self.cue_end.push(or_minus_one(q.cue.map(|c| c.1 .1)));
        let speaker = self.speakers.code_of(q.speaker.map(Cow::Owned));
        self.speaker.push(speaker);
        let speaker_text = self
            .speaker_texts
            .code_of(q.speaker_text.map(|s| Cow::Borrowed(s.0)));
        self.speaker_text.push(speaker_text);
        self.speaker_start
            .push(or_minus_one(q.speaker_text.map(|s| s.1 .0)));
        self.speaker_end
            .push(or_minus_one(q.speaker_text.map(|s| s.1 .1)));
        self.speaker_entry.push(or_minus_one(q.speaker_entry));
        let source = self.sources.code_of(q.source.map(|s| Cow::Borrowed(s.0)));
        self.source.push(source);
        self.source_start
            .push(or_minus_one(q.source.map(|s| s.1 .0)));
        self.source_end.push(or_minus_one(q.source.map(|s| s.1 .1)));
        let rule = self.rules.code_of(Some(Cow::Borrowed(q.rule)));
        self.rule.push(rule);
        let via = self.speaker_vias.code_of(q.speaker_via.map(Cow::Borrowed));
        self.speaker_via.push(via);
        self.confidence.push(q.confidence);
    }

    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", i64s(py, &self.doc))?;
        d.set_item("start", i64s(py, &self.start))?;
        d.set_item("end", i64s(py, &self.end))?;
        d.set_item("kind", i64s(py, &self.kind))?;
        d.set_item("kinds", kind_names())?;
        d.set_item("text", PyList::new(py, &self.text)?)?;
        d.set_item("cue", i64s(py, &self.cue))?;
        d.set_item("cues", self.cues.to_list(py)?)?;
        d.set_item("cue_start", i64s(py, &self.cue_start))?;
        d.set_item("cue_end", i64s(py, &self.cue_end))?;
        d.set_item("speaker", i64s(py, &self.speaker))?;
        d.set_item("speakers", self.speakers.to_list(py)?)?;
        d.set_item("speaker_text", i64s(py, &self.speaker_text))?;
        d.set_item("speaker_texts", self.speaker_texts.to_list(py)?)?;
        d.set_item("speaker_start", i64s(py, &self.speaker_start))?;
        d.set_item("speaker_end", i64s(py, &self.speaker_end))?;
        d.set_item("speaker_entry", i64s(py, &self.speaker_entry))?;
        d.set_item("source", i64s(py, &self.source))?;
        d.set_item("sources", self.sources.to_list(py)?)?;
        d.set_item("source_start", i64s(py, &self.source_start))?;
        d.set_item("source_end", i64s(py, &self.source_end))?;
        d.set_item("rule", i64s(py, &self.rule))?;
        d.set_item("rules", self.rules.to_list(py)?)?;
        d.set_item("speaker_via", i64s(py, &self.speaker_via))?;
        d.set_item("speaker_vias", self.speaker_vias.to_list(py)?)?;
        // The bits of each f64 as an i64: `_frames` views them as float64.
        let bits: Vec<i64> = self.confidence.iter().map(|c| c.to_bits() as i64).collect();
        d.set_item("confidence", i64s(py, &bits))?;
        Ok(d)
    }
}

/// Who-about-whom columns: one row per quote and entity inside it; the
/// speaker is interned and absent values are -1.
#[derive(Default)]
pub(crate) struct AboutColumns<'a> {
    pub doc: Vec<i64>,
    pub quote_start: Vec<i64>,
    pub quote_end: Vec<i64>,
    pub kind: Vec<i64>,
    pub speaker: Vec<i64>,
    pub speakers: Interner<'a>,
    pub speaker_entry: Vec<i64>,
    pub confidence: Vec<f64>,
    pub entity_entry: Vec<i64>,
    pub entity_start: Vec<i64>,
    pub entity_end: Vec<i64>,
}

/// One row of [`AboutColumns`]: character offsets.
pub(crate) struct AboutRow {
    pub doc: usize,
    pub quote: (usize, usize),
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_entry: Option<usize>,
    pub confidence: f64,
    pub entity_entry: usize,
    pub entity: (usize, usize),
}

impl AboutColumns<'_> {
    pub(crate) fn push(&mut self, r: AboutRow) {
        self.doc.push(r.doc as i64);
        self.quote_start.push(r.quote.0 as i64);
        self.quote_end.push(r.quote.1 as i64);
        self.kind.push(kind_code(r.kind));
        let speaker = self.speakers.code_of(r.speaker.map(Cow::Owned));
        self.speaker.push(speaker);
        self.speaker_entry.push(or_minus_one(r.speaker_entry));
        self.confidence.push(r.confidence);
        self.entity_entry.push(r.entity_entry as i64);
        self.entity_start.push(r.entity.0 as i64);
        self.entity_end.push(r.entity.1 as i64);
    }

    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", i64s(py, &self.doc))?;
        d.set_item("quote_start", i64s(py, &self.quote_start))?;
        d.set_item("quote_end", i64s(py, &self.quote_end))?;
        d.set_item("kind", i64s(py, &self.kind))?;
        d.set_item("kinds", kind_names())?;
        d.set_item("speaker", i64s(py, &self.speaker))?;
        d.set_item("speakers", self.speakers.to_list(py)?)?;
        d.set_item("speaker_entry", i64s(py, &self.speaker_entry))?;
        let bits: Vec<i64> = self.confidence.iter().map(|c| c.to_bits() as i64).collect();
        d.set_item("confidence", i64s(py, &bits))?;
        d.set_item("entity_entry", i64s(py, &self.entity_entry))?;
        d.set_item("entity_start", i64s(py, &self.entity_start))?;
        d.set_item("entity_end", i64s(py, &self.entity_end))?;
        Ok(d)
    }
}
