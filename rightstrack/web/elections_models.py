"""What the Council elections API answers: elections, candidates, memberships, pledges.

Answers only (request bodies are declared beside their routes); the shapes are those of
:mod:`rightstrack.elections.export`. Checked against real answers by ``tests/web/test_openapi.py``.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

from pydantic import Field

from rightstrack.domain import CandidacyOutcome, ElectionKind, RegionalGroup
from rightstrack.web.api_models import CYCLE, SHARE, Out

SLATE = (
    '"closed": no more candidates than seats; "competitive": more; "unknown": the sources do not '
    "establish every candidate."
)
ACCEPTED_SHARE = "Accepted ÷ (accepted + noted), " + SHARE + " None where none was answered."


class YearSummaryOut(Out):
    year: int
    seats: int
    candidates: int
    competitive_groups: int
    closed_groups: int
    unknown_groups: int


class ClosedSlatesOut(Out):
    group: RegionalGroup
    closed: int
    competitive: int
    unknown: int
    closed_share: float | None = Field(
        description="Closed ÷ (closed + competitive); None where none is known."
    )


class OverviewOut(Out):
    years: list[YearSummaryOut] = Field(description="Every regular election since 2006.")
    closed_slates: list[ClosedSlatesOut]


class SplitOut(Out):
    label: str = Field(description='The side of the split, e.g. "while a Council member".')
    recommendations: int
    accepted: int
    noted: int
    accepted_share: float | None = Field(description=ACCEPTED_SHARE)


class CouncilUprOut(Out):
    by_recommender: list[SplitOut] = Field(
        description="By whether the recommending state sat on the Council."
    )
    by_reviewed: list[SplitOut] = Field(description="By whether the reviewed state sat on the Council.")
    unknown_recommender: int = Field(description="Rows whose source names no recommending state.")


class SourceOut(Out):
    id: str
    publisher: str
    kind: str = Field(description='"UN" or "secondary".')
    published: date
    title: str
    url: str


class ResultOut(Out):
    state: str = Field(description="ISO alpha-3 code.")
    votes: list[int | None] = Field(description="Votes per round; None where the sources give none.")
    outcome: CandidacyOutcome
    term_start: date | None
    term_end: date | None = Field(description="As elected; a member may leave earlier.")
    sources: list[str] = Field(description="Ids of the sources (see the year's sources).")
    note: str


class ContestOut(Out):
    """One regional group's seats in one election."""

    year: int
    date: dt.date
    kind: ElectionKind
    group: RegionalGroup
    seats: int
    candidates: int
    candidates_complete: bool = Field(description="False where the sources do not establish every candidate.")
    slate: str = Field(description=SLATE)
    surplus: int = Field(
        description="Candidates minus seats (a lower bound where candidates_complete is false)."
    )
    margin: int | None = Field(
        description="Votes between the last elected and the first defeated, where one round decided it."
    )
    valid_ballots: int | None
    abstentions: int | None
    required_majority: int
    rounds: int
    sources: list[str]
    note: str
    results: list[ResultOut] = Field(description="Candidates standing, then those who withdrew.")


class YearOut(Out):
    year: int
    date: dt.date
    seats: int = Field(description="Seats of the regular election.")
    groups: list[ContestOut] = Field(description="The regular election's groups, then any by-election.")
    sources: list[SourceOut]


class ReviewOut(Out):
    session: int
    cycle: int = Field(description=CYCLE)
    year: int
    month: int


class ItemOut(Out):
    id: int
    text: str
    response: str | None = Field(description='"Accepted", "Noted" … or None.')


class VoluntaryPledgeOut(Out):
    id: int
    text: str


class CandidateUprOut(Out):
    review: ReviewOut | None = Field(description="The latest review held before the election, in the store.")
    data_ends: int | None = Field(
        description="The last year of the store's UPR data; None where it holds none."
    )
    data_incomplete: bool = Field(description="The store's UPR data ends before the election's year.")
    received: int
    accepted: int
    noted: int
    accepted_share: float | None = Field(description=ACCEPTED_SHARE)
    cooperation: list[ItemOut] = Field(description="Recommendations to cooperate with the mechanisms.")
    cooperation_accepted: int
    voluntary_pledges: list[VoluntaryPledgeOut]


class MembershipOut(Out):
    state: str = Field(description="ISO alpha-3 code.")
    group: RegionalGroup
    start: date
    end: date = Field(description="The last day as a member.")
    term_end: date = Field(description="As elected.")
    elected_in: int = Field(description="The year of the election.")
    kind: ElectionKind
    left_early: str | None = Field(description="Why the member left before its term's end, if it did.")


class PledgeDocumentOut(Out):
    id: int
    symbol: str | None = Field(description="UN document symbol, e.g. A/80/123.")
    published_on: date | None
    url: str | None
    note: str | None
    version: int


class PledgingEventOut(Out):
    date: dt.date
    place: str
    took_part: bool


class PledgeStatusOut(Out):
    state: str = Field(description="ISO alpha-3 code.")
    group: str
    flag: str = Field(description='"on time", "late", "after the vote", "date unknown" or "none recorded".')
    days_before: int | None = Field(description="Days between the pledges' publication and the vote.")
    pledge: PledgeDocumentOut | None
    pledging_events: list[PledgingEventOut]


class CandidateOut(Out):
    state: str = Field(description="ISO alpha-3 code.")
    name: str
    year: int
    group: RegionalGroup
    outcome: CandidacyOutcome
    votes: list[int | None] = Field(description="Votes per round; None where the sources give none.")
    sources: list[SourceOut]
    upr: CandidateUprOut
    past_terms: list[MembershipOut] = Field(description="Terms before this election.")
    consecutive_terms: int = Field(description="Terms running up to the election without a gap.")
    pledges_document: PledgeStatusOut | None


class MembersOut(Out):
    date: dt.date
    members: list[MembershipOut]


class MemberHistoryOut(Out):
    state: str = Field(description="ISO alpha-3 code.")
    terms: list[MembershipOut]
    recommendations_made: list[SplitOut] = Field(description="While a member, and while not.")


class PledgeStatusesOut(Out):
    year: int
    late_days: int = Field(description="Days before the vote under which a pledge counts as late.")
    candidates: list[PledgeStatusOut]


class PledgeOut(Out):
    id: int
    year: int
    state: str = Field(description="ISO alpha-3 code.")
    symbol: str | None = Field(description="UN document symbol, e.g. A/80/123.")
    published_on: date | None
    url: str | None
    note: str | None
    version: int = Field(description="Send it back with a change (409 if someone changed it meanwhile).")


class DeletedOut(Out):
    deleted: int = Field(description="The id of the pledge removed.")


class ParticipationOut(Out):
    id: int
    event_id: int
    state: str = Field(description="ISO alpha-3 code.")
    took_part: bool
