"""Type stubs for sayso's compiled core."""

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal, Protocol, final

FORMAT_VERSION: Final[int]
RULE_NAMES: Final[list[str]]

class _ArrowStream(Protocol):
    """An Arrow array, chunked array or column: pyarrow, polars, DuckDB, nanoarrow..."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

class _ArrowArray(Protocol):
    def __arrow_c_array__(
        self, requested_schema: object | None = None
    ) -> tuple[object, object]: ...

_Texts = Iterable[str | float | None] | _ArrowStream | _ArrowArray

def _after_fork() -> None: ...
def _panic_for_tests(batch: bool = False) -> None: ...

@final
class ArrowTable:
    """A result frame as Arrow: ``pyarrow.table(t)`` or ``polars.DataFrame(t)`` reads it."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __arrow_c_schema__(self) -> object: ...
    @property
    def column_names(self) -> list[str]: ...
    def __len__(self) -> int: ...

@final
class Match:
    """One match of a gazetteer entry in a text.

    ``text[m.start:m.end] == m.text`` for the text it was found in: offsets are
    Python ``str`` indices.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def metadata(self) -> dict[str, Any] | None: ...
    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        label: str,
        id: str,
        name: str,
        metadata: dict[str, Any] | None = None,
    ) -> Match: ...
    def to_dict(self) -> dict[str, Any]: ...
    def detach(self) -> Match:
        """Return an equal ``Match`` that holds its own strings, not the whole text."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Gazetteer:
    """A list of named entities, compiled for matching."""

    def __new__(
        cls,
        entries: Iterable[Mapping[str, Any]],
        *,
        fold_diacritics: bool = False,
        person_guard: bool = False,
    ) -> Gazetteer: ...
    @staticmethod
    def from_csv(
        path: str | os.PathLike[str], *, fold_diacritics: bool = False, person_guard: bool = False
    ) -> Gazetteer: ...
    @staticmethod
    def from_jsonl(
        path: str | os.PathLike[str], *, fold_diacritics: bool = False, person_guard: bool = False
    ) -> Gazetteer: ...
    @staticmethod
    def from_pandas(
        df: Any, *, fold_diacritics: bool = False, person_guard: bool = False
    ) -> Gazetteer: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Gazetteer: ...
    @staticmethod
    def from_bytes(data: bytes) -> Gazetteer: ...
    @staticmethod
    def default() -> Gazetteer: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    def to_bytes(self) -> bytes: ...
    def to_entries(self) -> list[dict[str, Any]]: ...
    def find(self, text: str | None, *, overlapping: bool = False) -> list[Match]: ...
    def find_batch(
        self,
        texts: _Texts,
        *,
        threads: int | None = None,
        overlapping: bool = False,
    ) -> list[list[Match]]: ...
    def __len__(self) -> int: ...
    @property
    def labels(self) -> list[str]: ...
    @property
    def fold_diacritics(self) -> bool: ...
    @property
    def person_guard(self) -> bool: ...
    def _entry_columns(self) -> dict[str, Any]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Quote:
    """One quote: what was said, how, and by whom.

    Offsets are Python ``str`` indices of the document's text; ``speaker`` is
    the resolved name (also when the mention is "he"), ``speaker_text`` the
    mention itself; ``mentions`` the gazetteer matches inside the content,
    in order (the Doc's own ``Match`` objects; never the speaker's mention).
    ``rule`` names the rule that found it (``sayso.RULE_NAMES``),
    ``speaker_via`` how the speaker was resolved, ``confidence`` the probability
    that span and speaker are both right (see docs/quote-provenance.md).
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def cue_start(self) -> int | None: ...
    @property
    def cue_end(self) -> int | None: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_text(self) -> str | None: ...
    @property
    def speaker_start(self) -> int | None: ...
    @property
    def speaker_end(self) -> int | None: ...
    @property
    def speaker_id(self) -> str | None: ...
    @property
    def speaker_label(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def source_start(self) -> int | None: ...
    @property
    def source_end(self) -> int | None: ...
    @property
    def mentions(self) -> list[Match]: ...
    @property
    def rule(self) -> str: ...
    @property
    def speaker_via(self) -> str | None: ...
    @property
    def confidence(self) -> float: ...
    def to_dict(self) -> dict[str, Any]: ...
    @staticmethod
    def _from_dict(d: dict[str, Any], mentions: list[Match] | None = None) -> Quote: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Doc:
    """A processed text: its gazetteer matches and its quotes."""

    @property
    def text(self) -> str: ...
    @property
    def entities(self) -> list[Match]: ...
    @property
    def quotes(self) -> list[Quote]: ...
    def _repr_html_(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    @staticmethod
    def _restore(text: str, entities: list[Match], quotes: list[Quote]) -> Doc: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Extractor:
    """Finds entities and quotes: ``ex(text)`` gives a Doc, ``ex.pipe(texts)`` a list."""

    def __new__(
        cls,
        gazetteer: Gazetteer | Literal[False] | None = None,
        *,
        reports: Literal["speech", "acts"] = "speech",
    ) -> Extractor: ...
    def __call__(self, text: str | None) -> Doc: ...
    def pipe(
        self,
        texts: _Texts,
        *,
        threads: int | None = None,
        progress: bool = False,
    ) -> list[Doc]: ...
    def entities(
        self,
        texts: Any,
        column: str | None = None,
        *,
        keep: str | Sequence[str] | None = None,
        threads: int | None = None,
        progress: bool = False,
        output: Literal["pandas", "arrow", "polars"] | None = None,
        metadata: bool = False,
    ) -> Any: ...  # a pandas or polars DataFrame, or a pyarrow Table
    def quotes(
        self,
        texts: Any,
        column: str | None = None,
        *,
        keep: str | Sequence[str] | None = None,
        threads: int | None = None,
        progress: bool = False,
        output: Literal["pandas", "arrow", "polars"] | None = None,
        min_confidence: float = 0.0,
    ) -> Any: ...  # a pandas or polars DataFrame, or a pyarrow Table
    def about(
        self,
        texts: Any,
        column: str | None = None,
        *,
        keep: str | Sequence[str] | None = None,
        threads: int | None = None,
        progress: bool = False,
        output: Literal["pandas", "arrow", "polars"] | None = None,
    ) -> Any: ...  # a pandas or polars DataFrame, or a pyarrow Table
    def _entity_columns(
        self,
        texts: Any,
        *,
        threads: int | None = None,
        arrow: bool = False,
        entries: bool = False,
    ) -> Any: ...  # dict[str, Any], or an ArrowTable with arrow=True
    def _quote_columns(
        self,
        texts: Any,
        *,
        threads: int | None = None,
        arrow: bool = False,
        min_confidence: float = 0.0,
    ) -> Any: ...
    def _about_columns(
        self, texts: Any, *, threads: int | None = None, arrow: bool = False
    ) -> Any: ...
    @property
    def gazetteer(self) -> Gazetteer | None: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
