"""What the interfaces show of an election year and of one candidate, in one place for the CLI,
the API, the pages and the briefing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine

from rightstrack.domain import Candidacy, ElectionKind, FactSource, RegionalGroup
from rightstrack.elections.competitiveness import Contest, contests
from rightstrack.elections.pledges import LATE_DAYS, PledgeStatus, statuses
from rightstrack.elections.records import CandidateRecord, candidate_record
from rightstrack.errors import NotFound
from rightstrack.reference.hrc import ElectionData
from rightstrack.reference.membership import Membership, Timeline
from rightstrack.reference.states import all_states


@dataclass(frozen=True)
class YearView:
    year: int
    held: date
    contests: list[Contest]  # the regular election's groups, then any by-election of that year
    sources: list[FactSource]

    @property
    def seats(self) -> int:
        return sum(c.seats for c in self.regular)

    @property
    def regular(self) -> list[Contest]:
        return [c for c in self.contests if c.election.kind is ElectionKind.REGULAR]

    @property
    def closed_groups(self) -> list[Contest]:
        return [c for c in self.regular if c.closed is True]


def year_view(data: ElectionData, year: int, group: RegionalGroup | None = None) -> YearView:
    if year not in data.years():
        raise NotFound(
            f"no Council election in {year} (the data covers {min(data.years())}–{max(data.years())})"
        )
    found = [c for c in contests(data, year) if group is None or c.group is group]
    found.sort(
        key=lambda c: (c.election.kind is not ElectionKind.REGULAR, list(RegionalGroup).index(c.group))
    )
    cited = []
    for contest in found:
        for source_id in (*contest.election.sources, *(s for c in contest.standing for s in c.sources)):
            source = data.sources[source_id]
            if source not in cited:
                cited.append(source)
    held = next(c.election.held for c in contests(data, year) if c.election.kind is ElectionKind.REGULAR)
    return YearView(year, held, found, cited)


@dataclass(frozen=True)
class CandidateView:
    candidacy: Candidacy
    name: str
    contest: Contest
    record: CandidateRecord
    past: list[Membership]  # terms before this election
    consecutive_terms: int  # terms running up to the election without a gap
    pledge: PledgeStatus | None
    sources: list[FactSource]


def past_memberships(timeline: Timeline, state: str, before: date) -> list[Membership]:
    return [m for m in timeline.history(state) if m.start < before]


def _running(past: list[Membership], held: date) -> int:
    """Terms in a row up to the election: 0 unless the candidate sits on the Council that day."""
    if not past or past[-1].term_end < held:
        return 0
    run = 1
    for earlier, later in zip(reversed(past[:-1]), reversed(past[1:]), strict=True):
        if later.start > earlier.term_end + timedelta(days=1):
            break
        run += 1
    return run


def candidate_view(
    engine: Engine,
    data: ElectionData,
    timeline: Timeline,
    year: int,
    state: str,
    late_days: int = LATE_DAYS,
    pledge_statuses: list[PledgeStatus] | None = None,
) -> CandidateView:
    """``pledge_statuses``: the year's, when the caller has read them already (a briefing)."""
    state = state.upper()
    view = year_view(data, year)
    for contest in view.contests:
        for candidacy in (*contest.standing, *contest.withdrawn):
            if candidacy.state == state:
                past = past_memberships(timeline, state, contest.election.held)
                if pledge_statuses is None:
                    with engine.connect() as connection:
                        pledge_statuses = statuses(connection, data, year, late_days)
                pledge = next((p for p in pledge_statuses if p.state == state), None)
                return CandidateView(
                    candidacy,
                    all_states()[state].name,
                    contest,
                    candidate_record(engine, state, contest.election.held),
                    past,
                    _running(past, contest.election.held),
                    pledge,
                    [data.sources[s] for s in candidacy.sources],
                )
    raise NotFound(f"{state} was not a candidate in the {year} election")
