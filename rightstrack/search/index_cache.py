"""A copy of the facet index on disk, so a command-line call need not rebuild it.

Keyed by the store's random id and data version: a changed or re-created store never reads a
stale copy. ``RIGHTSTRACK_CACHE`` names another folder, or ``off`` to keep nothing on disk.
The files are the user's own (pickle), in the user's cache directory.
"""

from __future__ import annotations

from pathlib import Path

from rightstrack import cachefiles
from rightstrack.config import cache_dir
from rightstrack.search.facets import FacetIndex

FORMAT = 5  # bump when FacetIndex changes shape


def _path(store: str) -> Path | None:
    folder = cache_dir()
    return folder / f"facet-index-{store}.pickle" if folder else None


def load(store: str, version: int) -> FacetIndex | None:
    saved = cachefiles.load(_path(store))
    if not isinstance(saved, tuple) or len(saved) != 3:
        return None
    saved_format, saved_version, index = saved
    if saved_format != FORMAT or saved_version != version or not isinstance(index, FacetIndex):
        return None
    return index


def save(store: str, index: FacetIndex) -> None:
    cachefiles.save(_path(store), (FORMAT, index.version, index))
