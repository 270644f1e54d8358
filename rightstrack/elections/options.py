"""The elections' default the command line shows in its options, apart from the pledges' store
(SQLAlchemy): ``rightstrack --help`` builds ``--late-days`` from it without waiting for the rest."""

from __future__ import annotations

# A pledge published this many days or fewer before the vote is late: RightsTrack's own threshold,
# not a UN rule (``rightstrack.elections.pledges`` says why), which every function takes as a parameter.
LATE_DAYS = 30
