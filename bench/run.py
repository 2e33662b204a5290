#!/usr/bin/env python3
"""Benchmarks: the project's build against its peers on the same synthetic conference.

    .venv/bin/python bench/run.py                          # N = 100, 1,000, 5,000, 20,000; every peer
    .venv/bin/python bench/run.py --sizes 1000 --peers hugo,naive
    .venv/bin/python bench/run.py --sizes 20 --peers none --no-real      # the smoke run of the tests

For each N, bench/synth.py writes a conference of N papers (two languages) under bench/work/, and this
script measures, each in a fresh child process (wall time, CPU time and peak RSS from getrusage):

  ours cold      full build with no cache and no previous output
  ours warm      the same build again, nothing changed, cache and output kept
  ours warm edit the same build again after one paper's body changed
  edit paper / edit bib / edit partial / edit template
                 one paper's body, one BibTeX entry's title, a partial template (partials/prevnext.html),
                 a page template (paper.html) changed, rebuilt in-process through serve's incremental
                 API (engine.session.SiteSession; a full warm build if the project has none) after an
                 untimed full build in the same process
  serve          the real `serve` command: a paper, a BibTeX entry and the partial saved in turn, each
                 timed from the write to a page on disk holding the new text
  naive          bench/naive.py: PyYAML + one reused Python-Markdown + Jinja2, one page at a time
  hugo, pelican, mkdocs
                 the same conference converted by bench/peers.py, built cold by each tool

It prints a table and the target ratios and writes JSON to bench/results/ (latest.json and a dated
copy). Pelican and MkDocs run from their own virtualenv, bench/work/peers-venv (created on first use
with pip; --setup-peers only creates it). Peers slower than --peer-timeout seconds are stopped and
reported as such. Timings on a shared machine are noisy: compare ratios from one run, not across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
PEERS_VENV = WORK / "peers-venv"
PEER_PACKAGES = ("pelican[markdown]==4.12.0", "mkdocs==1.6.1")
SIZES = (100, 1000, 5000, 20000)
ALL_PEERS = ("naive", "hugo", "pelican", "mkdocs")
EDIT_KINDS = ("paper", "bib", "partial", "template")
SERVE_KINDS = ("paper", "bib", "partial")
sys.path.insert(0, str(BENCH))


# -- measuring a child process ------------------------------------------------------------------------
def measure(argv: list[str], cwd: Path | None = None, timeout: float | None = None, env: dict | None = None) -> dict:
    """Run argv; wall seconds, plus CPU seconds and peak RSS (MB) from wait4() of that one process
    (Linux counts the descendants it waited for in both)."""
    import tempfile
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, text=True,
                                env={**os.environ, **(env or {})}, start_new_session=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                os.killpg(proc.pid, 9)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return {"ok": False, "error": f"stopped after {timeout:.0f} s", "seconds": None}
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"ok": proc.returncode == 0, "seconds": seconds, "stdout": out.read(), "stderr": err.read()[-4000:],
                "returncode": proc.returncode, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def run_child(args: list[str], timeout: float | None = None) -> dict:
    """Run this script in --child mode; returns the JSON it prints (its own measurements)."""
    result = measure([sys.executable, str(Path(__file__).resolve()), "--child", *args], timeout=timeout)
    if not result["ok"]:
        return {"ok": False, "error": (result.get("stderr") or result.get("error") or "")[-2000:]}
    line = [row for row in result["stdout"].splitlines() if row.startswith("{")][-1]
    data = json.loads(line)
    data["ok"] = True
    data["process_seconds"] = result["seconds"]
    return data


def peer(argv: list[str], cwd: Path, out_dirs: list[Path], timeout: float) -> dict:
    """A peer's cold build: output removed first (untimed), then the timed run."""
    for folder in out_dirs:
        shutil.rmtree(folder, ignore_errors=True)
    result = measure(argv, cwd=cwd, timeout=timeout)
    if not result["ok"]:
        return {"ok": False, "error": result.get("error") or result.get("stderr", "")[-1500:]}
    pages = sum(1 for folder in out_dirs if folder.is_dir() for _ in folder.rglob("*.html"))
    return {"ok": True, "seconds": result["seconds"], "pages": pages, "cpu": result["cpu"], "peak_mb": result["peak_mb"]}


# -- child mode: our build, measured from inside ---------------------------------------------------------
def child(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("build", "edit"))
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--kind", choices=EDIT_KINDS)
    parser.add_argument("--trace-memory", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from neurips_report.engine.pipeline import Options, build

    options = Options(args.site, args.out, cache=not args.no_cache, cache_dir=args.cache_dir)
    if args.trace_memory:
        import tracemalloc
        tracemalloc.start()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    report = {}
    if args.mode == "build":
        result = build(options)
        report.update(pages=result.pages, files=result.files)
        seconds = time.perf_counter() - wall0
    else:
        seconds, info = _edit_and_rebuild(options, args.kind)
        report.update(info)
    if args.trace_memory:
        import tracemalloc
        report["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    report.update(seconds=seconds, cpu=(own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime),
                  parent_cpu=time.process_time() - cpu0,
                  peak_mb=own.ru_maxrss / 1024, worker_peak_mb=workers.ru_maxrss / 1024)
    print(json.dumps(report))


def _edit_and_rebuild(options, kind: str) -> tuple[float, dict]:
    """Untimed full build in this process, one edit, then the timed rebuild through serve's API."""
    site = options.site_root
    target, old, new = _edit_target(site, kind)
    try:
        from neurips_report.engine.session import SiteSession as session_cls
    except ImportError:
        session_cls = None
    original = target.read_bytes()
    try:
        if session_cls is None:
            from neurips_report.engine.pipeline import build
            build(options)
            target.write_bytes(original.replace(old, new, 1))
            start = time.perf_counter()
            result = build(options)
            return time.perf_counter() - start, {"api": "full build (no incremental API)", "pages": result.pages}
        session = session_cls(options)
        session.full()
        target.write_bytes(original.replace(old, new, 1))
        start = time.perf_counter()
        for name in ("rebuild_changed", "rebuild_paths"):
            if hasattr(session, name):
                report = getattr(session, name)([target])
                api = f"SiteSession.{name}"
                break
        else:
            report = session.rebuild()
            api = "SiteSession.rebuild"
        seconds = time.perf_counter() - start
        return seconds, {"api": api, "full": bool(getattr(report, "full", False)),
                         "rendered": getattr(report, "rendered", None)}
    finally:
        target.write_bytes(original)


def serve_edit(site: Path, out: Path, cache: Path, edits: int = 5, timeout: float = 900) -> dict:
    """`serve` as an editor runs it: the real command, then a paper, a BibTeX entry and a partial template
    each saved `edits` times in turn; each time the seconds from the write to a page on disk holding the
    new text (polled every millisecond). One result per kind: {"paper": {...}, "bib": {...}, ...}."""
    import signal
    import socket
    import statistics
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = WORK / "serve-edit.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--out",
                                    str(out), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    results = {}
    try:
        deadline = time.monotonic() + timeout
        while "serving " not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                return {kind: {"ok": False, "error": log_path.read_text()[-1500:]} for kind in SERVE_KINDS}
            time.sleep(0.1)
        time.sleep(2.0)                                   # the watcher starts with the event loop
        for kind in SERVE_KINDS:
            target, old, _ = _edit_target(site, kind)
            page = _page_showing(site, out, kind)
            original = target.read_bytes()
            latencies = []
            try:
                for i in range(edits):
                    marker, shown = _marker(kind, i, old)
                    start = time.perf_counter()
                    target.write_bytes(original.replace(old, marker, 1))
                    while shown not in page.read_bytes():
                        if time.perf_counter() - start > 60:
                            raise TimeoutError(f"{page} did not change within 60 s")
                        time.sleep(0.001)
                    latencies.append(time.perf_counter() - start)
                    time.sleep(1.0)
            except TimeoutError as error:
                results[kind] = {"ok": False, "error": str(error)}
                continue
            finally:
                target.write_bytes(original)
                time.sleep(1.0)
            results[kind] = {"ok": True, "seconds": statistics.median(latencies), "latencies": latencies,
                             "edits": edits, "api": f"serve, save {kind} to page written (median)"}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    reported = [line for line in log_path.read_text().splitlines() if line.startswith("rebuilt:")]
    for result in results.values():
        result["log"] = reported
    return results


def _marker(kind: str, i: int, old: bytes) -> tuple[bytes, bytes]:
    """What replaces `old` (from _edit_target) in the i-th save of `kind`, and what of it the page shows."""
    if kind == "paper":
        return f"**Results (save {i}).**".encode(), f"Results (save {i}).".encode()
    if kind == "bib":
        return old.replace(b"title     = {", f"title     = {{Revisited {i}: ".encode(), 1), f"Revisited {i}: ".encode()
    return f"<!-- edited {i} -->{{% if prev or next %}}".encode(), f"<!-- edited {i} -->".encode()


def _page_showing(site: Path, out: Path, kind: str) -> Path:
    """A page of the English tree that shows what _edit_target(kind) changes."""
    target, old, _ = _edit_target(site, kind)
    if kind == "paper":
        return out / "en" / "papers" / target.name[:-len(".en.md")] / "index.html"
    if kind == "bib":
        text = target.read_bytes()
        key = text[text.rindex(b"@", 0, text.index(old)):].split(b"{", 1)[1].split(b",", 1)[0].decode()
        for paper in sorted((site / "content" / "papers").glob("*.en.md")):
            if re.search(rf"^bib: *[\"']?{re.escape(key)}[\"']? *$", paper.read_text(encoding="utf-8"), re.M):
                return out / "en" / "papers" / paper.name[:-len(".en.md")] / "index.html"
        return out / "en" / "bibliography" / "index.html"
    return out / "en" / "tracks" / sorted((site / "content" / "tracks").glob("*.en.md"))[0].name[:-len(".en.md")] \
        / "index.html"


def _edit_target(site: Path, kind: str) -> tuple[Path, bytes, bytes]:
    if kind == "paper":
        path = sorted((site / "content" / "papers").glob("*.en.md"))[len(list((site / "content" / "papers").glob("*.en.md"))) // 2]
        return path, b"**Results.**", b"**Results (edited).**"
    if kind == "bib":
        path = site / "content" / "references.bib"
        text = path.read_bytes()
        start = text.index(b"title     = {", len(text) // 2)
        old = text[start:text.index(b"\n", start)]
        return path, old, old.replace(b"title     = {", b"title     = {Revisited: ", 1)
    if kind == "partial":
        return site / "templates" / "partials" / "prevnext.html", b"{% if prev or next %}", \
            b"<!-- edited -->{% if prev or next %}"
    path = site / "templates" / "paper.html"
    return path, b"{% block content %}", b"{% block content %}<!-- edited -->"


# -- the benchmark -----------------------------------------------------------------------------------------
def prepare_site(n: int) -> Path:
    """bench/work/synth-N: the synthetic conference in our format, plus a private copy of the theme."""
    import synth
    root = WORK / f"synth-{n}"
    stamp = root / ".synth-stamp"
    # the interface strings are copied from the real site: a new string there makes a new copy
    key = f"{n} {synth.__doc__ and _digest(BENCH / 'synth.py')}" + "".join(
        _digest(path) for path in sorted((REPO / "content" / "i18n").glob("*.yaml")))
    if not (stamp.is_file() and stamp.read_text() == key):
        root.mkdir(parents=True, exist_ok=True)
        synth.write_site(synth.generate(n), root)
        stamp.write_text(key)
    for name in ("templates", "static"):
        shutil.rmtree(root / name, ignore_errors=True)
        shutil.copytree(REPO / name, root / name)
    return root


def prepare_peers(n: int, peers: list[str]) -> dict[str, Path]:
    import peers as converters
    import synth
    conf = None
    roots = {}
    for name in peers:
        if name == "naive":
            continue
        root = WORK / f"{name}-{n}"
        stamp = root / ".synth-stamp"
        key = f"{n} {_digest(BENCH / 'synth.py')} {_digest(BENCH / 'peers.py')}"
        if not (stamp.is_file() and stamp.read_text() == key):
            conf = conf or synth.generate(n)
            getattr(converters, f"write_{name}")(conf, root)
            stamp.write_text(key)
        roots[name] = root
    return roots


def _digest(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def ensure_peers_venv() -> bool:
    python = PEERS_VENV / "bin" / "python"
    if python.is_file():
        return True
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
        return True
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"cannot set up Pelican/MkDocs: {exc}", file=sys.stderr)
        shutil.rmtree(PEERS_VENV, ignore_errors=True)
        return False


def run_peer(name: str, n: int, site: Path, root: Path | None, timeout: float) -> dict:
    if name == "naive":
        out = WORK / f"naive-{n}-out"
        return peer([sys.executable, str(BENCH / "naive.py"), str(site), str(out)], REPO, [out], timeout)
    if name == "hugo":
        if not shutil.which("hugo"):
            return {"ok": False, "error": "hugo is not installed (apt-get install hugo)"}
        shutil.rmtree(root / "resources", ignore_errors=True)
        return peer(["hugo", "--quiet", "-d", "public"], root, [root / "public"], timeout)
    if not ensure_peers_venv():
        return {"ok": False, "error": "no peers virtualenv"}
    if name == "pelican":
        return peer([str(PEERS_VENV / "bin" / "pelican"), "-q", "content", "-o", "output", "-s", "pelicanconf.py"],
                    root, [root / "output"], timeout)
    return peer([str(PEERS_VENV / "bin" / "mkdocs"), "build", "-q"], root, [root / "site"], timeout)


def bench_size(n: int, peers: list[str], peer_max: int, timeout: float, log, edits_max: int | None = None,
               repeat: int = 1, serve_saves: int = 5) -> dict:
    """Cold builds of ours and of every peer, `repeat` rounds taken in turn (so that a change of the
    machine's load touches all of them alike), each reported by its fastest round; then our warm build,
    edits and serve on the cache of our last cold build."""
    log(f"== N = {n:,}: preparing the synthetic conference")
    site = prepare_site(n)
    out, cache = WORK / f"synth-{n}-out", WORK / f"synth-{n}-cache"
    result: dict = {"n": n}
    common = ["--site", str(site), "--out", str(out), "--cache-dir", str(cache)]
    wanted = [p for p in peers if p in ("naive", "hugo") or n <= peer_max]
    roots = prepare_peers(n, wanted)
    rounds: dict = {"cold": [], **{name: [] for name in wanted}}
    for round_number in range(1, repeat + 1):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        label = f" (round {round_number} of {repeat})" if repeat > 1 else ""
        log(f"   ours: cold build{label}")
        rounds["cold"].append(run_child(["build", *common]))
        log(f"   ours: cold build {_fmt(rounds['cold'][-1])}")
        for name in wanted:
            log(f"   {name}: cold build{label}")
            rounds[name].append(run_peer(name, n, site, roots.get(name), timeout))
            log(f"   {name}: {_fmt(rounds[name][-1])}")
    for key, runs in rounds.items():
        result[key] = _fastest(runs)
    log("   ours: warm build")
    result["warm"] = run_child(["build", *common])
    log(f"   ours: warm build {_fmt(result['warm'])}")
    target, old, new = _edit_target(site, "paper")
    original = target.read_bytes()
    target.write_bytes(original.replace(old, new, 1))
    try:
        result["warm_edit"] = run_child(["build", *common])
    finally:
        target.write_bytes(original)
    log(f"   ours: warm build after one paper edit {_fmt(result['warm_edit'])}")
    for kind in EDIT_KINDS:
        if edits_max is not None and n > edits_max:
            result[f"edit_{kind}"] = {"ok": False, "error": f"skipped above --edits-max {edits_max}"}
            continue
        result[f"edit_{kind}"] = run_child(["edit", "--kind", kind, *common])
        log(f"   ours: edit {kind} {_fmt(result[f'edit_{kind}'])}")
    if edits_max is None or n <= edits_max:
        for kind, served in serve_edit(site, WORK / f"synth-{n}-serve-out", cache, serve_saves).items():
            result[f"serve_{kind}"] = served
            log(f"   ours: serve, save {kind} to page {_fmt(served)}")
    for name in peers:
        if name not in wanted:
            result[name] = {"ok": False, "error": f"skipped above --peer-max {peer_max}"}
    return result


def _fastest(runs: list[dict]) -> dict:
    """The fastest successful run, with every round's seconds; or the first failure."""
    good = [r for r in runs if r.get("ok")]
    if not good:
        return runs[0]
    best = dict(min(good, key=lambda r: r["seconds"]))
    best["rounds"] = [r.get("seconds") for r in runs]
    return best


def bench_real(log) -> dict:
    """The repository's own site (content/ only; the theme is the repository's)."""
    root = WORK / "real"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(REPO / "content", root / "content")
    out, cache = WORK / "real-out", WORK / "real-cache"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    common = ["--site", str(root), "--out", str(out), "--cache-dir", str(cache)]
    result = {"cold": run_child(["build", *common])}
    result["warm"] = run_child(["build", *common])
    log(f"== real site: cold {_fmt(result['cold'])}, warm {_fmt(result['warm'])}")
    return result


def _fmt(r: dict) -> str:
    if not r.get("ok"):
        return "FAILED: " + str(r.get("error", ""))[-300:]
    return f"{r['seconds']:.2f} s"


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(), "cores": os.cpu_count()}
    try:
        info["cpu"] = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
        info["memory_gb"] = round(int(next(line.split()[1] for line in open("/proc/meminfo")
                                           if line.startswith("MemTotal"))) / 2**20, 1)
        info["load_before"] = os.getloadavg()
    except (OSError, StopIteration):
        pass
    versions = {}
    if shutil.which("hugo"):
        versions["hugo"] = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    for tool in ("pelican", "mkdocs"):
        exe = PEERS_VENV / "bin" / tool
        if exe.is_file():
            versions[tool] = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()[-40:]
    import markdown
    versions["python-markdown"] = markdown.__version__
    info["versions"] = versions
    return info


# -- the report ---------------------------------------------------------------------------------------------
def table(results: dict) -> str:
    rows = [("N", "what", "seconds", "CPU s", "pages", "pages/s", "peak MB", "note")]
    results.setdefault("sizes", [])
    for size in results["sizes"]:
        n = size["n"]
        for key in ("cold", "warm", "warm_edit", *(f"edit_{k}" for k in EDIT_KINDS), "serve_edit",
                    *(f"serve_{k}" for k in SERVE_KINDS), *ALL_PEERS):
            r = size.get(key)
            if r is None:
                continue
            name = {"cold": "ours cold", "warm": "ours warm", "warm_edit": "ours warm, one paper edited",
                    "serve_edit": "ours serve: save paper",
                    **{f"edit_{k}": f"ours edit {k}" for k in EDIT_KINDS},
                    **{f"serve_{k}": f"ours serve: save {k}" for k in SERVE_KINDS}}.get(key, key)
            if not r.get("ok"):
                rows.append((f"{n:,}", name, "-", "-", "-", "-", "-", str(r.get("error", ""))[:60].replace("\n", " ")))
                continue
            pages = r.get("pages") or (r.get("rendered") if key.startswith("edit") else None)
            peak = max(r.get("peak_mb") or 0, r.get("worker_peak_mb") or 0) or None
            note = r.get("api", "")
            if key.startswith("edit") and r.get("full"):
                note += " (full rebuild)"
            rows.append((f"{n:,}", name, f"{r['seconds']:.3f}" if key.startswith(("serve", "edit")) else f"{r['seconds']:.2f}",
                         f"{r['cpu']:.1f}" if r.get("cpu") else "-",
                         f"{pages:,}" if pages else "-",
                         f"{pages / r['seconds']:,.0f}" if pages and not key.startswith("edit") else "-",
                         f"{peak:,.0f}" if peak else "-", note))
    real = results.get("real")
    if real:
        for key in ("cold", "warm"):
            r = real[key]
            rows.append(("real", f"ours {key}", f"{r['seconds']:.2f}" if r.get("ok") else "-", f"{r.get('cpu', 0):.1f}",
                         f"{r.get('pages', 0):,}", f"{r['pages'] / r['seconds']:,.0f}" if r.get("ok") else "-",
                         f"{r.get('peak_mb', 0):,.0f}", ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(cell).rjust(w) if i in (2, 3, 4, 5, 6) else str(cell).ljust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for the goals of issue 17 (the engine) and those of issue 10 still in force."""
    by_n = {s["n"]: s for s in results["sizes"]}
    out = []

    def sec(n, key):
        r = by_n.get(n, {}).get(key) or {}
        return r["seconds"] if r.get("ok") else None

    def add(label, value, fmt, ok):
        out.append((label, fmt(value) if value is not None else "not measured", ok(value) if value is not None else None))

    def ratio(a, b):
        return a / b if a is not None and b else None

    n = 5000 if 5000 in by_n else max(by_n, default=0)
    hugo, cold = sec(n, "hugo"), sec(n, "cold")
    times_hugo = lambda limit: (lambda v: f"{v:.3f} x Hugo's cold build", lambda v: v <= limit)   # noqa: E731
    add(f"warm build, nothing changed, N={n:,} <= 0.05 x Hugo's cold build", ratio(sec(n, "warm"), hugo),
        *times_hugo(0.05))
    add(f"warm build after one paper edit, N={n:,} <= 0.1 x Hugo's cold build", ratio(sec(n, "warm_edit"), hugo),
        *times_hugo(0.1))
    ms = lambda limit: (lambda v: f"{v * 1000:.0f} ms", lambda v: v < limit)   # noqa: E731
    add("serve at N=1,000: paper edit -> page written < 50 ms", sec(1000, "serve_paper") or sec(1000, "serve_edit"),
        *ms(0.05))
    add("serve at N=1,000: BibTeX entry edit -> page written < 100 ms", sec(1000, "serve_bib"), *ms(0.1))
    add("serve at N=1,000: template partial edit -> page written < 1 s", sec(1000, "serve_partial"), *ms(1.0))
    add(f"cold build at N={n:,} <= 1.5 x Hugo", ratio(cold, hugo), lambda v: f"{v:.2f} x Hugo", lambda v: v <= 1.5)
    r = by_n.get(5000, {}).get("cold") or {}
    peak = max(r.get("peak_mb") or 0, r.get("worker_peak_mb") or 0) if r.get("ok") else None
    add("peak memory at N=5,000 < 250 MiB", peak, lambda v: f"{v:.0f} MiB (largest process)", lambda v: v < 250)
    add("cold build N=20,000 <= 4.3 x N=5,000", ratio(sec(20000, "cold"), sec(5000, "cold")), lambda v: f"{v:.2f} x",
        lambda v: v <= 4.3)
    faster = lambda limit: (lambda v: f"{v:.2f} x faster", lambda v: v >= limit)   # noqa: E731
    add(f"(issue 10) cold build at N={n:,} >= 4 x faster than Pelican", ratio(sec(n, "pelican"), cold), *faster(4))
    add(f"(issue 10) cold build at N={n:,} >= 4 x faster than MkDocs", ratio(sec(n, "mkdocs"), cold), *faster(4))
    add(f"(issue 10) cold build at N={n:,} faster than the naive loop", ratio(sec(n, "naive"), cold),
        lambda v: f"{v:.2f} x faster", lambda v: v > 1)
    real = (results.get("real") or {}).get("warm") or {}
    add("(issue 10) real site warm build < 1 s", real["seconds"] if real.get("ok") else None,
        lambda v: f"{v:.2f} s", lambda v: v < 1)
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated numbers of papers")
    parser.add_argument("--peers", default=",".join(ALL_PEERS), help="comma-separated peers, or 'none'")
    parser.add_argument("--peer-max", type=int, default=5000, help="largest N for Pelican and MkDocs (default 5000)")
    parser.add_argument("--peer-timeout", type=float, default=1800, help="seconds before a peer is stopped")
    parser.add_argument("--edits-max", type=int, default=None, help="largest N for the three edit scenarios")
    parser.add_argument("--serve-saves", type=int, default=5, help="saves of each kind in the serve scenario")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of cold builds (ours and peers); the fastest counts")
    parser.add_argument("--no-real", action="store_true", help="skip the repository's own site")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the JSON results")
    parser.add_argument("--setup-peers", action="store_true", help="only create bench/work/peers-venv")
    args = parser.parse_args(argv)
    if args.setup_peers:
        return 0 if ensure_peers_venv() else 1
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    peers = [] if args.peers == "none" else [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = set(peers) - set(ALL_PEERS)
    if unknown:
        parser.error(f"unknown peers: {', '.join(sorted(unknown))}")
    WORK.mkdir(parents=True, exist_ok=True)
    log = lambda text: print(text, file=sys.stderr, flush=True)   # noqa: E731
    started = time.perf_counter()
    results = {"date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(), "sizes": []}
    args.results.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        results["sizes"].append(bench_size(n, peers, args.peer_max, args.peer_timeout, log, args.edits_max,
                                           args.repeat, args.serve_saves))
        (args.results / "partial.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    if not args.no_real:
        results["real"] = bench_real(log)
    results["machine"]["load_after"] = os.getloadavg()
    results["total_seconds"] = time.perf_counter() - started
    results["targets"] = [{"target": t, "measured": m, "met": ok} for t, m, ok in targets(results)]
    print(table(results))
    print()
    for t, m, ok in targets(results):
        print(f"{'met    ' if ok else 'NOT MET' if ok is False else 'n/a    '}  {t}: {m}")
    args.results.mkdir(parents=True, exist_ok=True)
    for entry in results["sizes"]:
        for r in entry.values():
            if isinstance(r, dict):
                r.pop("stdout", None)
    text = json.dumps(results, indent=1, ensure_ascii=False)
    (args.results / "latest.json").write_text(text + "\n", encoding="utf-8")
    stamp = results["date"].replace(":", "").replace("-", "")
    (args.results / f"run-{stamp}.json").write_text(text + "\n", encoding="utf-8")
    (args.results / "partial.json").unlink(missing_ok=True)
    print(f"\nresults: {args.results / 'latest.json'} ({results['total_seconds']:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
