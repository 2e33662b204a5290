"""markup: citations, internal links, editor's notes, math and the raw-HTML allow-list."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurips_report.markup.context import PageContext
from neurips_report.markup.converter import Converter

LABELS = {"doe2031tiny": ("Doe and Smith", "2031"), "roe2030small": ("Roe", "2030"),
          "nguyen2031a": ("Nguyễn et al.", "2031a")}
PAGES = {("paper", "tiny-model"): "/r/en/papers/tiny-model/", ("track", "vision"): "/r/en/tracks/vision/",
         ("section", "overview"): "/r/en/overview/", ("talk", "keynote"): "/r/en/talks/keynote/",
         ("page", "bibliography"): "/r/en/bibliography/"}
EN = {"cite_open": "(", "cite_close": ")", "cite_sep": "; ", "editor_note": "Editor's note"}
ZH = {"cite_open": "（", "cite_close": "）", "cite_sep": "；", "editor_note": "编者注"}


@pytest.fixture(scope="module")
def converter():
    return Converter(LABELS.keys())


def convert(converter, body, strings=EN, body_line=5):
    def cite_label(key, lang, narrative):
        if key not in LABELS:
            return None
        names, year = LABELS[key]
        return f"{names} ({year})" if narrative else f"{names}, {year}"

    ctx = PageContext(lang="en", path=Path("content/x.en.md"), body=body, body_line=body_line, strings=strings,
                      cite_label=cite_label, bib_href=lambda key: f"/r/en/bibliography/#ref-{key}",
                      resolve=lambda kind, slug: PAGES.get((kind, slug)))
    html, toc = converter.convert(body, ctx)
    return html, toc, ctx


def cite(key, text):
    return f'<a class="cite" href="/r/en/bibliography/#ref-{key}">{text}</a>'


# -- citations ----------------------------------------------------------------------------------
def test_parenthetical_citation(converter):
    html, _, ctx = convert(converter, "Small models work [@doe2031tiny].")
    assert html == f'<p>Small models work <span class="citation">({cite("doe2031tiny", "Doe and Smith, 2031")})</span>.</p>'
    assert ctx.cited == ["doe2031tiny"] and ctx.problems == []


def test_several_citations(converter):
    html, _, ctx = convert(converter, "[@doe2031tiny; @roe2030small]")
    assert html == (f'<p><span class="citation">({cite("doe2031tiny", "Doe and Smith, 2031")}; '
                    f'{cite("roe2030small", "Roe, 2030")})</span></p>')
    assert ctx.cited == ["doe2031tiny", "roe2030small"]


def test_prefix_and_locator(converter):
    html, _, _ = convert(converter, "[see @roe2030small, p. 3]")
    assert html == f'<p><span class="citation">(see {cite("roe2030small", "Roe, 2030")}, p. 3)</span></p>'


def test_localized_brackets_and_separator(converter):
    html, _, _ = convert(converter, "见[@doe2031tiny; @nguyen2031a]。", strings=ZH)
    assert html == (f'<p>见<span class="citation">（{cite("doe2031tiny", "Doe and Smith, 2031")}；'
                    f'{cite("nguyen2031a", "Nguyễn et al., 2031a")}）</span>。</p>')


def test_narrative_citation(converter):
    html, _, ctx = convert(converter, "@doe2031tiny show it; so does @nguyen2031a.")
    assert html == (f'<p>{cite("doe2031tiny", "Doe and Smith (2031)")} show it; so does '
                    f'{cite("nguyen2031a", "Nguyễn et al. (2031a)")}.</p>')
    assert ctx.cited == ["doe2031tiny", "nguyen2031a"]


def test_email_addresses_and_code_are_not_citations(converter):
    html, _, ctx = convert(converter, "Write to jane@doe2031tiny.org or see `@roe2030small`.")
    assert "cite" not in html and ctx.cited == [] and ctx.problems == []
    assert "<code>@roe2030small</code>" in html


def test_markdown_link_in_brackets_is_not_a_citation(converter):
    html, _, ctx = convert(converter, "[mail @roe](https://example.org/)")
    assert ctx.cited == [] and '<a href="https://example.org/">' in html


def test_unknown_citation_key_is_a_problem_with_line_and_hint(converter):
    html, _, ctx = convert(converter, "Intro.\n\nAs shown [@doe2031tyni].\n", body_line=7)
    assert ctx.problems == [(9, "unknown citation key 'doe2031tyni'", "did you mean 'doe2031tiny'?",
                             ("bib", "doe2031tyni"))]
    assert '<span class="cite missing">@doe2031tyni</span>' in html and html.count("cite missing") == 1


def test_unknown_narrative_key(converter):
    _, _, ctx = convert(converter, "@zzz wrote it.", body_line=4)
    assert ctx.problems == [(4, "unknown citation key 'zzz'", "add the entry to references.bib or fix the key",
                             ("bib", "zzz"))]


# -- internal links ------------------------------------------------------------------------------
@pytest.mark.parametrize("target, href", [
    ("paper:tiny-model", "/r/en/papers/tiny-model/"),
    ("track:vision", "/r/en/tracks/vision/"),
    ("section:overview", "/r/en/overview/"),
    ("talk:keynote", "/r/en/talks/keynote/"),
    ("page:bibliography", "/r/en/bibliography/"),
    ("section:overview#results", "/r/en/overview/#results"),
])
def test_internal_links(converter, target, href):
    html, _, ctx = convert(converter, f"See [this]({target}).")
    assert html == f'<p>See <a href="{href}">this</a>.</p>'
    assert ctx.problems == []


def test_broken_internal_link(converter):
    html, _, ctx = convert(converter, "One.\nSee [it](paper:tiny-modle).", body_line=10)
    assert ctx.problems == [(11, "broken internal link 'paper:tiny-modle': no paper 'tiny-modle'",
                             "check the slug; paper files live in content/papers/", ("entry", "papers", "tiny-modle", "*"))]
    assert '<a href="#">it</a>' in html


def test_external_links_untouched(converter):
    html, _, ctx = convert(converter, "[x](https://example.org/a?b=1)")
    assert html == '<p><a href="https://example.org/a?b=1">x</a></p>' and ctx.problems == []


def test_javascript_links_refused(converter):
    html, _, ctx = convert(converter, "[x](javascript:alert(1))")
    assert ctx.problems[0][1] == "'javascript:' URLs are not allowed in content"
    assert "javascript" not in html


# -- editor's notes ------------------------------------------------------------------------------
def test_editor_note(converter):
    html, _, ctx = convert(converter, "Text.\n\n!!! editor\n    The report says X; it is Y.\n")
    assert ctx.editor_notes == 1
    assert ('<div class="admonition editor-note" role="note">\n<p class="admonition-title">Editor\'s note</p>\n'
            "<p>The report says X; it is Y.</p>\n</div>") in html


def test_editor_note_heading_localized_and_counted(converter):
    body = "!!! editor\n    一。\n\n!!! editor\n    二。\n\n!!! note\n    Not an editor's note.\n"
    html, _, ctx = convert(converter, body, strings=ZH)
    assert ctx.editor_notes == 2 and html.count("编者注") == 2
    assert html.count("editor-note") == 2


# -- math ------------------------------------------------------------------------------------------
def test_inline_and_display_math_become_mathml(converter):
    html, _, ctx = convert(converter, "Regret $O(\\sqrt{kT})$ holds.\n\n$$\\frac{a}{b}$$\n")
    assert ctx.problems == []
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert "<msqrt>" in html and "<mfrac>" in html and 'display="block"' in html
    assert "$" not in html


def test_dollar_amounts_are_not_math(converter):
    html, _, _ = convert(converter, "Fees fell from $100 to $25.")
    assert "<math" not in html and "$100" in html


def test_bad_tex_is_a_problem(converter):
    _, _, ctx = convert(converter, "Bad $\\frac{a}{$ here.", body_line=3)
    assert len(ctx.problems) == 1 and ctx.problems[0][0] == 3
    assert ctx.problems[0][1].startswith("cannot render math")


# -- raw HTML ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, message", [
    ("Hi\n\n<script>alert(1)</script>\n", "HTML tag <script> is not allowed in content"),
    ('Hi <span onclick="x()">there</span>', "HTML attribute 'onclick' on <span> is not allowed in content"),
    ('<a href="javascript:alert(1)">x</a>', "'javascript:' URLs are not allowed in content"),
    ("<iframe src='https://example.org'></iframe>", "HTML tag <iframe> is not allowed in content"),
    ('<img src="data:image/png;base64,AAAA" alt="x">', "'data:' URLs are not allowed in content"),
    ('<img src="https://example.org/x.png" alt="x">', "remote image 'https://example.org/x.png': pages load nothing from other sites"),
])
def test_raw_html_refused(converter, body, message):
    html, _, ctx = convert(converter, body)
    assert message in [problem[1] for problem in ctx.problems], ctx.problems
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html and "<iframe" not in html


def test_remote_markdown_image_refused(converter):
    html, _, ctx = convert(converter, "A ![figure](https://example.org/x.png) here.")
    assert [problem[1] for problem in ctx.problems] == ["remote image 'https://example.org/x.png': pages load nothing from other sites"]
    assert "example.org" not in html


def test_allowed_raw_html_passes(converter):
    html, _, ctx = convert(converter, "H<sub>2</sub>O and <abbr title=\"x\">X</abbr>")
    assert ctx.problems == [] and "<sub>2</sub>" in html and '<abbr title="x">X</abbr>' in html


def test_raw_html_problem_line(converter):
    _, _, ctx = convert(converter, "a\n\nb\n\n<script>x</script>\n", body_line=20)
    assert ctx.problems[0][0] == 24


# -- table of contents and reuse --------------------------------------------------------------------
def test_toc_levels_two_and_three(converter):
    _, toc, _ = convert(converter, "# Top\n\n## Submissions\n\n### By type\n\n## Acceptance\n")
    assert [(t["id"], t["level"]) for t in toc] == [("submissions", 2), ("by-type", 3), ("acceptance", 2)]


def test_converter_state_does_not_leak_between_pages(converter):
    convert(converter, "First[^1].\n\n[^1]: note\n\n## Heading\n")
    html, toc, ctx = convert(converter, "Second page.")
    assert html == "<p>Second page.</p>" and toc == [] and ctx.cited == [] and ctx.editor_notes == 0
