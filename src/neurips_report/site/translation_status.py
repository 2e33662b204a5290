"""Which language versions exist for every entry, and which are older than another.

A version's age is its `updated:` front-matter date; `check --translations` also asks git for
the last commit of each file when no date is given (the built site never does: builds must not
depend on the repository's history)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def git_dates(root: Path) -> dict[str, dt.date]:
    """content-relative path -> date of the last commit touching it (empty outside git)."""
    try:
        out = subprocess.run(["git", "log", "--format=@%cs", "--name-only", "--", "content"], cwd=root,
                             capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True).stdout.strip()
    dates, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line.strip() and current:
            rel = line.strip()[len(top):] if top and line.startswith(top) else line.strip()
            dates.setdefault(rel, current)
    return dates


def status_rows(content, history: dict | None = None) -> tuple[list[dict], dict]:
    """Rows of {kind, slug, path, cells: {lang: missing|ok|stale}}, and the share done per language."""
    codes = content.site.lang_codes
    history = history or {}
    root = content.site.root
    rows, done = [], {code: 0 for code in codes}
    real_root = None
    for kind, entries in content.entries.items():
        for entry in entries.values():
            dates = {}
            for lang, version in entry.versions.items():
                updated = version.updated
                if not updated:                  # only then is the file's history asked (the path costs a resolve())
                    if not history:
                        updated = None
                    elif version.path.is_absolute():
                        real_root = real_root or root.resolve()
                        updated = history.get(version.path.resolve().relative_to(real_root).as_posix())
                    else:
                        updated = history.get(str(version.path))
                dates[lang] = updated
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
            rows.append({"kind": kind, "slug": entry.slug, "cells": cells, "path": f"{kind}/{entry.slug}"})
    untranslated = untranslated_languages(content.site)
    if untranslated:                 # interface strings still copied from English (`init` for a new language)
        rows.append({"kind": "i18n", "slug": "strings", "path": "i18n/<lang>.yaml",
                     "cells": {code: "missing" if code in untranslated else "ok" for code in codes}})
        for code in codes:
            done[code] += code not in untranslated
    total = len(rows)
    totals = {code: (done[code] / total if total else 1.0) for code in codes}
    return rows, totals


def untranslated_languages(site) -> list[str]:
    """Languages other than English whose interface strings are still mostly the bundled English ones."""
    from ..theme.folders import bundled_i18n
    import yaml
    path = bundled_i18n() / "en.yaml"
    if not path.is_file():
        return []
    english = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [lang.code for lang in site.languages if lang.code != "en"
            and 2 * sum(lang.strings.get(key) == text for key, text in english.items()) > len(english)]
