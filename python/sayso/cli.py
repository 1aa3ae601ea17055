"""The ``sayso`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sayso import __version__
from sayso.examples import example_article, example_gazetteer


def _demo(_args: argparse.Namespace) -> int:
    text = example_article()
    gaz = example_gazetteer()
    matches = gaz.find(text)
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
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
