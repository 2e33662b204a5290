"""Write requirements/lock.in, the input of the lock: pyproject.toml's runtime and test ranges and
requirements/build.in's build back end, as one plain requirements file. pip-compile (scripts/lock.sh,
and Dependabot, which re-runs the command in requirements/lock.txt's header) resolves that file, so
nothing depends on a pip-compile option such as --extra that an updater might not repeat.
tests/test_lock.py checks that lock.in says what pyproject.toml says."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK_IN = ROOT / "requirements" / "lock.in"


def lock_inputs() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    build = [line.split("#")[0].strip() for line in
             (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()]
    lines = ["# Made by scripts/lock.sh from pyproject.toml (dependencies and the test extra) and",
             "# requirements/build.in; edit those, not this file.",
             *project["dependencies"], *project["optional-dependencies"]["test"], *[b for b in build if b]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    LOCK_IN.write_text(lock_inputs(), encoding="utf-8")
    sys.exit(0)
