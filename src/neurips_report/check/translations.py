"""Every entry exists in every language of the site."""

from __future__ import annotations

from .scope import in_scope


def check_translations(content, bibliography, problems, scope=None) -> None:
    codes = content.site.lang_codes
    for kind, entries in content.entries.items():
        for entry in entries.values():
            if not in_scope(scope, kind, entry.slug):
                continue
            for code in codes:
                if code not in entry.versions:
                    have = entry.first_version()
                    problems.error(have.path, 1, f"missing translation: no {code} version of {kind[:-1]} '{entry.slug}'",
                                   f"add {kind}/{entry.slug}.{code}.md (new: neurips-report new {kind[:-1]} --slug {entry.slug})",
                                   about=("entry", kind, entry.slug, code))
