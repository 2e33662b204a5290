"""Printing problems for people (text) and tools (JSON)."""

from __future__ import annotations

import json
import sys

from ..core.formatting import count


def print_problems(problems, fmt: str = "text", stream=None) -> None:
    stream = stream or sys.stderr
    if fmt == "json":
        json.dump([p.as_dict() for p in problems], stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    for problem in problems:
        stream.write(problem.format() + "\n")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if problems:
        stream.write(count(errors, "error") + (", " + count(warnings, "warning") if warnings else "") + "\n")
