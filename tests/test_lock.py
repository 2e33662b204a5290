"""requirements/lock.txt, the one thing every install path installs (scripts/venv.sh): it pins every
dependency that pyproject.toml names, within its range, each with hashes (tests/unit/test_canary_report.py
checks that the venv holds exactly those versions). Offline: refreshing the lock (scripts/lock.sh) needs PyPI."""

from __future__ import annotations

import re
import tomllib
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
PIN_RE = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)\s*\\\n((?:\s+--hash=sha256:[0-9a-f]{64}\s*\\?\n?)+)", re.MULTILINE)


def locked() -> dict[str, tuple[str, list[str]]]:
    """canonical name -> (version, hashes)."""
    return {canonicalize_name(m[1]): (m[2], re.findall(r"sha256:([0-9a-f]{64})", m[3]))
            for m in PIN_RE.finditer(LOCK.read_text(encoding="utf-8"))}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    build = [line.split("#")[0].strip() for line in (ROOT / "requirements" / "build.in").read_text().splitlines()]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
            + [b for b in build if b]]


def test_the_lock_input_says_what_pyproject_says():
    """requirements/lock.in (what pip-compile and Dependabot resolve) is made from pyproject.toml."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("lock_inputs", ROOT / "scripts" / "lock_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "requirements" / "lock.in").read_text(encoding="utf-8") == module.lock_inputs(), \
        "requirements/lock.in is not what pyproject.toml says: run bash scripts/lock.sh"


def test_every_line_of_the_lock_is_a_pin_with_hashes():
    requirement_lines = [line for line in LOCK.read_text(encoding="utf-8").splitlines()
                         if line and not line[0].isspace() and not line.startswith("#")]
    assert requirement_lines and len(requirement_lines) == len(locked())
    assert all(hashes for _version, hashes in locked().values())


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_declared_dependency_is_locked_within_its_range(requirement):
    pins = locked()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement} is not in {LOCK.name}: run bash scripts/lock.sh"
    version = pins[name][0]
    assert requirement.specifier.contains(version, prereleases=True), \
        f"{LOCK.name} pins {name}=={version}, outside pyproject.toml's {requirement}: run bash scripts/lock.sh"
