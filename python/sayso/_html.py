"""HTML pictures of documents, for Jupyter: ``Doc._repr_html_`` and ``sayso.render``.

The text is shown with each entity highlighted by label (its label in small
capitals after it, its name and id on hover) and each quote underlined and
numbered, its cue in bold and its speaker mention marked with the same
number; a table under the text lists the quotes with their speakers and the
entities each mentions. Hovering a quote (or its row in the table) outlines
the entities it mentions (CSS ``:has()``; no script needed). Colours
are translucent over the page's own, so light and dark themes both read.
Everything from the text is HTML-escaped.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable
from typing import Any

MAX_CHARS = 20_000

# Translucent colours, legible over white and over near-black.
_LABEL_COLOURS = [
    "rgba(66, 133, 244, 0.28)",
    "rgba(52, 168, 83, 0.28)",
    "rgba(251, 188, 5, 0.32)",
    "rgba(234, 67, 53, 0.26)",
    "rgba(171, 71, 188, 0.28)",
    "rgba(0, 172, 193, 0.28)",
]
_FIXED = {"PERSON": 0, "PER": 0, "ORG": 1, "GPE": 2, "LOC": 5}

_STYLE = """
<style>
.sayso-doc { font-family: system-ui, sans-serif; line-height: 1.9; max-width: 60em; }
.sayso-text { white-space: pre-wrap; }
.sayso-ent { border-radius: 0.25em; padding: 0 0.15em; }
.sayso-label { font-size: 0.65em; font-weight: 600; letter-spacing: 0.04em;
  opacity: 0.75; margin-left: 0.2em; vertical-align: 0.1em; }
.sayso-quote { text-decoration: underline; text-decoration-color: rgba(234, 67, 53, 0.8);
  text-decoration-thickness: 2px; text-underline-offset: 0.2em; }
.sayso-cue { font-weight: 700; }
.sayso-speaker { outline: 2px dashed rgba(234, 67, 53, 0.7); outline-offset: 1px;
  border-radius: 0.2em; }
.sayso-n { font-size: 0.7em; font-weight: 700; color: rgb(234, 67, 53); vertical-align: super; }
.sayso-table { border-collapse: collapse; margin-top: 0.8em; font-size: 0.9em; }
.sayso-table td, .sayso-table th { border-bottom: 1px solid rgba(127, 127, 127, 0.35);
  padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
.sayso-note { opacity: 0.7; font-style: italic; }
</style>
"""


def _colour(label: str, labels: dict[str, str]) -> str:
    if label not in labels:
        index = _FIXED.get(label.upper(), len(labels) + 2)
        labels[label] = _LABEL_COLOURS[index % len(_LABEL_COLOURS)]
    return labels[label]


def doc_html(doc: Any, max_chars: int = MAX_CHARS) -> str:
    """Return the HTML picture of one ``Doc`` (at most ``max_chars`` of its text)."""
    return _STYLE + _body(doc, max_chars)


def _body(doc: Any, max_chars: int) -> str:
    text = doc.text
    cut = len(text) > max_chars
    shown = text[:max_chars] if cut else text
    limit = len(shown)
    labels: dict[str, str] = {}
    # Boundaries where the set of marks changes.
    marks: list[tuple[int, int, str, Any]] = []
    quotes = [q for q in doc.quotes if q.end <= limit]
    # The numbers of the quotes that mention each entity, by its span.
    mentioned_by: dict[tuple[int, int], list[int]] = {}
    for n, q in enumerate(quotes, 1):
        for m in q.mentions:
            mentioned_by.setdefault((m.start, m.end), []).append(n)
    for m in doc.entities:
        if m.end <= limit:
            marks.append((m.start, m.end, "ent", (m, mentioned_by.get((m.start, m.end), []))))
    for n, q in enumerate(quotes, 1):
        marks.append((q.start, q.end, "quote", n))
        if q.cue_start is not None and q.cue_end <= limit:
            marks.append((q.cue_start, q.cue_end, "cue", n))
        if q.speaker_start is not None and q.speaker_end <= limit:
            marks.append((q.speaker_start, q.speaker_end, "speaker", n))
    cuts = sorted({0, limit, *(s for s, _, _, _ in marks), *(e for _, e, _, _ in marks)})
    out = ['<div class="sayso-doc">', _hover_style(quotes), '<div class="sayso-text">']
    # A sweep over the cuts: the marks that cover a segment are those begun
    # and not yet ended, in the order they were listed.
    by_start = sorted(range(len(marks)), key=lambda i: marks[i][0])
    begun = 0
    live: list[int] = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        while begun < len(by_start) and marks[by_start[begun]][0] <= a:
            live.append(by_start[begun])
            begun += 1
        # Every end is a cut: a mark that ends after a covers [a, b).
        live = [i for i in live if marks[i][1] > a]
        active = [marks[i] for i in sorted(live)]
        out.append(_segment(html.escape(shown[a:b]), active, a, b, labels))
    out.append("</div>")
    if cut:
        out.append(
            f'<p class="sayso-note">Showing the first {max_chars:,} of {len(text):,} characters'
            f"; {len(doc.quotes) - len(quotes)} more quotes and the rest of the text are not"
            " shown.</p>"
        )
    out.append(_table(quotes))
    out.append("</div>")
    return "".join(out)


def _segment(escaped: str, active: list, a: int, b: int, labels: dict[str, str]) -> str:
    classes, styles, titles, after, speakers = [], [], [], [], []
    for s, e, kind, x in active:
        if kind == "ent":
            x, by = x
            classes.append("sayso-ent")
            classes.extend(f"sayso-m{n}" for n in by)
            styles.append(f"background: {_colour(x.label, labels)}")
            titles.append(f"{x.name} ({x.label}, id {x.id})")
            if e == b:
                after.append(f'<span class="sayso-label">{html.escape(x.label)}</span>')
        elif kind == "quote":
            classes.append("sayso-quote")
            classes.append(f"sayso-q{x}")
            if s == a:
                escaped = f'<span class="sayso-n">{x}</span>' + escaped
        elif kind == "cue":
            classes.append("sayso-cue")
        elif kind == "speaker":
            classes.append("sayso-speaker")
            if e == b:
                speakers.append(str(x))
    if speakers:  # one mention may speak several quotes: "1,2"
        after.append(f'<span class="sayso-n">{",".join(speakers)}</span>')
    if not classes:
        return escaped
    attrs = f' class="{" ".join(dict.fromkeys(classes))}"'
    if styles:
        attrs += f' style="{"; ".join(styles)}"'
    if titles:
        attrs += f' title="{html.escape("; ".join(titles))}"'
    return f"<span{attrs}>{escaped}</span>{''.join(after)}"


def _hover_style(quotes: list[Any]) -> str:
    """Return the CSS that outlines the entities of quote n while it (or its row) is hovered."""
    rules = [
        f".sayso-doc:has(.sayso-q{n}:hover) .sayso-m{n}"
        for n, q in enumerate(quotes, 1)
        if q.mentions
    ]
    if not rules:
        return ""
    return (
        "<style>"
        + ",\n".join(rules)
        + " { outline: 2px solid rgb(234, 67, 53); outline-offset: 1px; }</style>"
    )


def _table(quotes: list[Any]) -> str:
    if not quotes:
        return '<p class="sayso-note">No quotes found.</p>'
    rows = []
    for n, q in enumerate(quotes, 1):
        who = html.escape(q.speaker) if q.speaker else '<span class="sayso-note">unknown</span>'
        if q.speaker_text and q.speaker_text != q.speaker:
            who += f' <span class="sayso-note">as “{html.escape(q.speaker_text)}”</span>'
        if q.speaker_id:
            who += f' <span class="sayso-note">[{html.escape(q.speaker_id)}]</span>'
        cue = html.escape(q.cue) if q.cue else ""
        text = q.text if len(q.text) <= 90 else q.text[:87] + "…"
        about = ", ".join(html.escape(name) for name in dict.fromkeys(m.name for m in q.mentions))
        rows.append(
            f'<tr class="sayso-q{n}"><td class="sayso-n">{n}</td><td>{html.escape(q.kind)}</td>'
            f"<td>{who}</td><td>{cue}</td><td>{html.escape(text)}</td>"
            f"<td>{about}</td></tr>"
        )
    head = (
        "<tr><th>#</th><th>kind</th><th>speaker</th><th>cue</th><th>quote</th><th>about</th></tr>"
    )
    return f'<table class="sayso-table">{head}{"".join(rows)}</table>'


class Rendered:
    """HTML of several documents, as ``render`` returns it.

    Jupyter shows it; ``str()`` gives the HTML, and ``.html`` holds it.

    Examples
    --------
    >>> import sayso
    >>> shown = sayso.render(sayso.Extractor(False)("“Yes,” Ames said."))
    >>> str(shown).count("sayso-quote") > 0
    True
    """

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<sayso.render: {len(self.html):,} characters of HTML>"


def render(docs: Any, max_chars: int = MAX_CHARS) -> Rendered:
    """Show one ``Doc`` or several as HTML in Jupyter.

    Each document is drawn as ``Doc`` draws itself: entities highlighted by
    label, each quote underlined and numbered with its cue and speaker, and a
    table of the quotes below. The text is HTML-escaped.

    Parameters
    ----------
    docs : Doc or iterable of Doc
        The documents, such as the result of ``Extractor.pipe``.
    max_chars : int, default 20000
        Documents longer than this are cut, with a note.

    Returns
    -------
    Rendered
        An object that Jupyter shows as HTML; ``str()`` gives the HTML.

    See Also
    --------
    Doc : A single document shows itself the same way.

    Examples
    --------
    >>> import sayso
    >>> docs = sayso.Extractor(False).pipe(["“Yes,” she said.", "No quotes."])
    >>> "sayso-quote" in str(sayso.render(docs))
    True
    """
    items: Iterable[Any] = [docs] if hasattr(docs, "quotes") else docs
    parts = [
        f'<h4 style="margin: 1em 0 0.3em">Document {i}</h4>{_body(d, max_chars)}'
        for i, d in enumerate(items)
    ]
    return Rendered(_STYLE + "".join(parts))
