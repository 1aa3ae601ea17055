"""polars: the ``sayso`` namespace on DataFrame, LazyFrame and Series.

Registered through polars' namespace API when ``sayso`` is imported after polars, on the
first polars input, or by ``sayso.register_polars()``.
"""

from __future__ import annotations

from typing import Any

_REGISTERED = False


def _extractor(ex: Any) -> Any:
    from sayso import Extractor

    return Extractor() if ex is None else ex


def lazy(
    what: str,
    ex: Any,
    lf: Any,
    column: str | None,
    *,
    keep: Any,
    threads: int | None,
    output: str,
) -> Any:
    """Return a LazyFrame of the entities or quotes of a LazyFrame, through ``map_batches``.

    The output schema comes from running the extractor on no rows; ``doc`` is the position
    of the row in the frame that reaches the function (use ``keep`` to carry an id).
    """
    import polars as pl

    if output != "polars":
        raise ValueError(f"a LazyFrame gives a LazyFrame: output must be 'polars', not {output!r}")
    method = getattr(ex, what)
    empty = pl.DataFrame(schema=lf.collect_schema())
    schema = method(empty, column, keep=keep, output="polars").schema

    def run(df: Any) -> Any:
        return method(df, column, keep=keep, threads=threads, output="polars")

    return lf.map_batches(run, schema=schema)


def register() -> None:
    """Register the ``sayso`` namespace with polars, once."""
    global _REGISTERED
    if _REGISTERED:
        return
    import polars as pl

    @pl.api.register_dataframe_namespace("sayso")
    class SaysoFrame:
        """``df.sayso.quotes("text", keep=[...])`` and ``df.sayso.entities("text")``."""

        def __init__(self, df: Any) -> None:
            self._df = df

        def entities(self, column: str, ex: Any = None, **options: Any) -> Any:
            """Return ``ex.entities(df, column, **options)``; ``ex`` defaults to ``Extractor()``."""
            return _extractor(ex).entities(self._df, column, **options)

        def quotes(self, column: str, ex: Any = None, **options: Any) -> Any:
            """Return ``ex.quotes(df, column, **options)``; ``ex`` defaults to ``Extractor()``."""
            return _extractor(ex).quotes(self._df, column, **options)

    @pl.api.register_lazyframe_namespace("sayso")
    class SaysoLazyFrame(SaysoFrame):
        """As on a DataFrame, giving a LazyFrame (through ``map_batches``)."""

    @pl.api.register_series_namespace("sayso")
    class SaysoSeries:
        """``texts.sayso.entities(ex)`` and ``texts.sayso.quotes(ex)`` on a Series of texts."""

        def __init__(self, series: Any) -> None:
            self._series = series

        def entities(self, ex: Any = None, **options: Any) -> Any:
            """Return ``ex.entities(series, **options)``; ``ex`` defaults to ``Extractor()``."""
            return _extractor(ex).entities(self._series, **options)

        def quotes(self, ex: Any = None, **options: Any) -> Any:
            """Return ``ex.quotes(series, **options)``; ``ex`` defaults to ``Extractor()``."""
            return _extractor(ex).quotes(self._series, **options)

    _REGISTERED = True
