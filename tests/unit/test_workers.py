"""fork_map: the results of a serial map, in order, each item computed once, by this process and the
forked workers together."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurips_report.core import workers


@pytest.fixture(autouse=True)
def forking(monkeypatch):
    monkeypatch.setattr(workers, "FORCE", True)        # pytest's own threads are harmless here
    monkeypatch.setattr(workers, "MIN_ITEMS", 2)


def _square_where(item):
    return item * item, os.getpid()


@pytest.mark.parametrize("jobs", ["2", "3"])
@pytest.mark.parametrize("size", [2, 3, 17, 400])
def test_the_results_of_a_serial_map_in_order(monkeypatch, jobs, size):
    monkeypatch.setenv("NEURIPS_REPORT_JOBS", jobs)
    seen = []
    results = workers.fork_map(_square_where, list(range(size)), then=lambda r: seen.append(r) or r)
    assert [value for value, _ in results] == [i * i for i in range(size)]
    assert sorted(seen) == sorted(results)                    # `then` saw each result once
    # this process takes chunks from the front, the workers from the back: its results are a prefix
    mine = [pid == os.getpid() for _, pid in results]
    assert mine == sorted(mine, reverse=True)


@given(st.integers(min_value=2, max_value=300))
@settings(max_examples=15, deadline=None)
def test_every_item_is_computed_once(size):
    os.environ["NEURIPS_REPORT_JOBS"] = "2"
    try:
        results = workers.fork_map(_square_where, list(range(size)))
    finally:
        del os.environ["NEURIPS_REPORT_JOBS"]
    assert [value for value, _ in results] == [i * i for i in range(size)]


@pytest.mark.parametrize("bad", [0, 99])
def test_an_error_on_either_side_reaches_the_caller(monkeypatch, bad):
    monkeypatch.setenv("NEURIPS_REPORT_JOBS", "2")

    def fails(item):
        if item == bad:
            raise ValueError(f"item {bad}")
        return item
    with pytest.raises(ValueError, match=f"item {bad}"):
        workers.fork_map(fails, list(range(100)))
