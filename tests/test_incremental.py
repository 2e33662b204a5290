"""serve's rebuilds (pipeline.run given the last state): a change re-renders exactly the pages whose
recorded dependencies it touches, and the result is byte-identical to a full build of the same sources."""

from __future__ import annotations

import pytest

from conftest import copy_site, run_build, tree_digest
from neurips_report.model.problems import BuildFailed
from neurips_report.engine.session import SiteSession
from neurips_report.engine.pipeline import Options


@pytest.fixture
def session(tmp_path):
    root = copy_site("real", tmp_path)
    s = SiteSession(Options(root, tmp_path / "out", base_url="/", search=False))
    s.full()
    return s


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rendered_after(session, path, old, new):
    edit(path, old, new)
    return session.rebuild()


def same_as_full_build(session, tmp_path):
    run_build(session.root, tmp_path / "full", base_url="/")
    ours, full = tree_digest(session.out), tree_digest(tmp_path / "full")
    return [k for k in sorted(set(ours) | set(full)) if ours.get(k) != full.get(k)]


def test_paper_edit_rerenders_its_pages_only(session, tmp_path):
    paper = session.root / "content" / "papers" / "glow-tts.en.md"
    paper.write_text(paper.read_text(encoding="utf-8") + "\nAn edited sentence.\n", encoding="utf-8")
    report = session.rebuild()
    assert not report.full
    html = ("body:html", ("papers", "glow-tts", "en"))
    showing = {p.rel for p in session.pages if html in p.deps}
    assert "en/papers/glow-tts/" in showing and "en/papers/byol/" not in showing
    excerpt = ("body:excerpt", ("papers", "glow-tts", "en"))
    assert "en/tracks/03-language-audio-applications/" in {p.rel for p in session.pages if excerpt in p.deps}
    assert 0 < report.rendered < len(session.pages) // 4
    assert same_as_full_build(session, tmp_path) == []


def test_track_change_moves_paper_between_track_pages(session, tmp_path):
    paper = session.root / "content" / "papers" / "byol.en.md"
    for lang in ("en", "zh"):
        edit(session.root / "content" / "papers" / f"byol.{lang}.md", "track: 27-unsupervised-probabilistic",
             "track: 28-deep-learning")
    report = session.rebuild()
    assert not report.full
    assert 'id="paper-byol"' in (session.out / "en" / "tracks" / "28-deep-learning" / "index.html").read_text(encoding="utf-8")
    assert 'id="paper-byol"' not in (session.out / "en" / "tracks" / "27-unsupervised-probabilistic" / "index.html").read_text(encoding="utf-8")
    assert paper.is_file()
    assert same_as_full_build(session, tmp_path) == []


def test_bib_entry_edit_rerenders_citing_pages(session, tmp_path):
    bib = session.root / "content" / "references.bib"
    report = rendered_after(session, bib, "{kim2020glowtts,", "{kim2020glowtts,\n  note = {edited},")
    assert not report.full and report.rendered > 0
    assert "note = {edited}" in (session.out / "zh" / "papers" / "glow-tts" / "index.html").read_text(encoding="utf-8")
    assert same_as_full_build(session, tmp_path) == []


def test_a_partial_edit_rerenders_the_pages_that_included_it(tmp_path, monkeypatch):
    import shutil
    from neurips_report.theme.folders import bundled_dir
    root = copy_site("real", tmp_path)
    shutil.copytree(bundled_dir("templates"), root / "templates")      # the site's own copy of the theme
    session = SiteSession(Options(root, tmp_path / "out", base_url="/", search=False))
    session.full()
    seen = rendered_rels(session, monkeypatch)
    including = {p.rel for p in session.pages if ("template", "partials/prevnext.html") in p.deps}
    assert "en/talks/causal-learning/" in including and "en/papers/glow-tts/" not in including
    partial = session.root / "templates" / "partials" / "prevnext.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    report = session.rebuild()
    assert not report.full
    assert set(seen) == including
    assert same_as_full_build(session, tmp_path) == []


def test_section_title_change_reaches_every_menu(session, tmp_path):
    section = session.root / "content" / "sections" / "conclusion.en.md"
    text = section.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    report = rendered_after(session, section, title_line, "title: Closing remarks")
    assert not report.full and report.rendered >= len([p for p in session.pages if p.lang == "en"])
    assert "Closing remarks" in (session.out / "en" / "papers" / "glow-tts" / "index.html").read_text(encoding="utf-8")
    assert same_as_full_build(session, tmp_path) == []


def test_error_keeps_last_good_site_and_recovers(session):
    paper = session.root / "content" / "papers" / "glow-tts.en.md"
    before = tree_digest(session.out)
    good = paper.read_text(encoding="utf-8")
    edit(paper, "[@kim2020glowtts]", "[@kim2020glowt]")
    with pytest.raises(BuildFailed) as failure:
        session.rebuild()
    assert "unknown citation key 'kim2020glowt'" in failure.value.problems[0].format()
    assert tree_digest(session.out) == before
    paper.write_text(good + "\nFixed and extended.\n", encoding="utf-8")
    report = session.rebuild()
    assert report.rendered > 0
    assert "Fixed and extended." in (session.out / "en" / "papers" / "glow-tts" / "index.html").read_text(encoding="utf-8")


def rendered_rels(session, monkeypatch):
    """Record the pages each rebuild renders."""
    import neurips_report.engine.pipeline as pipeline
    seen: list = []
    original = pipeline.render_pages

    def spy(loaded, theme, pages, *args, **kwargs):
        seen.extend(page.rel for page in pages)
        return original(loaded, theme, pages, *args, **kwargs)

    monkeypatch.setattr(pipeline, "render_pages", spy)
    return seen


def test_body_edit_beyond_the_excerpt_rerenders_the_paper_only(session, tmp_path, monkeypatch):
    seen = rendered_rels(session, monkeypatch)
    paper = session.root / "content" / "papers" / "glow-tts.en.md"
    paper.write_text(paper.read_text(encoding="utf-8") + "\nA sentence far below the excerpt.\n", encoding="utf-8")
    report = session.rebuild()
    assert not report.full
    assert sorted(seen) == ["en/papers/glow-tts/"]
    assert same_as_full_build(session, tmp_path) == []


def test_excerpt_edit_rerenders_the_listings(session, tmp_path, monkeypatch):
    seen = rendered_rels(session, monkeypatch)
    paper = session.root / "content" / "papers" / "glow-tts.en.md"
    text = paper.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    paper.write_text(f"{head}\n---\nAn opening sentence, new. {body}", encoding="utf-8")
    session.rebuild()
    assert "en/papers/" in seen and "en/feed.xml" in seen
    assert same_as_full_build(session, tmp_path) == []


@pytest.mark.parametrize("path, old, new", [
    ("talks/causal-learning.en.md", "causal questions", "causal (edited) questions"),
    ("tracks/03-language-audio-applications.zh.md", "---\n", "---\n"),
    ("sections/abstract.en.md", "\n---\n", "\n---\nAn edited first sentence.\n"),
    ("sections/conclusion.zh.md", "\n---\n", "\n---\n编辑加的一句话。\n"),
    ("papers/byol.zh.md", "\n---\n", "\nupdated: 2031-01-02\n---\n"),
    ("references.bib", "@", "A comment between entries changes no entry, only the published file.\n\n@"),
])
def test_single_edits_match_a_full_build(session, tmp_path, path, old, new):
    target = session.root / "content" / path
    text = target.read_text(encoding="utf-8")
    if path.startswith("tracks/"):
        target.write_text(text + "\n编辑加的一句话。\n", encoding="utf-8")
    else:
        edit(target, old, new)
    report = session.rebuild()
    assert not report.full
    assert same_as_full_build(session, tmp_path) == []


def test_rebuild_changed_looks_only_at_the_reported_files(session, tmp_path, monkeypatch):
    import neurips_report.engine.session as session_module
    monkeypatch.setattr(session_module, "snapshot", lambda root: pytest.fail("walked the tree"))
    paper = session.root / "content" / "papers" / "glow-tts.en.md"
    paper.write_text(paper.read_text(encoding="utf-8") + "\nWatched edit.\n", encoding="utf-8")
    report = session.rebuild_changed([paper])
    assert not report.full and report.rendered > 0
    assert "Watched edit." in (session.out / "en" / "papers" / "glow-tts" / "index.html").read_text(encoding="utf-8")
    assert session.rebuild_changed([paper]).rendered == 0            # reported again, unchanged: nothing to do
    monkeypatch.undo()
    assert same_as_full_build(session, tmp_path) == []


def test_rebuild_changed_retries_a_failed_file_when_another_one_fixes_it(session, tmp_path):
    paper = session.root / "content" / "papers" / "glow-tts.en.md"
    bib = session.root / "content" / "references.bib"
    edit(paper, "[@kim2020glowtts]", "[@kim2020glowtts; @zz2031new]")
    with pytest.raises(BuildFailed):
        session.rebuild_changed([paper])
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{zz2031new,\n  author = {Zed, Zoe},\n"
                   "  title = {A New Entry},\n  year = {2031}\n}\n", encoding="utf-8")
    report = session.rebuild_changed([bib])                          # the paper's change is built too
    assert "zz2031new" in (session.out / "en" / "papers" / "glow-tts" / "index.html").read_text(encoding="utf-8")
    assert not report.full
    assert same_as_full_build(session, tmp_path) == []


def test_a_file_that_no_longer_loads_is_reported_with_every_other_problem(session):
    """serve's rebuild after two broken saves reports both, as `build` does (not only the load error)."""
    papers = session.root / "content" / "papers"
    edit(papers / "glow-tts.en.md", "title:", "title")                  # the front matter's YAML breaks
    edit(papers / "byol.en.md", "\n---\n", "\n---\nA claim [@no-such-key-2020].\n")
    with pytest.raises(BuildFailed) as failed:
        session.rebuild()
    found = [p.format() for p in failed.value.problems if p.severity == "error"]
    assert any("glow-tts.en.md" in p for p in found), found
    assert any("byol.en.md" in p and "no-such-key-2020" in p for p in found), found
