"""One reusable Markdown converter with every extension of the site."""

from __future__ import annotations

import re

import markdown
from markdown import inlinepatterns
from markdown.treeprocessors import InlineProcessor
from markdown.util import INLINE_PLACEHOLDER_PREFIX, AtomicString
from pymdownx.slugs import slugify

from .citations import CitationExtension
from .context import PageContext
from .links import LinkExtension
from .math import MathExtension
from .notes import EditorNoteExtension
from .sanitize import SanitizeExtension, clean
from .tables import AlignClassExtension

EXTENSIONS = [
    "abbr", "admonition", "def_list", "footnotes", "tables", "sane_lists", "smarty",
    "pymdownx.mark", "pymdownx.tilde",
]


class Converter:
    """Markdown -> safe HTML; `convert` returns the body HTML and its table of contents."""

    def __init__(self, bib_keys=()):
        self.md = markdown.Markdown(
            extensions=EXTENSIONS + ["toc", CitationExtension(), LinkExtension(), EditorNoteExtension(),
                                     MathExtension(), SanitizeExtension(), AlignClassExtension()],
            extension_configs={
                "toc": {"slugify": slugify(case="lower"), "permalink": False, "toc_depth": "2-3"},
                "footnotes": {"BACKLINK_TITLE": ""},
                "smarty": {"smart_angled_quotes": False},
            },
            output_format="html",
        )
        self.md.bib_keys = tuple(bib_keys)
        for processor in self.md.treeprocessors:
            _speed_up(processor)
        if "toc" in self.md.treeprocessors:
            _skip_absent_marker(self.md.treeprocessors["toc"])

    def convert(self, text: str, ctx: PageContext) -> tuple[str, list]:
        md = self.md
        md.reset()
        md.trusted_html = set()
        md.page_context = ctx
        html = md.convert(text)
        toc = [{"id": t["id"], "name": t["name"], "level": t["level"]} for t in _flatten(md.toc_tokens)]
        return clean(html), toc


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token.get("children", []))


# Substrings without one of which a pattern's regex cannot match (checked against the regex source
# below); a pattern not listed here, or whose regex changed, is always searched.
TRIGGERS = {
    "backtick": ("`",), "math_display": ("$",), "math_inline": ("$",), "escape": ("\\",), "footnote": ("[^",),
    "citation": ("@",), "narrative_citation": ("@",), "reference": ("[",), "link": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"), "delimiter": ("=", "~"),
    "smarty-em-dashes": ("---",), "smarty-en-dashes": ("--",), "smarty-ellipses": ("...",),
    **{f"smarty-quotes-{i}": ("'",) for i in (0, 6, 7, 8, 9, 10)},
    **{f"smarty-quotes-{i}": ('"',) for i in (1, 11, 12, 13, 14)},
    "smarty-quotes-2": ("\"'",), "smarty-quotes-3": ("'\"",), "smarty-quotes-4": ("'\"",), "smarty-quotes-5": ("\"'",),
}


def _speed_up(processor) -> None:
    """Python-Markdown's inline pass calls a method for every (text, pattern) pair, through a Registry
    lookup, even for the majority of patterns that cannot match the text at all. For the inline
    processors (the main one and smarty's) this swaps in the same loop with the patterns in a tuple,
    skipping, exactly as that method would, a pattern that has no match from the current position:
    first by a substring its regex cannot match without, then by the regex itself. When every pattern
    has such a substring, a text containing none of them is returned at once, and a tree none of whose
    texts contains one is left as it is without walking it (what the pass would do to it; smarty's pass
    rarely finds a quote, a dash or an ellipsis outside code). What it computes is unchanged (tests
    compare the output with and without it)."""
    registry = processor.inlinePatterns if isinstance(processor, InlineProcessor) else None
    if registry is None or not hasattr(processor, "_InlineProcessor__applyPattern") or not hasattr(registry, "_priority"):
        return
    patterns = tuple(registry)                              # sorts the registry by priority
    names = [item.name for item in registry._priority]
    regexes = tuple(p.compiled_re if isinstance(p, inlinepatterns.InlineProcessor) else None for p in patterns)
    triggers = tuple(_trigger(name, regex) for name, regex in zip(names, regexes))
    apply = processor._InlineProcessor__applyPattern
    count = len(patterns)
    anything = _any_trigger(names) if None not in triggers else None

    def handle_inline(data, patternIndex=0):
        if isinstance(data, AtomicString) or (anything is not None and anything.search(data) is None):
            return data
        start = 0
        while patternIndex < count:
            regex, needle = regexes[patternIndex], triggers[patternIndex]
            if regex is not None and ((needle is not None and (needle not in data if needle.__class__ is str
                                                               else needle.search(data) is None))
                                      or regex.search(data, start) is None):
                patternIndex, start = patternIndex + 1, 0        # what applyPattern returns for no match
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data

    processor.inlinePatterns = patterns
    processor._InlineProcessor__handleInline = handle_inline
    if anything is not None:
        processor.run = _skip_untouched(processor.run, anything, processor)


def _skip_untouched(run, anything, processor):
    """The processor's `run`, or, for a tree none of whose texts could match a pattern, what that run
    would leave: the tree as it is (it would take each text apart at placeholders and put the pieces
    back together). Texts of another type than str and AtomicString, and an AtomicString tail holding
    an inline placeholder (which the run would turn into a str), get the real run."""
    prefix = INLINE_PLACEHOLDER_PREFIX

    def run_or_skip(tree, ancestors=None):
        for element in tree.iter():
            text, tail = element.text, element.tail
            if text:
                kind = text.__class__
                if kind is not AtomicString and (kind is not str or anything.search(text) is not None):
                    return run(tree, ancestors)
            if tail:
                kind = tail.__class__
                if (prefix in tail) if kind is AtomicString else (kind is not str or anything.search(tail) is not None):
                    return run(tree, ancestors)
        processor.stashed_nodes, processor.parent_map = {}, {}
        return tree

    return run_or_skip


def _any_trigger(names):
    """One regex finding any of the substrings some pattern needs (a pattern with several alternatives
    needs one of them); a needle containing another one is covered by it."""
    needles = {n for name in names for n in TRIGGERS[name]}
    needles = sorted(n for n in needles if not any(m != n and m in n for m in needles))
    chars = "".join(re.escape(n) for n in needles if len(n) == 1)
    alternatives = ([f"[{chars}]"] if chars else []) + [re.escape(n) for n in needles if len(n) > 1]
    return re.compile("|".join(alternatives))


def _skip_absent_marker(processor) -> None:
    """toc looks for its `[TOC]` marker by joining the text of every element below each element of the
    body, to replace an element whose stripped text is the marker; when the text of the whole tree does
    not contain the marker, that search cannot find one and is skipped. Only done where toc's method still reads like
    that (comparing an element's stripped text with the marker)."""
    code = getattr(getattr(type(processor), "replace_marker", None), "__code__", None)
    if code is None or not {"text", "strip", "marker"} <= set(code.co_names) \
            or not isinstance(getattr(processor, "marker", None), str):
        return
    replace = processor.replace_marker

    def replace_marker(root, *args, **kwargs):
        # an element whose text (with its children's) is the marker makes the marker appear in the
        # text of the whole tree, where it may also be split across elements ("[*TOC*]")
        if processor.marker in "".join(root.itertext()):
            return replace(root, *args, **kwargs)
        return None

    processor.replace_marker = replace_marker


def _trigger(name: str, regex):
    """None (no shortcut), the one substring required, or a regex finding any of the alternatives."""
    needles = TRIGGERS.get(name, ())
    if regex is None or not needles or not all(_literal_in(n, regex.pattern) for n in needles):
        return None
    return needles[0] if len(needles) == 1 else re.compile("|".join(re.escape(n) for n in needles))


def _literal_in(needle: str, pattern: str) -> bool:
    """Does the regex source spell the needle out (each character plain or backslash-escaped, a newline
    also as `\\n`; a run of one character may be a counted repeat, as smarty's ellipsis `\\.{3}`)?"""
    parts = []
    for run in re.finditer(r"(.)\1*", needle, re.DOTALL):
        one = "(?:\\\\?" + re.escape(run[1]) + ("|\\\\n)" if run[1] == "\n" else ")")
        count = len(run[0])
        parts.append(f"(?:{one * count}|{one}\\{{{count}\\}})" if count > 1 else one)
    return re.search("".join(parts), pattern) is not None
