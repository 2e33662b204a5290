"""Every entry exists in every language of the site."""

from __future__ import annotations

from .scope import in_scope
from ..model.kinds import BY_FOLDER


def check_translations(content, bibliography, problems, scope=None) -> None:
    codes = content.site.lang_codes
    for kind, entries in content.entries.items():
        for entry in entries.values():
            if not in_scope(scope, kind, entry.slug):
                continue
            for code in codes:
                if code not in entry.versions:
                    have, name = entry.first_version(), BY_FOLDER[kind].name
                    problems.error(have.path, 1, f"missing translation: no {code} version of {name} '{entry.slug}'",
                                   f"add {kind}/{entry.slug}.{code}.md (new: neurips-report new {name} --slug {entry.slug})",
                                   about=("entry", kind, entry.slug, code))
