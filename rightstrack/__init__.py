"""RightsTrack: recommendations and pledges of the UN human rights mechanisms, searchable and counted."""

__version__ = "0.1.0"
