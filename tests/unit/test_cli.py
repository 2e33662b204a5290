"""cli: every command answers --help; build and check exit codes and messages, as a user sees them."""

from __future__ import annotations

import json
import re

import pytest

from conftest import cli, copy_site, tree_digest
from neurips_report import __version__


def break_paper(root):
    for lang in ("en", "zh"):
        paper = root / f"content/papers/tiny-model.{lang}.md"
        paper.write_text(paper.read_text().replace("track: vision", "track: visoin"), encoding="utf-8")


PROBLEM = "content/papers/tiny-model.en.md:5: error: unknown track 'visoin'\n    hint: did you mean 'vision'?"


def test_main_help_lists_every_command():
    result = cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ")
    for command in ("build", "serve", "check", "new"):
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.MULTILINE), command


@pytest.mark.parametrize("command, option", [
    ("build", "--base-url"), ("serve", "--port"), ("check", "--strict"), ("new", "--title"),
])
def test_command_help(command, option):
    result = cli(command, "-h")
    assert result.returncode == 0 and result.stderr == ""
    assert f"Usage: " in result.stdout and option in result.stdout and "--site" in result.stdout


def test_version():
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"neurips-report, version {__version__}"


def test_unknown_command():
    result = cli("publish")
    assert result.returncode == 2 and "No such command 'publish'" in result.stderr


def test_build_succeeds_then_failure_keeps_output(tmp_path):
    root = copy_site("minimal", tmp_path)
    out = tmp_path / "out"
    ok = cli("build", "--site", str(root), "--out", str(out), "--no-search")
    assert ok.returncode == 0, ok.stderr
    assert re.fullmatch(rf"built 30 pages \(47 files\) into {re.escape(str(out))} in \d+\.\d\ds\n", ok.stdout.splitlines()[-1] + "\n")
    before = tree_digest(out)

    break_paper(root)
    failed = cli("build", "--site", str(root), "--out", str(out), "--no-search")
    assert failed.returncode == 1
    assert PROBLEM + "\n1 error\nbuild failed; the previous output was left untouched\n" in failed.stderr
    assert failed.stdout == ""
    assert tree_digest(out) == before


def test_build_default_output_is_public_in_the_site(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("build", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "public/en/index.html").is_file()


def test_check_passes_and_writes_nothing(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("check", "--site", str(root))
    assert result.returncode == 0
    assert result.stderr.strip().splitlines()[-1] == "check passed"
    assert not (root / "public").exists()


def test_check_fails_with_problems(tmp_path):
    root = copy_site("minimal", tmp_path)
    break_paper(root)
    text = cli("check", "--site", str(root))
    assert text.returncode == 1
    assert text.stderr.startswith(PROBLEM + "\n")
    as_json = cli("check", "--site", str(root), "--format", "json")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == [{"path": "content/papers/tiny-model.en.md", "line": 5, "severity": "error",
                                          "message": "unknown track 'visoin'", "hint": "did you mean 'vision'?"}]


def test_check_strict_fails_on_warnings(tmp_path):
    root = copy_site("minimal", tmp_path)
    with open(root / "content/references.bib", "a", encoding="utf-8") as bib:
        bib.write("\n@misc{unused2031, title = {Unused}, author = {Nobody, N.}, year = {2031}}\n")
    lenient = cli("check", "--site", str(root))
    assert lenient.returncode == 0
    assert "content/references.bib:17: warning: bibliography entry 'unused2031' is not cited anywhere" in lenient.stderr
    assert "check passed with 1 warning" in lenient.stderr
    strict = cli("check", "--site", str(root), "--strict")
    assert strict.returncode == 1


def test_new_creates_every_language_and_never_overwrites(tmp_path):
    root = copy_site("minimal", tmp_path)
    first = cli("new", "talk", "--site", str(root), "--title", "Closing Remarks")
    assert first.returncode == 0, first.stderr
    created = [root / "content/talks/closing-remarks.en.md", root / "content/talks/closing-remarks.zh.md"]
    assert first.stdout.splitlines() == [f"created {p}" for p in created]
    assert all(p.read_text().startswith("---\ntitle: Closing Remarks\n") for p in created)
    again = cli("new", "talk", "--site", str(root), "--title", "Closing Remarks")
    assert again.returncode == 1 and "already exists; nothing was written" in again.stderr


def test_build_pdf_writes_each_language_edition(tmp_path):
    root = copy_site("minimal", tmp_path)
    out = tmp_path / "out"
    done = cli("build", "--site", str(root), "--out", str(out), "--no-search", "--pdf", "--paper", "letter", timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(rf"built 30 pages \(49 files\) into {re.escape(str(out))} in \d+\.\d\ds\n", done.stdout.splitlines()[-1] + "\n")
    for lang in ("en", "zh"):
        assert (out / lang / "report.pdf").read_bytes().startswith(b"%PDF-")
        assert 'href="../en/report.pdf"' in (out / "en" / "index.html").read_text(encoding="utf-8")
    wrong = cli("build", "--site", str(root), "--out", str(out), "--pdf", "--paper", "a3")
    assert wrong.returncode == 2 and "'a3' is not one of 'a4', 'letter'" in wrong.stderr
