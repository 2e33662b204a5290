"""What pages show of a converted body's HTML as plain text: descriptions, and the excerpts of cards."""

from __future__ import annotations

import re
from html import unescape

from .formatting import WIDE

TAG_RE = re.compile(r"<[^>]+>")
# tags that separate words; every other tag (links, emphasis, math) is removed without a space
BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|blockquote|pre|section|figure|figcaption|hr)\b[^>]*>", re.IGNORECASE)


def text_of(html: str, limit: int = 200) -> str:
    """The text of `html`, cut at a word before `limit` characters with "…"."""
    text = " ".join(unescape(TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", html))).split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


EXCERPT_WORDS = 60
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")
WIDE_RE = re.compile(f"[{WIDE}]")              # a Chinese (or other wide) character


def excerpt_of(html: str, summary=None, words: int = EXCERPT_WORDS) -> str:
    """What a card shows of an entry: its `summary` front-matter field, else its first whole sentences
    up to about `words` words (two Chinese characters count as one word), cut with "…" if the first
    sentence alone is longer."""
    if isinstance(summary, str) and summary.strip():
        return " ".join(summary.split())
    text = text_of(html, limit=10**9)
    size = lambda part: len(part.split()) + len(WIDE_RE.findall(part)) / 2   # noqa: E731
    taken, total = [], 0.0
    for sentence in (part for part in SENTENCE_END_RE.split(text) if part):
        if taken and total + size(sentence) > words:
            break
        taken.append(sentence)
        total += size(sentence)
    joined = _join(taken)
    return joined if total <= words else _cut(joined, words)


def _join(sentences: list[str]) -> str:
    """Sentences joined by a space, but none after a wide (Chinese) character."""
    out = ""
    for sentence in sentences:
        out += ("" if not out or WIDE_RE.match(out[-1]) else " ") + sentence
    return out


def _cut(text: str, words: int) -> str:
    """The first `words` words of text (or 2 x words wide characters), then "…"."""
    out, count = [], 0.0
    for token in re.findall(f"[{WIDE}]|[^\\s{WIDE}]+|\\s+", text):
        if not token.isspace():
            count += 0.5 if WIDE_RE.fullmatch(token) else 1
        if count > words:
            break
        out.append(token)
    return "".join(out).rstrip() + "…"


def description_of(html: str) -> str:
    """A page's description (meta and feeds) from its body."""
    return text_of(html, 240)
