"""Implementation tracking: plans that turn accepted recommendations into measures, indicators and
progress, shared with agencies, independent assessors and the public, each by its role."""
