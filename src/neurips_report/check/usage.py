"""Checks that need the converted bodies: corrections carry notes, bib entries are cited."""

from __future__ import annotations

from ..model.kinds import BY_FOLDER


def check_corrections(content, resolved, problems) -> None:
    path = content.site.root / "content" / "corrections.yaml"
    seen = {}
    for item in content.corrections:
        if not isinstance(item["id"], str) or not item["id"]:
            problems.error(path, item.lines["id"], "a correction 'id' must be a text", "e.g. id: zador-name")
            continue
        if item["id"] in seen:
            problems.error(path, item.lines["id"], f"duplicate correction id '{item['id']}'", f"first used on line {seen[item['id']]}")
        seen[item["id"]] = item.lines["id"]
        if not isinstance(item["pages"], list):
            problems.error(path, item.lines["pages"], f"correction '{item['id']}': 'pages' must be a list",
                           "e.g. pages: [papers/glow-tts]")
            continue
        for ref in item["pages"]:
            kind, _, slug = str(ref).partition("/")
            entry = content.entries.get(kind, {}).get(slug)
            if kind not in BY_FOLDER or entry is None:
                problems.error(path, item.lines["pages"], f"correction '{item['id']}' names unknown page '{ref}'",
                               "write pages as <kind>/<slug>, e.g. papers/glow-tts", about=("entry", kind, slug, "*"))
                continue
            for lang in entry.versions:
                if resolved.bodies[(kind, slug, lang)].editor_notes == 0:
                    version = entry.versions[lang]
                    problems.error(version.path, version.body_line, f"correction '{item['id']}' has no editor's note on this page",
                                   "add an '!!! editor' note saying what the report printed and what is correct")


def check_unused_references(bibliography, resolved, content, problems) -> None:
    used = set(resolved.citations) | {p.bib for p in content.kind("papers")}
    for key in bibliography.entries:
        if key not in used:
            problems.warning(bibliography.source.path, bibliography.source.lines.get(key, 1),
                             f"bibliography entry '{key}' is not cited anywhere",
                             "cite it with [@" + key + "] or remove it", about=("citations", key))
