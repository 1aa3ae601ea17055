//! The Python binding: the only place that knows of Python.

mod batch;
mod convert;
mod extract;
mod gazetteer;

use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::error::{Error, ErrorKind};

/// Exception classes live in `sayso/errors.py`, so that they can inherit from
/// both `SaysoError` and `ValueError`.
fn exception(py: Python<'_>, cell: &'static PyOnceLock<Py<PyType>>, name: &str) -> Py<PyType> {
    match cell.import(py, "sayso.errors", name) {
        Ok(t) => t.clone().unbind(),
        // Only a broken install gets here; say so rather than hide it.
        Err(_) => py.get_type::<PyValueError>().unbind(),
    }
}

static GAZETTEER_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TEXT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn gazetteer_error(py: Python<'_>, msg: String) -> PyErr {
    PyErr::from_type(
        exception(py, &GAZETTEER_ERROR, "GazetteerError").into_bound(py),
        msg,
    )
}

pub(crate) fn text_error(py: Python<'_>, msg: String) -> PyErr {
    PyErr::from_type(exception(py, &TEXT_ERROR, "TextError").into_bound(py), msg)
}

/// The one conversion from the core's errors to Python's.
pub(crate) fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    match e.kind() {
        ErrorKind::Io { path, source } => PyOSError::new_err((
            source.raw_os_error().unwrap_or(0),
            source.to_string(),
            path.display().to_string(),
        )),
        ErrorKind::TextTooLong { .. } => text_error(py, e.to_string()),
        _ => gazetteer_error(py, e.to_string()),
    }
}

/// Thread pools by size, made on first use. After a fork the child has none
/// of the parent's threads: [`after_fork`] forgets the pools (without joining
/// threads that do not exist) so that the child makes its own.
static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());

pub(crate) fn pool(py: Python<'_>, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let mut pools = POOLS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, p)) = pools.iter().find(|(n, _)| *n == threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("sayso-{i}"))
        .build()
        .map_err(|e| text_error(py, format!("could not start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.push((threads, p.clone()));
    Ok(p)
}

pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// sayso's compiled core. Use the `sayso` package rather than this module.
#[pymodule]
mod _core {
    #[pymodule_export]
    use super::extract::{PyDoc, PyExtractor, PyQuote};
    #[pymodule_export]
    use super::gazetteer::{PyGazetteer, PyMatch};

    #[pymodule_export]
    const FORMAT_VERSION: u64 = crate::gazetteer::FORMAT_VERSION;

    /// Forgets the thread pools; `sayso` calls it in a forked child.
    #[pyo3::pyfunction]
    fn _after_fork() {
        let mut pools = super::POOLS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for p in pools.drain(..) {
            std::mem::forget(p);
        }
    }
}
