"""Reading the words UN documents use for numbers and for lists of states."""

from __future__ import annotations

import re

from rightstrack.reference.states import UnknownStateError, resolve_state

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_FRENCH = {
    "première": 1, "premiere": 1, "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5,
    "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10, "onzième": 11,
    "douzième": 12, "treizième": 13, "quatorzième": 14, "quinzième": 15, "seizième": 16,
    "dix-septième": 17, "dix-huitième": 18, "dix-neuvième": 19, "vingtième": 20,
}  # fmt: skip


def session_from_ordinal(word: str) -> int | None:
    """'sixth' → 6, 'twenty-seventh' → 27, '19th' → 19, 'sixième' → 6; None if not a number."""
    word = word.strip().lower()
    if match := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|e|ème|º|o)?", word):
        return int(match.group(1))
    if word in _UNITS:
        return _UNITS[word]
    if word in _FRENCH:
        return _FRENCH[word]
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    return None


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _resolve(name: str) -> str | None:
    try:
        return resolve_state(name).code
    except UnknownStateError:
        return None


def _segment(pieces: list[str]) -> list[str] | None:
    """States from words split at every "and", rejoining the pieces that form one name:
    ["Venezuela (…)", "Trinidad", "Tobago"] → VEN, TTO. None if no split resolves entirely."""
    best: list[list[str] | None] = [[]] + [None] * len(pieces)
    for end in range(1, len(pieces) + 1):
        for start in range(end):
            before = best[start]
            if before is None:
                continue
            code = _resolve(" and ".join(pieces[start:end]))
            if code:
                best[end] = [*before, code]
                break
    return best[-1]


def split_state_names(text: str) -> tuple[list[str], list[str]]:
    """The states named in a parenthesis such as "Spain, United Kingdom and Trinidad and Tobago".

    Returns (codes, unresolved names). "and" inside a state's name (Trinidad and Tobago) is kept
    when the whole name resolves; otherwise it separates two states. A parenthesis that names no
    state at all (an acronym, a date) gives no codes, and its parts are not reported."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in _top_level_commas(text):
        part = re.sub(r"^(?:and|et|y)\s+", "", part).strip(" .")
        code = _resolve(part)
        if code:
            codes.append(code)
            continue
        pieces = re.split(r"\s+(?:and|et|y)\s+", part)
        segmented = _segment(pieces) if len(pieces) > 1 else None
        if segmented:
            codes += segmented
        else:
            unknown.append(part)
    if not codes:
        return [], []
    return codes, unknown
