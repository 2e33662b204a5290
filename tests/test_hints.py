"""Hints that help: a misspelt name gets "did you mean ...?"; `new` warns about a bibliography key that
references.bib does not have; `check --strict` fails on text that is still a placeholder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_errors, check_errors, cli, copy_site


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def rename(root: Path, rel: str, new_rel: str) -> None:
    (root / rel).rename(root / new_rel)


P = "content/papers/tiny-model.{}.md"
HINTS = [
    ("link-slug", lambda r: edit(r, "content/sections/overview.en.md", "(paper:tiny-model)", "(paper:tiny-modle)"),
     "broken internal link 'paper:tiny-modle'", "did you mean 'tiny-model'?"),
    ("link-page", lambda r: edit(r, "content/sections/overview.en.md", "(paper:tiny-model)", "(page:bibliograpy)"),
     "broken internal link 'page:bibliograpy'", "did you mean 'bibliography'?"),
    ("citation-key", lambda r: edit(r, "content/sections/overview.en.md", "@roe2030small", "@roe2030smal"),
     "unknown citation key 'roe2030smal'", "did you mean 'roe2030small'?"),
    ("bib-field", lambda r: [edit(r, P.format(lang), "bib: doe2031tiny", "bib: doe2031tyni") for lang in ("en", "zh")],
     "unknown bibliography key 'doe2031tyni'", "did you mean 'doe2031tiny'?"),
    ("track", lambda r: [edit(r, P.format(lang), "track: vision", "track: visoin") for lang in ("en", "zh")],
     "unknown track 'visoin'", "did you mean 'vision'?"),
    ("type", lambda r: edit(r, P.format("en"), "type: oral", "type: orla"),
     "'type' must be one of oral, spotlight, poster, not 'orla'", "did you mean 'oral'?"),
    ("language", lambda r: rename(r, P.format("en"), P.format("enn")),
     "unknown language 'enn'", "did you mean 'en'? (site.yaml lists the languages en, zh)"),
    ("chart", lambda r: [edit(r, f"content/sections/overview.{lang}.md", "order: 10", "order: 10\ncharts: [histroy]")
                         for lang in ("en", "zh")],
     "unknown chart 'histroy'", "did you mean 'history'?"),
    ("field", lambda r: edit(r, P.format("en"), "track:", "trakc:"), "unknown field 'trakc'", "did you mean 'track'?"),
]


@pytest.mark.parametrize("case, mutate, message, hint", HINTS, ids=[h[0] for h in HINTS])
def test_did_you_mean(tmp_path, case, mutate, message, hint):
    root = copy_site("minimal", tmp_path)
    mutate(root)
    errors = [e for e in check_errors(root) if message in e.split("\n")[0]]
    assert errors, check_errors(root)
    assert errors[0].split("\n")[1] == f"    hint: {hint}"


def test_did_you_mean_template(tmp_path):
    root = copy_site("minimal", tmp_path)
    shutil.copytree(ROOT / "templates", root / "templates")
    edit(root, "templates/base.html", '{% include "partials/credit.html" %}', '{% include "partials/credits.html" %}')
    errors = build_errors(root, tmp_path / "out")
    assert errors and errors[0].startswith("templates/base.html:")
    assert errors[0].split(": error: ")[1] == "template 'partials/credits.html' not found\n" \
                                               "    hint: did you mean 'partials/credit.html'?"


def test_no_far_fetched_suggestion(tmp_path):
    root = copy_site("minimal", tmp_path)
    edit(root, "content/sections/overview.en.md", "@roe2030small", "@smith1999other")
    errors = [e for e in check_errors(root) if "smith1999other" in e]
    assert errors and "did you mean" not in errors[0]


# -- new --bib ------------------------------------------------------------------------------------------------

def test_new_warns_about_a_bib_key_not_in_references(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "Another Model", "--slug", "another", "--bib", "doe2031tyni")
    assert result.returncode == 0, result.stderr                  # the files are written; the key is only a warning
    assert (root / "content/papers/another.en.md").is_file()
    assert "warning: --bib doe2031tyni is not in content/references.bib" in result.stderr
    assert "did you mean 'doe2031tiny'?" in result.stderr


def test_new_warns_about_an_unknown_track(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "Another Model", "--bib", "doe2031tiny", "--track", "visoin")
    assert result.returncode == 0, result.stderr
    assert "warning: --track visoin: there is no content/tracks/visoin.*.md" in result.stderr
    assert "did you mean 'vision'?" in result.stderr
    assert "--bib" not in result.stderr


def test_new_with_a_known_bib_key_says_nothing(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "Another Model", "--bib", "roe2030small")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


# -- placeholders -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, line, found", [
    ("TODO: write the en text.\n", 9, "the text is still the placeholder written by 'new'"),
    ("A first sentence.\n\nTODO say more about the model.\n", 11, "placeholder text 'TODO' in the text"),
    ("The results are TBD.\n", 9, "placeholder text 'TBD' in the text"),
    ("Lorem ipsum dolor sit amet.\n", 9, "placeholder text 'Lorem ipsum' in the text"),
])
def test_check_strict_fails_on_placeholder_text(tmp_path, body, line, found):
    root = copy_site("minimal", tmp_path)
    path = root / P.format("en")
    head = path.read_text(encoding="utf-8").split("---\n")[1]
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    lenient = cli("check", "--site", str(root))
    assert lenient.returncode == 0, lenient.stderr
    assert f"content/papers/tiny-model.en.md:{line}: warning: {found}" in lenient.stderr
    strict = cli("check", "--site", str(root), "--strict")
    assert strict.returncode == 1
    assert "check failed: --strict fails on warnings (1 warning)" in strict.stderr


def test_a_scaffolded_entry_fails_strict_until_written(tmp_path):
    root = copy_site("minimal", tmp_path)
    assert cli("new", "talk", "--site", str(root), "--title", "Closing Remarks").returncode == 0
    strict = cli("check", "--site", str(root), "--strict")
    assert strict.returncode == 1
    assert "content/talks/closing-remarks.en.md:3: warning: 'speaker' is still a placeholder: 'TODO: speaker'" in strict.stderr
    assert "warning: the text is still the placeholder written by 'new'" in strict.stderr


def test_todo_in_a_code_block_is_not_a_placeholder(tmp_path):
    root = copy_site("minimal", tmp_path)
    path = root / P.format("en")
    path.write_text(path.read_text(encoding="utf-8") + "\n```python\n# TODO is a word in code\n```\n", encoding="utf-8")
    assert cli("check", "--site", str(root), "--strict").returncode == 0
