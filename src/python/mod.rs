//! The Python binding: the only place that knows of Python.
//!
//! The doc comments of the `#[pyclass]`es and `#[pymethods]` here are the
//! Python docstrings (numpydoc, with doctested examples), read by `help()`
//! and the documentation site, not by rustdoc.
#![allow(
    clippy::doc_markdown,
    clippy::doc_lazy_continuation,
    clippy::doc_link_with_quotes,
    reason = "these doc comments are Python docstrings in numpydoc style"
)]

mod arrow;
mod batch;
mod columns;
mod convert;
mod extract;
mod gazetteer;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
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

static INTERNAL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A panic of the core as a Python exception (`sayso.InternalError`), so
/// that a bug in sayso fails one call rather than the Python process.
pub(crate) fn internal_error(py: Python<'_>, what: &str) -> PyErr {
    PyErr::from_type(
        exception(py, &INTERNAL_ERROR, "InternalError").into_bound(py),
        format!("internal error in sayso's core ({what}); please report it with the input"),
    )
}

/// The message of a panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Runs a call of the core with the GIL released. Its error becomes the
/// matching Python exception, and a panic a `sayso.InternalError`.
pub(crate) fn core<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> crate::Result<T> + Send,
) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|p| internal_error(py, &panic_message(&*p)))?
        .map_err(|e| to_pyerr(py, &e))
}

/// Texts at least this long are processed by [`core_interruptible`].
pub(crate) const INTERRUPTIBLE_MIN_BYTES: usize = 1 << 20;

/// [`core`] for long work that can stop early: `f` runs on another thread
/// while this one waits with the GIL released and runs Python's signal
/// handlers every [`batch::POLL`]. When a handler raises (Ctrl-C), `stop`
/// is set, `f` is waited for (it checks `stop` between steps) and the
/// handler's exception is raised.
pub(crate) fn core_interruptible<T: Send>(
    py: Python<'_>,
    f: impl FnOnce(&AtomicBool) -> crate::Result<T> + Send,
) -> PyResult<T> {
    let stop = AtomicBool::new(false);
    let stop = &stop;
    let result = std::thread::scope(|scope| -> PyResult<_> {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let handle = scope.spawn(move || {
            let r = catch_unwind(AssertUnwindSafe(|| f(stop)));
            let _ = tx.send(());
            r
        });
        let mut rx = Some(rx);
        loop {
            let receiver = rx.take().expect("the receiver is put back");
            let (receiver, msg) = py.detach(move || {
                let m = receiver.recv_timeout(batch::POLL);
                (receiver, m)
            });
            if !matches!(msg, Err(RecvTimeoutError::Timeout)) {
                break;
            }
            if let Err(e) = py.check_signals() {
                stop.store(true, Ordering::Relaxed);
                py.detach(move || receiver.recv().ok());
                return Err(e);
            }
            rx = Some(receiver);
        }
        Ok(handle.join().expect("the panic is caught"))
    })?;
    result
        .map_err(|p| internal_error(py, &panic_message(&*p)))?
        .map_err(|e| to_pyerr(py, &e))
}

/// How many times the size of a text the extractor may need at its peak
/// (quotes and entities, results aside), with a margin.
pub(crate) const EXTRACT_MEMORY_FACTOR: usize = 16;
/// The same for matching a gazetteer alone.
pub(crate) const FIND_MEMORY_FACTOR: usize = 4;

/// Raises `MemoryError` unless `factor` times `bytes` could be allocated.
///
/// The core sizes its buffers from the text, and an allocation that fails
/// aborts the process; asking first (for long texts only) turns an
/// impossible request, under a memory limit or beyond the machine's
/// memory, into an exception. The memory is reserved and given back at once,
/// never touched.
pub(crate) fn check_memory(bytes: usize, factor: usize) -> PyResult<()> {
    if bytes < INTERRUPTIBLE_MIN_BYTES {
        return Ok(());
    }
    let need = bytes.saturating_mul(factor);
    let mut probe: Vec<u8> = Vec::new();
    probe.try_reserve_exact(need).map_err(|_| {
        pyo3::exceptions::PyMemoryError::new_err(format!(
            "not enough memory for a text of {} MB: sayso needs up to {} MB for it",
            bytes >> 20,
            need >> 20
        ))
    })
}

/// [`core`] with the GIL held, for calls too short to be worth releasing it.
pub(crate) fn core_held<T>(py: Python<'_>, f: impl FnOnce() -> crate::Result<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f))
        .map_err(|p| internal_error(py, &panic_message(&*p)))?
        .map_err(|e| to_pyerr(py, &e))
}

/// The one conversion from the core's errors to Python's.
pub(crate) fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    match e.kind() {
        ErrorKind::Io { path, source } => {
            // Python words it "[Errno 2] No such file or directory: 'x'":
            // drop Rust's own " (os error 2)".
            let message = source.to_string();
            let message = message
                .rsplit_once(" (os error ")
                .map_or(message.as_str(), |(m, _)| m);
            PyOSError::new_err((
                source.raw_os_error().unwrap_or(0),
                message.to_owned(),
                path.display().to_string(),
            ))
        }
        ErrorKind::TextTooLong { .. } => text_error(py, e.to_string()),
        // No wildcard: a new kind of error must choose its exception here.
        ErrorKind::InvalidEntry { .. } | ErrorKind::Format { .. } | ErrorKind::Version { .. } => {
            gazetteer_error(py, e.to_string())
        }
    }
}

/// The thread pool, made on first use and remade when another size is asked
/// for: one pool a process, never more threads than cores. After a fork the
/// child has none of the parent's threads: [`after_fork`] forgets the pool
/// (without joining threads that do not exist) so that the child makes its
/// own. A call that holds the old pool keeps it until it returns.
static POOL: Mutex<Option<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(None);

pub(crate) fn pool(_py: Python<'_>, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let mut pool = POOL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((n, p)) = &*pool {
        if *n == threads {
            return Ok(p.clone());
        }
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("sayso-{i}"))
        .build()
        // The system refused threads: no fault of the text.
        .map_err(|e| PyOSError::new_err(format!("could not start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    *pool = Some((threads, p.clone()));
    Ok(p)
}

/// "1 entry", "2 entries".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// sayso's compiled core. Use the `sayso` package rather than this module.
#[pymodule]
mod _core {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::arrow::PyArrowTable;
    #[pymodule_export]
    use super::extract::{PyDoc, PyExtractor, PyQuote};
    #[pymodule_export]
    use super::gazetteer::{PyGazetteer, PyMatch};

    #[pymodule_export]
    const FORMAT_VERSION: u64 = crate::gazetteer::FORMAT_VERSION;

    /// Every name `Quote.rule` may have.
    #[pymodule_export]
    const RULE_NAMES: &[&str] = crate::quotes::RULE_NAMES;

    /// Panics inside the core, alone (`batch=False`) or at `texts[70]` of a
    /// batch of 100; for the tests of the guard that turns panics into
    /// `sayso.InternalError`.
    #[pyo3::pyfunction]
    #[pyo3(signature = (batch = false))]
    fn _panic_for_tests(py: Python<'_>, batch: bool) -> PyResult<()> {
        fn boom(t: Option<&str>) {
            assert!(t != Some("boom"), "a panic on purpose");
        }
        if !batch {
            return super::core(py, || {
                boom(Some("boom"));
                Ok(())
            });
        }
        let mut texts = vec![Some("fine"); 100];
        texts[70] = Some("boom");
        super::batch::run(
            py,
            &texts,
            2,
            |t, (): &mut (), _| boom(t),
            |_, _, ()| Ok(()),
        )
    }

    /// Forgets the thread pool; `sayso` calls it in a forked child.
    #[pyo3::pyfunction]
    fn _after_fork() {
        let mut pool = super::POOL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(p) = pool.take() {
            std::mem::forget(p);
        }
    }
}
