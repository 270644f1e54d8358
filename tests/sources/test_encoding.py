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


def test_windows_1252_typography_is_not_read_as_mac_roman() -> None:
    """Issue 14: "women’s “quoted” – dash" came out as "womenís ìquotedî ñ dash"."""
    text = "To,Text\rChad,women’s “quoted” – dash\r"
    decoded = decode_bytes(text.encode("cp1252"), "pasted.csv")
    assert (decoded.encoding, decoded.text) == ("cp1252", text)
    assert [note.line for note in decoded.notes] == [2]
    assert "not valid UTF-8: read as Windows-1252" in decoded.notes[0].message


def test_utf8_with_a_stray_byte_stays_utf8_and_names_the_line() -> None:
    """Issue 14: one stray 0x92 made the whole UTF-8 file Mac Roman ("Côte" became "CÙte")."""
    data = "To,Text\nCôte d’Ivoire,Protect élèves\n".encode() + b"Chad,women\x92s rights\nMali,S\xc3\xa3o\n"
    decoded = decode_bytes(data, "mixed.csv")
    assert decoded.encoding == "utf-8+cp1252"
    assert decoded.text == "To,Text\nCôte d’Ivoire,Protect élèves\nChad,women’s rights\nMali,São\n"
    assert [(note.line, note.message) for note in decoded.notes] == [
        (3, "not valid UTF-8: byte(s) 0x92 (’) read as Windows-1252")
    ]


def test_many_stray_lines_are_counted_after_the_first_ten() -> None:
    data = "Côte d’Ivoire, São Tomé, Türkiye, Réunion, Curaçao\n".encode() * 20 + b"it\x92s\n" * 12
    decoded = decode_bytes(data, "x.csv")
    assert [note.line for note in decoded.notes] == [*range(21, 31), 31]
    assert "2 more line(s)" in decoded.notes[-1].message


def test_a_bom_file_with_a_stray_byte_is_read_not_refused() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbfC\xc3\xb4te d\xe2\x80\x99Ivoire\nit\x92s\n", "bom.csv")
    assert decoded.text == "Côte d’Ivoire\nit’s\n"


def test_valid_utf8_carries_no_notes() -> None:
    assert decode_bytes(SAMPLE.encode(), "x").notes == ()


def test_real_exports_say_where_they_are_not_utf8(upr_info_dir: Path) -> None:
    decoded = decode_bytes((upr_info_dir / "1-5.csv").read_bytes(), "1-5.csv")
    assert [(note.line, note.message) for note in decoded.notes] == [
        (
            3671,
            "not valid UTF-8: read as Mac Roman, which fits its text best "
            "(bytes that are not UTF-8 on line(s) 3671, 4639, 4644)",
        )
    ]
