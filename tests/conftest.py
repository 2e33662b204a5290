"""Shared fixtures: fixture sites copied to a temp dir, in-process builds, output snapshots.

The suite runs in parallel (`bash scripts/test.sh` passes `-n auto --dist loadfile` to
pytest-xdist). What is expensive is made once per test run and shared by every worker through
shared_build(): the built real site (built_site), the built fixture sites (built) and a warm build
cache of the real site that copy_site("real", ...) puts into each private copy. Each test file runs
on one worker, so module-scoped fixtures are made once too.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"
sys.path.insert(0, str(ROOT / "src"))

from neurips_report.model.problems import BuildFailed  # noqa: E402
from neurips_report.engine.pipeline import Options, build, check_site  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")
    parser.addoption("--store-durations", action="store_true",
                     help=f"write this run's test durations to {DURATIONS.relative_to(ROOT)} (the workers' schedule)")


def pytest_configure(config):
    # the order of the files is ours (longest first, see longest_first), not xdist's (most tests first)
    if getattr(config.option, "dist", "no") in ("loadfile", "loadscope", "loadgroup"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        longest_first(items)
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# Each test file runs on one worker (--dist loadfile), so a module-scoped fixture (the browser crawl,
# a reference build) is made once. The workers take the files longest first, so a long one (the
# crawl) does not start last and leave the other workers idle. The durations come from
# tests/durations.json (pytest --store-durations), else an estimate.
DURATIONS = ROOT / "tests" / "durations.json"
DEFAULT_SECONDS = 0.3          # a test with no recorded duration
_RUN_DURATIONS: dict[str, float] = {}


def _unit(item) -> str:
    return item.nodeid.split("::")[0]


def longest_first(items) -> None:
    try:
        known = json.loads(DURATIONS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    cost: dict[str, float] = {}
    for item in items:
        cost[_unit(item)] = cost.get(_unit(item), 0.0) + known.get(item.nodeid, DEFAULT_SECONDS)
    items.sort(key=lambda item: -cost[_unit(item)])          # stable: a unit's tests keep their order


def pytest_runtest_logreport(report):
    if report.when in ("setup", "call", "teardown"):
        _RUN_DURATIONS[report.nodeid] = _RUN_DURATIONS.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    if not session.config.getoption("--store-durations") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    try:
        old = json.loads(DURATIONS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    # only what is worth scheduling: the many short tests share DEFAULT_SECONDS
    new = {nodeid: round(seconds, 1) for nodeid, seconds in _RUN_DURATIONS.items() if seconds >= 1}
    merged = {k: v for k, v in old.items() if k not in _RUN_DURATIONS} | new
    DURATIONS.write_text(json.dumps(dict(sorted(merged.items())), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


# -- made once per test run, shared by the xdist workers ------------------------------------------------------

SHARED: Path | None = None     # set by the _shared_folder fixture below
_MADE: dict[str, Path] = {}


@pytest.fixture(scope="session", autouse=True)
def _shared_folder(tmp_path_factory):
    """<run's temp folder>/shared: the same folder for every worker of one run."""
    global SHARED
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):      # each worker's basetemp is <run's basetemp>/popen-gwN
        base = base.parent
    SHARED = base / "shared"
    SHARED.mkdir(exist_ok=True)
    yield SHARED
    SHARED = None


@contextmanager
def _locked(name: str):
    with open(SHARED / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_build(name: str, make) -> Path:
    """A folder made by make(folder) once per test run: the first worker to ask makes it while
    the others wait for it (a file lock), later calls return it at once. Treat it as read-only.
    Outside a test session (no shared folder yet) it is simply made in a fresh temp folder."""
    if name in _MADE:
        return _MADE[name]
    if SHARED is None:
        import tempfile
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        make(folder)
        return folder
    folder, done = SHARED / name, SHARED / f"{name}.done"
    with _locked(name):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)     # a half-made folder of a failed attempt
            folder.mkdir()
            make(folder)
            done.touch()
    _MADE[name] = folder
    return folder


@pytest.fixture
def repository_cache():
    """For a test that builds the repository's own site (--site at the repository root, e.g. in a
    subprocess): its build cache, <repository>/.cache, is used by one such test at a time."""
    with _locked("repository-cache"):
        yield ROOT / ".cache"


def warm_cache(name: str = "real") -> Path:
    """The build cache of one build of a site (default options), made once per run."""
    def make(folder: Path) -> None:
        root = _copy_sources(name, folder)
        run_build(root, folder / "public", cache_dir=folder / "cache")
    return shared_build(f"warm-cache-{name}", make) / "cache"


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def _copy_sources(name: str, dest: Path) -> Path:
    target = dest / name
    if name == "real":
        target.mkdir(parents=True)
        shutil.copytree(ROOT / "content", target / "content")
    else:
        shutil.copytree(SITES / name, target)
    return target


WARM = ("real",)      # sites whose copies come with a warm build cache (the others build in well under a second)


def copy_site(name: str, dest: Path, warm: bool = True) -> Path:
    """Copy a site (a fixture under tests/sites/, or 'real' for the repository's own) to dest.

    A copy of the real site comes with the build cache of a build of the same sources (made once per
    run, see warm_cache), so its first build only redoes what differs: about half the time of a
    cold build. The cache reuses a result only when its inputs are unchanged, and the output is
    byte-identical to a cold build (tests/test_bench_smoke.py, tests/test_determinism.py).
    warm=False gives a copy without it, for a test about cold builds."""
    target = _copy_sources(name, dest)
    if warm and name in WARM:
        shutil.copytree(warm_cache(name), target / ".cache", ignore=shutil.ignore_patterns("previous-output"))
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
        check_site(Options(root))
    except BuildFailed as exc:
        return [p.format() for p in exc.problems if p.severity == "error"]
    return []


def synth():
    """bench/synth.py, the generator of synthetic sites (of any size) and bibliographies."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    import synth as module
    return module


def synthetic_bibtex(papers: int) -> str:
    """The references.bib of a synthetic site with this many papers."""
    conf = synth().generate(papers)
    return "".join(synth().bibtex_entry(*item) + "\n" for item in conf.bib)


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
    return importlib.util.find_spec("neurips_report.engine.search") is not None


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built once per test run at base URL '/' (with search if supported) and shared
    by every worker: treat it as read-only. Its cache is its own, so the repository's .cache is
    left alone."""
    def make(folder: Path) -> None:
        build(Options(ROOT, folder / "public", base_url="/", search=search_supported(), cache_dir=folder / "cache"))
    return shared_build("built-site", make) / "public"


def pdf_build(name: str, paper: str = "a4") -> Path:
    """A copy of a site ('real' or a fixture) built at base URL '/' with its PDF editions (build --pdf),
    once per test run and shared by every worker: the folder holding the copy (<folder>/<name>) and its
    output (<folder>/out). Treat it as read-only."""
    def make(folder: Path) -> None:
        root = copy_site(name, folder)
        run_build(root, folder / "out", base_url="/", pdf=True, paper=paper)
    return shared_build(f"pdf-{name}-{paper}", make)


@pytest.fixture(scope="session")
def built():
    """Factory: built('minimal') -> the output folder of one build of that fixture site.

    Built once per test run and shared by every worker: treat it as read-only."""
    def get(name: str = "minimal") -> Path:
        def make(folder: Path) -> None:
            run_build(copy_site(name, folder, warm=False), folder / "out")
        return shared_build(f"built-{name}", make) / "out"
    return get
