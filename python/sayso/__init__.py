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
    "render",
]
__version__ = "0.1.0"


def register_pandas() -> None:
    """Register the ``Series.sayso`` accessor with pandas.

    ``import sayso`` does it, at once when pandas is already imported, else
    as soon as pandas is; calling it again does nothing.
    """
    from sayso._frames import register_accessor

    register_accessor()


class _AfterPandas:
    """An import hook that registers ``Series.sayso`` once pandas is imported after sayso."""

    def find_spec(self, name: str, path: object, target: object = None) -> object:
        if name != "pandas":
            return None
        _sys.meta_path.remove(self)  # once, and out of the way of the search below
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _RegisteringLoader(spec.loader)
        return spec


class _RegisteringLoader:
    """pandas' own loader, and then the accessor's registration."""

    def __init__(self, inner: object) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    def create_module(self, spec: object) -> object:
        return self._inner.create_module(spec)  # type: ignore[attr-defined]

    def exec_module(self, module: object) -> None:
        self._inner.exec_module(module)  # type: ignore[attr-defined]
        register_pandas()


if "pandas" in _sys.modules:
    register_pandas()
else:
    _sys.meta_path.insert(0, _AfterPandas())

# A forked child has none of the parent's worker threads: let it start its own.
_os.register_at_fork(after_in_child=_after_fork)
