"""The canary's report, in Markdown: the packages whose newest release differs from requirements/lock.txt,
the test summary with each failure named, the benchmark smoke's outcome, and whether the Markdown
speed-ups are on. Run by scripts/canary.sh with the canary's interpreter, so what it reads is what the
suite ran on:

    .venv-canary/bin/python scripts/canary_report.py --junit junit.xml --tests-status 1 --bench-status 0
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import lock_versions  # noqa: E402

MAX_FAILURES = 30


def test_summary(junit: Path) -> tuple[dict[str, int], list[str]]:
    """({tests, failures, errors, skipped, time}, ['test id: first line of the message', ...]) of a JUnit
    report; no counts and no names when there is none (the suite did not get that far)."""
    if not junit.is_file():
        return {}, []
    root = ET.parse(junit).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    counts = {key: sum(int(float(s.get(key, 0))) for s in suites)
              for key in ("tests", "failures", "errors", "skipped", "time")}
    failed = []
    for case in root.iter("testcase"):
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None:
            module = case.get("classname", "")
            where = module.replace(".", "/") + ".py" if module.startswith("tests") else module
            message = (problem.get("message") or "").strip().splitlines()
            failed.append(f"{where}::{case.get('name')}" + (f": {message[0][:160]}" if message else ""))
    return counts, failed


def speedups_state() -> str:
    """'on', or 'off: why' (markup/speedups.py decides)."""
    from neurips_report.markup import speedups

    why = speedups.why_plain()
    return "on" if why is None else f"off: {why}"


def report(junit: Path, tests_status: int, bench_status: int, lock: Path = lock_versions.LOCK) -> str:
    counts, failed = test_summary(junit)
    lines = ["## Canary: the newest releases pyproject.toml allows", ""]
    if counts:
        passed = counts["tests"] - counts["failures"] - counts["errors"] - counts["skipped"]
        summary = (f"{passed:,} passed, {counts['failures']} failed, {counts['errors']} errors, "
                   f"{counts['skipped']} skipped in {counts['time']:,} s")
    else:
        summary = "no test report (the suite did not run to the end)"
    lines += [f"- **Suite: {'passed' if tests_status == 0 else 'failed'}** ({summary})",
              f"- **Benchmark smoke: {'passed' if bench_status == 0 else 'failed'}**",
              f"- **Markdown speed-ups: {speedups_state()}**", ""]
    differences = lock_versions.differences(lock_versions.locked(lock), lock_versions.installed())
    changed = [(name, old, new) for name, old, new in differences if new]
    absent = [name for name, _old, new in differences if not new]
    lines += [f"### Versions that differ from {lock.parent.name}/{lock.name}", ""]
    if changed:
        lines += ["| package | locked | newest |", "|---|---|---|"]
        lines += [f"| {name} | {old or '(not locked)'} | {new} |" for name, old, new in changed]
    else:
        lines.append("None: the newest releases are the locked ones.")
    if absent:
        lines += ["", f"Locked but not installed here: {', '.join(absent)} (the build back end, which pip "
                      "installs only into an isolated build, or a dependency no longer needed)."]
    if failed:
        lines += ["", "### Failures", ""] + [f"- `{name}`" for name in failed[:MAX_FAILURES]]
        if len(failed) > MAX_FAILURES:
            lines.append(f"- and {len(failed) - MAX_FAILURES} more (see the JUnit report)")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--junit", type=Path, required=True, help="pytest's --junitxml report")
    parser.add_argument("--tests-status", type=int, required=True, help="pytest's exit status")
    parser.add_argument("--bench-status", type=int, required=True, help="bench/run.py's exit status")
    args = parser.parse_args()
    sys.stdout.write(report(args.junit, args.tests_status, args.bench_status))


if __name__ == "__main__":
    main()
