"""Every command that README.md and docs/editors-guide.md show works exactly as written, in a new shell.

The README's set-up commands (`bash scripts/serve.sh`, `bash scripts/test.sh`) create `.venv/` with the
package installed; the documents then name `.venv/bin/neurips-report` (nothing has to be activated). This
test collects every command of the documents' ```sh blocks and every inline `code` that is a command, and
runs each one as written with `bash -c`, in a fresh copy of the site (so that what a command writes lands
in the copy), with a bare environment: no virtualenv activated, a system PATH. The documents' repository
has the venv (`.venv/bin/neurips-report`) the set-up command makes; here the copy links to this checkout's.

Commands that cannot be run here — they install system packages, run the whole test suite, serve until
stopped, or run benchmarks for minutes — are on the LONG list below; for them the test checks that what
they run exists. Usage lines (```text blocks, or inline code with placeholders such as TITLE or [--slug s])
are not run: each option they name must be one that the command's --help lists.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCUMENTS = ("README.md", "docs/editors-guide.md")
VENV_CLI = ".venv/bin/neurips-report"

# Commands not run here, by the prefix they start with, each with why:
LONG = {
    "bash scripts/serve.sh": "installs the package, builds, then serves until stopped",
    "bash scripts/test.sh": "installs Chromium, Java and npm tools, then runs this very suite",
    ".ci/run": "runs bash scripts/test.sh",
    "bash scripts/lock.sh": "resolves against PyPI and rewrites the lock (tests/test_lock.py checks the lock itself)",
    "bash scripts/canary.sh": "installs the newest releases, then runs the suite (tests/unit/test_canary_report.py)",
    ".venv/bin/python scripts/run-workflow.py .github/workflows/site.yml test-and-build":
        "runs the whole CI job (tests/test_run_workflow.py runs its install and build steps)",
    ".venv/bin/python scripts/run-workflow.py .github/workflows/nightly.yml canary": "runs the canary job",
    f"{VENV_CLI} build --pdf": "typesets both PDF editions of the real site, 20 s (tests/test_pdf.py builds and reads "
                               "them; tests/unit/test_cli.py runs build --pdf on a fixture site)",
    f"{VENV_CLI} serve": "serves until stopped (tests/test_serve.py runs serve)",
    ".venv/bin/python -m pytest": "runs (part of) the test suite",
    ".venv/bin/python -m http.server": "serves until stopped (tests/browser/test_reader.py previews a build so)",
    ".venv/bin/python bench/run.py": "benchmarks for minutes (tests/test_bench_smoke.py runs a small one)",
    ".venv/bin/python bench/synth.py 5000": "writes 10,000 files (tests/test_bench_smoke.py runs a small one)",
}

# README's "Start your own report" runs outside the repository, from the wheel, with the CLI on the PATH:
# tests/browser/test_new_user.py runs its commands as written.
OWN_SECTION_RE = re.compile(r"^## Start your own report\n.*?(?=^## )", re.MULTILINE | re.DOTALL)
BLOCK_RE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE_RE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
COMMAND_START = (".venv/bin/", "bash ", ".ci/", "source ", "python", "pytest", "neurips-report", "pip ")
PLACEHOLDER_RE = re.compile(r"\[|\.\.\.|<|\bTITLE\b|\bDIR\b|\|")
NOT_ON_PATH = ("neurips-report", "pytest", "python", "pip")     # programs a new shell does not have (or not ours)
BARE_CLI_RE = re.compile(r"(?<![\w/.-])neurips-report\s")            # the CLI named without .venv/bin/


def _strip_comment(line: str) -> tuple[str, str]:
    """(command, comment) of a shell line whose comment starts with ' #'."""
    command, _, comment = line.partition(" #")
    return command.strip(), comment.strip()


def documented() -> list[tuple[str, str, str]]:
    """(document, kind, text): kind 'run' for a command, 'usage' for a synopsis or a command with placeholders,
    'comment' for the comment after a command (checked only for commands that are not on the PATH)."""
    found = []
    for name in DOCUMENTS:
        text = OWN_SECTION_RE.sub("", (ROOT / name).read_text(encoding="utf-8"))
        for match in BLOCK_RE.finditer(text):
            language, body = match[1], match[2]
            if language not in ("sh", "bash", "text"):
                continue
            for line in body.splitlines():
                command, comment = _strip_comment(line)
                if not command or command.startswith("#"):
                    continue
                usage = language == "text" or PLACEHOLDER_RE.search(command)
                found.append((name, "usage" if usage else "run", command))
                if comment:
                    found.append((name, "comment", comment))
        prose = BLOCK_RE.sub("", text)
        for match in INLINE_RE.finditer(prose):
            span = match[1].strip()
            if span in ("neurips-report", VENV_CLI):     # the program named in a sentence, not a command
                continue
            if span.startswith(COMMAND_START):
                found.append((name, "usage" if PLACEHOLDER_RE.search(span) else "run", span))
    return found


COMMANDS = documented()
RUN = sorted({command for _doc, kind, command in COMMANDS if kind == "run"})
USAGE = sorted({command for _doc, kind, command in COMMANDS if kind == "usage"})


def _long(command: str) -> str | None:
    return next((prefix for prefix in LONG if command == prefix or command.startswith(prefix + " ")), None)


def test_the_documents_show_commands():
    assert len(RUN) >= 8, RUN
    assert any(c.startswith(f"{VENV_CLI} build") for c in RUN)
    assert any(c.startswith(f"{VENV_CLI} new paper") for c in RUN)
    assert any(c.startswith(f"{VENV_CLI} check") for c in RUN)


@pytest.mark.parametrize("doc, kind, text", COMMANDS, ids=[f"{d}:{t}" for d, _k, t in COMMANDS])
def test_no_command_relies_on_an_activated_venv(doc, kind, text):
    """In a new shell after the set-up command, only .venv/bin/... has the package; `python` may not exist."""
    program = text.split()[0]
    bad = BARE_CLI_RE.search(text + " ") if kind == "comment" else program in NOT_ON_PATH
    assert not bad, f"{doc}: `{text}` is not found in a new shell; write {VENV_CLI} (or .venv/bin/python)"


def _fresh_copy(tmp_path: Path) -> Path:
    """A checkout as the README's set-up command leaves it, with its own copy of what commands may write."""
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copytree(ROOT / "content", copy / "content")
    for name in ("scripts", "bench", "docs", "src", "templates", "static", ".ci", ".github", "build.py",
                 "pyproject.toml"):
        if (ROOT / name).exists():
            (copy / name).symlink_to(ROOT / name)
    (copy / ".venv").symlink_to(Path(sys.prefix))      # the venv running the suite (the canary's, on the canary)
    return copy


def _new_shell_env() -> dict:
    """What a new login shell has: no VIRTUAL_ENV, no venv on the PATH."""
    return {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": os.environ.get("HOME", "/root"),
            "LANG": "C.UTF-8", "TMPDIR": os.environ.get("TMPDIR", "/tmp")}


@pytest.mark.skipif(not (ROOT / VENV_CLI).exists(), reason="needs the venv the README's set-up command creates")
@pytest.mark.parametrize("command", RUN)
def test_documented_command_runs_as_written(tmp_path, command):
    long = _long(command)
    if long:
        _check_long(command)
        return
    copy = _fresh_copy(tmp_path)
    result = subprocess.run(["bash", "-c", command], cwd=copy, env=_new_shell_env(), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"`{command}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr


def _check_long(command: str) -> None:
    """What a long-running command runs exists (and a shell script at least parses)."""
    words = shlex.split(command)
    if words[0] == "bash":
        script = ROOT / words[1]
        assert script.is_file(), f"{command}: {words[1]} does not exist"
        assert subprocess.run(["bash", "-n", str(script)]).returncode == 0, f"{words[1]} does not parse"
    else:
        program = ROOT / words[0]
        assert program.is_file() and os.access(program, os.X_OK), f"{command}: {words[0]} is not an executable"
        if words[1:2] and words[1].endswith(".py"):
            assert (ROOT / words[1]).is_file(), f"{command}: {words[1]} does not exist"
        if words[0] == VENV_CLI:
            assert subprocess.run([str(program), words[1], "--help"], capture_output=True).returncode == 0


def _help(subcommand: str) -> str:
    result = subprocess.run([str(ROOT / VENV_CLI), subcommand, "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(not (ROOT / VENV_CLI).exists(), reason="needs the venv the README's set-up command creates")
@pytest.mark.parametrize("usage", USAGE)
def test_usage_lines_name_real_options(usage):
    words = usage.split()
    if words[0] != VENV_CLI:
        assert (ROOT / words[0]).exists() or shutil.which(words[0]), usage
        return
    text = _help(words[1])
    for option in re.findall(r"--[a-z][a-z-]*", usage):
        assert option in text, f"`{usage}`: {words[1]} has no option {option}"
    if words[1] == "new":
        kinds = re.search(r"\{([^}]+)\}|\[([^\]]+)\]", subprocess.run(
            [str(ROOT / VENV_CLI), "new", "--help"], capture_output=True, text=True).stdout)
        assert kinds, "new --help lists its kinds"


def test_long_commands_are_the_documented_ones():
    """Every entry of the LONG list is still in a document (the list is not an escape hatch)."""
    for prefix in LONG:
        assert any(c == prefix or c.startswith(prefix + " ") for c in RUN), f"LONG lists {prefix!r}, no document shows it"
