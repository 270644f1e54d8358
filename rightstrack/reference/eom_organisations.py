"""Organisations that observe elections, by canonical short name (``eom_organisations.csv``)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Organisation:
    name: str  # canonical: "EU EOM", "OSCE/ODIHR", "Carter Center"
    full_name: str
    aliases: tuple[str, ...]
    source: str  # a page naming it as an election observer


def _key(name: str) -> str:
    """Case, spacing and punctuation aside: "OSCE-ODIHR", "osce / odihr" and "OSCE/ODIHR" are one."""
    return re.sub(r"[\W_]+", "", name.casefold())


@cache
def organisations() -> dict[str, Organisation]:
    text = resources.files(__package__).joinpath("eom_organisations.csv").read_text(encoding="utf-8")
    found: dict[str, Organisation] = {}
    for row in csv.DictReader(text.splitlines()):
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        found[row["name"]] = Organisation(row["name"], row["full_name"], aliases, row["source"])
    return found


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for organisation in organisations().values():
        for name in (organisation.name, organisation.full_name, *organisation.aliases):
            index.setdefault(_key(name), organisation.name)
    return index


def canonical_organisation(name: str) -> str | None:
    """The canonical name a spelling stands for; None for an organisation not listed."""
    return _index().get(_key(name))
