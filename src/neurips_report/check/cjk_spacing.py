"""Chinese (and Japanese) sources: no space typed between two wide characters on one line.

A line break inside a paragraph or a folded YAML string is fine: the build joins such lines without
a space in these languages (formatting.close_wide_gaps), and removes any space left between wide
characters from the pages. A space typed inside a line is still reported, so that the source reads as
the page does; it is a warning, an error under `check --strict`."""

from __future__ import annotations

import re

from ..core.formatting import WIDE_SPACE_RE

WIDE_LANGS = ("zh", "ja")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")


def check_cjk_spacing(content, bibliography, problems, scope=None) -> None:
    site = content.site
    codes = [code for code in site.lang_codes if code.split("-")[0] in WIDE_LANGS]
    if not codes:
        return
    content_dir = site.root / "content"
    if scope is not None:             # only the changed entries' files
        entries = [content.entries.get(kind, {}).get(slug) for kind, slug in scope]
        files = sorted(version.path for entry in entries if entry is not None
                       for code, version in entry.versions.items() if code in codes)
    else:
        files = sorted(p for p in content_dir.rglob("*") if p.is_file() and (
            any(p.name.endswith(f".{code}.md") for code in codes)
            or (p.parent.name == "i18n" and p.stem in codes)
            or (p.suffix in (".yaml", ".yml") and p.parent.name != "i18n" and "data" not in p.relative_to(content_dir).parts)))
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue                      # the loader reports unreadable files
        fenced = False
        for number, line in enumerate(text.splitlines(), 1):
            if _FENCE.match(line):
                fenced = not fenced
                continue
            if fenced:
                continue
            # code is Latin text on the page: '为 `x`：' has no space between wide characters, '为 ：' would
            found = WIDE_SPACE_RE.search(_CODE_SPAN.sub("x", line))
            if found:
                problems.warning(path, number, f"space between Chinese characters: '{found[0]}'",
                                 "Chinese text has no spaces between characters or before full-width punctuation; "
                                 "remove it (the pages show none). A line break inside a paragraph is fine")
