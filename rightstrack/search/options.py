"""What a search's caller chooses among — the dimensions it filters and counts on, the order of
results, the export formats — as plain enums, apart from the query's parsing (reference tables,
the full-text grammar) and the engine (numpy): the command line builds its options from them
when it starts, and ``rightstrack --help`` must not wait for the rest."""

from __future__ import annotations

from enum import StrEnum


class Dimension(StrEnum):
    """A facet and filter dimension. The value is the name interfaces use (``--sur``, ``?sur=``)."""

    TYPE = "type"
    MECHANISM = "mechanism"  # UPR, treaty body, special procedure, election observation
    BODY = "body"  # the committee, mandate or mission organisation; "UPR" for the UPR
    SUR = "sur"
    SUR_GROUP = "sur_group"
    SUR_ORG = "sur_org"
    RECOMMENDER = "recommender"
    RECOMMENDER_GROUP = "recommender_group"
    RECOMMENDER_ORG = "recommender_org"
    CYCLE = "cycle"
    SESSION = "session"
    YEAR = "year"
    RESPONSE = "response"
    ACTION = "action"
    ISSUE = "issue"
    PREDICTED_ISSUE = "predicted_issue"  # a model's, for records no person has coded
    THEME = "theme"  # UHRI themes, from OHCHR's matrices
    AFFECTED = "affected_persons"
    SDG = "sdg"
    # Whether the state sat on the Human Rights Council when the review took place.
    RECOMMENDER_COUNCIL = "recommender_council"
    SUR_COUNCIL = "sur_council"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Dimension.TYPE: "Type",
    Dimension.MECHANISM: "Mechanism",
    Dimension.BODY: "Body",
    Dimension.SUR: "State under review",
    Dimension.SUR_GROUP: "SuR regional group",
    Dimension.SUR_ORG: "SuR organisation",
    Dimension.RECOMMENDER: "Recommending state",
    Dimension.RECOMMENDER_GROUP: "Recommending regional group",
    Dimension.RECOMMENDER_ORG: "Recommending organisation",
    Dimension.CYCLE: "Cycle",
    Dimension.SESSION: "Session",
    Dimension.YEAR: "Year",
    Dimension.RESPONSE: "Response",
    Dimension.ACTION: "Action category",
    Dimension.ISSUE: "Issue",
    Dimension.PREDICTED_ISSUE: "Predicted issue",
    Dimension.THEME: "UHRI theme",
    Dimension.AFFECTED: "Affected persons",
    Dimension.SDG: "SDG",
    Dimension.RECOMMENDER_COUNCIL: "Recommending state on the Council",
    Dimension.SUR_COUNCIL: "SuR on the Council",
}


class Sort(StrEnum):
    RELEVANCE = "relevance"
    SESSION = "session"  # oldest first
    RECENT = "recent"  # newest first
    STATE = "state"  # by state under review, then session


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
