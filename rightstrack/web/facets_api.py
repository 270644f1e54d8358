"""``/api/v1/facets/{dimension}``: one facet's values under a search, found by what a person
types, for the search page's type-ahead (and anyone's): the search page lists a facet's first
values only, and a state or an issue must be findable among all of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.datastructures import QueryParams

from rightstrack.search.engine import SearchEngine
from rightstrack.search.query import Dimension
from rightstrack.web.api_models import BAD_REQUEST, FacetValuesOut
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.params import search_query
from rightstrack.web.responses import JSONResponse
from rightstrack.web.search_view import matching

router = APIRouter(prefix="/api/v1", tags=["api"])

# This endpoint's own parameters; every other one is the search's.
OWN_PARAMETERS = ("find", "limit")


@router.get(
    "/facets/{dimension}",
    response_model=FacetValuesOut,
    responses=BAD_REQUEST,
    summary="One facet's values under a search, found by what was typed (type-ahead)",
)
async def facet(
    request: Request,
    dimension: Dimension,
    find: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> JSONResponse:
    """Every value of ``dimension`` the search leaves a record for (the search as ``/search``
    takes it: ``q``, filters, ``dimension!=value``, ``from``, ``to``), with the search's facet
    counts; those whose name or code holds ``find`` (case and accents aside; those that start
    with it first), at most ``limit``."""
    params = QueryParams([(k, v) for k, v in request.query_params.multi_items() if k not in OWN_PARAMETERS])
    query = search_query(params)
    engine: SearchEngine = request.app.state.search
    values = await in_search_lane(engine.facet, query, dimension)
    found = matching(values, find)
    return JSONResponse(
        {
            "dimension": dimension.value,
            "total": len(values),
            "matching": len(found),
            "values": [value.to_dict() for value in found[:limit]],
        }
    )
