//! Arrow in and out through the Arrow `PyCapsule` interface: texts are read
//! from any object with `__arrow_c_stream__` or `__arrow_c_array__` (pyarrow,
//! polars, pandas with Arrow strings, `DuckDB`) without copying them, and
//! result frames leave as an Arrow record batch behind `__arrow_c_stream__`
//! (for `pyarrow.table(...)` or `polars.DataFrame(...)`).
//!
//! The structs of the C data interface are arrow-rs's (`arrow_array::ffi`);
//! this module only takes their pointers out of the capsules and hands them
//! back, which is the one place sayso needs `unsafe`.

// Taking C structs out of capsules and calling the producer's callbacks.
#![allow(unsafe_code)]
// Offsets are under 4 GiB and dictionaries hold fewer than 2^31 strings.
#![allow(clippy::cast_possible_wrap)]

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, from_ffi_and_data_type, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::types::Int32Type;
use arrow_array::{
    make_array, Array, ArrayRef, DictionaryArray, Float64Array, Int32Array, Int64Array,
    LargeStringArray, RecordBatch, RecordBatchIterator, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyString, PyTuple};

use super::columns::{kind_names, AboutColumns, EntityColumns, Interner, QuoteColumns};
use crate::gazetteer::Gazetteer;

const SCHEMA_CAPSULE: &CStr = c"arrow_schema";
const ARRAY_CAPSULE: &CStr = c"arrow_array";
const STREAM_CAPSULE: &CStr = c"arrow_array_stream";

// --- in: texts ----------------------------------------------------------

/// Texts held by Arrow arrays (`string`, `large_string`, `string_view`, or a
/// dictionary of those, or null); nulls are missing texts. The arrays keep the
/// producer's buffers alive: the texts are borrowed from them.
pub(crate) struct ArrowTexts {
    arrays: Vec<ArrayRef>,
}

impl ArrowTexts {
    /// The texts, borrowed from the Arrow buffers.
    pub(crate) fn strs(&self) -> Vec<Option<&str>> {
        let mut out = Vec::with_capacity(self.arrays.iter().map(Array::len).sum());
        for a in &self.arrays {
            push_strs(a.as_ref(), &mut out);
        }
        out
    }
}

/// Appends the strings of `a`, whose type [`text_type`] accepted.
fn push_strs<'a>(a: &'a dyn Array, out: &mut Vec<Option<&'a str>>) {
    match a.data_type() {
        DataType::Utf8 => out.extend(a.as_string::<i32>().iter()),
        DataType::LargeUtf8 => out.extend(a.as_string::<i64>().iter()),
        DataType::Utf8View => out.extend(a.as_string_view().iter()),
        DataType::Dictionary(..) => {
            let d = a.as_any_dictionary();
            if d.values().is_empty() {
                out.extend(std::iter::repeat_n(None, d.len()));
                return;
            }
            let mut values = Vec::with_capacity(d.values().len());
            push_strs(d.values().as_ref(), &mut values);
            let keys = d.normalized_keys();
            out.extend(
                keys.iter()
                    .enumerate()
                    .map(|(i, &k)| if d.is_null(i) { None } else { values[k] }),
            );
        }
        // The null type, and no other: `text_type` lets no other through.
        _ => out.extend(std::iter::repeat_n(None, a.len())),
    }
}

/// Whether `dt` holds texts.
fn text_type(dt: &DataType) -> bool {
    match dt {
        // All missing (polars' type for a column of nulls).
        DataType::Null | DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
        DataType::Dictionary(_, v) => matches!(
            **v,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
        ),
        _ => false,
    }
}

/// Whether `obj` speaks the Arrow `PyCapsule` interface. A pandas object
/// does only when its values are Arrow strings (`string[pyarrow]`,
/// `ArrowDtype`): others go through Python objects, where NaN and mixed
/// types get sayso's own messages.
pub(crate) fn arrow_source<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = obj.py();
    let module = obj.get_type().module()?;
    if module.to_str()?.starts_with("pandas") {
        let Ok(array) = obj.getattr("array") else {
            return Ok(None);
        };
        let storage = obj
            .getattr("dtype")
            .and_then(|d| d.getattr("storage"))
            .ok()
            .and_then(|s| s.extract::<String>().ok());
        let arrow_backed = storage.as_deref() == Some("pyarrow")
            || obj
                .getattr("dtype")?
                .get_type()
                .name()?
                .to_str()?
                .eq("ArrowDtype");
        if !arrow_backed || !array.hasattr("__arrow_array__")? {
            return Ok(None);
        }
        return array.call_method0("__arrow_array__").map(Some);
    }
    let has = |name: &str| obj.hasattr(PyString::new(py, name));
    if has("__arrow_c_stream__")? || has("__arrow_c_array__")? {
        return Ok(Some(obj.clone()));
    }
    Ok(None)
}

/// The texts of an object that [`arrow_source`] returned.
pub(crate) fn import_texts(obj: &Bound<'_, PyAny>) -> PyResult<ArrowTexts> {
    let (field, arrays) = if obj.hasattr("__arrow_c_stream__")? {
        import_stream(obj)?
    } else {
        import_array(obj)?
    };
    let arrays = match field.data_type() {
        DataType::Struct(fields) => {
            if fields.len() != 1 {
                let names: Vec<String> = fields.iter().map(|f| format!("'{}'", f.name())).collect();
                return Err(PyTypeError::new_err(format!(
                    "texts is an Arrow table with columns [{}]: pass its text column \
                     (e.g. table[{}]), or give column= to entities/quotes",
                    names.join(", "),
                    names.first().map_or("'text'", String::as_str)
                )));
            }
            arrays
                .iter()
                .map(|a| a.as_struct().column(0).clone())
                .collect()
        }
        _ => arrays,
    };
    if let Some(a) = arrays.first() {
        if !text_type(a.data_type()) {
            return Err(PyTypeError::new_err(format!(
                "Arrow texts must be of type string, large_string or string_view \
                 (or a dictionary of them), not {}",
                a.data_type()
            )));
        }
    }
    for a in &arrays {
        // The producer's buffers are checked once (offsets in bounds, valid
        // UTF-8) so that reading them later can trust them.
        a.to_data().validate_full().map_err(|e| {
            PyValueError::new_err(format!("the Arrow texts are not a valid string array: {e}"))
        })?;
    }
    Ok(ArrowTexts { arrays })
}

fn arrow_err(e: &arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(format!("could not read the Arrow data: {e}"))
}

/// The field and arrays of `obj.__arrow_c_array__()`.
fn import_array(obj: &Bound<'_, PyAny>) -> PyResult<(Field, Vec<ArrayRef>)> {
    let pair = obj.call_method0("__arrow_c_array__")?;
    let pair = pair.cast::<PyTuple>()?;
    let schema = pair.get_item(0)?;
    let schema = schema.cast::<PyCapsule>()?;
    let array = pair.get_item(1)?;
    let array = array.cast::<PyCapsule>()?;
    let schema_ptr = schema
        .pointer_checked(Some(SCHEMA_CAPSULE))?
        .cast::<FFI_ArrowSchema>();
    let array_ptr = array
        .pointer_checked(Some(ARRAY_CAPSULE))?
        .cast::<FFI_ArrowArray>();
    // SAFETY: the capsules are named as the `PyCapsule` interface says, so they
    // point to an ArrowSchema and an ArrowArray. The array is moved out (its
    // capsule keeps a released husk); the schema is only borrowed while its
    // capsule lives.
    let (schema, array) = unsafe {
        (
            schema_ptr.as_ref(),
            FFI_ArrowArray::from_raw(array_ptr.as_ptr()),
        )
    };
    let field = Field::try_from(schema).map_err(|e| arrow_err(&e))?;
    // SAFETY: the array was made to agree with this schema by its producer.
    let data = unsafe { from_ffi(array, schema) }.map_err(|e| arrow_err(&e))?;
    Ok((field, vec![make_array(data)]))
}

/// The field and arrays of `obj.__arrow_c_stream__()`.
fn import_stream(obj: &Bound<'_, PyAny>) -> PyResult<(Field, Vec<ArrayRef>)> {
    let capsule = obj.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>()?;
    let ptr = capsule
        .pointer_checked(Some(STREAM_CAPSULE))?
        .cast::<FFI_ArrowArrayStream>();
    // SAFETY: the capsule's name says it holds an ArrowArrayStream; it is
    // moved out, leaving a released one that the capsule's destructor skips.
    let mut stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr()) };
    let (Some(get_schema), Some(get_next)) = (stream.get_schema, stream.get_next) else {
        return Err(PyValueError::new_err(
            "the Arrow stream was already consumed (a stream can be read once)",
        ));
    };
    let mut schema = FFI_ArrowSchema::empty();
    // SAFETY: the callbacks of a live stream, called as the C stream
    // interface says, with pointers to structs this function owns.
    let rc = unsafe { get_schema(&raw mut stream, &raw mut schema) };
    if rc != 0 {
        return Err(stream_error(&mut stream, rc));
    }
    let field = Field::try_from(&schema).map_err(|e| arrow_err(&e))?;
    let mut arrays = Vec::new();
    loop {
        let mut array = FFI_ArrowArray::empty();
        // SAFETY: as above.
        let rc = unsafe { get_next(&raw mut stream, &raw mut array) };
        if rc != 0 {
            return Err(stream_error(&mut stream, rc));
        }
        if array.is_released() {
            break;
        }
        // SAFETY: the stream's arrays agree with its schema.
        let data = unsafe { from_ffi_and_data_type(array, field.data_type().clone()) }
            .map_err(|e| arrow_err(&e))?;
        arrays.push(make_array(data));
    }
    Ok((field, arrays))
}

/// The error of a stream's callback, with the producer's message.
fn stream_error(stream: &mut FFI_ArrowArrayStream, rc: i32) -> PyErr {
    let msg = stream.get_last_error.and_then(|f| {
        // SAFETY: the stream is live; the message is a C string it owns
        // until its next call, and is copied at once.
        let p = unsafe { f(std::ptr::from_mut(stream)) };
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
    });
    PyValueError::new_err(format!(
        "the Arrow stream failed (error {rc}): {}",
        msg.unwrap_or_else(|| "no message".to_owned())
    ))
}

// --- out: tables ----------------------------------------------------------

/// A result frame as Arrow: read it with `pyarrow.table(t)` or
/// `polars.DataFrame(t)` (the Arrow `PyCapsule` interface).
#[pyclass(frozen, name = "ArrowTable", module = "sayso")]
pub(crate) struct PyArrowTable {
    batch: RecordBatch,
}

#[pymethods]
impl PyArrowTable {
    /// The table as an Arrow C stream of one record batch. A requested
    /// schema is not applied (the `PyCapsule` interface allows that).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new([Ok(self.batch.clone())], self.batch.schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, STREAM_CAPSULE)
    }

    /// The table's schema, as an Arrow C schema.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema =
            FFI_ArrowSchema::try_from(self.batch.schema().as_ref()).map_err(|e| arrow_err(&e))?;
        PyCapsule::new_with_value(py, schema, SCHEMA_CAPSULE)
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable({} rows: {})",
            self.batch.num_rows(),
            self.column_names().join(", ")
        )
    }
}

/// Named columns, in order, that become one record batch.
#[derive(Default)]
struct Table {
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
}

impl Table {
    fn add(&mut self, name: &str, column: ArrayRef, nullable: bool) {
        self.fields
            .push(Field::new(name, column.data_type().clone(), nullable));
        self.columns.push(column);
    }

    /// Integers.
    fn ints(&mut self, name: &str, v: &[i64]) {
        self.add(name, Arc::new(Int64Array::from(v.to_vec())), false);
    }

    /// Floating-point numbers.
    fn floats(&mut self, name: &str, v: &[f64]) {
        self.add(name, Arc::new(Float64Array::from(v.to_vec())), false);
    }

    /// Integers where -1 stands for none.
    fn opt_ints(&mut self, name: &str, v: &[i64]) {
        let a: Int64Array = v.iter().map(|&x| (x >= 0).then_some(x)).collect();
        self.add(name, Arc::new(a), true);
    }

    /// Strings as a dictionary: `codes` index `values`, -1 is none.
    fn dict<'s>(&mut self, name: &str, codes: &[i64], values: impl IntoIterator<Item = &'s str>) {
        let keys: Int32Array = codes
            .iter()
            .map(|&c| (c >= 0).then_some(c as i32))
            .collect();
        let values: StringArray = values.into_iter().map(Some).collect();
        let d = DictionaryArray::<Int32Type>::try_new(keys, Arc::new(values))
            .expect("every code indexes its strings");
        self.add(name, Arc::new(d), true);
    }

    /// Interned strings.
    fn interned(&mut self, name: &str, codes: &[i64], strings: &Interner<'_>) {
        self.dict(name, codes, strings.values().iter().map(AsRef::as_ref));
    }

    /// Strings, one a row (large when they need 64-bit offsets).
    fn strings(&mut self, name: &str, v: &[&str]) {
        let bytes: usize = v.iter().map(|s| s.len()).sum();
        let a: ArrayRef = if i32::try_from(bytes).is_ok() {
            Arc::new(StringArray::from_iter_values(v))
        } else {
            Arc::new(LargeStringArray::from_iter_values(v))
        };
        self.add(name, a, false);
    }

    /// The label, id and name of gazetteer entries (-1 for none), as
    /// dictionaries: labels over all the gazetteer's labels, ids and names
    /// over the entries present.
    fn entries(&mut self, names: [Option<&str>; 3], entry: &[i64], gaz: Option<&Gazetteer>) {
        let [label, id, name] = names;
        let Some(gaz) = gaz else {
            let none = vec![-1; entry.len()];
            for n in names.into_iter().flatten() {
                self.dict(n, &none, std::iter::empty());
            }
            return;
        };
        let refs: Vec<_> = gaz.entries().collect();
        let mut dense = vec![-1_i64; refs.len()];
        let mut used = Vec::new();
        let mut codes = Vec::with_capacity(entry.len());
        let mut labels = Vec::with_capacity(entry.len());
        for &e in entry {
            let Ok(e) = usize::try_from(e) else {
                codes.push(-1);
                labels.push(-1);
                continue;
            };
            if dense[e] < 0 {
                dense[e] = used.len() as i64;
                used.push(e);
            }
            codes.push(dense[e]);
            labels.push(refs[e].label_index() as i64);
        }
        if let Some(n) = label {
            self.dict(n, &labels, gaz.labels().iter().map(String::as_str));
        }
        if let Some(n) = id {
            self.dict(n, &codes, used.iter().map(|&e| refs[e].id()));
        }
        if let Some(n) = name {
            self.dict(n, &codes, used.iter().map(|&e| refs[e].name()));
        }
    }

    fn finish(self) -> PyArrowTable {
        let schema = Arc::new(Schema::new(self.fields));
        let batch = RecordBatch::try_new(schema, self.columns)
            .expect("the columns have one length and their fields' types");
        PyArrowTable { batch }
    }
}

/// The entity frame's columns as Arrow (`doc` is the position of the text);
/// with `entry`, last the index of each match's entry.
pub(crate) fn entity_table(
    cols: &EntityColumns<'_>,
    gaz: Option<&Gazetteer>,
    entry: bool,
) -> PyArrowTable {
    let mut t = Table::default();
    t.ints("doc", &cols.doc);
    t.ints("start", &cols.start);
    t.ints("end", &cols.end);
    t.interned("text", &cols.surface, &cols.surfaces);
    t.entries([Some("label"), Some("id"), Some("name")], &cols.entry, gaz);
    if entry {
        t.ints("entry", &cols.entry);
    }
    t.finish()
}

/// The quote frame's columns as Arrow (`doc` is the position of the text).
/// A new column of the quotes frame adds a line here (and one in
/// `sayso._frames`).
pub(crate) fn quote_table(cols: &QuoteColumns<'_>, gaz: Option<&Gazetteer>) -> PyArrowTable {
    let mut t = Table::default();
    t.ints("doc", &cols.doc);
    t.ints("start", &cols.start);
    t.ints("end", &cols.end);
    t.strings("text", &cols.text);
    t.dict("kind", &cols.kind, kind_names());
    t.interned("cue", &cols.cue, &cols.cues);
    t.opt_ints("cue_start", &cols.cue_start);
    t.opt_ints("cue_end", &cols.cue_end);
    t.interned("speaker", &cols.speaker, &cols.speakers);
    t.interned("speaker_text", &cols.speaker_text, &cols.speaker_texts);
    t.opt_ints("speaker_start", &cols.speaker_start);
    t.opt_ints("speaker_end", &cols.speaker_end);
    t.entries(
        [Some("speaker_label"), Some("speaker_id"), None],
        &cols.speaker_entry,
        gaz,
    );
    t.interned("source", &cols.source, &cols.sources);
    t.opt_ints("source_start", &cols.source_start);
    t.opt_ints("source_end", &cols.source_end);
    t.interned("rule", &cols.rule, &cols.rules);
    t.interned("speaker_via", &cols.speaker_via, &cols.speaker_vias);
    t.floats("confidence", &cols.confidence);
    t.finish()
}

/// The who-about-whom frame's columns as Arrow (`doc` is the position of
/// the text).
pub(crate) fn about_table(cols: &AboutColumns<'_>, gaz: Option<&Gazetteer>) -> PyArrowTable {
    let mut t = Table::default();
    t.ints("doc", &cols.doc);
    t.ints("quote_start", &cols.quote_start);
    t.ints("quote_end", &cols.quote_end);
    t.dict("kind", &cols.kind, kind_names());
    t.interned("speaker", &cols.speaker, &cols.speakers);
    t.entries(
        [Some("speaker_label"), Some("speaker_id"), None],
        &cols.speaker_entry,
        gaz,
    );
    t.floats("confidence", &cols.confidence);
    t.entries(
        [Some("entity_label"), Some("entity_id"), Some("entity")],
        &cols.entity_entry,
        gaz,
    );
    t.ints("entity_start", &cols.entity_start);
    t.ints("entity_end", &cols.entity_end);
    t.finish()
}

// --- texts from Python, either way ------------------------------------------

/// The texts of a batch call: Python objects, or Arrow arrays.
pub(crate) enum Texts<'py> {
    /// The items of an iterable.
    Objects(Vec<Bound<'py, PyAny>>),
    /// An Arrow array, chunked array, or stream.
    Arrow(ArrowTexts),
}

impl<'py> Texts<'py> {
    /// The texts of `texts`; `method` names what to call for one text.
    pub(crate) fn new(texts: &Bound<'py, PyAny>, method: &str) -> PyResult<Self> {
        if let Some(source) = arrow_source(texts)? {
            return import_texts(&source).map(Texts::Arrow);
        }
        super::batch::objects(texts, method).map(Texts::Objects)
    }

    /// UTF-8 views of the texts (`None` for missing ones).
    pub(crate) fn strs(&self, py: Python<'_>) -> PyResult<Vec<Option<&str>>> {
        match self {
            Texts::Objects(objs) => super::batch::strs(py, objs),
            Texts::Arrow(a) => Ok(a.strs()),
        }
    }

    /// Text `i` as a Python `str` (the given object where it is one);
    /// `None` for a missing text.
    pub(crate) fn py_str(
        &self,
        py: Python<'py>,
        i: usize,
        s: Option<&str>,
    ) -> Option<Bound<'py, PyString>> {
        match self {
            Texts::Objects(objs) => objs[i].cast::<PyString>().ok().cloned(),
            Texts::Arrow(_) => s.map(|s| PyString::new(py, s)),
        }
    }
}
