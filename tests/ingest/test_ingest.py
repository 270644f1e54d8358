from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine, func, select

from rightstrack import config
from rightstrack.analysis.profiles import state_profile
from rightstrack.ingest.pipeline import Kind, Outcome, ingest_paths
from rightstrack.search.engine import SearchEngine
from rightstrack.search.provenance import conflicting_records, record_sources
from rightstrack.search.query import Dimension, InvalidFilterError, SearchQuery
from rightstrack.store.database import data_version, open_store
from rightstrack.store.schema import ProvenanceRow, RecommendationRow, RecommendationTagRow, SourceRow

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
EXPORT_ROWS = [
    'Tonga,Asia,PIF,"Ratify CEDAW",Australia,WEOG,PIF,Accepted,5,"Women\'s rights",15',
    'Tonga,Asia,PIF,"Ratify CEDAW",Maldives,Asia,OIC,Accepted,5,"Women\'s rights",15',
    'Tonga,Asia,PIF,"Establish a national human rights institution",New Zealand,WEOG,PIF,Noted,4,NHRI,15',
]
REPORT = """United Nations A/HRC/23/4
Human Rights Council Twenty-third session
Report of the Working Group on the Universal Periodic Review* Tonga
1. The Working Group on the Universal Periodic Review held its fifteenth session from 21 January
to 1 February 2013. The review of Tonga was held at the 1st meeting on 21 January 2013.
II. Conclusions and/or recommendations
80. The following recommendations will be examined by Tonga, which will provide responses in due time:
80.1 Ratify CEDAW (Australia) (Maldives);
80.2 Establish a national human rights institution (New Zealand);
80.3 Formally abolish the death penalty (France, Italy).
81. All conclusions and/or recommendations contained in the present report reflect the position of
the submitting State(s) and/or the State under review.
"""
ADDENDUM = """United Nations A/HRC/23/4/Add.1
Report of the Working Group on the Universal Periodic Review* Tonga
Addendum
Views on conclusions and/or recommendations, voluntary commitments and replies
1. Tonga accepts recommendations 80.1 and 80.2.
2. Tonga notes recommendation 80.3.
80.3
The death penalty has not been applied since 1982.
"""


def _matrix(path: Path) -> Path:
    document = Document()
    document.add_paragraph("UPR of Tonga (2nd Cycle – 15th session) Thematic list of recommendations")
    rows = [
        ["Recommendation", "Recommending state/s", "Position", "Full list of themes"],
        [
            "80.2 Establish a national human rights institution (New Zealand)\n"
            "Source of position: A/HRC/23/4/Add.1",
            "New Zealand",
            "Supported",
            "A45 National Human Rights Institution (NHRI)\nAffected persons:\n- general\nSDGs:\n16 - Peace",
        ],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


@pytest.fixture
def review(tmp_path: Path) -> Path:
    folder = tmp_path / "tonga"
    folder.mkdir()
    (folder / "export.csv").write_bytes(("\r".join((HEADER, *EXPORT_ROWS)) + "\r").encode("mac_roman"))
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "report-add1.txt").write_text(ADDENDUM, encoding="utf-8")
    (folder / "national.txt").write_text("National report submitted in accordance with …", encoding="utf-8")
    (folder / "questions.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    _matrix(folder / "matrix.docx")
    return folder


def _by_name(outcomes: list[Outcome]) -> dict[str, Outcome]:
    return {o.path.name: o for o in outcomes}


def _record(store: Engine, text: str) -> int:
    with store.connect() as connection:
        return int(connection.scalar(select(RecommendationRow.id).where(RecommendationRow.text == text)))


def test_sources_merge_into_one_record_with_every_provenance(store: Engine, review: Path) -> None:
    outcomes = _by_name(ingest_paths(store, [review]))
    assert outcomes["national.txt"].skipped and outcomes["questions.doc"].skipped
    assert [outcomes[n].kind for n in ("export.csv", "report.txt", "report-add1.txt", "matrix.docx")] == [
        Kind.UPR_INFO, Kind.REPORT, Kind.ADDENDUM, Kind.MATRIX,
    ]  # fmt: skip
    report, addendum, matrix = outcomes["report.txt"], outcomes["report-add1.txt"], outcomes["matrix.docx"]
    assert (report.added, report.merged) == (1, 2)  # the death penalty is new; the others were exported
    assert (addendum.merged, addendum.responses_filled) == (3, 1)
    # The addendum accepts 80.2, which UPR Info coded as noted: reported, not written over.
    assert [(c.paragraph, c.stored, c.incoming) for c in addendum.conflicts] == [
        ("80.2", "Noted", "Accepted")
    ]
    assert (matrix.added, matrix.merged, len(matrix.conflicts)) == (0, 1, 1)

    with store.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(RecommendationRow)) == 3
        cedaw = record_sources(connection, _record(store, "Ratify CEDAW"))
        assert [(p.kind, p.locator) for p in cedaw.provenances] == [
            ("upr-info-csv", "line 2"), ("wg-report", "80.1"), ("wg-addendum", "80.1"),
        ]  # fmt: skip
        assert not cedaw.conflicting
        nhri_id = _record(store, "Establish a national human rights institution")
        nhri = record_sources(connection, nhri_id)
        assert nhri.conflicting
        assert nhri.tags == {
            "affected-persons": ("General",),
            "sdg": ("SDG 16",),
            "uhri-theme": ("National Human Rights Institution (NHRI)",),
        }
        assert [rid for rid, _, _ in conflicting_records(connection)] == [nhri_id]
        death = connection.execute(
            select(RecommendationRow).where(RecommendationRow.text == "Formally abolish the death penalty")
        ).one()
        assert (death.response, death.response_comment) == (
            "Noted",
            "The death penalty has not been applied since 1982.",
        )
        assert (death.document_symbol, death.paragraph, death.session, death.cycle) == (
            "A/HRC/23/4",
            "80.3",
            15,
            2,
        )
        stored_response = connection.scalar(
            select(RecommendationRow.response).where(RecommendationRow.id == nhri_id)
        )
        assert stored_response == "Noted"


def test_ingesting_again_changes_nothing(store: Engine, review: Path) -> None:
    ingest_paths(store, [review])
    with store.connect() as connection:
        version = data_version(connection)
        provenances = connection.scalar(select(func.count()).select_from(ProvenanceRow))
        tags = connection.scalar(select(func.count()).select_from(RecommendationTagRow))
    again = ingest_paths(store, [review])
    assert sum(o.added + o.merged + o.responses_filled for o in again) == 0
    with store.connect() as connection:
        assert data_version(connection) == version
        assert connection.scalar(select(func.count()).select_from(ProvenanceRow)) == provenances
        assert connection.scalar(select(func.count()).select_from(RecommendationTagRow)) == tags


def test_bad_documents_are_rejected_by_name_and_store_nothing(store: Engine, tmp_path: Path) -> None:
    nameless = tmp_path / "nameless.txt"
    nameless.write_text(REPORT.replace("The review of Tonga", "The review of Narnia"), encoding="utf-8")
    orphan = tmp_path / "orphan-add1.txt"
    orphan.write_text(ADDENDUM.replace("23/4", "23/7"), encoding="utf-8")
    outcomes = _by_name(ingest_paths(store, [nameless, orphan]))
    assert [str(p) for p in outcomes["nameless.txt"].errors] == [
        "nameless.txt:0: state under review: unknown state 'Narnia'",
        "nameless.txt:0: state under review: not found in the report",
    ]
    (problem,) = outcomes["orphan-add1.txt"].errors
    assert problem.field == "report" and "A/HRC/23/7 is not in the store" in problem.message
    with store.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(RecommendationRow)) == 0


def test_addendum_alone_finds_its_report_already_stored(store: Engine, review: Path) -> None:
    ingest_paths(store, [review / "report.txt"])
    (outcome,) = ingest_paths(store, [review / "report-add1.txt"])
    assert (outcome.merged, outcome.responses_filled, outcome.conflicts) == (3, 3, [])


def test_missing_path_is_an_error(store: Engine, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere"):
        ingest_paths(store, [tmp_path / "nowhere"])


# --- the real documents: Slovenia's four reviews -------------------------------------------------

SLOVENIA = config.data_dir() / "ohchr-documents" / "slovenia"


@pytest.fixture(scope="module")
def slovenia(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('slovenia') / 'store.sqlite3'}")
    outcomes = ingest_paths(engine, [SLOVENIA])
    assert not [p for o in outcomes for p in o.errors]
    return SearchEngine(engine)


def test_slovenia_has_four_cycles_with_their_positions(slovenia: SearchEngine) -> None:
    profile = state_profile(slovenia, "SVN")
    by_cycle = {row.value: row for row in profile.as_sur.by_cycle.rows}
    assert sorted(by_cycle) == ["1", "2", "3", "4"]
    assert (by_cycle["4"].count, by_cycle["4"].accepted, by_cycle["4"].noted) == (254, 217, 37)
    with slovenia.engine.connect() as connection:
        cycle4 = connection.execute(
            select(RecommendationRow.response, func.count())
            .where(RecommendationRow.sur_code == "SVN", RecommendationRow.session == 48)
            .group_by(RecommendationRow.response)
        ).all()
    # A/HRC/59/15/Add.1: "254 recommendations … of which 217 are supported and 37 noted".
    assert dict(cycle4) == {"Accepted": 217, "Noted": 37}


def test_slovenia_matrices_merge_with_the_reports(slovenia: SearchEngine) -> None:
    with slovenia.engine.connect() as connection:
        # Every matrix row found its report paragraph: no record holds a matrix's word alone.
        kinds: dict[int, set[str]] = {}
        for record_id, kind in connection.execute(
            select(ProvenanceRow.recommendation_id, SourceRow.kind).join(
                SourceRow, SourceRow.id == ProvenanceRow.source_id
            )
        ):
            kinds.setdefault(record_id, set()).add(kind)
        from_matrices = [found for found in kinds.values() if "ohchr-matrix" in found]
        assert len(from_matrices) >= 163 + 215 + 254 - 10
        assert all("wg-report" in found for found in from_matrices)
        themed = connection.scalar(
            select(func.count(func.distinct(RecommendationTagRow.recommendation_id)))
            .join(RecommendationRow, RecommendationRow.id == RecommendationTagRow.recommendation_id)
            .where(RecommendationRow.session == 48, RecommendationTagRow.vocabulary == "uhri-theme")
        )
        assert themed == 254


def test_document_codings_are_search_facets(slovenia: SearchEngine) -> None:
    women = slovenia.search(SearchQuery.build("", {"sdg": ["5"], "cycle": ["4"]}))
    assert 0 < women.total < 254
    themes = slovenia.search(SearchQuery.build("", {"theme": ["A31 Equality & non-discrimination"]}))
    assert themes.total > 0  # the 2014 code and the later bare label are one theme
    cycles = {v.value for v in themes.facets[Dimension.CYCLE]}
    assert {"2", "3", "4"} <= cycles
    with pytest.raises(InvalidFilterError, match="17 goals"):
        SearchQuery.build("", {"sdg": ["18"]})
