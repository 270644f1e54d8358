"""Mechanisms and bodies: every spelling UHRI uses folds to one canonical body."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from rightstrack.domain import Mechanism
from rightstrack.reference.mechanisms import (
    all_bodies,
    body_key,
    canonical_body,
    clean_body,
    guess_mechanism,
    spellings_clash,
)

TREATY_BODIES = ("CRC", "CEDAW", "CESCR", "CCPR", "CAT", "CERD", "CRPD", "CMW", "CED", "SPT")


def _rows() -> list[dict[str, str]]:
    text = resources.files("rightstrack.reference").joinpath("mechanisms.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_every_row_has_a_mechanism_a_name_and_a_source() -> None:
    rows = _rows()
    assert len({r["canonical"] for r in rows}) == len(rows)
    for row in rows:
        assert Mechanism(row["mechanism"]) is not Mechanism.ELECTION_OBSERVATION
        assert row["name"].strip() and row["source"].startswith("http")


def test_no_two_bodies_share_a_spelling() -> None:
    assert spellings_clash() == {}


@pytest.mark.parametrize("code", TREATY_BODIES)
def test_treaty_bodies_as_the_export_writes_them(code: str) -> None:
    body = canonical_body(f"- {code}")
    assert body is not None
    assert (body.canonical, body.mechanism) == (code, Mechanism.TREATY_BODY)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("- UPR", "UPR"),
        ("- CRC-OP-SC", "CRC-OP-SC"),
        ("- CRC-OP-AC", "CRC-OP-AC"),
        ("- Committee on the Rights of the Child", "CRC"),
        ("- Committee on the Elimination of Discrimination against Women", "CEDAW"),
        ("- Committee on Economic, Social and Cultural Rights", "CESCR"),
        ("- Committee on Migrant Workers", "CMW"),
        ("- IE  Albinism", "IE Albinism"),
        ("-  ie albinism ", "IE Albinism"),
        ("- SR Freedom of expression", "SR Freedom of expression"),
        ("- WG Arbitrary detention", "WG Arbitrary detention"),
        ("- Special Rapporteur on the situation of human rights in Afghanistan", "SR Afghanistan"),
        ("- SR Afghanistan", "SR Afghanistan"),
        (
            "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
            "SR Torture",
        ),
        ("- Special Rapporteur on the situation of human rights in the Islamic Republic of Iran", "SR Iran"),
    ],
)
def test_long_short_and_untidy_forms_give_one_body(raw: str, canonical: str) -> None:
    body = canonical_body(raw)
    assert body is not None and body.canonical == canonical
    assert body == all_bodies()[canonical]


def test_optional_protocols_are_bodies_of_their_own() -> None:
    sale, armed, crc = (canonical_body(f"- {c}") for c in ("CRC-OP-SC", "CRC-OP-AC", "CRC"))
    assert len({sale, armed, crc}) == 3
    assert sale is not None and sale.mechanism is Mechanism.TREATY_BODY


def test_every_special_procedure_long_name_finds_its_short_one() -> None:
    for body in all_bodies().values():
        assert canonical_body(body.name) == body, body.name
        assert canonical_body("- " + body.canonical.upper()) == body


def test_unknown_bodies_are_not_guessed_as_known_ones_but_get_a_mechanism() -> None:
    assert canonical_body("- SR Artificial intelligence") is None
    assert guess_mechanism("- SR Artificial intelligence") is Mechanism.SPECIAL_PROCEDURE
    assert guess_mechanism("- Working Group on something new") is Mechanism.SPECIAL_PROCEDURE
    assert guess_mechanism("- Independent Expert on a new topic") is Mechanism.SPECIAL_PROCEDURE
    assert guess_mechanism("- Committee on a new treaty") is Mechanism.TREATY_BODY
    assert guess_mechanism("- Regional body") is None
    assert canonical_body("-") is None and canonical_body("") is None
    assert clean_body("- SR  Artificial   intelligence ") == "SR Artificial intelligence"


def test_keys_fold_titles_and_filler_words() -> None:
    assert body_key("Working Group on Arbitrary Detention") == body_key("WG arbitrary detention")
    assert body_key("- Special Rapporteur on the situation of human rights in Myanmar") == "sr myanmar"
