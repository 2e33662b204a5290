"""The benchmark keeps working (a tiny run of bench/run.py), and the speed-ups it measures do not
change a byte: a build spread over worker processes, a build from the cache and a build that reuses
the previous output are identical to a single-process build without cache."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from conftest import ROOT, copy_site, run_build, synth, tree_digest

from neurips_report.core import workers

synth = synth()


def test_bench_smoke_run(tmp_path):
    """N=20, our build only: cold, warm, warm after an edit, the four in-process edits, serve's three kinds
    of save, table and JSON."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "20", "--peers", "none",
                           "--no-real", "--serve-saves", "1", "--results", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ours cold" in done.stdout and "ours edit template" in done.stdout
    results = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    size = results["sizes"][0]
    assert size["n"] == 20
    for key in ("cold", "warm", "warm_edit", "edit_paper", "edit_bib", "edit_partial", "edit_template",
                "serve_paper", "serve_bib", "serve_partial"):
        assert size[key]["ok"], (key, size[key])
    assert size["cold"]["pages"] == size["warm"]["pages"] > 40
    assert size["edit_paper"]["rendered"] < size["cold"]["pages"]
    assert size["edit_partial"]["rendered"] < size["edit_template"]["rendered"]
    assert time.perf_counter() - start < 60     # about 10 s on an idle 2-core machine


def test_synthetic_site_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    synth.write_site(synth.generate(30), a)
    synth.write_site(synth.generate(30), b)
    assert tree_digest(a / "content") == tree_digest(b / "content")


@pytest.fixture
def synthetic(tmp_path):
    root = tmp_path / "synth"
    synth.write_site(synth.generate(60), root)
    return root


def test_parallel_and_cached_builds_are_byte_identical(synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("NEURIPS_REPORT_JOBS", "1")
    serial = run_build(synthetic, tmp_path / "serial", cache=False)
    expected = tree_digest(tmp_path / "serial")

    monkeypatch.setenv("NEURIPS_REPORT_JOBS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS", 2)      # fork for every stage, however small the site
    monkeypatch.setattr(workers, "FORCE", True)
    out = tmp_path / "parallel"
    cold = run_build(synthetic, out, cache_dir=tmp_path / "cache")
    assert tree_digest(out) == expected
    assert (cold.pages, cold.files) == (serial.pages, serial.files)
    for name in ("bodies", "references", "pages"):
        assert (tmp_path / "cache" / f"{name}.json").is_file()

    warm = run_build(synthetic, out, cache_dir=tmp_path / "cache")      # everything from the cache
    assert tree_digest(out) == expected
    assert warm.pages == serial.pages

    paper = sorted((synthetic / "content" / "papers").glob("*.en.md"))[3]
    paper.write_text(paper.read_text(encoding="utf-8").replace("**Results.**", "**Results, revised.**"),
                     encoding="utf-8")
    run_build(synthetic, out, cache_dir=tmp_path / "cache")
    monkeypatch.setenv("NEURIPS_REPORT_JOBS", "1")
    run_build(synthetic, tmp_path / "serial-2", cache=False)
    assert tree_digest(out) == tree_digest(tmp_path / "serial-2") != expected


def test_cache_notices_what_a_body_refers_to(synthetic, tmp_path):
    """A cached body is not reused when a citation label it shows has changed in references.bib."""
    cache = tmp_path / "cache"
    run_build(synthetic, tmp_path / "out", cache_dir=cache)
    bib = synthetic / "content" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    first = text.index("author    = {") + len("author    = {")
    bib.write_text(text[:first] + "Zyxwvut, Q. and " + text[first:], encoding="utf-8")
    run_build(synthetic, tmp_path / "out", cache_dir=cache)
    run_build(synthetic, tmp_path / "fresh", cache=False)
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "fresh")
    assert "Zyxwvut" in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("index.html")
                               if "papers" in p.parts)


def test_unreadable_cache_is_ignored(synthetic, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("bodies", "references", "pages"):
        (cache / f"{name}.json").write_text("{not json", encoding="utf-8")
    run_build(synthetic, tmp_path / "out", cache_dir=cache)
    run_build(synthetic, tmp_path / "fresh", cache=False)
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "fresh")
    assert json.loads((cache / "bodies.json").read_text(encoding="utf-8"))["items"]


def test_recycled_output_tree_matches_a_fresh_build(synthetic, tmp_path):
    """From the third build on, the tree the output replaced (kept in the cache) becomes the next staging
    tree. Files left in it are hard links shared with the live output: an edit must replace them, never
    write into them, and whatever the new build does not produce must go."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    other = sorted((synthetic / "content" / "papers").glob("*.en.md"))[2]
    for n in range(3):                           # a real edit each time: an unchanged tree is not rebuilt at all
        other.write_text(other.read_text(encoding="utf-8") + f"\nEdit {n}.\n", encoding="utf-8")
        run_build(synthetic, out, cache_dir=cache)
    spare = cache / "previous-output"
    assert spare.is_dir()
    (spare / "stray.html").write_text("left over", encoding="utf-8")
    (spare / "stray-folder" / "deeper").mkdir(parents=True)
    (spare / "stray-folder" / "deeper" / "index.html").write_text("left over", encoding="utf-8")
    before = tree_digest(out)

    paper = sorted((synthetic / "content" / "papers").glob("*.en.md"))[5]
    text = paper.read_text(encoding="utf-8")
    end = text.index("\n---", 3)
    paper.write_text(text[:end].replace("title: ", "title: Revised ", 1) + text[end:].replace(
        "**Results.**", "**Results, revised.**"), encoding="utf-8")
    run_build(synthetic, out, cache_dir=cache)
    assert tree_digest(spare) == before          # the previous output, untouched by the edit
    run_build(synthetic, tmp_path / "fresh", cache=False)
    assert tree_digest(out) == tree_digest(tmp_path / "fresh") != before
    run_build(synthetic, out, cache_dir=cache)   # and once more, from the recycled tree of the edit
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")


def test_the_bench_fails_when_a_timed_build_prints_warnings(tmp_path, monkeypatch, capsys):
    """The figures must time a clean build: a site whose build warns stops the run, naming the warnings."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    site = copy_site("minimal", tmp_path)
    section = site / "content" / "sections" / "overview.zh.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n训练 更快。\n", encoding="utf-8")
    monkeypatch.setattr(bench, "prepare_site", lambda n: site)
    code = bench.main(["--sizes", "20", "--peers", "none", "--no-real", "--results", str(tmp_path / "results")])
    assert code == 1
    err = capsys.readouterr().err
    assert "bench failed: our build (build --site" in err and "printed 1 warning(s)" in err
    assert "content/sections/overview.zh.md:8: warning: space between Chinese characters: '练 更'" in err
    assert not (tmp_path / "results" / "latest.json").exists()
