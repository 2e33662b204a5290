"""The real site builds, twice identically, with no warnings."""

from conftest import copy_site, run_build, tree_digest


def test_real_site_builds_deterministically(tmp_path):
    root = copy_site("real", tmp_path)
    first = run_build(root, tmp_path / "a")
    assert first.warnings == []
    run_build(root, tmp_path / "b")
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert (tmp_path / "a" / "zh" / "index.html").is_file()
    assert (tmp_path / "a" / "en" / "index.html").is_file()
