"""Every entry exists in every language of the site."""

from __future__ import annotations


def check_translations(content, bibliography, problems) -> None:
    codes = content.site.lang_codes
    for kind, entries in content.entries.items():
        for entry in entries.values():
            for code in codes:
                if code not in entry.versions:
                    have = entry.first_version()
                    problems.error(have.path, 1, f"missing translation: no {code} version of {kind[:-1]} '{entry.slug}'",
                                   f"add {kind}/{entry.slug}.{code}.md (new: neurips-report new {kind[:-1]} --slug {entry.slug})")
