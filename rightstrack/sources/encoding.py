"""Reading text files whose encoding and line endings nobody wrote down.

UPR Info's exports are Mac Roman with CR line endings; others arrive as UTF-8 or Windows-1252.
General detectors (charset-normalizer) misread these short, mostly-ASCII files (three of the six
real files come out as cp1252), so the choice among the three plausible encodings is made here
by asking which decoding yields text that looks like words.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

CANDIDATES = ("utf-8", "mac_roman", "cp1252")
_TYPOGRAPHY = set("‘’“”–—…•°«»€")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class UnreadableFileError(ValueError):
    pass


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    line_ending: str  # "CR", "LF", "CRLF" or "none"


def _plausibility(text: str) -> int:
    score = 0
    for match in _NON_ASCII.finditer(text):
        i, ch = match.start(), match.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        category = unicodedata.category(ch)
        in_word = prev.isalpha() or nxt.isalpha()
        if ch in _TYPOGRAPHY:
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


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode a file's bytes, choosing among UTF-8, Mac Roman and Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
        return DecodedText(text, "utf-8", _line_ending(text))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
        return DecodedText(text, "utf-16", _line_ending(text))
    if b"\x00" in data:
        raise UnreadableFileError(f"{name}: not a text file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
        return DecodedText(text, "utf-8", _line_ending(text))
    except UnicodeDecodeError:
        pass
    scored: list[tuple[int, str, str]] = []
    for encoding in CANDIDATES[1:]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), encoding, text))
    if not scored:
        raise UnreadableFileError(f"{name}: not readable as UTF-8, Mac Roman or Windows-1252")
    # Ties go to Mac Roman: it is what the real UPR Info exports use.
    _, encoding, text = max(scored, key=lambda item: (item[0], item[1] == "mac_roman"))
    return DecodedText(text, encoding, _line_ending(text))
