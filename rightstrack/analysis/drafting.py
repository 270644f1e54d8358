"""The drafting aid: a draft's SMART assessment, its predicted issues and action category, and
how the most similar past recommendations fared."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rightstrack.classify.smart import SmartAssessment, assess
from rightstrack.search.engine import SearchEngine
from rightstrack.search.records import Hit

if TYPE_CHECKING:
    # Types only: the models (and scikit-learn, three seconds to import) are loaded where a draft
    # is first scored, not by every server at start.
    from rightstrack.classify.action import ActionPrediction
    from rightstrack.classify.issues import Scored
    from rightstrack.classify.models import TrainedModels

MIN_ISSUE_SCORE = 0.3  # below it a predicted issue does not count towards relevance


@dataclass
class DraftReport:
    assessment: SmartAssessment
    issues: list[Scored]
    action: ActionPrediction
    neighbours: list[tuple[Hit, float]]
    seconds: float

    @property
    def accepted_share(self) -> float | None:
        answered = [hit.response for hit, _ in self.neighbours if hit.response in ("Accepted", "Noted")]
        return answered.count("Accepted") / len(answered) if answered else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.assessment.text,
            "smart_score": self.assessment.score,
            "criteria": [
                {"name": c.name, "level": c.level.value, "reason": c.reason, "suggestion": c.suggestion}
                for c in self.assessment.criteria
            ],
            "predicted_issues": [{"issue": s.label, "score": round(s.score, 4)} for s in self.issues],
            "predicted_action": {"category": self.action.category, "score": round(self.action.score, 4)},
            "similar": [{"similarity": round(score, 4), **hit.to_dict()} for hit, score in self.neighbours],
            "similar_accepted_share": self.accepted_share,
            "seconds": round(self.seconds, 4),
        }


def draft_report(search: SearchEngine, models: TrainedModels, text: str, neighbours: int = 10) -> DraftReport:
    started = time.perf_counter()
    (issues,) = models.issues.predict([text])
    (action,) = models.action.predict([text])
    relevant = [s.label for s in issues if s.score >= MIN_ISSUE_SCORE and s.label not in ("General", "Other")]
    assessment = assess(text, relevant)
    similar = search.similar(text=text, limit=neighbours) or []
    return DraftReport(assessment, issues, action, similar, time.perf_counter() - started)
