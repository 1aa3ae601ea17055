"""mkdocs hooks: leave out nav entries of pages that have not landed yet.

Pages listed under ``extra.optional_pages`` in mkdocs.yml (written on other
branches) stay in the nav; until their file exists in docs/ the entry is
dropped with a note, so that ``mkdocs build --strict`` passes without them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.optional_pages")


def _prune(nav: Any, missing: set[str]) -> Any:
    if isinstance(nav, list):
        kept = [_prune(item, missing) for item in nav]
        return [item for item in kept if item is not None]
    if isinstance(nav, dict):
        out = {k: _prune(v, missing) for k, v in nav.items()}
        return out if all(v is not None for v in out.values()) else None
    if isinstance(nav, str) and nav in missing:
        return None
    return nav


def on_config(config: Any) -> Any:
    docs = Path(config["docs_dir"])
    optional = config["extra"].get("optional_pages", [])
    missing = {page for page in optional if not (docs / page).exists()}
    for page in sorted(missing):
        log.info("optional page %s is not in docs/ yet: left out of the nav", page)
    if missing and config["nav"]:
        config["nav"] = _prune(config["nav"], missing)
    return config
