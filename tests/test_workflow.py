"""The CI workflow parses and runs the same install script and gates as `bash scripts/test.sh`."""

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def test_workflow_parses_and_runs_the_gates():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))          # YAML 1.1 reads a bare `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    jobs = workflow["jobs"]
    build, deploy = jobs["test-and-build"], jobs["deploy"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    assert "bash scripts/install-test-deps.sh" in runs and "bash scripts/test.sh" in runs
    assert "build.py build --base-url" in runs
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["needs"] == "test-and-build"
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    for step in build["steps"] + deploy["steps"]:
        assert step.get("run") or "@" in step.get("uses", ""), step
