"""One query model for every interface: full text, filters, facets, sort and pages."""
