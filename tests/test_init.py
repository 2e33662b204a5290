"""`init`: a new report builds, checks --strict and shows its translation status untouched; it refuses a
non-empty folder unless --force, and names every file it replaces; options are prompted for on a terminal."""

from __future__ import annotations

import urllib.request

import pytest
import yaml
from click.testing import CliRunner

from conftest import cli
from serving import serving
from neurips_report.commands import cli as cli_module

FILES = [
    ".github/workflows/site.yml", ".gitignore", "README.md", "content/corrections.yaml",
    "content/i18n/en.yaml", "content/i18n/zh.yaml",
    "content/papers/example-paper.en.md", "content/papers/example-paper.zh.md", "content/references.bib",
    "content/sections/introduction.en.md", "content/sections/introduction.zh.md", "content/site.yaml",
    "content/statistics.yaml", "content/talks/example-talk.en.md", "content/talks/example-talk.zh.md",
    "content/tracks/example-track.en.md", "content/tracks/example-track.zh.md",
]


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_new_report_builds_and_checks_strictly(tmp_path):
    root = tmp_path / "iclr"
    made = cli("init", str(root), "--conference", "ICLR", "--year", "2025", "--base-url", "https://example.org/iclr/")
    assert made.returncode == 0, made.stderr
    assert "created ICLR 2025 report" in made.stdout
    assert _files(root) == FILES
    site = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))
    assert site["conference"] == {"short": "ICLR 2025", "year": 2025} and site["languages"] == ["en", "zh"]
    assert site["base_url"] == "https://example.org/iclr/"
    strict = cli("check", "--site", str(root), "--strict")
    assert strict.returncode == 0, strict.stdout + strict.stderr
    built = cli("build", "--site", str(root))
    assert built.returncode == 0 and "warning" not in built.stdout + built.stderr, built.stdout + built.stderr
    home = (root / "public" / "zh" / "index.html").read_text(encoding="utf-8")
    assert "ICLR 2025 报告" in home and "NeurIPS" not in home
    workflow = yaml.safe_load((root / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["build"]["steps"])
    assert "neurips-report check --strict" in steps and 'neurips-report build --base-url "$base" --out _site' in steps
    assert "actions/deploy-pages@v4" in str(workflow["jobs"]["deploy"])


def test_another_language_starts_from_english_and_is_listed_untranslated(tmp_path):
    root = tmp_path / "sls"
    assert cli("init", str(root), "--languages", "fr,en", "--conference", "SLS", "--year", "2031").returncode == 0
    fr = (root / "content" / "i18n" / "fr.yaml").read_text(encoding="utf-8")
    assert fr.startswith("# Interface strings (fr): NOT YET TRANSLATED") and "nav_home: Home" in fr
    status = cli("check", "--site", str(root), "--strict", "--translations")
    assert status.returncode == 0, status.stdout + status.stderr
    assert "i18n/<lang>.yaml" in status.stdout and "fr:missing  en:ok" in status.stdout


def test_a_folder_that_is_not_empty_is_refused_unless_forced(tmp_path):
    root = tmp_path / "mine"
    root.mkdir()
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    (root / ".gitignore").write_text("secret/\n", encoding="utf-8")
    refused = cli("init", str(root))
    assert refused.returncode == 1 and "is not empty; nothing was written" in refused.stderr
    assert _files(root) == [".gitignore", "notes.txt"]
    forced = cli("init", str(root), "--force")
    assert forced.returncode == 0, forced.stderr
    assert f"replaced {root / '.gitignore'}" in forced.stderr
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    again = cli("init", str(root), "--force")            # the same files again: nothing to replace
    assert again.returncode == 0 and "replaced" not in again.stderr


def test_bad_languages_are_refused(tmp_path):
    result = cli("init", str(tmp_path / "x"), "--languages", "en,,EN!")
    assert result.returncode == 1 and "give distinct language codes" in result.stderr
    assert not (tmp_path / "x").exists()


def test_options_are_asked_for_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: True)
    runner = CliRunner()
    result = runner.invoke(cli_module.main, ["init", str(tmp_path / "r")], input="ICML\n2030\nen\n/icml/\n")
    assert result.exit_code == 0, result.output
    assert "Conference name [Conference]:" in result.output and "Year [" in result.output
    site = yaml.safe_load((tmp_path / "r" / "content" / "site.yaml").read_text(encoding="utf-8"))
    assert (site["conference"]["short"], site["languages"], site["base_url"]) == ("ICML 2030", ["en"], "/icml/")


def test_two_inits_write_the_same_bytes(tmp_path):
    for name in ("a", "b"):
        assert cli("init", str(tmp_path / name), "--year", "2030").returncode == 0
    for rel in FILES:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_starter_text_makes_no_claim_of_the_first_site(tmp_path, lang):
    root = tmp_path / "r"
    assert cli("init", str(root)).returncode == 0
    strings = yaml.safe_load((root / "content" / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert strings["credit_suffix"] == ""


def test_a_new_report_serves_untouched(tmp_path):
    root = tmp_path / "r"
    assert cli("init", str(root), "--conference", "ICML", "--year", "2030").returncode == 0
    with serving(root, tmp_path / "serve.log") as url:
        for path in ("/en/", "/zh/introduction/", "/en/papers/example-paper/"):
            with urllib.request.urlopen(url + path, timeout=30) as response:
                assert response.status == 200
                assert "ICML 2030" in response.read().decode("utf-8")
    assert "error" not in (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert not (root / "public").exists()                  # serve writes into .cache/serve only
