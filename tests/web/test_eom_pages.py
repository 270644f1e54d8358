"""The election observation pages: template downloads, the states, and a state's comparison."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from rightstrack.ingest.eom import load_eom_path
from rightstrack.ingest.loading import load_file
from rightstrack.sources.eom import COLUMNS, read_eom
from rightstrack.sources.eom_template import template_csv
from rightstrack.web.app import create_app
from tests.eom_data import write_upr_subset


@pytest.fixture
def eom_client(store: Engine, tmp_path: Path) -> Iterator[TestClient]:
    load_file(store, write_upr_subset(tmp_path))
    example = tmp_path / "eom-example.csv"
    example.write_bytes(template_csv(example=True))
    load_eom_path(store, example)
    with TestClient(create_app(store.url.render_as_string(hide_password=False))) as client:
        yield client


def test_templates_download_as_csv_and_xlsx(eom_client: TestClient) -> None:
    blank = eom_client.get("/election-observation/template.csv")
    assert blank.status_code == 200 and blank.headers["content-type"].startswith("text/csv")
    assert 'filename="eom-template.csv"' in blank.headers["content-disposition"]
    assert blank.text.splitlines() == [",".join(COLUMNS)]
    example = eom_client.get("/election-observation/template.xlsx", params={"example": "true"})
    assert (
        example.status_code == 200 and 'filename="eom-example.xlsx"' in example.headers["content-disposition"]
    )
    assert len(read_eom(example.content, "eom-example.xlsx").records) == 10
    sheet = load_workbook(io.BytesIO(eom_client.get("/election-observation/template.xlsx").content)).active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)


def test_a_states_page_sets_missions_recommendations_beside_the_upr(eom_client: TestClient) -> None:
    overview = eom_client.get("/election-observation")
    assert overview.status_code == 200
    assert 'href="/election-observation/BLR">Belarus</a>' in overview.text
    assert 'href="/election-observation/KHM">Cambodia</a>' in overview.text
    assert "content-security-policy" in overview.headers
    page = eom_client.get("/election-observation/Belarus")
    assert page.status_code == 200
    text = page.text
    assert "granting domestic and international observers the right to monitor" in text
    assert "Commit to inviting independent international observers" in text and "Canada" in text
    assert "Noted" in text and 'href="http://osce.org/odihr/elections/75721"' in text
    assert "OSCE/ODIHR · Presidential election" in text
    cambodia = eom_client.get("/election-observation/KHM", headers={"accept-language": "fr"}).text
    assert "Appuyée" in cambodia and "Missions d’observation électorale" in cambodia
    assert '<td class="num">0,19</td>' in cambodia  # the similarity, in the page's locale
    assert "United States" in cambodia or "États-Unis" in cambodia
    missing = eom_client.get("/election-observation/Atlantis")
    assert missing.status_code == 404 and "Atlantis" in missing.text


def test_script_in_a_mission_field_is_shown_as_text(store: Engine, tmp_path: Path) -> None:
    rows = template_csv(example=True).decode().splitlines()[:2]
    rows[1] = rows[1].replace("Parliamentary elections", "<script>alert(1)</script>")
    hostile = tmp_path / "hostile.csv"
    hostile.write_text("\n".join(rows) + "\n")
    load_eom_path(store, hostile)
    with TestClient(create_app(store.url.render_as_string(hide_password=False))) as client:
        page = client.get("/election-observation/BLR").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
