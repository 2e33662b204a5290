"""$...$ and $$...$$ rendered to MathML at build time (no JavaScript)."""

from __future__ import annotations

from latex2mathml.converter import convert
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

INLINE_RE = r"(?<![\\$])\$(?!\s)((?:\\.|[^$\\\n])+?)(?<!\s)\$(?!\d)"
DISPLAY_RE = r"(?<!\\)\$\$(.+?)\$\$"


class MathProcessor(InlineProcessor):
    def __init__(self, pattern, md, display):
        super().__init__(pattern, md)
        self.display = display

    def handleMatch(self, m, data):
        latex = m.group(1).strip()
        try:
            mathml = convert(latex, display="block" if self.display else "inline")
        except Exception as exc:  # latex2mathml raises many kinds of error on bad TeX
            self.md.page_context.problem(m.group(0), f"cannot render math '{latex}': {str(exc) or type(exc).__name__}",
                                         "check the LaTeX; escape a literal dollar as \\$")
            return None, None, None
        placeholder = self.md.htmlStash.store(mathml)
        self.md.trusted_html.add(self.md.htmlStash.html_counter - 1)
        return placeholder, m.start(0), m.end(0)


class MathExtension(Extension):
    def extendMarkdown(self, md):
        md.inlinePatterns.register(MathProcessor(DISPLAY_RE, md, True), "math_display", 187)
        md.inlinePatterns.register(MathProcessor(INLINE_RE, md, False), "math_inline", 186)
