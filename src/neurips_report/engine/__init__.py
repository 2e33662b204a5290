"""The build engine: one pipeline for `build`, warm builds and `serve`, and everything that makes it fast.

    pipeline.py   the stages, load -> model -> check -> resolve -> plan -> render -> write (`run`, `build`)
    changes.py    what an edit changed, as dependency tokens
    deps.py       dependencies recorded while bodies and pages are made, and the Memo that keeps them
    cache.py      every persistent cache (bodies, references, page fingerprints, the build manifest)
    session.py    a site kept in memory between rebuilds (serve): the pipeline given the changed files
    process.py    the process policy: garbage-collector settings, in one context manager
    workers.py    forked worker processes that keep to that policy
    write.py      the output folder: staged, swapped in atomically, never half written

Private-API shims live beside what they speed up, each alone in one module with a proven fallback:
markup/speedups.py (Python-Markdown) and bib/fast_format.py (pybtex's styles).
"""
