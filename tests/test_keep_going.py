"""Every problem of every stage in one run: one mistake of each kind, each in its own file of the minimal
site, all reported by one `check` (and one `build`), sorted by path and line, with their count; and a file
that fails to load causes no errors elsewhere (links to its slug, citations of its broken BibTeX entry,
its missing language version)."""

from __future__ import annotations

from pathlib import Path

from conftest import build_errors, cli, copy_site, tree_digest, run_build


def put(root: Path, rel: str, text: str) -> None:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


GHOST = "---\ntitle: Ghost\nauthors [A]\ntype: poster\n---\nBody.\n"      # line 3 has no ':'
EXTRA = "---\ntitle: An Extra Paper\nauthors: [Jane Doe]\ntype: poster\n---\nOnly in English.\n"
BROKEN_BIB = "\n@misc{broken2031,\n  title {Broken},\n  author = {Doe, Jane},\n  year = {2031}\n}\n"

EXPECTED = [
    # BibTeX: the entry is reported at its line; citing it (papers/tiny-model.en.md) is not an error too
    "content/references.bib:17: error: malformed BibTeX in entry 'broken2031': '=' expected (line 18)",
    # translation
    "content/papers/extra.en.md:1: error: missing translation: no zh version of paper 'extra'",
    # YAML in front matter, in both versions of a paper that sections/overview.en.md links to
    "content/papers/ghost.en.md:3: error: invalid YAML: a ':' is missing after the key",
    "content/papers/ghost.zh.md:3: error: invalid YAML: a ':' is missing after the key",
    # Markdown
    "content/papers/tiny-model.zh.md:10: error: HTML tag <script> is not allowed in content",
    # citation
    "content/sections/overview.en.md:6: error: unknown citation key 'roe2030smal'",
    # front matter
    "content/sections/overview.zh.md:4: error: unknown field 'sumary'",
    # statistics
    "content/statistics.yaml:8: error: breakdown 'presentation-type': parts sum to 2, not the total 1",
    # YAML in one version of a talk: its other version's 'missing translation' is not reported
    "content/talks/keynote.en.md:3: error: invalid YAML: a ':' is missing after the key",
    # link
    "content/tracks/vision.en.md:7: error: broken internal link 'paper:tiny-modle': no paper 'tiny-modle'",
]


def break_everything(root: Path) -> None:
    with open(root / "content" / "references.bib", "a", encoding="utf-8") as bib:
        bib.write(BROKEN_BIB)
    edit(root, "papers/tiny-model.en.md", "[see @roe2030small, p. 3]", "[see @roe2030small, p. 3; @broken2031]")
    put(root, "papers/extra.en.md", EXTRA)
    put(root, "papers/ghost.en.md", GHOST)
    put(root, "papers/ghost.zh.md", GHOST)
    edit(root, "sections/overview.en.md", "building on @roe2030small.",
         "building on @roe2030smal, unlike [a ghost](paper:ghost).")
    edit(root, "papers/tiny-model.zh.md", "\n---\n", "\n---\n\n<script>alert(1)</script>\n\n")
    edit(root, "sections/overview.zh.md", "summary:", "sumary:")
    edit(root, "statistics.yaml", "count: 1}", "count: 2}")
    edit(root, "talks/keynote.en.md", "speaker: Grace Hopper", "speaker Grace Hopper")
    track = root / "content" / "tracks" / "vision.en.md"
    track.write_text(track.read_text(encoding="utf-8").rstrip("\n") + "\n\nSee [the paper](paper:tiny-modle).\n",
                     encoding="utf-8")


def first_lines(problems: list[str]) -> list[str]:
    return [p.split("\n")[0] for p in problems]


def test_the_broken_files_are_as_the_test_expects(tmp_path):
    """The lines in EXPECTED are those of the files as break_everything leaves them."""
    root = copy_site("minimal", tmp_path)
    break_everything(root)
    assert (root / "content/talks/keynote.en.md").read_text(encoding="utf-8").split("\n")[2] == "speaker Grace Hopper"
    assert (root / "content/tracks/vision.en.md").read_text(encoding="utf-8").split("\n")[6].startswith("See [the paper]")
    assert (root / "content/papers/tiny-model.zh.md").read_text(encoding="utf-8").split("\n")[9] == "<script>alert(1)</script>"


def test_check_reports_every_stage_in_one_run(tmp_path):
    root = copy_site("minimal", tmp_path)
    break_everything(root)
    result = cli("check", "--site", str(root))
    assert result.returncode == 1
    reported = [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]
    assert reported == sorted(EXPECTED, key=lambda e: (e.split(":")[0], int(e.split(":")[1]))), result.stderr
    assert result.stderr.splitlines()[-1] == f"{len(EXPECTED)} errors"


def test_build_reports_the_same_and_keeps_the_output(tmp_path):
    root = copy_site("minimal", tmp_path)
    out = tmp_path / "out"
    run_build(root, out)
    before = tree_digest(out)
    break_everything(root)
    assert first_lines(build_errors(root, out)) == sorted(EXPECTED, key=lambda e: (e.split(":")[0], int(e.split(":")[1])))
    assert tree_digest(out) == before


def test_fixing_one_file_leaves_the_others_reported(tmp_path):
    """Once the BibTeX entry is fixed, its citation is checked again (and found)."""
    root = copy_site("minimal", tmp_path)
    break_everything(root)
    edit(root, "references.bib", "title {Broken}", "title = {Broken}")
    lines = first_lines(build_errors(root))
    assert not any("references.bib" in line for line in lines)
    assert not any("broken2031" in line for line in lines)
    assert len(lines) == len(EXPECTED) - 1


def test_an_unusable_site_yaml_still_reports_the_other_files(tmp_path):
    root = copy_site("minimal", tmp_path)
    edit(root, "site.yaml", "languages:", "languages")
    edit(root, "sections/overview.zh.md", "summary:", "sumary:")
    edit(root, "references.bib", "title     = {Small Models}", "title     {Small Models}")
    lines = first_lines(build_errors(root))
    assert [line.split(": error: ")[0] for line in lines] == [
        "content/references.bib:10", "content/sections/overview.zh.md:4",
        f"content/site.yaml:{_line_of(root / 'content/site.yaml', 'languages')}"], lines


def _line_of(path: Path, start: str) -> int:
    return next(i for i, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if row.startswith(start))


def test_a_link_to_an_entry_that_failed_to_load_is_not_an_error(tmp_path):
    """...but a link to a slug that no file defines still is, with the closest slug as a hint."""
    root = copy_site("minimal", tmp_path)
    put(root, "papers/ghost.en.md", GHOST)
    put(root, "papers/ghost.zh.md", GHOST)
    edit(root, "sections/overview.en.md", "building on @roe2030small.",
         "building on @roe2030small, [a ghost](paper:ghost) and [a typo](paper:tiny-modl).")
    problems = build_errors(root)
    assert [p.split(": error: ")[0] for p in problems] == [
        "content/papers/ghost.en.md:3", "content/papers/ghost.zh.md:3", "content/sections/overview.en.md:6"]
    assert problems[-1] == ("content/sections/overview.en.md:6: error: broken internal link 'paper:tiny-modl': "
                            "no paper 'tiny-modl'\n    hint: did you mean 'tiny-model'?")
