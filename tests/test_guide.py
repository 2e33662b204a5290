"""Every example in docs/editors-guide.md builds: the guide cannot drift from the tool."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, cli, copy_site, run_build

GUIDE = ROOT / "docs" / "editors-guide.md"
BLOCK_RE = re.compile(r"^```(\w+) file=(\S+)(?: mode=(\S+))?\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples():
    return [(m[2], m[3] or "write", m[4]) for m in BLOCK_RE.finditer(GUIDE.read_text(encoding="utf-8"))]


def apply(root: Path, rel: str, mode: str, text: str) -> None:
    path = root / rel
    if mode == "write":
        path.write_text(text, encoding="utf-8")
    elif mode == "append-item":            # corrections.yaml: items under 'corrections:'
        indented = "".join("  " + line if line.strip() else line for line in text.splitlines(True))
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + indented, encoding="utf-8")
    elif mode == "append-breakdown":       # statistics.yaml: items under 'breakdowns:'
        indented = "".join("  " + line if line.strip() else line for line in text.splitlines(True))
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + indented, encoding="utf-8")
    else:
        raise AssertionError(f"unknown example mode {mode}")


def test_guide_has_examples():
    assert len(examples()) >= 4


def test_guide_examples_build(tmp_path):
    root = copy_site("real", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "A Group-Theoretic Framework for Data Augmentation",
                 "--slug", "group-augmentation")
    assert result.returncode == 0, result.stderr
    scaffolded = (root / "content" / "papers" / "group-augmentation.en.md").read_text(encoding="utf-8")
    assert "Jane Lee" in scaffolded and "type: oral" in scaffolded
    assert "@inproceedings{chen2020group," in (root / "content" / "references.bib").read_text(encoding="utf-8")
    for rel, mode, text in examples():
        apply(root, rel, mode, text)
    notes = "\n!!! editor\n    Example note.\n"
    for lang in ("zh", "en"):
        page = root / "content" / "papers" / f"group-augmentation.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + notes, encoding="utf-8")
    result = run_build(root, tmp_path / "out")
    assert (tmp_path / "out" / "en" / "papers" / "group-augmentation" / "index.html").is_file()
    assert "Example note." in (tmp_path / "out" / "zh" / "papers" / "group-augmentation" / "index.html").read_text(encoding="utf-8")
    assert result.pages > 0
