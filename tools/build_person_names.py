"""Build the first-name (with gender) and surname lists of sayso's person guard.

Usage: python tools/build_person_names.py [--out python/sayso/data/person_names.tsv]

Source: the person providers of Faker (https://pypi.org/project/Faker/, MIT licence),
version pinned in pyproject.toml. First names come from the Latin-script locales listed
below, surnames from the English-language ones. Each line of the output is
``name<TAB>first<TAB>surname``: ``first`` is ``m`` or ``f`` (a first name found only in
male or only in female lists), ``u`` (found in both) or ``-`` (no first name);
``surname`` is ``s`` (a surname) or ``-``.
The Rust core compiles the file in (src/gazetteer/names.rs).

The output is deterministic: the same Faker version gives the same file, which a test
checks against the shipped one.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

OUT = Path(__file__).parent.parent / "python" / "sayso" / "data" / "person_names.tsv"

# Latin-script locales whose first names appear in English-language news.
FIRST_NAME_LOCALES = [
    "en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR",
    "pt_PT", "nl_NL", "pl_PL", "cs_CZ", "sk_SK", "hr_HR", "sl_SI", "sv_SE", "da_DK",
    "no_NO", "fi_FI", "ro_RO", "hu_HU",
]  # fmt: skip
SURNAME_LOCALES = ["en_US", "en_GB", "en_IE"]


def names(locale: str, attr: str) -> list[str]:
    """The names of one Faker list, or none when the locale lacks it."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    return list(getattr(provider, attr, None) or [])


def usable(name: str) -> bool:
    """A one-word name of two or more letters, capitalised, in Latin script."""
    return (
        len(name) >= 2
        and name.isalpha()
        and name[0].isupper()
        and name[1:].islower()
        and all(ord(c) < 0x250 for c in name)
    )


def build() -> str:
    """The list as TSV text, sorted by name."""
    male: set[str] = set()
    female: set[str] = set()
    for loc in FIRST_NAME_LOCALES:
        male.update(n for n in names(loc, "first_names_male") if usable(n))
        female.update(n for n in names(loc, "first_names_female") if usable(n))
    surnames: set[str] = set()
    for loc in SURNAME_LOCALES:
        surnames.update(n for n in names(loc, "last_names") if usable(n))
    lines = []
    for n in sorted(male | female | surnames):
        first = (
            "u" if n in male and n in female else "m" if n in male else "f" if n in female else "-"
        )
        lines.append(f"{n}\t{first}\t{'s' if n in surnames else '-'}\n")
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = build()
    args.out.write_text(text, encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()]
    counts = {k: sum(r[1] == k for r in rows) for k in "mfu"} | {
        "s": sum(r[2] == "s" for r in rows)
    }
    print(f"wrote {args.out}: {counts}, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
