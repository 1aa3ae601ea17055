"""The ``sayso`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sayso import Extractor, Gazetteer, __version__
from sayso.examples import example_article, example_gazetteer

CHUNK_DOCS = 1000


class InputError(Exception):
    """A bad input file: the message names the file and line."""


def _read_jsonl(path: str, skipped: list[str] | None) -> Iterator[tuple[Any, str | None]]:
    """Yield (id, text) for each line of a JSONL file of {"id", "text"} records.

    A bad line raises :class:`InputError`, or with ``skipped`` given is left
    out and described in it.
    """
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                record = _parse_line(raw)
            except ValueError as e:
                message = f"{path}, line {number}: {e}"
                if skipped is None:
                    raise InputError(message) from None
                skipped.append(message)
                continue
            if record is not None:
                yield record.get("id", number), record["text"]


def _parse_line(raw: bytes) -> dict[str, Any] | None:
    """Parse one JSONL line: its record, or None if blank; ValueError says what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"not valid UTF-8 (byte {e.start} of the line)") from None
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg})") from None
    if not isinstance(record, dict) or "text" not in record:
        raise ValueError("expected an object with a 'text' field")
    text = record["text"]
    if text is not None and not isinstance(text, str):
        raise ValueError("'text' must be a string or null")
    # JSON can spell a lone surrogate (\ud800), which is no text at all.
    if text and "\\u" in line:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(f"'text' holds a lone surrogate at index {e.start}") from None
    return record


def _load_gazetteer(path: str) -> Gazetteer:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return Gazetteer.from_csv(path)
    if suffix in (".jsonl", ".ndjson"):
        return Gazetteer.from_jsonl(path)
    return Gazetteer.load(path)


def _quotes(args: argparse.Namespace) -> int:
    gazetteer = _load_gazetteer(args.gazetteer) if args.gazetteer else None
    extractor = Extractor(gazetteer)
    out: IO[str] = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        chunk: list[tuple[Any, str | None]] = []
        skipped: list[str] | None = [] if args.skip_bad else None
        records = _read_jsonl(args.input, skipped)
        while True:
            chunk = [r for _, r in zip(range(CHUNK_DOCS), records, strict=False)]
            if not chunk:
                break
            docs = extractor.pipe([text for _, text in chunk], threads=args.threads)
            for (doc_id, _), doc in zip(chunk, docs, strict=True):
                quotes = [q.to_dict() for q in doc.quotes]
                out.write(json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if skipped:
        _report_skipped(skipped)
    return 0


def _report_skipped(skipped: list[str], show: int = 10) -> None:
    """Say on standard error how many bad lines were skipped, and which."""
    print(f"sayso: skipped {len(skipped)} bad line(s):", file=sys.stderr)
    for message in skipped[:show]:
        print(f"  {message}", file=sys.stderr)
    if len(skipped) > show:
        print(f"  ... and {len(skipped) - show} more", file=sys.stderr)


def _demo(_args: argparse.Namespace) -> int:
    text = example_article()
    gaz = example_gazetteer()
    doc = Extractor(gaz)(text)
    matches = doc.entities
    title = text.splitlines()[0]
    print(f"sayso {__version__} demo: the example article ({len(text)} characters)")
    print(f"  {title!r}")
    print(f"gazetteer: {gaz!r}")
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sayso`` command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="sayso", description="Who and what is mentioned in news text."
    )
    parser.add_argument("--version", action="version", version=f"sayso {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="run sayso on the built-in example article")
    demo.set_defaults(run=_demo)
    quotes = commands.add_parser(
        "quotes", help='find quotes in a JSONL file of {"id", "text"} records'
    )
    quotes.add_argument("input", help="JSONL input, one {id, text} object a line")
    quotes.add_argument("-o", "--output", help="JSONL output (default: standard output)")
    quotes.add_argument("--gazetteer", help="a gazetteer (.csv, .jsonl, or saved) to link speakers")
    quotes.add_argument("--threads", type=int, default=None, help="threads (default: all cores)")
    quotes.add_argument(
        "--skip-bad",
        action="store_true",
        help="skip bad input lines (counted and listed on standard error) instead of stopping",
    )
    quotes.set_defaults(run=_quotes)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (InputError, OSError, ValueError) as e:
        print(f"sayso: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
