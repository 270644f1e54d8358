import random
import statistics

import pytest

from rightstrack import config
from rightstrack.classify.data import labelled_recommendations
from rightstrack.classify.smart import Level, assess


def levels(text: str, issues: list[str] | None = None) -> dict[str, Level]:
    return {c.name: c.level for c in assess(text, issues or ["Women's rights"]).criteria}


def test_a_smart_recommendation_meets_every_criterion() -> None:
    text = (
        "Adopt, by 2027, a law criminalizing domestic violence and allocate to the Ministry of Justice the "
        "budget needed to open shelters for women victims"
    )
    assessment = assess(text, ["Women's rights"])
    assert {c.name: c.level for c in assessment.criteria} == dict.fromkeys(
        ("Specific", "Measurable", "Achievable", "Relevant", "Time-bound"), Level.MET
    )
    assert assessment.score == 5
    assert "by 2027" in assessment.criteria[4].reason


def test_a_vague_recommendation_gets_reasons_and_suggestions() -> None:
    assessment = assess("Continue its efforts in this area", [])
    unmet = [c for c in assessment.criteria if c.level is not Level.MET]
    assert {c.name for c in unmet} >= {"Specific", "Measurable", "Relevant", "Time-bound"}
    assert all(c.suggestion for c in unmet)
    assert "weak verb ('continue')" in assessment.criteria[0].reason


@pytest.mark.parametrize(
    ("text", "criterion", "level"),
    [
        ("Consider ratifying the Optional Protocol", "Specific", Level.PARTLY),
        ("Ratify the Optional Protocol as soon as possible", "Time-bound", Level.PARTLY),
        ("Ratify the Optional Protocol before the next review", "Time-bound", Level.MET),
        ("Take all necessary measures to end all forms of discrimination", "Achievable", Level.PARTLY),
        ("Strengthen efforts to protect children", "Measurable", Level.NOT_MET),
    ],
)
def test_criteria_read_from_the_wording(text: str, criterion: str, level: Level) -> None:
    assert levels(text)[criterion] is level


def test_on_real_recommendations_specific_action_scores_highest() -> None:
    """UPR Info's action categories, 1 minimal … 5 specific: the aid should agree on the whole."""
    records = labelled_recommendations(config.upr_info_dir())
    random.seed(0)
    means, specific = {}, {}
    for category in range(1, 6):
        sample = random.sample([r for r in records if r.action == category], 300)
        assessed = [assess(r.text, sorted(r.issues)) for r in sample]
        means[category] = statistics.mean(a.score for a in assessed)
        specific[category] = sum(a.criteria[0].level is Level.MET for a in assessed) / len(assessed)
    assert means[5] > max(means[1], means[2], means[3], means[4]) + 0.3
    assert specific[5] > 0.5 and specific[3] < 0.1 and specific[2] < 0.05
