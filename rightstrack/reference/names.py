"""Reference data in the reader's language: state names and the taxonomies' terms in French and Spanish.

States: the UN's own short names where Unicode's CLDR (through Babel, a maintained source) uses a
common name the UN does not (``state_names.csv``: "République arabe syrienne", not "Syrie"; the
Holy See, not the Vatican City State), CLDR's territory names for the rest. Terms: UPR Info's
issues, UHRI themes, affected persons and organisations (``terms.csv``, with the source of each);
SDGs by the UN's own abbreviations (ODD, ODS). What is stored, filtered and put in URLs stays
English (or an ISO code): these names are for display only, and a value with no translation is
shown as it is.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import pycountry
from babel import Locale

from rightstrack.reference.states import UnknownStateError, all_states, is_unknown_marker, resolve_state

TRANSLATED = ("fr", "es")

# The UN's abbreviation of "Sustainable Development Goal" in its French and Spanish documents
# (https://www.un.org/sustainabledevelopment/fr/objectifs-de-developpement-durable/, …/es/…).
_SDG_PREFIX = {"en": "SDG", "fr": "ODD", "es": "ODS"}
_SDG = re.compile(r"^SDG\s*(\d{1,2})$")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def _un_names() -> dict[str, dict[str, str]]:
    return {row["iso3"]: {locale: row[locale] for locale in TRANSLATED} for row in _rows("state_names.csv")}


@cache
def _cldr(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


def _state_code(code_or_name: str) -> str | None:
    if code_or_name in all_states():
        return code_or_name
    if not code_or_name or is_unknown_marker(code_or_name):
        return None
    try:
        return resolve_state(code_or_name).code
    except UnknownStateError:
        return None


@lru_cache(maxsize=4096)
def state_name(code_or_name: str, locale: str) -> str:
    """A state's name in ``locale`` from its ISO alpha-3 code or any name the sources use for it.
    In English, the reference file's name; an organisation or unknown name comes back as it is
    (through ``term``, which knows none of them yet)."""
    code = _state_code(code_or_name)
    if code is None:
        return term(code_or_name, locale)
    if locale not in TRANSLATED:
        return all_states()[code].name
    official = _un_names().get(code, {}).get(locale)
    if official:
        return official
    country = pycountry.countries.get(alpha_3=code)
    found = _cldr(locale).get(country.alpha_2) if country is not None else None
    return found or all_states()[code].name


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _terms() -> dict[str, dict[str, str]]:
    """English term (folded) → its translations. A word in two taxonomies ("Migrants" is an issue,
    a theme and a group of persons) reads the same in each, so one table serves every kind."""
    table: dict[str, dict[str, str]] = {}
    for row in _rows("terms.csv"):
        table.setdefault(_fold(row["en"]), {locale: row[locale] for locale in TRANSLATED})
    return table


def term_names() -> dict[str, dict[str, str]]:
    """Every English term with its translations, as ``terms.csv`` spells it (for checks and tests)."""
    return {row["en"]: {locale: row[locale] for locale in TRANSLATED} for row in _rows("terms.csv")}


@lru_cache(maxsize=8192)
def term(value: str, locale: str) -> str:
    """An issue, theme, group of affected persons or SDG in ``locale``; unknown words unchanged."""
    if locale not in TRANSLATED:
        return value
    sdg = _SDG.match(value.strip())
    if sdg:
        return f"{_SDG_PREFIX[locale]} {sdg.group(1)}"
    found = _terms().get(_fold(value))
    return found[locale] if found else value


def sort_key(name: str) -> str:
    """Alphabetical order without ICU: accents and case set aside ("Égypte" sorts with "E"),
    as French and Spanish readers expect; the name itself breaks ties."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
