"""Candidate records from RightsTrack's own data: the latest review, answers, cooperation, pledges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from rightstrack.elections.records import candidate_record
from rightstrack.search.engine import SearchEngine


def test_slovenia_before_the_2025_election_from_the_un_documents(slovenia_store: Engine) -> None:
    record = candidate_record(slovenia_store, "SVN", date(2025, 10, 14))
    assert record.review is not None
    assert (record.review.session, record.review.cycle, record.review.year) == (48, 4, 2025)
    assert (record.received, record.accepted, record.noted) == (254, 217, 37)  # the addendum's totals
    assert round(record.accepted_share or 0, 3) == 0.854
    assert record.cooperation and record.cooperation_accepted <= len(record.cooperation)
    earlier = candidate_record(slovenia_store, "SVN", date(2016, 1, 1))
    assert earlier.review is not None and earlier.review.cycle == 2
    assert candidate_record(slovenia_store, "SVN", date(2010, 1, 1)).review is None


def test_bahrain_in_2012_counts_as_upr_info_does(loaded: SearchEngine, upr_info_dir: Path) -> None:
    record = candidate_record(loaded.engine, "BHR", date(2012, 11, 12))
    assert record.review is not None and (record.review.session, record.review.year) == (13, 2012)
    exports = pd.concat(
        [
            pd.read_csv(path, encoding="latin-1")
            for path in sorted(upr_info_dir.glob("*.csv"))
            if "-" in path.stem
        ]
    )
    rows = exports[(exports["To"] == "Bahrain") & (exports["Session"] == 13)]
    distinct = rows.drop_duplicates(["Text", "Response"])  # a joint recommendation is one record
    assert record.received == len(distinct)
    assert record.accepted == int((distinct["Response"] == "Accepted").sum())
    assert record.noted == int((distinct["Response"] == "Noted").sum())
    cooperation = distinct[distinct["Issue"].fillna("").str.contains("Special procedures|Treaty bodies")]
    assert len(record.cooperation) == len(cooperation)
    pledges = pd.read_csv(upr_info_dir / "voluntary.csv", encoding="latin-1")
    made = pledges[(pledges["To"] == "Bahrain") & (pledges["Session"].isin([1, 13]))]
    assert len(record.pledges) == len(made.drop_duplicates(["Text"]))
