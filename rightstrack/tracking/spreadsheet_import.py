"""Importing a plan's spreadsheet: the Measures and Indicators sheets (a row with an id updates
that item if nobody changed it since the export — its version says so; a row without an id creates
one) and the cluster column of the Recommendations sheet (a new cluster name creates the cluster).

All or nothing: every bad row is reported with its file, sheet, line and column, and the caller's
transaction is rolled back, so the plan is left exactly as it was.

Two passes keep the store's write lock short (SQLite has one for the whole database). The first
only reads: it finds the rows that do not parse or that the tracking layer would refuse (values,
unknown ids, stale versions, the owner's role) and counts the changes, refusing more than
``MAX_CHANGES``. Only a file that passes is applied, row by row, each change recorded as always
(the tracking layer checks everything again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from rightstrack.accounts import User
from rightstrack.domain import InputProblem
from rightstrack.errors import Forbidden, InvalidInput, StaleEdit, TrackingError
from rightstrack.limits import parse
from rightstrack.tracking.inputs import IndicatorChange, MeasureChange, NewAgency, NewIndicator, NewMeasure
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.measures import (
    create_indicator,
    create_measure,
    require_in_plan,
    set_measure_links,
    update_indicator,
    update_measure,
)
from rightstrack.tracking.plans import add_agency, add_cluster, move_recommendation
from rightstrack.tracking.spreadsheets import Row, SpreadsheetError
from rightstrack.tracking.views import plan_view

__all__ = ["MAX_CHANGES", "ImportSummary", "SpreadsheetError", "import_sheets"]

# A change is a few statements and a history record: 1,000 hold SQLite's write lock about a
# second (measured: 0.9-1.1 s; PostgreSQL, which locks only the rows written, about 3 s). A plan
# is built in several imports, the refusal naming the row to go on from.
MAX_CHANGES = 1_000


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0  # recommendations put into another cluster
    named: int = 0  # agencies and clusters created because a row names them
    linked: int = 0  # at most: links of created or changed measures and indicators

    @property
    def changes(self) -> int:
        """What applying writes (each a row and its history record), to keep imports short."""
        return self.created + self.updated + self.moved + self.named + self.linked


class _Importer:
    """Goes through the rows; ``dry`` only reads and counts what applying them would change."""

    def __init__(self, connection: Connection, user: User | None, view: PlanView, dry: bool) -> None:
        self.connection, self.user, self.view, self.dry = connection, user, view, dry
        self.summary = ImportSummary()
        self.problems: list[InputProblem] = []
        self.agency_ids = {name.casefold(): agency_id for agency_id, name in view.agencies.items()}
        self.clusters = {c.name.casefold(): c.id for c in view.clusters if c.id is not None}
        self.in_plan = set(view.recommendations)  # checked from the plan already read, not per row

    def agency(self, name: str) -> int | None:
        if not name:
            return None
        key = name.casefold()
        if key not in self.agency_ids:
            self.summary.named += 1
            self.agency_ids[key] = (
                -self.summary.named  # a stand-in id: no agency has it, so the row counts as changed
                if self.dry
                else add_agency(self.connection, self.user, self.view.id, parse(NewAgency, {"name": name}))
            )
        return self.agency_ids[key]

    def run(self, row: Row, apply: Any) -> None:
        before = self.summary.changes
        try:
            apply(row)
        except StaleEdit as exc:
            self.problems.append(row.problem("version", str(exc)))
        except InvalidInput as exc:
            self.problems.append(row.problem(exc.field, str(exc).split(": ", 1)[-1]))
        except ValueError as exc:
            self.problems.append(row.problem(getattr(exc, "column", "value"), str(exc)))
        except Forbidden as exc:
            self.problems.append(row.problem("row", str(exc)))
        except TrackingError as exc:
            self.problems.append(row.problem("id", str(exc)))
        if self.dry and before <= MAX_CHANGES < self.summary.changes:
            message = f"more than {MAX_CHANGES} changes in one import: import this row and those after it"
            self.problems.append(row.problem("row", message + " from another file"))

    def measure(self, row: Row) -> None:
        values: dict[str, Any] = {}
        for column, field, read in (
            ("title", "title", row.text),
            ("description", "description", row.text),
            ("start date", "start_date", row.day),
            ("target date", "target_date", row.day),
            ("budget", "budget", row.number),
            ("currency", "currency", row.text),
            ("expected outcome", "expected_outcome", row.text),
        ):
            if column in row.values:
                values[field] = _read(read, column)
        lead = self.agency(row.text("lead agency")) if "lead agency" in row.values else None
        supporting = tuple(
            agency_id
            for name in row.text("supporting agencies").split(";")
            if (agency_id := self.agency(name.strip())) is not None
        )
        recommendations = _read(row.id_list, "recommendations")
        measure_id = _read(row.integer, "id")
        if measure_id is None:
            self.summary.created += 1
            self.summary.linked += len(supporting) + len(recommendations)
            if self.dry:  # the agencies a row names may not exist yet: their ids are stand-ins
                self.view.access.require_manager()
                parse(NewMeasure, {"title": "", **values})
                require_in_plan(recommendations, self.in_plan)
                return
            links = {
                "lead_agency_id": lead,
                "supporting_agency_ids": supporting,
                "recommendation_ids": recommendations,
            }
            create_measure(
                self.connection, self.user, self.view.id, parse(NewMeasure, {"title": "", **values, **links})
            )
            return
        current = self.view.measures.get(measure_id)
        if current is None:
            raise InvalidInput("id", f"plan {self.view.id} has no measure {measure_id}")
        if "lead agency" in row.values:
            values["lead_agency_id"] = lead
        if "currency" in values:
            values["currency"] = str(values["currency"]).upper()[:3]
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        links_changed = (
            "supporting agencies" in row.values
            and sorted(supporting) != sorted(current.supporting_agency_ids)
        ) or (
            "recommendations" in row.values and sorted(recommendations) != sorted(current.recommendation_ids)
        )
        if not changed and not links_changed:
            self.summary.unchanged += 1
            return
        version = _read(row.integer, "version")
        self.summary.updated += 1
        self.summary.linked += (len(supporting) + len(recommendations)) if links_changed else 0
        if self.dry:
            _check_version("measures", measure_id, version, current.version)
            parse(MeasureChange, {k: v for k, v in changed.items() if k != "lead_agency_id"})
            require_in_plan(recommendations, self.in_plan)
            return
        if changed:
            update_measure(
                self.connection,
                self.user,
                self.view.id,
                measure_id,
                parse(MeasureChange, changed),
                current.version if version is None else version,
            )
        if links_changed:
            set_measure_links(
                self.connection,
                self.user,
                self.view.id,
                measure_id,
                supporting_agency_ids=supporting if "supporting agencies" in row.values else None,
                recommendation_ids=recommendations if "recommendations" in row.values else None,
            )

    def indicator(self, row: Row) -> None:
        values: dict[str, Any] = {}
        for column, field, read in (
            ("name", "name", row.text),
            ("unit", "unit", row.text),
            ("baseline", "baseline", row.number),
            ("target", "target", row.number),
            ("due date", "due_date", row.day),
        ):
            if column in row.values:
                values[field] = _read(read, column)
        indicator_id = _read(row.integer, "id")
        if indicator_id is None:
            measure_ids, recommendation_ids = (
                _read(row.id_list, "measures"),
                _read(row.id_list, "recommendations"),
            )
            self.summary.created += 1
            self.summary.linked += len(measure_ids) + len(recommendation_ids)
            draft = parse(
                NewIndicator,
                {"name": "", **values, "measure_ids": measure_ids, "recommendation_ids": recommendation_ids},
            )
            if self.dry:
                self.view.access.require_manager()
                unknown = [m for m in measure_ids if m not in self.view.measures]
                if unknown:
                    raise InvalidInput(
                        "measures", f"measures {unknown[0]} is not part of plan {self.view.id}"
                    )
                require_in_plan(recommendation_ids, self.in_plan)
                return
            create_indicator(self.connection, self.user, self.view.id, draft)
            return
        current = self.view.indicators.get(indicator_id)
        if current is None:
            raise InvalidInput("id", f"plan {self.view.id} has no indicator {indicator_id}")
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if not changed:
            self.summary.unchanged += 1
            return
        version = _read(row.integer, "version")
        self.summary.updated += 1
        change = parse(IndicatorChange, changed)
        if self.dry:
            self.view.access.require_manager()
            _check_version("indicators", indicator_id, version, current.version)
            return
        update_indicator(
            self.connection,
            self.user,
            self.view.id,
            indicator_id,
            change,
            current.version if version is None else version,
        )

    def recommendation(self, row: Row) -> None:
        record_id = _read(row.integer, "id")
        record = self.view.recommendations.get(record_id or -1)
        if record is None:
            raise InvalidInput("id", f"recommendation {record_id} is not in plan {self.view.id}")
        name = row.text("cluster")
        if "cluster" not in row.values or not name or name == self.view.cluster_of(record.id):
            return
        clusters = self.clusters
        if name.casefold() not in clusters:
            self.summary.named += 1
            clusters[name.casefold()] = (
                -self.summary.named
                if self.dry
                else add_cluster(self.connection, self.user, self.view.id, name)
            )
        self.summary.moved += 1
        if self.dry:
            return
        move_recommendation(
            self.connection,
            self.user,
            self.view.id,
            record.link_id,
            record.version,
            clusters[name.casefold()],
        )


def _check_version(entity: str, entity_id: int, edited: int | None, current: int) -> None:
    """The stale-edit refusal the update would give, found before anything is written."""
    if edited is not None and edited != current:
        raise StaleEdit(entity, entity_id, edited, {"version": current})


def _read(reader: Any, column: str) -> Any:
    try:
        return reader(column)
    except ValueError as exc:
        exc.column = column  # type: ignore[attr-defined]
        raise


def import_sheets(
    connection: Connection, user: User | None, plan_id: int, sheets: dict[str, list[Row]]
) -> ImportSummary:
    """Applies the sheets in the caller's transaction. Raises ``SpreadsheetError`` with every
    problem found; the caller then rolls back (``engine.begin()`` does so on the exception).
    Rows that do not parse, or too many changes, are refused before anything is written."""
    view = plan_view(connection, plan_id, user)
    for dry in (True, False):
        importer = _Importer(connection, user, view, dry)
        for row in sheets.get("Measures", []):
            importer.run(row, importer.measure)
        for row in sheets.get("Indicators", []):
            importer.run(row, importer.indicator)
        for row in sheets.get("Recommendations", []):
            importer.run(row, importer.recommendation)
        if importer.problems:
            raise SpreadsheetError(importer.problems)
    return importer.summary
