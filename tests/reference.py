"""A naive pure-Python gazetteer matcher with sayso's semantics.

Slow and obvious on purpose: it tries every span of the text against every
entry. The Hypothesis tests compare sayso against it.
"""

from __future__ import annotations

import unicodedata

# Unicode White_Space (what Rust's char::is_whitespace tests).
WHITE_SPACE = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
APOSTROPHES = frozenset("\u2018\u2019\u02bc\uff07")
DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")


def is_word(c: str) -> bool:
    """Whether `c` is a letter, number or mark, judged after the variant fold.

    The fold comes first: U+02BC (a modifier letter) is an apostrophe here.
    """
    return unicodedata.category(fold_char(c, case=True)[0])[0] in "LNM"


def fold_char(c: str, *, case: bool) -> str:
    """Fold one non-space character: variants, its canonical decomposition, case."""
    if c in APOSTROPHES:
        c = "'"
    elif c in DASHES:
        c = "-"
    if case and c == "\u0130":
        return "i"
    parts = unicodedata.normalize("NFD", c)
    if not case:
        return parts
    return "".join(p.lower() if len(p.lower()) == 1 else p for p in parts)


def fold_key(s: str, *, case: bool = True) -> str:
    """Fold a name: variants, case, and runs of white space to one space, trimmed."""
    out: list[str] = []
    pending = False
    for c in s:
        if c in WHITE_SPACE:
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            pending = False
        out.append(fold_char(c, case=case))
    # Canonical order of combining marks across characters (NFD of what is
    # decomposed already), then, ignoring case, no dot above right after an i.
    folded = unicodedata.normalize("NFD", "".join(out))
    return folded.replace("i\u0307", "i") if case else folded


def find(
    entries: list[dict], text: str, *, overlapping: bool = False
) -> list[tuple[int, int, int]]:
    """Return the (start, end, entry index) matches of `entries` in `text`."""
    n = len(text)
    found: set[tuple[int, int, int]] = set()
    for s in range(n):
        if (s > 0 and is_word(text[s - 1])) or text[s] in WHITE_SPACE:
            continue
        for e in range(s + 1, n + 1):
            if (e < n and is_word(text[e])) or text[e - 1] in WHITE_SPACE:
                continue
            surface = text[s:e]
            for k, entry in enumerate(entries):
                sensitive = entry.get("case") == "sensitive"
                names = [entry["name"], *entry.get("aliases", [])]
                if any(
                    fold_key(surface, case=not sensitive) == fold_key(name, case=not sensitive)
                    for name in names
                ):
                    found.add((s, e, k))
    ordered = sorted(found)
    if overlapping:
        return ordered
    out: list[tuple[int, int, int]] = []
    pos = 0
    for s in sorted({m[0] for m in ordered}):
        if s < pos:
            continue
        longest = max(m[1] for m in ordered if m[0] == s)
        out.extend(m for m in ordered if m[0] == s and m[1] == longest)
        pos = longest
    return out
