import csv
import io
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from rightstrack.domain import RegionalGroup
from rightstrack.reference.states import (
    UnknownStateError,
    all_states,
    is_unknown_marker,
    parse_group,
    resolve_state,
)


def test_193_members_and_two_observers() -> None:
    states = all_states().values()
    statuses = Counter(s.un_status for s in states)
    assert statuses == {"member": 193, "observer": 2}
    assert {s.code for s in states if s.un_status == "observer"} == {"VAT", "PSE"}


def test_every_code_is_iso_3166() -> None:
    for code in all_states():
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_group_sizes_follow_the_un_list() -> None:
    sizes = Counter(s.regional_group for s in all_states().values() if s.un_status == "member")
    assert sizes == {
        RegionalGroup.AFRICAN: 54,
        RegionalGroup.ASIA_PACIFIC: 54,
        RegionalGroup.EASTERN_EUROPEAN: 23,
        RegionalGroup.GRULAC: 33,
        RegionalGroup.WEOG: 29,
    }


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Türkiye", RegionalGroup.WEOG),
        ("Israel", RegionalGroup.WEOG),
        ("United States", RegionalGroup.WEOG),
        ("Kiribati", RegionalGroup.ASIA_PACIFIC),
        ("Cyprus", RegionalGroup.ASIA_PACIFIC),
        ("Kazakhstan", RegionalGroup.ASIA_PACIFIC),
        ("Georgia", RegionalGroup.EASTERN_EUROPEAN),
    ],
)
def test_special_cases(name: str, group: RegionalGroup) -> None:
    assert resolve_state(name).regional_group is group


@pytest.mark.parametrize(
    ("variant", "code"),
    [
        ("Bosnia & Herzegovina", "BIH"),
        ("Iran", "IRN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Turkey", "TUR"),
        ("Swaziland", "SWZ"),
        ("Macedonia FYR", "MKD"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d&#39;Ivoire", "CIV"),
        ("St Vincent & the Grenadines", "VCT"),
        ("DPR Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Czech Republic", "CZE"),
        ("Guinea Bissau", "GNB"),
        ("Palestine", "PSE"),
        ("Holy See", "VAT"),
    ],
)
def test_name_variants_resolve(variant: str, code: str) -> None:
    assert resolve_state(variant).code == code


def test_unknown_name_is_reported_not_guessed() -> None:
    with pytest.raises(UnknownStateError, match="Atlantis"):
        resolve_state("Atlantis")
    with pytest.raises(UnknownStateError):
        resolve_state("Korea")  # two states answer to it: no guess


def test_source_marker_for_unknown_state() -> None:
    assert is_unknown_marker("&#40;Unknown&#41;")
    assert not is_unknown_marker("Uganda")


def test_every_state_name_in_the_real_data_resolves(upr_info_dir: Path) -> None:
    names: set[str] = set()
    for path in upr_info_dir.glob("*.csv"):
        reader = csv.DictReader(io.StringIO(path.read_bytes().decode("mac_roman"), newline=""))
        for row in reader:
            names.update((row["To"], row["From"]))
    unresolved = [n for n in names if not is_unknown_marker(n) and _fails(n)]
    assert unresolved == []


def _fails(name: str) -> bool:
    try:
        resolve_state(name)
    except UnknownStateError:
        return True
    return False


def test_group_aliases() -> None:
    assert parse_group("Asia") is RegionalGroup.ASIA_PACIFIC
    assert parse_group("EEG") is RegionalGroup.EASTERN_EUROPEAN
    assert parse_group("africa") is RegionalGroup.AFRICAN
    with pytest.raises(ValueError, match="unknown regional group"):
        parse_group("Nordic")
