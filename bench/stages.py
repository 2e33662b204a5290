#!/usr/bin/env python3
"""Where a cold build's CPU goes, stage by stage, in one process (no profiler, whose overhead would
distort the shares): user CPU seconds of each stage of `engine.pipeline.run`, the best of a few cold
runs (no .cache, no previous output).

    .venv/bin/python bench/stages.py SITE OUT [RUNS]

Prints one JSON object: stage -> user CPU seconds. Forces one process (NEURIPS_REPORT_JOBS=1), so
that the figures are the work itself; what forking costs shows in whole-process timings only.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def user_seconds() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def main(site: Path, out: Path, runs: int) -> dict:
    os.environ["NEURIPS_REPORT_JOBS"] = "1"
    sys.path.insert(0, str(REPO / "src"))
    from neurips_report.bib import bibliography
    from neurips_report.engine import pipeline
    from neurips_report.theme import environment

    spent: dict[str, float] = {}

    def timed(owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            start = user_seconds()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + user_seconds() - start
        setattr(owner, name, wrapper)

    timed(pipeline, "load", "load (content files, references.bib)")
    timed(pipeline, "_load_bibliography", "  references.bib")
    timed(pipeline, "check_and_resolve", "check + resolve (Markdown)")
    timed(bibliography.Bibliography, "prepare", "bibliography formatting")
    timed(pipeline, "plan", "plan pages")
    timed(pipeline, "render_pages", "render + write pages")
    timed(environment, "close_wide_gaps", "  close_wide_gaps (Chinese pages)")
    timed(pipeline, "fingerprint", "  fingerprints (pickled contexts)")
    best: dict[str, float] = {}
    for _ in range(runs):
        shutil.rmtree(site / ".cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        spent.clear()
        start = user_seconds()
        pipeline.run(pipeline.Options(site, out))
        row = {"whole run": user_seconds() - start, **spent}
        best = {key: min(best.get(key, value), value) for key, value in row.items()}
    return {key: round(value, 3) for key, value in best.items()}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 3),
                     indent=1))
