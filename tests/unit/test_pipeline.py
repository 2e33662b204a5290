"""pipeline: load -> check -> resolve -> render -> write, deterministic and all-or-nothing."""

from __future__ import annotations

import json
import re

import pytest

from conftest import build_errors, check_errors, copy_site, run_build, tree_digest
from neurips_report.model.problems import BuildFailed
from neurips_report.engine.pipeline import Options, check_site

MINIMAL_FILES = {
    "index.html", "404.html", "sitemap.xml", "robots.txt", "references.bib", "references.ris", "references.json",
    "cite/tiny-model.bib", "cite/tiny-model.ris", "cite/tiny-model.json",
    "assets/favicon.svg", "assets/language.js", "assets/print.css", "assets/site.js", "assets/style.css",
    "assets/pdf.css", "assets/pdf-charts.css",
} | {f"{lang}/{rel}" for lang in ("en", "zh") for rel in (
    "index.html", "feed.xml", "overview/index.html", "tracks/index.html", "tracks/vision/index.html",
    "papers/index.html", "papers/oral/index.html", "papers/tiny-model/index.html", "talks/index.html",
    "talks/keynote/index.html", "bibliography/index.html", "statistics/index.html", "corrections/index.html",
    "translations/index.html", "search/index.html")}


def unhashed(paths):
    return {re.sub(r"\.[0-9a-f]{10}(\.\w+)$", r"\1", p) for p in paths}


@pytest.mark.parametrize("name", ["minimal", "other-conference"])
def test_two_builds_are_byte_identical(tmp_path, built, name):
    # a second copy in another folder: no absolute path, time or ordering accident may leak into the output
    root = copy_site(name, tmp_path / "elsewhere")
    run_build(root, tmp_path / "second")
    assert tree_digest(tmp_path / "second") == tree_digest(built(name))


def test_minimal_site_files(built):
    assert unhashed(tree_digest(built("minimal"))) == MINIMAL_FILES


def test_every_page_exists_in_every_language(built):
    files = tree_digest(built("other-conference"))
    en = {rel[3:] for rel in files if rel.startswith("en/")}
    fr = {rel[3:] for rel in files if rel.startswith("fr/")}
    assert en == fr and "papers/private-medians/index.html" in en


def test_build_result(tmp_path):
    result = run_build(copy_site("minimal", tmp_path), tmp_path / "out")
    assert result.pages == 30 and result.files == 47 and result.warnings == []


def test_fixture_sites_build_without_problems(tmp_path):
    for name in ("minimal", "other-conference"):
        loaded = check_site(Options(copy_site(name, tmp_path)))
        assert loaded.problems.items == [], name


def test_check_writes_nothing(tmp_path):
    root = copy_site("minimal", tmp_path)
    assert check_errors(root) == []
    assert not (root / "public").exists()


def test_every_problem_is_reported_at_once_in_order(tmp_path):
    root = copy_site("minimal", tmp_path)
    content = root / "content"
    (content / "tracks/vision.zh.md").write_text("---\ntitle: V\nnumbr: 1\n---\n", encoding="utf-8")
    paper = content / "papers/tiny-model.en.md"
    paper.write_text(paper.read_text().replace("type: oral", "type: keynote"), encoding="utf-8")
    section = content / "sections/overview.en.md"
    section.write_text(section.read_text() + "\nSee [@nobody].\n", encoding="utf-8")
    errors = [e.split("\n")[0] for e in build_errors(root)]
    assert errors == [
        "content/papers/tiny-model.en.md:4: error: 'type' must be one of oral, spotlight, poster, not 'keynote'",
        "content/sections/overview.en.md:8: error: unknown citation key 'nobody'",
        "content/tracks/vision.zh.md:3: error: unknown field 'numbr'",
    ]


def test_unused_reference_is_a_warning(tmp_path):
    root = copy_site("minimal", tmp_path)
    with open(root / "content/references.bib", "a", encoding="utf-8") as bib:
        bib.write("\n@misc{unused2031, title = {Unused}, author = {Nobody, N.}, year = {2031}}\n")
    result = run_build(root, tmp_path / "out")
    assert [w.format().split("\n")[0] for w in result.warnings] == [
        "content/references.bib:17: warning: bibliography entry 'unused2031' is not cited anywhere"]


def test_optional_files_may_be_left_out(tmp_path):
    """No statistics, oral tracks, corrections, source report or talks: still a site."""
    root = copy_site("minimal", tmp_path)
    content = root / "content"
    (content / "statistics.yaml").unlink()
    for talk in (content / "talks").iterdir():
        talk.unlink()
    site = content / "site.yaml"
    text = site.read_text()
    site.write_text(text[:text.index("source:")], encoding="utf-8")
    run_build(root, tmp_path / "out")
    home = (tmp_path / "out/en/index.html").read_text()
    assert "Key numbers" not in home and 'class="credit"' not in home
    assert "<name>Tiny Workshop 2031: A Report</name>" in (tmp_path / "out/en/feed.xml").read_text()


def test_missing_site_yaml(tmp_path):
    root = copy_site("minimal", tmp_path)
    (root / "content/site.yaml").unlink()
    with pytest.raises(BuildFailed) as exc:
        run_build(root)
    assert [p.format().split("\n")[0] for p in exc.value.problems] == ["content/site.yaml:1: error: site.yaml is missing"]


def test_base_url_override(tmp_path):
    root = copy_site("minimal", tmp_path)
    run_build(root, tmp_path / "out", base_url="/")
    home = (tmp_path / "out/en/index.html").read_text()
    assert 'href="../en/overview/"' in home and "/tiny/" not in home   # internal links are relative


def test_a_page_record_reads_back_what_it_stored():
    from neurips_report.engine.pipeline import PageRecord
    record = PageRecord("/out", "f1", "d1", frozenset({("papers", "x"), ("body:html", ("papers", "x", "en")), ("all", None)}))
    stored = json.loads(json.dumps(record.stored()))          # as the store's JSON file keeps it
    assert PageRecord.read(stored) == record
    assert PageRecord.read(["/out", "f1", "d1"]) is None and PageRecord.read(None) is None
