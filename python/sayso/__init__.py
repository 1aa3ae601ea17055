"""sayso: who and what is mentioned in news text, and who said what.

>>> import sayso
>>> gaz = sayso.Gazetteer([{"name": "Saudi Arabia", "label": "GPE", "aliases": ["Saudi"]}])
>>> [(m.text, m.name) for m in gaz.find("Saudi officials met in Riyadh.")]
[('Saudi', 'Saudi Arabia')]
>>> doc = sayso.Extractor(gaz)("Talks will go on, a Saudi envoy said.")
>>> [(q.text, q.kind, q.speaker_text) for q in doc.quotes]
[('Talks will go on', 'indirect', 'a Saudi envoy')]
"""

import os as _os
import sys as _sys

from sayso._core import FORMAT_VERSION, Doc, Extractor, Gazetteer, Match, Quote, _after_fork
from sayso._html import render
from sayso.errors import GazetteerError, InternalError, SaysoError, TextError

__all__ = [
    "FORMAT_VERSION",
    "Doc",
    "Extractor",
    "Gazetteer",
    "GazetteerError",
    "InternalError",
    "Match",
    "Quote",
    "SaysoError",
    "TextError",
    "register_pandas",
    "register_polars",
    "render",
]
__version__ = "0.1.0"


def register_pandas() -> None:
    """Register the ``Series.sayso`` accessor with pandas.

    ``import sayso`` does it when pandas is already imported, and so does the
    first ``Extractor.entities`` or ``Extractor.quotes``; call this when
    pandas is imported after sayso and the accessor is wanted first.
    """
    from sayso._frames import register_accessor

    register_accessor()


def register_polars() -> None:
    """Register the ``sayso`` namespace on polars DataFrame, LazyFrame and Series.

    ``import sayso`` does it when polars is already imported, and so does the first
    ``Extractor.entities`` or ``Extractor.quotes`` of a polars input.
    """
    from sayso._polars import register

    register()


if "pandas" in _sys.modules:
    register_pandas()
if "polars" in _sys.modules:
    register_polars()

# A forked child has none of the parent's worker threads: let it start its own.
_os.register_at_fork(after_in_child=_after_fork)
