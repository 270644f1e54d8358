"""UN member and observer states, their regional groups, and resolution of the names sources use."""

from __future__ import annotations

import csv
import html
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import pycountry

from rightstrack.domain import RegionalGroup, State


class UnknownStateError(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown state name {name!r}")
        self.name = name


# A source's way of saying "no particular state" (e.g. UPR Info's "(Unknown)").
UNKNOWN_STATE_MARKERS = frozenset({"unknown", "n a", "na", "not known"})

_GROUP_ALIASES = {
    "african": RegionalGroup.AFRICAN,
    "africa": RegionalGroup.AFRICAN,
    "afr": RegionalGroup.AFRICAN,
    "asia-pacific": RegionalGroup.ASIA_PACIFIC,
    "asia pacific": RegionalGroup.ASIA_PACIFIC,
    "asia": RegionalGroup.ASIA_PACIFIC,
    "apg": RegionalGroup.ASIA_PACIFIC,
    "eastern european": RegionalGroup.EASTERN_EUROPEAN,
    "eeg": RegionalGroup.EASTERN_EUROPEAN,
    "grulac": RegionalGroup.GRULAC,
    "latin american and caribbean": RegionalGroup.GRULAC,
    "weog": RegionalGroup.WEOG,
    "western european and others": RegionalGroup.WEOG,
}


def parse_group(text: str) -> RegionalGroup:
    """Read a regional group from the many ways people and sources write it."""
    key = " ".join(text.strip().lower().replace("_", " ").split())
    try:
        return _GROUP_ALIASES[key]
    except KeyError:
        choices = ", ".join(g.value for g in RegionalGroup)
        raise ValueError(f"unknown regional group {text!r} (one of {choices})") from None


def normalise_name(name: str) -> str:
    """Fold the differences that do not make another state: case, accents, entities, '&', 'St'."""
    text = html.unescape(html.unescape(name))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"\bst\b", "saint", text)
    words = [w for w in text.replace("'", "").split() if w != "the"]
    return " ".join(words)


@cache
def all_states() -> dict[str, State]:
    """Every state by ISO alpha-3 code, in the order of the reference file."""
    text = resources.files(__package__).joinpath("states.csv").read_text(encoding="utf-8")
    states: dict[str, State] = {}
    for row in csv.DictReader(text.splitlines()):
        group = RegionalGroup(row["regional_group"]) if row["regional_group"] else None
        states[row["iso3"]] = State(row["iso3"], row["name"], group, row["un_status"])
    return states


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, state in all_states().items():
        country = pycountry.countries.get(alpha_3=code)
        names = [state.name, code]
        if country is not None:
            names += [
                getattr(country, attr)
                for attr in ("name", "common_name", "official_name")
                if hasattr(country, attr)
            ]
        for name in names:
            index.setdefault(normalise_name(name), code)
    aliases = resources.files(__package__).joinpath("state_aliases.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(aliases.splitlines()):
        index[normalise_name(row["alias"])] = row["iso3"]
    return index


@lru_cache(maxsize=4096)
def is_unknown_marker(name: str) -> bool:
    return normalise_name(name) in UNKNOWN_STATE_MARKERS


@cache
def _spaceless_index() -> dict[str, str]:
    return {key.replace(" ", ""): code for key, code in _name_index().items()}


@lru_cache(maxsize=4096)
def _code_for(name: str) -> str | None:
    key = normalise_name(name)
    # PDF text extraction splits words ("Arge ntina", "Czech Repu blic"): spacing is not identity.
    return _name_index().get(key) or _spaceless_index().get(key.replace(" ", ""))


def resolve_state(name: str) -> State:
    """The canonical state a name stands for. Raises UnknownStateError rather than guess."""
    code = _code_for(name)
    if code is None:
        raise UnknownStateError(name)
    return all_states()[code]


def state(code: str) -> State:
    return all_states()[code]
