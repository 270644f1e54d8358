"""How competitive each regional group's slate was: candidates against seats, closed slates, the
margin between the last elected and the first defeated, and the trends over the years.

Where the sources do not establish every candidate of a group (``candidates_complete`` is no), a
slate with a known defeated candidate is still competitive; otherwise whether it was closed is
unknown, and it is counted as such, never as closed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rightstrack.domain import Candidacy, CandidacyOutcome, ElectionKind, GroupElection, RegionalGroup
from rightstrack.reference.hrc import ElectionData


@dataclass(frozen=True)
class Contest:
    election: GroupElection
    standing: tuple[Candidacy, ...]  # on the ballot, best first where counts are known
    withdrawn: tuple[Candidacy, ...]

    @property
    def year(self) -> int:
        return self.election.year

    @property
    def group(self) -> RegionalGroup:
        return self.election.group

    @property
    def seats(self) -> int:
        return self.election.seats

    @property
    def surplus(self) -> int:
        """Candidates minus seats (a lower bound where the candidates are not all known)."""
        return len(self.standing) - self.seats

    @property
    def closed(self) -> bool | None:
        if self.surplus > 0:
            return False
        return True if self.election.candidates_complete else None

    @property
    def elected(self) -> list[Candidacy]:
        return [c for c in self.standing if c.outcome is CandidacyOutcome.ELECTED]

    @property
    def defeated(self) -> list[Candidacy]:
        return [c for c in self.standing if c.outcome is CandidacyOutcome.DEFEATED]

    @property
    def last_elected(self) -> Candidacy | None:
        counted = [c for c in self.elected if c.final_votes is not None]
        return min(counted, key=lambda c: c.final_votes or 0) if counted else None

    @property
    def first_defeated(self) -> Candidacy | None:
        counted = [c for c in self.defeated if c.final_votes is not None]
        return max(counted, key=lambda c: c.final_votes or 0) if counted else None

    @property
    def margin(self) -> int | None:
        """Votes between the last elected and the first defeated: only where every candidate's count
        is known and one round decided the group (a later round is another ballot)."""
        counts = [c.votes for c in self.standing]
        if not self.defeated or any(not v or None in v or len(v) != 1 for v in counts):
            return None
        if not self.election.candidates_complete:
            return None
        last, first = self.last_elected, self.first_defeated
        assert last is not None and first is not None
        return (last.final_votes or 0) - (first.final_votes or 0)

    @property
    def status(self) -> str:
        return {True: "closed", False: "competitive", None: "unknown"}[self.closed]


def _ranked(candidacies: list[Candidacy]) -> tuple[Candidacy, ...]:
    order = {CandidacyOutcome.ELECTED: 0, CandidacyOutcome.DEFEATED: 1}
    return tuple(sorted(candidacies, key=lambda c: (order[c.outcome], -(c.final_votes or -1), c.state)))


def contests(data: ElectionData, year: int | None = None, kind: ElectionKind | None = None) -> list[Contest]:
    found = []
    for election in data.elections:
        if (year is not None and election.year != year) or (kind is not None and election.kind is not kind):
            continue
        candidates = data.candidates(election.year, election.group, election.kind)
        standing = [c for c in candidates if c.outcome is not CandidacyOutcome.WITHDRAWN]
        withdrawn = tuple(c for c in candidates if c.outcome is CandidacyOutcome.WITHDRAWN)
        found.append(Contest(election, _ranked(standing), withdrawn))
    return sorted(found, key=lambda c: (c.year, c.election.held, list(RegionalGroup).index(c.group)))


@dataclass(frozen=True)
class GroupShare:
    group: RegionalGroup
    closed: int
    competitive: int
    unknown: int

    @property
    def known(self) -> int:
        return self.closed + self.competitive

    @property
    def closed_share(self) -> float | None:
        return self.closed / self.known if self.known else None


def closed_shares(data: ElectionData) -> list[GroupShare]:
    """Per group, the regular elections with closed, competitive and unknown slates."""
    tally: dict[RegionalGroup, list[int]] = defaultdict(lambda: [0, 0, 0])
    for contest in contests(data, kind=ElectionKind.REGULAR):
        index = {True: 0, False: 1, None: 2}[contest.closed]
        tally[contest.group][index] += 1
    return [GroupShare(group, *tally[group]) for group in RegionalGroup]


@dataclass(frozen=True)
class YearSummary:
    year: int
    seats: int
    candidates: int
    competitive_groups: int
    closed_groups: int
    unknown_groups: int


def yearly(data: ElectionData) -> list[YearSummary]:
    """Each regular election's totals: seats, candidates on the ballot, groups by slate."""
    by_year: dict[int, list[Contest]] = defaultdict(list)
    for contest in contests(data, kind=ElectionKind.REGULAR):
        by_year[contest.year].append(contest)
    return [
        YearSummary(
            year,
            sum(c.seats for c in items),
            sum(len(c.standing) for c in items),
            sum(1 for c in items if c.closed is False),
            sum(1 for c in items if c.closed is True),
            sum(1 for c in items if c.closed is None),
        )
        for year, items in sorted(by_year.items())
    ]
