"""UPR Info's taxonomy: its 54 issues and its five action categories."""

from __future__ import annotations

UPR_INFO_ISSUES: tuple[str, ...] = (
    "Asylum-seekers - refugees",
    "CP rights - general",
    "Civil society",
    "Corruption",
    "Counter-terrorism",
    "Death penalty",
    "Detention",
    "Development",
    "Disabilities",
    "ESC rights - general",
    "Elections",
    "Enforced disappearances",
    "Environment",
    "Extrajudicial executions",
    "Freedom of association and peaceful assembly",
    "Freedom of movement",
    "Freedom of opinion and expression",
    "Freedom of religion and belief",
    "Freedom of the press",
    "General",
    "HIV - Aids",
    "Human rights defenders",
    "Human rights education and training",
    "Human rights violations by state agents",
    "Impunity",
    "Indigenous peoples",
    "Internally displaced persons",
    "International humanitarian law",
    "International instruments",
    "Justice",
    "Labour",
    "Migrants",
    "Minorities",
    "NHRI",
    "National plan of action",
    "Other",
    "Poverty",
    "Public security",
    "Racial discrimination",
    "Right to education",
    "Right to food",
    "Right to health",
    "Right to housing",
    "Right to land",
    "Right to water",
    "Rights of the Child",
    "Sexual Orientation and Gender Identity",
    "Special procedures",
    "Technical assistance and cooperation",
    "Torture and other CID treatment",
    "Trafficking",
    "UPR process",
    "Treaty bodies",
    "Women's rights",
)

ACTION_CATEGORIES: dict[int, tuple[str, str]] = {
    1: (
        "Minimal action",
        "addressed to states other than the SuR, or asking the SuR to request assistance "
        "or share information",
    ),
    2: ("Continuing action", "continue, maintain, persevere, pursue what is already done"),
    3: ("Considering action", "consider, envisage, reflect upon, study a change"),
    4: ("General action", "take measures, ensure, promote: action with no specific step named"),
    5: ("Specific action", "ratify, adopt a law, abolish, establish: a precise, checkable step"),
}

_ISSUE_BY_KEY = {issue.casefold(): issue for issue in UPR_INFO_ISSUES}


def canonical_issue(name: str) -> str:
    """The issue as UPR Info spells it; raises ValueError for a name outside the taxonomy."""
    try:
        return _ISSUE_BY_KEY[" ".join(name.split()).casefold()]
    except KeyError:
        raise ValueError(f"not one of UPR Info's {len(UPR_INFO_ISSUES)} issues: {name!r}") from None


def action_label(category: int) -> str:
    return ACTION_CATEGORIES[category][0]
