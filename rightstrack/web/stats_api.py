"""The statistics builder's table as JSON: the numbers ``/stats`` draws, for any search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request

from rightstrack.analysis.tables import StatTable
from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension
from rightstrack.web.api_models import BAD_REQUEST
from rightstrack.web.builder import build_table, read_builder
from rightstrack.web.responses import JSONResponse
from rightstrack.web.state_models import StatTableOut

router = APIRouter(prefix="/api/v1", tags=["api"])


def table_payload(table: StatTable) -> dict[str, Any]:
    return {
        "rows_dimension": table.rows_dimension.value,
        "columns_dimension": table.columns_dimension.value if table.columns_dimension else None,
        "compared": table.compared,
        "basis": table.basis.value,
        "measure": table.measure.value,
        "total": table.total,
        "omitted": table.omitted,
        "columns": [{"value": s.value, "label": s.label, "total": s.total} for s in table.columns],
        "rows": [
            {
                "value": value,
                "label": label,
                "total": total,
                "cells": [
                    {
                        "count": int(table.counts[r, c]),
                        "accepted": int(table.accepted[r, c]),
                        "noted": int(table.noted[r, c]),
                        "value": table.value(r, c),
                    }
                    for c in range(len(table.columns))
                ],
            }
            for r, (value, label, total) in enumerate(
                zip(table.row_values, table.row_labels, table.row_totals, strict=True)
            )
        ],
    }


@router.get(
    "/stats/table",
    response_model=StatTableOut,
    responses=BAD_REQUEST,
    summary="The statistics builder's table: units by one or two dimensions, or compared side by side",
)
def stats_table(request: Request) -> JSONResponse:
    """Any search's filters, and ``by`` (default issue), ``split`` (a second dimension),
    ``basis`` (records or rows, default records), ``measure`` (count, share or accepted),
    ``top`` (10, 20, 50 or 0 for all values) and ``compare`` (``sur:Slovenia``, repeated or
    comma-separated: a column per compared selection)."""
    builder = read_builder(request.query_params, strict=True)
    if builder.by is None:
        builder = replace(builder, by=Dimension.ISSUE)
    engine: SearchEngine = request.app.state.search
    return JSONResponse(table_payload(build_table(engine, builder)))
