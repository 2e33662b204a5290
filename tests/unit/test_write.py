"""write: a finished site goes into a sibling folder and replaces the output in one step."""

from __future__ import annotations

import pytest

from conftest import copy_site, run_build, tree_digest
from neurips_report.engine import pipeline, write
from neurips_report.model.problems import BuildFailed
from neurips_report.engine.write import OutputError, remove_stale, staging_dir, swap_in, write_file


def make_tree(folder, files):
    for rel, text in files.items():
        write_file(folder, rel, text)
    return folder


def siblings(out):
    return sorted(p.name for p in out.parent.iterdir())


def test_write_file_creates_parents(tmp_path):
    write_file(tmp_path, "a/b/c.html", "<p>é</p>")
    write_file(tmp_path, "d.bin", b"\x00\x01")
    assert (tmp_path / "a/b/c.html").read_bytes() == "<p>é</p>".encode("utf-8")
    assert (tmp_path / "d.bin").read_bytes() == b"\x00\x01"


def test_staging_dir_is_a_hidden_sibling(tmp_path):
    out = tmp_path / "public"
    staging = staging_dir(out)
    assert staging.parent == tmp_path and staging.name.startswith(".public.tmp-") and staging.is_dir()
    assert not out.exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "rename-fallback"])
def test_swap_replaces_the_whole_folder(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    out = make_tree(tmp_path / "public", {"old.html": "old", "keep/x.html": "x"})
    new = make_tree(staging_dir(out), {"index.html": "new", "keep/y.html": "y"})
    swap_in(new, out)
    assert tree_digest(out).keys() == {"index.html", "keep/y.html"}
    assert (out / "index.html").read_text() == "new"
    assert siblings(out) == ["public"]           # no staging or old folder left behind


def test_swap_into_missing_output(tmp_path):
    out = tmp_path / "public"
    swap_in(make_tree(staging_dir(out), {"index.html": "new"}), out)
    assert (out / "index.html").read_text() == "new" and siblings(out) == ["public"]


def test_output_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "public"
    out.write_text("not a folder")
    new = make_tree(staging_dir(out), {"index.html": "new"})
    with pytest.raises(OutputError, match="is not a directory"):
        swap_in(new, out)
    assert out.read_text() == "not a folder"


def test_stale_folders_of_killed_builds_are_removed(tmp_path):
    out = tmp_path / "public"
    for name in (".public.tmp-abc", ".public.old-def", ".other.tmp-x"):
        (tmp_path / name).mkdir()
    remove_stale(out)
    assert siblings(out) == [".other.tmp-x"]


@pytest.fixture
def built_minimal(tmp_path):
    root = copy_site("minimal", tmp_path)
    out = tmp_path / "out"
    run_build(root, out)
    return root, out, tree_digest(out)


def test_previous_output_kept_when_the_build_fails(built_minimal):
    root, out, before = built_minimal
    (root / "content/papers/tiny-model.en.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        run_build(root, out)
    assert tree_digest(out) == before
    assert siblings(out) == ["minimal", "out"]


def test_previous_output_kept_when_writing_fails(built_minimal, monkeypatch):
    root, out, before = built_minimal
    (root / "content/sections/overview.en.md").write_text(
        (root / "content/sections/overview.en.md").read_text().replace("Overview", "Changed"), encoding="utf-8")
    calls = []

    def failing_write(folder, rel, data):
        calls.append(rel)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return write_file(folder, rel, data)

    monkeypatch.setattr(pipeline, "write_file", failing_write)
    with pytest.raises(OSError):
        run_build(root, out)
    assert tree_digest(out) == before
    assert siblings(out) == ["minimal", "out"]   # the half-written staging folder is gone
