"""UPR Working Group sessions: session number → cycle and when it met."""

from __future__ import annotations

import csv
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


def cycles() -> list[int]:
    return sorted({s.cycle for s in all_sessions().values()})
