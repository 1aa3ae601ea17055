//! Batches of texts: taking them from Python, and working on them in
//! parallel with the GIL released.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::prelude::*;

use super::convert::text_of;
use super::{default_threads, pool};

/// About how many bytes of text one task of the pipeline works on: tasks of
/// equal work keep the threads busy to the end, where tasks of equal numbers
/// of texts do not (news texts vary a hundredfold).
const CHUNK_BYTES: usize = 256 * 1024;

/// Batches smaller than this are processed first and converted after;
/// larger ones go through the pipeline.
const PIPELINE_MIN_DOCS: usize = 64;

/// The number of threads asked for.
pub(crate) fn threads(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        None => Ok(default_threads()),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1, not 0")),
        Some(n) => Ok(n),
    }
}

/// The items of an iterable of texts (a single `str` is refused: `method`
/// names what to call for one text).
pub(crate) fn objects<'py>(
    texts: &Bound<'py, PyAny>,
    method: &str,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "texts must be an iterable of str, not one str (use {method} for one text)"
        )));
    }
    texts.try_iter()?.collect()
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
/// Large batches are a pipeline: the pool works on tasks of about
/// [`CHUNK_BYTES`] of text while this thread takes the finished ones, so
/// that the part that needs the GIL overlaps the parallel part.
pub(crate) fn run<T, S>(
    py: Python<'_>,
    strs: &[Option<&str>],
    threads: usize,
    work: impl Fn(Option<&str>, &mut S) -> T + Sync,
    mut take: impl FnMut(Python<'_>, usize, T) -> PyResult<()>,
) -> PyResult<()>
where
    T: Send,
    S: Default,
{
    if threads == 1 || strs.len() < PIPELINE_MIN_DOCS {
        let results: Vec<T> = py.detach(|| {
            let mut scratch = S::default();
            strs.iter().map(|&t| work(t, &mut scratch)).collect()
        });
        for (i, r) in results.into_iter().enumerate() {
            take(py, i, r)?;
        }
        return Ok(());
    }
    let pool = pool(py, threads)?;
    let chunks = byte_chunks(strs, CHUNK_BYTES);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<T>)>();
    let work = &work;
    let chunks = &chunks;
    std::thread::scope(|scope| -> PyResult<()> {
        scope.spawn(move || {
            pool.install(|| {
                chunks
                    .par_iter()
                    .with_max_len(1)
                    .for_each_with(tx, |tx, range| {
                        let mut scratch = S::default();
                        let r = strs[range.clone()]
                            .iter()
                            .map(|&t| work(t, &mut scratch))
                            .collect();
                        // The receiver is gone only when the caller failed.
                        let _ = tx.send((range.start, r));
                    });
            });
        });
        let mut rx = Some(rx);
        loop {
            let receiver = rx.take().expect("the receiver is put back");
            let (receiver, msg) = match receiver.try_recv() {
                Ok(m) => (receiver, Ok(m)),
                Err(_) => py.detach(move || {
                    let m = receiver.recv();
                    (receiver, m)
                }),
            };
            rx = Some(receiver);
            let Ok((first, results)) = msg else { break };
            for (k, r) in results.into_iter().enumerate() {
                take(py, first + k, r)?;
            }
        }
        Ok(())
    })
}

/// [`run`] for work that can fail: takes the successes, and after the whole
/// batch raises the error of the first failing text (by index), with a note
/// naming it.
pub(crate) fn run_fallible<T, S>(
    py: Python<'_>,
    strs: &[Option<&str>],
    threads: usize,
    work: impl Fn(Option<&str>, &mut S) -> crate::Result<T> + Sync,
    mut take: impl FnMut(Python<'_>, usize, T) -> PyResult<()>,
) -> PyResult<()>
where
    T: Send,
    S: Default,
{
    let mut first_error: Option<(usize, crate::Error)> = None;
    run(py, strs, threads, work, |py, i, r| match r {
        Ok(t) => take(py, i, t),
        Err(e) => {
            if first_error.as_ref().is_none_or(|(j, _)| i < *j) {
                first_error = Some((i, e));
            }
            Ok(())
        }
    })?;
    match first_error {
        Some((i, e)) => Err(note_index(py, super::to_pyerr(py, &e), i)),
        None => Ok(()),
    }
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
