"""Reading OHCHR's Universal Human Rights Index export: JSON and XLSX, every field, unknown values."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rightstrack.domain import Mechanism, RecordKind, Response, SourceRecord, Vocabulary
from rightstrack.sources.uhri import JSON_KIND, XLSX_KIND, UhriError, looks_like_uhri, open_export
from rightstrack.sources.uhri_fields import UhriLimits, clean_text, parse_date, split_paragraph
from tests.uhri_exports import (
    annotation,
    annotation_id,
    real_recommendations,
    upr_annotation,
    upr_info_subset,
    write_json,
    write_xlsx,
)

# Real text of a treaty body's concluding observations, as UHRI stores it: HTML, the paragraph
# number run into the text (README, "Live sources").
COMMITTEE_TEXT = (
    "<p>4.The Committee reminds the State party of the indivisibility and interdependence of all "
    "the rights enshrined in the Convention and emphasizes the importance of all the "
    "recommendations contained in the present concluding observations.&nbsp;</p>"
)


def _read(path: Path, limits: UhriLimits | None = None) -> tuple[list[SourceRecord], Any]:
    export = open_export(path, limits)
    return list(export.records()), export


@pytest.fixture(scope="module")
def mixed() -> list[dict[str, Any]]:
    """Annotations of every mechanism and of every field mapping, texts from the real data."""
    real = real_recommendations()
    upr = upr_annotation(real[0], Themes=["Right to health"], Sdgs=["3 - GOOD HEALTH AND WELL-BEING"])
    return [
        upr,
        annotation(
            Text=COMMITTEE_TEXT,
            AnnotationType="- Concerns/Observations",
            Body="- Committee on the Rights of the Child",
            Countries=["Peru", "Bolivia (Plurinational State of)"],
            Symbol="CRC/C/PER/CO/6-7",
            PublicationDate="2025-02-12T00:00:00",
            Themes=["Administration of justice & fair trial", "Right to health"],
            AffectedPersons=["Children", "girls"],
            Sdgs=["16.2 - Protect children from abuse, exploitation, trafficking and violence", "16.3 - x"],
            Regions=["Latin America and the Caribbean", "Eastern Europe "],
        ),
        annotation(
            Text=real[1].text,
            Body="- IE  Albinism",
            AnnotationType="- Others",
            Countries=["United Republic of Tanzania"],
            Symbol="A/HRC/37/57/Add.1",
        ),
        annotation(
            Text=real[2].text,
            Body="- Special Rapporteur on the situation of human rights in Afghanistan",
            AnnotationType="-",
            Countries=["Afghanistan"],
            Symbol="A/HRC/52/84",
        ),
        annotation(
            Text=real[3].text,
            Body="- CRC-OP-SC",
            Countries=["Netherlands (Kingdom of the)"],
            Symbol="CRC/C/OPSC/NLD/CO/1",
        ),
    ]


def test_every_field_of_a_upr_annotation(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    records, export = _read(write_json(tmp_path / "export.json", mixed[:1]))
    source = real_recommendations()[0]
    (record,) = records
    assert export.kind == JSON_KIND
    assert (record.mechanism, record.body, record.kind) == (Mechanism.UPR, "UPR", RecordKind.RECOMMENDATION)
    assert (record.sur, record.session, record.text) == (source.sur, source.session, source.text)
    assert record.recommenders == tuple(code for code, _ in source.recommenders)
    assert (record.position, record.response) == ("Supported", Response.ACCEPTED)
    assert record.locator == record.uhri_id == mixed[0]["AnnotationId"]
    assert record.published == date(2014, 3, 20)
    assert record.document_symbol == f"A/HRC/WG.6/{source.session}/{source.sur}"
    assert set(record.tags) == {(Vocabulary.UHRI_THEME, "Right to health"), (Vocabulary.SDG, "SDG 3")}
    assert not export.warnings.items()


def test_treaty_body_text_countries_and_codings(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    records, _ = _read(write_json(tmp_path / "export.json", mixed))
    committee = records[1]
    assert (committee.mechanism, committee.body, committee.kind) == (
        Mechanism.TREATY_BODY,
        "CRC",
        RecordKind.CONCERN,
    )
    assert committee.paragraph == "4"
    assert committee.text.startswith("The Committee reminds the State party of the indivisibility")
    assert "<" not in committee.text and "&nbsp;" not in committee.text and committee.text.endswith(".")
    assert (committee.sur, committee.session, committee.response) == ("PER", None, None)
    assert committee.published == date(2025, 2, 12)
    tags = set(committee.tags)
    assert (Vocabulary.ALSO_CONCERNS, "BOL") in tags
    assert {t for v, t in tags if v is Vocabulary.SDG} == {"SDG 16"}
    assert {t for v, t in tags if v is Vocabulary.REGION} == {
        "Latin America and the Caribbean",
        "Eastern Europe",
    }
    assert {t for v, t in tags if v is Vocabulary.AFFECTED_PERSONS} == {"Children", "Girls"}
    assert (Vocabulary.UHRI_THEME, "Administration of justice & fair trial") in tags


def test_special_procedures_and_optional_protocols(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    records, export = _read(write_json(tmp_path / "export.json", mixed))
    albinism, afghanistan, protocol = records[2:]
    assert (albinism.body, albinism.mechanism, albinism.kind, albinism.sur) == (
        "IE Albinism",
        Mechanism.SPECIAL_PROCEDURE,
        RecordKind.OTHER,
        "TZA",
    )
    assert (afghanistan.body, afghanistan.kind) == ("SR Afghanistan", RecordKind.OTHER)
    assert (protocol.body, protocol.mechanism, protocol.sur) == ("CRC-OP-SC", Mechanism.TREATY_BODY, "NLD")
    assert export.records_read == export.records_kept == 5
    assert not export.warnings.items()


def test_xlsx_export_gives_the_same_records(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    from_json, _ = _read(write_json(tmp_path / "export.json", mixed))
    xlsx = write_xlsx(tmp_path / "export-full-en.xlsx", mixed)
    from_xlsx, export = _read(xlsx)
    assert export.kind == XLSX_KIND
    assert from_xlsx == from_json
    assert not export.warnings.items()


def test_unknown_values_are_named_warnings_with_counts(tmp_path: Path) -> None:
    real = real_recommendations()
    annotations = [
        upr_annotation(real[4], Countries=["Atlantis"]),  # no known state: not stored
        upr_annotation(real[5], UprRecommendingCountry=["Atlantis", "Norway"], UprPositions=["Maybe"]),
        upr_annotation(real[6], UprSession=["77 - May 2031"], Regions=["Antarctica"]),
        annotation(Text=real[7].text, Body="- SR Artificial intelligence", Countries=["Chile"]),
        annotation(Text=real[8].text, Body="- SR Artificial intelligence", Countries=["Chile"]),
        annotation(Text=real[9].text, Body="- Regional Forum", Countries=["Chile"]),  # not stored
        annotation(Text=real[10].text, Body="- CAT", AnnotationType="- Good practices", Countries=["Chile"]),
        annotation(Text=real[11].text, Body="- CAT", Countries=["Chile"], Sdgs=["18 - NOT A GOAL"]),
        annotation(Text=real[12].text, Body="- CAT", Countries=["Chile"], PublicationDate="yesterday"),
        annotation(Text="<p> </p>", Body="- CAT", Countries=["Chile"]),  # empty text: not stored
    ]
    records, export = _read(write_json(tmp_path / "export.json", annotations))
    warnings = {(w.field, w.problem, w.value): w.count for w in export.warnings.items()}
    assert warnings == {
        ("Countries", "unknown state", "Atlantis"): 1,
        ("Countries", "no known state: records not stored", "Atlantis"): 1,
        ("UprRecommendingCountry", "unknown state", "Atlantis"): 1,
        ("UprPositions", "unknown position, response left empty", "Maybe"): 1,
        ("UprSession", "session not in the reference data, left empty", "77 - May 2031"): 1,
        ("Regions", "unknown region, kept as written", "Antarctica"): 1,
        ("Body", "unknown body, kept as a special procedure", "SR Artificial intelligence"): 2,
        ("Body", "unknown body and mechanism: records not stored", "Regional Forum"): 1,
        ("AnnotationType", "unknown type, kept as other", "Good practices"): 1,
        ("Sdgs", "not a goal or target of the 17 SDGs", "18 - NOT A GOAL"): 1,
        ("PublicationDate", "not a date, left empty", "yesterday"): 1,
        ("Text", "empty: records not stored", "CAT"): 1,
    }
    assert export.records_read == 10 and export.records_kept == len(records) == 7
    kept_unknown = [r for r in records if r.body == "SR Artificial intelligence"]
    assert len(kept_unknown) == 2 and kept_unknown[0].mechanism is Mechanism.SPECIAL_PROCEDURE
    assert (
        records[0].recommenders == ("NOR",) and records[0].response is None and records[0].position == "Maybe"
    )
    assert records[1].session is None


def test_state_from_the_symbol_where_countries_are_empty(tmp_path: Path) -> None:
    text = real_recommendations()[13].text
    records, export = _read(
        write_json(tmp_path / "e.json", [annotation(Text=text, Body="- CEDAW", Symbol="CEDAW/C/ALB/CO/4")])
    )
    assert records[0].sur == "ALB"
    assert export.warnings.count("Countries", "no known state: the symbol's state taken") == 1


@pytest.mark.parametrize(
    ("raw", "paragraph", "text"),
    [
        ("4.The Committee reminds", "4", "The Committee reminds"),
        ("136.1 To further build up", "136.1", "To further build up"),
        ("12. Ensure that", "12", "Ensure that"),
        ("16 States have ratified", None, "16 States have ratified"),
        ("2030 Agenda for Sustainable Development", None, "2030 Agenda for Sustainable Development"),
    ],
)
def test_paragraph_numbers(raw: str, paragraph: str | None, text: str) -> None:
    assert split_paragraph(raw) == (paragraph, text)


def test_html_and_dates() -> None:
    assert clean_text("<p>Ensure&#160;access</p><p>to <i>justice</i> &amp; remedies</p>") == (
        "Ensure access\nto justice & remedies"
    )
    assert parse_date("2025-03-03T10:53:45.827") == date(2025, 3, 3)
    assert parse_date(45700) == date(2025, 2, 12)
    assert parse_date(None) is None


@pytest.mark.parametrize("name", ["export-full-en.json", "data.txt", "download"])
def test_recognised_by_content_whatever_the_name(
    tmp_path: Path, mixed: list[dict[str, Any]], name: str
) -> None:
    assert looks_like_uhri(write_json(tmp_path / name, mixed[:2]))
    assert looks_like_uhri(write_xlsx(tmp_path / f"{name}.bin", mixed[:2]))


def test_other_files_are_not_uhri(tmp_path: Path) -> None:
    assert not looks_like_uhri(upr_info_subset(tmp_path / "upr.csv", 5))
    (tmp_path / "other.json").write_text(json.dumps([{"id": 1, "AnnotationType": "x"}]))
    (tmp_path / "object.json").write_text(json.dumps({"AnnotationId": "x"}))
    (tmp_path / "empty.json").write_text("")
    assert not any(looks_like_uhri(tmp_path / n) for n in ("other.json", "object.json", "empty.json"))
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Text", "Countries Concerned"])
    workbook.save(tmp_path / "other.xlsx")
    assert not looks_like_uhri(tmp_path / "other.xlsx")
    with pytest.raises(UhriError, match="not a UHRI export"):
        open_export(tmp_path / "other.json")


def test_malformed_json_names_the_record_and_byte(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    good = json.dumps(mixed[:3])
    path = tmp_path / "cut.json"
    path.write_text(good[: good.index(mixed[2]["AnnotationId"]) + 10] + '", "Body": ]')
    export = open_export(path)
    with pytest.raises(UhriError, match=r"cut\.json: malformed JSON after record 2 \(near byte [\d,]+\)"):
        list(export.records())


def test_limits(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    path = write_json(tmp_path / "export.json", mixed)
    with pytest.raises(UhriError, match="more than 3 records"):
        _read(path, UhriLimits(max_records=3))
    with pytest.raises(UhriError, match="over the limit"):
        open_export(path, UhriLimits(max_file_bytes=1000))
    records, export = _read(path, UhriLimits(max_text_chars=40))
    assert all(len(r.text) <= 40 for r in records)
    assert export.warnings.count("Text", "longer than 40 characters, cut") == 5


def test_progress_reports_records_and_bytes(tmp_path: Path) -> None:
    real = real_recommendations()
    many = [upr_annotation(r, AnnotationId=annotation_id(f"{i}")) for i, r in enumerate(real[:4500])]
    path = write_json(tmp_path / "export.json", many)
    seen: list[tuple[int, int, int]] = []
    export = open_export(path)
    records = list(export.records(lambda *step: seen.append(step)))
    assert len(records) == 4500
    assert [s[0] for s in seen] == [2000, 4000, 4500]
    assert seen[-1][1] == seen[-1][2] == path.stat().st_size
    assert seen[0][1] < seen[1][1]


def test_same_record_whichever_spelling_of_the_body(tmp_path: Path, mixed: list[dict[str, Any]]) -> None:
    long_form = dict(mixed[1], Body="- Committee on the Rights of the Child")
    short_form = dict(mixed[1], Body="- CRC")
    records, _ = _read(write_json(tmp_path / "e.json", [long_form, short_form]))
    assert records[0] == replace(records[1], line=1)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Türkiye", "TUR"),
        ("Republic of Turkey", "TUR"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Micronesia (Federated States of)", "FSM"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("State of Palestine", "PSE"),
        ("Democratic People's Republic of Korea", "PRK"),
    ],
)
def test_the_uns_names_of_states(tmp_path: Path, name: str, code: str) -> None:
    text = real_recommendations()[20].text
    records, export = _read(
        write_json(tmp_path / "e.json", [annotation(Text=text, Body="- CAT", Countries=[name])])
    )
    assert records[0].sur == code and not export.warnings.items()


def test_two_letter_artefacts_are_unknown_states(tmp_path: Path) -> None:
    text = real_recommendations()[21].text
    records, export = _read(
        write_json(tmp_path / "e.json", [annotation(Text=text, Body="- CAT", Countries=["CO", "Chile"])])
    )
    assert [r.sur for r in records] == ["CHL"]
    assert export.warnings.count("Countries", "unknown state") == 1
