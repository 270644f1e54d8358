"""Statistics for any search: counts, shares, acceptance rates, cross-tabs and trends."""
