"""What a page (or a converted body) used, recorded while it is made, as Hugo tracks page dependencies.

A dependency is a token `(name, key)` from a small vocabulary:

    ("papers", slug), ("tracks", slug), ...   an entry's front matter (any language), and that it exists
    ("body:html", (kind, slug, lang)), ...    one aspect of a converted body (site/recorded.py BODY_ASPECTS)
    ("bib", key)                              a bibliography entry: its text, formatting, label, link
    ("bib-key", key)                          whether a bibliography entry exists
    ("citations", key)                        which entries cite a bibliography entry
    ("data", name)                            statistics, oral_tracks, corrections, reference_data
    ("i18n", lang)                            a language's interface strings
    ("template", name)                        a template, each time it is loaded (extends/include/import too)
    ("static", name)                          a static file (its hashed URL)
    ("pages", lang)                           the titles, descriptions and URLs of a language's pages
    ("all", name)                             every key of `name` and which keys exist (a listing)

The planner reads the model through the recorded views (site/recorded.py), the converter's resolvers
likewise (tests/test_recording_views.py fails on any other read of the model while recording), and templates are recorded as Jinja loads them (theme/environment.py RecordingEnvironment). An
edit becomes a set of changed tokens (engine/changes.py); the pages to make again are those whose recorded
tokens meet it (`touches`).
"""

from __future__ import annotations

from contextlib import contextmanager

_stack: list[set] = []


def record(token: tuple) -> None:
    """Note that what is being made used `token` (nothing happens outside `recording()`)."""
    if _stack:
        _stack[-1].add(token)


def record_all(tokens) -> None:
    if _stack:
        _stack[-1].update(tokens)


@contextmanager
def recording():
    """Collect the tokens used inside the block into a set (also counted for any enclosing recording)."""
    found: set = set()
    _stack.append(found)
    try:
        yield found
    finally:
        _stack.pop()
        if _stack:
            _stack[-1].update(found)


def touches(deps, changed: set) -> bool:
    """Whether something that used `deps` must be made again after `changed` tokens changed."""
    if not changed or not deps:
        return False
    for token in changed:
        if token in deps or ("all", token[0]) in deps:
            return True
    return False


class Memo:
    """Values computed once and reused, each with the tokens it used: a reuse records them again, so a
    memo never hides a dependency; `forget(changed)` drops what a change touches."""

    def __init__(self):
        self.items: dict = {}

    def get(self, key, compute):
        hit = self.items.get(key)
        if hit is not None:
            record_all(hit[1])
            return hit[0]
        with recording() as used:
            value = compute()
        self.items[key] = (value, frozenset(used))
        return value

    def forget(self, changed: set) -> None:
        for key in [k for k, (_, used) in self.items.items() if touches(used, changed)]:
            del self.items[key]
