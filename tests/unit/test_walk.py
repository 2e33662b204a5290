"""The one walker of source and output trees, as the build manifest and serve's snapshot use it."""

from __future__ import annotations

import os

from neurips_report.core.cache import tree_stats, walk_files
from neurips_report.engine.session import snapshot


def _tree(root):
    (root / "content" / "papers").mkdir(parents=True)
    (root / "content" / "papers" / "a.en.md").write_text("a")
    (root / "templates").mkdir()
    (root / "templates" / "base.html").write_text("<html>")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "b.md").write_text("bb")
    os.symlink(root / "elsewhere" / "b.md", root / "content" / "papers" / "b.en.md")
    os.symlink(root / "elsewhere", root / "content" / "linked")


def test_walk_files_does_not_follow_links(tmp_path):
    _tree(tmp_path)
    assert sorted(rel for rel, _ in walk_files(tmp_path / "content")) == ["linked", "papers/a.en.md", "papers/b.en.md"]
    assert list(walk_files(tmp_path / "missing")) == []


def test_the_manifest_sees_links_themselves(tmp_path):
    _tree(tmp_path)
    stats = tree_stats(tmp_path / "content")
    assert set(stats) == {"linked", "papers/a.en.md", "papers/b.en.md"}
    assert stats["papers/b.en.md"][0] == os.lstat(tmp_path / "content" / "papers" / "b.en.md").st_size


def test_serve_sees_the_files_links_point_to(tmp_path):
    _tree(tmp_path)
    seen = snapshot(tmp_path)
    assert seen == {
        "content/papers/a.en.md": [1, os.stat(tmp_path / "content" / "papers" / "a.en.md").st_mtime_ns],
        "content/papers/b.en.md": [2, os.stat(tmp_path / "elsewhere" / "b.md").st_mtime_ns],
        "templates/base.html": [6, os.stat(tmp_path / "templates" / "base.html").st_mtime_ns],
    }
