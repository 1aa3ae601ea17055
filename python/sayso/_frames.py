"""pandas helpers; pandas is imported only by the functions that need it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_KNOWN = ("name", "label", "id", "aliases", "case")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return type(value).__name__ == "NAType"


def gazetteer_records(df: Any) -> Iterator[dict[str, Any]]:
    """Yield entry dicts from a DataFrame with columns like ``Gazetteer.from_csv``'s.

    ``aliases`` may hold lists or ``|``-separated strings; columns other than
    name, label, id, aliases and case become metadata; missing cells are left out.
    """
    columns = [str(c) for c in df.columns]
    missing = [c for c in ("name", "label") if c not in columns]
    if missing:
        from sayso.errors import GazetteerError

        raise GazetteerError(
            f"the DataFrame has no column {' or '.join(missing)}; it has {columns}"
        )
    extra = [c for c in columns if c not in _KNOWN]
    for i, row in enumerate(df.itertuples(index=False, name=None)):
        values = dict(zip(columns, row, strict=True))
        entry: dict[str, Any] = {}
        for key in _KNOWN:
            value = values.get(key)
            if key in values and not _missing(value):
                entry[key] = value
        aliases = entry.get("aliases")
        if isinstance(aliases, str):
            entry["aliases"] = [a for a in aliases.split("|") if a] if aliases else []
        elif aliases is not None:
            entry["aliases"] = list(aliases)
        if "id" in entry and not isinstance(entry["id"], str | int):
            entry["id"] = str(entry["id"])
        meta = {c: _plain(values[c]) for c in extra if not _missing(values[c])}
        if meta:
            entry["metadata"] = meta
        entry.setdefault("name", values.get("name"))
        if entry["name"] is None:
            from sayso.errors import GazetteerError

            raise GazetteerError(f"entry {i}: the name is missing")
        yield entry


def _plain(value: Any) -> Any:
    """Turn numpy scalars into Python ones (they carry ``.item()``)."""
    item = getattr(value, "item", None)
    return item() if callable(item) and not isinstance(value, str | bytes) else value
