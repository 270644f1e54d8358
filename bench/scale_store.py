"""Stores for the scale benchmarks: the real data (39k) or the scale dataset (``scale_data.py``),
on SQLite or PostgreSQL, loaded through the project's own loaders and kept for the next run.

A store is reused while its ``meta`` table says it holds the same key: the dataset's key (real
inputs, builder source, size) and a hash of the loading code (``rightstrack/ingest``, ``store``
and the readers), so a faster or different loader gets a fresh load and a fresh load time. The load
time of the build is kept in the store too, so a reused store still reports its rows per second.

- SQLite: ``<cache>/bench-scale/store-<label>-<key>.sqlite3``.
- PostgreSQL: the database ``rightstrack_scale`` (``rightstrack_real`` for the real data; other
  sizes get ``rightstrack_scale_<records>``) on the server of ``RIGHTSTRACK_TEST_PG``, created when
  missing and dropped and made anew when it holds another key.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from scale_data import Dataset, cache_root, real_inputs
from sqlalchemy import Engine, create_engine, func, insert, make_url, select, text

from rightstrack import config
from rightstrack.ingest.loading import load_paths
from rightstrack.ingest.uhri import load_uhri
from rightstrack.store.database import open_store
from rightstrack.store.schema import MetaRow, RecommendationRow

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
KEY_META = "bench_scale_key"
LOAD_META = "bench_scale_load"
PACKAGE = Path(config.__file__).resolve().parent
LOADING_CODE = ("ingest", "store", "sources/uprinfo.py", "sources/uhri.py", "sources/uhri_fields.py")


@dataclass(frozen=True)
class Spec:
    """What a store holds: a label (``39k``, ``500k``), the files to load and their key."""

    label: str
    key: str
    upr_files: tuple[Path, ...]
    uhri_files: tuple[Path, ...]
    pg_database: str


@dataclass(frozen=True)
class Load:
    seconds: float
    rows: int  # CSV rows and UHRI annotations read
    records: int  # records stored
    upr_seconds: float = 0.0  # of which the UPR Info export's CSVs (issue #17's row)
    upr_rows: int = 0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def upr_rows_per_second(self) -> float:
        return self.upr_rows / self.upr_seconds if self.upr_seconds else 0.0

    @property
    def uhri_rows_per_second(self) -> float:
        seconds = self.seconds - self.upr_seconds
        return (self.rows - self.upr_rows) / seconds if seconds > 0 and self.rows > self.upr_rows else 0.0


@dataclass(frozen=True)
class Store:
    url: str
    backend: str
    spec: Spec
    load: Load
    reused: bool


def loading_code_hash() -> str:
    digest = hashlib.sha256()
    for part in LOADING_CODE:
        target = PACKAGE / part
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def real_spec() -> Spec:
    digest = hashlib.sha256()
    for path in real_inputs():
        stat = path.stat()
        digest.update(f"{path.name}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}\n".encode())
    key = hashlib.sha256(f"{digest.hexdigest()}{loading_code_hash()}".encode()).hexdigest()[:16]
    return Spec("39k", key, tuple(real_inputs()), (), "rightstrack_real")


def scale_spec(dataset: Dataset, label: str) -> Spec:
    key = hashlib.sha256(f"{dataset.key}{loading_code_hash()}".encode()).hexdigest()[:16]
    database = "rightstrack_scale" if dataset.records == 500_000 else f"rightstrack_scale_{dataset.records}"
    return Spec(label, key, dataset.upr_files, dataset.uhri_files, database)


def load_into(engine: Engine, spec: Spec) -> Load:
    """Loads the spec's files with the public loaders, timed; stores the key and the timing."""
    started = time.perf_counter()
    reports = load_paths(engine, list(spec.upr_files))
    upr_rows = rows = sum(report.parsed.rows_read for report in reports)
    upr_seconds = time.perf_counter() - started
    for path in spec.uhri_files:
        rows += load_uhri(engine, path).records_read
    seconds = time.perf_counter() - started
    with engine.begin() as connection:
        records = int(connection.scalar(select(func.count()).select_from(RecommendationRow)) or 0)
        load = Load(seconds, rows, records, upr_seconds, upr_rows)
        connection.execute(
            insert(MetaRow),
            [
                {"key": LOAD_META, "value": json.dumps(load.__dict__)},
                {"key": KEY_META, "value": spec.key},
            ],
        )
    return load


def _recorded(engine: Engine, key: str) -> Load | None:
    """The load recorded in a store holding ``key``; None for another key, or no store at all."""
    try:
        with engine.connect() as connection:
            found = dict(
                connection.execute(
                    select(MetaRow.key, MetaRow.value).where(MetaRow.key.in_((KEY_META, LOAD_META)))
                ).all()
            )
    except Exception:  # no such database, no meta table yet: not this store
        return None
    if found.get(KEY_META) != key or LOAD_META not in found:
        return None
    return Load(**json.loads(found[LOAD_META]))


def sqlite_store(spec: Spec, root: Path | None = None, fresh: bool = False) -> Store:
    folder = root or cache_root()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"store-{spec.label}-{spec.key}.sqlite3"
    url = f"sqlite:///{path}"
    if path.exists() and not fresh:
        engine = create_engine(url)
        recorded = _recorded(engine, spec.key)
        engine.dispose()
        if recorded:
            return Store(url, "sqlite", spec, recorded, reused=True)
    for stale in folder.glob(f"store-{spec.label}-*.sqlite3*"):
        stale.unlink()
    for left in folder.glob(f"building-{spec.label}-*.sqlite3*"):  # by a build that died
        pid = left.name.split("-")[2].split(".")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            left.unlink()
    partial = folder / f"building-{spec.label}-{os.getpid()}.sqlite3"
    engine = open_store(f"sqlite:///{partial}")
    load = load_into(engine, spec)
    engine.dispose()  # checkpoints the write-ahead log into the file
    partial.replace(path)
    return Store(url, "sqlite", spec, load, reused=False)


def pg_admin_url() -> str:
    return os.environ.get("RIGHTSTRACK_TEST_PG", DEFAULT_PG)


def postgresql_store(spec: Spec, admin_url: str | None = None, fresh: bool = False) -> Store:
    admin = make_url(admin_url or pg_admin_url())
    url = admin.set(database=spec.pg_database).render_as_string(hide_password=False)
    if not fresh:
        engine = create_engine(url)
        recorded = _recorded(engine, spec.key)
        engine.dispose()
        if recorded:
            return Store(url, "postgresql", spec, recorded, reused=True)
    server = create_engine(admin, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{spec.pg_database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{spec.pg_database}"'))
    server.dispose()
    engine = open_store(url)
    load = load_into(engine, spec)
    engine.dispose()
    return Store(url, "postgresql", spec, load, reused=False)


def store(spec: Spec, backend: str, fresh: bool = False) -> Store:
    if backend == "sqlite":
        return sqlite_store(spec, fresh=fresh)
    if backend == "postgresql":
        return postgresql_store(spec, fresh=fresh)
    raise ValueError(f"unknown backend {backend!r} (sqlite or postgresql)")
