"""The converter's shortcuts (converter._speed_up, _skip_absent_marker, the one-pass citation regex, the
remembered raw-HTML check, the reused nh3 Cleaner) change no output: every input here is converted with
and without them and the results compared."""

from __future__ import annotations

import random
import re
from pathlib import Path

import nh3
import pytest

from neurips_report.markup import converter as converter_module
from neurips_report.markup import sanitize
from neurips_report.markup.citations import GROUP_RE, KEY
from neurips_report.markup.context import PageContext
from neurips_report.markup.converter import Converter

LABELS = {"doe2031tiny": ("Doe and Smith", "2031"), "roe2030small": ("Roe", "2030"),
          "o'neil2030": ("O'Neil -- \"Q\"...", "2030")}
PAGES = {("paper", "tiny-model"): "/r/en/papers/tiny-model/", ("page", "bibliography"): "/r/en/bibliography/"}
STRINGS = {"cite_open": "(", "cite_close": ")", "cite_sep": "; ", "editor_note": "Editor's note -- \"see\"..."}

TRICKY = [
    "",
    "Plain words and nothing else.",
    "It's the '90s, \"quoted\" and 'single' -- an en dash --- an em dash... and.... four dots.",
    "\"'Nested' quotes\" and '\"other\" nesting' and \"quote at end\"",
    "'Tis \"a\"b\" c'd' e'\"f\"'",
    "a--b---c----d ... .. ..... x---",
    "Escapes: \\* \\_ \\` \\$ \\[ \\] \\\\ \\\" \\' \\- \\. \\@ \\& \\< \\= \\~",
    "Code `it's \"code\" -- ... [@doe2031tiny] *no* $x$` and ``double `tick` code`` after 'code'.",
    "    indented code 'with quotes' -- and ...\n\ntext",
    "```\nfenced? 'not here' -- ...\n```",
    "Raw <span class=\"x\">it's -- ...</span> and <b>bold</b> and <!-- comment 'q' -->.",
    "<div>\nblock 'html' -- ...\n</div>\n\nafter",
    "<script>alert('x')</script> and <img src=\"javascript:x\" onerror='y'>",
    "Entities &amp; &copy; &#8212; &#x27; &quot; &nbsp;\"x\" &mdash;'q' & bare ampersand &notanentity",
    "Footnote here[^1] and 'there'[^note].\n\n[^1]: The \"note\" -- with ...\n[^note]: Another 'one'.",
    "*[HTML]: Hyper Text 'Markup' Language\n\nThe HTML spec -- HTML's \"rules\".",
    "| a 'x' | b -- c |\n|:--|--:|\n| \"1\" | 2... |\n| `'3'` | *4* |",
    "| left | center | right |\n|:-----|:------:|------:|\n| a | b | c |",
    "Math $a' = b''$ and $$\\sum_{i=1}^n x_i -- y$$ and a price of $5 and $6, 'dollars'.",
    "Bad math $\\frac{$ here 'q'.",
    "Cite [@doe2031tiny] and [see @roe2030small, p. 3 -- 'x'] and @doe2031tiny's \"claim\"...",
    "Unknown [@nobody2031] and @nobody and e@mail.com and [@o'neil2030] and [@] and [x @ y] and [a@b].",
    "Links [it's 'here'](paper:tiny-model) and [\"bib\"](page:bibliography \"title 'q'\") and [broken](paper:none).",
    "Auto <https://example.org/a--b> and <me@example.org> and ![alt 'q'](https://example.org/i.png \"t\").",
    "Reference [text 'x'][ref] and [ref] and ![img][ref].\n\n[ref]: https://example.org/r \"T 'q'\"",
    "Line break at end  \nnext 'line' -- here",
    "**Bold 'q'** and *em \"q\"* and ***both -- ...*** and __under__ and _em_ and snake_case_word",
    "==marked 'q'== and ~~deleted \"q\"~~ and ~sub~ and a=b and ~ alone",
    "## Heading 'with' \"quotes\" -- and...\n\nText\n\n### Sub *em* `code` [@doe2031tiny]\n\n"
    "## Heading 'with' \"quotes\" -- and...",
    "# Top [^1]\n\n## Two <b>html</b> &amp; entity\n\n[^1]: n",
    "[TOC]\n\n## One\n\n### Two 'q'",
    "Text\n\n[TOC]\n\n## After 'marker'",
    "Intro\n\n[*TOC*]\n\n## Split marker",
    "!!! editor\n    An editor's note -- with \"quotes\"...\n\n!!! note \"It's a title\"\n    body 'q'",
    "!!! warning\n    plain body",
    "Term 'one'\n:   Definition -- \"two\"...\n\nTerm\n:   Def",
    "1. one 'q'\n2. two -- x\n\n- a \"b\"\n- c...\n\n3) sane\n4) lists",
    "> quoted 'block' -- with ...\n> > nested \"q\"",
    "Tail test <span>x</span>'s and `code`'s and [@doe2031tiny]'s and $x$'s \"end\"",
    "Ellipsis at end...",
    "\"",
    "'",
    "--",
    "...",
    "\\",
    "Mixed 中文 “quotes” ‘single’ — dash … ellipsis and 'ascii' in 中文\"text\".",
    "Control \x02klzzwxh:0001\x03 and \x02wzxhzdk:0\x03 characters 'q'",
    "Internal [link](paper:tiny-model#part) [x](section:none) [bad](javascript:alert('x'))",
    "Local ![figure](images/missing.png) and ![f]( ../../etc/passwd )",
]

FRAGMENTS = [
    "word", "it's", "'q'", "\"q\"", " -- ", "---", "...", "`c'`", "*e*", "**s**", "[@doe2031tiny]", "@roe2030small",
    "[l](paper:tiny-model)", "<b>h</b>", "&amp;", "&#39;", "$x$", "\\'", "\\*", "[^1]", "==m==", "~~d~~", "  \n",
    "\n\n", "\n\n## H 'h'\n\n", "\n\n- li 'x'\n", "\n\n| a | b |\n|---|---|\n| 'c' | d |\n\n", "HTML", "_",
    "\"'", "'\"",
    "'80s", "[TOC]", "<https://x.org>", "[@nobody]", "\n\n!!! editor\n    n 'q'\n\n", "     ", "中文", "é",
]


def _context(body: str) -> PageContext:
    def cite_label(key, lang, narrative):
        if key not in LABELS:
            return None
        names, year = LABELS[key]
        return f"{names} ({year})" if narrative else f"{names}, {year}"

    return PageContext(lang="en", path=Path("content/x.en.md"), body=body, body_line=5, strings=STRINGS,
                       cite_label=cite_label, bib_href=lambda key: f"/r/en/bibliography/#ref-{key}",
                       resolve=lambda kind, slug: PAGES.get((kind, slug)), asset=lambda name: None)


def _outcome(converter: Converter, body: str):
    ctx = _context(body)
    html, toc = converter.convert(body, ctx)
    return html, toc, ctx.problems, ctx.cited, ctx.links, ctx.editor_notes


@pytest.fixture(scope="module")
def converters():
    fast = Converter(LABELS)
    patch = pytest.MonkeyPatch()
    patch.setattr(converter_module, "_speed_up", lambda processor: None)
    patch.setattr(converter_module, "_skip_absent_marker", lambda processor: None)
    try:
        plain = Converter(LABELS)
    finally:
        patch.undo()
    return fast, plain


def test_shortcuts_are_in_place_with_the_installed_markdown(converters):
    """Not needed for correctness (without them the output is the same, only slower): fails when an upgrade
    of Python-Markdown or an extension changes a regex so that a pattern loses its trigger."""
    fast, plain = converters
    for name in ("inline", "smarty"):
        assert fast.md.treeprocessors[name].run.__name__ == "run_or_skip", name
        assert plain.md.treeprocessors[name].run.__name__ == "run"
    assert fast.md.treeprocessors["toc"].replace_marker.__name__ == "replace_marker"


@pytest.mark.parametrize("body", TRICKY)
def test_tricky_inputs_convert_the_same_with_and_without_shortcuts(converters, body):
    fast, plain = converters
    assert _outcome(fast, body) == _outcome(plain, body)


def test_random_documents_convert_the_same_with_and_without_shortcuts(converters):
    fast, plain = converters
    rng = random.Random(20310)
    for _ in range(300):
        body = "".join(rng.choice(FRAGMENTS) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(1, 25)))
        assert _outcome(fast, body) == _outcome(plain, body), body


def test_converting_in_any_order_gives_the_same_results(converters):
    """The shortcuts keep no state between documents that could change a later result."""
    fast, plain = converters
    expected = {body: _outcome(plain, body) for body in TRICKY}
    for body in reversed(TRICKY):
        assert _outcome(fast, body) == expected[body]


def test_one_pass_citation_regex_matches_as_the_spelled_out_one():
    spelled = re.compile(r"\[((?:[^\[\]@]|@(?:%s))*@(?:%s)(?:[^\[\]@]|@(?:%s))*)\](?!\()" % (KEY, KEY, KEY),
                         re.DOTALL | re.UNICODE)
    fast = re.compile(GROUP_RE, re.DOTALL | re.UNICODE)
    rng = random.Random(7)
    alphabet = "[]@(aZ9_.:-/;, \né\\!"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        for start in range(0, len(text) + 1, 4):
            a, b = spelled.search(text, start), fast.search(text, start)
            assert (a and (a.span(), a.group(1))) == (b and (b.span(), b.group(1))), (text, start)


@pytest.mark.parametrize("fragment", [
    "&#40;", "&rsquo;", "<b>", "<script>x</script>", "<img src='javascript:x'>", "<img src=\"images/a.png\">",
    "<a href=\"/x\" onclick=\"y\">", "<b", "x < y", "<span class='a' style='b'>", "<br/>", "",
])
def test_remembered_raw_html_check_finds_what_the_checker_finds(fragment):
    checker = sanitize._Checker()
    checker.feed(fragment)
    assert sanitize._check(fragment) == tuple(checker.found)
    assert sanitize._check(fragment) == tuple(checker.found)      # remembered


@pytest.mark.parametrize("html", [
    "<p>x</p>", "<p><script>alert(1)</script>ok</p>", "<a href=\"javascript:x\" rel=\"y\">a</a>",
    "<img src=\"https://e.org/i.png\" onerror=\"x\" loading=\"lazy\">", "<!-- c --><b>b</b>",
    "<math display=\"block\"><mi mathvariant=\"bold\">x</mi></math>", "<td style=\"x\" colspan=\"2\">c</td>",
    "<p>&amp; &lt; &#39; ’ “ 中文</p>", "<details><summary>s</summary>d</details>", "<unknown>u</unknown>",
])
def test_reused_cleaner_cleans_as_nh3_clean(html):
    assert sanitize.clean(html) == nh3.clean(html, tags=sanitize.ALL_TAGS, attributes=sanitize.ATTRS,
                                             url_schemes={"http", "https", "mailto"}, link_rel=None,
                                             strip_comments=True)
