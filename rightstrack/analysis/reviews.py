"""A state's UPR reviews as the UN records them: every cycle, each review with its session, day,
documents (symbols and links) and its recommendations counted by response.

Every cycle of the reference sessions is listed, a cycle the store holds nothing of included, so a
page never drops one silently. A review's day is the meeting the Working Group's report names
(reference/reviews.csv); where no report in the data says it, the month the session opened.
The report's symbol is the one the review's records cite, else the one the report gives; the
addendum's is that of an addendum the store read; the Working Group's own documents (national
report, compilation, stakeholders' summary) follow its numbering.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from rightstrack.domain import Mechanism, RecordKind
from rightstrack.reference.reviews import national_documents, review_facts
from rightstrack.reference.sessions import all_sessions, cycles
from rightstrack.reference.undocs import document_url
from rightstrack.store.schema import ProvenanceRow, RecommendationRow, SourceRow

# A review's documents, by role (the page names them in the reader's language).
WG_REPORT = "report"
ADDENDUM = "addendum"
WG_DOCUMENTS = {
    "national report": "national-report",
    "UN compilation": "compilation",
    "stakeholders' summary": "stakeholders",
}
SOURCE_ORDER = ("upr-info-csv", "uhri", "wg-report", "wg-addendum", "ohchr-matrix")
NO_RESPONSE = ""


@dataclass(frozen=True)
class ReviewDocument:
    role: str  # WG_REPORT, ADDENDUM or a value of WG_DOCUMENTS
    symbol: str
    read: bool  # the store holds records read from this document

    @property
    def url(self) -> str:
        return document_url(self.symbol)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "symbol": self.symbol, "url": self.url, "read": self.read}


@dataclass(frozen=True)
class Review:
    cycle: int
    session: int
    day: date
    day_known: bool  # False: the month the session opened, no report in the data names the day
    documents: tuple[ReviewDocument, ...]
    responses: dict[str, int]  # recommendations by response; "" for those with none recorded
    recommendations: int
    pledges: int
    sources: tuple[str, ...]  # kinds of the sources its records were read from ("wg-report", …)

    @property
    def report(self) -> ReviewDocument | None:
        return next((d for d in self.documents if d.role == WG_REPORT), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle,
            "session": self.session,
            "date": self.day.isoformat() if self.day_known else f"{self.day.year}-{self.day.month:02d}",
            "date_is_session_month": not self.day_known,
            "documents": [d.to_dict() for d in self.documents],
            "responses": {k or "none": v for k, v in sorted(self.responses.items())},
            "recommendations": self.recommendations,
            "pledges": self.pledges,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class CycleReviews:
    cycle: int
    sessions: tuple[int, int]  # the cycle's first and last session
    years: tuple[int, int]
    reviews: list[Review] = field(default_factory=list)  # empty: no data of this cycle loaded

    def to_dict(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle,
            "sessions": list(self.sessions),
            "years": list(self.years),
            "reviews": [r.to_dict() for r in self.reviews],
        }


def _cycles() -> list[CycleReviews]:
    found = []
    for number in cycles():
        sessions = sorted((s for s in all_sessions().values() if s.cycle == number), key=lambda s: s.number)
        found.append(
            CycleReviews(
                number,
                (sessions[0].number, sessions[-1].number),
                (sessions[0].year, sessions[-1].year),
            )
        )
    return found


def state_reviews(engine: Engine, code: str) -> list[CycleReviews]:
    """Every cycle, oldest first, with the state's reviews the store holds (two queries)."""
    row = RecommendationRow
    upr = (row.sur_code == code) & (row.mechanism == Mechanism.UPR.value) & row.session.is_not(None)
    with engine.connect() as connection:
        grouped = connection.execute(
            select(row.session, row.kind, row.response, row.document_symbol, func.count())
            .where(upr)
            .group_by(row.session, row.kind, row.response, row.document_symbol)
        ).all()
        read = connection.execute(
            select(row.session, SourceRow.kind, SourceRow.name)
            .join(ProvenanceRow, ProvenanceRow.recommendation_id == row.id)
            .join(SourceRow, SourceRow.id == ProvenanceRow.source_id)
            .where(upr)
            .distinct()
        ).all()
    responses: dict[int, Counter[str]] = defaultdict(Counter)
    pledges: Counter[int] = Counter()
    symbols: dict[int, Counter[str]] = defaultdict(Counter)
    for session, kind, response, symbol, count in grouped:
        number = int(session or 0)  # never None: the query keeps sessions only
        if kind == RecordKind.PLEDGE.value:
            pledges[number] += count
            continue
        responses[number][response or NO_RESPONSE] += count
        if symbol:
            symbols[number][symbol] += count
    source_kinds: dict[int, set[str]] = defaultdict(set)
    addenda: dict[int, set[str]] = defaultdict(set)
    for session, kind, name in read:
        source_kinds[int(session or 0)].add(kind)
        if kind == "wg-addendum":
            addenda[int(session or 0)].add(name)  # an addendum's source is named by its symbol
    by_cycle = {c.cycle: c for c in _cycles()}
    for number in sorted(set(responses) | set(pledges)):
        info = all_sessions().get(number)
        if info is None or info.cycle not in by_cycle:
            continue
        found = (responses[number], pledges[number], symbols[number], addenda[number], source_kinds[number])
        by_cycle[info.cycle].reviews.append(_review(code, number, info.cycle, *found))
    return list(by_cycle.values())


def _review(
    code: str,
    number: int,
    cycle: int,
    responses: Counter[str],
    pledges: int,
    symbols: Counter[str],
    addenda: set[str],
    source_kinds: set[str],
) -> Review:
    facts = review_facts(number, code)
    info = all_sessions()[number]
    cited = symbols.most_common(1)[0][0] if symbols else None
    documents: list[ReviewDocument] = []
    report = cited or (facts.report_symbol if facts else None)
    if report:
        documents.append(ReviewDocument(WG_REPORT, report, read="wg-report" in source_kinds))
    documents += [ReviewDocument(ADDENDUM, symbol, read=True) for symbol in sorted(addenda)]
    documents += [
        ReviewDocument(WG_DOCUMENTS[role], symbol, False) for role, symbol in national_documents(number, code)
    ]
    day = facts.day if facts and facts.day else None
    order = [kind for kind in SOURCE_ORDER if kind in source_kinds]
    return Review(
        cycle=cycle,
        session=number,
        day=day or date(info.year, info.month, 1),
        day_known=day is not None,
        documents=tuple(documents),
        responses=dict(responses),
        recommendations=sum(responses.values()),
        pledges=pledges,
        sources=tuple(order + sorted(source_kinds - set(order))),
    )
