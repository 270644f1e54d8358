"""Interface words that reach templates as data (dimension names, responses, groups, sorts…).

``N_`` only marks them for ``pybabel extract -k N_``; templates translate them with ``_()``.
"""

from __future__ import annotations

from rightstrack.languages import N_

MARKED = (
    # Dimensions (rightstrack.search.query.Dimension.label)
    N_("Type"),
    N_("State under review"),
    N_("SuR regional group"),
    N_("SuR organisation"),
    N_("Recommending state"),
    N_("Recommending regional group"),
    N_("Recommending organisation"),
    N_("Cycle"),
    N_("Session"),
    N_("Year"),
    N_("Response"),
    N_("Action category"),
    N_("Issue"),
    N_("UHRI theme"),
    N_("Predicted issue"),
    N_("SDG"),
    N_("Recommending state on the Council"),
    N_("SuR on the Council"),
    N_("Council member"),
    N_("not a member"),
    # Values
    N_("recommendation"),
    N_("pledge"),
    N_("Accepted"),
    N_("Noted"),
    N_("Partly accepted"),
    # SMART criteria and levels (rightstrack.classify.smart)
    N_("Specific"),
    N_("Measurable"),
    N_("Achievable"),
    N_("Relevant"),
    N_("Time-bound"),
    N_("met"),
    N_("partly"),
    N_("not met"),
    N_("African"),
    N_("Asia-Pacific"),
    N_("Eastern European"),
    N_("GRULAC"),
    N_("WEOG"),
    N_("Observer"),
    # A proposed cluster of recommendations with no shared issue (analysis/clusters.py)
    N_("Other themes"),
    # Sorts
    N_("Relevance"),
    N_("Recent"),
    N_("State"),
    # Action categories (rightstrack.reference.issues.ACTION_CATEGORIES)
    N_("Minimal action"),
    N_("Continuing action"),
    N_("Considering action"),
    N_("General action"),
    N_("Specific action"),
)
