"""Frames in and out as Arrow: which family an input belongs to, and tables built by the core.

``Extractor.entities``, ``Extractor.quotes`` and ``Extractor.about`` come here. The core
reads Arrow texts through the Arrow PyCapsule interface (no copy) and builds result tables
as Arrow arrays (repeated strings dictionary-encoded); this module only names the
documents, adds the ``keep`` columns and hands the table to pyarrow or polars. pandas
frames are built by ``sayso._frames``. pyarrow and polars are imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

OUTPUTS = ("pandas", "arrow", "polars")
# Per frame: the core's method that makes its columns (a dict for pandas, an Arrow table
# with arrow=True), and the name of its column order in sayso._frames. A new frame adds a
# line here, a builder in sayso._frames, and a table in src/python/arrow.rs.
FRAMES = {
    "entities": ("_entity_columns", "ENTITY_COLUMNS"),
    "quotes": ("_quote_columns", "QUOTE_COLUMNS"),
    "about": ("_about_columns", "ABOUT_COLUMNS"),
}


def _module(obj: Any) -> str:
    return type(obj).__module__.split(".")[0]


def is_arrow(obj: Any) -> bool:
    """Return whether ``obj`` speaks the Arrow PyCapsule interface."""
    return hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__")


def family(obj: Any) -> str:
    """Return the family of an input: ``"polars"``, ``"arrow"`` or ``"pandas"`` (the rest)."""
    module = _module(obj)
    if module == "polars":
        return "polars"
    if module != "pandas" and is_arrow(obj):
        return "arrow"
    return "pandas"


def sliceable(texts: Any) -> Any:
    """Return Arrow texts as an object that slices by position (for progress chunks)."""
    if _module(texts) in ("pyarrow", "polars"):
        return texts
    import pyarrow as pa

    if hasattr(texts, "__arrow_c_stream__"):
        return pa.chunked_array(texts)
    return pa.array(texts)


def pandas_texts(series: Any) -> Any:
    """Return the texts of a pandas Series for the core: its Arrow array when it holds one."""
    dtype = series.dtype
    arrow_backed = getattr(dtype, "storage", None) == "pyarrow" or type(dtype).__name__ == (
        "ArrowDtype"
    )
    if arrow_backed and hasattr(series.array, "__arrow_array__"):
        return series.array.__arrow_array__()
    return series.tolist()


def _is_frame(obj: Any, fam: str, column: str | None) -> bool:
    """Return whether ``obj`` is a frame (texts in one of its columns) rather than texts."""
    name = type(obj).__name__
    if fam == "polars":
        return name in ("DataFrame", "LazyFrame")
    if fam == "pandas":
        return name == "DataFrame"
    # Any Arrow stream of records (a DuckDB result, a RecordBatchReader) is read as a
    # table when a column is named.
    return name in ("Table", "RecordBatch") or column is not None


def _keeps(keep: str | Sequence[str] | None) -> list[str]:
    return [keep] if isinstance(keep, str) else list(keep or [])


def _columns_of(frame: Any, fam: str) -> list[str]:
    if fam == "arrow":
        return list(frame.column_names)
    return [str(c) for c in frame.columns]


def _source(texts: Any, column: str | None, keep: Any, fam: str) -> tuple[Any, Any, Any]:
    """Return the text column, the frame to keep columns from, and a pandas index (or None)."""
    if isinstance(texts, str):
        raise TypeError("texts must be many texts (a list, Series or DataFrame), not one str")
    if not _is_frame(texts, fam, column):
        if column is not None:
            raise TypeError("column= is for a DataFrame or table input")
        if keep:
            raise TypeError("keep= needs a DataFrame input (the columns to carry come from it)")
        if fam == "pandas" and _module(texts) == "pandas":
            return pandas_texts(texts), None, texts.index
        if fam == "pandas":
            return list(texts), None, None
        return texts, None, None
    frame = texts
    if fam == "arrow" and not hasattr(frame, "column_names"):
        import pyarrow as pa

        frame = pa.table(frame)
    columns = _columns_of(frame, fam)
    if column is None:
        raise TypeError(f"a DataFrame needs column= naming its text column; it has {columns}")
    if column not in columns:
        raise KeyError(f"no column {column!r} in the DataFrame; it has {columns}")
    for name in _keeps(keep):
        if name not in columns:
            raise KeyError(f"keep: no column {name!r} in the DataFrame; it has {columns}")
    if fam == "pandas":
        return pandas_texts(frame[column]), frame, frame.index
    if fam == "polars":
        return frame[column], frame, None
    return frame.column(column), frame, None


def _default_index(index: Any) -> bool:
    """Return whether a pandas index is 0, 1, 2, ...: then ``doc`` is the position."""
    import pandas as pd

    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def _order(names: list[str], first: list[str]) -> list[str]:
    """Return the column order: sayso's own columns first, then any others the core made."""
    return [c for c in first if c in names] + [c for c in names if c not in first]


def _tables(call: Any, col: Any, threads: int | None, *, progress: bool, what: str) -> list:
    """Return ``(offset, ArrowTable)`` for the texts, in chunks when a progress bar is shown."""
    from sayso._frames import _chunks

    if not progress:
        return [(0, call(col, threads=threads, arrow=True))]
    col = sliceable(col)
    return [
        (lo, call(col[lo:hi], threads=threads, arrow=True))
        for lo, hi in _chunks(len(col), progress=True, what=what)
    ]


def _to_arrow(parts: list, index: Any, frame: Any, fam: str, keep: Any, order: list[str]) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    tables = []
    for lo, t in parts:
        table = pa.table(t)
        if lo:
            at = table.schema.get_field_index("doc")
            table = table.set_column(at, table.schema.field(at), pc.add(table["doc"], lo))
        tables.append(table)
    table = tables[0] if len(tables) == 1 else pa.concat_tables(tables)
    positions = table["doc"]
    if index is not None and not _default_index(index):
        names = pa.array(index.take(positions.to_numpy()), from_pandas=True)
        table = table.set_column(table.schema.get_field_index("doc"), "doc", names)
    table = table.select(_order(table.column_names, order))
    for name in _keeps(keep):
        if fam == "arrow":
            values = frame.column(name).take(positions)
        elif fam == "polars":
            values = frame[name].gather(positions.to_numpy()).to_arrow()
        else:
            values = pa.array(frame[name].take(positions.to_numpy()), from_pandas=True)
        table = table.append_column(name, values)
    return table


def _to_polars(parts: list, index: Any, frame: Any, fam: str, keep: Any, order: list[str]) -> Any:
    import polars as pl

    frames = []
    for lo, t in parts:
        df = pl.DataFrame(t)
        if lo:
            df = df.with_columns(pl.col("doc") + lo)
        frames.append(df)
    df = frames[0] if len(frames) == 1 else pl.concat(frames)
    positions = df["doc"]
    if index is not None and not _default_index(index):
        df = df.with_columns(pl.Series("doc", index.take(positions.to_numpy()).tolist()))
    df = df.select(_order(df.columns, order))
    for name in _keeps(keep):
        if fam == "polars":
            values = frame[name].gather(positions)
        elif fam == "arrow":
            values = pl.Series(name, frame.column(name).take(positions.to_arrow()))
        else:
            values = pl.Series(name, frame[name].take(positions.to_numpy()).tolist())
        df = df.with_columns(values.alias(name))
    return df


def _frame(
    what: str,
    ex: Any,
    texts: Any,
    column: str | None,
    *,
    keep: Any,
    threads: int | None,
    progress: bool,
    output: str | None,
    **extra: Any,
) -> Any:
    """Build a frame of any output; ``extra`` goes to the core (``min_confidence``)."""
    from sayso import _frames

    fam = family(texts)
    out = fam if output is None else output
    if out not in OUTPUTS:
        raise ValueError(f"output must be 'pandas', 'arrow' or 'polars', not {output!r}")
    if fam == "polars":
        from sayso import _polars

        _polars.register()
        if type(texts).__name__ == "LazyFrame":
            return _polars.lazy(
                what, ex, texts, column, keep=keep, threads=threads, output=out, **extra
            )
    builder = getattr(_frames, f"{what}_frame")
    if fam == "pandas" and out == "pandas":
        return builder(ex, texts, column, keep=keep, threads=threads, progress=progress, **extra)
    col, frame, index = _source(texts, column, keep, fam)
    method, order_name = FRAMES[what]
    order = getattr(_frames, order_name)
    metadata = extra.pop("metadata", False)
    if metadata:
        order = [*order, *_frames.metadata_keys(ex.gazetteer, order, keep)]
    for name in _keeps(keep):
        if name in order:
            raise ValueError(
                f"keep: the column {name!r} would replace the result column of that name "
                f"(the result columns are {order}); rename it first"
            )
    if out == "pandas":
        # Arrow or polars in, pandas out: the pandas builder reads the Arrow column.
        if metadata:
            extra["metadata"] = True
        df = builder(ex, col, None, threads=threads, progress=progress, **extra)
        positions = df["doc"].to_numpy()
        for name in _keeps(keep):
            if fam == "polars":
                df[name] = frame[name].gather(positions).to_list()
            else:
                df[name] = frame.column(name).take(positions).to_pylist()
        return df
    call = partial(getattr(ex, method), **extra)
    if metadata:
        call = partial(call, entries=True)
    parts = _tables(call, col, threads, progress=progress, what=what)
    if metadata:
        import pyarrow as pa

        parts = [(lo, _frames.with_metadata_arrow(ex.gazetteer, pa.table(t))) for lo, t in parts]
    if out == "arrow":
        return _to_arrow(parts, index, frame, fam, keep, order)
    return _to_polars(parts, index, frame, fam, keep, order)


def entities_frame(ex: Any, texts: Any, column: str | None = None, **options: Any) -> Any:
    """Build the entities frame; see ``Extractor.entities``."""
    return _frame("entities", ex, texts, column, **options)


def quotes_frame(ex: Any, texts: Any, column: str | None = None, **options: Any) -> Any:
    """Build the quotes frame; see ``Extractor.quotes``."""
    return _frame("quotes", ex, texts, column, **options)


def about_frame(ex: Any, texts: Any, column: str | None = None, **options: Any) -> Any:
    """Build the who-about-whom frame; see ``Extractor.about``."""
    return _frame("about", ex, texts, column, **options)
