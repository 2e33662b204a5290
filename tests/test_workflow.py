"""The CI workflows, parsed: every push runs the same install script and gates as
`bash scripts/test.sh`, from warm caches (build cache, pip, npm), builds the site once and deploys
that very build; a nightly schedule runs the slow tests and the benchmark smoke and keeps the results, and
a canary job runs the suite on the newest releases pyproject.toml allows. Every action is pinned to a commit,
no checkout keeps the token, and each job has only the permissions it needs (tests/test_workflow_audit.py
runs zizmor and the schema check)."""

import re

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))          # YAML 1.1 reads a bare `on` as True


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def index_of(job: dict, predicate) -> int:
    return next(i for i, step in enumerate(job["steps"]) if predicate(step))


def cache_for(job: dict, path: str) -> dict:
    found = [s["with"] for s in steps_using(job, "actions/cache") if s["with"]["path"].strip() == path]
    assert len(found) == 1, f"one actions/cache step for {path}"
    return found[0]


def restore_keys(cache: dict) -> list[str]:
    return [line.strip() for line in cache.get("restore-keys", "").splitlines() if line.strip()]


def check_warm_caches(job: dict) -> None:
    """pip's downloads, npm's and the build cache are restored, each keyed on what it depends on and
    with restore keys that fall back to the newest older cache."""
    pip = cache_for(job, "~/.cache/pip")
    assert "hashFiles('requirements/lock.txt')" in pip["key"]       # what scripts/venv.sh installs
    assert restore_keys(pip) and all(pip["key"].startswith(prefix) for prefix in restore_keys(pip))

    build = cache_for(job, ".cache")                       # <site>/.cache: the site is the repository's root
    key = build["key"]
    for dependencies in ("requirements/lock.txt", "pyproject.toml", "tests/node/package-lock.json"):
        assert dependencies in key, dependencies
    for source in ("content/**", "templates/**", "static/**", "src/**"):          # the source tree
        assert f"'{source}'" in key, source
    restore = restore_keys(build)
    assert len(restore) >= 2 and all(key.startswith(prefix) for prefix in restore)
    assert restore[-1].count("${{") < key.count("${{")                          # the last one ignores the sources

    node = steps_using(job, "actions/setup-node")
    assert node and node[0]["with"]["cache"] == "npm"
    assert node[0]["with"]["cache-dependency-path"] == "tests/node/package-lock.json"

    # restored before anything is installed or built
    first_use = index_of(job, lambda s: "run" in s)
    assert all(job["steps"].index(s) < first_use for s in steps_using(job, "actions/cache"))


def test_every_push_runs_the_gates_from_warm_caches_and_deploys_its_own_build():
    workflow = load("site.yml")
    assert {"push", "pull_request"} <= set(triggers(workflow))
    jobs = workflow["jobs"]
    assert set(jobs) == {"test-and-build", "deploy"}
    test, deploy = jobs["test-and-build"], jobs["deploy"]
    assert "bash scripts/install-test-deps.sh" in runs(test) and "bash scripts/test.sh" in runs(test)
    check_warm_caches(test)

    # built once, for the public address, after the tests (so the build cache saved is this build's)
    builds = [s for s in test["steps"] if "build.py build" in s.get("run", "")]
    assert len(builds) == 1 and "--base-url" in builds[0]["run"]
    out = re.search(r"build\.py build [^\n]*--out (\S+)", builds[0]["run"]).group(1)
    assert index_of(test, lambda s: "scripts/test.sh" in s.get("run", "")) < test["steps"].index(builds[0])
    upload = steps_using(test, "actions/upload-pages-artifact")
    assert len(upload) == 1 and upload[0]["with"]["path"] == out
    assert test["steps"].index(builds[0]) < test["steps"].index(upload[0])

    # the deploy job builds nothing: it publishes the test job's artifact, from main only
    assert deploy["needs"] == "test-and-build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert not any("run" in s for s in deploy["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert test["permissions"] == {"contents": "read"}


def test_nightly_runs_the_marathons_and_keeps_the_results():
    workflow = load("nightly.yml")
    on = triggers(workflow)
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons and all(len(c.split()) == 5 for c in crons)
    assert "workflow_dispatch" in on
    assert set(workflow["jobs"]) == {"marathons", "canary"}
    job = workflow["jobs"]["marathons"]
    check_warm_caches(job)
    commands = runs(job)
    assert re.search(r"bash scripts/test\.sh [^\n]*--run-slow", commands)
    assert "--junitxml=results/" in commands
    assert re.search(r"bench/run\.py [^\n]*--results results/", commands)
    bench = next(s for s in job["steps"] if "bench/run.py" in s.get("run", ""))
    assert bench.get("if") == "always()"                   # the benchmark runs even when a test failed
    uploads = steps_using(job, "actions/upload-artifact")
    assert len(uploads) == 1 and uploads[0]["with"]["path"].rstrip("/") == "results"
    assert uploads[0].get("if") == "always()"
    assert job["steps"].index(uploads[0]) == len(job["steps"]) - 1


def test_the_canary_runs_the_suite_on_the_newest_releases_in_a_job_of_its_own():
    """A new upstream release shows up in the nightly canary (scripts/canary.sh), never as a red main."""
    workflow = load("nightly.yml")
    canary = workflow["jobs"]["canary"]
    assert "needs" not in canary and "needs" not in workflow["jobs"]["marathons"]     # neither waits for the other
    assert "bash scripts/canary.sh" in runs(canary)
    assert not steps_using(canary, "actions/cache")           # nothing restored: newest releases, fresh
    out = next(s for s in canary["steps"] if "scripts/canary.sh" in s.get("run", ""))["env"]["CANARY_OUT"]
    uploads = steps_using(canary, "actions/upload-artifact")
    assert len(uploads) == 1 and uploads[0]["with"]["path"].rstrip("/") == out and uploads[0]["if"] == "always()"
    assert "canary" not in (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")


PINNED = re.compile(r"uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


@pytest.mark.parametrize("name", ["site.yml", "nightly.yml"])
def test_every_step_is_a_command_or_a_pinned_action(name):
    workflow = load(name)
    assert workflow["permissions"] == {}                         # each job asks for what it needs
    assert workflow["defaults"]["run"]["shell"] == "bash"        # bash -eo pipefail: a failing `| tee` fails
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    for job in workflow["jobs"].values():
        assert job["permissions"] and "write-all" not in str(job["permissions"])
        if "container" in job:
            assert job["container"]["image"].startswith("python:3.11-"), "install-test-deps.sh expects Debian"
        for step in job["steps"]:
            assert step.get("run") or re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step.get("uses", "")), step
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    uses = [line.strip().removeprefix("- ") for line in lines if re.match(r"\s*(- )?uses:", line)]
    assert uses and all(PINNED.fullmatch(line) for line in uses), uses      # a commit, with its version


def test_one_action_one_commit():
    """An action is pinned to the same commit everywhere (Dependabot updates them together)."""
    pins = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for action, sha in re.findall(r"uses: ([\w.-]+/[\w.-]+)@(\w+)", path.read_text(encoding="utf-8")):
            pins.setdefault(action, set()).add(sha)
    assert pins and all(len(shas) == 1 for shas in pins.values()), pins


def test_dependabot_keeps_the_locks_and_the_actions_fresh():
    """Weekly pull requests for the pip lock (requirements/lock.txt, found from the root), the npm lock of
    the test tools and the pinned actions, each grouped, none the day a release appears."""
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {(u["package-ecosystem"], u["directory"]): u for u in config["updates"]}
    assert set(updates) == {("pip", "/"), ("npm", "/tests/node"), ("github-actions", "/")}
    assert (ROOT / "requirements" / "lock.txt").is_file() and (ROOT / "tests/node/package-lock.json").is_file()
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["groups"]
        assert update["cooldown"]["default-days"] >= 7
    assert updates[("pip", "/")]["groups"]["markdown"]["patterns"] == ["markdown", "pymdown-extensions"]
