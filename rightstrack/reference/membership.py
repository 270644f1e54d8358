"""Who sat on the Human Rights Council on any day, and each state's membership history, derived
from the compiled elections: a term runs from its start to its end as elected, unless the member
left before (the United States in June 2018, the Russian Federation in April 2022).

A suspended member (Libya, March to November 2011) remains a member without its rights of
membership, as GA resolution 65/265 put it; it is shown as such, not removed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rightstrack.domain import Candidacy, CandidacyOutcome, ElectionKind, MembershipEvent, RegionalGroup
from rightstrack.reference.hrc import ElectionData, election_data

# GA resolution 60/251, paragraph 7 (shared data README; every UN press release on the elections).
ALLOTMENT = {
    RegionalGroup.AFRICAN: 13,
    RegionalGroup.ASIA_PACIFIC: 13,
    RegionalGroup.EASTERN_EUROPEAN: 6,
    RegionalGroup.GRULAC: 8,
    RegionalGroup.WEOG: 7,
}
COUNCIL_SIZE = sum(ALLOTMENT.values())


@dataclass(frozen=True)
class Membership:
    state: str
    group: RegionalGroup
    start: date
    end: date  # last day as a member
    elected_in: int
    kind: ElectionKind
    term_end: date  # as elected
    left_early: MembershipEvent | None

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Vacancy:
    group: RegionalGroup
    start: date
    end: date  # last day without the seat filled
    left: MembershipEvent
    filled_by: Candidacy | None


@dataclass(frozen=True)
class Suspension:
    state: str
    start: date
    end: date | None  # None: not lifted within the data


class Timeline:
    """The Council's membership over time, from one set of election data."""

    def __init__(self, data: ElectionData) -> None:
        self.data = data
        leaving = {(e.state, e.day): e for e in data.events if e.event == "withdrew"}
        self.memberships: list[Membership] = []
        for candidacy in data.candidacies:
            if candidacy.outcome is not CandidacyOutcome.ELECTED:
                continue
            assert candidacy.term_start is not None and candidacy.term_end is not None
            left = next(
                (
                    event
                    for (state, day), event in leaving.items()
                    if state == candidacy.state and candidacy.term_start <= day <= candidacy.term_end
                ),
                None,
            )
            end = left.day - timedelta(days=1) if left else candidacy.term_end
            self.memberships.append(
                Membership(
                    candidacy.state,
                    candidacy.group,
                    candidacy.term_start,
                    end,
                    candidacy.year,
                    candidacy.kind,
                    candidacy.term_end,
                    left,
                )
            )
        self.memberships.sort(key=lambda m: (m.start, m.state))
        self._by_state: dict[str, list[Membership]] = defaultdict(list)
        for membership in self.memberships:
            self._by_state[membership.state].append(membership)

    @property
    def first_day(self) -> date:
        return self.memberships[0].start

    @property
    def last_day(self) -> date:
        return max(m.end for m in self.memberships)

    def members_on(self, day: date) -> list[Membership]:
        return sorted((m for m in self.memberships if m.covers(day)), key=lambda m: (m.group, m.state))

    def history(self, state: str) -> list[Membership]:
        return list(self._by_state.get(state, ()))

    def was_member(self, state: str, day: date) -> bool:
        return any(m.covers(day) for m in self._by_state.get(state, ()))

    def change_days(self) -> list[date]:
        """Every day on which the membership changes: each day a term starts or the day after one ends."""
        days = {m.start for m in self.memberships} | {m.end + timedelta(days=1) for m in self.memberships}
        return sorted(d for d in days if d <= self.last_day)

    def vacancies(self) -> list[Vacancy]:
        found = []
        for event in self.data.events:
            if event.event != "withdrew":
                continue
            left = next(m for m in self._by_state[event.state] if m.left_early == event)
            filler = next(
                (
                    c
                    for c in self.data.candidacies
                    if c.kind is ElectionKind.BY_ELECTION
                    and c.group is left.group
                    and c.outcome is CandidacyOutcome.ELECTED
                    and c.term_start is not None
                    and c.term_start >= event.day
                ),
                None,
            )
            end = (filler.term_start - timedelta(days=1)) if filler and filler.term_start else left.term_end
            found.append(Vacancy(left.group, event.day, end, event, filler))
        return found

    def suspensions(self) -> list[Suspension]:
        found = []
        for event in sorted(self.data.events, key=lambda e: e.day):
            if event.event == "suspended":
                found.append(Suspension(event.state, event.day, None))
            elif event.event == "reinstated":
                for index, open_one in enumerate(found):
                    if open_one.state == event.state and open_one.end is None:
                        found[index] = Suspension(event.state, open_one.start, event.day - timedelta(days=1))
        return found

    def membership_lookup(self) -> MembershipLookup:
        return MembershipLookup(self)


class MembershipLookup:
    """Fast answers to "was X a member on day D" for many (state, day) pairs (UPR joins)."""

    def __init__(self, timeline: Timeline) -> None:
        self._starts: dict[str, list[date]] = {}
        self._ends: dict[str, list[date]] = {}
        for state in {m.state for m in timeline.memberships}:
            terms = timeline.history(state)
            self._starts[state] = [m.start for m in terms]
            self._ends[state] = [m.end for m in terms]

    def __call__(self, state: str, day: date) -> bool:
        starts = self._starts.get(state)
        if not starts:
            return False
        index = bisect_right(starts, day) - 1
        return index >= 0 and day <= self._ends[state][index]


@cache
def timeline() -> Timeline:
    return Timeline(election_data())
