"""The compiled Council elections: they load strictly, pass the Council's rules, and give the known
results of known years."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from rightstrack.domain import CandidacyOutcome, ElectionKind, RegionalGroup
from rightstrack.elections.competitiveness import closed_shares, contests
from rightstrack.elections.validation import seats_up, validate
from rightstrack.reference.hrc import ElectionData, ElectionDataError, election_data, read_election_data
from rightstrack.reference.membership import ALLOTMENT, Timeline, timeline

FOLDER = resources.files("rightstrack.reference").joinpath("hrc")


def test_every_election_from_2006_to_2025_with_every_group_and_a_source() -> None:
    data = election_data()
    assert data.years() == list(range(2006, 2026))
    for year in data.years():
        groups = {e.group for e in data.elections if e.year == year and e.kind is ElectionKind.REGULAR}
        assert groups == set(RegionalGroup), year
    assert all(e.sources for e in data.elections) and all(c.sources for c in data.candidacies)
    assert {s.kind for s in data.sources.values()} == {"UN", "secondary"}
    assert all(s.url.startswith(("http://", "https://")) for s in data.sources.values())


def test_the_compiled_data_passes_every_rule() -> None:
    assert validate(election_data(), timeline()) == []


def test_seats_follow_the_2006_draw_of_lots() -> None:
    seats = seats_up(election_data())
    for year, total in [(2006, 47), (2007, 14), (2008, 15), (2009, 18), (2022, 14), (2023, 15), (2024, 18)]:
        assert sum(seats[(year, g.value)] for g in RegionalGroup) == total
    assert [seats[(2024, g.value)] for g in RegionalGroup] == [5, 5, 2, 3, 3]


def test_47_members_on_ordinary_days_and_a_vacancy_after_each_withdrawal() -> None:
    council = timeline()
    for day in (date(2006, 6, 19), date(2009, 6, 20), date(2012, 7, 1), date(2013, 1, 1), date(2026, 11, 22)):
        members = council.members_on(day)
        assert len(members) == 47, day
        assert {g: sum(1 for m in members if m.group is g) for g in RegionalGroup} == ALLOTMENT
    assert len(council.members_on(date(2018, 7, 1))) == 46  # the United States left on 19 June 2018
    assert council.was_member("ISL", date(2018, 7, 13)) and not council.was_member("USA", date(2018, 6, 19))
    assert len(council.members_on(date(2022, 4, 20))) == 46  # Russia left on 7 April 2022
    assert council.was_member("CZE", date(2022, 5, 10))
    libya = council.suspensions()[0]
    assert (libya.state, libya.start, libya.end) == ("LBY", date(2011, 3, 1), date(2011, 11, 17))
    assert council.was_member("LBY", date(2011, 6, 1))  # suspended, still a member


def test_2016_russia_loses_to_croatia_by_two_votes() -> None:
    eastern = next(c for c in contests(election_data(), 2016) if c.group is RegionalGroup.EASTERN_EUROPEAN)
    assert [(c.state, c.final_votes, c.outcome) for c in eastern.standing] == [
        ("HUN", 144, CandidacyOutcome.ELECTED),
        ("HRV", 114, CandidacyOutcome.ELECTED),
        ("RUS", 112, CandidacyOutcome.DEFEATED),
    ]
    assert (eastern.closed, eastern.surplus, eastern.margin) == (False, 1, 2)


def test_the_2021_weog_slate_was_closed() -> None:
    weog = next(c for c in contests(election_data(), 2021) if c.group is RegionalGroup.WEOG)
    assert sorted(c.state for c in weog.standing) == ["FIN", "LUX", "USA"]
    assert (weog.seats, weog.closed, weog.margin) == (3, True, None)


def test_closed_slates_count_unknown_slates_apart() -> None:
    shares = {s.group: s for s in closed_shares(election_data())}
    for share in shares.values():
        assert share.closed + share.competitive + share.unknown == 20
    assert shares[RegionalGroup.AFRICAN].closed_share is not None
    assert shares[RegionalGroup.AFRICAN].closed_share > shares[RegionalGroup.ASIA_PACIFIC].closed_share  # type: ignore[operator]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "hrc"
    target.mkdir()
    for name in ("sources.csv", "elections.csv", "candidacies.csv", "membership_events.csv"):
        shutil.copyfile(str(FOLDER.joinpath(name)), target / name)
    return target


def test_a_bad_value_names_its_file_line_and_column(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "candidacies.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",elected,", ",elected-ish,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ElectionDataError) as caught:
        read_election_data(folder)
    assert (caught.value.file, caught.value.line, caught.value.column) == (
        "hrc/candidacies.csv",
        6,
        "outcome",
    )


def test_an_unknown_source_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "elections.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("ga10710;", "ga99999;", 1), encoding="utf-8")
    with pytest.raises(ElectionDataError, match="ga99999"):
        read_election_data(folder)


def _with(data: ElectionData, **changes: object) -> ElectionData:
    return replace(data, **changes)  # type: ignore[arg-type]


def test_the_rules_catch_a_third_consecutive_term_and_a_short_council() -> None:
    data = election_data()
    # Russia re-elected in 2012, after its 2006 and 2009 terms: a third consecutive term.
    russia_2012 = replace(
        next(c for c in data.candidacies if c.year == 2013 and c.state == "RUS"),
        year=2012,
        term_start=date(2013, 1, 1),
        term_end=date(2015, 12, 31),
    )
    estonia_2012 = next(c for c in data.candidacies if c.year == 2012 and c.state == "EST")
    swapped = tuple(russia_2012 if c is estonia_2012 else c for c in data.candidacies)
    broken = _with(data, candidacies=swapped)
    rules = {p.rule for p in validate(broken, Timeline(broken))}
    assert "third term" in rules
    # Leaving out one elected member leaves 46 members without a vacancy to explain it.
    fewer = _with(
        data, candidacies=tuple(c for c in data.candidacies if not (c.year == 2019 and c.state == "POL"))
    )
    problems = validate(fewer, Timeline(fewer))
    assert {p.rule for p in problems} >= {"elected", "composition"}
