"""Pipelines that read a whole source and store it: one module per source that needs more than a parse."""
