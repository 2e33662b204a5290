"""`import` into a site: the list and its provenance are written and named in site.yaml; a list that import did
not write (the NeurIPS 2020 list, with its SOURCE.md) is kept unless --force; a file of no format writes nothing."""

from __future__ import annotations

import json

from conftest import ROOT, cli, copy_site

SAMPLE = ROOT / "tests" / "data" / "sls2031-papercopilot.json"


def _snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}


def test_import_writes_the_list_its_provenance_and_names_it(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("import", "--site", str(root), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "kept 4, dropped 2 (Reject: 1, Withdraw: 1)" in result.stdout
    assert "added reference_papers: data/accepted-papers.json" in result.stdout
    assert "note: content/papers/tiny-model.*.md ('A Tiny Model') is not in the list" in result.stdout
    assert (root / "content" / "site.yaml").read_text(encoding="utf-8").endswith(
        "reference_papers: data/accepted-papers.json   # written by `import`\n")
    provenance = json.loads((root / "content" / "data" / "accepted-papers.source.json").read_text(encoding="utf-8"))
    assert provenance["source"] == SAMPLE.name and provenance["format"] == "papercopilot JSON"
    again = cli("import", "--site", str(root), str(SAMPLE))        # its own list: replaced, and said so
    assert again.returncode == 0 and "replaced" in again.stdout
    assert (root / "content" / "site.yaml").read_text(encoding="utf-8").count("reference_papers") == 1
    check = cli("check", "--site", str(root))
    assert "content/papers/tiny-model.en.md:2: error: title not found in the official list" in check.stdout + check.stderr


def _refused(root, source, *said):
    """import refuses `source` for the site at `root`, saying each of `said`, and changes no file."""
    before = _snapshot(root)
    result = cli("import", "--site", str(root), str(source))
    assert result.returncode == 1
    assert all(text in result.stderr for text in said), result.stderr
    assert _snapshot(root) == before


def test_a_list_import_did_not_write_is_kept(tmp_path):
    _refused(copy_site("real", tmp_path), SAMPLE, "was not written by import", "--force")


def test_a_file_of_no_format_writes_nothing(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("a list of papers, one day\n", encoding="utf-8")
    _refused(copy_site("minimal", tmp_path), notes, "none of the formats import reads", "papercopilot")


def test_a_workshop_paper_gets_a_page_of_a_type_the_site_shows(tmp_path):
    root = copy_site("minimal", tmp_path)
    assert cli("import", "--site", str(root), str(SAMPLE)).returncode == 0
    result = cli("new", "paper", "--site", str(root), "--title", "Small Robots, Small Data")
    assert result.returncode == 0, result.stderr
    page = (root / "content" / "papers" / "small-robots-small-data.en.md").read_text(encoding="utf-8")
    assert "type: poster" in page and "- 佐藤花子" in page
    check = cli("check", "--site", str(root))
    errors = [line for line in (check.stdout + check.stderr).splitlines() if "small-robots" in line and "error:" in line]
    assert errors == []
