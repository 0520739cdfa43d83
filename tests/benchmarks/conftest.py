"""Benchmarks print figures as ratios to a baseline measured in the same run.

They are collected only by `make bench` (marker `benchmark`), never asserted on time.
"""

import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    # This hook sees every collected item, not only this folder's.
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.benchmark)


def best_of(function, repeat=5):
    """The fastest of `repeat` runs of `function()`, in seconds (least disturbed by noise)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def report(title, rows):
    """Print a small table: rows of (label, value)."""
    print(f"\n== {title}")
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"   {label.ljust(width)}  {value}")
