"""Run one job of a GitHub workflow here, as a runner would, so that a broken step shows up before it
reaches GitHub: the job's `run:` steps, in order, in a fresh clone of HEAD (committed work only), with
the variables a runner sets (GITHUB_WORKSPACE, GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_SHA,
GITHUB_REF, RUNNER_TEMP, CI=true, ...) and pip's and npm's caches in the run's own folder.

`uses:` steps are not run: actions/checkout is the fresh clone itself, actions/cache restores nothing (the
caches start empty, unless --cache-dir names a folder kept between runs), actions/upload-artifact and
upload-pages-artifact copy their path to <work>/artifacts/<name>/; any other action is skipped with a note.
The job runs on this machine, not in its `container:` image. Step `if:` conditions understand success(),
always(), failure() and cancelled(); `${{ }}` expressions the github, runner, env, vars (--var), inputs
(--input), secrets (always empty) and steps contexts, with ||, && , == and !=.

    .venv/bin/python scripts/run-workflow.py --list .github/workflows/site.yml
    .venv/bin/python scripts/run-workflow.py .github/workflows/site.yml test-and-build
    .venv/bin/python scripts/run-workflow.py .github/workflows/nightly.yml canary --only Newest --keep
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
SHELLS = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"], "sh": ["sh", "-e"]}
DROPPED = ("GITHUB_", "RUNNER_", "ACTIONS_", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTEST_ADDOPTS")


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


# -- expressions -------------------------------------------------------------------------------------------

def lookup(name: str, contexts: dict):
    """A dotted name (github.sha, steps.x.outputs.y) in the contexts; '' when absent."""
    value = contexts
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return ""
        value = value[part]
    return value


def evaluate(expression: str, contexts: dict):
    """The value of a simple expression: literals, context names, ==, !=, &&, || and !."""
    expression = expression.strip()
    for operator in ("||", "&&"):
        if operator in expression:
            parts = [evaluate(part, contexts) for part in expression.split(operator)]
            result = parts[0]
            for value in parts[1:]:
                result = (result or value) if operator == "||" else (result and value)
            return result
    for operator in ("==", "!="):
        if operator in expression:
            left, right = (str(evaluate(p, contexts)).lower() for p in expression.split(operator, 1))
            return (left == right) == (operator == "==")
    if expression.startswith("!"):
        return not evaluate(expression[1:], contexts)
    if expression[:1] == "'" and expression[-1:] == "'":
        return expression[1:-1].replace("''", "'")
    if expression in ("true", "false"):
        return expression == "true"
    if re.fullmatch(r"-?\d+(\.\d+)?", expression):
        return expression
    if re.fullmatch(r"[A-Za-z_][\w.-]*", expression):
        return lookup(expression, contexts)
    print(f"run-workflow: cannot evaluate `{expression}` here; using ''", file=sys.stderr)
    return ""


def expand(text: str, contexts: dict) -> str:
    """`text` with each ${{ expression }} replaced by its value."""
    def value(match):
        result = evaluate(match[1], contexts)
        return "" if result is None or result is False else str(result).lower() if result is True else str(result)
    return EXPRESSION.sub(value, text)


def should_run(condition, failed: bool, contexts: dict) -> bool:
    """A step's `if:` after earlier steps did (not) fail."""
    text = EXPRESSION.sub(r"\1", str(condition)).strip() if condition is not None else "success()"
    if "always()" in text:
        return True
    if "cancelled()" in text:
        return False
    if "failure()" in text:
        return failed
    if text in ("success()", ""):
        return not failed
    return not failed and bool(evaluate(text.replace("success()", "true"), contexts))


# -- the runner's files ------------------------------------------------------------------------------------

def read_key_values(path: Path) -> dict[str, str]:
    """What a step wrote to $GITHUB_ENV or $GITHUB_OUTPUT: NAME=value lines and NAME<<DELIMITER blocks."""
    found, lines = {}, path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            found[name] = "\n".join(lines[index + 1:end])
            index = end
        elif "=" in line:
            name, value = line.split("=", 1)
            found[name] = value
        index += 1
    return found


def runner_environment(work: Path, workspace: Path, workflow: dict, job_id: str, args) -> dict[str, str]:
    """This process's environment without its venv and CI variables, plus what a runner sets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED)}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    cache = Path(args.cache_dir).resolve() if args.cache_dir else work / "cache"
    sha = git("rev-parse", "HEAD", cwd=workspace)
    owner, _, name = args.repository.partition("/")
    event = work / "event.json"
    event.write_text(json.dumps({"inputs": dict(args.input)}), encoding="utf-8")
    env.update({
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_SHA": sha,
        "GITHUB_REF": f"refs/heads/{args.branch}", "GITHUB_REF_NAME": args.branch, "GITHUB_REF_TYPE": "branch",
        "GITHUB_REPOSITORY": args.repository, "GITHUB_REPOSITORY_OWNER": owner, "GITHUB_ACTOR": owner,
        "GITHUB_EVENT_NAME": args.event, "GITHUB_EVENT_PATH": str(event), "GITHUB_JOB": job_id,
        "GITHUB_WORKFLOW": str(workflow.get("name", "")), "GITHUB_RUN_ID": str(int(time.time())),
        "GITHUB_RUN_NUMBER": "1", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_API_URL": "https://api.github.com", "GITHUB_BASE_REF": "", "GITHUB_HEAD_REF": "",
        "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_NAME": "run-workflow", "RUNNER_ENVIRONMENT": "self-hosted",
        "RUNNER_TEMP": str(work / "temp"), "RUNNER_TOOL_CACHE": str(work / "tool-cache"),
        "GITHUB_ENV": str(work / "files" / "env"), "GITHUB_PATH": str(work / "files" / "path"),
        # the caches a runner restores with actions/cache or setup-node, here in the run's folder
        "XDG_CACHE_HOME": str(cache), "PIP_CACHE_DIR": str(cache / "pip"), "npm_config_cache": str(cache / "npm"),
    })
    for folder in ("temp", "tool-cache", "files"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    for name_ in ("env", "path"):
        (work / "files" / name_).touch()
    return env


def contexts_for(env: dict, workflow: dict, job: dict, steps: dict, args) -> dict:
    github = {"sha": env["GITHUB_SHA"], "ref": env["GITHUB_REF"], "ref_name": env["GITHUB_REF_NAME"],
              "repository": env["GITHUB_REPOSITORY"], "repository_owner": env["GITHUB_REPOSITORY_OWNER"],
              "event_name": env["GITHUB_EVENT_NAME"], "run_number": env["GITHUB_RUN_NUMBER"],
              "run_id": env["GITHUB_RUN_ID"], "workspace": env["GITHUB_WORKSPACE"], "job": env["GITHUB_JOB"],
              "workflow": env["GITHUB_WORKFLOW"], "actor": env["GITHUB_ACTOR"],
              "event": {"inputs": dict(args.input)}}
    return {"github": github, "runner": {"os": "Linux", "arch": "X64", "temp": env["RUNNER_TEMP"]},
            "env": env, "vars": dict(args.var), "inputs": dict(args.input), "secrets": {}, "steps": steps}


# -- actions -----------------------------------------------------------------------------------------------

def emulate(action: str, inputs: dict, workspace: Path, work: Path) -> tuple[bool, str]:
    """(ok, note) for a `uses:` step."""
    name = action.split("@")[0]
    if name == "actions/checkout":
        return True, "the fresh clone is the checkout (no credentials are written)"
    if name == "actions/cache":
        return True, "nothing restored: the caches start empty in the run's folder"
    if name in ("actions/upload-artifact", "actions/upload-pages-artifact"):
        artifact = inputs.get("name") or ("github-pages" if name.endswith("pages-artifact") else "artifact")
        target = work / "artifacts" / artifact
        sources = [workspace / line.strip() for line in str(inputs.get("path", "")).splitlines() if line.strip()]
        present = [s for s in sources if s.exists()]
        if not present:
            level = inputs.get("if-no-files-found", "warn" if name.endswith("upload-artifact") else "error")
            return level != "error", f"no files at {inputs.get('path')!r} ({level})"
        for source in present:
            destination = target / source.name if len(present) > 1 else target
            (shutil.copytree(source, destination, dirs_exist_ok=True) if source.is_dir()
             else (target.mkdir(parents=True, exist_ok=True), shutil.copy2(source, target)))
        return True, f"copied to {target}"
    return True, "skipped (an action is not run here)"


# -- the job -----------------------------------------------------------------------------------------------

def step_label(index: int, step: dict) -> str:
    return step.get("name") or step.get("uses", "").split("@")[0] or step.get("run", "").strip().splitlines()[0]


def chosen(step: dict, only: list[str], skip: list[str]) -> bool:
    text = f"{step.get('name', '')}\n{step.get('uses', '')}\n{step.get('run', '')}"
    return (not only or any(o in text for o in only)) and not any(s in text for s in skip)


def run_job(workflow: dict, job_id: str, work: Path, args) -> bool:
    job = workflow["jobs"][job_id]
    workspace = work / "workspace"
    git("clone", "--quiet", str(ROOT), str(workspace))
    git("checkout", "--quiet", "--detach", git("rev-parse", "HEAD"), cwd=workspace)
    if git("status", "--porcelain", "--untracked-files=no"):
        print("run-workflow: note: uncommitted changes are not in the clone", file=sys.stderr)
    env = runner_environment(work, workspace, workflow, job_id, args)
    steps: dict = {}
    contexts = contexts_for(env, workflow, job, steps, args)
    for key, value in {**workflow.get("env", {}), **job.get("env", {})}.items():
        env[key] = expand(str(value), contexts)
    if "container" in job:
        image = job["container"]["image"] if isinstance(job["container"], dict) else job["container"]
        print(f"run-workflow: the job's container ({image}) is this machine")
    default_shell = {**workflow.get("defaults", {}).get("run", {}), **job.get("defaults", {}).get("run", {})}
    summary, failed = work / "summary.md", False
    summary.touch()
    for index, step in enumerate(job["steps"], 1):
        label = step_label(index, step)
        if not chosen(step, args.only, args.skip):
            continue
        if not should_run(step.get("if"), failed, contexts):
            print(f"\n=== {index}. {label}: not run (if: {step.get('if', 'success()')})")
            continue
        step_id = step.get("id", f"__step{index}")
        if "uses" in step:
            inputs = {k: expand(str(v), contexts) for k, v in step.get("with", {}).items()}
            ok, note = emulate(step["uses"], inputs, workspace, work)
            print(f"\n=== {index}. {label}: {note}")
            steps[step_id] = {"outputs": {}, "outcome": "success" if ok else "failure"}
            failed = failed or not (ok or step.get("continue-on-error"))
            continue
        print(f"\n=== {index}. {label}", flush=True)
        output, step_summary = work / "files" / f"output-{index}", work / "files" / f"summary-{index}"
        output.touch()
        step_summary.touch()
        step_env = {**env, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(step_summary),
                    "GITHUB_ACTION": step_id}
        step_env.update({k: expand(str(v), contexts) for k, v in step.get("env", {}).items()})
        script = work / "temp" / f"step-{index}.sh"
        script.write_text(expand(step["run"], {**contexts, "env": step_env}), encoding="utf-8")
        shell = SHELLS[step.get("shell", default_shell.get("shell", "bash"))]
        cwd = workspace / expand(step.get("working-directory", default_shell.get("working-directory", ".")), contexts)
        timeout = float(step["timeout-minutes"]) * 60 if "timeout-minutes" in step else None
        start = time.monotonic()
        try:
            code = subprocess.run([*shell, str(script)], cwd=cwd, env=step_env, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            code = -1
        outcome = "success" if code == 0 else "failure"
        print(f"=== {index}. {label}: {outcome} ({code}) in {time.monotonic() - start:.0f} s", flush=True)
        steps[step_id] = {"outputs": read_key_values(output), "outcome": outcome}
        env.update(read_key_values(work / "files" / "env"))
        added = [line for line in (work / "files" / "path").read_text(encoding="utf-8").splitlines() if line]
        env["PATH"] = os.pathsep.join([*reversed(added), *env["PATH"].split(os.pathsep)])
        (work / "files" / "path").write_text("", encoding="utf-8")
        with summary.open("a", encoding="utf-8") as out:
            out.write(step_summary.read_text(encoding="utf-8"))
        if code != 0 and not step.get("continue-on-error"):
            failed = True
    print(f"\nrun-workflow: job {job_id} {'failed' if failed else 'succeeded'}; summary: {summary}")
    return not failed


def pairs(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    return name, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workflow", type=Path, help="a workflow file, e.g. .github/workflows/site.yml")
    parser.add_argument("job", nargs="?", help="the job's id (all of them are listed by --list)")
    parser.add_argument("--list", action="store_true", help="list the jobs and their steps, run nothing")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="run only the steps whose name, action or command contains TEXT (repeatable)")
    parser.add_argument("--skip", action="append", default=[], metavar="TEXT",
                        help="leave out the steps whose name, action or command contains TEXT (repeatable)")
    parser.add_argument("--workdir", type=Path, help="the run's folder (kept); default a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--cache-dir", help="pip's and npm's caches, kept between runs (default: in the run's folder)")
    parser.add_argument("--event", default="workflow_dispatch", help="GITHUB_EVENT_NAME (default workflow_dispatch)")
    parser.add_argument("--branch", default="main", help="GITHUB_REF is refs/heads/BRANCH (default main)")
    parser.add_argument("--repository", default="", help="GITHUB_REPOSITORY, OWNER/NAME (default from origin)")
    parser.add_argument("--var", action="append", type=pairs, default=[], metavar="NAME=VALUE", help="vars.NAME")
    parser.add_argument("--input", action="append", type=pairs, default=[], metavar="NAME=VALUE",
                        help="inputs.NAME (a workflow_dispatch input)")
    args = parser.parse_args()
    workflow = yaml.safe_load(args.workflow.read_text(encoding="utf-8"))
    if args.list or not args.job:
        for job_id, job in workflow["jobs"].items():
            print(job_id)
            for index, step in enumerate(job.get("steps", []), 1):
                print(f"  {index}. {step_label(index, step)}{'' if 'run' in step else '  (action)'}")
        return 0 if args.list else 2
    if args.job not in workflow["jobs"]:
        parser.error(f"{args.workflow} has no job {args.job!r}; it has {', '.join(workflow['jobs'])}")
    if not args.repository:
        origin = subprocess.run(["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True)
        found = re.search(r"[:/]([\w.-]+/[\w.-]+?)(?:\.git)?$", origin.stdout.strip())
        args.repository = found[1] if found else f"local/{ROOT.name}"
    work = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="run-workflow-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"run-workflow: {args.workflow} job {args.job} in {work}")
    try:
        return 0 if run_job(workflow, args.job, work, args) else 1
    finally:
        if not (args.workdir or args.keep):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
