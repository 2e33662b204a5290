"""Raw HTML in Markdown: refuse unsafe tags, attributes and URLs; clean output with nh3."""

from __future__ import annotations

from html.parser import HTMLParser

import nh3
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from .links import WEB_RE, unsafe_scheme

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
MATHML = {
    "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "mfrac", "msqrt", "mroot", "msub", "msup",
    "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom",
    "menclose", "semantics", "annotation", "mmultiscripts", "mprescripts", "none",
}
GLOBAL_ATTRS = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"}
ATTRS = {
    "*": GLOBAL_ATTRS,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "li": {"value"},
    "sup": {"id"},
    "math": {"xmlns", "display"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form", "largeop", "movablelimits", "symmetric"},
    "mi": {"mathvariant"}, "mstyle": {"displaystyle", "scriptlevel", "mathvariant"},
    "mspace": {"width"}, "mtable": {"columnalign", "rowspacing", "columnspacing"},
    "mtd": {"columnalign"}, "mfrac": {"linethickness"}, "mpadded": {"width", "lspace"},
    "menclose": {"notation"}, "annotation": {"encoding"},
}
ALL_TAGS = TAGS | MATHML


def _cleaner():
    """The allow-list as an nh3.Cleaner, built once: nh3.clean converts every set and dict of the
    allow-list to Rust on each call, which costs as much as cleaning a page body (same options, same
    output; plain nh3.clean where the installed nh3 has no Cleaner)."""
    options = dict(tags=ALL_TAGS, attributes=ATTRS, url_schemes={"http", "https", "mailto"},
                   link_rel=None, strip_comments=True)
    cleaner = getattr(nh3, "Cleaner", None)
    if cleaner is not None:
        try:
            return cleaner(**options).clean
        except TypeError:
            pass
    return lambda html: nh3.clean(html, **options)


_clean = _cleaner()


def clean(html: str) -> str:
    """The allow-list, applied to a whole converted body."""
    return _clean(html)


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []   # (needle, message)

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.found.append((f"<{tag}", f"HTML tag <{tag}> is not allowed in content"))
            return
        allowed = ATTRS["*"] | ATTRS.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.found.append((name, f"HTML attribute '{name}' on <{tag}> is not allowed in content"))
            elif name in ("href", "src") and value and unsafe_scheme(value):
                self.found.append((value, f"'{unsafe_scheme(value)}:' URLs are not allowed in content"))
            elif tag == "img" and name == "src" and WEB_RE.match(value or ""):
                self.found.append((value, f"remote image '{value}': pages load nothing from other sites"))
            elif tag == "img" and name == "src":
                self.found.append((value or "<img", "a local image must be written in Markdown, ![text](images/x.png)"))

    handle_startendtag = handle_starttag


class RawHtmlCheck(Postprocessor):
    """Runs before raw HTML is put back, so only the author's own HTML is checked."""

    def __init__(self, md=None):
        super().__init__(md)
        self.found: dict[str, tuple] = {}       # fragment -> what _check finds, for this converter

    def run(self, text):
        ctx = self.md.page_context
        for index, fragment in enumerate(self.md.htmlStash.rawHtmlBlocks):
            if index in self.md.trusted_html:
                continue
            for needle, message in _check(str(fragment), self.found):
                ctx.problem(needle, message, "raw HTML is limited to a safe allow-list; use Markdown instead")
        return text


def _check(fragment: str, remembered: dict | None = None) -> tuple:
    """What _Checker finds in a fragment (which depends on nothing else): nothing without a '<' (most
    stashed fragments are character references: citation brackets, smarty's quotes), and remembered in
    `remembered` for short fragments, as the postprocessors run again for each heading and for the table
    of contents (toc)."""
    if "<" not in fragment:
        return ()
    found = remembered.get(fragment) if remembered is not None else None
    if found is None:
        checker = _Checker()
        checker.feed(fragment)
        found = tuple(checker.found)
        if remembered is not None and len(fragment) <= 4096:
            if len(remembered) >= 1024:
                remembered.clear()
            remembered[fragment] = found
    return found


class SanitizeExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(RawHtmlCheck(md), "raw_html_check", 35)
