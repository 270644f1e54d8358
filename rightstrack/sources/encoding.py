"""Reading text files whose encoding and line endings nobody wrote down.

UPR Info's exports are Mac Roman with CR line endings; others arrive as UTF-8 or Windows-1252,
and some are UTF-8 with a few bytes pasted from Windows. The decision is made from evidence in
the bytes:

- valid UTF-8 is UTF-8;
- a file whose non-ASCII text is mostly valid UTF-8 is UTF-8, and only the lines holding stray
  bytes read those bytes as a single-byte encoding;
- otherwise the whole file is Mac Roman or Windows-1252, whichever reading looks like text:
  accented letters inside words, quotes that open before a word and close after one, dashes
  between spaces.

General detectors do not help here: charset-normalizer (3.5) names cp1250 or cp775 for four of
the six real exports, and when limited to Mac Roman and Windows-1252 scores three of them as a
tie. Whenever a file is not valid UTF-8, the result carries notes naming the lines concerned.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

CANDIDATES = ("utf-8", "mac_roman", "cp1252")
SINGLE_BYTE = ("mac_roman", "cp1252")
LABELS = {"mac_roman": "Mac Roman", "cp1252": "Windows-1252"}
MIXED_SUFFIX = "+"  # "utf-8+cp1252": UTF-8 with stray Windows-1252 bytes
NOTED_LINES = 10  # lines named one by one; the rest are counted

_OPENING_QUOTES = set("‘“")
_DASHES = set("–—")
_OTHER_TYPOGRAPHY = set("…•°«»€")
_CONTRACTION = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])")  # women’s, don’t, we’ll
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class UnreadableFileError(ValueError):
    pass


@dataclass(frozen=True)
class EncodingNote:
    """Where a file was not valid UTF-8, and how it was read there."""

    line: int
    message: str


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    line_ending: str  # "CR", "LF", "CRLF" or "none"
    notes: tuple[EncodingNote, ...] = ()


def _apostrophe(text: str, i: int) -> int:
    """How plausible a right single quote is: an apostrophe (women’s, l’école) or a closing quote."""
    prev = text[i - 1] if i else " "
    if not prev.isalnum():
        return -1
    rest = text[i + 1 : i + 4]
    if not rest[:1].isalpha():
        return 3  # after a word: a closing quote or a plural possessive (states’ )
    elided = i < 2 or not text[i - 2].isalpha()  # l’, d’, O’, qu’ is near enough
    return 3 if elided or _CONTRACTION.match(rest) else 1


def _plausibility(text: str) -> int:
    """How much a decoding's non-ASCII characters look like text and typography."""
    score = 0
    for match in _NON_ASCII.finditer(text):
        i, ch = match.start(), match.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        category = unicodedata.category(ch)
        in_word = prev.isalpha() or nxt.isalpha()
        if ch == "’":
            score += _apostrophe(text, i)
        elif ch in _OPENING_QUOTES:
            score += 3 if not prev.isalnum() and (nxt.isalnum() or nxt in "‘“'\"") else -1
        elif ch == "”":
            score += 3 if not prev.isspace() and not nxt.isalnum() else -1
        elif ch in _DASHES:
            spaced = prev == " " and nxt == " "
            score += 3 if spaced or (prev.isdigit() and nxt.isdigit()) else 0
        elif ch in _OTHER_TYPOGRAPHY:
            score += 1
        elif category == "Ll" and "\u00c0" <= ch <= "\u017f":
            score += 2 if in_word else -1
        elif category == "Lu" and "\u00c0" <= ch <= "\u017f":
            # An accented capital is plausible only at the start of a word.
            score += 1 if (not prev.isalpha() and nxt.islower()) else -2
        else:
            score -= 2
    return score


def _line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts = {"CRLF": crlf, "CR": cr, "LF": lf}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "none"


def _decoded(text: str, encoding: str, notes: tuple[EncodingNote, ...] = ()) -> DecodedText:
    return DecodedText(text, encoding, _line_ending(text), notes)


def _lines(data: bytes) -> list[bytes]:
    """The file's lines with their breaks, numbered as a CSV reader numbers them (from 1)."""
    lines, start = [], 0
    for match in _LINE_BREAK.finditer(data):
        lines.append(data[start : match.end()])
        start = match.end()
    if start < len(data):
        lines.append(data[start:])
    return lines


def _mixed_line(line: bytes, encoding: str) -> str | None:
    """A line as UTF-8 with each invalid stretch read as ``encoding``; None if that cannot read it."""
    parts, position = [], 0
    while True:
        try:
            parts.append(line[position:].decode("utf-8"))
            return "".join(parts)
        except UnicodeDecodeError as exc:
            parts.append(line[position : position + exc.start].decode("utf-8"))
            try:
                parts.append(line[position + exc.start : position + exc.end].decode(encoding))
            except UnicodeDecodeError:
                return None
            position += exc.end


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:NOTED_LINES])
    return shown + (f", … ({len(numbers)} lines)" if len(numbers) > NOTED_LINES else "")


def _mostly_utf8(lines: list[bytes], bad: list[int]) -> bool:
    """True when valid UTF-8 characters outnumber the stray bytes: a UTF-8 file with a few
    bytes pasted from elsewhere, not a single-byte file with a chance UTF-8 look-alike."""
    stray_lines = set(bad)
    good_lines = (line for n, line in enumerate(lines) if n not in stray_lines)
    utf8_chars = sum(len(_NON_ASCII.findall(line.decode("utf-8"))) for line in good_lines)
    stray = sum(lines[n].decode("utf-8", errors="replace").count("\ufffd") for n in bad)
    return utf8_chars > 0 and utf8_chars >= stray


def _decode_mixed(lines: list[bytes], bad: list[int]) -> DecodedText:
    readings: dict[str, dict[int, str]] = {}
    for encoding in SINGLE_BYTE:
        read = {n: _mixed_line(lines[n], encoding) for n in bad}
        if all(text is not None for text in read.values()):
            readings[encoding] = {n: text for n, text in read.items() if text is not None}
    # Ties go to Windows-1252: stray bytes in UTF-8 text are mostly pasted from Windows.
    encoding = max(
        readings,
        key=lambda e: (_plausibility("".join(readings[e].values())), e == "cp1252"),
    )
    texts = [readings[encoding].get(n) or line.decode("utf-8") for n, line in enumerate(lines)]
    label = LABELS[encoding]
    notes = [
        EncodingNote(n + 1, f"not valid UTF-8: byte(s) {_stray_bytes(lines[n], encoding)} read as {label}")
        for n in bad[:NOTED_LINES]
    ]
    if len(bad) > NOTED_LINES:
        notes.append(
            EncodingNote(
                bad[NOTED_LINES] + 1,
                f"not valid UTF-8 on {len(bad) - NOTED_LINES} more line(s), read the same way: "
                f"{_line_list([n + 1 for n in bad[NOTED_LINES:]])}",
            )
        )
    return _decoded("".join(texts), f"utf-8{MIXED_SUFFIX}{encoding}", tuple(notes))


def _stray_bytes(line: bytes, encoding: str) -> str:
    """The bytes that are not UTF-8, each with what it was read as: 0x92 (’)."""
    found: list[str] = []
    position = 0
    while True:
        try:
            line[position:].decode("utf-8")
            return ", ".join(dict.fromkeys(found))
        except UnicodeDecodeError as exc:
            stray = line[position + exc.start : position + exc.end]
            found += [f"0x{b:02X} ({bytes([b]).decode(encoding)})" for b in stray]
            position += exc.end


def _decode_single_byte(data: bytes, bad: list[int], name: str) -> DecodedText:
    scored: list[tuple[int, str, str]] = []
    for encoding in SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), encoding, text))
    if not scored:
        raise UnreadableFileError(f"{name}: not readable as UTF-8, Mac Roman or Windows-1252")
    # Ties go to Mac Roman: it is what the real UPR Info exports use.
    _, encoding, text = max(scored, key=lambda item: (item[0], item[1] == "mac_roman"))
    lines = [n + 1 for n in bad]
    note = EncodingNote(
        lines[0],
        f"not valid UTF-8: read as {LABELS[encoding]}, which fits its text best "
        f"(bytes that are not UTF-8 on line(s) {_line_list(lines)})",
    )
    return _decoded(text, encoding, (note,))


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode a file's bytes: UTF-8, UTF-8 with stray bytes, Mac Roman or Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(data.decode("utf-16"), "utf-16")
    if b"\x00" in data:
        raise UnreadableFileError(f"{name}: not a text file (contains NUL bytes)")
    try:
        return _decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = _lines(data)
    bad = [n for n, line in enumerate(lines) if not _is_utf8(line)]
    if _mostly_utf8(lines, bad):
        return _decode_mixed(lines, bad)
    return _decode_single_byte(data, bad, name)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
