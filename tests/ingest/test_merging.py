"""merge_records: one record per recommendation whatever the source, every source's word kept."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from rightstrack.domain import (
    Mechanism,
    Recommendation,
    RecordKind,
    Response,
    SourceFile,
    SourceRecord,
    Vocabulary,
)
from rightstrack.ingest.merging import merge_records
from rightstrack.sources.uprinfo import parse_file
from rightstrack.store.schema import ProvenanceRow, RecommendationRow, RecommendationTagRow, RecommenderRow
from rightstrack.store.writing import write_records


@pytest.fixture(scope="module")
def review(upr_info_dir: Path) -> list[Recommendation]:
    """The recommendations of one real review, as UPR Info's export codes them."""
    parsed = parse_file(upr_info_dir / "18-19.csv")
    first = parsed.records[0]
    return [r for r in parsed.records if (r.sur, r.session) == (first.sur, first.session)][:25]


def _source(name: str, kind: str = "uhri-json") -> SourceFile:
    return SourceFile(name, kind, f"/downloads/{name}", hashlib.sha256(name.encode()).hexdigest(), "utf-8", 0)


def _as_uhri(record: Recommendation, n: int) -> SourceRecord:
    """The same recommendation as UHRI files it: its own annotation id, themes, dates."""
    return SourceRecord(
        locator=f"00000000-0000-4000-8000-{n:012d}",
        uhri_id=f"00000000-0000-4000-8000-{n:012d}",
        mechanism=Mechanism.UPR,
        body="UPR",
        kind=RecordKind.RECOMMENDATION,
        sur=record.sur,
        session=record.session,
        text=record.text,
        published=date(2014, 6, 1),
        recommenders=tuple(code for code, _ in record.recommenders if code),
        document_symbol="A/HRC/27/1",
        paragraph=f"100.{n}",
        response=record.response,
        position="Supported" if record.response is Response.ACCEPTED else "Noted",
        tags=((Vocabulary.UHRI_THEME, "Right to education"),),
    )


def _count(engine: Engine, column: object) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(column)))  # type: ignore[call-overload]


def test_uhri_records_of_a_stored_review_become_one_record_each_with_two_provenances(
    store: Engine, review: list[Recommendation]
) -> None:
    with store.begin() as connection:
        write_records(connection, _source("18-19.csv", "upr-info-csv"), review, {})
    stored = _count(store, RecommendationRow)
    recommenders = _count(store, RecommenderRow)
    incoming = [_as_uhri(r, n) for n, r in enumerate(review)]
    # UHRI says the opposite of UPR Info for the first one: a conflict, not an overwrite.
    flipped = Response.NOTED if review[0].response is Response.ACCEPTED else Response.ACCEPTED
    incoming[0] = replace(incoming[0], response=flipped)
    with store.begin() as connection:
        summary = merge_records(connection, _source("export-full-en.json"), incoming)
    assert summary.added == 0 and summary.merged == len(review)
    assert [c.incoming for c in summary.conflicts] == [flipped.value]
    assert _count(store, RecommendationRow) == stored
    assert _count(store, RecommenderRow) == recommenders  # the same states, not again
    with store.connect() as connection:
        first = connection.execute(
            select(RecommendationRow).where(RecommendationRow.uhri_id == incoming[0].uhri_id)
        ).one()
        assert first.response == review[0].response.value  # type: ignore[union-attr]
        assert first.published == date(2014, 6, 1) and first.document_symbol == "A/HRC/27/1"
        provenances = connection.scalar(
            select(func.count()).where(ProvenanceRow.recommendation_id == first.id)
        )
        assert provenances == 2
        themes = connection.scalar(
            select(func.count()).where(RecommendationTagRow.vocabulary == Vocabulary.UHRI_THEME.value)
        )
        assert themes == len(review)


def _treaty_body(n: int, text: str, sur: str = "PER") -> SourceRecord:
    uuid = f"11111111-0000-4000-8000-{n:012d}"
    return SourceRecord(
        locator=uuid,
        uhri_id=uuid,
        mechanism=Mechanism.TREATY_BODY,
        body="CRC",
        kind=RecordKind.CONCERN,
        sur=sur,
        text=text,
        published=date(2016, 3, 2),
        document_symbol="CRC/C/PER/CO/4-5",
        paragraph=str(n),
    )


def test_other_mechanisms_are_stored_without_session_and_a_newer_export_adds_only_what_is_new(
    store: Engine, review: list[Recommendation]
) -> None:
    records = [_treaty_body(n, r.text) for n, r in enumerate(review[:6])]
    with store.begin() as connection:
        first = merge_records(connection, _source("export-full-en.json"), records, chunk=4)
    assert first.added == 6
    with store.begin() as connection:
        again = merge_records(connection, _source("export-full-en.json"), records)
    assert (again.added, again.unchanged, again.changed) == (0, 6, False)
    newer = [*records, _treaty_body(99, review[7].text)]
    with store.begin() as connection:
        later = merge_records(connection, _source("export-full-en-2026-03.json"), newer)
    assert (later.added, later.unchanged) == (1, 6)
    with store.connect() as connection:
        rows = connection.execute(
            select(RecommendationRow.session, RecommendationRow.cycle, RecommendationRow.year).where(
                RecommendationRow.mechanism == Mechanism.TREATY_BODY.value
            )
        ).all()
    assert {tuple(row) for row in rows} == {(None, None, 2016)}
    assert len(rows) == 7


def test_the_same_text_twice_is_two_records_even_across_chunks(
    store: Engine, review: list[Recommendation]
) -> None:
    """A committee may repeat a sentence in two paragraphs: two annotations, two records."""
    text = review[0].text
    records = [_treaty_body(1, text), _treaty_body(2, text), _treaty_body(3, text)]
    with store.begin() as connection:
        summary = merge_records(connection, _source("a.json"), records, chunk=1)
    assert summary.added == 3
    upr = [replace(_as_uhri(review[0], n), text=text, recommenders=()) for n in (1, 2, 3)]
    with store.begin() as connection:
        summary = merge_records(connection, _source("b.json"), upr, chunk=2)
    assert summary.added == 3 and _count(store, RecommendationRow) == 6


def test_a_record_that_cannot_be_filed_is_skipped_with_its_reason(
    store: Engine, review: list[Recommendation]
) -> None:
    future = replace(_as_uhri(review[0], 1), session=99)
    undated = replace(_treaty_body(2, review[1].text), published=None)
    with store.begin() as connection:
        summary = merge_records(
            connection, _source("c.json"), [future, undated, _treaty_body(3, review[2].text)]
        )
    assert summary.added == 1
    assert [reason.split(": ", 1)[1][:20] for reason in summary.skipped] == [
        "UPR session 99 is no",
        "neither a UPR sessio",
    ]
