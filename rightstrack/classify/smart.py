"""SMART help for drafters: is a recommendation specific, measurable, achievable, relevant and
time-bound — and what would make it more so?

Each criterion is read from the wording, the way UPR practitioners' guides describe it: a strong
action verb and a named actor make a recommendation specific; a treaty, a law, a budget, a number
or an indicator makes it measurable; one or two actions of reasonable reach keep it achievable;
a human rights issue and the people concerned make it relevant; a date or a period makes it
time-bound. The reasons name the words that decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not met"


@dataclass(frozen=True)
class Criterion:
    name: str
    level: Level
    reason: str
    suggestion: str | None = None


@dataclass
class SmartAssessment:
    text: str
    criteria: list[Criterion] = field(default_factory=list)

    @property
    def score(self) -> float:
        """0–5: one per criterion met, a half per criterion partly met."""
        return sum(
            1.0 if c.level is Level.MET else 0.5 if c.level is Level.PARTLY else 0.0 for c in self.criteria
        )


STRONG_VERBS = tuple(
    [
        "ratify",
        "accede",
        "adopt",
        "enact",
        "amend",
        "repeal",
        "abolish",
        "establish",
        "criminalize",
        "criminalise",
        "allocate",
        "publish",
        "withdraw",
        "ensure",
        "guarantee",
        "prohibit",
        "investigate",
        "prosecute",
        "release",
        "implement",
        "extend",
        "issue",
        "create",
        "set up",
        "submit",
        "align",
        "revise",
        "decriminalize",
        "recognize",
    ]
)
WEAK_OPENINGS = tuple(
    [
        "consider",
        "envisage",
        "examine",
        "give consideration",
        "analyse",
        "analyze",
        "continue",
        "strive",
        "endeavour",
        "endeavor",
        "make efforts",
        "make every effort",
        "pursue",
        "further",
        "keep",
        "maintain",
        "study",
        "explore",
        "reflect",
        "look into",
        "promote",
        "encourage",
        "seek",
        "take measures",
        "take steps",
        "take necessary",
        "take all necessary",
        "take appropriate",
        "strengthen",
        "step up",
        "intensify",
        "redouble",
        "enhance",
        "work towards",
    ]
)
MEASURABLE = re.compile(
    r"\b(?:convention|covenant|protocol|statute|treaty|law|act|code|bill|legislation|decree|budget|"
    r"funding|resources|indicators?|statistics|data|percent|per cent|%|quota|targets?|"
    r"national action plan|action plan|strategy|report|mechanism|ILO Convention No\.?\s*\d+|\d+)\b",
    re.I,
)
ACTORS = re.compile(
    r"\b(?:ministry|ministries|parliament|national assembly|police|judiciary|courts?|ombudsman|"
    r"ombudsperson|national human rights institution|NHRI|commission|government|prosecutors?|office|"
    r"agency|council|municipalities|local authorities|law enforcement)\b",
    re.I,
)
RIGHTS_HOLDERS = re.compile(
    r"\b(?:women|girls|children|child|persons with disabilities|minorities|minority|indigenous|"
    r"migrants?|refugees?|asylum[- ]seekers?|roma|journalists?|human rights defenders|detainees|"
    r"prisoners|victims|lgbti?|older persons|stateless persons|workers|youth|rural)\b",
    re.I,
)
TIME_FRAME = re.compile(
    r"\b(?:by (?:the end of )?(?:19|20)\d\d|before (?:the )?(?:end of )?(?:19|20)\d\d|"
    r"within (?:\w+ )?(?:months?|years?|weeks?)|before (?:its|the) next (?:review|cycle|periodic report|UPR)|"
    r"by the next (?:review|cycle|UPR)|in (?:19|20)\d\d|(?:19|20)\d\d[-\u2013](?:19|20)?\d\d|"
    r"deadline|timeline|time-bound|timetable|time frame)\b",
    re.I,
)
VAGUE_TIME = re.compile(
    r"\b(?:as soon as possible|without delay|promptly|in the near future|urgently|swiftly)\b", re.I
)
ACTION_JOINS = re.compile(r"\b(?:and|as well as)\s+(?:to\s+)?(?=[a-z]+\b)", re.I)
SWEEPING = re.compile(r"\b(?:all forms|all necessary|all persons|all human rights|every|any form)\b", re.I)


def _opening(text: str) -> str:
    return re.sub(r"^(?:to|that\s+\w+)\s+", "", text.strip().lower())


def _verb_count(text: str) -> int:
    lowered = text.lower()
    return sum(
        1 for verb in STRONG_VERBS + WEAK_OPENINGS if re.search(rf"(?:^|[;,]\s*|\band\s+){verb}\b", lowered)
    )


def _specific(text: str) -> Criterion:
    opening = _opening(text)
    weak = next((w for w in WEAK_OPENINGS if opening.startswith(w)), None)
    strong = next((v for v in STRONG_VERBS if re.search(rf"\b{v}\w*\b", opening[:80])), None)
    actor = ACTORS.search(text)
    if weak and not strong:
        return Criterion(
            "Specific",
            Level.NOT_MET if not actor else Level.PARTLY,
            f"opens with a weak verb ('{weak}')"
            + (f"; names '{actor.group(0)}'" if actor else ", names no actor"),
            "Lead with a precise action verb (ratify, adopt, amend, establish, allocate) and say who acts.",
        )
    if strong and weak:
        return Criterion(
            "Specific",
            Level.PARTLY,
            f"action verb '{strong}', softened by '{weak}'",
            f"Drop '{weak}' and ask for the action itself.",
        )
    if strong:
        named = f" and a named actor ('{actor.group(0)}')" if actor else ""
        return Criterion("Specific", Level.MET, f"action verb '{strong}'{named}")
    return Criterion(
        "Specific",
        Level.PARTLY,
        "no recognised action verb",
        "Name the action: ratify, adopt, amend, establish …",
    )


def _measurable(text: str) -> Criterion:
    found = [m.group(0) for m in MEASURABLE.finditer(text)]
    if found:
        shown = ", ".join(dict.fromkeys(f.lower() for f in found[:3]))
        return Criterion("Measurable", Level.MET, f"names something whose delivery can be checked: {shown}")
    return Criterion(
        "Measurable",
        Level.NOT_MET,
        "nothing whose delivery can be checked (a treaty, a law, a budget, a number, an indicator)",
        "Name the output: the law to adopt, the treaty to ratify, a budget share, a number, an indicator.",
    )


def _achievable(text: str) -> Criterion:
    words = len(text.split())
    actions = max(1, _verb_count(text))
    sweeping = SWEEPING.search(text)
    if actions > 3 or words > 70:
        return Criterion(
            "Achievable",
            Level.NOT_MET,
            f"{actions} actions in {words} words: too much for one recommendation",
            "Split it: one recommendation per action makes each one answerable and trackable.",
        )
    if sweeping or actions == 3:
        reason = f"broad reach ('{sweeping.group(0)}')" if sweeping else "three actions in one"
        return Criterion(
            "Achievable", Level.PARTLY, reason, "Narrow the scope to what one cycle can deliver."
        )
    return Criterion("Achievable", Level.MET, f"{actions} action(s) in {words} words")


def _relevant(text: str, issues: list[str]) -> Criterion:
    holders = RIGHTS_HOLDERS.search(text)
    if issues and holders:
        return Criterion(
            "Relevant",
            Level.MET,
            f"concerns {', '.join(issues[:2])} and names the people concerned ('{holders.group(0)}')",
        )
    if issues:
        return Criterion(
            "Relevant",
            Level.PARTLY,
            f"concerns {', '.join(issues[:2])}, but names no right-holders",
            "Say whose rights it serves (women, children, persons with disabilities, detainees …).",
        )
    return Criterion(
        "Relevant",
        Level.NOT_MET,
        "no human rights issue recognised",
        "Tie it to a right and to the people it protects.",
    )


def _time_bound(text: str) -> Criterion:
    frame = TIME_FRAME.search(text)
    if frame:
        return Criterion("Time-bound", Level.MET, f"time frame: '{frame.group(0)}'")
    vague = VAGUE_TIME.search(text)
    if vague:
        return Criterion(
            "Time-bound",
            Level.PARTLY,
            f"urgency without a date ('{vague.group(0)}')",
            "Give a date or a period: 'by 2027', 'before the next review', 'within two years'.",
        )
    return Criterion(
        "Time-bound",
        Level.NOT_MET,
        "no date or period",
        "Add a time frame: 'by 2027', 'before the next review', 'within two years'.",
    )


def assess(text: str, predicted_issues: list[str]) -> SmartAssessment:
    assessment = SmartAssessment(text)
    assessment.criteria = [
        _specific(text),
        _measurable(text),
        _achievable(text),
        _relevant(text, predicted_issues),
        _time_bound(text),
    ]
    return assessment
