"""Shared fixtures: fixture sites copied to a temp dir, in-process builds, output snapshots."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"
sys.path.insert(0, str(ROOT / "src"))

from neurips_report.errors import BuildFailed  # noqa: E402
from neurips_report.pipeline import Options, build, load_site  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def copy_site(name: str, dest: Path) -> Path:
    """Copy a site (a fixture under tests/sites/, or 'real' for the repository's own) to dest."""
    target = dest / name
    if name == "real":
        target.mkdir(parents=True)
        shutil.copytree(ROOT / "content", target / "content")
    else:
        shutil.copytree(SITES / name, target)
    return target


@pytest.fixture
def site(tmp_path):
    """Factory: site('minimal') -> path of a private copy of that fixture site."""
    return lambda name="minimal": copy_site(name, tmp_path)


def run_build(root: Path, out: Path | None = None, **kwargs):
    """Build in-process; returns BuildResult, raises BuildFailed."""
    return build(Options(root, out or root / "public", search=False, **kwargs))


def build_errors(root: Path, out: Path | None = None) -> list[str]:
    """The formatted problems of a failing build (empty list if it succeeds)."""
    try:
        run_build(root, out)
    except BuildFailed as exc:
        return [p.format() for p in exc.problems]
    return []


def check_errors(root: Path) -> list[str]:
    try:
        load_site(Options(root))
    except BuildFailed as exc:
        return [p.format() for p in exc.problems if p.severity == "error"]
    return []


def tree_digest(folder: Path) -> dict[str, str]:
    """rel path -> sha256 of every file under folder."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(*args: str, cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run `python build.py ARGS` as a user would."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=timeout)


def search_supported() -> bool:
    """Whether this generator can build the Pagefind search index."""
    import importlib.util
    return importlib.util.find_spec("neurips_report.search") is not None


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per session at base URL '/' (with search if supported)."""
    out = tmp_path_factory.mktemp("built-site") / "public"
    build(Options(ROOT, out, base_url="/", search=search_supported()))
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Factory: built('minimal') -> the output folder of one build of that fixture site.

    Built once per test session and shared: treat it as read-only."""
    cache: dict[str, Path] = {}

    def get(name: str = "minimal") -> Path:
        if name not in cache:
            base = tmp_path_factory.mktemp(f"built-{name}")
            run_build(copy_site(name, base), base / "out")
            cache[name] = base / "out"
        return cache[name]
    return get
