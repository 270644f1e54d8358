"""How to cite a record: the UN document and paragraph it comes from, and the date of its review.

A record read from a UN document carries its symbol and paragraph ("A/HRC/14/15, para. 111.18").
A row of UPR Info's database carries neither: the citation then names the review's own Working
Group report where a report in the data gives its symbol (reference/reviews.csv), and says the
paragraph is not known, rather than leaving either out without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rightstrack.reference.reviews import review_facts
from rightstrack.reference.sessions import all_sessions
from rightstrack.reference.undocs import document_url
from rightstrack.search.records import Hit


class SymbolFrom:
    RECORD = "record"  # the record's own document (its source read it there)
    REVIEW = "review"  # the review's Working Group report: the record does not say which paragraph


@dataclass(frozen=True)
class Citation:
    symbol: str | None
    symbol_from: str | None  # SymbolFrom, None where no symbol is known
    paragraph: str | None
    day: date | None  # the review's meeting, or the document's publication
    month_only: bool  # day stands for the month the UPR session opened
    recommenders: tuple[tuple[str, str | None], ...]  # (name, code), each state once, in order

    @property
    def url(self) -> str | None:
        return document_url(self.symbol) if self.symbol else None

    @property
    def cited_form(self) -> str | None:
        """ "A/HRC/14/15, para. 111.18" (the form in the UN's own cross-references)."""
        if self.symbol is None:
            return None
        if self.paragraph and self.symbol_from == SymbolFrom.RECORD:
            return f"{self.symbol}, para. {self.paragraph}"
        return self.symbol


def citation(hit: Hit) -> Citation:
    names = tuple(dict.fromkeys((r.name, r.code) for r in hit.recommenders))
    day: date | None = hit.published
    month_only = False
    facts = review_facts(hit.session, hit.sur) if hit.session is not None else None
    if hit.session is not None:
        if facts is not None and facts.day is not None:
            day = facts.day
        elif hit.session in all_sessions():
            opened = all_sessions()[hit.session]
            day, month_only = date(opened.year, opened.month, 1), True
    if hit.document_symbol:
        return Citation(hit.document_symbol, SymbolFrom.RECORD, hit.paragraph, day, month_only, names)
    if facts is not None and facts.report_symbol:
        return Citation(facts.report_symbol, SymbolFrom.REVIEW, None, day, month_only, names)
    return Citation(None, None, None, day, month_only, names)
