"""Every page type in French and Spanish, read as a person reads it: no English word of the interface,
no state, issue or theme left in English where a translation exists.

The check collects what a reader sees or hears (text nodes outside scripts, styles and code; title,
aria-label, placeholder and alt attributes) and fails, naming the page and the string, on any that
is an English message of the catalogue, an English state name or an English term of the reference
translations whose translation differs. A node is checked whole and in the pieces the pages join
values with (" · ", "; ", ", ", ": "), so "Elections, Women's rights" fails on either word.
Recommendation texts are the sources' own English and are not checked (long nodes, see ``_pieces``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from rightstrack.languages import LOCALE_DIR, translations
from rightstrack.reference.names import state_name, term_names
from rightstrack.reference.states import all_states
from rightstrack.search.engine import SearchEngine
from rightstrack.web.app import create_app
from tests.conftest import PASSWORD
from tests.web.clients import page_token, post_form

LOCALES = ("fr", "es")
SPOKEN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Longer nodes are records' and documents' own text (English in the sources), not the interface's.
LONGEST_LABEL = 200
# Not read as words: scripts and styles, and literals a person types or a file holds (<code>: a
# column name such as "priority" stays English in every language, as the files must have it).
HIDDEN = ("script", "style", "code", "kbd", "samp")
SEPARATORS = re.compile(r" · |; |, |: | — |\(|\)")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.found.append(data)


def visible_text(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.found]


def _pieces(text: str) -> list[str]:
    if len(text) > LONGEST_LABEL:
        return []
    parts = [p.strip(" ·:;,—–-→←✕") for p in SEPARATORS.split(text)]
    return [text, *(p for p in parts if p)]


def english_words(locale: str) -> dict[str, str]:
    """Every English string a page in ``locale`` must not show, with what it should show instead."""
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    words: dict[str, str] = {}
    for message in catalog:
        if message.id and isinstance(message.id, str) and "{" not in message.id:
            translated = translations(locale).gettext(message.id)
            if translated != message.id:
                words[message.id] = translated
    for code, state in all_states().items():
        if state_name(code, locale) != state.name:
            words[state.name] = state_name(code, locale)
    for english, translated in term_names().items():
        if translated[locale] != english:
            words[english] = translated[locale]
    # Short English words that are also French or Spanish ones ("Communications" means the same;
    # "General" is Spanish) are left out by the comparison above; the codes and names that read
    # the same in every language are never in the catalogue with a different translation.
    return words


def untranslated(html: str, words: dict[str, str]) -> list[str]:
    found = []
    for text in visible_text(html):
        for piece in _pieces(text):
            if piece in words:
                found.append(f"{piece!r} (should read {words[piece]!r}) in {text!r}")
                break
    return found


@pytest.fixture(scope="module")
def site(mixed: SearchEngine) -> Iterator[tuple[TestClient, list[str]]]:
    """The app over the store with every mechanism, a signed-in planner with one plan and one
    measure, and the addresses of every page type."""
    with TestClient(create_app(search=mixed), follow_redirects=False) as client:
        name = f"i18n-{uuid.uuid4().hex[:6]}"
        token = page_token(client, "/signup")
        client.post(
            "/signup",
            data={"username": name, "password": PASSWORD, "display_name": "Focal point", "csrf_token": token},
        )
        created = post_form(
            client,
            "/plans",
            {"state": "SVN", "cycles": "4", "propose_clusters": "on", "title": "Plan 2025"},
            "/plans",
        )
        plan = created.headers["location"].split("?")[0]
        first = re.search(r'name="recommendation_ids" value="(\d+)"', client.get(plan).text)
        assert first, "the plan proposes no recommendation"
        measure = post_form(
            client,
            f"{plan}/measures",
            {"title": "Legal aid reform", "target_date": "2027-06-30", "recommendation_ids": first.group(1)},
            plan,
        ).headers["location"]
        upr = client.get("/api/v1/search", params={"issue": "Women's rights", "per_page": 1}).json()
        themed = client.get("/api/v1/search", params={"sur": "EGY", "per_page": 1}).json()
        pages = [
            "/",
            "/?q=women&issue=Women%27s+rights&sur_group=African",
            "/?theme=Death+penalty",
            f"/records/{upr['hits'][0]['id']}",
            f"/records/{themed['hits'][0]['id']}",
            "/states",
            "/states/SVN",
            "/states/EGY",
            "/stats?issue=Elections",
            "/elections",
            "/draft?text=Ratify+the+Convention+against+Torture",
            "/plans",
            plan,
            measure.split("?")[0],
            f"{plan}/dashboard",
            "/council-elections",
            "/council-elections/2023",
            "/council-elections/2023/FRA",
            "/council?on=2024-06-01",
            "/election-observation",
            "/login",
            "/nowhere",
        ]
        yield client, pages


@pytest.mark.parametrize("mixed", ["sqlite"], indirect=True)
@pytest.mark.parametrize("locale", LOCALES)
def test_no_page_shows_english_where_a_translation_exists(
    site: tuple[TestClient, list[str]], locale: str
) -> None:
    client, pages = site
    words = english_words(locale)
    problems = []
    for page in pages:
        answer = client.get(page, params={"lang": locale})
        assert answer.status_code in (200, 404), (page, answer.status_code)
        problems += [f"{page}: {problem}" for problem in untranslated(answer.text, words)]
    assert not problems, f"{len(problems)} untranslated strings in {locale}:\n" + "\n".join(problems)


def test_the_check_names_the_page_and_the_string() -> None:
    words = english_words("fr")
    page = '<p title="Search">Recherche</p><ul><li>Slovenia · Elections, Droits des femmes</li></ul>'
    found = untranslated(page, words)
    assert any("'Search'" in line for line in found)
    assert any("'Slovenia' (should read 'Slovénie')" in line for line in found)
    assert untranslated("<p>Slovénie · Élections</p><script>var x = 'Search';</script>", words) == []
