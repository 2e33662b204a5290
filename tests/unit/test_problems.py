"""Follow-on problems are recognised by what they are about, never by their wording."""

from __future__ import annotations

from pathlib import Path

from neurips_report.model.problems import Problems


def _problems_with_broken_paper(tmp_path: Path) -> Problems:
    problems = Problems(tmp_path)
    problems.unreadable(tmp_path / "content" / "papers" / "gone.en.md", 3, "invalid YAML front matter")
    return problems


def test_a_problem_about_what_a_broken_file_defines_is_a_follow_on(tmp_path):
    problems = _problems_with_broken_paper(tmp_path)
    page = tmp_path / "content" / "sections" / "intro.en.md"
    problems.error(page, 7, "any wording at all", about=("entry", "papers", "gone", "*"))
    problems.error(page, 8, "a link to a paper that exists nowhere", about=("entry", "papers", "other", "*"))
    assert [p.line for p in problems.errors] == [3, 8]


def test_the_wording_alone_suppresses_nothing(tmp_path):
    problems = _problems_with_broken_paper(tmp_path)
    problems.error(tmp_path / "content" / "sections" / "intro.en.md", 7, "broken internal link 'paper:gone': no paper 'gone'")
    assert [p.line for p in problems.errors] == [3, 7]


def test_names_of_each_kind(tmp_path):
    problems = Problems(tmp_path)
    problems.unreadable(tmp_path / "content" / "references.bib", 1, "unreadable")
    problems.unreadable(tmp_path / "content" / "statistics.yaml", 1, "unreadable")
    problems.unreadable(tmp_path / "content" / "talks" / "keynote.zh.md", 1, "unreadable")
    page = tmp_path / "content" / "papers" / "p.en.md"
    problems.error(page, 2, "m", about=("bib", "vaswani2017"))               # the whole .bib is broken
    problems.error(page, 3, "m", about=("charts",))
    problems.error(page, 4, "m", about=("entry", "talks", "keynote", "zh"))
    problems.error(page, 5, "m", about=("entry", "talks", "keynote", "en"))  # only the zh file is broken
    problems.warning(page, 6, "m", about=("citations", "vaswani2017"))      # a broken page may cite it
    assert [(p.path, p.line) for p in problems.errors if p.path == "content/papers/p.en.md"] == [("content/papers/p.en.md", 5)]
    assert problems.warnings == []
