"""Each UPR review's day and Working Group report symbol, as the UN's reports give them.

``reviews.csv`` is written by ``tools/wg_reviews.py`` from the reports in ``../shared/data``
(sessions 1–19 and Slovenia's four reviews); an empty cell is one the report does not say.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ReviewFacts:
    session: int
    state: str  # ISO alpha-3
    day: date | None  # the meeting at which the Working Group reviewed the state
    report_symbol: str | None  # A/HRC/<Council session>/<n>
    source: str  # the report these were read from


@cache
def all_review_facts() -> dict[tuple[int, str], ReviewFacts]:
    text = resources.files(__package__).joinpath("reviews.csv").read_text(encoding="utf-8")
    facts: dict[tuple[int, str], ReviewFacts] = {}
    for row in csv.DictReader(text.splitlines()):
        session = int(row["session"])
        facts[(session, row["state"])] = ReviewFacts(
            session,
            row["state"],
            date.fromisoformat(row["review_date"]) if row["review_date"] else None,
            row["report_symbol"] or None,
            row["source"],
        )
    return facts


def review_facts(session: int, state: str) -> ReviewFacts | None:
    return all_review_facts().get((session, state))


def national_documents(session: int, state: str) -> list[tuple[str, str]]:
    """The Working Group's own documents for a review, by the UN's numbering of them
    (A/HRC/WG.6/<session>/<ISO3>/1, 2, 3: the data README, "The UN's document system")."""
    base = f"A/HRC/WG.6/{session}/{state}"
    return [
        ("national report", f"{base}/1"),
        ("UN compilation", f"{base}/2"),
        ("stakeholders' summary", f"{base}/3"),
    ]
