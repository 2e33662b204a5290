"""Reference-list HTML without pybtex's template and rich-text machinery.

`format_html(style, label, entry)` gives the string that `style.format_entry(label, entry).text.render(html)`
gives for the styles of styles.py, built directly from the entry's strings. It answers None (use pybtex)
for anything it does not reproduce exactly: other style classes or templates, a crossref, a missing
field that pybtex would report, and field or name text with LaTeX it does not interpret (commands,
math, comments, '#', whitespace other than single inner spaces, unbalanced braces). It does interpret
what latexcodec decodes in such text (-- --- `` '' ,, !` ?` ~) and braces (pybtex's Protected text).
tests/unit/test_bib_fast_format.py compares the two on real, synthetic and generated entries (names with
von and Jr parts, CJK names, braces, ligatures, accents) of every BibTeX entry type, in every language.

It is isolated: Bibliography.prepare calls it explicitly and asks pybtex whenever it answers None; nothing
of pybtex is patched. Measured by bench/bib_format.py (5,000 entries, en and zh, cold, one process): about
0.4 s of CPU time here against 15 s through pybtex. It keeps nothing between calls (see FormatMemo).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from itertools import groupby
from typing import NamedTuple
from xml.sax.saxutils import escape     # what pybtex's HTML backend escapes with

from .entry import link_url, people
from .names import _initials, _is_cjk
from .styles import ChineseStyle, EnglishStyle

NBSP = "&nbsp;"                          # pybtex's nbsp symbol in HTML
PROTECTED = '<span class="bibtex-protected">'

# LaTeX this module leaves to pybtex: commands, math, comments, parameters, whitespace latexcodec changes
_REFUSED = re.compile(r"[\\$%#]|[^\S ]|^ |  ")
# what latexcodec decodes in the text left (its table's entries made of plain characters only)
_LIGATURES = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "''": "\u201d", ",,": "\u201e",
              "!`": "\u00a1", "?`": "\u00bf", "~": "\u00a0"}
_LIGATURE_RE = re.compile(r"---|--|``|''|,,|!`|\?`|~")
_BRACES = re.compile(r"([{}])")


# What this module mirrors: styles.py, names.py and the pybtex and latexcodec versions. When any of them
# changes, format_html answers None (pybtex formats everything) until the tests show the two agree again
# and MIRRORED is set to the new mirrored().
MIRRORED = "d94e256a752a6e09"
MIRRORED_FILES = ("styles.py", "names.py")
MIRRORED_LIBRARIES = ("pybtex", "latexcodec")


@lru_cache(maxsize=None)
def mirrored() -> str:
    """Digest of what this module mirrors, as installed."""
    h = hashlib.blake2b(digest_size=8)
    try:
        for name in MIRRORED_FILES:
            h.update((Path(__file__).parent / name).read_bytes().replace(b"\r\n", b"\n"))
        for name in MIRRORED_LIBRARIES:
            h.update(f"{name}={metadata.version(name)}".encode())
    except (OSError, metadata.PackageNotFoundError):
        return ""
    return h.hexdigest()


class _Refused(Exception):
    """The entry needs pybtex."""


def rich(latex: str) -> tuple[str, int] | None:
    """(HTML, length in characters) of pybtex's Text.from_latex(latex), or None when not plain enough."""
    if _REFUSED.search(latex):
        return None
    text = _LIGATURE_RE.sub(lambda match: _LIGATURES[match.group()], latex)
    if "{" not in text and "}" not in text:
        return escape(text), len(text)
    nodes = _parse_braces(text)
    if nodes is None:
        return None
    return _render(nodes), sum(node[2] for node in nodes)


def _parse_braces(text: str):
    """pybtex's LaTeXParser: nodes ('s', text, length) and ('p', children, length) for {protected} text."""
    stack: list[list] = [[]]
    for token in _BRACES.split(text):
        if token == "{":
            stack.append([])
        elif token == "}":
            if len(stack) == 1:
                return None                   # unbalanced: pybtex raises
            children = _merge(stack.pop())
            stack[-1].append(("p", children, sum(child[2] for child in children)))
        elif token:
            stack[-1].append(("s", token, len(token)))
    return _merge(stack[0]) if len(stack) == 1 else None


def _merge(nodes: list) -> list:
    """What pybtex's rich-text constructor keeps: no empty parts, neighbours of one kind merged."""
    out = []
    for kind, group in groupby((node for node in nodes if node[2]), key=lambda node: node[0]):
        group = list(group)
        if len(group) == 1:
            out.append(group[0])
        elif kind == "s":
            joined = "".join(node[1] for node in group)
            out.append(("s", joined, len(joined)))
        else:
            children = _merge([child for node in group for child in node[1]])
            out.append(("p", children, sum(child[2] for child in children)))
    return out


def _render(nodes: list) -> str:
    return "".join(escape(node[1]) if node[0] == "s" else PROTECTED + _render(node[1]) + "</span>" for node in nodes)


class FormatMemo:
    """What formatting computes of the strings and names that repeat across entries and languages (venues,
    years, authors), remembered by value for as long as the caller keeps it (Bibliography.prepare: one
    call); this module keeps nothing between calls."""

    def __init__(self):
        self._rich: dict[str, tuple[str, int] | None] = {}
        self._names: dict[tuple, tuple[str, int]] = {}

    def rich(self, latex: str) -> tuple[str, int]:
        """rich(latex); _Refused when that is None."""
        try:
            value = self._rich[latex]
        except KeyError:
            value = self._rich[latex] = rich(latex)
        if value is None:
            raise _Refused
        return value

    def name(self, style, name) -> tuple[str, int]:
        """style(name, self) (_apa_name or _gbt_name), once per style and name."""
        key = (style, name)
        if key not in self._names:
            self._names[key] = style(name, self)
        return self._names[key]


def _together(parts: list[tuple[str, int]]) -> tuple[str, int]:
    """pybtex's together(last_tie=True) of the non-empty parts."""
    parts = [part for part in parts if part[1]]
    if len(parts) <= 2:
        return NBSP.join(part[0] for part in parts), sum(part[1] for part in parts) + max(len(parts) - 1, 0)
    first_tie = NBSP if parts[0][1] < 3 else " "
    html = parts[0][0] + first_tie + " ".join(part[0] for part in parts[1:-1]) + NBSP + parts[-1][0]
    return html, sum(part[1] for part in parts) + len(parts) - 1


class _Name(NamedTuple):
    """The parts of a pybtex Person the name styles read (lineage is not printed)."""
    first_names: tuple
    middle_names: tuple
    prelast_names: tuple
    last_names: tuple


def _apa_name(name: _Name, memo: FormatMemo) -> tuple[str, int]:
    """names.ApaNameStyle: 'van&nbsp;der Berg, J. M.'"""
    von, von_len = _together([memo.rich(part) for part in name.prelast_names])
    if von_len:
        von, von_len = von + (NBSP if von_len < 3 else " "), von_len + 1
    surname, surname_len = _together([memo.rich(part) for part in name.last_names])
    initials = _initials(name, " ", ".")
    if initials:
        return von + surname + ", " + escape(initials), von_len + surname_len + 2 + len(initials)
    return von + surname, von_len + surname_len


def _gbt_name(name: _Name, memo: FormatMemo) -> tuple[str, int]:
    """names.GbtNameStyle: 'VAN DER BERG J M', CJK names as written (no LaTeX decoding in either)."""
    last = " ".join(name.prelast_names + name.last_names).replace("{", "").replace("}", "")
    if _is_cjk(last):
        full = last + "".join(name.first_names + name.middle_names)
        return escape(full), len(full)
    initials, upper = _initials(name, " ", ""), last.upper()
    if initials:
        return escape(upper) + " " + escape(initials), len(upper) + 1 + len(initials)
    return escape(upper), len(upper)


def _names(entry) -> list[_Name]:
    return [_Name(tuple(p.first_names), tuple(p.middle_names), tuple(p.prelast_names), tuple(p.last_names))
            for p in people(entry)]


def _en_authors(entry, memo: FormatMemo) -> str:
    """styles.author_list for EnglishStyle: 'A, B, &amp; C'."""
    names = [html for html, length in (memo.name(_apa_name, name) for name in _names(entry)) if length]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", &amp; " + names[-1]


def _zh_authors(entry, memo: FormatMemo) -> str:
    """styles.author_list(limit=3, etal=', 等') for ChineseStyle."""
    names = [memo.name(_gbt_name, name) for name in _names(entry)]
    if len(names) > 3:
        return ", ".join(html for html, length in names[:3] if length) + ", 等"
    return ", ".join(html for html, length in names if length)


class _Fields:
    """An entry's fields as pybtex's field() reads them, rendered."""

    def __init__(self, entry, memo: FormatMemo):
        self.entry = entry
        self.memo = memo

    def optional(self, name: str) -> str | None:
        """The field's HTML, or None when it is missing (pybtex's optional[] then gives nothing)."""
        value = self.entry.fields.get(name)
        if value is None:
            if name in self.entry.persons:
                raise _Refused                # pybtex would read the names as the field
            return None
        return self.memo.rich(value)[0]

    def required(self, name: str) -> str:
        return self._required(name)[0]

    def em(self, name: str) -> str:
        """tag('em')[field(name)]: nothing when the field's text is empty."""
        html, length = self._required(name)
        return f"<em>{html}</em>" if length else ""

    def _required(self, name: str) -> tuple[str, int]:
        value = self.entry.fields.get(name)
        if value is None:
            raise _Refused                    # pybtex raises FieldIsMissing, or reads names or a crossref
        return self.memo.rich(value)


def _link(entry) -> str:
    """styles.link, after the separating space; the URL is not escaped in href (as pybtex does)."""
    url = link_url(entry.fields)
    return f' <a href="{url}">{escape(url)}</a>' if url else ""


def _then(before: str, html: str | None, after: str = "") -> str:
    """optional[before, field, after]."""
    return "" if html is None else before + html + after


# -- EnglishStyle -------------------------------------------------------------------------------------

def _en_head(entry, f: _Fields, label: str, title: str) -> str:
    return _en_authors(entry, f.memo) + " (" + escape(label) + "). " + title + "."


def _en_inproceedings(entry, f: _Fields, label: str, style) -> str:
    return (_en_head(entry, f, label, f.required("title")) + " In " + f.em("booktitle")
            + _then(" (pp. ", f.optional("pages"), ")") + ".")


def _en_article(entry, f: _Fields, label: str, style) -> str:
    head = _en_head(entry, f, label, f.required("title"))
    volume = f.optional("volume")
    if volume is not None:
        volume = ", " + f.em("volume")
    return (head + " " + f.em("journal") + (volume or "") + _then("(", f.optional("number"), ")")
            + _then(", ", f.optional("pages")) + ".")


def _en_book(entry, f: _Fields, label: str, style) -> str:
    return _en_head(entry, f, label, f.em("title")) + _then(" ", f.optional("publisher"), ".")


def _en_misc(entry, f: _Fields, label: str, style) -> str:
    return (_en_head(entry, f, label, f.required("title")) + _then(" ", f.optional("howpublished"), ".")
            + _then(" ", f.optional("note"), "."))


# -- ChineseStyle -------------------------------------------------------------------------------------

def _zh_head(entry, f: _Fields, label: str, code: str) -> str:
    return _zh_authors(entry, f.memo) + ". " + escape(label) + ". " + f.required("title") + escape(f"[{code}]")


def _zh_inproceedings(entry, f: _Fields, label: str, style) -> str:
    return _zh_head(entry, f, label, "C") + "//" + f.required("booktitle") + _then(": ", f.optional("pages")) + "."


def _zh_article(entry, f: _Fields, label: str, style) -> str:
    return (_zh_head(entry, f, label, "J") + ". " + f.required("journal") + _then(", ", f.optional("volume"))
            + _then("(", f.optional("number"), ")") + _then(": ", f.optional("pages")) + ".")


def _zh_book(entry, f: _Fields, label: str, style) -> str:
    return _zh_head(entry, f, label, "M") + "." + _then(" ", f.optional("publisher"), ".")


def _zh_misc(entry, f: _Fields, label: str, style) -> str:
    code = style.TYPE_CODES.get(entry.type, "Z")
    return _zh_head(entry, f, label, code) + "." + _then(" ", f.optional("howpublished"), ".")


# the styles' template methods (as looked up for an entry type) -> their direct equivalents
_TEMPLATES = {
    EnglishStyle: {EnglishStyle.get_inproceedings_template: _en_inproceedings,
                   EnglishStyle.get_article_template: _en_article,
                   EnglishStyle.get_book_template: _en_book,
                   EnglishStyle.get_misc_template: _en_misc},
    ChineseStyle: {ChineseStyle.get_inproceedings_template: _zh_inproceedings,
                   ChineseStyle.get_article_template: _zh_article,
                   ChineseStyle.get_book_template: _zh_book,
                   ChineseStyle.get_misc_template: _zh_misc},
}


def format_html(style, label: str, entry, memo: FormatMemo | None = None) -> str | None:
    """style.format_entry(label, entry).text.render(<pybtex HTML backend>), or None: then use that.
    `memo`: a FormatMemo shared by the calls for one bibliography (faster; the same results)."""
    templates = _TEMPLATES.get(type(style))
    if templates is None or "crossref" in entry.fields or mirrored() != MIRRORED:
        return None
    method = getattr(type(style), f"get_{entry.type}_template", None) or type(style).get_misc_template
    template = templates.get(method)
    if template is None:
        return None
    try:
        return template(entry, _Fields(entry, memo or FormatMemo()), label, style) + _link(entry)
    except _Refused:
        return None
