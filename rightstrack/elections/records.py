"""A candidate's record, drawn from RightsTrack's own data and set out as facts, not a verdict:
its latest UPR review before the election (recommendations received, how many it accepted), the
recommendations on cooperation with the UN's human rights mechanisms and its answers to them, and
the voluntary pledges it made at its reviews.

Every figure says which review it comes from: the store may hold only some of a state's reviews
(UPR Info's export ends with session 19, 2014), and an older review is reported as such: the
record carries the year the store's UPR data ends (``analysis.coverage``), and a "latest review"
is never shown without it where that data ends before the election.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select

from rightstrack.analysis.coverage import FETCH_UPR, store_coverage
from rightstrack.domain import ACCEPTING, Mechanism, RecordKind, Response, Vocabulary, accepted_share
from rightstrack.reference.sessions import session as session_info
from rightstrack.reference.states import state as reference_state
from rightstrack.store.schema import RecommendationIssueRow, RecommendationRow, RecommendationTagRow

# UPR Info's issues and OHCHR's UHRI themes that concern cooperation with the mechanisms.
COOPERATION_ISSUES = ("Special procedures", "Treaty bodies")
COOPERATION_THEMES = (
    "Cooperation with treaty bodies",
    "Cooperation with special procedures",
    "Cooperation & Follow up with Treaty Bodies",
    "Cooperation with human rights mechanisms & requests for technical assistance",
)


@dataclass(frozen=True)
class Review:
    session: int
    cycle: int
    year: int
    month: int


@dataclass(frozen=True)
class Item:
    id: int
    text: str
    response: str | None


@dataclass
class CandidateRecord:
    state: str
    name: str
    before: date
    review: Review | None  # the latest review held before the election, in the store
    received: int = 0
    accepted: int = 0
    noted: int = 0
    cooperation: list[Item] = field(default_factory=list)
    pledges: list[Item] = field(default_factory=list)  # voluntary pledges at its reviews, all cycles so far
    # The last year and session of the store's UPR data (any state): None where it holds none.
    upr_data_ends: int | None = None
    upr_last_session: int | None = None
    fetch_command: str = FETCH_UPR

    @property
    def data_incomplete(self) -> bool:
        """Whether the store's UPR data ends before the election, so that a later review of this
        state may be missing from it: its "latest review" must then say where the data ends."""
        return self.upr_data_ends is None or self.upr_data_ends < self.before.year

    @property
    def accepted_share(self) -> float | None:
        return accepted_share(self.accepted, self.noted)

    @property
    def cooperation_accepted(self) -> int:
        return sum(1 for item in self.cooperation if item.response in ACCEPTING)


def _reviews_before(engine: Engine, code: str, before: date) -> list[Review]:
    with engine.connect() as connection:
        sessions = sorted(
            number
            for number in connection.scalars(
                select(RecommendationRow.session)
                .where(RecommendationRow.sur_code == code, RecommendationRow.session.is_not(None))
                .distinct()
            )
            if number is not None
        )
    reviews = []
    for number in sessions:
        info = session_info(number)
        if date(info.year, info.month, 1) < before:
            reviews.append(Review(number, info.cycle, info.year, info.month))
    return reviews


def candidate_record(engine: Engine, code: str, before: date) -> CandidateRecord:
    """The record of state ``code`` (ISO alpha-3) as it stood before an election on ``before``."""
    record = CandidateRecord(code, reference_state(code).name, before, None)
    upr = store_coverage(engine).period(Mechanism.UPR.value)
    if upr is not None:
        record.upr_data_ends, record.upr_last_session = upr.last_year, upr.last_session
    reviews = _reviews_before(engine, code, before)
    if not reviews:
        return record
    record.review = reviews[-1]
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                RecommendationRow.id,
                RecommendationRow.text,
                RecommendationRow.response,
                RecommendationRow.kind,
            )
            .where(RecommendationRow.sur_code == code, RecommendationRow.session == record.review.session)
            .order_by(RecommendationRow.id)
        ).all()
        recommendations = [r for r in rows if r.kind == RecordKind.RECOMMENDATION.value]
        responses = Counter(r.response for r in recommendations)
        record.received = len(recommendations)
        record.accepted = sum(responses[r] for r in ACCEPTING)
        record.noted = responses[Response.NOTED.value]
        ids = [r.id for r in recommendations]
        about_cooperation = set(
            connection.scalars(
                select(RecommendationIssueRow.recommendation_id).where(
                    RecommendationIssueRow.recommendation_id.in_(ids),
                    RecommendationIssueRow.issue.in_(COOPERATION_ISSUES),
                    RecommendationIssueRow.coding == "human",
                )
            )
        ) | set(
            connection.scalars(
                select(RecommendationTagRow.recommendation_id).where(
                    RecommendationTagRow.recommendation_id.in_(ids),
                    RecommendationTagRow.vocabulary == Vocabulary.UHRI_THEME.value,
                    RecommendationTagRow.tag.in_(COOPERATION_THEMES),
                )
            )
        )
        record.cooperation = [
            Item(r.id, r.text, r.response) for r in recommendations if r.id in about_cooperation
        ]
        sessions_so_far = [review.session for review in reviews]
        record.pledges = [
            Item(r.id, r.text, r.response)
            for r in connection.execute(
                select(RecommendationRow.id, RecommendationRow.text, RecommendationRow.response)
                .where(
                    RecommendationRow.sur_code == code,
                    RecommendationRow.kind == RecordKind.PLEDGE.value,
                    RecommendationRow.session.in_(sessions_so_far),
                )
                .order_by(RecommendationRow.session, RecommendationRow.id)
            )
        ]
    return record
