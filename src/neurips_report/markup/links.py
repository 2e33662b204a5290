"""Internal links `paper:slug`, `track:slug`, ... resolved per language; unsafe URLs refused."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..model.kinds import BY_NAME
from ..model.problems import did_you_mean

INTERNAL_RE = re.compile(r"^(?P<kind>paper|track|section|talk|page):(?P<slug>[^#\s]*)(?P<anchor>#\S*)?$")
WEB_RE = re.compile(r"^https?://", re.IGNORECASE)
CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")
UNSAFE_RE = re.compile(r"^\s*(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
URL_ATTRIBUTES = {"a": "href", "img": "src"}
REMOTE_IMAGE_HINT = ("download the image (if its licence allows) into static/, e.g. static/images/figure.png, "
                     "and write ![text](images/figure.png); link to the original page with [text](https://...)")


class LinkProcessor(Treeprocessor):
    def run(self, root):
        ctx = self.md.page_context
        for element in root.iter():
            attr = URL_ATTRIBUTES.get(element.tag)
            if attr is None or attr not in element.attrib:
                continue
            url = element.get(attr).strip()
            scheme = unsafe_scheme(url)
            if scheme:
                ctx.problem(f"{url}", f"'{scheme}:' URLs are not allowed in content",
                            "link to an http(s) page or a page of the site")
                element.set(attr, "#")
                continue
            if element.tag == "img" and WEB_RE.match(url):
                ctx.problem(url, f"remote image '{url}': pages load nothing from other sites",
                            REMOTE_IMAGE_HINT)
                element.set("src", "")
                continue
            if element.tag == "img":
                self._local_image(ctx, element, url)
                continue
            match = INTERNAL_RE.match(url)
            if not match:
                continue
            kind, slug, anchor = match["kind"], match["slug"], match["anchor"] or ""
            target = ctx.resolve(kind, slug)
            ctx.links.append((kind, slug))
            if target is None:
                known = ctx.slugs(kind) if getattr(ctx, "slugs", None) else ()
                close = did_you_mean(slug, known)
                ctx.problem(url, f"broken internal link '{url}': no {kind} '{slug}'",
                            close or (f"check the slug; {kind} files live in content/{kind}s/" if kind != "page"
                                      else "known pages: home, bibliography, tracks, papers, talks, statistics, corrections"),
                            about=("entry", BY_NAME[kind].folder if kind in BY_NAME else kind, slug, "*"))
                element.set(attr, "#")
            else:
                element.set(attr, target + anchor)


    @staticmethod
    def _local_image(ctx, element, url: str) -> None:
        """Images are files under static/ (served with a hashed name) or http(s) URLs."""
        if ctx.asset is None:
            return
        name = static_name(url)
        href = ctx.asset(name) if name else None
        if href is None:
            ctx.problem(url, f"missing image '{url}'",
                        "put the file under static/ (e.g. static/images/figure.png)")
            element.set("src", "")
        else:
            element.set("src", href)


def unsafe_scheme(url: str) -> str | None:
    """'javascript', 'data', ... when a browser would read the URL with such a scheme (after decoding character
    references and dropping the whitespace and control characters it ignores); None for a safe URL."""
    plain = CONTROL_RE.sub("", html.unescape(url))
    match = UNSAFE_RE.match(plain)
    return match.group(1).lower() if match else None


def static_name(url: str) -> str | None:
    """The file under static/ that a local image URL names; None if it tries to leave static/."""
    path = unquote(url.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    path = path.removeprefix("./").removeprefix("static/")
    parts = path.split("/")
    if not path or any(part in ("", ".", "..") or "\\" in part for part in parts):
        return None
    return path


class LinkExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(LinkProcessor(md), "internal_links", 5)
