"""Loading UHRI exports into a store (SQLite and PostgreSQL): merged with what is stored, idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from rightstrack.cli import app
from rightstrack.domain import Vocabulary
from rightstrack.ingest.loading import load_file
from rightstrack.ingest.uhri import load_uhri, split_uhri
from rightstrack.sources.uhri import UhriError
from rightstrack.store.schema import (
    ProvenanceRow,
    RecommendationRow,
    RecommendationTagRow,
    RecommenderRow,
    SourceRow,
)
from tests.uhri_exports import (
    annotation,
    real_recommendations,
    upr_annotation,
    upr_info_subset,
    write_json,
    write_xlsx,
)

UPR_INFO_ROWS = 12


def _export(size: int = 6) -> list[dict[str, Any]]:
    """UPR annotations of UPR Info's first recommendations, then treaty bodies' and special procedures'."""
    real = real_recommendations()
    upr = [upr_annotation(r, Themes=["Right to health"]) for r in real[:size]]
    return upr + [
        annotation(
            Text=f"<p>{10 + i}.{r.text}</p>",
            AnnotationType="- Concerns/Observations",
            Body=body,
            Countries=["Peru", "Chile"] if i == 0 else ["Peru"],
            Symbol="CRC/C/PER/CO/6-7",
            PublicationDate="2025-02-12T00:00:00",
            Sdgs=["16.2 - Protect children from abuse, exploitation, trafficking and violence"],
            Regions=["Latin America and the Caribbean "],
        )
        for i, (r, body) in enumerate(
            zip(
                real[100:104],
                [
                    "- CRC",
                    "- Committee on the Rights of the Child",
                    "- IE  Albinism",
                    "- SR Freedom of expression",
                ],
                strict=True,
            )
        )
    ]


def _count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def test_load_stores_every_mechanism_with_its_fields(store: Engine, tmp_path: Path) -> None:
    report = load_uhri(store, write_json(tmp_path / "export-full-en.json", _export()))
    assert report.records_read == report.records_kept == 10
    assert report.by_mechanism == {"UPR": 6, "Treaty body": 2, "Special procedure": 2}
    assert report.by_body == {
        ("UPR", "UPR"): 6,
        ("Treaty body", "CRC"): 2,
        ("Special procedure", "IE Albinism"): 1,
        ("Special procedure", "SR Freedom of expression"): 1,
    }
    assert report.by_kind == {"recommendation": 6, "concern": 4}
    assert report.merged is not None and report.merged.added == 10
    with store.connect() as connection:
        table = RecommendationRow.__table__
        rows = connection.execute(
            select(table).where(table.c.mechanism == "Treaty body").order_by(table.c.id)
        ).all()
        assert [(r.body, r.sur_code, r.paragraph, r.session, r.cycle) for r in rows] == [
            ("CRC", "PER", "10", None, None),
            ("CRC", "PER", "11", None, None),
        ]
        assert rows[0].uhri_id and rows[0].published is not None and rows[0].published.year == 2025
        assert rows[0].text == real_recommendations()[100].text
        tags = set(
            connection.execute(
                select(RecommendationTagRow.vocabulary, RecommendationTagRow.tag).where(
                    RecommendationTagRow.recommendation_id == rows[0].id
                )
            ).all()
        )
        assert {
            (Vocabulary.ALSO_CONCERNS.value, "CHL"),
            (Vocabulary.SDG.value, "SDG 16"),
            (Vocabulary.REGION.value, "Latin America and the Caribbean"),
        } <= tags
        upr = connection.execute(select(table).where(table.c.mechanism == "UPR")).all()
        first = real_recommendations()[0]
        assert {(r.sur_code, r.session, r.cycle) for r in upr} >= {(first.sur, first.session, 2)}
        source = connection.execute(select(SourceRow.__table__)).one()
        assert (source.kind, source.rows_read) == ("uhri-json", 10)


def test_loading_the_same_export_again_adds_nothing(store: Engine, tmp_path: Path) -> None:
    path = write_json(tmp_path / "export-full-en.json", _export())
    load_uhri(store, path)
    counts = [
        _count(store, t) for t in (RecommendationRow, ProvenanceRow, RecommendationTagRow, RecommenderRow)
    ]
    again = load_uhri(store, path)
    assert again.merged is not None and again.merged.added == 0 and not again.merged.changed
    assert [
        _count(store, t) for t in (RecommendationRow, ProvenanceRow, RecommendationTagRow, RecommenderRow)
    ] == counts


@pytest.mark.parametrize("newer_name", ["export-full-en.json", "export-full-en-2026-02.json"])
def test_a_newer_export_adds_only_the_new_records(store: Engine, tmp_path: Path, newer_name: str) -> None:
    older = _export()
    load_uhri(store, write_json(tmp_path / "export-full-en.json", older))
    real = real_recommendations()
    newer = [
        *older,
        upr_annotation(real[50]),
        annotation(Text=real[51].text, Body="- CEDAW", Countries=["Peru"]),
    ]
    (tmp_path / "new").mkdir()
    report = load_uhri(store, write_json(tmp_path / "new" / newer_name, newer))
    assert report.merged is not None and report.merged.added == 2
    assert _count(store, RecommendationRow) == len(newer)


def test_upr_info_record_and_its_uhri_annotation_are_one_record(store: Engine, tmp_path: Path) -> None:
    upr_info = load_file(store, upr_info_subset(tmp_path / "18-19-part.csv", UPR_INFO_ROWS))
    assert upr_info.written is not None and not upr_info.errors
    stored = _count(store, RecommendationRow)
    real = upr_info.parsed.records
    assert len(real) == stored
    flipped = real[1]
    annotations = [upr_annotation(r) for r in real if r is not flipped]
    # UHRI gives another position than UPR Info for one: a conflict, the stored response kept.
    other = "Noted" if flipped.response and flipped.response.value == "Accepted" else "Supported"
    annotations.append(upr_annotation(flipped, UprPositions=[other]))
    report = load_uhri(store, write_json(tmp_path / "export-full-en.json", annotations))
    assert report.merged is not None
    assert (report.merged.added, report.merged.merged) == (0, len(real))
    assert _count(store, RecommendationRow) == stored
    assert len(report.merged.conflicts) == 1
    with store.connect() as connection:
        per_record = connection.execute(
            select(ProvenanceRow.recommendation_id, func.count()).group_by(ProvenanceRow.recommendation_id)
        ).all()
        assert {n for _, n in per_record} == {2}
        kept = connection.scalar(
            select(RecommendationRow.response).where(
                RecommendationRow.text == flipped.text, RecommendationRow.sur_code == flipped.sur
            )
        )
        assert kept == flipped.response.value if flipped.response else kept is None
        uhri_ids = connection.scalars(select(RecommendationRow.uhri_id)).all()
        assert all(uhri_ids)


def test_xlsx_export_loads_the_same(store: Engine, tmp_path: Path) -> None:
    report = load_uhri(store, write_xlsx(tmp_path / "export-full-en.xlsx", _export()))
    assert report.kind == "uhri-xlsx" and report.merged is not None and report.merged.added == 10
    again = load_uhri(store, write_json(tmp_path / "export-full-en.json", _export()))
    assert again.merged is not None and again.merged.added == 0


def test_a_malformed_export_stores_nothing(store: Engine, tmp_path: Path) -> None:
    path = write_json(tmp_path / "export-full-en.json", _export())
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    with pytest.raises(UhriError, match="malformed JSON after record"):
        load_uhri(store, path)
    assert _count(store, RecommendationRow) == 0


def test_split_finds_uhri_exports_by_content(tmp_path: Path) -> None:
    json_export = write_json(tmp_path / "uhri.txt", _export(1))
    csv_export = upr_info_subset(tmp_path / "part.csv", 3)
    (tmp_path / "folder").mkdir()
    in_folder = write_xlsx(tmp_path / "folder" / "export.xlsx", _export(1))
    assert split_uhri([json_export, csv_export, tmp_path / "folder"]) == (
        [json_export, in_folder],
        [csv_export, tmp_path / "folder"],
    )


def test_cli_load_recognises_uhri_and_keeps_loading_upr_info(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.sqlite3")
    export = write_json(tmp_path / "download", _export())
    part = upr_info_subset(tmp_path / "part.csv", 4)
    result = runner.invoke(app, ["--db", db, "load", str(export), str(part)])
    assert result.exit_code == 0, result.stderr
    assert "download (UHRI, json" in result.stdout and "10 annotations" in result.stdout
    assert "part.csv" in result.stdout
    again = runner.invoke(app, ["--db", db, "load", str(export)])
    assert again.exit_code == 0 and "0 new" in again.stdout
    broken = tmp_path / "broken.json"
    broken.write_text(export.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    failed = runner.invoke(app, ["--db", db, "load", str(broken)])
    assert failed.exit_code == 2 and "malformed JSON" in failed.stderr


def test_what_the_store_cannot_file_is_a_warning(store: Engine, tmp_path: Path) -> None:
    text = real_recommendations()[30].text
    undated = annotation(Text=text, Body="- CAT", Countries=["Chile"], PublicationDate=None)
    report = load_uhri(store, write_json(tmp_path / "export.json", [*_export(2), undated]))
    assert report.records_kept == 7 and report.not_stored == 1
    assert [w.field for w in report.warnings] == ["record"] and report.warnings[0].count == 1
    assert _count(store, RecommendationRow) == 6
