"""A recorded UPR Info database (Uwazi), built from real rows of UPR Info's 2008–2014 export.

The answers have Uwazi's shapes (README "Live sources"): thesauri with UUID values, the
recommendation template's properties, and ``/api/search`` with ``rows``, ``totalRows``, ``relation``
and ``aggregations``, counting up to a cap (10,000 live; smaller here so that slicing shows).
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rightstrack import config
from rightstrack.reference.issues import action_label
from rightstrack.reference.sessions import all_sessions
from rightstrack.sources.uprinfo_api import RECOMMENDATION_TEMPLATE
from tests.sources.replay import ReplayServer, Reply, Seen

THESAURUS = {
    "session": "5d8cdf1f61cde0408222d001",
    "state_under_review": "5d8cdf1f61cde0408222d002",
    "recommending_state": "5d8cdf1f61cde0408222d002",  # one thesaurus of states for both
    "response": "5d8cdf1f61cde0408222d003",
    "issues": "5d8cdf1f61cde0408222d66f",
    "action_category": "5d8cdf1f61cde0408222d004",
}
RESPONSE_WORD = {"Accepted": "Supported", "Noted": "Noted"}


def real_rows(name: str = "1-5.csv", sessions: set[str] | None = None) -> list[dict[str, str]]:
    data = (config.upr_info_dir() / name).read_bytes().decode("mac_roman")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    return [r for r in rows if sessions is None or r["Session"] in sessions]


def session_label(number: int) -> str:
    info = all_sessions()[number]
    return f"{number} - {calendar.month_name[info.month]} {info.year}"


@dataclass
class FakeUwazi:
    rows: list[dict[str, str]]
    cap: int = 10_000
    extra_labels: dict[str, list[str]] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # thesaurus → label → id
    entities: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        grouped: dict[tuple[str, str, str, str], list[dict[str, str]]] = defaultdict(list)
        for row in self.rows:  # a joint recommendation: one row per recommending state
            grouped[(row["To"], row["Session"], row["Text"], row["Response"])].append(row)
        for (sur, session, text, response), group in grouped.items():
            first = group[0]
            issues = [i.strip() for i in first["Issue"].split(",") if i.strip()]
            action = int(first["Action"])
            self.entities.append(
                self.entity(
                    text,
                    sur=sur,
                    recommenders=[r["From"] for r in group],
                    session=session_label(int(session)),
                    response=RESPONSE_WORD[response],
                    issues=issues,
                    action=f"{action} - {action_label(action)}",
                )
            )

    def _select(self, prop: str, labels: list[str]) -> list[dict[str, str]]:
        thesaurus = self.values[THESAURUS[prop]]
        return [{"value": thesaurus.setdefault(label, str(uuid.uuid4())), "label": label} for label in labels]

    def entity(
        self,
        text: str,
        *,
        sur: str,
        recommenders: list[str],
        session: str,
        response: str,
        issues: list[str],
        action: str,
    ) -> dict[str, Any]:
        return {
            "_id": uuid.uuid4().hex[:24],
            "sharedId": uuid.uuid4().hex[:10],
            "language": "en",
            "template": RECOMMENDATION_TEMPLATE,
            "title": text[:60],
            "published": True,
            "metadata": {
                "recommendation": [{"value": text}],
                "state_under_review": self._select("state_under_review", [sur]),
                "recommending_state": self._select("recommending_state", recommenders),
                "session": self._select("session", [session]),
                "response": self._select("response", [response]),
                "issues": self._select("issues", issues),
                "action_category": self._select("action_category", [action]),
            },
        }

    def thesauri(self) -> dict[str, Any]:
        names = {v: k for k, v in THESAURUS.items()}
        rows = []
        for thesaurus_id, labels in self.values.items():
            values = [{"id": value_id, "label": label} for label, value_id in labels.items()]
            # Uwazi nests values in groups; the client must flatten them.
            rows.append(
                {
                    "_id": thesaurus_id,
                    "name": names[thesaurus_id],
                    "values": [{"label": "All", "id": "g", "values": values}],
                }
            )
        return {"rows": rows}

    def templates(self) -> dict[str, Any]:
        properties = [{"name": "recommendation", "type": "markdown", "label": "Recommendation"}]
        properties += [
            {
                "name": name,
                "type": "multiselect" if name == "issues" else "select",
                "content": thesaurus,
                "label": name,
            }
            for name, thesaurus in THESAURUS.items()
        ]
        return {
            "rows": [
                {"_id": "5d8cdec361cde0408222d3ec", "name": "State", "properties": []},
                {"_id": RECOMMENDATION_TEMPLATE, "name": "Recommendation", "properties": properties},
            ]
        }

    def search(self, seen: Seen) -> Reply:
        filters = json.loads(seen.query.get("filters", ["{}"])[0])
        offset = int(seen.query.get("from", ["0"])[0])
        limit = int(seen.query.get("limit", ["30"])[0])
        matching = [
            e
            for e in self.entities
            if all(
                {v["value"] for v in e["metadata"].get(name, [])} & set(f["values"])
                for name, f in filters.items()
            )
        ]
        if offset + limit > self.cap:  # Elasticsearch's result window
            return Reply(500, b'{"error": "Result window is too large"}', content_type="application/json")
        counts: dict[str, int] = defaultdict(int)
        for e in matching:
            for value in e["metadata"]["state_under_review"]:
                counts[value["value"]] += 1
        payload = {
            "rows": matching[offset : offset + limit],
            "totalRows": min(len(matching), self.cap),
            "relation": "gte" if len(matching) > self.cap else "eq",
            "aggregations": {
                "all": {
                    "state_under_review": {
                        "buckets": [
                            {"key": k, "doc_count": n, "filtered": {"doc_count": n}}
                            for k, n in counts.items()
                        ]
                    }
                }
            },
        }
        return Reply(body=json.dumps(payload).encode(), content_type="application/json; charset=utf-8")

    def install(self, server: ReplayServer) -> None:
        as_json = "application/json; charset=utf-8"
        server.respond(
            "/api/thesauris", lambda _: Reply(body=json.dumps(self.thesauri()).encode(), content_type=as_json)
        )
        server.respond(
            "/api/templates",
            lambda _: Reply(body=json.dumps(self.templates()).encode(), content_type=as_json),
        )
        server.respond("/api/search", self.search)
