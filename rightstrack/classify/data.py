"""The labelled recommendations the classifiers learn from: UPR Info's hand coding."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rightstrack.domain import RecordKind
from rightstrack.sources import uprinfo


@dataclass(frozen=True)
class Labelled:
    text: str
    issues: frozenset[str]
    action: int | None  # UPR Info's action category 1–5
    session: int


def labelled_recommendations(folder: Path) -> list[Labelled]:
    """Every recommendation of the exports once (joint ones once), in file order."""
    found: list[Labelled] = []
    for path in sorted(folder.glob("*.csv")):
        if not uprinfo.looks_like_export(path):
            continue
        for record in uprinfo.parse_file(path).records:
            if record.kind is RecordKind.RECOMMENDATION and record.issues:
                found.append(
                    Labelled(record.text, frozenset(record.issues), record.action_category, record.session)
                )
    return found


def temporal_split(
    records: list[Labelled], last_training_session: int = 15
) -> tuple[list[Labelled], list[Labelled]]:
    """Train on the earlier sessions, test on the later ones: how a tagger meets new reviews."""
    train = [r for r in records if r.session <= last_training_session]
    test = [r for r in records if r.session > last_training_session]
    return train, test
