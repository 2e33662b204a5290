"""`new`: scaffolds every language's file, fills paper data from the official list, never overwrites."""

from __future__ import annotations

import pytest

from conftest import cli, copy_site
from neurips_report.commands.scaffold import ScaffoldError, scaffold, slugify


def test_paper_from_official_list(tmp_path):
    root = copy_site("real", tmp_path)
    created = scaffold(root, "paper", title="language models are few-shot learners", track="03-language-audio-applications")
    assert [p.name for p in created] == ["language-models-are-few-shot-learners.zh.md",
                                         "language-models-are-few-shot-learners.en.md"]
    text = created[1].read_text(encoding="utf-8")
    assert 'title: Language Models are Few-Shot Learners' in text
    assert "- Tom B Brown" in text and "type: oral" in text
    assert "url: https://proceedings.neurips.cc/paper/2020/hash/" in text
    assert "track: 03-language-audio-applications" in text
    assert "bib: brown2020language" in text


def test_unknown_title_gets_placeholders(tmp_path):
    root = copy_site("minimal", tmp_path)
    created = scaffold(root, "paper", title="Something New", slug="something-new")
    text = created[0].read_text(encoding="utf-8")
    assert "TODO: author" in text and "type: poster" in text


@pytest.mark.parametrize("kind", ["section", "track", "talk"])
def test_other_kinds(tmp_path, kind):
    root = copy_site("minimal", tmp_path)
    created = scaffold(root, kind, title="Fresh Entry")
    assert {p.parent.name for p in created} == {kind + "s"}
    assert all(p.read_text(encoding="utf-8").startswith("---\ntitle: Fresh Entry\n") for p in created)


def test_never_overwrites(tmp_path):
    root = copy_site("minimal", tmp_path)
    existing = root / "content" / "papers" / "tiny-model.en.md"
    before = existing.read_bytes()
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(root, "paper", title="x", slug="tiny-model")
    assert existing.read_bytes() == before
    assert not (root / "content" / "papers" / "tiny-model.fr.md").exists()


def test_cli_new_reports_files_and_refuses_overwrite(tmp_path):
    root = copy_site("minimal", tmp_path)
    first = cli("new", "track", "--site", str(root), "--title", "Robotics")
    assert first.returncode == 0 and "created" in first.stdout
    second = cli("new", "track", "--site", str(root), "--title", "Robotics")
    assert second.returncode == 1 and "already exists; nothing was written" in second.stderr


def test_slugify():
    assert slugify("Glow-TTS: A Generative Flow!") == "glow-tts-a-generative-flow"
    assert slugify("Erdős Goes Neural") == "erdos-goes-neural"
