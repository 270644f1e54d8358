"""A record's page: the UN document and paragraph it comes from first, then its text and coding,
how to cite it, and where each source said it.

Similar records need a model of every text (TF-IDF: scikit-learn, a few seconds to load and fit
after a start), so they are a page of their own that the record's page fetches once it is shown
(static/fragments.js) and links to without script: the record itself never waits for them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rightstrack.analysis.citation import citation
from rightstrack.web.lanes import in_search_lane
from rightstrack.web.pages import _engine, render
from rightstrack.web.params import Id
from rightstrack.web.state_pages import SOURCE_KINDS

router = APIRouter(include_in_schema=False)
SIMILAR_SHOWN = 5


@router.get("/records/{record_id}", response_class=HTMLResponse)
async def record_page(request: Request, record_id: Id) -> HTMLResponse:
    found = await in_search_lane(_engine(request).fetch, [record_id])
    if not found:
        return render(request, "error.html", {"message": f"No record {record_id}"}, status_code=404)
    sources = await in_search_lane(_engine(request).sources, record_id)
    context = {
        "hit": found[0],
        "sources": sources,
        "cite": citation(found[0]),
        "source_kinds": SOURCE_KINDS,
        "record_url": str(request.url_for("record_page", record_id=record_id)),
    }
    return render(request, "record.html", context)


@router.get("/records/{record_id}/similar", response_class=HTMLResponse)
async def similar_page(request: Request, record_id: Id) -> HTMLResponse:
    found = await in_search_lane(_engine(request).fetch, [record_id])
    if not found:
        return render(request, "error.html", {"message": f"No record {record_id}"}, status_code=404)
    similar = await in_search_lane(lambda: _engine(request).similar(record_id=record_id, limit=SIMILAR_SHOWN))
    return render(request, "record_similar.html", {"hit": found[0], "similar": similar or []})
