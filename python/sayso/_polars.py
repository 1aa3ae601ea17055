"""polars: the ``sayso`` namespace on DataFrame, LazyFrame and Series.

Registered through polars' namespace API when ``sayso`` is imported after polars, on the
first polars input, or by ``sayso.register_polars()``.
"""

from __future__ import annotations

from typing import Any

from sayso._frames import _extractor

_REGISTERED = False


def lazy(
    what: str,
    ex: Any,
    lf: Any,
    column: str | None,
    *,
    keep: Any,
    threads: int | None,
    output: str,
    **extra: Any,
) -> Any:
    """Return a LazyFrame of the entities, quotes or about rows of a LazyFrame.

    Through ``map_batches``: the output schema comes from running the extractor on no
    rows; ``doc`` is the position of the row in the frame that reaches the function (use
    ``keep`` to carry an id). ``extra`` holds ``min_confidence`` for quotes.
    """
    import polars as pl

    if output != "polars":
        raise ValueError(f"a LazyFrame gives a LazyFrame: output must be 'polars', not {output!r}")
    method = getattr(ex, what)
    empty = pl.DataFrame(schema=lf.collect_schema())
    schema = method(empty, column, keep=keep, output="polars", **extra).schema

    def run(df: Any) -> Any:
        return method(df, column, keep=keep, threads=threads, output="polars", **extra)

    return lf.map_batches(run, schema=schema)


class SaysoFrame:
    """The ``sayso`` namespace of a polars DataFrame whose texts are in one column.

    ``df.sayso.entities(column, ex)``, ``df.sayso.quotes(column, ex)`` and
    ``df.sayso.about(column, ex)`` are ``ex.entities(df, column)``,
    ``ex.quotes(df, column)`` and ``ex.about(df, column)``: polars frames by default.

    Examples
    --------
    >>> import polars as pl, sayso
    >>> sayso.register_polars()
    >>> df = pl.DataFrame({"id": ["a1"], "text": ["Prices will fall, Ames said."]})
    >>> df.sayso.quotes("text", sayso.Extractor(False), keep="id").select("id", "speaker").rows()
    [('a1', 'Ames')]
    """

    def __init__(self, df: Any) -> None:
        self._df = df

    def entities(self, column: str, ex: Any = None, **options: Any) -> Any:
        """Return the entities of the texts in ``column``, one row a match.

        Parameters
        ----------
        column : str
            The column of texts.
        ex : Extractor or None, default None
            The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
        **options
            ``keep``, ``threads``, ``progress``, ``output``, ``metadata``: see
            ``Extractor.entities``.

        Returns
        -------
        polars.DataFrame
            ``ex.entities(df, column, **options)`` (a LazyFrame for a LazyFrame).

        Examples
        --------
        >>> import polars as pl, sayso
        >>> sayso.register_polars()
        >>> df = pl.DataFrame({"text": ["Talks in Oslo."]})
        >>> df.sayso.entities("text")["name"].to_list()
        ['Oslo']
        """
        return _extractor(ex).entities(self._df, column, **options)

    def quotes(self, column: str, ex: Any = None, **options: Any) -> Any:
        """Return the quotes of the texts in ``column``, one row a quote.

        Parameters
        ----------
        column : str
            The column of texts.
        ex : Extractor or None, default None
            The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
        **options
            ``keep``, ``threads``, ``progress``, ``output``, ``min_confidence``: see
            ``Extractor.quotes``.

        Returns
        -------
        polars.DataFrame
            ``ex.quotes(df, column, **options)`` (a LazyFrame for a LazyFrame).

        Examples
        --------
        >>> import polars as pl, sayso
        >>> sayso.register_polars()
        >>> df = pl.DataFrame({"text": ["Prices will fall, Ames said."]})
        >>> df.sayso.quotes("text", sayso.Extractor(False))["text"].to_list()
        ['Prices will fall']
        """
        return _extractor(ex).quotes(self._df, column, **options)

    def about(self, column: str, ex: Any = None, **options: Any) -> Any:
        """Return who speaks about which entity, one row a (quote, entity) pair.

        Parameters
        ----------
        column : str
            The column of texts.
        ex : Extractor or None, default None
            The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
        **options
            ``keep``, ``threads``, ``progress``, ``output``: see ``Extractor.about``.

        Returns
        -------
        polars.DataFrame
            ``ex.about(df, column, **options)`` (a LazyFrame for a LazyFrame).

        Examples
        --------
        >>> import polars as pl, sayso
        >>> sayso.register_polars()
        >>> ex = sayso.Extractor(sayso.Gazetteer([{"name": "Nordvik", "label": "ORG"}]))
        >>> df = pl.DataFrame({"text": ["Nordvik will grow, Ames said."]})
        >>> df.sayso.about("text", ex).select("speaker", "entity").rows()
        [('Ames', 'Nordvik')]
        """
        return _extractor(ex).about(self._df, column, **options)


class SaysoLazyFrame(SaysoFrame):
    """The ``sayso`` namespace of a polars LazyFrame: as on a DataFrame, giving a LazyFrame.

    The texts go through ``map_batches``; ``doc`` is the row's position in each batch, so
    carry an id with ``keep``.

    Examples
    --------
    >>> import polars as pl, sayso
    >>> sayso.register_polars()
    >>> lf = pl.LazyFrame({"id": ["a1"], "text": ["Prices will fall, Ames said."]})
    >>> quotes = lf.sayso.quotes("text", sayso.Extractor(False), keep="id")
    >>> quotes.collect().select("id", "speaker").rows()
    [('a1', 'Ames')]
    """


class SaysoSeries:
    """The ``sayso`` namespace of a polars Series of texts.

    ``texts.sayso.entities(ex)``, ``texts.sayso.quotes(ex)`` and
    ``texts.sayso.about(ex)`` are ``ex.entities(texts)``, ``ex.quotes(texts)`` and
    ``ex.about(texts)``: polars frames by default.

    Examples
    --------
    >>> import polars as pl, sayso
    >>> sayso.register_polars()
    >>> texts = pl.Series(["Prices will fall, Ames said."])
    >>> texts.sayso.quotes(sayso.Extractor(False)).select("doc", "speaker").rows()
    [(0, 'Ames')]
    """

    def __init__(self, series: Any) -> None:
        self._series = series

    def entities(self, ex: Any = None, **options: Any) -> Any:
        """Return the entities of the texts, one row a match.

        Parameters
        ----------
        ex : Extractor or None, default None
            The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
        **options
            ``threads``, ``progress``, ``output``, ``metadata``: see ``Extractor.entities``.

        Returns
        -------
        polars.DataFrame
            ``ex.entities(texts, **options)``.

        Examples
        --------
        >>> import polars as pl, sayso
        >>> sayso.register_polars()
        >>> pl.Series(["Talks in Oslo."]).sayso.entities()["name"].to_list()
        ['Oslo']
        """
        return _extractor(ex).entities(self._series, **options)

    def quotes(self, ex: Any = None, **options: Any) -> Any:
        """Return the quotes of the texts, one row a quote.

        Parameters
        ----------
        ex : Extractor or None, default None
            The extractor; None for ``sayso.Extractor()`` (the built-in gazetteer).
        **options
            ``threads``, ``progress``, ``output``, ``min_confidence``: see
            ``Extractor.quotes``.

        Returns
        -------
        polars.DataFrame
            ``ex.quotes(texts, **options)``.

        Examples
        --------
        >>> import polars as pl, sayso
        >>> sayso.register_polars()
        >>> pl.Series(["Prices will fall, Ames said."]).sayso.quotes()["text"].to_list()
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
            ``threads``, ``progress``, ``output``: see ``Extractor.about``.

        Returns
        -------
        polars.DataFrame
            ``ex.about(texts, **options)``.

        Examples
        --------
        >>> import polars as pl, sayso
        >>> sayso.register_polars()
        >>> ex = sayso.Extractor(sayso.Gazetteer([{"name": "Nordvik", "label": "ORG"}]))
        >>> texts = pl.Series(["Nordvik will grow, Ames said."])
        >>> texts.sayso.about(ex).select("speaker", "entity").rows()
        [('Ames', 'Nordvik')]
        """
        return _extractor(ex).about(self._series, **options)


def register() -> None:
    """Register the ``sayso`` namespace with polars, once."""
    global _REGISTERED
    if _REGISTERED:
        return
    import polars as pl

    pl.api.register_dataframe_namespace("sayso")(SaysoFrame)
    pl.api.register_lazyframe_namespace("sayso")(SaysoLazyFrame)
    pl.api.register_series_namespace("sayso")(SaysoSeries)
    _REGISTERED = True
