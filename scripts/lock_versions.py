"""The versions requirements/lock.txt pins and the versions installed in this interpreter's environment,
by normalized name, and where they differ. Used by the canary's report (scripts/canary_report.py) and by
the test that holds the locked install to the Markdown release the speed-ups were proven on."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parent.parent / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
NOT_COMPARED = {"pip", "setuptools", "neurips-report"}     # the installer's own, and this project


def locked(path: Path = LOCK) -> dict[str, str]:
    """{name: version} of every `name==version` line of a pip-compile lock."""
    return {canonicalize_name(name): version for name, version in PIN.findall(path.read_text(encoding="utf-8"))}


def installed() -> dict[str, str]:
    """{name: version} of every distribution installed where this interpreter looks."""
    return {canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
            if dist.metadata["Name"]}


def differences(pinned: dict[str, str], present: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    """(name, locked version or None, installed version or None) for each package that is not as locked,
    sorted by name. A locked package that is not installed (the build back end, with an isolated build)
    has installed None; an installed package the lock does not name has locked None."""
    names = (pinned.keys() | present.keys()) - NOT_COMPARED
    return [(name, pinned.get(name), present.get(name)) for name in sorted(names)
            if pinned.get(name) != present.get(name)]


if __name__ == "__main__":
    # the installed packages the lock does not name, one per line (scripts/venv.sh uninstalls them)
    print("\n".join(name for name, pinned, _present in differences(locked(), installed()) if pinned is None))
