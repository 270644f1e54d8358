"""A copy of the facet index on disk, so a command-line call need not rebuild it.

Keyed by the store's data fingerprint (:func:`rightstrack.store.database.data_fingerprint`),
which every change to the data draws anew: a changed, re-created or copied-then-changed store
never reads another's index, and an unchanged copy shares it. ``RIGHTSTRACK_CACHE`` names
another folder, or ``off`` to keep nothing on disk. The files are the user's own (pickle), in the
user's cache directory; only the most recent few are kept.
"""

from __future__ import annotations

from pathlib import Path

from rightstrack import cachefiles
from rightstrack.config import cache_dir
from rightstrack.search.facets import FacetIndex

FORMAT = 8  # bump when FacetIndex or the key changes shape
KEEP = 8  # indexes kept on disk: one per store in use, and a few earlier versions
_PREFIX = "facet-index-"


def _path(fingerprint: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{_PREFIX}{fingerprint}.pickle" if folder else None


def load(fingerprint: str) -> FacetIndex | None:
    saved = cachefiles.load(_path(fingerprint))
    if not isinstance(saved, tuple) or len(saved) != 3:
        return None
    saved_format, saved_fingerprint, index = saved
    if saved_format != FORMAT or saved_fingerprint != fingerprint or not isinstance(index, FacetIndex):
        return None
    return index


def save(fingerprint: str, index: FacetIndex) -> None:
    path = _path(fingerprint)
    cachefiles.save(path, (FORMAT, fingerprint, index))
    if path is not None:
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Each data change leaves an index under a new name: drop all but the newest few."""
    try:
        saved = sorted(folder.glob(f"{_PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in saved[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be tidied costs only disk space
