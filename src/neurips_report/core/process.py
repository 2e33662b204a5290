"""How a build uses the process: the garbage collector's policy, in one place.

A build allocates millions of small objects that live until it ends, most of them without cycles:
the cyclic collector would walk them again and again (a quarter of page planning at 5,000 papers).
So, inside `build_policy()`, it runs less often, and what loading produced is left out of its
passes (`settle()`). Forked workers leave the inherited heap out of their collections too
(`frozen_for_fork()`), without undoing what the build or a serve session froze. Serve's session
keeps its site model out of the collector for as long as it lives (`keep()`).

NEURIPS_REPORT_GC=default turns all of it off; the output is the same either way.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager

MIN_THRESHOLD = 50_000


def tuned() -> bool:
    return os.environ.get("NEURIPS_REPORT_GC") != "default"


@contextmanager
def build_policy():
    """For the length of one build: fewer collections; whatever was frozen is released at the end."""
    if not tuned():
        yield
        return
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], MIN_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def settle() -> None:
    """What exists now lives until the build ends: leave it out of the collector's passes."""
    if tuned():
        gc.freeze()


def keep() -> None:
    """What exists now lives as long as the process (serve's session): collect once, then freeze."""
    if tuned():
        gc.collect()
        gc.freeze()


@contextmanager
def frozen_for_fork():
    """Around forking workers: the heap they inherit is left out of their collections (a full
    collection in a worker would touch, and so copy, every page of it). What was frozen before
    stays frozen; only what this call froze is released."""
    mine = tuned() and gc.get_freeze_count() == 0
    if mine:
        gc.freeze()
    try:
        yield
    finally:
        if mine:
            gc.unfreeze()
