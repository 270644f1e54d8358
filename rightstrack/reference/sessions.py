"""UPR Working Group sessions: session number → cycle and when it met."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from importlib import resources

from rightstrack.domain import Session


@cache
def all_sessions() -> dict[int, Session]:
    text = resources.files(__package__).joinpath("sessions.csv").read_text(encoding="utf-8")
    sessions: dict[int, Session] = {}
    for row in csv.DictReader(text.splitlines()):
        year, month = (int(part) for part in row["start_month"].split("-"))
        number = int(row["session"])
        sessions[number] = Session(number, int(row["cycle"]), year, month)
    return sessions


def session(number: int) -> Session:
    try:
        return all_sessions()[number]
    except KeyError:
        known = max(all_sessions())
        raise ValueError(f"no UPR session {number} (sessions run from 1 to {known})") from None


def review_day(number: int) -> date:
    """A day that stands for a session's reviews: the 15th of the month it opened (close enough for
    Council terms, which change in January or June)."""
    info = session(number)
    return date(info.year, info.month, 15)


def cycles() -> list[int]:
    return sorted({s.cycle for s in all_sessions().values()})


def hrc_session_month(number: int) -> tuple[int, int]:
    """(year, month) a regular session of the Human Rights Council opens. Since 2007 the Council
    meets three times a year, in March, June and September; its 4th session opened in March 2007."""
    if number < 4:
        raise ValueError(f"Human Rights Council session {number} met in 2006, before the UPR began")
    year, index = divmod(number - 4, 3)
    return 2007 + year, (3, 6, 9)[index]


def wg_sessions_before(hrc_session: int) -> list[int]:
    """Working Group sessions whose reports the Council may adopt at ``hrc_session``, likeliest
    first: those that opened three to seven months before it (latest first), then those that
    opened one or two months before (in 2008 reports were adopted within weeks)."""
    year, month = hrc_session_month(hrc_session)
    opens = year * 12 + month
    gaps = {s.number: opens - (s.year * 12 + s.month) for s in all_sessions().values()}
    usual = sorted((n for n, gap in gaps.items() if 3 <= gap <= 7), reverse=True)
    early = sorted((n for n, gap in gaps.items() if 1 <= gap <= 2), reverse=True)
    return usual + early
