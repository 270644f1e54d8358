"""Importing a plan's spreadsheet: the Measures and Indicators sheets (a row with an id updates
that item if nobody changed it since the export — its version says so; a row without an id creates
one) and the cluster column of the Recommendations sheet (a new cluster name creates the cluster).

All or nothing: every bad row is reported with its file, sheet, line and column, and the caller's
transaction is rolled back, so the plan is left exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from rightstrack.domain import InputProblem
from rightstrack.tracking.accounts import User
from rightstrack.tracking.errors import Forbidden, InvalidInput, StaleEdit, TrackingError
from rightstrack.tracking.items import PlanView
from rightstrack.tracking.measures import (
    IndicatorDraft,
    MeasureDraft,
    create_indicator,
    create_measure,
    set_measure_links,
    update_indicator,
    update_measure,
)
from rightstrack.tracking.plans import PLAN_RECOMMENDATIONS, add_agency, add_cluster, edit_item
from rightstrack.tracking.spreadsheets import Row
from rightstrack.tracking.views import plan_view


class SpreadsheetError(TrackingError):
    def __init__(self, problems: list[InputProblem]) -> None:
        shown = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"nothing was imported: {shown}{more}")
        self.problems = problems


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0  # recommendations put into another cluster


class _Importer:
    def __init__(self, connection: Connection, user: User | None, view: PlanView) -> None:
        self.connection, self.user, self.view = connection, user, view
        self.summary = ImportSummary()
        self.problems: list[InputProblem] = []
        self.agency_ids = {name.casefold(): agency_id for agency_id, name in view.agencies.items()}

    def agency(self, name: str) -> int | None:
        if not name:
            return None
        key = name.casefold()
        if key not in self.agency_ids:
            self.agency_ids[key] = add_agency(self.connection, self.user, self.view.id, name)
        return self.agency_ids[key]

    def run(self, row: Row, apply: Any) -> None:
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
            create_measure(
                self.connection,
                self.user,
                self.view.id,
                MeasureDraft(
                    str(values.get("title", "")),
                    str(values.get("description", "")),
                    lead,
                    supporting,
                    values.get("start_date"),
                    values.get("target_date"),
                    values.get("budget"),
                    str(values.get("currency", "")),
                    str(values.get("expected_outcome", "")),
                    recommendations,
                ),
            )
            self.summary.created += 1
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
        if changed:
            update_measure(
                self.connection,
                self.user,
                self.view.id,
                measure_id,
                current.version if version is None else version,
                changed,
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
        self.summary.updated += 1

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
            create_indicator(
                self.connection,
                self.user,
                self.view.id,
                IndicatorDraft(
                    str(values.get("name", "")),
                    str(values.get("unit", "")),
                    values.get("baseline"),
                    values.get("target"),
                    values.get("due_date"),
                    _read(row.id_list, "measures"),
                    _read(row.id_list, "recommendations"),
                ),
            )
            self.summary.created += 1
            return
        current = self.view.indicators.get(indicator_id)
        if current is None:
            raise InvalidInput("id", f"plan {self.view.id} has no indicator {indicator_id}")
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if not changed:
            self.summary.unchanged += 1
            return
        version = _read(row.integer, "version")
        update_indicator(
            self.connection,
            self.user,
            self.view.id,
            indicator_id,
            current.version if version is None else version,
            changed,
        )
        self.summary.updated += 1

    def recommendation(self, row: Row, clusters: dict[str, int]) -> None:
        record_id = _read(row.integer, "id")
        record = self.view.recommendations.get(record_id or -1)
        if record is None:
            raise InvalidInput("id", f"recommendation {record_id} is not in plan {self.view.id}")
        name = row.text("cluster")
        if "cluster" not in row.values or not name or name == self.view.cluster_of(record.id):
            return
        if name.casefold() not in clusters:
            clusters[name.casefold()] = add_cluster(self.connection, self.user, self.view.id, name)
        edit_item(
            self.connection,
            self.user,
            self.view.id,
            PLAN_RECOMMENDATIONS,
            record.link_id,
            record.version,
            {"cluster_id": clusters[name.casefold()]},
        )
        self.summary.moved += 1


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
    problem found; the caller then rolls back (``engine.begin()`` does so on the exception)."""
    importer = _Importer(connection, user, plan_view(connection, plan_id, user))
    for row in sheets.get("Measures", []):
        importer.run(row, importer.measure)
    for row in sheets.get("Indicators", []):
        importer.run(row, importer.indicator)
    clusters = {c.name.casefold(): c.id for c in importer.view.clusters if c.id is not None}
    for row in sheets.get("Recommendations", []):
        importer.run(row, lambda r: importer.recommendation(r, clusters))
    if importer.problems:
        raise SpreadsheetError(importer.problems)
    return importer.summary
