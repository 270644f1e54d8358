"""Where RightsTrack finds its data and its database. Environment variables override defaults.

- ``RIGHTSTRACK_DATA``: the real data folder (default ``../shared/data`` beside the project).
- ``RIGHTSTRACK_DB``: a SQLAlchemy URL (``postgresql+psycopg://…``) or a SQLite file path
  (default ``rightstrack.sqlite3`` in the user's data directory).
- ``RIGHTSTRACK_QUERY_CACHE``: how many evaluated searches to keep in memory per process
  (default 128; ``0`` evaluates every search afresh, as benchmarks of the uncached path need).
- ``RIGHTSTRACK_DOWNLOADS``: where ``rightstrack fetch`` keeps its downloads.
- ``RIGHTSTRACK_CACHE``: where computed copies are kept; ``RIGHTSTRACK_MODEL_CACHE`` puts the
  trained models elsewhere (the test suite shares one such folder between its runs).
- ``RIGHTSTRACK_BASE_URL``: the address people reach the web app at, for links in e-mails
  (default ``http://127.0.0.1:8000``, where ``rightstrack serve`` listens).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    configured = os.environ.get("RIGHTSTRACK_DATA")
    if configured:
        return Path(configured).expanduser()
    beside_project = PROJECT_ROOT.parent / "shared" / "data"
    if beside_project.is_dir():
        return beside_project
    return Path.cwd().parent / "shared" / "data"


def upr_info_dir() -> Path:
    return data_dir() / "upr-info-2008-2014"


def database_url(value: str | None = None) -> str:
    """A SQLAlchemy URL from a URL, a file path, or (by default) the user's data directory."""
    value = value or os.environ.get("RIGHTSTRACK_DB")
    if value and "://" in value:
        return value
    if value:
        path = Path(value).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir("rightstrack")) / "rightstrack.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


DEFAULT_QUERY_CACHE = 128


def query_cache_size() -> int:
    configured = os.environ.get("RIGHTSTRACK_QUERY_CACHE", "").strip()
    if not configured:
        return DEFAULT_QUERY_CACHE
    if not configured.isdigit():
        raise ValueError(f"RIGHTSTRACK_QUERY_CACHE must be a number of entries, not {configured!r}")
    return int(configured)


def un_reports_dir() -> Path:
    return data_dir() / "un-reports"


def ohchr_documents_dir() -> Path:
    return data_dir() / "ohchr-documents"


def cache_dir() -> Path | None:
    """Where computed copies are kept (facet index, trained models): ``RIGHTSTRACK_CACHE``, or
    ``off`` for nowhere; by default the user's cache directory."""
    configured = os.environ.get("RIGHTSTRACK_CACHE")
    if configured == "off":
        return None
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("rightstrack"))


def model_cache_dir() -> Path | None:
    """Where the trained models are kept: ``RIGHTSTRACK_MODEL_CACHE`` (or ``off``), by default
    :func:`cache_dir`. A folder of its own lets many stores' caches share one set of models."""
    configured = os.environ.get("RIGHTSTRACK_MODEL_CACHE")
    if configured == "off":
        return None
    return Path(configured) if configured else cache_dir()


def downloads_dir() -> Path:
    """Where ``rightstrack fetch`` keeps what it downloads (with each file's ETag and checksum, so
    a daily refresh downloads only what changed): ``RIGHTSTRACK_DOWNLOADS``, by default a
    ``downloads`` folder in the user's cache directory."""
    configured = os.environ.get("RIGHTSTRACK_DOWNLOADS")
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("rightstrack")) / "downloads"


DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url() -> str:
    """Where people reach the web app, without a trailing slash: e-mails link to its pages."""
    return (os.environ.get("RIGHTSTRACK_BASE_URL", "").strip() or DEFAULT_BASE_URL).rstrip("/")
