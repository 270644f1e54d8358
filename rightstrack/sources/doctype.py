"""Which UPR document a text is, from its first page: a Working Group report, its addendum, or
one of the review's other documents (national report, compilation, summary, decision)."""

from __future__ import annotations

import re
from enum import StrEnum

from rightstrack.sources.wgreport import clean_text


class UprDocument(StrEnum):
    REPORT = "report"
    ADDENDUM = "addendum"


_WG_REPORT_TITLE = re.compile(
    r"Report of the Working Group on the Universal Periodic Review|"
    r"Rapport du Groupe de travail sur l.Examen p[ée]riodique universel|"
    r"Informe del Grupo de Trabajo sobre el Examen Peri[óo]dico Universal",
    re.I,
)
# Titles of the review's other documents, which cite the Working Group's report.
_OTHER_DOCUMENT = re.compile(
    r"National report|Compilation|Summary of (?:the )?stakeholders|Summary prepared|Rapport national|"
    r"Informe nacional|Decision adopted|Report of the Human Rights Council",
    re.I,
)
_ADDENDUM_MARK = re.compile(r"\bA/HRC/\d{1,2}/\d{1,3}/Add\.\d|\bAddendum\b|\bAdditif\b|\bAdición\b")


def upr_document(first_pages: str) -> UprDocument | None:
    head = clean_text(first_pages[:3000])
    title = _WG_REPORT_TITLE.search(head)
    if not title or _OTHER_DOCUMENT.search(head[: title.start()]):
        return None
    return UprDocument.ADDENDUM if _ADDENDUM_MARK.search(head) else UprDocument.REPORT
