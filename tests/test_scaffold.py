"""`new`: scaffolds every language's file, fills paper data from the official list, never overwrites."""

from __future__ import annotations

import pytest

from conftest import cli, copy_site
from neurips_report.commands.scaffold import ScaffoldError, scaffold, slugify


def test_paper_from_official_list(tmp_path):
    root = copy_site("real", tmp_path)
    created = scaffold(root, "paper", title="a group-theoretic framework for data augmentation",
                       track="03-language-audio-applications")
    assert [p.name for p in created] == ["a-group-theoretic-framework-for-data-augmentation.zh.md",
                                         "a-group-theoretic-framework-for-data-augmentation.en.md"]
    text = created[1].read_text(encoding="utf-8")
    assert 'title: A Group-Theoretic Framework for Data Augmentation' in text
    assert "- Shuxiao Chen" in text and "type: oral" in text
    assert "url: https://proceedings.neurips.cc/paper/2020/hash/" in text
    assert "track: 03-language-audio-applications" in text
    assert "bib: chen2020group" in text


def test_a_typo_is_refused_with_the_close_titles(tmp_path):
    root = copy_site("real", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "Denoising Diffusion Probabilistic Modls")
    assert result.returncode == 1
    assert "is not in the official list" in result.stderr and "nothing was written" in result.stderr
    assert 'did you mean "Denoising Diffusion Probabilistic Models"?' in result.stderr
    assert not list((root / "content" / "papers").glob("denoising-diffusion-probabilistic-modls*"))


def test_force_adds_a_paper_that_is_not_in_the_list(tmp_path):
    root = copy_site("real", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "A Paper Nobody Wrote", "--force")
    assert result.returncode == 0, result.stderr
    assert (root / "content" / "papers" / "a-paper-nobody-wrote.en.md").is_file()


def test_a_second_entry_for_an_official_paper_is_refused(tmp_path):
    root = copy_site("real", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "Rethinking Pre-training and Self-training",
                 "--slug", "another")
    assert result.returncode == 1
    assert "already has an entry" in result.stderr
    assert "rethinking-pretraining-self-training.en.md" in result.stderr
    assert not (root / "content" / "papers" / "another.en.md").exists()


def test_check_reports_two_entries_for_one_official_paper(tmp_path):
    root = copy_site("real", tmp_path)
    papers = root / "content" / "papers"
    for lang in ("zh", "en"):
        (papers / f"ddpm-again.{lang}.md").write_text((papers / f"ddpm.{lang}.md").read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    result = cli("check", "--site", str(root))
    assert result.returncode == 1
    assert "second entry for the official paper 'Denoising Diffusion Probabilistic Models' (the first is 'ddpm')" in result.stdout + result.stderr


def test_new_paper_adds_the_bib_entry_from_the_list(tmp_path):
    root = copy_site("other-conference", tmp_path)
    result = cli("new", "paper", "--site", str(root), "--title", "a paper the report does not discuss")
    assert result.returncode == 0, result.stderr
    assert "added @inproceedings{inparticular2031paper, ...}" in result.stdout and "warning" not in result.stderr
    bib = (root / "content" / "references.bib").read_text(encoding="utf-8")
    assert bib.endswith("\n\n@inproceedings{inparticular2031paper,\n  title = {{A Paper the Report Does Not Discuss}},\n"
                        "  author = {Nobody Inparticular},\n  booktitle = {SLS 2031},\n  year = {2031},\n"
                        "  url = {https://sls.example.org/2031/papers/not-discussed}\n}\n")


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
