"""The workflows and Dependabot's configuration pass the static audit and the schema check, offline:
zizmor (`--offline`: no request to GitHub) finds nothing of medium severity or higher in .github/, and
check-jsonschema validates each workflow against its vendored GitHub-workflow schema and
.github/dependabot.yml against the vendored Dependabot schema. Each check has a case proving it fails."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GITHUB = ROOT / ".github"
BIN = Path(sys.executable).parent
SEVERE = {"medium", "high"}


def zizmor_findings(folder: Path) -> list[str]:
    """`rule: path:line (severity)` for each finding of medium severity or higher."""
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--format", "json", "--min-severity", "medium",
                           str(folder)], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip(), done.stderr[-2000:]          # the JSON list, even when empty
    findings = []
    for finding in json.loads(done.stdout):
        severity = finding["determinations"]["severity"].lower()
        place = finding["locations"][0]
        path = place["symbolic"]["key"]["Local"]["verbatim_path"]
        line = place["concrete"]["location"]["start_point"]["row"] + 1
        if severity in SEVERE and not finding.get("ignored"):
            findings.append(f"{finding['ident']}: {path}:{line} ({severity}: {finding['desc']})")
    return findings


def schema_errors(schema: str, files: list[Path]) -> str:
    """check-jsonschema's complaints ('' when every file is valid)."""
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    return "" if done.returncode == 0 else done.stdout + done.stderr


def workflows(folder: Path) -> list[Path]:
    return sorted((folder / "workflows").glob("*.yml"))


def test_zizmor_finds_nothing_of_medium_severity_or_higher():
    assert zizmor_findings(GITHUB) == []


def test_workflows_and_dependabot_match_their_schemas():
    assert len(workflows(GITHUB)) >= 2
    assert schema_errors("vendor.github-workflows", workflows(GITHUB)) == ""
    assert schema_errors("vendor.dependabot", [GITHUB / "dependabot.yml"]) == ""


@pytest.fixture
def copy_of_github(tmp_path) -> Path:
    copy = tmp_path / ".github"
    shutil.copytree(GITHUB, copy)
    return copy


def test_an_unpinned_action_and_persisted_credentials_are_found(copy_of_github):
    site = copy_of_github / "workflows" / "site.yml"
    text = site.read_text(encoding="utf-8")
    pinned = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n        with:\n" \
             "          persist-credentials: false\n"
    assert pinned in text
    site.write_text(text.replace(pinned, "actions/checkout@v5\n"), encoding="utf-8")
    found = zizmor_findings(copy_of_github)
    assert any(f.startswith("unpinned-uses: ") and "site.yml" in f for f in found), found
    assert any(f.startswith("artipacked: ") for f in found), found


def test_a_broken_workflow_or_dependabot_file_fails_the_schema_check(copy_of_github):
    site = copy_of_github / "workflows" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert "runs" in schema_errors("vendor.github-workflows", [site])
    bot = copy_of_github / "dependabot.yml"
    bot.write_text(bot.read_text(encoding="utf-8").replace("interval: weekly", "interval: fortnightly", 1),
                   encoding="utf-8")
    assert schema_errors("vendor.dependabot", [bot])
