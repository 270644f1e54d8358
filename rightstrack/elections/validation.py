"""Checks the compiled election data against the rules of GA resolution 60/251 and the record:

- each regional group's seats in a regular election match that year's share of the allotment
  (13/13/6/8/7 in 2006; afterwards the seats whose terms end, fixed by the 2006 draw of lots);
- each election elects as many states as it has seats, each in its own regional group;
- an elected candidate had the required majority where its count is known, and outpolled the
  defeated candidates of its group in the same round;
- terms: 1, 2 or 3 years from the 2006 draw; 3 years afterwards, ending on 31 December from the
  2009 cohort on (GA resolution 65/281 moved the membership year to the calendar year); a by-election
  fills the rest of the term left vacant;
- no state elected to a third consecutive term;
- 47 members on every day, with each group's allotment, except while a seat a member left is vacant.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from rightstrack.domain import Candidacy, CandidacyOutcome, ElectionKind
from rightstrack.reference.hrc import ElectionData
from rightstrack.reference.membership import ALLOTMENT, COUNCIL_SIZE, Timeline
from rightstrack.reference.states import all_states

FIRST_YEAR = 2006
LOT_ENDS = {date(2007, 6, 19): 1, date(2008, 6, 19): 2, date(2009, 6, 19): 3}


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.where}: {self.message}"


def expected_term(candidacy: Candidacy) -> tuple[date, date] | None:
    """The term a regular election gives (None for 2006, whose terms were drawn by lot)."""
    year = candidacy.year
    if year == FIRST_YEAR:
        return None
    if year <= 2008:
        return date(year, 6, 20), date(year + 3, 6, 19)
    if year <= 2011:
        return date(year, 6, 20), date(year + 3, 12, 31)
    return date(year + 1, 1, 1), date(year + 3, 12, 31)


def seats_up(data: ElectionData) -> dict[tuple[int, str], int]:
    """Seats per (year, group) in regular elections, as the 2006 draw of lots fixed them."""
    lots: Counter[tuple[int, str]] = Counter()
    for candidacy in data.candidacies:
        if candidacy.year == FIRST_YEAR and candidacy.outcome is CandidacyOutcome.ELECTED:
            lot = LOT_ENDS.get(candidacy.term_end or date.min)
            if lot:
                lots[(lot, candidacy.group.value)] += 1
    expected = {}
    for year in data.years():
        for group, seats in ALLOTMENT.items():
            if year == FIRST_YEAR:
                expected[(year, group.value)] = seats
            else:
                lot = (year - FIRST_YEAR - 1) % 3 + 1
                expected[(year, group.value)] = lots[(lot, group.value)]
    return expected


def _check_seats(data: ElectionData) -> list[Problem]:
    problems = []
    expected = seats_up(data)
    for election in data.elections:
        where = f"{election.year} {election.kind.value} {election.group.value}"
        if election.kind is ElectionKind.REGULAR:
            want = expected[(election.year, election.group.value)]
            if election.seats != want:
                problems.append(
                    Problem("seats", where, f"{election.seats} seats, the allotment gives {want}")
                )
        elected = [
            c
            for c in data.candidates(election.year, election.group, election.kind)
            if c.outcome is CandidacyOutcome.ELECTED
        ]
        if len(elected) != election.seats:
            problems.append(Problem("elected", where, f"{len(elected)} elected for {election.seats} seats"))
    for candidacy in data.candidacies:
        try:
            data.election(candidacy.year, candidacy.group, candidacy.kind)
        except KeyError:
            problems.append(Problem("candidacy", _where(candidacy), "no such election in elections.csv"))
        group = all_states()[candidacy.state].regional_group
        if group is not candidacy.group:
            problems.append(
                Problem("group", _where(candidacy), f"{candidacy.state} belongs to {group}, not this group")
            )
    return problems


def _where(candidacy: Candidacy) -> str:
    return f"{candidacy.year} {candidacy.kind.value} {candidacy.group.value} {candidacy.state}"


def _check_votes(data: ElectionData) -> list[Problem]:
    problems = []
    for election in data.elections:
        candidates = data.candidates(election.year, election.group, election.kind)
        for candidacy in candidates:
            if candidacy.outcome is CandidacyOutcome.ELECTED:
                final = candidacy.final_votes
                if final is not None and final < election.required_majority:
                    problems.append(
                        Problem(
                            "majority",
                            _where(candidacy),
                            f"elected with {final} votes, below {election.required_majority}",
                        )
                    )
        for round_index in range(election.rounds):
            counted = [
                (c, c.votes[round_index])
                for c in candidates
                if len(c.votes) > round_index and c.votes[round_index] is not None
            ]
            last_round = all(len(c.votes) <= round_index + 1 for c, _ in counted)
            elected = [v for c, v in counted if c.outcome is CandidacyOutcome.ELECTED]
            defeated = [(c, v) for c, v in counted if c.outcome is CandidacyOutcome.DEFEATED]
            if not last_round or not elected:
                continue
            for candidacy, votes in defeated:
                if votes is not None and votes > min(v for v in elected if v is not None):
                    problems.append(
                        Problem("ranking", _where(candidacy), f"defeated with {votes}, more than an elected")
                    )
    return problems


def _check_terms(data: ElectionData) -> list[Problem]:
    problems = []
    for candidacy in data.candidacies:
        if candidacy.outcome is not CandidacyOutcome.ELECTED:
            continue
        term = (candidacy.term_start, candidacy.term_end)
        if candidacy.kind is ElectionKind.BY_ELECTION:
            vacated = [
                c
                for c in data.candidacies
                if c.group is candidacy.group
                and c.outcome is CandidacyOutcome.ELECTED
                and c.kind is ElectionKind.REGULAR
                and c.term_end == candidacy.term_end
                and any(e.state == c.state and e.event == "withdrew" for e in data.events)
            ]
            if not vacated:
                problems.append(Problem("term", _where(candidacy), "does not end with a vacated term"))
        elif candidacy.year == FIRST_YEAR:
            if candidacy.term_start != date(2006, 6, 19) or candidacy.term_end not in LOT_ENDS:
                problems.append(Problem("term", _where(candidacy), f"{term} is not a 1-, 2- or 3-year lot"))
        elif term != expected_term(candidacy):
            problems.append(
                Problem("term", _where(candidacy), f"{term}, expected {expected_term(candidacy)}")
            )
    return problems


def _check_consecutive(timeline: Timeline) -> list[Problem]:
    problems = []
    by_state = defaultdict(list)
    for membership in timeline.memberships:
        by_state[membership.state].append(membership)
    for state, terms in by_state.items():
        run = 1
        for previous, current in pairwise(terms):
            adjacent = current.start <= previous.term_end + timedelta(days=1)
            run = run + 1 if adjacent else 1
            if run >= 3:
                problems.append(
                    Problem(
                        "third term", f"{current.elected_in} {state}", "elected to a third consecutive term"
                    )
                )
    return problems


def _check_composition(data: ElectionData, timeline: Timeline) -> list[Problem]:
    problems = []
    last_filled = date(max(data.years()) + 1, 12, 31)
    vacancies = timeline.vacancies()
    for day in timeline.change_days():
        if day > last_filled:
            break
        members = timeline.members_on(day)
        per_group = Counter(m.group for m in members)
        short = {g: ALLOTMENT[g] - per_group[g] for g in ALLOTMENT if per_group[g] != ALLOTMENT[g]}
        explained = all(
            missing == 1 and any(v.group is group and v.start <= day <= v.end for v in vacancies)
            for group, missing in short.items()
        )
        if short and not explained:
            counts = ", ".join(f"{g.value} {per_group[g]}/{ALLOTMENT[g]}" for g in short)
            problems.append(
                Problem(
                    "composition", day.isoformat(), f"{len(members)} of {COUNCIL_SIZE} members ({counts})"
                )
            )
    return problems


def validate(data: ElectionData, timeline: Timeline) -> list[Problem]:
    return (
        _check_seats(data)
        + _check_votes(data)
        + _check_terms(data)
        + _check_consecutive(timeline)
        + _check_composition(data, timeline)
    )
