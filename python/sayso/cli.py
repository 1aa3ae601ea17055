"""The ``sayso`` command line: ``sayso entities | quotes | about | demo``.

Inputs and outputs are JSON Lines, CSV or parquet, chosen by file extension
(``.jsonl``/``.ndjson``, ``.csv``, ``.parquet``; a directory is one of parquet
files). Input is read and output written in chunks of documents, so memory stays
flat whatever the file size; parquet to parquet goes as Arrow record batches.

Exit codes: 0 done; 1 sayso failed (an internal error, to be reported);
2 bad usage or bad input (the message names the file and line or column);
130 interrupted; 141 standard output closed early (``| head``).

Output files are written under a temporary name and renamed on success, so a
failed run leaves an existing output untouched.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sayso import Extractor, Gazetteer, InternalError, __version__, _frames
from sayso._frames import ABOUT_COLUMNS, ENTITY_COLUMNS, QUOTE_COLUMNS
from sayso.examples import example_article, example_gazetteer

CHUNK_DOCS = 1000
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
# The columns of CSV and parquet output: those of the DataFrames, `doc` holding the input's id.
ENTITY_FIELDS = ENTITY_COLUMNS
QUOTE_FIELDS = QUOTE_COLUMNS
ABOUT_FIELDS = ABOUT_COLUMNS


class InputError(Exception):
    """A bad input file: the message names the file and line."""


def _format(path: str, what: str) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise InputError(f"{path}: cannot tell the {what} format from the extension ({known})")
    return fmt


# --- reading ------------------------------------------------------------------

Record = tuple[Any, "str | None"]


def _input_format(path: str) -> str:
    """Return the input's format: a directory is one of parquet files."""
    return "parquet" if Path(path).is_dir() else _format(path, "input")


def _input_fmt(args: argparse.Namespace) -> str:
    """Return the input's format: ``--input-format``, else by its name (JSONL on stdin)."""
    if args.input_format:
        return str(args.input_format)
    return "jsonl" if args.input == "-" else _input_format(args.input)


def _read(args: argparse.Namespace, skipped: list[str] | None) -> Iterator[Record]:
    """Yield (id, text) records from the input (a file, a directory of parquet files, or -)."""
    name = "<stdin>" if args.input == "-" else args.input
    fmt = _input_fmt(args)
    if fmt == "parquet":
        return _read_parquet(args.input, args.text_column, args.id_column, skipped)
    if args.input == "-":
        source: Any = sys.stdin.buffer
    else:
        source = open(args.input, "rb")
    if fmt == "jsonl":
        return _read_jsonl(source, name, args.text_column, args.id_column, skipped)
    return _read_csv(source, name, args.text_column, args.id_column, skipped)


def _read_jsonl(
    fh: IO[bytes], path: str, text_key: str, id_key: str | None, skipped: list[str] | None
) -> Iterator[Record]:
    """Yield (id, text) for each line of a JSONL file of objects.

    A bad line raises :class:`InputError`, or with ``skipped`` given is left
    out and described in it. Ids come from ``id_key`` (default: ``id`` when a
    line has it, else the line number); an ``id_key`` that no line has is an
    error naming the fields the lines have.
    """
    seen_id = False
    fields: dict[str, None] = {}
    with fh:
        for number, raw in enumerate(fh, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                record = _parse_line(raw, text_key)
            except ValueError as e:
                _bad(f"{path}, line {number}: {e}", skipped)
                continue
            if record is None:
                continue
            if len(fields) < 50:
                fields.update(dict.fromkeys(record))
            key = id_key or "id"
            seen_id = seen_id or key in record
            yield record.get(key, number), record[text_key]
    if id_key is not None and not seen_id and fields:
        raise InputError(
            f"{path}: no line has the id field {id_key!r}; the lines have {list(fields)}"
        )


def _parse_line(raw: bytes, text_key: str) -> dict[str, Any] | None:
    """Parse one JSONL line: its record, or None if blank; ValueError says what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(
            f"not valid UTF-8 (byte {e.start} of the line); {_ENCODING_ADVICE}"
        ) from None
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg})") from None
    except RecursionError:
        raise ValueError("not valid JSON here (nested too deeply)") from None
    if not isinstance(record, dict):
        raise ValueError(f"expected an object with a {text_key!r} field")
    if text_key not in record:
        raise ValueError(
            f"expected an object with a {text_key!r} field; this one has {list(record)[:20]}"
        )
    _check_text(record[text_key], text_key, escaped="\\u" in line)
    return record


_ENCODING_ADVICE = (
    "is the file in another encoding, such as Windows-1252? Convert it to UTF-8 first, "
    "e.g. iconv -f cp1252 -t utf-8"
)


def _check_text(text: Any, key: str, *, escaped: bool = True) -> None:
    """Raise ValueError unless ``text`` is a string of valid Unicode or missing."""
    if text is None:
        return
    if not isinstance(text, str):
        raise ValueError(f"{key!r} must be a string or null, not {type(text).__name__}")
    # JSON can spell a lone surrogate (\ud800), which is no text at all.
    if escaped and text:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(f"{key!r} holds a lone surrogate at index {e.start}") from None


def _bad(message: str, skipped: list[str] | None) -> None:
    if skipped is None:
        raise InputError(message)
    skipped.append(message)


class _Lines:
    """The lines of a binary file as text, decoded one by one so that an error names its line."""

    def __init__(self, fh: IO[bytes], path: str) -> None:
        self.fh, self.path, self.number = fh, path, 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.fh:
            self.number += 1
            if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{self.path}, line {self.number}: not valid UTF-8 (byte {e.start} of the "
                    f"line); {_ENCODING_ADVICE}"
                ) from None


def _read_csv(
    fh: IO[bytes], path: str, text_key: str, id_key: str | None, skipped: list[str] | None
) -> Iterator[Record]:
    """Yield (id, text) for each row of a CSV file with a header; empty cells are no text.

    Quotes are read strictly: a quote that is never closed, or text after a
    closing quote, is an error naming the line where the row starts, rather
    than rows silently merged into one text.
    """
    csv.field_size_limit(2**31 - 1)
    lines = _Lines(fh, path)
    with fh:
        reader = csv.reader(iter(lines), strict=True)
        start = 1
        try:
            header = next(reader, [])
            if text_key not in header:
                raise InputError(f"{path}, line 1: no column {text_key!r}; the header has {header}")
            if id_key is not None and id_key not in header:
                raise InputError(
                    f"{path}, line 1: no id column {id_key!r}; the header has {header}"
                )
            if len(set(header)) < len(header):
                twice = sorted({h for h in header if header.count(h) > 1})
                raise InputError(f"{path}, line 1: the header names {twice} more than once")
            text_at = header.index(text_key)
            key = id_key or "id"
            id_at = header.index(key) if key in header else None
            number = 0
            start = lines.number + 1
            for row in reader:
                if not row:
                    start = lines.number + 1
                    continue
                number += 1
                if len(row) != len(header):
                    more = "more" if len(row) > len(header) else "fewer"
                    _bad(
                        f"{path}, line {start}: {more} cells than the header ({len(row)}, "
                        f"the header has {len(header)})",
                        skipped,
                    )
                else:
                    text = row[text_at]
                    doc_id = row[id_at] if id_at is not None else number
                    yield doc_id, (text if text != "" else None)
                start = lines.number + 1
        except csv.Error as e:
            raise InputError(
                f"{path}, line {start}: not valid CSV ({e}): is a quote left open?"
            ) from None


def _parquet_batches(
    path: str, text_key: str, id_key: str | None, batch_size: int, *, strings: bool = True
) -> Iterator[Any]:
    """Yield Arrow record batches of the text (and id) column of a parquet file or directory.

    A directory is read as one dataset of the parquet files under it, streaming: a batch
    at a time, never the whole. ``-`` reads one parquet file from standard input.
    """
    pq = _pyarrow_parquet()
    import pyarrow.dataset as ds

    try:
        if path == "-":
            import io

            f = pq.ParquetFile(io.BytesIO(sys.stdin.buffer.read()))
            path, schema = "<stdin>", f.schema_arrow
        else:
            dataset = ds.dataset(path, format="parquet")
            schema = dataset.schema
        names = schema.names
    except (FileNotFoundError, PermissionError):
        raise  # a missing or unreadable file keeps its own error, with its name
    except Exception as e:
        raise InputError(f"{path}: not a parquet file ({e})") from None
    if text_key not in names:
        raise InputError(f"{path}: no column {text_key!r}; it has {names}")
    if id_key is not None and id_key not in names:
        raise InputError(f"{path}: no id column {id_key!r}; it has {names}")
    key = id_key or "id"
    kind = schema.field(text_key).type
    if strings and not _is_text_type(kind):
        raise InputError(f"{path}: column {text_key!r} must hold strings, not {kind}")
    columns = [text_key] + ([key] if key in names else [])
    try:
        if path == "<stdin>":
            yield from f.iter_batches(columns=columns, batch_size=batch_size)
        else:
            yield from dataset.to_batches(columns=columns, batch_size=batch_size)
    except OSError as e:
        raise InputError(f"{path}: not a parquet file ({e})") from None


def _is_text_type(kind: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_string_view(kind)
        or pa.types.is_null(kind)
    )


def _ids(batch: Any, id_key: str | None, row: int) -> Any:
    """Return the ids of a batch's rows as strings: its id column, or row numbers from 1."""
    import pyarrow as pa

    key = id_key or "id"
    if key in batch.schema.names:
        return batch.column(key).cast(pa.string())
    return pa.array([str(row + k + 1) for k in range(batch.num_rows)], type=pa.string())


def _read_parquet(
    path: str, text_key: str, id_key: str | None, skipped: list[str] | None
) -> Iterator[Record]:
    """Yield (id, text) for each row of a parquet file or directory, read in batches."""
    key = id_key or "id"
    name = "<stdin>" if path == "-" else path
    row = 0
    # Each value is checked below, so that --skip-bad can skip the bad ones.
    for batch in _parquet_batches(path, text_key, id_key, CHUNK_DOCS, strings=False):
        texts = batch.column(text_key).to_pylist()
        ids = batch.column(key).to_pylist() if key in batch.schema.names else None
        for k, text in enumerate(texts):
            try:
                _check_text(text, text_key)
            except ValueError as e:
                _bad(f"{name}, row {row + k + 1}: {e}", skipped)
                continue
            yield (ids[k] if ids is not None else row + k + 1), text
        row += len(texts)


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("parquet needs pyarrow: pip install 'sayso[parquet]'") from None
    return pq


# --- writing ------------------------------------------------------------------


class _Writer:
    """Writes results as JSONL (one line a document) or as rows (CSV, parquet).

    A file is written under a temporary name beside it and renamed when the
    run succeeds (:meth:`commit`), so that a failed or interrupted run leaves
    any previous output untouched and no partial file behind.
    """

    def __init__(
        self,
        path: str | None,
        what: str,
        fmt: str | None = None,
        *,
        excel_safe: bool = False,
        gazetteer: Gazetteer | None = None,
        metadata: bool = False,
    ) -> None:
        self.what = what
        self.fields = {"entities": ENTITY_FIELDS, "about": ABOUT_FIELDS}.get(what, QUOTE_FIELDS)
        # --metadata: one field per metadata key of the gazetteer, as in the frames.
        self.gazetteer = gazetteer
        self.meta: list[str] = []
        if metadata:
            self.meta = _frames.metadata_keys(gazetteer, self.fields, None)
            self.fields = [*self.fields, *self.meta]
        to_file = path is not None and path != "-"
        self.fmt = fmt or (_format(path, "output") if to_file and path else "jsonl")
        self.path = path if to_file else None
        self.excel_safe = excel_safe
        self.tmp: Path | None = None
        if self.path is not None:
            out = Path(self.path)
            fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
            self.tmp = Path(name)
            target: Any = os.fdopen(fd, "wb")
        else:
            target = sys.stdout.buffer
        self.binary: IO[bytes] = target
        self.fh: IO[str] | None = None
        self.parquet: Any = None
        if self.fmt in ("jsonl", "csv"):
            self.fh = io.TextIOWrapper(self.binary, encoding="utf-8", newline="")
        if self.fmt == "csv":
            self.csv = csv.writer(self.fh)
            self.csv.writerow(self.fields)

    def _items(self, doc: Any) -> list[Any]:
        if self.what == "about":  # a quote and an entity it mentions
            return [(q, m) for q in doc.quotes for m in q.mentions]
        return doc.entities if self.what == "entities" else doc.quotes

    def _row(self, x: Any) -> list[Any]:
        """Return the values of a Match, Quote or (Quote, Match) for the fields after ``doc``."""
        if self.what == "about":
            q, m = x
            return [_about_value(q, m, f) for f in self.fields[1:]]
        if self.meta:
            meta = x.metadata or {}
            own = self.fields[1 : len(self.fields) - len(self.meta)]
            return [*(getattr(x, f) for f in own), *(meta.get(k) for k in self.meta)]
        return [getattr(x, f) for f in self.fields[1:]]

    def write(self, chunk: list[Record], docs: list[Any]) -> None:
        if self.fmt == "jsonl":
            assert self.fh is not None
            for (doc_id, _), doc in zip(chunk, docs, strict=True):
                items = [
                    x.to_dict()
                    if self.what == "quotes"
                    else dict(zip(self.fields[1:], self._row(x), strict=True))
                    for x in self._items(doc)
                ]
                record = {"id": _json_id(doc_id), self.what: items}
                self.fh.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
            return
        rows = [
            [_json_id(doc_id), *self._row(x)]
            for (doc_id, _), doc in zip(chunk, docs, strict=True)
            for x in self._items(doc)
        ]
        if self.fmt == "csv":
            if self.meta:  # a list or dict of metadata as JSON, not as Python's repr
                rows = [[_cell(v) for v in row] for row in rows]
            if self.excel_safe:
                rows = [[_excel_safe(v) for v in row] for row in rows]
            self.csv.writerows(rows)
        else:
            self._write_parquet(rows)

    def _write_parquet(self, rows: list[list[Any]]) -> None:
        import pyarrow as pa

        columns = list(zip(*rows, strict=True)) if rows else [[] for _ in self.fields]
        schema = self.schema()
        data = [
            [None if v is None else str(v) for v in columns[0]],
            *columns[1:],
        ]
        self.write_table(pa.table(data, schema=schema))

    def schema(self) -> Any:
        """Return the Arrow schema of parquet output: ``doc`` as strings, then the fields."""
        import pyarrow as pa

        types = _frames.metadata_arrow_types(self.gazetteer) if self.meta else {}
        return pa.schema(
            [
                ("doc", pa.string()),
                *((f, types.get(f) or _arrow_type(pa, f)) for f in self.fields if f != "doc"),
            ]
        )

    def write_table(self, table: Any) -> None:
        """Write an Arrow table of rows to the parquet output, in its schema."""
        pq = _pyarrow_parquet()
        schema = self.schema()
        table = table.select(schema.names).cast(schema)
        if self.parquet is None:
            self.parquet = pq.ParquetWriter(self.binary, schema)
        self.parquet.write_table(table)

    def _finish(self) -> None:
        if self.fmt == "parquet":
            if self.parquet is None:  # no chunk at all: still write a file with the schema
                self._write_parquet([])
            self.parquet.close()
        if self.fh is not None:
            self.fh.flush()
        self.binary.flush()

    def commit(self) -> None:
        """Finish the output; a file takes its name only now."""
        self._finish()
        if self.tmp is not None:
            self.binary.close()
            assert self.path is not None
            os.replace(self.tmp, self.path)
            self.tmp = None

    def abort(self) -> None:
        """Drop a file being written (a no-op after :meth:`commit`)."""
        if self.tmp is not None:
            self.binary.close()
            self.tmp.unlink(missing_ok=True)
            self.tmp = None


_INT_FIELDS = {
    "start",
    "end",
    "cue_start",
    "cue_end",
    "source_start",
    "source_end",
    "speaker_start",
    "speaker_end",
    "quote_start",
    "quote_end",
    "entity_start",
    "entity_end",
}


def _about_value(q: Any, m: Any, field: str) -> Any:
    """Return one field of the ``about`` schema for quote ``q`` mentioning match ``m``."""
    if field.startswith("quote_"):
        return getattr(q, field.removeprefix("quote_"))
    if field == "entity":
        return m.name
    if field.startswith("entity_"):
        return getattr(m, field.removeprefix("entity_"))
    return getattr(q, field)


_FLOAT_FIELDS = {"confidence"}


def _arrow_type(pa: Any, field: str) -> Any:
    """Return the parquet column type of a field: integer, float or string."""
    if field in _INT_FIELDS:
        return pa.int64()
    return pa.float64() if field in _FLOAT_FIELDS else pa.string()


def _json_id(value: Any) -> Any:
    """Return an id that JSON can hold: a NaN or infinite float (a missing id in pandas) is None."""
    if isinstance(value, float) and (value != value or value in (math.inf, -math.inf)):
        return None
    return value


def _cell(value: Any) -> Any:
    """Return a CSV cell for a metadata value: lists and dicts as JSON."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _excel_safe(value: Any) -> Any:
    """Return a cell that a spreadsheet will not run as a formula (``'`` before ``= + - @``)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# --- commands -----------------------------------------------------------------


def _load_gazetteer(path: str) -> Gazetteer:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return Gazetteer.from_csv(path)
    if suffix in (".jsonl", ".ndjson"):
        return Gazetteer.from_jsonl(path)
    return Gazetteer.load(path)


def _progress(args: argparse.Namespace) -> Any:
    """Return a progress bar on standard error if it is a terminal (or if asked), else None."""
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(unit="doc", desc=args.command, file=sys.stderr)


def _same_file(a: str, b: str) -> bool:
    """Return whether paths ``a`` and ``b`` name the same file (``b`` may not exist yet)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def _run(args: argparse.Namespace) -> int:
    """Run ``sayso entities``, ``sayso quotes`` or ``sayso about``."""
    if args.chunk_size < 1:
        raise InputError(f"--chunk-size must be at least 1, not {args.chunk_size}")
    if args.threads is not None and args.threads != -1 and args.threads < 1:
        raise InputError(
            f"--threads must be a positive number or -1 (all cores), not {args.threads}"
        )
    if args.input != "-" and not Path(args.input).exists():
        raise InputError(f"{args.input}: no such file")
    if args.output not in (None, "-") and args.input != "-" and _same_file(args.input, args.output):
        raise InputError(
            f"{args.output}: the output would overwrite the input; choose another name"
        )
    extractor = Extractor(
        _load_gazetteer(args.gazetteer) if args.gazetteer else None,
        reports=getattr(args, "reports", "speech"),
    )
    skipped: list[str] | None = [] if args.skip_bad else None
    writer = _Writer(
        args.output,
        args.command,
        args.format,
        excel_safe=args.excel_safe,
        gazetteer=extractor.gazetteer,
        metadata=getattr(args, "metadata", False),
    )
    arrow_in = args.input != "-" and _input_fmt(args) == "parquet"
    if writer.fmt == "parquet" and arrow_in and skipped is None:
        return _run_arrow(args, extractor, writer)
    records = _read(args, skipped)
    bar = _progress(args)
    try:
        while True:
            chunk = [r for _, r in zip(range(args.chunk_size), records, strict=False)]
            if not chunk:
                break
            docs = extractor.pipe([text for _, text in chunk], threads=args.threads)
            writer.write(chunk, docs)
            if bar is not None:
                bar.update(len(chunk))
        writer.commit()
    finally:
        writer.abort()
        if bar is not None:
            bar.close()
    if skipped:
        _report_skipped(skipped)
    return 0


def _run_arrow(args: argparse.Namespace, extractor: Extractor, writer: _Writer) -> int:
    """Parquet in, parquet out: Arrow record batches through the core, no Python strings."""
    import pyarrow as pa

    columns = {
        "entities": extractor._entity_columns,
        "quotes": extractor._quote_columns,
        "about": extractor._about_columns,
    }[args.command]
    bar = _progress(args)
    row = 0
    try:
        batches = _parquet_batches(args.input, args.text_column, args.id_column, args.chunk_size)
        for batch in batches:
            texts = batch.column(args.text_column)
            if writer.meta:
                found = pa.table(columns(texts, threads=args.threads, arrow=True, entries=True))
                found = _frames.with_metadata_arrow(extractor.gazetteer, found)
            else:
                found = pa.table(columns(texts, threads=args.threads, arrow=True))
            ids = _ids(batch, args.id_column, row).take(found["doc"])
            writer.write_table(found.set_column(0, "doc", ids))
            row += batch.num_rows
            if bar is not None:
                bar.update(batch.num_rows)
        writer.commit()
    finally:
        writer.abort()
        if bar is not None:
            bar.close()
    return 0


def _report_skipped(skipped: list[str]) -> None:
    """Say on standard error how many bad lines were skipped, and each of them."""
    print(f"sayso: skipped {len(skipped)} bad line(s):", file=sys.stderr)
    for message in skipped:
        print(f"  {message}", file=sys.stderr)


def _demo(_args: argparse.Namespace) -> int:
    text = example_article()
    people = example_gazetteer()
    builtin = Gazetteer.default()
    gaz = Gazetteer(_merge(people.to_entries(), builtin.to_entries()), person_guard=True)
    doc = Extractor(gaz)(text)
    matches = doc.entities
    title = text.splitlines()[0]
    print(f"sayso {__version__} demo: the example article ({len(text)} characters)")
    print(f"  {title!r}")
    print(
        f"gazetteer: the built-in one ({len(builtin)} places and organisations) "
        f"and the article's {len(people)} entries ({len(gaz)} in all)"
    )
    print()
    header = f"{'start':>5} {'end':>5}  {'text':<34} {'label':<7} {'name':<34} id"
    print(header)
    print("-" * len(header))
    for m in matches:
        surface = m.text.replace("\n", " ")
        print(f"{m.start:>5} {m.end:>5}  {surface:<34} {m.label:<7} {m.name:<34} {m.id}")
    print()
    by_name: dict[str, int] = {}
    for m in matches:
        by_name[m.name] = by_name.get(m.name, 0) + 1
    top = ", ".join(f"{n} ({c})" for n, c in sorted(by_name.items(), key=lambda x: (-x[1], x[0])))
    print(f"{len(matches)} mentions of {len(by_name)} entities: {top}")
    print()
    print(f"{len(doc.quotes)} quotes:")
    for q in doc.quotes:
        quote = q.text if len(q.text) <= 70 else q.text[:67] + "..."
        who = q.speaker or "(unknown)"
        if q.speaker_text and q.speaker_text != q.speaker:
            who += f" (as {q.speaker_text!r})"
        linked = f" [{q.speaker_id}]" if q.speaker_id else ""
        print(f"  {q.kind:<8} {quote!r}")
        print(f"           said by {who}{linked}, cue {q.cue!r}")
    return 0


def _merge(first: list[dict[str, Any]], then: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return ``first``, and the entries of ``then`` whose names ``first`` does not use."""

    def surfaces(e: dict[str, Any]) -> set[str]:
        names = [e["name"], *e.get("aliases", [])]
        return {(s if isinstance(s, str) else s["name"]).lower() for s in names}

    used = set().union(*map(surfaces, first))
    return first + [e for e in then if not surfaces(e) & used]


def _add_batch_command(commands: Any, name: str, what: str) -> None:
    p = commands.add_parser(
        name,
        help=f"find {what} in a JSONL, CSV or parquet file of texts",
        description=f"Find {what} in each text of INPUT; write one row per match "
        f"(CSV, parquet) or one line per document (JSONL).",
    )
    p.add_argument(
        "input",
        help="input file (.jsonl, .ndjson, .csv, .parquet), a directory of parquet files, "
        "or - for stdin",
    )
    p.add_argument(
        "-o", "--output", help="output file (by extension); default or -: standard output"
    )
    p.add_argument(
        "--format",
        choices=["jsonl", "csv", "parquet"],
        help="output format (default: by the output's extension; JSONL on standard output)",
    )
    p.add_argument(
        "--input-format",
        choices=["jsonl", "csv", "parquet"],
        help="input format (default: by the input's extension; JSONL on standard input)",
    )
    p.add_argument(
        "--gazetteer", help="a gazetteer (.csv, .jsonl, or saved); default: the built-in one"
    )
    p.add_argument("--text-column", default="text", help="the column of texts (default: text)")
    p.add_argument(
        "--id-column",
        default=None,
        help="the column of ids; an error if the input has none (default: id if present, "
        "else the row or line number)",
    )
    p.add_argument("--threads", type=int, default=None, help="threads (default: all cores)")
    p.add_argument("--chunk-size", type=int, default=CHUNK_DOCS, help=argparse.SUPPRESS)
    p.add_argument(
        "--excel-safe",
        action="store_true",
        help="in CSV output, put ' before cells that start with = + - @ so that spreadsheets "
        "do not run them as formulas",
    )
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip bad input lines or rows (each listed on standard error) instead of stopping",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when standard error is a terminal)",
    )
    if name != "entities":
        p.add_argument(
            "--reports",
            choices=["speech", "acts"],
            default="speech",
            help="which indirect reports count: speech, a cue and the clause it reports "
            "(default); acts, also objects and infinitives ('praised the crew', 'declined to "
            "comment'), as PolNeAR annotates them",
        )
    if name == "entities":
        p.add_argument(
            "--metadata",
            action="store_true",
            help="add one column per metadata key of the gazetteer's entries",
        )
    p.set_defaults(run=_run)


def main(argv: Sequence[str] | None = None) -> int:
    r"""Run the ``sayso`` command line (``sayso entities | quotes | demo``).

    Parameters
    ----------
    argv : sequence of str or None, default None
        The arguments after the program's name; None for ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code: 0 done, 1 internal error, 2 bad usage or input, 130 interrupted.

    See Also
    --------
    Extractor.quotes, Extractor.entities : What the commands compute.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> from sayso.cli import main
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> line = json.dumps({"id": "n1", "text": "Prices will fall, Ames said."})
    >>> _ = (folder / "in.jsonl").write_text(line + "\n")
    >>> main(["quotes", str(folder / "in.jsonl"), "-o", str(folder / "out.jsonl")])
    0
    >>> json.loads((folder / "out.jsonl").read_text())["quotes"][0]["speaker"]
    'Ames'
    """
    parser = argparse.ArgumentParser(
        prog="sayso",
        description="Who and what is mentioned in news text, and who said what.",
        epilog="Exit codes: 0 done, 1 internal error, 2 bad usage or input, 130 interrupted, "
        "141 output closed early.",
    )
    parser.add_argument("--version", action="version", version=f"sayso {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="run sayso on the built-in example article")
    demo.set_defaults(run=_demo)
    _add_batch_command(commands, "entities", "the entities of a gazetteer")
    _add_batch_command(commands, "quotes", "quotes and their speakers")
    _add_batch_command(
        commands, "about", "who says what about whom (each quote and the entities inside it)"
    )
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader stopped early (`sayso quotes in.jsonl | head`): stop quietly,
        # as Unix tools do; Python's last flush of stdout must not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except InternalError as e:
        print(f"sayso: internal error: {e}", file=sys.stderr)
        return 1
    except (InputError, OSError, ValueError, TypeError) as e:
        print(f"sayso: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sayso: interrupted", file=sys.stderr)
        return 130
