"""Mechanism, body and kind as facets and filters; records without a UPR session everywhere."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rightstrack.search.engine import SearchEngine
from rightstrack.search.export import write_csv, write_json, write_xlsx
from rightstrack.search.query import Dimension, InvalidFilterError, SearchQuery, Sort, normalise_value
from tests.other_mechanisms import QUOTED, paragraphs


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("upr", "UPR"),
        ("Treaty bodies", "Treaty body"),
        ("treaty  body", "Treaty body"),
        ("TB", "Treaty body"),
        ("special procedures", "Special procedure"),
        ("sp", "Special procedure"),
        ("Election observation", "Election observation"),
        ("EOM", "Election observation"),
    ],
)
def test_mechanism_names_people_type(typed: str, stored: str) -> None:
    assert normalise_value(Dimension.MECHANISM, typed) == stored


def test_filter_values_refused_with_their_choices() -> None:
    with pytest.raises(InvalidFilterError, match="Treaty body"):
        normalise_value(Dimension.MECHANISM, "committee")
    with pytest.raises(InvalidFilterError, match="recommendation, pledge, concern, other"):
        normalise_value(Dimension.TYPE, "resolution")
    with pytest.raises(InvalidFilterError, match="no such year"):
        normalise_value(Dimension.YEAR, "1900")
    with pytest.raises(InvalidFilterError, match="no such year"):
        normalise_value(Dimension.YEAR, str(date.today().year + 2))


def test_kinds_years_and_bodies_accepted() -> None:
    assert normalise_value(Dimension.TYPE, "Concerns") == "concern"
    assert normalise_value(Dimension.TYPE, "others") == "other"
    assert normalise_value(Dimension.TYPE, "pledges") == "pledge"
    assert normalise_value(Dimension.YEAR, "1966") == "1966"  # before any UPR session
    assert normalise_value(Dimension.BODY, "  SR   Environment ") == "SR Environment"


def _values(engine: SearchEngine, query: SearchQuery, dimension: Dimension) -> dict[str, int]:
    return {v.value: v.count for v in engine.search(query).facets[dimension]}


def test_mechanism_body_and_kind_facets(mixed: SearchEngine) -> None:
    everything = SearchQuery(per_page=0)
    mechanisms = _values(mixed, everything, Dimension.MECHANISM)
    assert mechanisms["Treaty body"] == 4 and mechanisms["Special procedure"] == 1
    assert mechanisms["UPR"] == mixed.search(everything).total - 5
    bodies = _values(mixed, everything, Dimension.BODY)
    assert (bodies["CAT"], bodies["CEDAW"], bodies["SR Environment"]) == (2, 2, 1)
    kinds = _values(mixed, everything, Dimension.TYPE)
    assert kinds["concern"] == 2


def test_filters_by_mechanism_body_kind_and_year(mixed: SearchEngine) -> None:
    treaty = mixed.search(SearchQuery.build(filters={"mechanism": ["TB"]}, per_page=50))
    assert treaty.total == 4 and {hit.body for hit in treaty.hits} == {"CAT", "CEDAW"}
    # A body typed in another case finds the stored name, and its facet value shows as chosen.
    cedaw = mixed.search(SearchQuery.build(filters={"body": ["cedaw"]}, per_page=50))
    assert cedaw.total == 2
    assert [v.value for v in cedaw.facets[Dimension.BODY] if v.selected] == ["CEDAW"]
    concerns = mixed.search(SearchQuery.build(filters={"type": ["concerns"]}, per_page=50))
    assert {hit.paragraph for hit in concerns.hits} == {"17", "30"}
    published = mixed.search(SearchQuery.build(filters={"year": ["2023"]}, per_page=50))
    assert published.total == len(QUOTED)


def test_hits_say_mechanism_body_and_date(mixed: SearchEngine) -> None:
    result = mixed.search(SearchQuery.build("free legal aid", {"body": ["CAT"]}))
    (hit,) = result.hits
    assert hit.text == paragraphs()[17]
    assert (hit.mechanism, hit.body, hit.session, hit.cycle) == ("Treaty body", "CAT", None, None)
    assert hit.published == date(2023, 1, 1) and hit.document_symbol == "CAT/C/SVN/CO/4"
    data = json.loads(json.dumps(hit.to_dict()))
    assert data["mechanism"] == "Treaty body" and data["published"] == "2023-01-01"
    assert data["session"] is None
    upr = mixed.search(SearchQuery.build(filters={"mechanism": ["upr"], "sur": ["Slovenia"]}, per_page=1))
    assert upr.hits[0].body == "UPR" and upr.hits[0].session is not None


def test_newest_first_across_mechanisms(mixed: SearchEngine) -> None:
    """Slovenia's 2025 review, then the 2023 documents, then its 2010 review."""
    query = SearchQuery.build(filters={"sur": ["SVN"]}, sort=Sort.RECENT, per_page=500)
    hits = mixed.search(query).hits
    years = [hit.year for hit in hits]
    assert years == sorted(years, reverse=True)
    assert {hit.mechanism for hit in hits if hit.year == 2023} == {"Treaty body", "Special procedure"}
    oldest = mixed.search(SearchQuery.build(filters={"sur": ["SVN"]}, sort=Sort.SESSION, per_page=500))
    assert [hit.year for hit in oldest.hits] == sorted(years)


def test_exports_carry_mechanism_body_and_date(mixed: SearchEngine, tmp_path: Path) -> None:
    selection = mixed.select(SearchQuery.build(filters={"sur": ["SVN"], "year": ["2023", "2010"]}))
    stream = io.StringIO()
    count = write_csv(mixed, selection, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert len(rows) == count > len(QUOTED)
    special = next(row for row in rows if row["body"] == "SR Environment")
    assert (special["mechanism"], special["session"], special["cycle"]) == ("Special procedure", "", "")
    assert special["published"] == "2023-01-01" and special["document_symbol"] == "A/HRC/52/33/Add.2"
    assert {row["mechanism"] for row in rows if row["year"] == "2010"} == {"UPR"}

    stream = io.StringIO()
    write_json(mixed, selection, stream)
    records = json.loads(stream.getvalue())["records"]
    treaty = [r for r in records if r["mechanism"] == "Treaty body"]
    assert len(treaty) == 4 and all(r["session"] is None and r["cycle"] is None for r in treaty)

    path = tmp_path / "export.xlsx"
    write_xlsx(mixed, selection, path)
    sheet = load_workbook(path, read_only=True)["recommendations"]
    header, *cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    bodies = [dict(zip(header, row, strict=True))["body"] for row in cells]
    assert bodies.count("CEDAW") == 2
