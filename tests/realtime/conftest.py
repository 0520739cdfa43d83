"""Fixtures for the live-update tests: real daphne processes (tests/liveserver.py)."""

from tests.liveserver import daphne_factory  # noqa: F401 - a fixture, used by name
