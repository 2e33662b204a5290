"""Views of the model, the bibliography and the converted bodies whose every read records a dependency
token (core/recording.py): the planner and the converter's resolvers read the model only through them."""

from __future__ import annotations

from ..core.excerpts import description_of, excerpt_of, text_of
from ..core.recording import record
from ..model.content import in_order


class EntryView:
    """An entry of the model whose every read records it (so a value made from it, kept in a Memo,
    remembers it too, wherever the entry was found)."""

    __slots__ = ("_entry", "_token")

    def __init__(self, entry, token):
        self._entry, self._token = entry, token

    def __getattr__(self, name):
        record(self._token)
        return getattr(self._entry, name)


class RecordedMapping:
    """A read-only mapping whose reads record (name, key); going through all of it records ("all", name).
    With `views`, its values are handed out as EntryView."""

    __slots__ = ("_data", "_name", "_views")

    def __init__(self, data, name: str, views: bool = False):
        self._data, self._name, self._views = data, name, views

    def _view(self, key, value):
        return EntryView(value, (self._name, key)) if self._views and value is not None else value

    def __getitem__(self, key):
        record((self._name, key))
        return self._view(key, self._data[key])

    def get(self, key, default=None):
        record((self._name, key))
        value = self._data.get(key)
        return default if value is None else self._view(key, value)

    def __contains__(self, key) -> bool:
        record((self._name, key))
        return key in self._data

    def _all(self):
        record(("all", self._name))
        return self._data

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self):
        return self._all().keys()

    def values(self):
        return [self._view(key, value) for key, value in self._all().items()] if self._views else self._all().values()

    def items(self):
        return [(key, self._view(key, value)) for key, value in self._all().items()] if self._views \
            else self._all().items()


BODY_ASPECTS = {
    # aspect -> how it is read from a converted body (resolve.Body); changes.py compares bodies by these
    "html": lambda body: body.html,
    "toc": lambda body: body.toc,
    "cited": lambda body: body.cited,
    "notes": lambda body: body.editor_notes,
    "text": lambda body: text_of(body.html),
    "description": lambda body: description_of(body.html),
    "excerpt": lambda body: excerpt_of(body.html),
}


class BodyView:
    """A converted body whose every aspect read is recorded."""

    __slots__ = ("_body", "_key")

    def __init__(self, body, key):
        self._body, self._key = body, key

    def _read(self, aspect: str):
        record(("body:" + aspect, self._key))
        return BODY_ASPECTS[aspect](self._body)

    html = property(lambda self: self._read("html"))
    toc = property(lambda self: self._read("toc"))
    cited = property(lambda self: self._read("cited"))
    editor_notes = property(lambda self: self._read("notes"))
    text = property(lambda self: self._read("text"))
    description = property(lambda self: self._read("description"))

    def excerpt(self, summary=None) -> str:
        """What a card shows: the `summary` field (read as front matter), else the body's first sentences."""
        if isinstance(summary, str) and summary.strip():
            return excerpt_of("", summary)
        return self._read("excerpt")


class RecordedBodies:
    __slots__ = ("_bodies",)

    def __init__(self, bodies):
        self._bodies = bodies

    def get(self, key, default=None):
        body = self._bodies.get(key)
        if body is None:
            record(("body:html", key))
            return default
        return BodyView(body, key)


class RecordedResolved:
    """resolve.Resolved as the planner reads it."""

    def __init__(self, resolved):
        self.bodies = RecordedBodies(resolved.bodies)
        self.citations = RecordedMapping(resolved.citations, "citations")
        self.converter = resolved.converter


class RecordedContent:
    """model.Content as the planner and the converter's resolvers read it."""

    DATA = ("statistics", "oral_tracks", "corrections", "reference_data")

    def __init__(self, content):
        self._content = content
        self.site = content.site
        self.entries = {kind: RecordedMapping(entries, kind, views=True) for kind, entries in content.entries.items()}

    def __getattr__(self, name):
        if name in self.DATA:
            record(("data", name))
            return getattr(self._content, name)
        raise AttributeError(name)

    def kind(self, kind: str) -> list:
        return list(self.entries[kind].values()) if kind in self.entries else []

    def ordered(self, kind: str) -> list:
        return in_order(self.kind(kind))

    def strings(self, lang: str):
        record(("i18n", lang))
        return self.site.language(lang).strings


class RecordedBibliography:
    """bib.bibliography.Bibliography as the planner and the converter read it."""

    def __init__(self, bibliography):
        self._bib = bibliography
        self.entries = RecordedMapping(bibliography.entries, "bib")

    def __contains__(self, key) -> bool:
        record(("bib-key", key))           # only whether it exists: a link to it does not show its text
        return key in self._bib

    def formatted(self, lang: str):
        return RecordedMapping(self._bib.formatted(lang), "bib")

    def bibtex(self, key: str) -> str:
        record(("bib", key))
        return self._bib.bibtex(key)

    def url(self, key: str):
        record(("bib", key))
        return self._bib.url(key)

    def names(self, key: str, lang: str, forms=None) -> str:
        record(("bib", key))
        return self._bib.names(key, lang, forms)

    @property
    def labels(self):
        return RecordedMapping(self._bib.labels, "bib")
