"""Who says what about whom: counts over the frame of ``Extractor.about``."""

from __future__ import annotations

from typing import Any

_NEEDED = ("doc", "quote_start", "quote_end", "speaker", "entity")


def who_about_whom(frame: Any, *, by: str = "name", unattributed: bool = False) -> Any:
    """Count, for each (speaker, entity) pair, the quotes in which the speaker mentions the entity.

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame of ``Extractor.about`` (or some of its rows: any frame with its
        columns).
    by : {"name", "id"}, default "name"
        Name the pairs by the speaker's and the entity's names, or by their
        gazetteer ids (unlinked speakers have none and are then left out).
    unattributed : bool, default False
        Keep the quotes whose speaker is unknown (with a missing ``speaker``);
        by default they are left out, as they answer no "who".

    Returns
    -------
    pandas.DataFrame
        One row per pair, most quoted first: ``speaker``, ``entity`` (with
        ``by="id"``: ``speaker_id``, ``entity_id``), ``quotes`` (the quotes
        in which the speaker mentions the entity), ``mentions`` (the mentions
        in them: a quote may name an entity twice) and ``docs`` (the
        documents with such a quote).

    Raises
    ------
    ValueError
        If ``by`` is neither "name" nor "id".
    KeyError
        If the frame lacks a column of ``Extractor.about`` that is needed
        (the message names them).

    Examples
    --------
    >>> import sayso
    >>> gaz = sayso.Gazetteer([
    ...     {"name": "Eva Lind", "label": "PERSON"},
    ...     {"name": "Jon Voss", "label": "PERSON"},
    ...     {"name": "Nordvik", "label": "GPE"},
    ... ])
    >>> texts = [
    ...     "“Jon Voss has let Nordvik down,” Eva Lind said.",
    ...     "“Jon Voss knows it,” Eva Lind said on Monday.",
    ... ]
    >>> sayso.who_about_whom(sayso.Extractor(gaz).about(texts))
        speaker    entity  quotes  mentions  docs
    0  Eva Lind  Jon Voss       2         2     2
    1  Eva Lind   Nordvik       1         1     1

    """
    import pandas as pd

    if by not in ("name", "id"):
        raise ValueError(f'by must be "name" or "id", not {by!r}')
    columns = [str(c) for c in frame.columns]
    keys = ("speaker", "entity") if by == "name" else ("speaker_id", "entity_id")
    missing = [c for c in (*_NEEDED, *keys) if c not in columns]
    if missing:
        raise KeyError(
            f"who_about_whom needs the columns of Extractor.about; {missing} are missing "
            f"from the frame, which has {columns}"
        )
    speaker, entity = keys
    rows = frame[[*_NEEDED[:3], speaker, entity]].copy()
    for key in keys:  # plain objects: counts are for the pairs present, not every category
        rows[key] = rows[key].astype(object)
    if not unattributed:
        rows = rows[rows[speaker].notna()]
    rows["quote"] = list(zip(rows["doc"], rows["quote_start"], rows["quote_end"], strict=True))
    counts = (
        rows.groupby([speaker, entity], dropna=False, sort=False)
        .agg(
            quotes=("quote", "nunique"),
            mentions=("quote", "size"),
            docs=("doc", "nunique"),
        )
        .reset_index()
    )
    counts = counts.sort_values(
        ["quotes", "mentions", speaker, entity],
        ascending=[False, False, True, True],
        na_position="last",
        kind="stable",
    )
    return pd.DataFrame(counts.reset_index(drop=True))
