"""Computed copies kept on disk (facet index, trained models): the user's own pickles, written
atomically, read back only when whole; a cache that cannot be read or written costs only time."""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path


def load(path: Path | None) -> object | None:
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            found: object = pickle.load(handle)
            return found
    except (OSError, pickle.UnpicklingError, ValueError, EOFError, AttributeError, TypeError, ImportError):
        return None


def save(path: Path | None, value: object) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(path)
    except OSError:
        pass


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Each data change leaves a copy under a new name: drop all but the newest ``keep``."""
    try:
        saved = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in saved[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be tidied costs only disk space
