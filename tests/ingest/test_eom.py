"""Storing missions' recommendations on SQLite and PostgreSQL, and setting them beside the UPR's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from rightstrack.analysis.eom_compare import EomComparison, compare_state, election_related_upr
from rightstrack.domain import Mechanism
from rightstrack.ingest.eom import eom_recommendations, load_eom_path, states_with_eom, store_eom
from rightstrack.ingest.loading import load_file
from rightstrack.sources.eom import EomTemplateError, read_eom
from rightstrack.sources.eom_template import template_csv
from rightstrack.store.schema import EomRecommendationRow, ProvenanceRow, RecommendationRow
from tests.eom_data import write_upr_subset


@pytest.fixture
def filled(store: Engine, tmp_path: Path) -> Engine:
    """UPR Info's rows for Belarus and Cambodia, and the worked example's missions."""
    load_file(store, write_upr_subset(tmp_path))
    example = tmp_path / "eom-example.csv"
    example.write_bytes(template_csv(example=True))
    load_eom_path(store, example)
    return store


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        return (
            connection.scalar(select(func.count()).select_from(RecommendationRow)) or 0,
            connection.scalar(select(func.count()).select_from(EomRecommendationRow)) or 0,
            connection.scalar(select(func.count()).select_from(ProvenanceRow)) or 0,
        )


def test_a_template_is_stored_once_with_its_missions(filled: Engine, tmp_path: Path) -> None:
    with filled.connect() as connection:
        stored = eom_recommendations(connection, "KHM")
        mechanisms = connection.execute(
            select(RecommendationRow.mechanism, RecommendationRow.body, func.count())
            .where(RecommendationRow.mechanism == Mechanism.ELECTION_OBSERVATION.value)
            .group_by(RecommendationRow.mechanism, RecommendationRow.body)
            .order_by(RecommendationRow.body)
        ).all()
        assert states_with_eom(connection) == {"BLR": 7, "KHM": 3}
    assert [tuple(row) for row in mechanisms] == [
        ("Election observation", "EU EOM", 3),
        ("Election observation", "OSCE/ODIHR", 7),
    ]
    assert next(s.text for s in stored) == (
        "Take credible steps to ensure the neutrality of the National Election Committee at all levels."
    )
    assert stored[0].details.mission == "EU Election Observation Mission, Cambodia 2008"
    before = _counts(filled)
    again = tmp_path / "again.csv"  # the same content under another name is the same source
    again.write_bytes(template_csv(example=True))
    _, summary = load_eom_path(filled, again)
    assert (summary.merge.added, summary.details_added, summary.details_unchanged) == (0, 0, 10)
    assert _counts(filled) == before


def test_a_bad_file_stores_nothing(filled: Engine, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(template_csv(example=True).decode("utf-8"), newline="")))
    for row in rows:
        row["mission"] += " (second reading)"
    rows[-1]["election_date"] = "27 July 2008"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    bad = tmp_path / "bad.csv"
    bad.write_text(out.getvalue(), encoding="utf-8")
    before = _counts(filled)
    with pytest.raises(EomTemplateError, match=r"bad\.csv:11: election_date: not a date"):
        load_eom_path(filled, bad)
    assert _counts(filled) == before


def test_another_files_details_fill_gaps_and_conflicts_are_reported_not_written(filled: Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(template_csv(example=True).decode("utf-8"), newline="")))
    follow_up = rows[8]  # Cambodia: Form 1018, no follow-up recorded
    follow_up["follow_up"] = "fully implemented"
    follow_up["institution"] = "Ministry of Interior"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerow(follow_up)
    parsed = read_eom(out.getvalue().encode(), "follow-up.csv")
    with filled.begin() as connection:
        summary = store_eom(connection, parsed)
    assert summary.details_filled == 1 and summary.merge.added == 0
    assert [(c.column, c.stored, c.incoming) for c in summary.conflicts] == [
        ("institution", "National Election Committee", "Ministry of Interior")
    ]
    with filled.connect() as connection:
        stored = next(s for s in eom_recommendations(connection, "KHM") if "1018" in s.text)
    assert stored.details.follow_up == "fully implemented"
    assert stored.details.institution == "National Election Committee"


def _about(found: list[EomComparison], words: str) -> EomComparison:
    return next(c for c in found if words in c.eom.text)


def test_missions_recommendations_are_set_beside_the_upr_ones_that_say_the_same(filled: Engine) -> None:
    with filled.connect() as connection:
        belarus = compare_state(connection, "BLR")
        cambodia = compare_state(connection, "KHM")
        related = election_related_upr(connection, "BLR")
    assert len(related) >= 6 and any(u.coded for u in related) and any(not u.coded for u in related)
    observers = _about(belarus, "observers the right to monitor").matches[0]
    assert observers.text.startswith("Commit to inviting independent international observers")
    assert observers.response == "Noted" and observers.recommenders == ("CAN",) and observers.session == 8
    assert observers.similarity > 0.15 and observers.coded_elections
    reform = _about(belarus, "Electoral reform should be undertaken").matches
    assert reform and "Organization for Democratic Institutions" in reform[0].text
    neutrality = _about(cambodia, "neutrality of the National Election Committee").matches[0]
    assert "National Election Committee retains full independence" in neutrality.text
    assert neutrality.response == "Accepted" and neutrality.recommenders == ("USA",)
    # A recommendation no UPR recommendation makes is shown alone, not with the least unlike.
    assert _about(cambodia, "broadcasting regulatory authority").matches == ()
    assert all(m.similarity >= 0.08 for c in belarus for m in c.matches)
