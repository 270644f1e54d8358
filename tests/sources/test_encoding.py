from pathlib import Path

import pytest

from rightstrack.sources.encoding import UnreadableFileError, decode_bytes

SAMPLE = "Ratify the Convention, Côte d’Ivoire; élèves à l’école — São Tomé; Türkiye"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "mac_roman"])
def test_detects_each_candidate(encoding: str) -> None:
    decoded = decode_bytes(SAMPLE.encode(encoding), "sample.csv")
    assert decoded.encoding == encoding
    assert decoded.text == SAMPLE


@pytest.mark.parametrize(("ending", "name"), [("\r", "CR"), ("\n", "LF"), ("\r\n", "CRLF")])
def test_line_endings(ending: str, name: str) -> None:
    assert decode_bytes(f"a{ending}b{ending}c".encode(), "x").line_ending == name


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(b"\xef\xbb\xbfTo,Text", "x").text == "To,Text"


def test_binary_file_is_refused_with_its_name() -> None:
    with pytest.raises(UnreadableFileError, match=r"photo\.csv: not a text file"):
        decode_bytes(b"\x89PNG\x00\x00\x01", "photo.csv")


def test_real_exports_are_mac_roman_with_cr(upr_info_dir: Path) -> None:
    for path in sorted(upr_info_dir.glob("*.csv")):
        decoded = decode_bytes(path.read_bytes(), path.name)
        assert (decoded.encoding, decoded.line_ending) == ("mac_roman", "CR"), path.name
