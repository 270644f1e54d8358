"""What the data covers: which sources the store's records rest on, and which periods.

Every figure RightsTrack shows is a count of what the store holds, and the store holds what was
loaded: UPR Info's export ends with session 19 (2014), a UHRI export ends on the day it was taken.
A 2010 review is a state's "latest" only within that data, so pages, exports, statistics and the
Council briefing say where the data ends, computed here from the store itself (never written by
hand), and name the command that fetches more.

A state's data is called *behind* when its newest record of a mechanism is older than
``STALE_YEARS`` before today: a state is reviewed by the UPR every four and a half to five years
(cycles of 2008–2011, 2012–2016, 2017–2022, 2022–2027), so a store without a review of it in that
time is missing one, not describing a state that had none.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection

from rightstrack import __version__, cachefiles
from rightstrack.config import cache_dir
from rightstrack.domain import Mechanism
from rightstrack.reference.sessions import all_sessions, review_day
from rightstrack.search.query import SearchQuery
from rightstrack.store.database import data_fingerprint, data_state
from rightstrack.store.schema import ProvenanceRow, RecommendationRow, RecommenderRow, SourceRow

STALE_YEARS = 5

# The commands that fetch newer data for each mechanism (UPR Info's database has the UPR only;
# OHCHR's Universal Human Rights Index every mechanism).
FETCH_UPR = "rightstrack fetch upr-info"
FETCH_UHRI = "rightstrack fetch uhri"


def fetch_command(mechanism: str) -> str:
    return FETCH_UPR if mechanism == Mechanism.UPR.value else FETCH_UHRI


@dataclass(frozen=True)
class SourceKind:
    """One kind of source the records rest on (``upr-info-csv``, ``report``, ``matrix`` …)."""

    kind: str
    files: int
    records: int  # records at least one file of this kind gave
    examples: tuple[str, ...]  # a few file names, the first ones loaded


@dataclass(frozen=True)
class MechanismPeriod:
    mechanism: str
    records: int
    first_year: int
    last_year: int
    bodies: int
    # The UPR's own: sessions and cycles covered (others have none).
    first_session: int | None = None
    last_session: int | None = None
    cycles: tuple[int, ...] = ()

    def describe(self) -> str:
        years = (
            f"{self.first_year}–{self.last_year}"
            if self.first_year != self.last_year
            else str(self.first_year)
        )
        if self.first_session is not None:
            cycles = ", ".join(str(c) for c in self.cycles)
            return f"UPR sessions {self.first_session}–{self.last_session} ({years}; cycles {cycles})"
        return f"{self.mechanism} {years}"


@dataclass(frozen=True)
class Coverage:
    sources: tuple[SourceKind, ...]
    periods: tuple[MechanismPeriod, ...]

    @property
    def empty(self) -> bool:
        return not self.periods

    def period(self, mechanism: str) -> MechanismPeriod | None:
        return next((p for p in self.periods if p.mechanism == mechanism), None)

    @property
    def last_year(self) -> int | None:
        return max((p.last_year for p in self.periods), default=None)

    def summary(self) -> str:
        """One line: "Data: UPR sessions 1–19 (2008–2014; cycles 1, 2); Treaty body 2023 —
        from upr-info-csv (5 files), matrix (2 files)"."""
        if self.empty:
            return "Data: the store holds no records yet (rightstrack load / ingest / fetch)."
        periods = "; ".join(p.describe() for p in self.periods)
        sources = ", ".join(f"{s.kind} ({s.files} file{'s' if s.files != 1 else ''})" for s in self.sources)
        return f"Data: {periods} — from {sources}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "last_year": self.last_year,
            "mechanisms": [
                {
                    "mechanism": p.mechanism,
                    "records": p.records,
                    "bodies": p.bodies,
                    "first_year": p.first_year,
                    "last_year": p.last_year,
                    "first_session": p.first_session,
                    "last_session": p.last_session,
                    "cycles": list(p.cycles),
                }
                for p in self.periods
            ],
            "sources": [
                {"kind": s.kind, "files": s.files, "records": s.records, "examples": list(s.examples)}
                for s in self.sources
            ],
        }


def _order(mechanism: str) -> tuple[int, str]:
    known = [m.value for m in Mechanism]
    return (known.index(mechanism) if mechanism in known else len(known), mechanism)


def compute_coverage(connection: Connection) -> Coverage:
    row = RecommendationRow
    periods = []
    for found in connection.execute(
        select(
            row.mechanism,
            func.count(),
            func.min(row.year),
            func.max(row.year),
            func.count(row.body.distinct()),
            func.min(row.session),
            func.max(row.session),
        ).group_by(row.mechanism)
    ):
        mechanism, records, first, last, bodies, first_session, last_session = found
        cycles: tuple[int, ...] = ()
        if first_session is not None:
            cycles = tuple(
                sorted(
                    int(c)
                    for c in connection.scalars(
                        select(row.cycle).where(row.mechanism == mechanism, row.cycle.is_not(None)).distinct()
                    )
                    if c is not None
                )
            )
        periods.append(
            MechanismPeriod(
                mechanism,
                int(records),
                int(first),
                int(last),
                int(bodies),
                first_session,
                last_session,
                cycles,
            )
        )
    periods.sort(key=lambda p: _order(p.mechanism))
    return Coverage(_sources(connection), tuple(periods))


def _sources(connection: Connection) -> tuple[SourceKind, ...]:
    """Source kinds with their files and the records they gave (a record counts once per kind)."""
    files: dict[str, list[str]] = {}
    for kind, name in connection.execute(select(SourceRow.kind, SourceRow.name).order_by(SourceRow.id)):
        files.setdefault(kind, []).append(name)
    records: dict[str, int] = {}
    # Records reach the store through a provenance (documents, UHRI) or a recommender row
    # (UPR Info's exports): either ties a record to a source file.
    for link in (
        select(SourceRow.kind, ProvenanceRow.recommendation_id).join(
            SourceRow, SourceRow.id == ProvenanceRow.source_id
        ),
        select(SourceRow.kind, RecommenderRow.recommendation_id).join(
            SourceRow, SourceRow.id == RecommenderRow.source_id
        ),
    ):
        counted = link.subquery()
        for kind, count in connection.execute(
            select(counted.c.kind, func.count(counted.c.recommendation_id.distinct())).group_by(
                counted.c.kind
            )
        ):
            records[kind] = max(records.get(kind, 0), int(count))
    return tuple(
        SourceKind(kind, len(names), records.get(kind, 0), tuple(names[:3]))
        for kind, names in sorted(files.items(), key=lambda item: -records.get(item[0], 0))
    )


KEEP_ON_DISK = 8  # coverages kept in the cache folder: one per store in use and a few before


class _CoverageCache:
    """One computation per store and data version: the footer of every page asks for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._saved: dict[str, tuple[str, Coverage]] = {}

    def get(self, engine: Engine) -> Coverage:
        # Keyed as the saved facet index is (store.database.data_fingerprint): store id, data
        # version and the token every change draws, so a copied store is never taken for another.
        with engine.connect() as connection:
            key = str(engine.url)
            fingerprint = data_fingerprint(connection)
            saved = self._saved.get(key)
            if saved is not None and saved[0] == fingerprint:
                return saved[1]
            # A copy on disk too: a command-line call is a new process, and at 500,000 records
            # the count takes a second (bench/scale_bench.py, ``stats``).
            folder = cache_dir()
            path = folder / f"coverage-{fingerprint}.pickle" if folder else None
            stored = cachefiles.load(path)
            if isinstance(stored, Coverage):
                computed = stored
            else:
                computed = compute_coverage(connection)
                cachefiles.save(path, computed)
                if folder is not None:
                    cachefiles.prune(folder, "coverage-*.pickle", KEEP_ON_DISK)
        with self._lock:
            self._saved[key] = (fingerprint, computed)
        return computed


_CACHE = _CoverageCache()


def store_coverage(engine: Engine) -> Coverage:
    """The coverage of the store behind ``engine``, recomputed only when its data changes."""
    return _CACHE.get(engine)


@dataclass(frozen=True)
class StateMechanism:
    mechanism: str
    records: int
    last: date  # the newest record's day: its UPR session's review day, or its publication date
    last_session: int | None


@dataclass(frozen=True)
class StateCoverage:
    code: str
    name: str
    mechanisms: tuple[StateMechanism, ...]
    today: date

    @property
    def last(self) -> date | None:
        return max((m.last for m in self.mechanisms), default=None)

    def behind(self) -> list[StateMechanism]:
        """Mechanisms whose newest record of this state is older than STALE_YEARS."""
        limit = date(self.today.year - STALE_YEARS, self.today.month, min(self.today.day, 28))
        return [m for m in self.mechanisms if m.last < limit]

    def notes(self) -> list[str]:
        """Sentences a page or briefing shows: where the data ends, and how to fetch more."""
        if not self.mechanisms:
            return [f"The data holds no record for {self.name}: {FETCH_UPR} or {FETCH_UHRI} fetches them."]
        found = []
        for mechanism in self.behind():
            found.append(
                f"Data for {self.name} ({mechanism.mechanism}) ends in {mechanism.last.year}: "
                f"newer records are not in the store; {fetch_command(mechanism.mechanism)} fetches them."
            )
        return found

    def ends(self, mechanism: str) -> int | None:
        """The year the data on this state from ``mechanism`` ends."""
        found = next((m for m in self.mechanisms if m.mechanism == mechanism), None)
        return found.last.year if found else None


def state_coverage(connection: Connection, code: str, name: str, today: date | None = None) -> StateCoverage:
    row = RecommendationRow
    found = []
    for mechanism, records, last_session, last_published, last_year in connection.execute(
        select(
            row.mechanism, func.count(), func.max(row.session), func.max(row.published), func.max(row.year)
        )
        .where(row.sur_code == code)
        .group_by(row.mechanism)
    ):
        if last_session is not None and int(last_session) in all_sessions():
            last = review_day(int(last_session))
        elif last_published is not None:
            last = (
                last_published
                if isinstance(last_published, date)
                else date.fromisoformat(str(last_published)[:10])
            )
        else:
            last = date(int(last_year), 12, 31)
        found.append(StateMechanism(mechanism, int(records), last, last_session))
    found.sort(key=lambda m: _order(m.mechanism))
    return StateCoverage(code, name, tuple(found), today or date.today())


def export_meta(engine: Engine, query: SearchQuery) -> dict[str, Any]:
    """What an export says of itself: when, for which search, from which data (its version in the
    store, what it covers) and by which version of RightsTrack."""
    with engine.connect() as connection:
        version, _token = data_state(connection)
    return {
        "generated": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "data_version": version,
        "query": {
            "text": query.text,
            "filters": {d.value: sorted(values) for d, values in sorted(query.filters.items())},
            "excluded": {d.value: sorted(values) for d, values in sorted(query.excluded.items())},
            "from": query.date_from.isoformat() if query.date_from else None,
            "to": query.date_to.isoformat() if query.date_to else None,
            "sort": query.sort.value,
        },
        "coverage": store_coverage(engine).to_dict(),
    }


def header_text(coverage: Coverage) -> str:
    """The summary as an HTTP header may carry it (Latin-1: the en dash becomes a hyphen)."""
    return (
        coverage.summary().replace("–", "-").replace("—", "-").encode("latin-1", "replace").decode("latin-1")
    )
