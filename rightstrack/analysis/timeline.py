"""A state's timeline: every review, concluding observation and visit report the store holds.

One entry per document: a UPR review is its session (the Working Group's report, where a source
names it), dated by the month the session opened; another mechanism's document is dated by its
publication (or, where no source gives the day, its year). Each entry counts the records the
document gave, by kind, and links to the UN's copy of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection

from rightstrack.analysis.coverage import StateCoverage, state_coverage
from rightstrack.domain import Mechanism
from rightstrack.reference.sessions import all_sessions
from rightstrack.reference.sessions import session as session_info
from rightstrack.reference.states import state as reference_state
from rightstrack.reference.undocs import document_url
from rightstrack.store.schema import RecommendationRow


class Precision:
    DAY = "day"
    MONTH = "month"  # a UPR session: the month it opened
    YEAR = "year"  # a document whose source gives only its year


@dataclass
class TimelineEntry:
    day: date
    precision: str
    mechanism: str
    body: str
    symbol: str | None
    session: int | None = None
    cycle: int | None = None
    counts: Counter[str] = field(default_factory=Counter)  # records by kind

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def url(self) -> str | None:
        return document_url(self.symbol) if self.symbol else None

    @property
    def when(self) -> str:
        """The date at the precision the data has: "2010-11", "2023-05-12", "2023"."""
        if self.precision == Precision.MONTH:
            return f"{self.day.year}-{self.day.month:02d}"
        if self.precision == Precision.YEAR:
            return str(self.day.year)
        return self.day.isoformat()

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.when,
            "mechanism": self.mechanism,
            "body": self.body,
            "symbol": self.symbol,
            "session": self.session,
            "cycle": self.cycle,
            "records": self.records,
            "by_kind": dict(sorted(self.counts.items())),
            "url": self.url,
        }


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def state_timeline(connection: Connection, code: str) -> list[TimelineEntry]:
    """Every document the store holds records of for state ``code``, newest first."""
    row = RecommendationRow
    grouped = connection.execute(
        select(
            row.mechanism,
            row.body,
            row.session,
            row.document_symbol,
            row.published,
            row.year,
            row.kind,
            func.count(),
        )
        .where(row.sur_code == code)
        .group_by(
            row.mechanism, row.body, row.session, row.document_symbol, row.published, row.year, row.kind
        )
    ).all()
    reviews: dict[int, TimelineEntry] = {}
    review_symbols: dict[int, Counter[str]] = defaultdict(Counter)
    documents: dict[tuple[str, str, str | None, int | None], TimelineEntry] = {}
    for mechanism, body, session, symbol, published, year, kind, count in grouped:
        if session is not None and int(session) in all_sessions():
            number = int(session)
            entry = reviews.get(number)
            if entry is None:
                info = session_info(number)
                entry = reviews[number] = TimelineEntry(
                    date(info.year, info.month, 1), Precision.MONTH, mechanism, body, None, number, info.cycle
                )
            entry.counts[kind] += count
            if symbol and kind != "pledge":
                review_symbols[number][symbol] += count
            continue
        # A document without a symbol is told apart by its year: two reports of one body in one
        # year without symbols are one entry, which is all the data can say.
        key = (mechanism, body, symbol, None if symbol else int(year))
        day = _as_date(published)
        entry = documents.get(key)
        if entry is None:
            entry = documents[key] = TimelineEntry(
                day or date(int(year), 1, 1),
                Precision.DAY if day else Precision.YEAR,
                mechanism,
                body,
                symbol,
            )
        elif day is not None and (entry.precision == Precision.YEAR or day > entry.day):
            entry.day, entry.precision = day, Precision.DAY
        entry.counts[kind] += count
    for number, symbols in review_symbols.items():
        # The Working Group's report: the symbol most of the review's records cite.
        reviews[number].symbol = symbols.most_common(1)[0][0]
    entries = list(reviews.values()) + list(documents.values())
    order = [m.value for m in Mechanism]
    entries.sort(
        key=lambda e: (
            e.day,
            -order.index(e.mechanism) if e.mechanism in order else 0,
            e.body,
            e.symbol or "",
        ),
        reverse=True,
    )
    return entries


@dataclass(frozen=True)
class StateHistory:
    """A state's timeline with where its data ends: what its page and ``states NAME`` show."""

    timeline: list[TimelineEntry]
    coverage: StateCoverage

    def to_dict(self) -> dict[str, Any]:
        return {
            "timeline": [entry.to_dict() for entry in self.timeline],
            "data_ends": {m.mechanism: m.last.isoformat() for m in self.coverage.mechanisms},
            "notes": self.coverage.notes(),
        }


def state_history(engine: Engine, code: str, today: date | None = None) -> StateHistory:
    with engine.connect() as connection:
        return StateHistory(
            state_timeline(connection, code),
            state_coverage(connection, code, reference_state(code).name, today),
        )
