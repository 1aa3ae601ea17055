"""Unpickling that rebuilds once a process.

Dask and Spark send a pickled ``Gazetteer`` or ``Extractor`` with every task.
Unpickling goes through these functions, which keep the last few rebuilt
objects by the digest of their saved form, so each worker process builds a
gazetteer once however many tasks bring it. The objects are immutable, so
sharing them is safe.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from sayso._core import Doc, Extractor, Gazetteer, Match, Quote

KEEP = 4
_LOCK = threading.Lock()
_GAZETTEERS: OrderedDict[bytes, Gazetteer] = OrderedDict()
_EXTRACTORS: OrderedDict[tuple[int, str], tuple[Any, Extractor]] = OrderedDict()


def _keep(cache: OrderedDict, key: Any, value: Any) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > KEEP:
        cache.popitem(last=False)


def gazetteer(data: bytes) -> Gazetteer:
    """Return the gazetteer saved in ``data``, rebuilt at most once while it stays cached."""
    key = hashlib.blake2b(data, digest_size=16).digest()
    with _LOCK:
        found = _GAZETTEERS.get(key)
    if found is None:
        found = Gazetteer.from_bytes(data)
        with _LOCK:
            _keep(_GAZETTEERS, key, found)
    return found


def extractor(gaz: Gazetteer | bool | None, reports: str = "speech") -> Extractor:  # noqa: FBT001 (pickle's call)
    """Return ``Extractor(gaz, reports=reports)``, one per gazetteer object and mode."""
    key = (id(gaz), reports)
    with _LOCK:
        found = _EXTRACTORS.get(key)
    if found is not None and found[0] is gaz:
        return found[1]
    ex = Extractor(gaz, reports=reports)
    with _LOCK:
        # The gazetteer is kept with its extractor, so its id is not reused.
        _keep(_EXTRACTORS, key, (gaz, ex))
    return ex


def quote(state: dict[str, Any], mentions: list[Match] | None = None) -> Quote:
    """Return the ``Quote`` whose ``to_dict()`` is ``state`` and whose mentions are ``mentions``."""
    return Quote._from_dict(state, mentions)


def doc(text: str, entities: list[Match], quotes: list[Quote]) -> Doc:
    """Return the ``Doc`` of ``text`` with these entities and quotes."""
    return Doc._restore(text, entities, quotes)
