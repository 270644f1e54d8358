"""Reports of the UPR Working Group (A/HRC/…): the recommendations, as the UN publishes them.

A report ends with a section "Conclusions and/or recommendations": paragraphs that say whether
the state under review supports the recommendations listed under them, will examine them, or
notes them, each followed by numbered recommendations — ``105.1 Text (State);`` since 2011,
``1. Text (State);`` before — whose parenthesis names the recommending state(s). One numbered
item may hold several recommendations, each with its own parenthesis.

The text may come from a plain-text extraction (line breaks lost or kept, page headers and
footnotes left inside paragraphs) or from a PDF (see ``pdftext``); both are cleaned the same way.
Numbers are followed in sequence (after 105.3 only 105.4 or the next paragraph, 106, can start
an item), so numbers inside a recommendation's text never split it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rightstrack.domain import InputProblem, Response
from rightstrack.reference.sessions import all_sessions
from rightstrack.reference.states import UnknownStateError, all_states, resolve_state
from rightstrack.sources.dialogue import cited_recommendations
from rightstrack.sources.encoding import decode_bytes
from rightstrack.sources.items import split_item
from rightstrack.sources.reportnames import session_from_ordinal


class Position(StrEnum):
    SUPPORTED = "supported"
    NOTED = "noted"
    PENDING = "to be examined"
    PARTLY = "supported in part"  # OHCHR's matrices write "Supported/Noted"

    @property
    def response(self) -> Response | None:
        """The response this position gives; none while it is still to be examined."""
        return _RESPONSES.get(self)


_RESPONSES = {
    Position.SUPPORTED: Response.ACCEPTED,
    Position.NOTED: Response.NOTED,
    Position.PARTLY: Response.PARTLY,
}


@dataclass(frozen=True)
class ReportRecommendation:
    paragraph: str  # "105.1"; or "98.3" for the third item under paragraph 98 in older reports
    text: str
    recommenders: tuple[str, ...]  # ISO codes
    position: Position | None  # None where the paragraph above it does not say


@dataclass
class WorkingGroupReport:
    source: str
    symbol: str | None
    sur: str | None
    session: int | None
    recommendations: list[ReportRecommendation] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


class NotAReportError(ValueError):
    pass


# --- cleaning ---------------------------------------------------------------------------------

_PAGE_ARTEFACTS = [
    r"A/HRC/\d+/\d+(?:/Add\.\d+)?\s+[Pp]age\s+\d+",  # running header of older reports
    r"GE\.\d{2}[-\u2010\u2013]\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}",  # job number in the footer
    r"\*\d{7}\*",  # bar-code text
    r"\*+\s*(?:The )?conclusions and recommendations (?:have not been|will not be|were not) edited\.?",
    r"\*+\s*Les conclusions et recommandations n'ont pas été revues\.?",
    r"\*+\s*Las conclusiones y recomendaciones no han sido editadas\.?",
]
_ARTEFACT = re.compile("|".join(f"(?:{p})" for p in _PAGE_ARTEFACTS), re.I)
# The page number printed beside the job number in the footer: "12 GE.25-02819", "GE.25-02819 13".
_FOOTER_PAGE_NUMBER = re.compile(
    r"^[ \t]*\d{1,3}[ \t]+(GE[.:]\d{2}-\d{4,6})|(GE[.:]\d{2}-\d{4,6}(?:\s*\([A-Z]\))?)[ \t]+\d{1,3}[ \t]*$",
    re.M,
)
# A line holding only the report's symbol, or a page number, is a header or a footer.
_HEADER_LINE = re.compile(r"^[ \t]*(?:A/HRC/\d+/\d+(?:/Add\.\d+)?|\d{1,3})[ \t]*$", re.M)
# Words broken at a line end; hyphens that belong to the word (non-State, self-) stay.
_BROKEN_WORD = re.compile(r"(\w{2,})[-\u00ad]\n[ \t]*([a-z]\w*)")
_KEPT_HYPHEN_PREFIXES = {"non", "self", "anti", "co", "multi", "inter", "socio", "well", "cross", "ill"}


def clean_lines(text: str) -> str:
    """The text with headers, footers, footnote notices and broken words mended, lines kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\f", "\n")
    text = _FOOTER_PAGE_NUMBER.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HEADER_LINE.sub("", text)

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        keep = head.lower().rsplit(None, 1)[-1] in _KEPT_HYPHEN_PREFIXES
        return f"{head}-{tail}" if keep else f"{head}{tail}"

    text = _BROKEN_WORD.sub(join, text)
    return _ARTEFACT.sub(" ", text)


def clean_text(text: str) -> str:
    """One line of single-spaced text with headers, footers and footnote notices taken out."""
    return re.sub(r"\s+", " ", clean_lines(text)).strip()


# --- what the report is about -----------------------------------------------------------------

_SYMBOL = re.compile(r"\bA/HRC/(\d{1,2})/(\d{1,3})(?!/Add|\d|/)")
_WG_DOCUMENT = re.compile(r"\bA/HRC/WG\.6/(\d{1,2})/([A-Z]{3})/\d")
_REVIEW_OF = re.compile(
    r"\b(?:The review of|L'Examen (?:de|du|des|d')|El examen de)\s*(.{3,80}?)\s+"
    r"(?:was held|a eu lieu|se celebró)",
    re.I,
)
_HELD_SESSION = re.compile(
    r"held its ([a-z-]+|\d{1,2}(?:st|nd|rd|th)) session|"
    r"a tenu sa ([a-zé-]+) session|celebró su ([a-zé-]+) período de sesiones",
    re.I,
)


def _metadata(
    text: str, source: str, problems: list[InputProblem]
) -> tuple[str | None, str | None, int | None]:
    head = text[:6000]
    symbol_match = _SYMBOL.search(head)
    symbol = f"A/HRC/{symbol_match.group(1)}/{symbol_match.group(2)}" if symbol_match else None
    wg = _WG_DOCUMENT.search(text)
    sur: str | None = None
    review = _REVIEW_OF.search(text)
    if review:
        try:
            sur = resolve_state(review.group(1).strip(" ,")).code
        except UnknownStateError:
            problems.append(
                InputProblem(source, 0, "state under review", f"unknown state {review.group(1)!r}")
            )
    if sur is None and wg and wg.group(2) in all_states():
        sur = wg.group(2)
    session: int | None = None
    held = _HELD_SESSION.search(text)
    if held:
        session = session_from_ordinal(next(g for g in held.groups() if g))
    if session is None and wg:
        session = int(wg.group(1))
    if session is not None and session not in all_sessions():
        problems.append(InputProblem(source, 0, "session", f"not a known UPR session: {session}"))
        session = None
    if sur is None:
        problems.append(InputProblem(source, 0, "state under review", "not found in the report"))
    if session is None:
        problems.append(InputProblem(source, 0, "session", "not found in the report"))
    return symbol, sur, session


# --- the recommendations section --------------------------------------------------------------

_SECTION_HEADING = re.compile(
    r"(?<!All )(?<!All the )\b(?:Conclusions\s+and(?:/or)?\s+recommendations|"
    r"Conclusions\s+et(?:/ou)?\s+recommandations|Conclusiones\s+y(?:/o)?\s+recomendaciones)"
    r"(?!\s*(?:\.\s*){3}|\s+contained|\s+contenues|\s+contenidas|\s+have|\s+will|\s+n'ont|\s+no han)",
    re.I,
)
_SECTION_END = re.compile(
    r"\b(?:All (?:the )?conclusions and/or recommendations contained|"
    r"Toutes les conclusions et/ou recommandations|Todas las conclusiones y/o recomendaciones)",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w./,])(\d{1,3}(?:\.\d{1,3}){0,2})(\.?)(?=\s)")

# The first phrase that matches decides; negative forms come before the positive ones they contain.
_POSITION_PHRASES: list[tuple[Position, str]] = [
    (
        Position.NOTED,
        r"did not (?:enjoy|receive) the support|do not enjoy the support|not supported|"
        r"were rejected|was rejected|were noted|are noted|has noted|have been noted|takes note|took note|"
        r"n'ont pas recueilli|a pris note|prend note|no cuentan con el apoyo|no contaron con el apoyo|"
        r"ha tomado nota|toma nota",
    ),
    (
        Position.PENDING,
        r"will be examined|will examine|shall examine|will consider|will be considered|"
        r"will provide (?:its )?responses|will respond|examinera|seront examinées|examinará|serán examinadas",
    ),
    (
        Position.SUPPORTED,
        r"enjoys? the support|enjoyed the support|have been accepted|were accepted|"
        r"has accepted|accepts|supports? the|ont recueilli l'adhésion|ont recueilli le soutien|"
        r"bénéficient du soutien|cuentan con el apoyo|contaron con el apoyo",
    ),
]
_POSITIONS = [(position, re.compile(pattern, re.I)) for position, pattern in _POSITION_PHRASES]


def position_of(intro: str) -> Position | None:
    for position, pattern in _POSITIONS:
        if pattern.search(intro):
            return position
    return None


@dataclass
class _Item:
    paragraph: str
    text: str
    position: Position | None


def _section(text: str) -> str | None:
    headings = list(_SECTION_HEADING.finditer(text))
    # The table of contents names the section first; the section itself is the last heading.
    for heading in reversed(headings):
        following = text[heading.end() : heading.end() + 400]
        if re.search(r"\d{1,3}\.?\s", following) and re.search(
            r"recommend|recomend|conclusion", following, re.I
        ):
            start = heading.end()
            end = _SECTION_END.search(text, start)
            return text[start : end.start() if end else len(text)]
    return None


def _items(section: str) -> list[_Item]:
    """Walk the numbers in sequence: paragraphs N, N+1 … and the items under each."""
    tokens = list(_NUMBER.finditer(section))
    first = next((t for t in tokens if t.group(2) == "." and "." not in t.group(1)), None)
    if first is None:
        return []
    group = int(first.group(1))
    intro_start = first.end()
    items: list[_Item] = []
    position: Position | None = None
    intro: str | None = None  # text of the current paragraph before its first item
    current: tuple[str, int] | None = None  # (paragraph id, where its text starts)
    count = 0
    style: str | None = None  # "decimal" (105.1) or "plain" (1.)

    def close(end: int) -> None:
        nonlocal current
        if current is not None:
            items.append(_Item(current[0], section[current[1] : end].strip(), position))
            current = None

    for token in tokens:
        if token.start() < intro_start:
            continue
        number, dot = token.group(1), token.group(2)
        step = _item_step(number, dot, group, count, style)
        is_next_group = dot == "." and number == str(group + 1)
        if step:
            if intro is None:
                intro = section[intro_start : token.start()]
                position = position_of(intro)
            close(token.start())
            style = "decimal" if "." in number else "plain"
            count += step
            current = (f"{group}.{count}", token.end())
        elif is_next_group:
            close(token.start())
            group, count, style, intro = group + 1, 0, None, None
            intro_start = token.end()
    close(len(section))
    return items


def _item_step(number: str, dot: str, group: int, count: int, style: str | None) -> int:
    """How far ``number`` moves the item count of paragraph ``group`` on: 1 for the next item,
    up to MAX_SKIP where an extraction lost a number ("105.36" missing before "105.37"), else 0.
    A skip is taken only in the decimal style, whose "105.37" cannot be a number in the text."""
    if style in (None, "decimal") and number.startswith(f"{group}."):
        tail = number[len(str(group)) + 1 :]
        if tail.isdigit() and 1 <= int(tail) - count <= (1 if style is None else MAX_SKIP):
            return int(tail) - count
    if style in (None, "plain") and dot == "." and number == str(count + 1):
        return 1
    return 0


MAX_SKIP = 3


# --- entry points -----------------------------------------------------------------------------


_CITATION_ONLY = re.compile(r"[\s\d(),;a-z]{0,12}(?:\([A-Z][^)]{0,40}\))?[\s,;]*(?:and)?")


def parse_report(text: str, source: str) -> WorkingGroupReport:
    cleaned = clean_text(text)
    problems: list[InputProblem] = []
    symbol, sur, session = _metadata(cleaned, source, problems)
    if symbol is None:
        # A PDF prints the symbol in its page header, which cleaning takes out with the headers.
        raw = _SYMBOL.search(" ".join(text[:6000].split()))
        symbol = f"A/HRC/{raw.group(1)}/{raw.group(2)}" if raw else None
    section = _section(cleaned)
    if section is None:
        raise NotAReportError(f"{source}: no 'Conclusions and/or recommendations' section found")
    report = WorkingGroupReport(source, symbol, sur, session, problems=problems)
    for item in _items(section):
        if _CITATION_ONLY.fullmatch(item.text):
            continue  # a number in a list of cited paragraphs ("23, 24 (b) (Belgium), 27"), not an item
        parts = split_item(item.text, source, item.paragraph, problems)
        for n, (text, codes) in enumerate(parts):
            # Several recommendations in one item share its number; a letter tells them apart.
            paragraph = item.paragraph if len(parts) == 1 else f"{item.paragraph}{_letter(n)}"
            # "…, ratify the Convention (Austria)": a recommendation begins with a capital however
            # it was cut from its item.
            sentence = text[:1].upper() + text[1:]
            report.recommendations.append(ReportRecommendation(paragraph, sentence, codes, item.position))
    if sur is not None:
        for cited, verdict in cited_recommendations(cleaned, section, all_states()[sur].name):
            states = (cited.recommender,) if cited.recommender else ()
            report.recommendations.append(
                ReportRecommendation(cited.paragraph, cited.text, states, position_of(verdict))
            )
    return report


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[n] if n < 26 else f"_{n + 1}"


def read_report(path: Path) -> WorkingGroupReport:
    """A report from a text file or a PDF."""
    if path.suffix.lower() == ".pdf":
        from rightstrack.sources.pdftext import pdf_text

        return parse_report(pdf_text(path), path.name)
    return parse_report(decode_bytes(path.read_bytes(), path.name).text, path.name)
