from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from rightstrack.languages import LOCALE_DIR, Formatter

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
