"""Which UPR document a text is, from its first page: a Working Group report, its addendum, or
one of the review's other documents (national report, compilation, summary, decision)."""

from __future__ import annotations

import re
from enum import StrEnum

from rightstrack.sources.wgreport import clean_text


class UprDocument(StrEnum):
    REPORT = "report"
    ADDENDUM = "addendum"


# Titles are matched with every space taken out of both sides: PDF extraction runs words
# together ("Reportof theWorkingGroupon theUniversalPeriodicReview") or splits them, and the
# kind of a document must not depend on its spacing.
_WG_REPORT_TITLE = re.compile(
    r"ReportoftheWorkingGroupontheUniversalPeriodicReview|"
    r"RapportduGroupedetravailsurl.Examenp[ée]riodiqueuniversel|"
    r"InformedelGrupodeTrabajosobreelExamenPeri[óo]dicoUniversal",
    re.I,
)
# Titles of the review's other documents, which cite the Working Group's report.
_OTHER_DOCUMENT = re.compile(
    r"Nationalreport|Compilation|Summaryof(?:the)?stakeholders|Summaryprepared|Rapportnational|"
    r"Informenacional|Decisionadopted|ReportoftheHumanRightsCouncil",
    re.I,
)
_ADDENDUM_MARK = re.compile(r"A/HRC/\d{1,2}/\d{1,3}/Add\.\d|Addendum|Additif|Adición")


def spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


def upr_document(first_pages: str) -> UprDocument | None:
    head = spaceless(clean_text(first_pages[:3000]))
    title = _WG_REPORT_TITLE.search(head)
    if not title or _OTHER_DOCUMENT.search(head[: title.start()]):
        return None
    return UprDocument.ADDENDUM if _ADDENDUM_MARK.search(head) else UprDocument.REPORT
