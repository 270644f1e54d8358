"""Addenda to Working Group reports (A/HRC/…/Add.1): the state's responses, by paragraph.

States answer in several layouts, all of which appear in the UN's documents:

- lists under a heading or in a sentence: "accepts the recommendations 1–5, 14–16",
  "the Government notes recommendations 122.2-10, 122.13", "140.35. 140.36" (sic);
- comment blocks headed by the paragraphs they answer: "Rec. 18 …", "Recs. 6–13 …",
  "122.14– 15" or "140.11-14" on a line of its own, then the comment;
- a table or one numbered answer per recommendation: "5., 6., 7. Slovenia accepts these
  recommendations …", "124.3 … Supported".

A reference is kept as written ("122.17", or "17" where the addendum numbers the
recommendations itself); :func:`attach` resolves it against the report's paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.domain import InputProblem
from rightstrack.sources.encoding import decode_bytes
from rightstrack.sources.wgreport import Position, ReportRecommendation, clean_lines

_ADDENDUM_SYMBOL = re.compile(r"\bA/HRC/(\d{1,2})/(\d{1,3})/Add\.(\d)")
_DASH = r"\s*(?:[-\u2010\u2011\u2012\u2013\u2014]|to|à|a)\s*"
_REF = r"\d{1,3}(?:\.\d{1,3}){0,2}"
_RANGE = rf"{_REF}(?:{_DASH}{_REF})?"
_SEPARATOR = r"\s*(?:,|;|\.(?=\s)|\band\b|\bet\b|\by\b)\s*"
# A number that opens the next paragraph ("… 122.42.\n4. The Government") ends the list.
_NEXT_PARAGRAPH = r"(?!(?:(?<=\n)|(?<=\n )|(?<=\n  ))\d{1,3}\.\s+[A-Z])"
_LIST = rf"{_RANGE}(?:{_SEPARATOR}{_NEXT_PARAGRAPH}{_RANGE})*"
# "recommendations 1–5, 14–16", "recommandations 122.1", "paragraphs 140.1–140.20"
_NAMED_LIST = re.compile(
    rf"\b(?:recommendations?|recs?\.|recommandations?|recomendaciones?|paragraphs?|paragraphes?|párrafos?)"
    rf"(?:\s+(?:contained\s+in\s+)?(?:paragraphs?|nos?\.|numbers?))?(?:[^.\d:]{{0,120}}:)?:?\s+"
    # A paragraph number on the next line ("recommendations\n3. The Government") is not a list.
    rf"(?!\d{{1,3}}\.\s+[A-Z])({_LIST})",
    re.I,
)
# A comment block's heading: the references alone on a line, or "Rec. 18" / "Recs. 6–13" before text.
_BLOCK_HEADING = re.compile(
    rf"^[ \t]*(?:(?:Recs?\.|Recommendations?|Recommandations?|Recomendaci(?:ón|ones))[ \t]*({_LIST})"
    rf"|({_REF}\.\d{{1,3}}(?:{_DASH}{_REF})?(?:{_SEPARATOR}{_RANGE})*)[ \t]*$"
    rf"|(\d{{1,3}}\.\d{{1,3}}(?:\.\d{{1,3}})?(?:{_DASH}{_REF})?)[ \t]+(?=[A-Z]))",
    re.M,
)
# Answers numbered like the recommendations: "5., 6., 7., 8., 9. The Government accepts …"
# A list that ends with a comma goes on at the start of the next line ("40., 41., 42.,\n43., 44.").
_NUMBERED_ANSWER = re.compile(r"^[ \t]*((?:\d{1,3}\.,?[ \t]*)+)", re.M)
_SECTION_HEADING = re.compile(
    r"^[ \t]*(?:[IVX]+\.|[A-H]\.)?[ \t]*"
    r"((?:Accepted|Supported|Noted|Rejected|Partially (?:accepted|supported)"
    r"|Recommendations (?:not )?(?:accepted|supported|noted)|Recommandations (?:acceptées|appuyées|notées)"
    r"|Recomendaciones (?:aceptadas|apoyadas|de las que se toma nota))[^\n]{0,80})$",
    re.M | re.I,
)

_PHRASES: list[tuple[Position, str]] = [
    (
        Position.PARTLY,
        r"partially (?:accepts?|accepted|supports?|supported)|accepts? (?:it |them )?in part|"
        r"supports? (?:it |them )?in part|partly (?:accepts?|supports?|accepted|supported)|"
        r"supported in part|accepted in part|partiellement|parcialmente",
    ),
    (
        Position.NOTED,
        r"\bnoted\b(?!\s+that)|takes? note|took note|"
        r"notes (?:the )?(?:following )?(?:recommendations?|these|it\b)|"
        r"cannot (?:accept|support)|can ?not (?:at this (?:point|stage)[^.]{0,30})?accept|"
        r"does not (?:accept|support)|do(?:es)? not enjoy|not (?:accepted|supported)|rejects?|rejected|"
        r"cannot[^.]{0,40}make a definitive statement|not in a position to (?:accept|support)|"
        r"prend note|pris note|ne peut (?:pas )?accepter|n'accepte pas|"
        r"toma nota|\bno acepta|\bno puede aceptar",
    ),
    (
        Position.SUPPORTED,
        r"\baccept(?:s|ed)?\b|\bsupport(?:s|ed)?\b|enjoys? the support|agrees? with|"
        r"accepte|appuie|soutient|acepta|apoya",
    ),
]
_POSITION_PATTERNS = [(position, re.compile(pattern, re.I)) for position, pattern in _PHRASES]


def answer_position(text: str) -> Position | None:
    """The position a sentence or heading states: partly before noted before supported, since
    "does not accept" holds "accept" and "partially supported" holds "supported"."""
    for position, pattern in _POSITION_PATTERNS:
        if pattern.search(text):
            return position
    return None


@dataclass(frozen=True)
class Answer:
    reference: str  # "122.17" or "17"
    position: Position | None
    comment: str | None
    line: int


@dataclass
class Addendum:
    source: str
    symbol: str | None  # "A/HRC/59/15/Add.1"
    report_symbol: str | None  # "A/HRC/59/15"
    answers: dict[str, Answer] = field(default_factory=dict)
    problems: list[InputProblem] = field(default_factory=list)


class NotAnAddendumError(ValueError):
    pass


def expand(references: str) -> list[str]:
    """ "122.17-18, 122.22" → 122.17, 122.18, 122.22; "140.1–140.20"; "1–5"; "150 – 152";
    "140.120, 209" → 140.120, 140.209 (a bare number after a dotted one shares its paragraph)."""
    found: list[str] = []
    head = ""
    for match in re.finditer(rf"({_REF})(?:{_DASH}({_REF}))?", references):
        start, end = match.group(1), match.group(2)
        if "." in start:
            head, _, first = start.rpartition(".")
        else:
            first = start
            start = f"{head}.{start}" if head else start
        if end is None:
            found.append(start)
            continue
        if "." in end and end.rpartition(".")[0] != head:
            found += [start, end]  # not one range: "1.2 - 3.4" says two things
            continue
        low, high = int(first), int(end.rpartition(".")[2])
        if not 0 <= high - low <= 300:
            found += [start, end]
            continue
        found += [f"{head}.{n}" if head else str(n) for n in range(low, high + 1)]
    return found


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _main_prefixes(references: list[str]) -> set[str]:
    """Paragraph numbers the dotted references share (122 in 122.17): others are dates or
    targets ("SDG 16.9") met in the comments, not answers."""
    counts = Counter(ref.split(".")[0] for ref in references if "." in ref)
    total = sum(counts.values())
    return {prefix for prefix, n in counts.items() if n >= 3 or n >= 0.2 * total}


def parse_addendum(text: str, source: str) -> Addendum:
    lines = clean_lines(text)
    symbol_match = _ADDENDUM_SYMBOL.search(lines[:8000])
    if symbol_match is None and not re.search(r"\bAddendum\b|\bAdditif\b|\bAdición\b", lines[:4000], re.I):
        raise NotAnAddendumError(f"{source}: no addendum symbol (A/HRC/…/Add.n) or 'Addendum' heading")
    symbol = report_symbol = None
    if symbol_match:
        session, number, add = symbol_match.groups()
        symbol, report_symbol = f"A/HRC/{session}/{number}/Add.{add}", f"A/HRC/{session}/{number}"
    # The running header repeats the symbol at line ends; it is never an answer.
    lines = _ADDENDUM_SYMBOL.sub(" ", lines)
    addendum = Addendum(source, symbol, report_symbol)
    positions: dict[str, tuple[Position | None, int]] = {}
    comments: dict[str, str] = {}

    heading_position: Position | None = None
    events = sorted(
        [(m.start(), "heading", m) for m in _SECTION_HEADING.finditer(lines)]
        + [(m.start(), "list", m) for m in _NAMED_LIST.finditer(lines)]
    )
    for offset, kind, match in events:
        if kind == "heading":
            heading_position = answer_position(match.group(1)) or heading_position
            continue
        sentence_start = max(lines.rfind(".", 0, offset - 1), lines.rfind("\n\n", 0, offset)) + 1
        sentence = lines[sentence_start : match.end()]
        position = answer_position(sentence) or heading_position
        for ref in expand(match.group(1)):
            positions.setdefault(ref, (position, _line_of(lines, offset)))

    blocks: list[tuple[int, int, list[str]]] = [
        (m.start(), m.end(), expand(next(g for g in m.groups() if g))) for m in _BLOCK_HEADING.finditer(lines)
    ]
    numbered = not positions and not blocks
    if numbered:
        blocks = _numbered_answers(lines)
    for n, (start, body_start, refs) in enumerate(blocks):
        end = blocks[n + 1][0] if n + 1 < len(blocks) else len(lines)
        section = _SECTION_HEADING.search(lines, body_start, end)
        body = lines[body_start : section.start() if section else end]
        comment = re.sub(r"\s+", " ", _NUMBERED_ANSWER.sub(" ", body) if numbered else body).strip() or None
        for ref in refs:
            if comment:
                comments.setdefault(ref, comment)
            if ref not in positions:
                found = answer_position(comment or "") or heading_position
                positions[ref] = (found, _line_of(lines, start))

    keep = _main_prefixes(list(positions))
    for ref, (position, line) in positions.items():
        if "." in ref and ref.split(".")[0] not in keep:
            continue
        addendum.answers[ref] = Answer(ref, position, comments.get(ref), line)
        if position is None:
            addendum.problems.append(
                InputProblem(source, line, f"paragraph {ref}", "no position found in the answer", "warning")
            )
    if not addendum.answers:
        addendum.problems.append(InputProblem(source, 0, "answers", "no answers to recommendations found"))
    return addendum


def _numbered_answers(lines: str) -> list[tuple[int, int, list[str]]]:
    """Answers numbered like the recommendations; numbers of one answer may run over lines."""
    blocks: list[tuple[int, int, list[str]]] = []
    continues = False
    for match in _NUMBERED_ANSWER.finditer(lines):
        numbers = re.findall(r"\d{1,3}", match.group(1))
        if continues and blocks:
            blocks[-1][2].extend(numbers)
        else:
            blocks.append((match.start(), match.end(), numbers))
        continues = match.group(1).rstrip().endswith(",")
    return blocks


def read_addendum(path: Path) -> Addendum:
    if path.suffix.lower() == ".pdf":
        from rightstrack.sources.pdftext import pdf_text

        return parse_addendum(pdf_text(path), path.name)
    return parse_addendum(decode_bytes(path.read_bytes(), path.name).text, path.name)


def _base(paragraph: str) -> str:
    return paragraph.rstrip("abcdefghijklmnopqrstuvwxyz")


def resolve(
    paragraphs: list[tuple[str, Position | None]], addendum: Addendum
) -> tuple[dict[str, Answer], list[InputProblem]]:
    """The answer to each of a report's paragraphs ("111.1a": its position in the report).
    An answer by number alone ("17") means the 17th item of the paragraph that left
    recommendations to be examined."""
    problems: list[InputProblem] = []
    bare = {ref: a for ref, a in addendum.answers.items() if "." not in ref}
    awaiting = {_base(p).split(".")[0] for p, position in paragraphs if position in (Position.PENDING, None)}
    groups = awaiting or {_base(p).split(".")[0] for p, _ in paragraphs}
    group = next(iter(groups)) if len(groups) == 1 else None
    if bare and group is None:
        problems.append(
            InputProblem(
                addendum.source,
                0,
                "answers",
                f"answers are numbered 1, 2 … but the report has several paragraphs of recommendations "
                f"({', '.join(sorted(groups))}): they cannot be matched",
            )
        )
    resolved = {
        **{f"{group}.{ref}": answer for ref, answer in bare.items() if group},
        **{ref: a for ref, a in addendum.answers.items() if "." in ref},
    }
    known = {_base(p) for p, _ in paragraphs}
    for ref, answer in resolved.items():
        if ref not in known:
            message = "answers no recommendation of the report"
            problems.append(InputProblem(addendum.source, answer.line, f"paragraph {ref}", message))
    answered = {p: resolved[_base(p)] for p, _ in paragraphs if _base(p) in resolved}
    return answered, problems


def attach(
    recommendations: list[ReportRecommendation], addendum: Addendum
) -> tuple[list[tuple[ReportRecommendation, Answer | None]], list[InputProblem]]:
    """Each recommendation of a report with the addendum's answer to it."""
    answered, problems = resolve([(r.paragraph, r.position) for r in recommendations], addendum)
    return [(r, answered.get(r.paragraph)) for r in recommendations], problems
