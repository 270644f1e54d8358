"""How well the addendum parser reads states' answers, measured two ways.

1. Against the addendum itself: many addenda state their totals ("of which 217 are supported and
   37 noted", "accepts 142 recommendations … notes 21"); the parsed answers should add up to them.
2. Against UPR Info's hand coding, where UPR Info covers the review (sessions 1–19): each report
   recommendation paired with UPR Info's by text, the addendum's answer against UPR Info's response.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rightstrack.domain import Recommendation
from rightstrack.sources.addendum import Addendum, attach, parse_addendum
from rightstrack.sources.doctype import UprDocument, upr_document
from rightstrack.sources.encoding import decode_bytes
from rightstrack.sources.pdftext import UnreadablePdfError, pdf_text
from rightstrack.sources.textpairs import best_pairs, comparable
from rightstrack.sources.wgreport import NotAReportError, Position, WorkingGroupReport, parse_report

_STATED = [
    re.compile(
        r"of which (\d{1,3}) (?:are|were) (?:now )?(?:supported|accepted) and (\d{1,3}) (?:are )?noted", re.I
    ),
    re.compile(r"accepts (\d{1,3}) recommendations\b.{0,200}?\bnotes (\d{1,3}) recommendations", re.I | re.S),
]


@dataclass(frozen=True)
class AddendumScore:
    addendum: str
    symbol: str | None
    answers: int
    supported: int
    noted: int
    without_position: int
    stated: tuple[int, int] | None  # (supported, noted) as the addendum itself says
    upr_info_compared: int
    upr_info_agree: int

    @property
    def matches_stated(self) -> bool | None:
        return None if self.stated is None else self.stated == (self.supported, self.noted)


def stated_totals(text: str) -> tuple[int, int] | None:
    flat = re.sub(r"\s+", " ", text[:12000])
    for pattern in _STATED:
        found = pattern.search(flat)
        if found:
            return int(found.group(1)), int(found.group(2))
    return None


def _text(path: Path) -> str:
    return (
        pdf_text(path) if path.suffix.lower() == ".pdf" else decode_bytes(path.read_bytes(), path.name).text
    )


def _documents(folder: Path) -> tuple[list[tuple[Addendum, str]], dict[str, WorkingGroupReport]]:
    addenda: list[tuple[Addendum, str]] = []
    reports: dict[str, WorkingGroupReport] = {}
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".pdf", ".txt")):
        try:
            head = pdf_text(path, max_pages=2) if path.suffix.lower() == ".pdf" else _text(path)[:4000]
        except UnreadablePdfError:
            continue
        document = upr_document(head)
        if document is None:
            continue
        text = _text(path)
        if document is UprDocument.ADDENDUM:
            addenda.append((parse_addendum(text, path.name), text))
            continue
        try:
            report = parse_report(text, path.name)
        except NotAReportError:
            continue
        if report.symbol:
            reports[report.symbol] = report
    return addenda, reports


def evaluate_addenda(
    folder: Path, upr_info: dict[tuple[str, int], list[Recommendation]]
) -> list[AddendumScore]:
    addenda, reports = _documents(folder)
    scores = []
    for addendum, text in addenda:
        counts = Counter(answer.position for answer in addendum.answers.values())
        compared = agree = 0
        report = reports.get(addendum.report_symbol or "")
        if report and report.sur and report.session and (report.sur, report.session) in upr_info:
            paired, _ = attach(report.recommendations, addendum)
            expected = upr_info[(report.sur, report.session)]
            pairs = best_pairs(
                [comparable(r.text) for r, _ in paired], [comparable(e.text) for e in expected]
            )
            for i, j, _ in pairs:
                answer = paired[i][1]
                if answer and answer.position:
                    compared += 1
                    agree += answer.position.response == expected[j].response
        scores.append(
            AddendumScore(
                addendum=addendum.source,
                symbol=addendum.symbol,
                answers=len(addendum.answers),
                supported=counts[Position.SUPPORTED],
                noted=counts[Position.NOTED],
                without_position=counts[None],
                stated=stated_totals(text),
                upr_info_compared=compared,
                upr_info_agree=agree,
            )
        )
    return scores
