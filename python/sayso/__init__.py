"""sayso: who and what is mentioned in news text, and who said what.

>>> import sayso
>>> gaz = sayso.Gazetteer([{"name": "Saudi Arabia", "label": "GPE", "aliases": ["Saudi"]}])
>>> [(m.text, m.name) for m in gaz.find("Saudi officials met in Riyadh.")]
[('Saudi', 'Saudi Arabia')]
>>> doc = sayso.Extractor(gaz)("Talks will go on, a Saudi envoy said.")
>>> [(q.text, q.kind, q.speaker_text) for q in doc.quotes]
[('Talks will go on', 'indirect', 'a Saudi envoy')]
>>> quote = sayso.Extractor(gaz)("“Saudi ports stay open,” Ames said.").quotes[0]
>>> [(quote.speaker, m.name) for m in quote.mentions]
[('Ames', 'Saudi Arabia')]
"""

import os as _os
import sys as _sys

from sayso._about import who_about_whom
from sayso._core import (
    FORMAT_VERSION,
    RULE_NAMES,
    Doc,
    Extractor,
    Gazetteer,
    Match,
    Quote,
    _after_fork,
)
from sayso._html import render
from sayso.errors import GazetteerError, InternalError, SaysoError, TextError

__all__ = [
    "FORMAT_VERSION",
    "RULE_NAMES",
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
    "who_about_whom",
]
__version__ = "0.1.0"


def register_pandas() -> None:
    """Register the ``Series.sayso`` accessor with pandas.

    ``import sayso`` does it, at once when pandas is already imported, else
    as soon as pandas is; calling it again does nothing.

    The accessor has three methods, ``texts.sayso.entities(ex=None, **options)``,
    ``texts.sayso.quotes(ex=None, **options)`` and ``texts.sayso.about(ex=None,
    **options)``: they return ``ex.entities(texts, **options)``,
    ``ex.quotes(texts, **options)`` and ``ex.about(texts, **options)``, with
    ``sayso.Extractor()`` when ``ex`` is None.

    Raises
    ------
    ImportError
        pandas is not installed (the ``pandas`` extra).

    See Also
    --------
    Extractor.entities, Extractor.quotes

    Examples
    --------
    >>> import pandas as pd, sayso
    >>> sayso.register_pandas()
    >>> texts = pd.Series(["Prices will fall, Ames said."])
    >>> texts.sayso.quotes(sayso.Extractor(False))["speaker"].tolist()
    ['Ames']
    """
    from sayso._frames import register_accessor

    register_accessor()


def register_polars() -> None:
    """Register the ``sayso`` namespace on polars DataFrame, LazyFrame and Series.

    ``import sayso`` does it when polars is already imported, and so does the
    first ``Extractor.entities``, ``Extractor.quotes`` or ``Extractor.about`` of
    a polars input; call this when polars is imported after sayso and the
    namespace is wanted first. Calling it again does nothing.

    The namespace has three methods, ``entities``, ``quotes`` and ``about``: on
    a DataFrame or LazyFrame ``df.sayso.quotes(column, ex=None, **options)`` is
    ``ex.quotes(df, column, **options)``; on a Series
    ``texts.sayso.quotes(ex=None, **options)`` is ``ex.quotes(texts, **options)``,
    with ``sayso.Extractor()`` when ``ex`` is None. A LazyFrame gives a
    LazyFrame, through ``map_batches``.

    Raises
    ------
    ImportError
        polars is not installed (the ``polars`` extra).

    See Also
    --------
    register_pandas, Extractor.quotes

    Examples
    --------
    >>> import polars as pl, sayso
    >>> sayso.register_polars()
    >>> df = pl.DataFrame({"id": ["a1"], "text": ["Prices will fall, Ames said."]})
    >>> df.sayso.quotes("text", sayso.Extractor(False), keep="id").select("id", "speaker").rows()
    [('a1', 'Ames')]
    """
    from sayso._polars import register

    register()


# pyo3 implements ``__call__`` as the type's call slot, which Python shows as
# ``__call__(self, /, *args, **kwargs)`` with no docstring: Jupyter, help()
# and inspect.signature(ex) would not know what an extractor takes. This
# method, with the real signature, calls the compiled slot itself.
_extractor_call = Extractor.__call__


def __call__(self: Extractor, text: str | None) -> Doc:
    """Find the entities and quotes of one text.

    Parameters
    ----------
    text : str or None
        The text; None (also NaN and ``pd.NA``) is no text and gives an empty ``Doc``.

    Returns
    -------
    Doc
        The text with its gazetteer matches and its quotes.

    Raises
    ------
    TypeError
        ``text`` is not a str.
    TextError
        ``text`` is not valid Unicode (a lone surrogate) or is 4 GiB or more.

    See Also
    --------
    Extractor.pipe : Many texts, in parallel.

    Examples
    --------
    >>> import sayso
    >>> doc = sayso.Extractor(False)("Prices will fall, Ames said.")
    >>> [(q.text, q.speaker) for q in doc.quotes]
    [('Prices will fall', 'Ames')]
    """
    return _extractor_call(self, text)


__call__.__qualname__ = "Extractor.__call__"
__call__.__module__ = "sayso"
Extractor.__call__ = __call__  # type: ignore[method-assign]
del __call__


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
if "polars" in _sys.modules:
    register_polars()

# A forked child has none of the parent's worker threads: let it start its own.
_os.register_at_fork(after_in_child=_after_fork)
