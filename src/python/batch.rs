//! Batches of texts: taking them from Python, and working on them in
//! parallel with the GIL released.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::prelude::*;

use super::convert::text_of;
use super::{default_threads, internal_error, panic_message, pool};

/// About how many bytes of text one task of the pipeline works on: tasks of
/// equal work keep the threads busy to the end, where tasks of equal numbers
/// of texts do not (news texts vary a hundredfold).
const CHUNK_BYTES: usize = 256 * 1024;

/// Batches smaller than this are processed first and converted after;
/// larger ones go through the pipeline.
const PIPELINE_MIN_DOCS: usize = 64;

/// The number of threads to use for `threads=`: `None` or -1 for all cores,
/// a positive number capped at the number of cores (more threads than cores
/// only add switching).
pub(crate) fn threads(threads: Option<i64>) -> PyResult<usize> {
    let cores = default_threads();
    match threads {
        None | Some(-1) => Ok(cores),
        Some(n) if n >= 1 => Ok(usize::try_from(n).map_or(cores, |n| n.min(cores))),
        Some(n) => Err(PyValueError::new_err(format!(
            "threads must be a positive number, or -1 (or None) for all cores, not {n}"
        ))),
    }
}

/// The items of an iterable of texts (a single `str` is refused: `method`
/// names what to call for one text).
pub(crate) fn objects<'py>(
    texts: &Bound<'py, PyAny>,
    method: &str,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if let Some(frame) = frame_type(texts) {
        return Err(PyTypeError::new_err(format!(
            "texts must be an iterable of str, not a {frame} (iterating one gives its column \
             names): pass its text column, e.g. texts=df[\"text\"]"
        )));
    }
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "texts must be an iterable of str, not one str (use {method} for one text)"
        )));
    }
    texts.try_iter()?.collect()
}

/// [`super::check_memory`] for the longest text of a batch.
pub(crate) fn check_memory(strs: &[Option<&str>], factor: usize) -> PyResult<()> {
    let longest = strs
        .iter()
        .map(|t| t.map_or(0, str::len))
        .max()
        .unwrap_or(0);
    super::check_memory(longest, factor)
}

/// The type name of a pandas or polars `DataFrame`, recognised without
/// importing either.
fn frame_type(obj: &Bound<'_, PyAny>) -> Option<String> {
    let ty = obj.get_type();
    let module = ty.module().ok()?.to_str().ok()?.to_owned();
    let name = ty.name().ok()?.to_str().ok()?.to_owned();
    (name == "DataFrame" && (module.starts_with("pandas") || module.starts_with("polars")))
        .then_some(name)
}

/// Borrowed UTF-8 views of the texts (`None` for missing ones); errors name
/// the index of a bad item.
pub(crate) fn strs<'a>(
    py: Python<'_>,
    objs: &'a [Bound<'_, PyAny>],
) -> PyResult<Vec<Option<&'a str>>> {
    objs.iter()
        .enumerate()
        .map(|(i, o)| text_of(py, o, Some(i)))
        .collect()
}

/// Runs `work` on every text on `threads` threads, with the GIL released,
/// and hands each result to `take` (with the GIL), in any order.
///
/// `work` also gets a flag that is set once the call stops early (Ctrl-C):
/// work on one long text may check it and return early, and its result is
/// then dropped.
///
/// A panic of `work` on one text does not stop the others; after the batch
/// it is raised as a `sayso.InternalError` naming the first such text.
pub(crate) fn run<T, S>(
    py: Python<'_>,
    strs: &[Option<&str>],
    threads: usize,
    work: impl Fn(Option<&str>, &mut S, &AtomicBool) -> T + Sync,
    mut take: impl FnMut(Python<'_>, usize, T) -> PyResult<()>,
) -> PyResult<()>
where
    T: Send,
    S: Default,
{
    let guarded = |t: Option<&str>, scratch: &mut S, stop: &AtomicBool| {
        catch_unwind(AssertUnwindSafe(|| work(t, scratch, stop))).map_err(|p| {
            // The scratch space may be half-written: start afresh.
            *scratch = S::default();
            panic_message(&*p)
        })
    };
    let mut first_panic = FirstFailure::default();
    pipeline(py, strs, threads, guarded, |py, i, r| {
        first_panic.take_ok(i, r).map_or(Ok(()), |t| take(py, i, t))
    })?;
    first_panic.raise(py, |py, msg| internal_error(py, &msg))
}

/// The failure of the lowest index in a batch whose results come in any
/// order.
struct FirstFailure<E>(Option<(usize, E)>);

impl<E> Default for FirstFailure<E> {
    fn default() -> Self {
        FirstFailure(None)
    }
}

impl<E> FirstFailure<E> {
    /// The success of item `i`, or `None` after noting its failure.
    fn take_ok<T>(&mut self, i: usize, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(t) => Some(t),
            Err(e) => {
                if self.0.as_ref().is_none_or(|(j, _)| i < *j) {
                    self.0 = Some((i, e));
                }
                None
            }
        }
    }

    /// The noted failure as a Python error with a note naming its index.
    fn raise(self, py: Python<'_>, to_err: impl FnOnce(Python<'_>, E) -> PyErr) -> PyResult<()> {
        match self.0 {
            Some((i, e)) => Err(note_index(py, to_err(py, e), i)),
            None => Ok(()),
        }
    }
}

/// [`run`] without the guard against panics.
///
/// Large batches are a pipeline: the pool works on tasks of about
/// [`CHUNK_BYTES`] of text while this thread takes the finished ones, so
/// that the part that needs the GIL overlaps the parallel part. While it
/// waits, this thread runs Python's signal handlers every [`POLL`]: Ctrl-C
/// stops the texts not yet started and raises `KeyboardInterrupt` at once.
fn pipeline<T, S>(
    py: Python<'_>,
    strs: &[Option<&str>],
    threads: usize,
    work: impl Fn(Option<&str>, &mut S, &AtomicBool) -> T + Sync,
    mut take: impl FnMut(Python<'_>, usize, T) -> PyResult<()>,
) -> PyResult<()>
where
    T: Send,
    S: Default,
{
    let serial = threads == 1 || strs.len() < PIPELINE_MIN_DOCS;
    let bytes: usize = strs.iter().map(|t| t.map_or(0, str::len)).sum();
    if serial && bytes < INTERRUPTIBLE_MIN_BYTES {
        // Too little work to be worth a thread, or an interruption.
        let results: Vec<T> = py.detach(|| {
            let mut scratch = S::default();
            let never = AtomicBool::new(false);
            strs.iter()
                .map(|&t| work(t, &mut scratch, &never))
                .collect()
        });
        for (i, r) in results.into_iter().enumerate() {
            take(py, i, r)?;
        }
        return Ok(());
    }
    let pool = if serial {
        None
    } else {
        Some(pool(py, threads)?)
    };
    // Serial work too goes in chunks of about CHUNK_BYTES, not a text at a
    // time: a message a text woke this thread, and took the GIL back, for
    // each short news text.
    let chunks = byte_chunks(strs, CHUNK_BYTES);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<T>)>();
    let cancel = AtomicBool::new(false);
    let (work, chunks, cancel) = (&work, &chunks, &cancel);
    let task = move |tx: &mut Sender<(usize, Vec<T>)>, range: &std::ops::Range<usize>| {
        let mut scratch = S::default();
        let mut r = Vec::with_capacity(range.len());
        for &t in &strs[range.clone()] {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            r.push(work(t, &mut scratch, cancel));
        }
        // The receiver is gone only when the caller failed.
        let _ = tx.send((range.start, r));
    };
    std::thread::scope(|scope| -> PyResult<()> {
        // Whatever ends this call early stops the work not yet started.
        let _stop = StopOnDrop(cancel);
        scope.spawn(move || {
            if let Some(pool) = pool {
                pool.install(|| {
                    chunks
                        .par_iter()
                        .with_max_len(1)
                        .for_each_with(tx, |tx, range| task(tx, range));
                });
            } else {
                let mut tx = tx;
                for range in chunks {
                    task(&mut tx, range);
                }
            }
        });
        let mut rx = Some(rx);
        let mut checked = Instant::now();
        loop {
            // Results that keep coming must not hold off Ctrl-C: the signal
            // handlers run at least every POLL.
            if checked.elapsed() >= POLL {
                py.check_signals()?;
                checked = Instant::now();
            }
            let receiver = rx.take().expect("the receiver is put back");
            let (receiver, msg) = match receiver.try_recv() {
                Ok(m) => (receiver, Ok(m)),
                Err(_) => py.detach(move || {
                    let m = receiver.recv_timeout(POLL);
                    (receiver, m)
                }),
            };
            rx = Some(receiver);
            match msg {
                Ok((first, results)) => {
                    for (k, r) in results.into_iter().enumerate() {
                        take(py, first + k, r)?;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    py.check_signals()?;
                    checked = Instant::now();
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Ok(())
    })
}

/// How often a waiting call runs Python's signal handlers.
pub(crate) const POLL: Duration = Duration::from_millis(50);

/// Serial work on fewer bytes than this runs on the calling thread, which
/// cannot be interrupted; it takes a few milliseconds.
const INTERRUPTIBLE_MIN_BYTES: usize = 256 * 1024;

/// Sets its flag when dropped.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// [`run`] for work that can fail: takes the successes, and after the whole
/// batch raises the error of the first failing text (by index), with a note
/// naming it.
pub(crate) fn run_fallible<T, S>(
    py: Python<'_>,
    strs: &[Option<&str>],
    threads: usize,
    work: impl Fn(Option<&str>, &mut S, &AtomicBool) -> crate::Result<T> + Sync,
    mut take: impl FnMut(Python<'_>, usize, T) -> PyResult<()>,
) -> PyResult<()>
where
    T: Send,
    S: Default,
{
    let mut first_error = FirstFailure::default();
    run(py, strs, threads, work, |py, i, r| {
        first_error.take_ok(i, r).map_or(Ok(()), |t| take(py, i, t))
    })?;
    first_error.raise(py, |py, e| super::to_pyerr(py, &e))
}

/// [`run_fallible`] that gives the results in input order.
pub(crate) fn run_ordered<T, S>(
    py: Python<'_>,
    strs: &[Option<&str>],
    threads: usize,
    work: impl Fn(Option<&str>, &mut S, &AtomicBool) -> crate::Result<T> + Sync,
) -> PyResult<Vec<T>>
where
    T: Send,
    S: Default,
{
    let mut out: Vec<Option<T>> = Vec::with_capacity(strs.len());
    out.resize_with(strs.len(), || None);
    run_fallible(py, strs, threads, work, |_, i, t| {
        out[i] = Some(t);
        Ok(())
    })?;
    Ok(out
        .into_iter()
        .map(|t| t.expect("every text was processed"))
        .collect())
}

/// Consecutive ranges of `texts`, each of about `bytes` bytes of text (at
/// least one text each).
fn byte_chunks(texts: &[Option<&str>], bytes: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        acc += t.map_or(0, str::len) + 1;
        if acc >= bytes {
            out.push(start..i + 1);
            start = i + 1;
            acc = 0;
        }
    }
    if start < texts.len() {
        out.push(start..texts.len());
    }
    out
}

/// Adds a note naming the failing input of a batch.
fn note_index(py: Python<'_>, err: PyErr, index: usize) -> PyErr {
    let _ = err
        .value(py)
        .call_method1("add_note", (format!("in texts[{index}]"),));
    err
}
