"""OHCHR's thematic lists ("matrices") of UPR recommendations, as Word tables (.docx).

Each row is one recommendation of a review: its paragraph and text with the recommending states
in parentheses (in some matrices also in a column of their own), the position of the state
under review and the document that gives it, UHRI themes, affected persons and SDGs. Rows whose
cells all repeat one text ("Theme: …", "Right or area: …") head a group of rows. Column layouts
differ between years, so columns are found by the words of their headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from rightstrack.domain import InputProblem
from rightstrack.reference.states import UnknownStateError, resolve_state
from rightstrack.sources.items import split_item
from rightstrack.sources.reportnames import split_state_names
from rightstrack.sources.wgreport import Position


@dataclass(frozen=True)
class MatrixRecommendation:
    row: int  # 1-based row of the table, for messages
    paragraph: str
    text: str
    recommenders: tuple[str, ...]
    position: Position | None
    position_source: str | None  # e.g. "A/HRC/59/15/Add.1 - Para.3"
    themes: tuple[str, ...]
    affected_persons: tuple[str, ...]
    sdgs: tuple[int, ...]
    heading: str | None  # the theme row above it
    comments: str | None = None


@dataclass
class ThematicMatrix:
    source: str
    title: str = ""  # the text above the table, where the state and session are named
    recommendations: list[MatrixRecommendation] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def report_symbols(self) -> set[str]:
        """Working Group reports the positions come from (A/HRC/59/15 for …/Add.1 - Para.3)."""
        found = set()
        for recommendation in self.recommendations:
            match = re.search(r"A/HRC/\d+/\d+", recommendation.position_source or "")
            if match:
                found.add(match.group(0))
        return found


class NotAMatrixError(ValueError):
    pass


_TITLE_STATE = re.compile(r"\bUPR of (?:the )?(.+?)\s*(?:\(|\s[-\u2013]\s|\t|$)", re.I)
_TITLE_SESSION = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+session\b", re.I)
_FILE_SESSION = re.compile(r"(?:UPR|wg)[\s_-]*(\d{1,2})(?!\d)", re.I)
_ORDINAL_CYCLE = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_TITLE_CYCLE = re.compile(r"\b(\d)(?:st|nd|rd|th)\s+cycle|\b(first|second|third|fourth|fifth)\s+cycle", re.I)


@dataclass(frozen=True)
class ReviewClues:
    """What a matrix says of its review: the state, and the session or what narrows it down."""

    sur: str | None
    session: int | None
    cycle: int | None
    hrc_sessions: tuple[int, ...]  # from the report symbols (A/HRC/28/16: the 28th session)


def review_clues(matrix: ThematicMatrix) -> ReviewClues:
    sur = None
    named = _TITLE_STATE.search(matrix.title)
    if named:
        try:
            sur = resolve_state(named.group(1)).code
        except UnknownStateError:
            sur = None
    if sur is None:
        sur = _state_in_file_name(matrix.source)
    session_match = _TITLE_SESSION.search(matrix.title) or _FILE_SESSION.search(matrix.source)
    cycle_match = _TITLE_CYCLE.search(matrix.title)
    cycle = None
    if cycle_match:
        cycle = (
            int(cycle_match.group(1))
            if cycle_match.group(1)
            else _ORDINAL_CYCLE[cycle_match.group(2).lower()]
        )
    hrc = tuple(sorted({int(symbol.split("/")[2]) for symbol in matrix.report_symbols}))
    return ReviewClues(sur, int(session_match.group(1)) if session_match else None, cycle, hrc)


def _state_in_file_name(name: str) -> str | None:
    words = [w for w in re.split(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])", Path(name).stem) if w]
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            try:
                return resolve_state(" ".join(words[start : start + size])).code
            except UnknownStateError:
                continue
    return None


_COLUMNS = {
    "text": ("recommendation",),
    "states": ("recommending state",),
    "position": ("position",),
    "themes": ("theme", "rights", "right or area"),
    "sdgs": ("sdg",),
    "comments": ("assessment", "comment"),
}
_SOURCE_OF_POSITION = re.compile(r"\bSource of position:\s*(.+)", re.I)
_PARAGRAPH = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+")
_POSITIONS = {
    "supported": Position.SUPPORTED,
    "accepted": Position.SUPPORTED,
    "noted": Position.NOTED,
    "supported/noted": Position.PARTLY,
}
_COMMENTS = re.compile(r"\bComments?:\s*(.+)", re.I)
_SDG = re.compile(r"^\s*-?\s*(\d{1,2})\s*-\s*[A-Z]")


def _find_columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        folded = title.casefold()
        # "Recommendation and recommending State" is the text column, not the states column.
        for name, words in _COLUMNS.items():
            if name not in columns and any(word in folded for word in words):
                if name == "states" and "recommendation" in folded:
                    continue
                columns[name] = index
                break
    return columns


def _themes_and_groups(text: str) -> tuple[list[str], list[str], list[int]]:
    """Themes, affected persons and SDGs from a cell that lists them under sub-headings."""
    themes: list[str] = []
    persons: list[str] = []
    sdgs: list[int] = []
    target = themes
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        folded = line.casefold().rstrip(": ")
        if folded in {"affected persons", "groups of persons", "persons"}:
            target = persons
            continue
        if folded in {"sdgs", "sdg", "relevant sdgs"}:
            target = []  # SDG lines are read by their own pattern below
            continue
        sdg = _SDG.match(line)
        if sdg:
            sdgs.append(int(sdg.group(1)))
            continue
        target.append(line.lstrip("-• ").strip())
    return [t for t in themes if t], [p for p in persons if p], sdgs


def read_matrix(path: Path) -> ThematicMatrix:
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise NotAMatrixError(f"{path.name}: not a Word (.docx) document ({exc})") from exc
    title = " ".join(p.text.strip() for p in document.paragraphs[:12] if p.text.strip())
    for section in document.sections:
        title += " " + " ".join(p.text.strip() for p in section.header.paragraphs if p.text.strip())
    matrix = ThematicMatrix(path.name, title.strip())
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if not rows:
            continue
        columns = _find_columns(rows[0])
        if "text" not in columns or "position" not in columns:
            continue
        heading: str | None = None
        for number, cells in enumerate(rows[1:], start=2):
            if len(set(cells)) == 1:  # a merged row: the theme of the rows below
                heading = (
                    re.sub(r"^(?:Theme|Right or area)\s*:\s*", "", cells[0].strip(), flags=re.I) or heading
                )
                continue
            recommendation = _row(cells, columns, number, heading, matrix)
            if recommendation:
                matrix.recommendations.append(recommendation)
    if not matrix.recommendations:
        raise NotAMatrixError(f"{path.name}: no table with 'Recommendation' and 'Position' columns")
    return matrix


def _row(
    cells: list[str], columns: dict[str, int], number: int, heading: str | None, matrix: ThematicMatrix
) -> MatrixRecommendation | None:
    def cell(name: str) -> str:
        return cells[columns[name]].strip() if name in columns and columns[name] < len(cells) else ""

    body = cell("text")
    if not body:
        return None
    source_match = _SOURCE_OF_POSITION.search(body)
    position_source = source_match.group(1).strip() if source_match else None
    if source_match:
        body = body[: source_match.start()] + body[source_match.end() :]
    comment_match = _COMMENTS.search(body)
    comments = [comment_match.group(1).strip()] if comment_match else []
    if comment_match:
        body = body[: comment_match.start()] + body[comment_match.end() :]
    paragraph_match = _PARAGRAPH.match(body)
    if not paragraph_match:
        matrix.problems.append(InputProblem(matrix.source, number, "Recommendation", "no paragraph number"))
        return None
    paragraph = paragraph_match.group(1)
    body = " ".join(body[paragraph_match.end() :].split())
    parts = split_item(body, matrix.source, paragraph, [] if cell("states") else matrix.problems, number)
    text = parts[0][0] if parts else body.strip(" ;.")
    codes = [code for _, found in parts for code in found]
    listed = cell("states")
    if listed:
        column_codes, unknown = [], []
        for name in filter(None, (line.strip(" ;,") for line in listed.splitlines())):
            codes_here, _ = split_state_names(name)
            column_codes += codes_here
            if not codes_here:
                unknown.append(name)
        for name in unknown:
            matrix.problems.append(
                InputProblem(matrix.source, number, "Recommending state", f"unknown {name!r}")
            )
        if codes and set(column_codes) != set(codes):
            message = f"the text names {sorted(codes)}, the column {sorted(column_codes)}"
            matrix.problems.append(
                InputProblem(matrix.source, number, "Recommending state", message, "warning")
            )
        codes = codes or column_codes
    if not codes:
        matrix.problems.append(InputProblem(matrix.source, number, "Recommendation", "no recommending state"))
    position_text = cell("position").split("\n")[0].strip().casefold()
    position = _POSITIONS.get(position_text)
    if position is None:
        matrix.problems.append(
            InputProblem(matrix.source, number, "Position", f"not Supported or Noted: {cell('position')!r}")
        )
    themes, persons, sdgs = _themes_and_groups(cell("themes"))
    sdgs += [int(m.group(1)) for line in cell("sdgs").splitlines() if (m := _SDG.match(line))]
    return MatrixRecommendation(
        row=number,
        paragraph=paragraph,
        text=text,
        recommenders=tuple(dict.fromkeys(codes)),
        position=position,
        position_source=position_source,
        themes=tuple(themes),
        affected_persons=tuple(persons),
        sdgs=tuple(sorted(set(sdgs))),
        heading=heading,
        comments="\n".join([*comments, cell("comments")]).strip() or None,
    )
