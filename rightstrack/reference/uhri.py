"""UHRI themes: the Universal Human Rights Index's taxonomy, as OHCHR's matrices label it.

OHCHR's thematic lists have written the same theme three ways over the years: with the UHRI code
("A12 Acceptance of international norms", 2014), with a section number ("2.1. Acceptance of
international norms", 2015) and bare ("Acceptance of international norms", 2019–2025).
``uhri_themes.csv`` holds one label per theme (with its code where a matrix gives one); see
SOURCES.md for where each comes from.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Theme:
    code: str | None  # "A12"; None where no document seen gives it
    label: str


_PREFIX = re.compile(r"^\s*(?:[A-H]\d{1,2}\s+|\d{1,2}(?:\.\d{1,2})*\.?\s+)")


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*&\s*", " & ", label)).strip().casefold()


@cache
def all_themes() -> dict[str, Theme]:
    """Every known theme by its folded label."""
    text = resources.files(__package__).joinpath("uhri_themes.csv").read_text(encoding="utf-8")
    return {
        _key(row["theme"]): Theme(row["code"] or None, row["theme"])
        for row in csv.DictReader(text.splitlines())
    }


def theme_label(raw: str) -> str:
    """The taxonomy's label for a theme as a matrix writes it; an unknown theme keeps its words."""
    bare = _PREFIX.sub("", raw)
    known = all_themes().get(_key(bare))
    return known.label if known else re.sub(r"\s+", " ", re.sub(r"\s*&\s*", " & ", bare)).strip()
