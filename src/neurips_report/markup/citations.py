"""Pandoc-style citations: [@key], [@a; @b], [see @a, p. 3] and narrative @key."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..model.problems import did_you_mean

KEY = r"[A-Za-z0-9_][A-Za-z0-9_:.\-/]*[A-Za-z0-9_]|[A-Za-z0-9_]"
# A bracket holding no other bracket and at least one @, each @ starting a key: as a key may be a single
# character and what follows it may be any other character, that is "each @ followed by a key's first
# character", which this regex checks in one pass (spelling the keys out, as KEY, made the regex try every
# way of splitting the text into keys, some 30 us per paragraph with a link in it).
GROUP_RE = r"\[([^\[\]@]*+@[A-Za-z0-9_](?:[^\[\]@]++|@[A-Za-z0-9_])*+)\](?!\()"
NARRATIVE_RE = r"(?<![A-Za-z0-9_@.])@(%s)" % KEY
SYMBOL_RE = re.compile(r"[^\w\s]")
ITEM_RE = re.compile(r"^\s*(?P<prefix>[^@]*?)\s*@(?P<key>%s)\s*(?:,\s*(?P<locator>.*?))?\s*$" % KEY)


def literal(text: str) -> str:
    """Interface text placed among the author's Markdown (which the prefix and locator are): every symbol as a
    character reference, so that it is read as neither Markdown nor HTML; the cleaner writes the characters back."""
    return SYMBOL_RE.sub(lambda m: f"&#{ord(m[0])};", text)


class _CitationBase(InlineProcessor):
    def __init__(self, pattern, md):
        super().__init__(pattern, md)
        self.md = md

    @property
    def ctx(self):
        return self.md.page_context

    def _link(self, key: str, text: str) -> etree.Element:
        ctx = self.ctx
        ctx.cited.append(key)
        a = etree.Element("a", {"class": "cite", "href": ctx.bib_href(key)})
        a.text = AtomicString(text)   # not parsed again by later inline patterns
        return a

    def _cite_label(self, key: str, narrative: bool) -> str | None:
        """ctx.cite_label, asked once per page for each key and form (its answers do not change while a
        page is converted, and each question asked is recorded for the body cache)."""
        ctx = self.ctx
        labels = ctx.cite_labels
        if (key, narrative) not in labels:
            labels[key, narrative] = ctx.cite_label(key, ctx.lang, narrative)
        return labels[key, narrative]

    def _label(self, key: str) -> str | None:
        """The parenthetical label of the key; None, with a problem reported, for an unknown key."""
        label = self._cite_label(key, False)
        if label is None:
            known = getattr(self.md, "bib_keys", ())
            self.ctx.problem("@" + key, f"unknown citation key '{key}'",
                             did_you_mean(key, known) or "add the entry to references.bib or fix the key", about=("bib", key))
        return label


class ParentheticalCitation(_CitationBase):
    """[see @a, p. 3; @b] -> (see Doe et al., 2031, p. 3; Roe and Poe, 2030)"""

    def handleMatch(self, m, data):
        strings = self.ctx.strings
        span = etree.Element("span", {"class": "citation"})
        span.text = literal(strings.get("cite_open", "("))
        last = None
        for i, chunk in enumerate(m.group(1).split(";")):
            item = ITEM_RE.match(chunk)
            if not item:
                return None, None, None
            key = item["key"]
            lead = (literal(strings.get("cite_sep", "; ")) if i else "") + (item["prefix"] + " " if item["prefix"] else "")
            if last is None:
                span.text += lead
            else:
                last.tail = (last.tail or "") + lead
            label = self._label(key)
            last = _missing(key) if label is None else self._link(key, label)
            span.append(last)
            if label is not None and item["locator"]:
                last.tail = ", " + item["locator"]
        closing = literal(strings.get("cite_close", ")"))
        if last is None:
            span.text += closing
        else:
            last.tail = (last.tail or "") + closing
        return span, m.start(0), m.end(0)


class NarrativeCitation(_CitationBase):
    """@key -> Doe et al. (2031)"""

    def handleMatch(self, m, data):
        key = m.group(1)
        if self._label(key) is None:
            return _missing(key), m.start(0), m.end(0)
        return self._link(key, self._cite_label(key, True)), m.start(0), m.end(0)


def _missing(key: str):
    """What stands for a citation of an unknown key (reported as an error, so never published)."""
    span = etree.Element("span", {"class": "cite missing"})
    span.text = AtomicString("@" + key)
    return span


class CitationExtension(Extension):
    def extendMarkdown(self, md):
        md.inlinePatterns.register(ParentheticalCitation(GROUP_RE, md), "citation", 175)
        md.inlinePatterns.register(NarrativeCitation(NARRATIVE_RE, md), "narrative_citation", 174)
