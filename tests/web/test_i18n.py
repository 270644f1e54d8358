import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from rightstrack.languages import LOCALE_DIR, Formatter
from rightstrack.reference.names import sort_key
from rightstrack.search.engine import SearchEngine
from rightstrack.search.export import COLUMNS
from rightstrack.web.app import create_app

PACKAGE = Path(__file__).resolve().parents[2] / "rightstrack"


def interface_messages() -> set[str]:
    """The strings of the web interface and of the tracking reports."""
    messages = set()
    for folder in ("web", "tracking"):
        found = extract_from_dir(
            str(PACKAGE / folder),
            method_map=[("**.py", "python"), ("templates/**.html", "jinja2")],
            keywords={"_": None, "N_": None},
        )
        messages |= {str(message) for _, _, message, _, _ in found if isinstance(message, str)}
    return messages


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_every_interface_string_is_translated(locale: str) -> None:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {str(m.id) for m in catalog if m.id and m.string}
    missing = interface_messages() - translated
    assert not missing, f"run `make messages` and translate: {sorted(missing)}"


@pytest.mark.parametrize(
    ("locale", "percent", "month"),
    [
        ("en", "75.9%", "January 2014"),
        ("fr", "75,9\u00a0%", "janvier 2014"),
        ("es", "75,9\u00a0%", "enero de 2014"),
    ],
)
def test_numbers_and_dates_follow_the_locale(locale: str, percent: str, month: str) -> None:
    formatter = Formatter(locale)
    assert formatter.percent(0.7593) == percent
    assert formatter.session_month(18) == month


# Pages, charts and exports in French and Spanish, on the store with every mechanism (SQLite: the
# words do not depend on the backend).
@pytest.fixture(scope="module")
def mixed_client(mixed: SearchEngine) -> Iterator[TestClient]:
    with TestClient(create_app(search=mixed)) as client:
        yield client


on_sqlite = pytest.mark.parametrize("mixed", ["sqlite"], indirect=True)


@on_sqlite
def test_csv_export_from_a_french_page_reads_in_french(mixed_client: TestClient) -> None:
    page = mixed_client.get("/", params={"sur": "SVN", "lang": "fr"}).text
    assert "/api/v1/export.csv?sur=SVN&amp;lang=fr" in page
    french = list(csv.reader(io.StringIO(mixed_client.get("/api/v1/export.csv?sur=SVN&lang=fr").text)))
    english = list(csv.reader(io.StringIO(mixed_client.get("/api/v1/export.csv?sur=SVN").text)))
    assert english[0] == list(COLUMNS)  # programs read the English column names
    assert french[0][:5] == ["Identifiant", "Type", "Mécanisme", "Organe", "État examiné"]
    assert len(french) == len(english) > 1
    position = COLUMNS.index
    assert {row[position("state_under_review")] for row in french[1:]} == {"Slovénie"}
    assert {row[position("sur_code")] for row in french[1:]} == {"SVN"}  # codes stay
    assert {row[position("mechanism")] for row in english[1:]} >= {"UPR"}
    assert "EPU" in {row[position("mechanism")] for row in french[1:]}
    responses = {row[position("response")] for row in french[1:]} - {""}
    assert responses and responses <= {"Acceptée", "Notée", "Acceptée en partie"}


@on_sqlite
def test_xlsx_header_and_json_names_follow_the_language_keys_and_values_stay(
    mixed_client: TestClient,
) -> None:
    from openpyxl import load_workbook

    answer = mixed_client.get("/api/v1/export.xlsx?sur=SVN&lang=es")
    sheet = load_workbook(io.BytesIO(answer.content), read_only=True)["recommendations"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[4] == "Estado examinado"
    records = mixed_client.get("/api/v1/export.json?sur=SVN&lang=es").json()["records"]
    english = mixed_client.get("/api/v1/export.json?sur=SVN").json()["records"]
    assert records[0].keys() == english[0].keys()
    assert {r["sur"] for r in records} == {"SVN"} and {r["sur_name"] for r in records} == {"Eslovenia"}
    assert [r["issues"] for r in records] == [r["issues"] for r in english]  # values filtered on
    named = [n["name"] for r in records for n in r["recommenders"] if n.get("code") == "FRA"]
    assert named and set(named) == {"Francia"}


@on_sqlite
def test_chart_labels_follow_the_language(mixed_client: TestClient) -> None:
    table = mixed_client.get("/charts/top-issues.csv?lang=fr").text.splitlines()
    assert table[0] == "Thème,Recommandations"
    labels = [line.rsplit(",", 1)[0].strip('"') for line in table[1:]]
    assert "Droits des femmes" in labels and "Women's rights" not in labels
    matrix = mixed_client.get("/charts/group-matrix.csv?lang=es").text.splitlines()
    assert "Europa Oriental" in matrix[0] and any(line.startswith("Europa Oriental,") for line in matrix)
    svg = mixed_client.get("/charts/top-issues.svg?lang=es").text  # matplotlib keeps each text as a comment
    assert "Temas principales" in svg and "Derechos de la mujer" in svg


@on_sqlite
def test_states_list_is_in_the_alphabetical_order_of_the_shown_names(mixed_client: TestClient) -> None:
    page = mixed_client.get("/states", params={"lang": "fr"}).text
    names = re.findall(r'<a href="/states/[A-Z]{3}">([^<]+)</a>', page)
    assert "Slovénie" in names and "Slovenia" not in names
    assert names == sorted(names, key=sort_key) and len(names) > 100
    assert names.index("Égypte") < names.index("Espagne") < names.index("États-Unis d’Amérique")
