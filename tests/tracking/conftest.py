"""The tracking tests share the Slovenia store and the team of tests/conftest.py."""

from tests.conftest import PASSWORD, Team

__all__ = ["PASSWORD", "Team"]
