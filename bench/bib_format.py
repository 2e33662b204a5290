#!/usr/bin/env python3
"""Time Bibliography.prepare (every reference formatted in en and zh, no cache) on a large bibliography:
fast_format's direct formatter against pybtex's own formatting.

    python bench/bib_format.py 5000 [--bib path/to/references.bib] [--serial]

Each variant runs in a fresh process (cold: nothing remembered from another variant); --serial formats
in this process only (no forked workers), which compares the formatting work itself; on a busy machine
compare cpu_seconds (this process's CPU time; with forked workers it leaves out theirs).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ("fast_format", "pybtex")


def child(variant: str, bib: Path, serial: bool) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from neurips_report.core import workers
    from neurips_report.bib import bibliography as module
    from neurips_report.bib.bibliography import Bibliography
    from neurips_report.bib.database import load_bib
    from neurips_report.model.problems import Problems

    if serial:
        workers.workers = lambda: 1
    if variant == "pybtex":
        module.format_html = lambda *args: None
    source = load_bib(bib, Problems(bib.parent))
    start, cpu = time.perf_counter(), time.process_time()
    bibliography = Bibliography(source)
    bibliography.prepare(["en", "zh"])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    output = json.dumps([bibliography.formatted(lang) for lang in ("en", "zh")], sort_keys=True)
    return {"variant": variant, "entries": len(source.data.entries), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
            "output": hash_text(output)}


def hash_text(text: str) -> str:
    import hashlib
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=5000)
    parser.add_argument("--bib", type=Path)
    parser.add_argument("--serial", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=VARIANTS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.bib, args.serial)))
        return 0
    bib = args.bib
    if bib is None:
        sys.path.insert(0, str(ROOT / "bench"))
        import synth
        conf = synth.generate(args.n)
        bib = Path(tempfile.mkdtemp(prefix="bib-format-")) / "references.bib"
        bib.write_text("".join(synth.bibtex_entry(*item) + "\n" for item in conf.bib), encoding="utf-8")
    results = []
    for _ in range(args.repeat):
        for variant in VARIANTS:
            cmd = [sys.executable, __file__, "--child", variant, "--bib", str(bib)] + (["--serial"] if args.serial else [])
            proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ})
            results.append(json.loads(proc.stdout))
            print(json.dumps(results[-1]), flush=True)
    assert len({r["output"] for r in results}) == 1, "the variants disagree"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
