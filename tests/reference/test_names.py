"""State names and the taxonomies' terms in French and Spanish (rightstrack/reference/names.py)."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from rightstrack.reference.issues import UPR_INFO_ISSUES
from rightstrack.reference.names import sort_key, state_name, term, term_names
from rightstrack.reference.states import all_states
from rightstrack.reference.uhri import all_themes


@pytest.mark.parametrize(
    ("given", "locale", "expected"),
    [
        ("SVN", "fr", "Slovénie"),
        ("SVN", "es", "Eslovenia"),
        ("SVN", "en", "Slovenia"),
        ("Slovenia", "fr", "Slovénie"),  # a name the sources use resolves like its code
        ("Turkey", "es", "Türkiye"),  # an alias (state_aliases.csv), then the UN's name
        ("SYR", "fr", "République arabe syrienne"),  # the UN's name, not CLDR's "Syrie"
        ("BOL", "es", "Bolivia (Estado Plurinacional de)"),
        ("VAT", "fr", "Saint-Siège"),  # the observer, not the territory (CLDR: Cité du Vatican)
        ("PSE", "es", "Estado de Palestina"),
        ("DEU", "fr", "Allemagne"),  # CLDR's, where it is the UN's too
        ("European Union", "fr", "European Union"),  # not a state: unchanged
        ("(unknown)", "es", "(unknown)"),
    ],
)
def test_state_names(given: str, locale: str, expected: str) -> None:
    assert state_name(given, locale) == expected


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_every_state_has_a_name_of_its_own_in_each_language(locale: str) -> None:
    names = {code: state_name(code, locale) for code in all_states()}
    assert all(names.values())
    assert len(set(names.values())) == len(names)  # no two states share a name
    # Many names are spelt alike ("Chile", "Mali"); a good share is not, in each language.
    assert sum(name != all_states()[code].name for code, name in names.items()) > 100


def test_un_names_file_covers_only_known_states_once() -> None:
    text = resources.files("rightstrack.reference").joinpath("state_names.csv").read_text(encoding="utf-8")
    codes = [row["iso3"] for row in csv.DictReader(text.splitlines())]
    assert len(codes) == len(set(codes))
    assert set(codes) <= set(all_states())


def test_every_issue_and_theme_has_its_translation() -> None:
    names = term_names()
    missing = [e for e in (*UPR_INFO_ISSUES, *(t.label for t in all_themes().values())) if e not in names]
    assert missing == []
    assert term("Non-discrimination", "es") == "No discriminación"


def test_terms_are_found_whatever_the_spacing_and_case_and_unknown_ones_stay() -> None:
    assert term("Women's rights", "fr") == "Droits des femmes"
    assert term("women's  RIGHTS", "es") == "Derechos de la mujer"
    assert term("Women's rights", "en") == "Women's rights"
    assert term("A theme nobody translated", "fr") == "A theme nobody translated"


@pytest.mark.parametrize(("locale", "expected"), [("fr", "ODD 16"), ("es", "ODS 16"), ("en", "SDG 16")])
def test_sdgs_use_the_uns_own_abbreviation(locale: str, expected: str) -> None:
    assert term("SDG 16", locale) == expected


def test_terms_file_has_one_row_per_english_term_and_no_empty_translation() -> None:
    names = term_names()
    assert all(row["fr"] and row["es"] for row in names.values())
    assert len(names) >= len(UPR_INFO_ISSUES) + len(all_themes())


def test_sort_key_sets_accents_and_case_aside() -> None:
    names = ["Équateur", "Égypte", "El Salvador", "érythrée", "Espagne"]
    assert sorted(names, key=sort_key) == ["Égypte", "El Salvador", "Équateur", "érythrée", "Espagne"]
