"""What each write of a plan takes, declared once: the JSON API's bodies, the plan forms and the
spreadsheet import all build these, and the services in ``plans``, ``measures`` and
``assessments`` take them. A field's rules (its column's length, a date's order, an amount that is
not negative, an enum's values) live here; what needs the store (an id in the plan, the user's
role) stays with the service.

A ``…Change`` holds only what the sender gave (``Input.changes``): a field left out keeps its value.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, Field, ValidationInfo, field_validator
from sqlalchemy import Table

from rightstrack.domain import Implementation, PlanRole, ProgressStatus
from rightstrack.limits import Id, Input, refuse
from rightstrack.store.tracking_schema import (
    AgencyRow,
    AssessmentRow,
    IndicatorRow,
    MeasureRow,
    PlanMemberRow,
    PlanRow,
    ProgressUpdateRow,
)


def _amount(value: float) -> float:
    if value < 0 or not math.isfinite(value):
        raise refuse("must be a positive amount")
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise refuse("must be a number")
    return value


Amount = Annotated[float, AfterValidator(_amount)]


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _after_start(value: date | None, info: ValidationInfo) -> date | None:
    start = info.data.get("start_date")
    if value is not None and start is not None and value < start:
        raise refuse("comes before the start date")
    return value


class NewPlan(Input):
    table: ClassVar[Table] = PlanRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a plan"
    null_is_unset: ClassVar[bool] = True

    state: str  # a name or code ``reference.states`` knows
    cycles: tuple[int, ...] = Field(max_length=9)
    title: str = ""  # empty: named after the state and the cycles
    description: str = ""
    include_noted: bool = False
    propose_clusters: bool = True  # group the recommendations into thematic clusters

    strip_title = field_validator("title", mode="before")(_stripped)

    @field_validator("cycles")
    @classmethod
    def _cycles(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(c < 1 or c > 9 for c in value):
            raise refuse("one or more UPR cycles, 1 to 9")
        return value


class PlanChange(Input):
    """An owner's change to a plan; a field left out (or null) stays as it is."""

    table: ClassVar[Table] = PlanRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a plan"
    null_is_unset: ClassVar[bool] = True

    title: str | None = None
    description: str | None = None
    published: bool | None = None

    strip_title = field_validator("title", mode="before")(_stripped)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str | None) -> str | None:
        if value is not None and not value:
            raise refuse("must not be empty")
        return value


class NewAgency(Input):
    table: ClassVar[Table] = AgencyRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "an agency"
    null_is_unset: ClassVar[bool] = True

    name: str
    kind: str = ""  # "ministry", "office" …

    strip_name = field_validator("name", mode="before")(_stripped)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value:
            raise refuse("an agency needs a name")
        return value


class NewMember(Input):
    """A user given a role in a plan: a contributor works for one of its agencies, an assessor
    speaks for an organisation (the service checks both against the plan)."""

    table: ClassVar[Table] = PlanMemberRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a member"
    null_is_unset: ClassVar[bool] = True

    username: str
    role: PlanRole
    agency_id: Id | None = None
    organisation: str | None = None


class NewMeasure(Input):
    table: ClassVar[Table] = MeasureRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a measure"
    null_is_unset: ClassVar[bool] = True

    title: str
    description: str = ""
    lead_agency_id: Id | None = None
    supporting_agency_ids: tuple[Id, ...] = ()
    start_date: date | None = None
    target_date: date | None = None
    budget: Amount | None = None
    currency: str = ""  # ISO 4217, upper-cased and cut to three letters
    expected_outcome: str = ""
    recommendation_ids: tuple[Id, ...] = ()

    strip_title = field_validator("title", mode="before")(_stripped)
    target_after_start = field_validator("target_date")(_after_start)

    @field_validator("title")
    @classmethod
    def _titled(cls, value: str) -> str:
        if not value:
            raise refuse("a measure needs a title")
        return value

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> Any:
        return value.upper()[:3] if isinstance(value, str) else value


class MeasureDetails(Input):
    """What an agency contributor may change on a measure its agency leads or supports."""

    table: ClassVar[Table] = MeasureRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a measure"

    description: str | None = None
    expected_outcome: str | None = None
    start_date: date | None = None
    target_date: date | None = None

    target_after_start = field_validator("target_date")(_after_start)


class MeasureChange(MeasureDetails):
    """A change to a measure: the details, and what only the owner changes (its title, who
    leads it, its budget). The fields beyond ``MeasureDetails`` are the owner's."""

    title: str | None = None
    lead_agency_id: Id | None = None
    budget: Amount | None = None
    currency: str | None = None

    @field_validator("title")
    @classmethod
    def _titled(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise refuse("a measure needs a title")
        return value

    def owners_fields(self) -> set[str]:
        """The fields given that a contributor may not change."""
        return self.model_fields_set - set(MeasureDetails.model_fields)


class NewIndicator(Input):
    table: ClassVar[Table] = IndicatorRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "an indicator"
    null_is_unset: ClassVar[bool] = True

    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    due_date: date | None = None
    measure_ids: tuple[Id, ...] = ()
    recommendation_ids: tuple[Id, ...] = ()

    strip_name = field_validator("name", mode="before")(_stripped)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value:
            raise refuse("an indicator needs a name")
        return value


class IndicatorChange(Input):
    table: ClassVar[Table] = IndicatorRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "an indicator"

    name: str | None = None
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    due_date: date | None = None


class ProgressReport(Input):
    """Progress on a measure or an indicator. The evidence files a form uploads are passed to
    ``report_progress`` beside it, not in it: the API takes no files."""

    table: ClassVar[Table] = ProgressUpdateRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "a progress report"
    null_is_unset: ClassVar[bool] = True

    status: ProgressStatus
    narrative: str = ""
    value: Annotated[float, AfterValidator(_finite)] | None = None
    evidence_links: tuple[str, ...] = ()  # web addresses; blank lines are dropped
    reported_on: date | None = None  # None: today

    @field_validator("evidence_links")
    @classmethod
    def _links(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        links = tuple(link.strip() for link in value if link.strip())
        for link in links:
            if not link.startswith(("https://", "http://")):
                raise refuse(f"not a web address: {link[:80]!r}")
        return links


class NewAssessment(Input):
    table: ClassVar[Table] = AssessmentRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "an assessment"
    null_is_unset: ClassVar[bool] = True

    recommendation_id: Id
    status: Implementation
    sources: str = ""
    comment: str = ""
    assessed_on: date | None = None  # None: today


class AssessmentChange(Input):
    table: ClassVar[Table] = AssessmentRow.__table__  # type: ignore[assignment]
    noun: ClassVar[str] = "an assessment"

    status: Implementation | None = None
    sources: str | None = None
    comment: str | None = None
    assessed_on: date | None = None
