"""Tagging any list of recommendations: predicted issues, action category and election relevance.

Election relevance is the calibrated score of UPR Info's ``Elections`` issue: the share of
recommendations scored so that UPR Info's coders tagged ``Elections``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rightstrack.classify.issues import Scored
from rightstrack.classify.models import TrainedModels
from rightstrack.domain import InputProblem
from rightstrack.sources.encoding import decode_bytes

ELECTIONS = "Elections"
ADDED_COLUMNS = (
    "Predicted issues",
    "Issue scores",
    "Action category",
    "Action score",
    "Election relevance",
    "Model",
)


class NotTaggableError(ValueError):
    pass


@dataclass(frozen=True)
class Tagged:
    issues: list[Scored]
    action: int
    action_score: float
    election_relevance: float


def tag_texts(models: TrainedModels, texts: Sequence[str]) -> list[Tagged]:
    if not texts:
        return []
    decision = models.issues.decision(texts)
    chosen, scores = models.issues.chosen(decision), models.issues.scores(decision)
    classes = list(models.issues.labels.classes_)
    elections = classes.index(ELECTIONS)
    actions = models.action.predict(texts)
    tagged = []
    for i, action in enumerate(actions):
        issues = sorted(
            (Scored(classes[j], float(scores[i, j])) for j in np.flatnonzero(chosen[i])),
            key=lambda s: -s.score,
        )
        tagged.append(Tagged(issues, action.category, action.score, float(scores[i, elections])))
    return tagged


@dataclass
class TaggableCsv:
    source: Path
    columns: list[str]
    text_column: str
    rows: list[dict[str, str]]


def read_taggable(source: Path) -> TaggableCsv:
    """The rows of an analyst's CSV; refused, naming the file, where it has no ``Text`` column."""
    decoded = decode_bytes(source.read_bytes(), source.name)
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""))
    columns = list(reader.fieldnames or [])
    text_column = next((c for c in columns if c.strip().casefold() == "text"), None)
    if text_column is None:
        raise NotTaggableError(
            f"{source.name}:1: Text: no 'Text' column (columns: {', '.join(columns) or 'none'})"
        )
    return TaggableCsv(source, columns, text_column, list(reader))


def tag_csv(models: TrainedModels, table: TaggableCsv, target: Path) -> tuple[int, list[InputProblem]]:
    """Write ``table`` to ``target`` with the predicted columns added; returns rows tagged and problems."""
    source, columns, text_column, rows = table.source, table.columns, table.text_column, table.rows
    problems = [
        InputProblem(source.name, n, text_column, "empty: row copied untagged", "warning")
        for n, row in enumerate(rows, start=2)
        if not (row.get(text_column) or "").strip()
    ]
    wanted = [n for n, row in enumerate(rows) if (row.get(text_column) or "").strip()]
    tagged = dict(zip(wanted, tag_texts(models, [rows[n][text_column] for n in wanted]), strict=True))
    with target.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, [*columns, *ADDED_COLUMNS], extrasaction="ignore")
        writer.writeheader()
        for n, row in enumerate(rows):
            found = tagged.get(n)
            if found:
                row |= {
                    "Predicted issues": ";".join(s.label for s in found.issues),
                    "Issue scores": ";".join(f"{s.score:.3f}" for s in found.issues),
                    "Action category": str(found.action),
                    "Action score": f"{found.action_score:.3f}",
                    "Election relevance": f"{found.election_relevance:.3f}",
                    "Model": models.version,
                }
            writer.writerow(row)
    return len(tagged), problems
