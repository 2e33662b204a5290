"""scripts/run-workflow.py runs a workflow job's `run:` steps here as a runner would: in order, in a fresh
clone of HEAD, with the GITHUB_* variables, the files a step writes to ($GITHUB_ENV, $GITHUB_OUTPUT,
$GITHUB_STEP_SUMMARY), `if:` after a failure, artifacts copied, and the caches in the run's own folder.
The slow test runs the real site workflow's install, build and Pages-artifact steps."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

RUNNER = ROOT / "scripts" / "run-workflow.py"

WORKFLOW = """\
name: try
on: workflow_dispatch
defaults:
  run:
    shell: bash
jobs:
  try:
    runs-on: ubuntu-latest
    container:
      image: python:3.11-bookworm
    env:
      GREETING: hello
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
      - id: first
        name: First
        run: |
          echo "sha=$GITHUB_SHA ref=$GITHUB_REF ci=$CI repo=$GITHUB_REPOSITORY job=$GITHUB_JOB"
          test "$PWD" = "$GITHUB_WORKSPACE" && test -d "$RUNNER_TEMP" && test -z "${VIRTUAL_ENV:-}"
          test -f pyproject.toml && git diff --quiet HEAD          # a clean checkout of HEAD
          echo "FROM_STEP=one" >> "$GITHUB_ENV"
          echo "answer=42" >> "$GITHUB_OUTPUT"
          echo "### from the first step" >> "$GITHUB_STEP_SUMMARY"
          mkdir -p results && echo x > results/a.txt
      - name: Second
        env:
          BASE: ${{ vars.SITE_BASE_URL || github.event.inputs.base_url }}
        run: |
          echo "from=$FROM_STEP answer=${{ steps.first.outputs.answer }} base=$BASE greeting=$GREETING"
          echo "os=${{ runner.os }} pip-cache=$PIP_CACHE_DIR"
      - name: Allowed to fail
        continue-on-error: true
        run: exit 3
      - name: Fails
        run: exit 4
      - name: After a failure
        run: echo SHOULD-NOT-RUN
      - name: Always
        if: always()
        run: echo ran-always
      - uses: actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0
        if: always()
        with:
          name: results
          path: results/
"""


def run(*args, cwd=ROOT, timeout=120):
    return subprocess.run([sys.executable, str(RUNNER), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def test_a_job_runs_in_order_with_a_runners_variables_and_files(tmp_path):
    workflow = tmp_path / "try.yml"
    workflow.write_text(WORKFLOW, encoding="utf-8")
    work = tmp_path / "work"
    done = run(workflow, "try", "--workdir", work, "--repository", "octo/report", "--input", "base_url=https://x.org/")
    out = done.stdout
    assert done.returncode == 1, out + done.stderr                    # `Fails` failed the job
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert f"sha={sha} ref=refs/heads/main ci=true repo=octo/report job=try" in out
    assert "=== 2. First: success (0)" in out
    assert "from=one answer=42 base=https://x.org/ greeting=hello" in out
    assert f"os=Linux pip-cache={work / 'cache' / 'pip'}" in out
    assert "=== 4. Allowed to fail: failure (3)" in out and "=== 5. Fails: failure (4)" in out
    assert "SHOULD-NOT-RUN" not in out and "6. After a failure: not run" in out
    assert "ran-always" in out
    assert "1. actions/checkout: the fresh clone is the checkout" in out
    assert (work / "artifacts" / "results" / "a.txt").read_text() == "x\n"
    assert (work / "summary.md").read_text() == "### from the first step\n"
    assert "run-workflow: job try failed" in out


def test_list_shows_every_job_and_step_of_the_real_workflows():
    for name in ("site.yml", "nightly.yml"):
        done = run("--list", f".github/workflows/{name}")
        assert done.returncode == 0, done.stderr
        assert "  1. actions/checkout  (action)" in done.stdout
    assert "Install test dependencies" in run("--list", ".github/workflows/site.yml").stdout
    assert "canary\n" in run("--list", ".github/workflows/nightly.yml").stdout


def test_an_unknown_job_is_named(tmp_path):
    done = run(".github/workflows/site.yml", "nope")
    assert done.returncode == 2 and "has no job 'nope'; it has test-and-build, deploy" in done.stderr


@pytest.mark.slow
def test_the_site_workflow_installs_builds_and_uploads_in_a_fresh_clone(tmp_path):
    """The real steps: install-test-deps.sh from nothing (pip's and npm's caches empty), the build for the
    public address a project page gets, and the Pages artifact."""
    work = tmp_path / "work"
    done = run(".github/workflows/site.yml", "test-and-build", "--workdir", work, "--repository", "octo/report",
               "--only", "Install test dependencies", "--only", "Build the site", "--only", "upload-pages-artifact",
               timeout=1200)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "base URL: https://octo.github.io/report/" in done.stdout
    site = work / "artifacts" / "github-pages"
    assert (site / "index.html").is_file() and (site / "404.html").is_file()
    assert "https://octo.github.io/report/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (work / "cache" / "npm").is_dir()                    # npm ci downloaded into the run's folder
