import csv
import io
from pathlib import Path

import pytest

from rightstrack.reference.issues import ACTION_CATEGORIES, UPR_INFO_ISSUES, canonical_issue
from rightstrack.reference.sessions import all_sessions, session


@pytest.mark.parametrize(("first", "last", "cycle"), [(1, 12, 1), (13, 26, 2), (27, 40, 3), (41, 54, 4)])
def test_cycles_as_ohchr_defines_them(first: int, last: int, cycle: int) -> None:
    assert {all_sessions()[n].cycle for n in range(first, last + 1)} == {cycle}


@pytest.mark.parametrize(("number", "year"), [(7, 2010), (20, 2014), (34, 2019), (48, 2025), (1, 2008)])
def test_slovenia_review_years(number: int, year: int) -> None:
    assert session(number).year == year


def test_sessions_are_in_time_order() -> None:
    dates = [(s.year, s.month) for s in all_sessions().values()]
    assert dates == sorted(dates)


def test_unknown_session() -> None:
    with pytest.raises(ValueError, match="no UPR session 999"):
        session(999)


def test_issue_taxonomy_matches_the_real_data(upr_info_dir: Path) -> None:
    seen: set[str] = set()
    for path in upr_info_dir.glob("*.csv"):
        for row in csv.DictReader(io.StringIO(path.read_bytes().decode("mac_roman"), newline="")):
            seen.update(i.strip() for i in row["Issue"].split(",") if i.strip())
    assert len(UPR_INFO_ISSUES) == 54
    assert seen == set(UPR_INFO_ISSUES)


def test_canonical_issue() -> None:
    assert canonical_issue("women's RIGHTS") == "Women's rights"
    with pytest.raises(ValueError, match="54 issues"):
        canonical_issue("Space law")


def test_action_categories() -> None:
    assert sorted(ACTION_CATEGORIES) == [1, 2, 3, 4, 5]
    assert ACTION_CATEGORIES[5][0] == "Specific action"
