"""Which entries a run of the checks looks at (see check/__init__.py)."""

from __future__ import annotations


def in_scope(scope, kind: str, slug) -> bool:
    return scope is None or (kind, slug) in scope


def bib_in_scope(scope) -> bool:
    return scope is None or any(item[0] == "bib" for item in scope)
