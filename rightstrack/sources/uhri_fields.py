"""One UHRI annotation → one :class:`SourceRecord`: the field mappings of OHCHR's Universal Human
Rights Index export, the same for its JSON and its XLSX form (see :mod:`rightstrack.sources.uhri`).

Every value the mappings do not know is counted as a named warning (field, problem, value) and the
record kept where it can be; a record that cannot be stored (no text, no known state) is counted too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from rightstrack.domain import Mechanism, RecordKind, Response, SourceRecord, Vocabulary
from rightstrack.reference.mechanisms import Body, canonical_body, clean_body, guess_mechanism
from rightstrack.reference.sessions import all_sessions
from rightstrack.reference.states import UnknownStateError, is_unknown_marker, resolve_state
from rightstrack.reference.uhri import theme_label
from rightstrack.sources.field_warnings import Warnings


@dataclass(frozen=True)
class UhriLimits:
    """What one export may hold before it is refused or cut (every input is hostile)."""

    max_file_bytes: int = 2 * 1024**3  # the real export is about 360 MB
    max_records: int = 2_000_000  # about 268,000 in February 2026
    max_text_chars: int = 20_000  # longer texts are cut, with a warning
    max_values: int = 300  # values in one list field (countries, themes …)
    max_distinct_warnings: int = 500  # distinct values remembered per field and problem


_KINDS = {
    "recommendations": RecordKind.RECOMMENDATION,
    "recommendation": RecordKind.RECOMMENDATION,
    "concerns/observations": RecordKind.CONCERN,
    "concerns": RecordKind.CONCERN,
    "observations": RecordKind.CONCERN,
    "others": RecordKind.OTHER,
    "other": RecordKind.OTHER,
    "": RecordKind.OTHER,  # the bare "-" the export writes for an untyped annotation
}
_RESPONSES = {
    "supported": Response.ACCEPTED,
    "accepted": Response.ACCEPTED,
    "noted": Response.NOTED,
    "supported/noted": Response.PARTLY,
    "supported in part": Response.PARTLY,
}
REGIONS = (
    "Africa",
    "Asia-Pacific",
    "Eastern Europe",
    "Latin America and the Caribbean",
    "Western Europe & Others",
)
_REGION_KEYS = {re.sub(r"\W+", "", r.casefold().replace("&", "and")): r for r in REGIONS}
_TAG = re.compile(r"<[^>]{0,500}>")
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d)\b[^>]{0,200}>", re.I)
# "4.The Committee …", "136.1 To further …", "12. Ensure …": a paragraph number is a dotted number
# (or one ended by a dot) before a word; a bare number ("16 States …") is the text's own.
_PARAGRAPH = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3}|\d{1,3}(?=\.))\.?\s*(?=[^\d\s.])")
_SESSION = re.compile(r"^\s*(\d{1,3})(?!\d)")
_SDG = re.compile(r"^\s*(?:SDG\s*)?(\d{1,2})(?:\.[0-9a-z]{1,2})?(?:\s*[-–:]|\s*$)", re.I)
_SYMBOL_STATE = re.compile(r"^[A-Z-]+/(?:C|OP)/([A-Z]{3})/")
_EXCEL_EPOCH = date(1899, 12, 30)


@lru_cache(maxsize=8192)
def _tidy(item: str) -> str:
    # List values repeat (themes, persons, regions, states): tidied once each.
    return " ".join(item.split()).removeprefix("- ").strip()


def values(raw: object, limits: UhriLimits, field: str, warnings: Warnings) -> list[str]:
    """A list field as strings: a JSON list, a bare string, or a cell of "- " lines."""
    if raw is None:
        return []
    if isinstance(raw, str):
        items: Iterable[object] = raw.splitlines() if "\n" in raw else [raw]
    elif isinstance(raw, list):
        items = raw
    else:
        items = [raw]
    out = []
    for item in items:
        text = _tidy(item) if isinstance(item, str) else _tidy(str(item)) if item is not None else ""
        if text and text != "-":
            out.append(text)
    if len(out) > limits.max_values:
        warnings.add(field, f"more than {limits.max_values} values, the rest left out", len(out))
        out = out[: limits.max_values]
    return out


def clean_text(raw: str) -> str:
    """The text without HTML tags and entities, its spacing tidied."""
    text = _TAG.sub("", _BLOCK_TAG.sub("\n", raw)) if "<" in raw else raw
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\u00a0", " ")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def split_paragraph(text: str) -> tuple[str | None, str]:
    match = _PARAGRAPH.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end() :].lstrip()


def parse_date(raw: object) -> date | None:
    """``2025-02-12T00:00:00`` (JSON), an Excel day number or a datetime (XLSX). Raises ValueError."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not 1 <= raw < 2958466:  # Excel's day numbers run from 1900 to 9999
            raise ValueError(f"day number {raw} out of range")
        return _EXCEL_EPOCH + timedelta(days=int(raw))
    text = str(raw).strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return date.fromisoformat(text[:10])  # "2025-02-12T00:00:00", the JSON export's form
    if re.fullmatch(r"\d{1,7}(?:\.\d+)?", text):
        return parse_date(float(text))
    return datetime.fromisoformat(text[:26].replace("Z", "")).date()


def _kind(raw: object, warnings: Warnings) -> RecordKind:
    text = " ".join(str(raw or "").split()).lstrip("-").strip()
    kind = _KINDS.get(text.casefold())
    if kind is None:
        warnings.add("AnnotationType", "unknown type, kept as other", text)
        return RecordKind.OTHER
    return kind


def _body(raw: object, symbol: str | None, warnings: Warnings) -> Body | None:
    text = str(raw or "")
    body = canonical_body(text)
    if body is not None:
        return body
    shown = clean_body(text)[:120]
    mechanism = guess_mechanism(text) if shown else None
    if mechanism is None and symbol and _SYMBOL_STATE.match(symbol):
        mechanism = Mechanism.TREATY_BODY  # treaty bodies' symbols: CRC/C/PER/CO/6-7, CAT/OP/…
    if mechanism is None or not shown:
        warnings.add("Body", "unknown body and mechanism: records not stored", shown or "(empty)")
        return None
    warnings.add("Body", f"unknown body, kept as a {mechanism.value.lower()}", shown)
    return Body(shown, mechanism, shown)


def _states(names: list[str], field: str, warnings: Warnings) -> list[str]:
    codes: list[str] = []
    for name in names:
        if is_unknown_marker(name):
            continue
        try:
            code = resolve_state(name).code
        except UnknownStateError:
            warnings.add(field, "unknown state", name)
            continue
        if code not in codes:
            codes.append(code)
    return codes


@lru_cache(maxsize=4096)
def _theme(raw: str) -> str:
    return theme_label(raw)[:200]


@lru_cache(maxsize=4096)
def _goal(item: str) -> int | None:
    match = _SDG.match(item)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 17 else None


def _sdg_tags(items: list[str], warnings: Warnings) -> list[tuple[Vocabulary, str]]:
    # Goals only, as the OHCHR matrices are tagged ("SDG 16"): a target ("16.2") files under its goal.
    tags = []
    for item in items:
        goal = _goal(item)
        if goal is not None:
            tags.append((Vocabulary.SDG, f"SDG {goal}"))
        else:
            warnings.add("Sdgs", "not a goal or target of the 17 SDGs", item)
    return tags


@lru_cache(maxsize=256)
def _known_region(item: str) -> str | None:
    return _REGION_KEYS.get(re.sub(r"\W+", "", item.casefold().replace("&", "and")))


def _region(item: str, warnings: Warnings) -> str:
    known = _known_region(item)
    if known is None:
        warnings.add("Regions", "unknown region, kept as written", item)
        return item
    return known


def _upr(raw: Mapping[str, Any], limits: UhriLimits, warnings: Warnings) -> dict[str, Any]:
    found: dict[str, Any] = {"session": None, "position": None, "response": None, "recommenders": ()}
    sessions = values(raw.get("UprSession"), limits, "UprSession", warnings)
    if sessions:
        match = _SESSION.match(sessions[0])
        number = int(match.group(1)) if match else None
        if number is None:
            warnings.add("UprSession", "no session number", sessions[0])
        elif number not in all_sessions():
            warnings.add("UprSession", "session not in the reference data, left empty", sessions[0])
        else:
            found["session"] = number
    else:
        warnings.add("UprSession", "UPR record without a session", "(empty)")
    positions = values(raw.get("UprPositions"), limits, "UprPositions", warnings)
    if positions:
        word = " ".join(positions)
        found["position"] = word[:40]
        response = _RESPONSES.get(positions[0].casefold().replace(" / ", "/"))
        if response is None or len({p.casefold() for p in positions}) > 1:
            warnings.add("UprPositions", "unknown position, response left empty", word)
        else:
            found["response"] = response
    names = values(raw.get("UprRecommendingCountry"), limits, "UprRecommendingCountry", warnings)
    found["recommenders"] = tuple(_states(names, "UprRecommendingCountry", warnings))
    return found


def to_record(
    raw: Mapping[str, Any], number: int, limits: UhriLimits, warnings: Warnings
) -> SourceRecord | None:
    """The record an annotation states, or None (counted in ``warnings``) where it cannot be stored."""
    annotation = " ".join(str(raw.get("AnnotationId") or "").split())
    if not annotation or len(annotation) > 36:
        warnings.add(
            "AnnotationId", "missing or longer than a UUID: records not stored", annotation or "(empty)"
        )
        return None
    symbol = " ".join(str(raw.get("Symbol") or "").split()) or None
    if symbol and len(symbol) > 60:
        warnings.add("Symbol", "longer than 60 characters, cut", symbol)
        symbol = symbol[:60]
    body = _body(raw.get("Body"), symbol, warnings)
    if body is None:
        return None
    paragraph, text = split_paragraph(clean_text(str(raw.get("Text") or "")))
    if not text:
        warnings.add("Text", "empty: records not stored", body.canonical)
        return None
    if len(text) > limits.max_text_chars:
        warnings.add("Text", f"longer than {limits.max_text_chars:,} characters, cut", annotation)
        text = text[: limits.max_text_chars]
    countries = values(raw.get("Countries"), limits, "Countries", warnings)
    codes = _states(countries, "Countries", warnings)
    if not codes and symbol and (match := _SYMBOL_STATE.match(symbol)):
        try:
            codes = [resolve_state(match.group(1)).code]
            shown = "; ".join(countries) or "(empty)"
            warnings.add("Countries", "no known state: the symbol's state taken", shown)
        except UnknownStateError:
            pass
    if not codes:
        warnings.add("Countries", "no known state: records not stored", "; ".join(countries) or "(empty)")
        return None
    try:
        published = parse_date(raw.get("PublicationDate"))
    except (ValueError, TypeError, OverflowError):
        warnings.add("PublicationDate", "not a date, left empty", raw.get("PublicationDate"))
        published = None
    tags: list[tuple[Vocabulary, str]] = [(Vocabulary.ALSO_CONCERNS, code) for code in codes[1:]]
    tags += [
        (Vocabulary.UHRI_THEME, _theme(t)) for t in values(raw.get("Themes"), limits, "Themes", warnings)
    ]
    persons = values(raw.get("AffectedPersons"), limits, "AffectedPersons", warnings)
    # "migrants" and "Migrants" are one group of persons, as the matrices are read.
    tags += [(Vocabulary.AFFECTED_PERSONS, (p[:1].upper() + p[1:])[:200]) for p in persons]
    tags += _sdg_tags(values(raw.get("Sdgs"), limits, "Sdgs", warnings), warnings)
    tags += [
        (Vocabulary.REGION, _region(r, warnings))
        for r in values(raw.get("Regions"), limits, "Regions", warnings)
    ]
    upr = _upr(raw, limits, warnings) if body.mechanism is Mechanism.UPR else {}
    return SourceRecord(
        locator=annotation,
        mechanism=body.mechanism,
        body=body.canonical,
        kind=_kind(raw.get("AnnotationType"), warnings),
        sur=codes[0],
        text=text,
        session=upr.get("session"),
        published=published,
        recommenders=upr.get("recommenders", ()),
        document_symbol=symbol,
        paragraph=paragraph,
        position=upr.get("position"),
        response=upr.get("response"),
        tags=tuple(dict.fromkeys(tags)),
        uhri_id=annotation,
        line=number,
    )
