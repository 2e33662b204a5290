"""A new user's report on another conference, from the wheel alone: README's "Start your own report", run as written.

The wheel is built from a copy of this checkout by README's first command; the second block runs in a folder
outside the repository with a HOME of its own, a system PATH and no virtualenv activated. The one thing done
beforehand: the fresh virtualenv gets the locked dependencies (requirements/lock.txt, hashes required), so
README's `pip install ./<wheel>` finds them installed and needs no index. Then `serve` (on a free port rather
than 8000, which another process may hold) is opened in Chromium: the page loads under its own CSP, and a
saved edit reloads it by itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from gates import PageWatch, block_external
from serving import free_port

pytestmark = pytest.mark.browser

SECTION_RE = re.compile(r"^## Start your own report\n(.*?)(?=^## )", re.MULTILINE | re.DOTALL)
BLOCK_RE = re.compile(r"^```shell\n(.*?)^```", re.MULTILINE | re.DOTALL)
CHECKOUT = ("pyproject.toml", "README.md", "src", "templates", "static", "content/i18n")


def readme_blocks() -> list[list[str]]:
    section = SECTION_RE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert section, "README.md has no 'Start your own report' section"
    return [[line for line in block.splitlines() if line.strip()] for block in BLOCK_RE.findall(section[1])]


# the Python this suite runs on comes first, as on a machine where it is the `python3` a new shell finds
# (the lock's pymdown-extensions needs Python 3.11.5 or later; Debian 12's /usr/bin/python3 is 3.11.2)
PYTHON_DIR = Path(getattr(sys, "_base_executable", sys.executable)).parent


def _env(home: Path) -> dict:
    return {"PATH": f"{PYTHON_DIR}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(home),
            "LANG": "C.UTF-8", "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
            "PIP_CACHE_DIR": str(Path.home() / ".cache" / "pip"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _run(script: str, cwd: Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{script}\nfailed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """(folder of the new report, HOME, the user's shell lines, their output) after README's commands up to serve."""
    tmp = tmp_path_factory.mktemp("new-user")
    build_block, user_block = readme_blocks()
    # 1. the wheel, built as README says, in a copy of the checkout (so nothing is written into the repository)
    checkout = tmp / "checkout"
    for name in CHECKOUT:
        target = checkout / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, target)
    (checkout / ".venv").symlink_to(ROOT / ".venv")
    _run("\n".join(build_block), checkout, _env(tmp))
    wheels = sorted((checkout / "dist").glob("*.whl"))
    assert [w.name for w in wheels] == [re.search(r"\./(\S+\.whl)", "\n".join(user_block))[1]], wheels
    # 2. the user's folder: the wheel and the conference's list, nothing of the repository
    home, work = tmp / "home", tmp / "work"
    home.mkdir()
    work.mkdir()
    shutil.copy2(wheels[0], work / wheels[0].name)
    shutil.copy2(ROOT / "tests" / "data" / "sls2031-papercopilot.json", work / "sls2031.json")
    venv = home / "neurips-report-env"
    _run(f"python3 -m venv {venv}\n{venv}/bin/pip install --quiet --no-compile --no-deps --require-hashes --only-binary :all: "
         f"-r {ROOT / 'requirements' / 'lock.txt'}", work, _env(home))
    serve_line = user_block[-1]
    assert serve_line == "neurips-report serve", user_block
    result = _run("\n".join(user_block[:-1]), work, _env(home))
    folder = work / re.search(r"^cd (\S+)$", "\n".join(user_block), re.MULTILINE)[1]
    return folder, home, user_block, result.stdout + result.stderr


def test_the_generator_comes_from_the_wheel(report):
    _folder, home, _lines, _output = report
    venv = home / "neurips-report-env"
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import neurips_report, sys; print(neurips_report.__file__)"],
                           capture_output=True, text=True, cwd=home, env=_env(home)).stdout.strip()
    assert where.startswith(str(venv)), where
    theme = Path(where).parent / "theme"
    assert (theme / "templates" / "base.html").is_file() and (theme / "i18n" / "zh.yaml").is_file()


def test_init_import_new_paper_and_build(report):
    folder, _home, _lines, output = report
    assert "created SLS 2031 report in sls-2031" in output
    assert (folder / ".github" / "workflows" / "site.yml").is_file() and (folder / ".gitignore").is_file()
    assert "check passed" in output
    assert "read 6 records (papercopilot JSON): kept 4, dropped 2 (Reject: 1, Withdraw: 1)" in output
    assert "by type: oral 1, poster 1, spotlight 1, workshop 1" in output
    assert "Poster in track 'Workshop' -> workshop" in output
    provenance = json.loads((folder / "content" / "data" / "accepted-papers.source.json").read_text(encoding="utf-8"))
    assert provenance["source"] == "sls2031.json" and provenance["kept"] == 4
    official = (folder / "content" / "data" / "accepted-papers.json").read_text(encoding="utf-8")
    assert "王小明" in official and "佐藤花子" in official and "Łukasz Kowalczyk" in official
    for lang in ("en", "zh"):
        page = (folder / "public" / lang / "papers" / "tactile-grasping-without-vision" / "index.html").read_text(encoding="utf-8")
        assert "Tactile Grasping Without Vision" in page
        assert "Thị Hoa Nguyễn" in page and "Jürgen Müller" in page and "Zoë Ashworth" in page
    assert sorted(p.name for p in (folder / "content" / "papers").iterdir()) == [
        "tactile-grasping-without-vision.en.md", "tactile-grasping-without-vision.zh.md"]
    site = (folder / "public").rglob("*.html")
    assert not any("NeurIPS" in p.read_text(encoding="utf-8") for p in site)     # nothing of the other report


def test_serve_in_chromium_loads_and_reloads(report, chromium, tmp_path):
    folder, home, lines, _output = report
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(["bash", "-c", f"{lines[2]} && exec {lines[-1]} --port {port}"], cwd=folder,
                                   env=_env(home), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while "serving " not in log.read_text(encoding="utf-8"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        time.sleep(1.0)
        url = f"http://127.0.0.1:{port}"
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(20_000)
        block_external(context, url)
        page = context.new_page()
        page.watch = PageWatch(page, url)
        page.goto(url + "/en/papers/tactile-grasping-without-vision/", wait_until="load")
        assert "Thị Hoa Nguyễn" in page.inner_text("main")
        page.goto(url + "/en/introduction/", wait_until="load")
        intro = folder / "content" / "sections" / "introduction.en.md"
        intro.write_text(intro.read_text(encoding="utf-8") + "\nA sentence saved while the page is open.\n", encoding="utf-8")
        page.wait_for_function("t => document.body && document.body.innerText.includes(t)",
                               arg="A sentence saved while the page is open.", timeout=20_000)
        assert page.watch.reset() == []
        context.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
