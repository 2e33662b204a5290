"""Which language versions exist for every entry, and which are older than another."""

from __future__ import annotations


def status_rows(content) -> tuple[list[dict], dict]:
    """Rows of {kind, slug, cells: {lang: missing|ok|stale}}, and per-language percentages."""
    codes = content.site.lang_codes
    rows, done = [], {code: 0 for code in codes}
    for kind, entries in content.entries.items():
        for entry in entries.values():
            dates = {lang: v.meta.get("updated") for lang, v in entry.versions.items()}
            newest = max((d for d in dates.values() if d is not None), default=None)
            cells = {}
            for code in codes:
                if code not in entry.versions:
                    cells[code] = "missing"
                elif newest is not None and dates.get(code) is not None and dates[code] < newest:
                    cells[code] = "stale"
                else:
                    cells[code] = "ok"
                    done[code] += 1
            rows.append({"kind": kind, "slug": entry.slug, "cells": cells,
                         "path": f"{kind}/{entry.slug}"})
    total = len(rows)
    totals = {code: (done[code] / total if total else 1.0) for code in codes}
    return rows, totals
