"""What the search API answers, as pydantic models: the OpenAPI schema's description of every field.

The routes do not pass their answers through these models: they hand FastAPI a ready
``JSONResponse`` (orjson over the same dictionaries as before), which FastAPI sends as it is, so
the models cost a search nothing (``bench/api_models_bench.py`` measures what validating through
them would cost). ``tests/web/test_openapi.py`` keeps them truthful: it validates real answers
against them, and every model forbids fields it does not declare.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rightstrack.classify.smart import Level
from rightstrack.domain import Mechanism, RecordKind, Response
from rightstrack.search.query import Dimension, Sort

ACTION_CATEGORY = (
    "UPR Info's action category, 1–5: 1 asks for minimal action (e.g. share information), "
    "2 to continue what is done, 3 to consider change, 4 for general action, 5 for specific "
    "action. None where the source gives none."
)
RESPONSE = (
    'The state under review\'s position: "Accepted" (UPR Info\'s word for "Supported"), "Noted", '
    'or "Partly accepted"; None where the record has no answer yet (or is not a UPR recommendation).'
)
CYCLE = "The UPR cycle (1–4, about four and a half years each); None outside the UPR."
SHARE = "A fraction between 0 and 1."


class Out(BaseModel):
    """An answer's part: every field declared, none other allowed."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Out):
    """A refusal: a bad parameter (400), no such resource (404), a conflict (409) …"""

    error: str = Field(description="What went wrong, in words.")


# For a route's ``responses=``: the refusals it may answer besides its 200.
BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter is invalid"}
}
ERRORS: dict[int | str, dict[str, Any]] = {
    **BAD_REQUEST,
    404: {"model": ErrorOut, "description": "No such resource"},
}
# What a tracked or signed-in route may refuse with besides (tracking_status in tracking_api.py).
REFUSALS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    403: {"model": ErrorOut, "description": "Not signed in, or not allowed to"},
    409: {"model": ErrorOut, "description": "Changed by someone else since the version sent"},
    429: {"model": ErrorOut, "description": "Too many failed sign-ins"},
}


class RecommenderOut(Out):
    code: str | None = Field(description="ISO 3166-1 alpha-3 code; None where the source says unknown.")
    name: str
    source: str = Field(description="The file or document this recommending state was read from.")
    line: int = Field(description="The line (or paragraph position) in that source.")


class HitOut(Out):
    """One recommendation, pledge, concern or observation as a search lists it."""

    id: int
    kind: RecordKind
    mechanism: Mechanism
    body: str = Field(description='The committee, mandate or mission organisation; "UPR" for the UPR.')
    sur: str = Field(description="ISO alpha-3 code of the state under review (the state concerned).")
    sur_name: str
    session: int | None = Field(description="The UPR session; None for other mechanisms' records.")
    cycle: int | None = Field(description=CYCLE)
    year: int
    published: date | None = Field(description="The document's publication date, where a source gives it.")
    text: str
    response: Response | None = Field(description=RESPONSE)
    response_comment: str | None = Field(description="The state's comment on its response, if any.")
    action_category: int | None = Field(ge=1, le=5, description=ACTION_CATEGORY)
    document_symbol: str | None = Field(description="UN document symbol, e.g. A/HRC/59/15.")
    paragraph: str | None = Field(description='The paragraph in that document, e.g. "140.7".')
    issues: list[str] = Field(description="UPR Info's issues, as a person coded them.")
    recommenders: list[RecommenderOut]
    highlights: list[tuple[int, int]] = Field(
        description="Character spans [start, end) of ``text`` that match the full-text query."
    )
    matched_through_mapping: list[str] = Field(
        description="Filters (issue, theme) this record met only through the UHRI theme ↔ issue mapping."
    )


class FacetValueOut(Out):
    value: str = Field(description="The value to filter on (``?dimension=value``, ``?dimension!=value``).")
    label: str
    count: int = Field(
        description="Records holding this value under every other part of the search: for a value "
        "not chosen, what the search would find with it alone chosen in its dimension; for a chosen "
        "one, the results holding it; for an excluded one, the records its exclusion leaves out."
    )
    selected: bool = Field(description="Whether the search filters on this value.")
    excluded: bool = Field(description="Whether the search leaves this value out (``dimension!=value``).")
    adds: int | None = Field(
        description="Where other values of its dimension are chosen (they combine with OR): the "
        "records choosing this one too would add. None for chosen and excluded values, and in "
        "dimensions where nothing is chosen."
    )


class FacetValuesOut(Out):
    dimension: Dimension
    total: int = Field(description="Values the search leaves a record for.")
    matching: int = Field(description="Of those, the values that hold what was typed (``find``).")
    values: list[FacetValueOut] = Field(description="The matching values, at most ``limit``.")


class MappedFilterOut(Out):
    through: Dimension = Field(description="The other vocabulary the filter was widened through.")
    values: list[str] = Field(description="That vocabulary's values the filter also selected.")
    records: int = Field(description="Records found through those values alone.")


class SearchOut(Out):
    total: int = Field(description="Records the search selects (all pages).")
    page: int
    per_page: int
    pages: int
    took_ms: float = Field(description="Server time of the search itself, in milliseconds.")
    hits: list[HitOut]
    facets: dict[Dimension, list[FacetValueOut]] = Field(
        description="Per dimension, its values with counts (at most 300 listed; counts exact)."
    )
    matched_through_mapping: dict[Dimension, MappedFilterOut] = Field(
        description="Filters widened through the theme mapping (UHRI themes ↔ UPR Info issues)."
    )


class ProvenanceOut(Out):
    source: str = Field(description="The document symbol or file name.")
    kind: str = Field(description='The kind of source: "upr-info-csv", "wg-report", "ohchr-matrix" …')
    locator: str = Field(description='Where in the source: "140.7", "line 812".')
    position: str | None = Field(description='The source\'s own word: "supported", "to be examined" …')
    response: Response | None = Field(description=RESPONSE)
    position_source: str | None = Field(
        description='Where the position was stated, e.g. "A/HRC/59/15/Add.1".'
    )
    comment: str | None


class PredictionOut(Out):
    """A model's coding of a record no person coded: never shown as UPR Info's."""

    model: str
    issues: list[tuple[str, float]] = Field(description="[issue, calibrated score] pairs.")
    action: int | None = Field(ge=1, le=5, description=ACTION_CATEGORY)
    action_score: float | None = Field(description="Calibrated probability of that action category.")


class RecordOut(HitOut):
    """One record with every source's word on it."""

    provenances: list[ProvenanceOut]
    tags: dict[str, list[str]] = Field(
        description='Vocabulary ("uhri-theme", "affected-persons", "sdg", "region", "also-concerns") → tags.'
    )
    conflicting_responses: bool = Field(description="Whether the sources give different responses.")
    prediction: PredictionOut | None


class NeighbourOut(HitOut):
    similarity: float = Field(description="Cosine similarity of the texts (0–1).")


class NeighboursOut(Out):
    accepted_share: float | None = Field(
        description="Of the neighbours with a response, the share accepted; None where none has one."
    )
    neighbours: list[NeighbourOut]


class CriterionOut(Out):
    name: str = Field(
        description="A SMART criterion: Specific, Measurable, Achievable, Relevant, Time-bound."
    )
    level: Level
    reason: str
    suggestion: str | None


class ScoredIssueOut(Out):
    issue: str
    score: float = Field(
        description="Calibrated score: about this share of drafts scored so carry the issue."
    )


class PredictedActionOut(Out):
    category: int = Field(ge=1, le=5, description=ACTION_CATEGORY)
    score: float = Field(description="Calibrated probability of that category.")


class DraftOut(Out):
    text: str
    smart_score: float = Field(
        description="0–5: one per SMART criterion met, a half per criterion partly met."
    )
    criteria: list[CriterionOut]
    predicted_issues: list[ScoredIssueOut]
    predicted_action: PredictedActionOut
    similar: list[NeighbourOut]
    similar_accepted_share: float | None = Field(description="Of the similar ones with a response, " + SHARE)
    seconds: float = Field(description="Server time of the assessment.")


class PeriodOut(Out):
    mechanism: str
    records: int
    bodies: int = Field(description="Distinct bodies (committees, mandates) of the mechanism.")
    first_year: int
    last_year: int
    first_session: int | None = Field(description="The UPR's first session held; None for other mechanisms.")
    last_session: int | None
    cycles: list[int] = Field(description="UPR cycles covered; empty for other mechanisms.")


class SourceKindOut(Out):
    kind: str = Field(description='"upr-info-csv", "report", "matrix" …')
    files: int
    records: int = Field(description="Records at least one file of this kind gave.")
    examples: list[str] = Field(description="A few file names, the first ones loaded.")


class CoverageOut(Out):
    summary: str
    last_year: int | None
    mechanisms: list[PeriodOut]
    sources: list[SourceKindOut]


class ExportQueryOut(Out):
    text: str
    filters: dict[Dimension, list[str]]
    excluded: dict[Dimension, list[str]] = Field(description="Values left out (``dimension!=value``).")
    from_: date | None = Field(alias="from", description="First day of the range, if any.")
    to: date | None = Field(description="Last day of the range (included), if any.")
    sort: Sort


class ExportMetaOut(Out):
    generated: str = Field(description="When the export was made (ISO 8601, UTC).")
    app_version: str = Field(description="The RightsTrack version that wrote the export.")
    data_version: int = Field(description="The store's data version: it changes whenever data is loaded.")
    query: ExportQueryOut
    coverage: CoverageOut


class ExportOut(Out):
    meta: ExportMetaOut
    records: list[HitOut]
