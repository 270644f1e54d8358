"""The bodies of the UN human rights mechanisms: one canonical name per body, whatever a source writes.

OHCHR's Universal Human Rights Index writes one body several ways: ``- CRC`` and, since 2026,
``- Committee on the Rights of the Child``; ``- IE  Albinism`` with a stray double space;
special procedures' thematic mandates in short forms (``SR Freedom of expression``) and country
mandates spelled out (``Special Rapporteur on the situation of human rights in Afghanistan``).
``mechanisms.csv`` holds one row per body (canonical short name, mechanism, full name, known
aliases, source); :func:`canonical_body` folds every spelling to that row.
"""

from __future__ import annotations

import csv
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rightstrack.domain import Mechanism


@dataclass(frozen=True)
class Body:
    canonical: str  # "CRC", "SR Freedom of expression", "UPR"
    mechanism: Mechanism
    name: str  # the full name: "Committee on the Rights of the Child"


# Titles a mandate is written with, long and short, so "Special Rapporteur on torture" and
# "SR Torture" fold to one key.
_TITLES = (
    ("special rapporteur", "sr"),
    ("independent expert", "ie"),
    ("working group of experts", "wg"),
    ("working group", "wg"),
    ("expert designated", "ie"),
)
# Words that carry no identity in a mandate's name; "situation of human rights in" is how every
# country mandate is spelled out, and its short form leaves it off.
_FILLER = re.compile(r"\b(?:situation of human rights in|on|the|of|in|and|to|a|an|for)\b")
_PREFIX_MECHANISM = (
    (re.compile(r"^(?:sr|ie|wg)\b"), Mechanism.SPECIAL_PROCEDURE),
    (re.compile(r"^special representative\b"), Mechanism.SPECIAL_PROCEDURE),
    (re.compile(r"^(?:sub)?committee\b"), Mechanism.TREATY_BODY),
    (re.compile(r"^upr\b|^universal periodic review\b"), Mechanism.UPR),
)


def clean_body(raw: str) -> str:
    """A body as written, without the export's "- " prefix and stray spaces: what to keep and show
    for a body the reference data does not know."""
    text = html.unescape(raw).replace("\u00a0", " ")
    return " ".join(text.strip().lstrip("-–").split())


def _words(raw: str) -> str:
    text = unicodedata.normalize("NFKD", clean_body(raw))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.replace("'", "")).split())


def body_key(raw: str) -> str:
    """What all spellings of one body share: case, spacing, punctuation, title form and filler aside."""
    text = _words(raw)
    for long, short in _TITLES:
        if text.startswith(long + " ") or text == long:
            text = short + text[len(long) :]
            break
    return " ".join(_FILLER.sub(" ", text).split())


@cache
def all_bodies() -> dict[str, Body]:
    """Every known body by its canonical name, in the order of the reference file."""
    text = resources.files(__package__).joinpath("mechanisms.csv").read_text(encoding="utf-8")
    return {
        row["canonical"]: Body(row["canonical"], Mechanism(row["mechanism"]), row["name"])
        for row in csv.DictReader(text.splitlines())
    }


@cache
def _index() -> dict[str, Body]:
    text = resources.files(__package__).joinpath("mechanisms.csv").read_text(encoding="utf-8")
    index: dict[str, Body] = {}
    bodies = all_bodies()
    for row in csv.DictReader(text.splitlines()):
        body = bodies[row["canonical"]]
        spellings = [row["canonical"], row["name"], *(a for a in row["aliases"].split("|") if a.strip())]
        for spelling in spellings:
            index.setdefault(body_key(spelling), body)
    return index


@lru_cache(maxsize=1024)
def canonical_body(raw: str) -> Body | None:
    """The body a source's spelling stands for, or None for one the reference data does not know."""
    key = body_key(raw)
    return _index().get(key) if key else None


@lru_cache(maxsize=1024)
def guess_mechanism(raw: str) -> Mechanism | None:
    """The mechanism of a body the reference data does not know, by how its name begins
    ("SR …", "Working Group …" → special procedure; "Committee …" → treaty body), or None."""
    text = body_key(raw)
    for pattern, mechanism in _PREFIX_MECHANISM:
        if pattern.search(text):
            return mechanism
    return None


def spellings_clash() -> dict[str, set[str]]:
    """Keys two bodies would share (kept empty by a test: a clash would merge two bodies)."""
    text = resources.files(__package__).joinpath("mechanisms.csv").read_text(encoding="utf-8")
    owners: dict[str, set[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        for spelling in [row["canonical"], row["name"], *(a for a in row["aliases"].split("|") if a)]:
            owners.setdefault(body_key(spelling), set()).add(row["canonical"])
    return {key: names for key, names in owners.items() if len(names) > 1}
