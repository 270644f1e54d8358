"""A copy of the facet index on disk, so a command-line call need not rebuild it.

Keyed by the store's random id and data version: a changed or re-created store never reads a
stale copy. ``RIGHTSTRACK_CACHE`` names another folder, or ``off`` to keep nothing on disk.
The files are the user's own (pickle), in the user's cache directory.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

import platformdirs

from rightstrack.search.facets import FacetIndex

FORMAT = 3  # bump when FacetIndex changes shape


def _folder() -> Path | None:
    configured = os.environ.get("RIGHTSTRACK_CACHE")
    if configured == "off":
        return None
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("rightstrack"))


def _path(store: str) -> Path | None:
    folder = _folder()
    return folder / f"facet-index-{store}.pickle" if folder else None


def load(store: str, version: int) -> FacetIndex | None:
    path = _path(store)
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            saved_format, saved_version, index = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, ValueError, EOFError, AttributeError, TypeError):
        return None
    if saved_format != FORMAT or saved_version != version or not isinstance(index, FacetIndex):
        return None
    return index


def save(store: str, index: FacetIndex) -> None:
    path = _path(store)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump((FORMAT, index.version, index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(path)
    except OSError:
        pass  # a cache that cannot be written is only a slower start
