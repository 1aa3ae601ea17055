"""pandas helpers; pandas is imported only by the functions that need it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any

from sayso._arrow import is_arrow, sliceable
from sayso._arrow import pandas_texts as _texts_of

_KNOWN = ("name", "label", "id", "aliases", "case")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return type(value).__name__ == "NAType"


def gazetteer_records(df: Any) -> Iterator[dict[str, Any]]:
    """Yield entry dicts from a DataFrame with columns like ``Gazetteer.from_csv``'s.

    ``aliases`` may hold lists or ``|``-separated strings; columns other than
    name, label, id, aliases and case become metadata; missing cells are left out.
    """
    columns = [str(c) for c in df.columns]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        from sayso.errors import GazetteerError

        raise GazetteerError(f"the DataFrame names the columns {twice} more than once")
    missing = [c for c in ("name", "label") if c not in columns]
    if missing:
        from sayso.errors import GazetteerError

        raise GazetteerError(
            f"the DataFrame has no column {' or '.join(missing)}; it has {columns}"
        )
    extra = [c for c in columns if c not in _KNOWN]
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        values = dict(zip(columns, row, strict=True))
        entry: dict[str, Any] = {}
        for key in _KNOWN:
            value = values.get(key)
            if key in values and not _missing(value):
                entry[key] = value
        aliases = entry.get("aliases")
        if isinstance(aliases, str):
            entry["aliases"] = [_alias(a) for a in aliases.split("|") if a] if aliases else []
        elif aliases is not None:
            entry["aliases"] = list(aliases)
        if "id" in entry:
            entry["id"] = _id_of(entry["id"])
        meta = {c: _plain(values[c]) for c in extra if not _missing(values[c])}
        if meta:
            entry["metadata"] = meta
        entry.setdefault("name", values.get("name"))
        if entry["name"] is None:
            from sayso.errors import GazetteerError

            raise GazetteerError(f"entry {i}: the name is missing")
        yield entry


_ALIAS_CASE = re.compile(r"(.*?)\s*\[(insensitive|sensitive|acronyms|proper)\]")


def _alias(alias: str) -> str | dict[str, str]:
    """Read an alias of a ``|``-string as CSV does: ``Brown[sensitive]`` has its own mode."""
    m = _ALIAS_CASE.fullmatch(alias)
    return {"name": m[1], "case": m[2]} if m else alias


def _id_of(value: Any) -> Any:
    """Return an id as the dict builder takes it.

    A whole float (an int column that pandas turned to floats to hold a NaN)
    is an int, numpy scalars are Python ones, anything else is text.
    """
    value = _plain(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, str | int) else str(value)


def _plain(value: Any) -> Any:
    """Turn numpy scalars into Python ones (they carry ``.item()``)."""
    item = getattr(value, "item", None)
    return item() if callable(item) and not isinstance(value, str | bytes) else value


# --- result frames ----------------------------------------------------------

ENTITY_COLUMNS = ["doc", "start", "end", "text", "label", "id", "name"]
# The fields of ``Quote.to_dict()``, in its order, after ``doc``: every output of
# quotes (frames, JSONL, CSV, parquet) has the same columns by the same names.
QUOTE_COLUMNS = [
    "doc",
    "start",
    "end",
    "text",
    "kind",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "speaker_id",
    "speaker_label",
    "source",
    "source_start",
    "source_end",
    "rule",
    "speaker_via",
    "confidence",
]
ABOUT_COLUMNS = [
    "doc",
    "quote_start",
    "quote_end",
    "kind",
    "speaker",
    "speaker_id",
    "speaker_label",
    "confidence",
    "entity",
    "entity_id",
    "entity_label",
    "entity_start",
    "entity_end",
]
# Texts per call into the core when a progress bar is shown.
PROGRESS_CHUNK = 2000


def _inputs(texts: Any, column: str | None, keep: Any) -> tuple[list[Any], Any, Any]:
    """Return the texts as a list, the index that names them, and the frame to keep from."""
    import pandas as pd

    if isinstance(texts, str):
        raise TypeError("texts must be many texts (a list, Series or DataFrame), not one str")
    frame = None
    if isinstance(texts, pd.DataFrame):
        if column is None:
            raise TypeError(
                f"a DataFrame needs column= naming its text column; it has {list(texts.columns)}"
            )
        if column not in texts.columns:
            raise KeyError(f"no column {column!r} in the DataFrame; it has {list(texts.columns)}")
        frame, series = texts, texts[column]
        return _texts_of(series), texts.index, frame
    if column is not None:
        raise TypeError("column= is for a DataFrame input")
    if isinstance(texts, pd.Series):
        index = texts.index
        values = _texts_of(texts)
    else:
        values = sliceable(texts) if is_arrow(texts) else list(texts)
        index = pd.RangeIndex(len(values))
    if keep:
        raise TypeError("keep= needs a DataFrame input (the columns to carry come from it)")
    return values, index, frame


def _chunks(n: int, *, progress: bool, what: str) -> Iterator[tuple[int, int]]:
    """Ranges of the input to process at a time: all at once, or chunks with a progress bar."""
    if not progress:
        yield 0, n
        return
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise ImportError("progress=True needs tqdm: pip install tqdm") from None
    with tqdm(total=n, desc=what, unit="doc") as bar:
        for lo in range(0, n, PROGRESS_CHUNK):
            hi = min(lo + PROGRESS_CHUNK, n)
            yield lo, hi
            bar.update(hi - lo)


def pipe_with_progress(ex: Any, texts: Any, threads: int | None) -> list[Any]:
    """Run ``ex.pipe`` chunk by chunk under a tqdm bar; see ``Extractor.pipe``."""
    if isinstance(texts, str):
        raise TypeError("texts must be an iterable of str, not one str (use the extractor itself)")
    values = sliceable(texts) if is_arrow(texts) else list(texts)
    docs: list[Any] = []
    for lo, hi in _chunks(len(values), progress=True, what="documents"):
        docs += ex.pipe(values[lo:hi], threads=threads)
    return docs


def _columns(
    call: Any, values: list[Any], threads: int | None, *, progress: bool, what: str
) -> dict:
    """Call a column method of the core on each chunk and join the chunks' columns."""
    import numpy as np

    parts = []
    for lo, hi in _chunks(len(values), progress=progress, what=what):
        cols = call(values[lo:hi], threads=threads)
        out = {}
        for key, value in cols.items():
            if isinstance(value, bytes):
                out[key] = np.frombuffer(value, dtype=np.int64)
            else:
                out[key] = np.array(value, dtype=object)
        out["doc"] = out["doc"] + lo
        parts.append(out)
    if len(parts) == 1:
        return parts[0]
    joined: dict[str, Any] = {}
    for key in parts[0]:
        if key in _CODES:
            # Codes index each chunk's own strings: turn them into the strings.
            strings = _CODES[key]
            joined[key] = np.concatenate([_decode(p[key], p[strings]) for p in parts])
        elif key == "kinds":
            joined[key] = parts[0][key]  # the same in every chunk
        elif key not in _CODES.values():
            joined[key] = np.concatenate([p[key] for p in parts])
    return joined


_CODES = {
    "surface": "surfaces",
    "cue": "cues",
    "speaker": "speakers",
    "speaker_text": "speaker_texts",
    "source": "sources",
    "rule": "rules",
    "speaker_via": "speaker_vias",
}


def _decode(codes: Any, strings: Any) -> Any:
    """Return the strings of codes (-1 is None), as an object array."""
    import numpy as np

    out = np.empty(len(codes), dtype=object)
    present = codes >= 0
    out[present] = strings[codes[present]] if len(strings) else []
    return out


def _strings(cols: dict, key: str) -> Any:
    """Return a column of strings: categorical when it came as codes."""
    import pandas as pd

    strings = _CODES[key]
    if strings in cols:
        return pd.Categorical.from_codes(
            cols[key], categories=pd.Index(cols[strings], dtype=object)
        )
    return pd.Categorical(cols[key])


def _from_entries(gaz: Any, entry: Any) -> tuple[Any, Any, Any]:
    """Return the label (categorical), id and name of entry indices; -1 gives missing ones."""
    import numpy as np
    import pandas as pd

    if gaz is None:
        empty = np.empty(len(entry), dtype=object)
        return pd.Categorical(empty), empty, empty.copy()
    e = gaz._entry_columns()
    # The core makes these columns once a gazetteer and gives back the same dict
    # each time: keep their arrays there too. Made at every call, they cost
    # O(entries) on the calling thread, the serial part that capped the frame's
    # scaling on a large gazetteer (DESIGN.md, "Python objects").
    if "arrays" not in e:
        e["arrays"] = (
            np.frombuffer(e["label"], dtype=np.int64),
            np.array(e["id"], dtype=object),
            np.array(e["name"], dtype=object),
        )
    labels, ids, names = e["arrays"]
    present = entry >= 0
    safe = np.where(present, entry, 0)
    codes = np.where(present, labels[safe] if len(labels) else -1, -1)
    label = pd.Categorical.from_codes(codes, categories=pd.Index(e["labels"], dtype=object))
    id_col = np.where(present, ids[safe] if len(ids) else None, None)
    name_col = np.where(present, names[safe] if len(names) else None, None)
    return label, id_col, name_col


# --- metadata=True -------------------------------------------------------------


def entry_metadata(gaz: Any) -> dict[str, list[Any]]:
    """Return each entry's value of each metadata key of the gazetteer.

    The keys come in the order the entries first give them; a value is None where the
    entry has none, and one None more at the end stands for "no entry" (index -1). Made
    once a gazetteer, and kept with its entry columns.
    """
    if gaz is None:
        return {}
    e = gaz._entry_columns()
    if "metadata" not in e:
        metas = [x["metadata"] or {} for x in gaz.to_entries()]
        keys = dict.fromkeys(k for m in metas for k in m)
        e["metadata"] = {k: [m.get(k) for m in metas] + [None] for k in keys}
    return dict(e["metadata"])


def _metadata_arrays(gaz: Any) -> dict[str, Any]:
    """Return :func:`entry_metadata` as object arrays (made once a gazetteer)."""
    import numpy as np

    e = gaz._entry_columns()
    if "metadata_arrays" not in e:
        arrays = {}
        for key, values in entry_metadata(gaz).items():
            array = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                array[i] = v  # one at a time: a list value stays one cell
            arrays[key] = array
        e["metadata_arrays"] = arrays
    return dict(e["metadata_arrays"])


def metadata_keys(gaz: Any, order: list[str], keep: Any) -> list[str]:
    """Return the metadata columns of ``metadata=True``.

    A key named like a result column or a ``keep`` column is an error naming it (one
    would silently replace the other).
    """
    keys = list(entry_metadata(gaz))
    for key in keys:
        if key in order:
            raise ValueError(
                f"metadata=True: the gazetteer's metadata key {key!r} is also a result column "
                f"(the result columns are {order}); rename the key in the gazetteer, or read "
                "the metadata from Match.metadata"
            )
    for name in [keep] if isinstance(keep, str) else list(keep or []):
        if name in keys:
            raise ValueError(
                f"keep: the column {name!r} is also a metadata key of the gazetteer "
                f"(metadata=True adds the columns {keys}); rename it first, e.g. "
                f"df.rename(columns={{{name!r}: 'article_{name}'}})"
            )
    return keys


def _taken(values: Any, entry: Any) -> Any:
    """Return the values of the entries ``entry`` (-1: the None at the end)."""
    import numpy as np

    return values[np.where(entry >= 0, entry, len(values) - 1)]


def metadata_pandas(gaz: Any, entry: Any) -> dict[str, Any]:
    """Return the metadata columns for pandas.

    A column holds nullable integers, floats or booleans where every value of its key in
    the gazetteer is one, else Python objects.
    """
    import pandas as pd

    out: dict[str, Any] = {}
    if gaz is None:
        return out
    for key, values in _metadata_arrays(gaz).items():
        taken = _taken(values, entry)
        kind = pd.api.types.infer_dtype(values[:-1], skipna=True)
        dtype = {"integer": "Int64", "floating": "float64", "boolean": "boolean"}.get(kind)
        dtype = "float64" if kind == "mixed-integer-float" else dtype
        try:
            out[key] = pd.array(taken, dtype=dtype) if dtype else taken
        except (OverflowError, TypeError, ValueError):  # an integer over 64 bits
            out[key] = taken
    return out


def metadata_arrow_types(gaz: Any) -> dict[str, Any]:
    """Return the Arrow type of each metadata key, from all the gazetteer's values of it.

    Every batch then has the same schema. A key whose values no one type holds is a
    ValueError naming it.
    """
    import pyarrow as pa

    e = gaz._entry_columns() if gaz is not None else {}
    if "metadata_arrow" not in e:
        types = {}
        for key, values in entry_metadata(gaz).items():
            try:
                types[key] = pa.array(values).type
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as err:
                kinds = sorted({type(v).__name__ for v in values if v is not None})
                raise ValueError(
                    f"metadata=True: the metadata key {key!r} holds values of types {kinds}, "
                    f"which no one Arrow column holds ({err}); use output='pandas', or make "
                    "them one type in the gazetteer"
                ) from None
        if gaz is None:
            return types
        e["metadata_arrow"] = types
    return dict(e["metadata_arrow"])


def with_metadata_arrow(gaz: Any, table: Any) -> Any:
    """Return an Arrow table of entities with its last column, ``entry``, made metadata columns."""
    import pyarrow as pa

    entry = table["entry"].to_numpy()
    table = table.drop_columns(["entry"])
    if gaz is None:
        return table
    types = metadata_arrow_types(gaz)
    for key, values in _metadata_arrays(gaz).items():
        table = table.append_column(key, pa.array(list(_taken(values, entry)), type=types[key]))
    return table


def _finish(data: dict, index: Any, cols: dict, frame: Any, keep: Any, order: list[str]) -> Any:
    """Return the frame: ``doc`` named by the input's index, ``data``, then kept columns."""
    import pandas as pd

    positions = cols["doc"]
    out = pd.DataFrame({"doc": index.take(positions), **data}, columns=order)
    for name in _kept(keep, frame, order):
        out[name] = frame[name].take(positions).to_numpy()
    return out


def _check_keep(texts: Any, column: str | None, keep: Any, order: list[str]) -> None:
    """Check ``keep`` before the work, so that a bad name fails at once."""
    if keep and column is not None and hasattr(texts, "columns"):
        _kept(keep, texts, order)


def _kept(keep: Any, frame: Any, order: list[str]) -> list[Any]:
    """Return the columns to keep.

    One missing from the frame, or named like a result column (it would
    silently replace the result), is an error naming it.
    """
    names = [keep] if isinstance(keep, str) else list(keep or [])
    for name in names:
        if frame is None or name not in frame.columns:
            has = [] if frame is None else list(frame.columns)
            raise KeyError(f"keep: no column {name!r} in the DataFrame; it has {has}")
        if name in order:
            raise ValueError(
                f"keep: the column {name!r} would replace the result column of that name "
                f"(the result columns are {order}); rename it first, e.g. "
                f"df.rename(columns={{{name!r}: 'article_{name}'}})"
            )
    return names


def _run(
    call: Any,
    texts: Any,
    column: str | None,
    keep: Any,
    threads: int | None,
    *,
    progress: bool,
    what: str,
) -> tuple[dict, Any, Any]:
    """Return the columns of ``call`` over the texts, the index naming them, and the frame."""
    register_accessor()
    values, index, frame = _inputs(texts, column, keep)
    return _columns(call, values, threads, progress=progress, what=what), index, frame


def entities_frame(
    ex: Any,
    texts: Any,
    column: str | None = None,
    *,
    keep: Any = None,
    threads: int | None = None,
    progress: bool = False,
    metadata: bool = False,
) -> Any:
    """Build the entities DataFrame; see ``Extractor.entities``."""
    order = ENTITY_COLUMNS
    if metadata:
        order = [*order, *metadata_keys(ex.gazetteer, order, keep)]
    _check_keep(texts, column, keep, order)
    cols, index, frame = _run(
        ex._entity_columns, texts, column, keep, threads, progress=progress, what="entities"
    )
    label, ids, names = _from_entries(ex.gazetteer, cols["entry"])
    data = {
        "start": cols["start"],
        "end": cols["end"],
        "text": _strings(cols, "surface"),
        "label": label,
        "id": ids,
        "name": names,
    }
    if metadata:
        data.update(metadata_pandas(ex.gazetteer, cols["entry"]))
    return _finish(data, index, cols, frame, keep, order)


def quotes_frame(
    ex: Any,
    texts: Any,
    column: str | None = None,
    *,
    keep: Any = None,
    threads: int | None = None,
    progress: bool = False,
    min_confidence: float = 0.0,
) -> Any:
    """Build the quotes DataFrame; see ``Extractor.quotes``."""
    import pandas as pd

    _check_keep(texts, column, keep, QUOTE_COLUMNS)
    # The core leaves out the quotes under min_confidence.
    call = partial(ex._quote_columns, min_confidence=min_confidence)
    cols, index, frame = _run(call, texts, column, keep, threads, progress=progress, what="quotes")
    label, ids, _ = _from_entries(ex.gazetteer, cols["speaker_entry"])

    def offsets(key: str) -> Any:
        arr = pd.array(cols[key], dtype="Int64")
        arr[cols[key] < 0] = pd.NA
        return arr

    data = {
        "start": cols["start"],
        "end": cols["end"],
        "text": cols["text"],
        # The core owns the kinds and the order of their codes.
        "kind": pd.Categorical.from_codes(cols["kind"], categories=cols["kinds"]),
        "cue": _strings(cols, "cue"),
        "cue_start": offsets("cue_start"),
        "cue_end": offsets("cue_end"),
        "speaker": _strings(cols, "speaker"),
        "speaker_text": _strings(cols, "speaker_text"),
        "speaker_start": offsets("speaker_start"),
        "speaker_end": offsets("speaker_end"),
        "speaker_id": ids,
        "speaker_label": label,
        "source": _strings(cols, "source"),
        "source_start": offsets("source_start"),
        "source_end": offsets("source_end"),
        "rule": _strings(cols, "rule"),
        "speaker_via": _strings(cols, "speaker_via"),
        # The core sends the bits of each float64 in an int64 column.
        "confidence": cols["confidence"].view("float64"),
    }
    return _finish(data, index, cols, frame, keep, QUOTE_COLUMNS)


def about_frame(
    ex: Any,
    texts: Any,
    column: str | None = None,
    *,
    keep: Any = None,
    threads: int | None = None,
    progress: bool = False,
) -> Any:
    """Build the who-about-whom DataFrame; see ``Extractor.about``."""
    import pandas as pd

    cols, index, frame = _run(
        ex._about_columns, texts, column, keep, threads, progress=progress, what="about"
    )
    speaker_label, speaker_ids, _ = _from_entries(ex.gazetteer, cols["speaker_entry"])
    entity_label, entity_ids, entity_names = _from_entries(ex.gazetteer, cols["entity_entry"])
    data = {
        "quote_start": cols["quote_start"],
        "quote_end": cols["quote_end"],
        "kind": pd.Categorical.from_codes(cols["kind"], categories=cols["kinds"]),
        "speaker": _strings(cols, "speaker"),
        "speaker_id": speaker_ids,
        "speaker_label": speaker_label,
        "confidence": cols["confidence"].view("float64"),
        "entity": pd.Categorical(entity_names),
        "entity_id": entity_ids,
        "entity_label": entity_label,
        "entity_start": cols["entity_start"],
        "entity_end": cols["entity_end"],
    }
    return _finish(data, index, cols, frame, keep, ABOUT_COLUMNS)


# --- the Series accessor ------------------------------------------------------

_REGISTERED = False


def register_accessor() -> None:
    """Register ``Series.sayso`` with pandas, once (``import sayso`` does if pandas is loaded)."""
    global _REGISTERED
    if _REGISTERED:
        return
    # Set first: when this call is the first to import pandas, the import hook
    # of ``sayso/__init__.py`` calls back here, and must not register twice.
    _REGISTERED = True
    import pandas as pd

    @pd.api.extensions.register_series_accessor("sayso")
    class SaysoAccessor:
        """The ``sayso`` accessor of a pandas Series of texts.

        ``texts.sayso.entities(ex)``, ``texts.sayso.quotes(ex)`` and
        ``texts.sayso.about(ex)`` are ``ex.entities(texts)``, ``ex.quotes(texts)``
        and ``ex.about(texts)``.

        Examples
        --------
        >>> import pandas as pd, sayso
        >>> texts = pd.Series(["Prices will fall, Ames said."], index=["a1"])
        >>> texts.sayso.quotes(sayso.Extractor(False))[["doc", "speaker"]].to_dict("records")
        [{'doc': 'a1', 'speaker': 'Ames'}]
        """

        def __init__(self, series: Any) -> None:
            self._series = series

        def entities(self, ex: Any = None, **options: Any) -> Any:
            """Return the entities of the texts as a DataFrame, one row a match.

            Parameters
            ----------
            ex : Extractor or None, default None
                The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
            **options
                ``keep``, ``threads``, ``progress``, ``metadata``: see
                ``Extractor.entities``.

            Returns
            -------
            pandas.DataFrame
                ``ex.entities(texts, **options)``.

            Examples
            --------
            >>> import pandas as pd, sayso
            >>> pd.Series(["Talks in Oslo."]).sayso.entities()["name"].tolist()
            ['Oslo']
            """
            return _extractor(ex).entities(self._series, **options)

        def quotes(self, ex: Any = None, **options: Any) -> Any:
            """Return the quotes of the texts as a DataFrame, one row a quote.

            Parameters
            ----------
            ex : Extractor or None, default None
                The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
            **options
                ``keep``, ``threads``, ``progress``: see ``Extractor.quotes``.

            Returns
            -------
            pandas.DataFrame
                ``ex.quotes(texts, **options)``.

            Examples
            --------
            >>> import pandas as pd, sayso
            >>> pd.Series(["Prices will fall, Ames said."]).sayso.quotes()["text"].tolist()
            ['Prices will fall']
            """
            return _extractor(ex).quotes(self._series, **options)

        def about(self, ex: Any = None, **options: Any) -> Any:
            """Return who speaks about which entity, one row a (quote, entity) pair.

            Parameters
            ----------
            ex : Extractor or None, default None
                The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
            **options
                ``keep``, ``threads``, ``progress``: see ``Extractor.about``.

            Returns
            -------
            pandas.DataFrame
                ``ex.about(texts, **options)``.

            Examples
            --------
            >>> import pandas as pd, sayso
            >>> ex = sayso.Extractor(sayso.Gazetteer([{"name": "Nordvik", "label": "ORG"}]))
            >>> texts = pd.Series(["Nordvik will grow, Ames said."])
            >>> texts.sayso.about(ex)[["speaker", "entity"]].to_dict("records")
            [{'speaker': 'Ames', 'entity': 'Nordvik'}]
            """
            return _extractor(ex).about(self._series, **options)


def _extractor(ex: Any) -> Any:
    from sayso import Extractor

    return Extractor() if ex is None else ex
