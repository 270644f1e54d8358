"""UPR Info's database entities (Uwazi) as ``SourceRecord``s, with every value the reader does not
know counted in a named warning (field, value, count) instead of a crash or a silent drop."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rightstrack.domain import Mechanism, RecordKind, Response, SourceRecord
from rightstrack.reference.issues import canonical_issue
from rightstrack.reference.states import UnknownStateError, is_unknown_marker, resolve_state
from rightstrack.sources.field_warnings import Warnings

RESPONSES: dict[str, Response] = {
    "supported": Response.ACCEPTED,
    "noted": Response.NOTED,
    # UPR Info's older word; the UN says "noted" for anything not supported.
    "not supported": Response.NOTED,
}
LEADING_NUMBER = re.compile(r"\s*(\d{1,3})\s*(?:-|–|$)")
_SYMBOL = re.compile(r"\b[A-Z]{1,4}(?:/[A-Za-z0-9.\-]+){2,8}")
MAX_TEXT = 20_000  # characters: a recommendation is a paragraph, not a document


@dataclass(frozen=True)
class UnknownValue:
    """A value the reader does not know, and how many entities had it."""

    field: str
    value: str
    count: int
    consequence: str

    def __str__(self) -> str:
        return (
            f"UPR Info database: {self.field}: unknown value {self.value!r} in {self.count} entities "
            f"({self.consequence})"
        )


@dataclass
class EntityReader:
    """Maps entities one by one, counting the unknown values it meets (the consequence of each
    stands as the warning's problem)."""

    _unknown: Warnings = field(default_factory=Warnings)

    def note(self, field_name: str, value: str, consequence: str) -> None:
        self._unknown.add(field_name, consequence, value)

    @property
    def warnings(self) -> list[UnknownValue]:
        return [UnknownValue(w.field, w.value, w.count, w.problem) for w in self._unknown.items()]

    def record(self, entity: Mapping[str, Any], line: int) -> SourceRecord | None:
        """The entity as a record, or None (counted in a warning) when it names no state under
        review the reader knows, or has no text."""
        metadata = entity.get("metadata")
        shared_id = entity.get("sharedId")
        if not isinstance(metadata, Mapping) or not isinstance(shared_id, str) or not shared_id:
            self.note("entity", "no sharedId or metadata", "entity skipped")
            return None
        text = " ".join(_text(metadata, "recommendation").split())[:MAX_TEXT]
        if not text:
            self.note("recommendation", "(empty)", "entity skipped")
            return None
        sur_labels = _labels(metadata, "state_under_review")
        sur = self._state("state_under_review", sur_labels[0] if sur_labels else "(none)", "entity skipped")
        if sur is None:
            return None
        recommenders = tuple(
            code
            for label in _labels(metadata, "recommending_state")
            if (code := self._state("recommending_state", label, "recommender left out")) is not None
        )
        position, response = self._response(metadata)
        return SourceRecord(
            locator=shared_id,
            mechanism=Mechanism.UPR,
            body="UPR",
            kind=RecordKind.RECOMMENDATION,
            sur=sur,
            text=text,
            session=self._number(metadata, "session", "session left empty"),
            recommenders=recommenders,
            document_symbol=self._symbol(metadata),
            position=position,
            response=response,
            issues=self._issues(metadata),
            action_category=self._action(metadata),
            line=line,
        )

    def _state(self, field_name: str, label: str, consequence: str) -> str | None:
        if is_unknown_marker(label):
            return None
        try:
            return resolve_state(label).code
        except UnknownStateError:
            self.note(field_name, label, consequence)
            return None

    def _response(self, metadata: Mapping[str, Any]) -> tuple[str | None, Response | None]:
        labels = _labels(metadata, "response")
        if not labels:
            return None, None
        word = labels[0]
        response = RESPONSES.get(" ".join(word.split()).casefold())
        if response is None:
            self.note("response", word, "position kept, no response")
        return word, response

    def _number(self, metadata: Mapping[str, Any], name: str, consequence: str) -> int | None:
        labels = _labels(metadata, name)
        if not labels:
            return None
        match = LEADING_NUMBER.match(labels[0])
        if match is None:
            self.note(name, labels[0], consequence)
            return None
        return int(match.group(1))

    def _action(self, metadata: Mapping[str, Any]) -> int | None:
        number = self._number(metadata, "action_category", "action category left empty")
        if number is not None and not 1 <= number <= 5:
            self.note(
                "action_category", _labels(metadata, "action_category")[0], "action category left empty"
            )
            return None
        return number

    def _issues(self, metadata: Mapping[str, Any]) -> tuple[str, ...]:
        issues: list[str] = []
        for label in _labels(metadata, "issues"):
            try:
                issue = canonical_issue(label)
            except ValueError:
                self.note("issues", label, "issue left out")
                continue
            if issue not in issues:
                issues.append(issue)
        return tuple(issues)

    def _symbol(self, metadata: Mapping[str, Any]) -> str | None:
        for label in _labels(metadata, "related_document") + _labels(metadata, "document_symbol"):
            match = _SYMBOL.search(label)
            if match:
                return match.group(0)
        return None


def _values(metadata: Mapping[str, Any], name: str) -> list[Any]:
    values = metadata.get(name)
    return values if isinstance(values, list) else []


def _labels(metadata: Mapping[str, Any], name: str) -> list[str]:
    """A select's labels; Uwazi stores ``[{"value": UUID, "label": ...}]`` (a relationship the
    same; inherited values nest under ``inheritedValue``)."""
    labels: list[str] = []
    for item in _values(metadata, name):
        if not isinstance(item, Mapping):
            continue
        label = item.get("label")
        if isinstance(label, str) and label.strip():
            labels.append(" ".join(label.split()))
        for inherited in item.get("inheritedValue") or []:
            if isinstance(inherited, Mapping) and isinstance(inherited.get("value"), str):
                labels.append(inherited["value"])
    return labels


def _text(metadata: Mapping[str, Any], name: str) -> str:
    parts = [item.get("value") for item in _values(metadata, name) if isinstance(item, Mapping)]
    return " ".join(p for p in parts if isinstance(p, str))
