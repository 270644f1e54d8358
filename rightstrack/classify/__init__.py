"""Classifiers trained by the project from UPR Info's hand-coded recommendations."""
