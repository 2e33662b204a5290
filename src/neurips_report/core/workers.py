"""Spread independent, deterministic work (Markdown bodies, references, pages) over the CPU cores
with forked worker processes. Results come back in input order, so the output is the same
byte for byte as a single-process run; small jobs, platforms without fork and processes that run
threads (forking those is unsafe) simply run serially.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

from . import process

MIN_ITEMS = 400          # below this, forking costs more than it saves
FORCE = False            # tests: fork even when other threads run (pytest's own are harmless)
_TASK = None             # (function, items, chunks, claimed) inherited by the forked workers


def workers() -> int:
    env = os.environ.get("NEURIPS_REPORT_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:       # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (FORCE or threading.active_count() == 1)


def fork_map(function, items: list, min_items: int | None = None, then=None) -> list:
    """[then(function(item)) for item in items], `function` computed by forked workers when that pays
    off. `function` and `items` are inherited through fork, not pickled; only results travel back, and
    `then` (in this process) takes each result once, in no promised order. This process works too: it
    takes the chunks of items from the front while the workers (one fewer than the cores) take them
    from the back, until they meet (one process less to fork, and half as many results to pickle)."""
    min_items = MIN_ITEMS if min_items is None else min(min_items, MIN_ITEMS)
    jobs = min(workers(), len(items) // max(1, min_items // 2) or 1)
    then = then or (lambda result: result)
    if jobs < 2 or len(items) < min_items or not can_fork():
        return [then(function(item)) for item in items]
    global _TASK
    context = multiprocessing.get_context("fork")
    chunks = _chunks(len(items), jobs * 8)
    claimed = context.Array("i", [0, len(chunks)])    # [the front's next chunk, the back's last chunk]
    _TASK = (function, items, chunks, claimed)
    done: dict[int, list] = {}
    try:
        with process.frozen_for_fork():
            with context.Pool(jobs - 1) as pool:
                from_back = pool.imap(_run_chunk, list(reversed(range(len(chunks)))), chunksize=1)
                for index, (start, end) in enumerate(chunks):
                    with claimed.get_lock():
                        if index >= claimed[1]:
                            break                      # the workers have it, and everything after it
                        claimed[0] = index + 1
                    done[index] = [then(function(items[i])) for i in range(start, end)]
                for index, part in zip(reversed(range(len(chunks))), from_back):
                    if part is not None:
                        done[index] = [then(result) for result in part]
    finally:
        _TASK = None
    return [result for index in range(len(chunks)) for result in done[index]]


def _chunks(total: int, count: int) -> list[tuple[int, int]]:
    size = -(-total // count)
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def _run_chunk(index: int) -> list | None:
    """A worker's share: the chunk `index` of the items, computed unless this process took it already."""
    function, items, chunks, claimed = _TASK
    with claimed.get_lock():
        if index < claimed[0]:
            return None
        claimed[1] = min(claimed[1], index)
    start, end = chunks[index]
    return [function(items[i]) for i in range(start, end)]
