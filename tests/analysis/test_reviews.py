from datetime import date

from sqlalchemy import Engine

from rightstrack.analysis.citation import SymbolFrom, citation
from rightstrack.analysis.reviews import ADDENDUM, WG_REPORT, state_reviews
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import SearchQuery


def test_slovenias_reviews_one_per_cycle_with_their_documents(slovenia_store: Engine) -> None:
    cycles = state_reviews(slovenia_store, "SVN")
    assert [c.cycle for c in cycles] == [1, 2, 3, 4]
    assert (cycles[0].sessions, cycles[0].years) == ((1, 12), (2008, 2011))
    reviews = [review for c in cycles for review in c.reviews]
    assert [(r.cycle, r.session) for r in reviews] == [(1, 7), (2, 20), (3, 34), (4, 48)]
    fourth = reviews[-1]
    assert fourth.day == date(2025, 1, 28) and fourth.day_known
    roles = {d.role: d.symbol for d in fourth.documents}
    assert roles[WG_REPORT] == "A/HRC/59/15" and roles[ADDENDUM] == "A/HRC/59/15/Add.1"
    assert "A/HRC/WG.6/48/SVN/3" in roles.values()
    assert fourth.recommendations == sum(fourth.responses.values()) > 200
    assert {"wg-report", "wg-addendum", "ohchr-matrix"} <= set(fourth.sources)


def test_a_state_with_no_record_still_has_every_cycle(slovenia_store: Engine) -> None:
    cycles = state_reviews(slovenia_store, "FRA")
    assert [c.cycle for c in cycles] == [1, 2, 3, 4] and not any(c.reviews for c in cycles)


def test_citation_of_a_document_record(slovenia_store: Engine) -> None:
    search = SearchEngine(slovenia_store)
    hit = search.search(SearchQuery.build(filters={"sur": ["SVN"], "session": ["34"]}, per_page=1)).hits[0]
    cited = citation(hit)
    assert cited.symbol == "A/HRC/43/15" and cited.symbol_from == SymbolFrom.RECORD
    assert cited.cited_form == f"A/HRC/43/15, para. {hit.paragraph}"
    assert cited.day == date(2019, 11, 12) and not cited.month_only


def test_citation_of_an_export_row(loaded: SearchEngine) -> None:
    """A row of UPR Info's export gives neither symbol nor paragraph: its review's report stands in."""
    row = loaded.search(SearchQuery.build(filters={"sur": ["AFG"], "session": ["5"]}, per_page=1)).hits[0]
    from_export = citation(row)
    assert from_export.symbol == "A/HRC/12/9" and from_export.symbol_from == SymbolFrom.REVIEW
    assert from_export.paragraph is None and from_export.cited_form == "A/HRC/12/9"
