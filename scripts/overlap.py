#!/usr/bin/env python3
"""Print every paper page's overlap with its reference text (issue 19's originality rules).

English pages are compared with the paper's official abstract (content/data/abstracts.json), Chinese
pages with the source report (through content/data/report-fingerprint.json). For each page: words
(characters for Chinese), the share of them inside shared runs of 7+ words (12+ characters), the
longest shared run, and FAIL with the reasons where a rule is broken.

    .venv/bin/python scripts/overlap.py            # all pages, failing ones marked
    .venv/bin/python scripts/overlap.py --failing  # only the pages that break a rule
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "content"))
import overlap  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failing", action="store_true", help="list only pages that break a rule")
    parser.add_argument("--pages", type=Path, default=None,
                        help="compare the paper pages in this directory instead of content/papers "
                             "(e.g. another checkout's), still with this checkout's data")
    args = parser.parse_args()
    if args.pages is not None:
        overlap.PAPERS = args.pages.resolve()
    abstracts = overlap.load_abstracts()
    fingerprint = overlap.Fingerprint.load()
    titles = overlap.official_titles()
    rows = [overlap.english_figures(p, abstracts) for p in overlap.paper_pages("en")]
    rows += [overlap.chinese_figures(p, fingerprint, titles) for p in overlap.paper_pages("zh")]
    failing = [r for r in rows if r.failures]
    print(f"# Overlap of paper pages with their reference texts (issue 19)\n"
          f"# rules: en vs abstract: longest shared run <= {overlap.MAX_ABSTRACT_RUN} words, "
          f"<= {overlap.MAX_SHARED_SHARE:.0%} of words in shared runs of {overlap.SHARED_RUN}+ words;\n"
          f"#        zh vs report: longest shared run < {overlap.MAX_CJK_RUN} characters, "
          f"<= {overlap.MAX_SHARED_SHARE:.0%} of characters in shared runs of {overlap.CJK_SHARED_RUN}+ characters\n"
          f"# {len(failing)} of {len(rows)} pages fail\n"
          f"# page  reference  size  shared%  longest  status")
    for r in sorted(rows, key=lambda r: (not r.failures, r.path.name)):
        if args.failing and not r.failures:
            continue
        name = r.path.relative_to(overlap.PAPERS.parents[1]).as_posix()
        if r.overlap is None:
            print(f"{name}  {r.reference}  -  -  -  UNCHECKED")
            continue
        ov = r.overlap
        status = "FAIL" if r.failures else "ok"
        print(f"{name}  {r.reference}  {ov.words}  {ov.share:.1%}  {ov.longest}  {status}")
        for reason in r.failures:
            print(f"    - {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
