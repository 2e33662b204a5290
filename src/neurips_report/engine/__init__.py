"""The build engine: one pipeline for `build`, warm builds and `serve`, composed from the layers below it.

    pipeline.py   the stages, load -> model -> check -> resolve -> plan -> render -> write (`run`, `build`)
    changes.py    what an edit changed, as dependency tokens
    session.py    a site kept in memory between rebuilds (serve): the pipeline given the changed files
    write.py      the output folder: staged, swapped in atomically, never half written
    search.py     the Pagefind search index of the output

What it builds on: core/ (caches, workers and the process policy, dependency recording), model/, load/,
bib/, markup/, check/, theme/ and site/ (docs/architecture.md). Private-API shims live beside what they
speed up, each alone in one module with a proven fallback: markup/speedups.py (Python-Markdown) and
bib/fast_format.py (pybtex's styles).
"""
