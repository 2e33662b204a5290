"""Python-Markdown speed-ups that reach into its private internals, all of them in this one module.

What they touch, none of it public API:

- the inline tree processors (Python-Markdown's and smarty's `markdown.treeprocessors.InlineProcessor`):
  the name-mangled methods `_InlineProcessor__applyPattern` (called) and `_InlineProcessor__handleInline`
  (replaced), the `_priority` list of their pattern Registry, the regex source of each pattern, and `run`;
- the toc extension's `TocTreeprocessor.replace_marker` (replaced where its code still reads as expected).

Proven on Python-Markdown 3.11.3 with pymdown-extensions 13.1.2 (PROVEN): tests/unit/test_markup_speedups.py
converts hand-picked, random and Hypothesis-generated Markdown, and tests/test_markup_speedups_sites.py builds
the real site and every fixture site, with and without them, and the results are compared byte for byte
(also checked by hand with Python-Markdown 3.11.2 and 3.10.2, which the project's pins exclude). With any other release of either
library, when anything they touch is missing or different, or with NEURIPS_REPORT_PLAIN_MARKDOWN=1 in the
environment, `install` changes nothing and the converter is plain Python-Markdown: a new release may cost
speed, never correctness. To prove a new release: install it and run that test file and
tests/test_markup_speedups_sites.py (they force the speed-ups on whatever release is installed); when
everything but test_the_installed_release_is_a_proven_one passes, add the release to PROVEN.
"""

from __future__ import annotations

import os
import re
from importlib import metadata

import markdown
from markdown import inlinepatterns
from markdown.treeprocessors import InlineProcessor
from markdown.util import INLINE_PLACEHOLDER_PREFIX, AtomicString

PLAIN_ENV = "NEURIPS_REPORT_PLAIN_MARKDOWN"
# (Python-Markdown, pymdown-extensions) releases the speed-ups were proven on
PROVEN = {("3.11.3", "13.1.2")}


def installed_versions() -> tuple[str, str]:
    """(Python-Markdown, pymdown-extensions) as installed; '' for one that cannot be read."""
    try:
        pymdownx = metadata.version("pymdown-extensions")
    except metadata.PackageNotFoundError:
        pymdownx = ""
    return str(getattr(markdown, "__version__", "")), pymdownx


def why_plain(versions: tuple[str, str] | None = None) -> str | None:
    """Why the speed-ups are not used (a sentence), or None when they may be."""
    if os.environ.get(PLAIN_ENV, "").strip() not in ("", "0"):
        return f"{PLAIN_ENV} is set"
    versions = installed_versions() if versions is None else versions
    if versions not in PROVEN:
        return (f"Python-Markdown {versions[0]} with pymdown-extensions {versions[1]} is not a release the "
                f"speed-ups were proven on ({', '.join(' + '.join(pair) for pair in sorted(PROVEN))})")
    return None


class Unsupported(Exception):
    """Something a speed-up touches is missing or not as expected: use plain Python-Markdown."""


def install(md: markdown.Markdown, versions: tuple[str, str] | None = None, force: bool = False) -> bool:
    """Speed up this Markdown instance's tree processors where the speed-ups were proven (or, with
    `force`, on any release: what the tests do to prove a new one); True when they are in place. Every
    change is worked out first and made only when all of them could be, so on False the instance is
    exactly as Python-Markdown made it."""
    if not force and why_plain(versions) is not None:
        return False
    try:
        changes = []
        for processor in md.treeprocessors:
            if isinstance(processor, InlineProcessor):
                changes += _inline_changes(processor)
        if "toc" in md.treeprocessors:
            changes += _toc_changes(md.treeprocessors["toc"])
    except (Unsupported, AttributeError, KeyError, TypeError, ValueError, re.error):
        return False
    if not changes:
        return False
    for target, name, value in changes:
        setattr(target, name, value)
    return True


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise Unsupported(what)


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


def _inline_changes(processor) -> list:
    """Python-Markdown's inline pass calls a method for every (text, pattern) pair, through a Registry
    lookup, even for the majority of patterns that cannot match the text at all. For the inline
    processors (the main one and smarty's) this swaps in the same loop with the patterns in a tuple,
    skipping, exactly as that method would, a pattern that has no match from the current position:
    first by a substring its regex cannot match without, then by the regex itself. When every pattern
    has such a substring, a text containing none of them is returned at once, and a tree none of whose
    texts contains one is left as it is without walking it (what the pass would do to it; smarty's pass
    rarely finds a quote, a dash or an ellipsis outside code). What it computes is unchanged (tests
    compare the output with and without it)."""
    registry = processor.inlinePatterns
    _require(hasattr(processor, "_InlineProcessor__applyPattern"), "InlineProcessor.__applyPattern")
    _require(hasattr(processor, "_InlineProcessor__handleInline"), "InlineProcessor.__handleInline")
    _require(isinstance(getattr(registry, "_priority", None), list), "Registry._priority")
    _require(callable(getattr(processor, "run", None)), "InlineProcessor.run")
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

    _require(len(names) == count, "one Registry item per pattern")
    changes = [(processor, "inlinePatterns", patterns), (processor, "_InlineProcessor__handleInline", handle_inline)]
    if anything is not None:
        changes.append((processor, "run", _skip_untouched(processor.run, anything, processor)))
    return changes


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


def _toc_changes(processor) -> list:
    """toc looks for its `[TOC]` marker by joining the text of every element below each element of the
    body, to replace an element whose stripped text is the marker; when the text of the whole tree does
    not contain the marker, that search cannot find one and is skipped. Only done where toc's method still
    reads like that (comparing an element's stripped text with the marker)."""
    code = getattr(getattr(type(processor), "replace_marker", None), "__code__", None)
    _require(code is not None and {"text", "strip", "marker"} <= set(code.co_names)
             and isinstance(getattr(processor, "marker", None), str), "TocTreeprocessor.replace_marker")
    replace = processor.replace_marker

    def replace_marker(root, *args, **kwargs):
        # an element whose text (with its children's) is the marker makes the marker appear in the
        # text of the whole tree, where it may also be split across elements ("[*TOC*]")
        if processor.marker in "".join(root.itertext()):
            return replace(root, *args, **kwargs)
        return None

    return [(processor, "replace_marker", replace_marker)]


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
