//! Conversions between Python objects and the core's types.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

use crate::gazetteer::{Metadata, MAX_METADATA_DEPTH};

/// A JSON value from a Python object, with `left` levels of nesting left
/// (a self-referential or too deeply nested value is an error, not a stack
/// overflow); `what` names it in errors.
fn to_json(obj: &Bound<'_, PyAny>, what: &dyn Fn() -> String, left: usize) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err(format!(
            "{}: the integer {obj} does not fit in 64 bits",
            what()
        )));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{}: {v} cannot be stored", what())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    let nested = obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>();
    if nested && left <= 1 {
        return Err(super::gazetteer_error(
            obj.py(),
            format!(
                "{}: metadata nested more than {MAX_METADATA_DEPTH} levels deep (does it \
                 contain itself?)",
                what()
            ),
        ));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return to_map(d, what, left - 1).map(Value::Object);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            out.push(to_json(&item?, &|| format!("{}[{i}]", what()), left - 1)?);
        }
        return Ok(Value::Array(out));
    }
    Err(PyTypeError::new_err(format!(
        "{}: metadata values must be JSON-like (str, int, float, bool, None, list, dict), not {}",
        what(),
        obj.get_type().name()?
    )))
}

/// A JSON object from a Python dict with `str` keys.
pub(crate) fn py_to_map(d: &Bound<'_, PyDict>, what: &dyn Fn() -> String) -> PyResult<Metadata> {
    to_map(d, what, MAX_METADATA_DEPTH)
}

fn to_map(d: &Bound<'_, PyDict>, what: &dyn Fn() -> String, left: usize) -> PyResult<Metadata> {
    let mut m = Metadata::new();
    for (k, v) in d.iter() {
        let key = k.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!("{}: metadata keys must be str, not {k:?}", what()))
        })?;
        let key = key.to_str()?.to_owned();
        let val = to_json(&v, &|| format!("{}[{key:?}]", what()), left)?;
        m.insert(key, val);
    }
    Ok(m)
}

/// A Python object from a JSON value.
pub(crate) fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(m) => map_to_py(py, m)?.into_any(),
    })
}

/// A new Python dict from a JSON object.
pub(crate) fn map_to_py<'py>(py: Python<'py>, m: &Metadata) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in m {
        d.set_item(k, json_to_py(py, v)?)?;
    }
    Ok(d)
}

/// Whether `obj` stands for "no text": `None`, a float NaN, or pandas' `NA`
/// (recognised by its type, without importing pandas).
pub(crate) fn is_missing(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    let ty = obj.get_type();
    ty.name().is_ok_and(|n| n == "NAType")
        && ty
            .module()
            .is_ok_and(|m| m.to_str().is_ok_and(|m| m.starts_with("pandas")))
}

/// The text of one input: `None` for a missing one.
pub(crate) fn text_of<'a>(
    py: Python<'_>,
    obj: &'a Bound<'_, PyAny>,
    index: Option<usize>,
) -> PyResult<Option<&'a str>> {
    let name = || index.map_or_else(|| "text".to_owned(), |i| format!("texts[{i}]"));
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_str().map(Some).map_err(|e| {
            super::text_error(
                py,
                format!("{} is not valid Unicode text: {}", name(), e.value(py)),
            )
        });
    }
    if is_missing(obj) {
        return Ok(None);
    }
    let ty = obj
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    let hint = if ty == "bytes" || ty == "bytearray" {
        " (decode it first, e.g. data.decode(\"utf-8\"))"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{} must be str (or None, NaN, pd.NA for no text), not {ty}{hint}",
        name()
    )))
}
