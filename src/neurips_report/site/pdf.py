"""The PDF edition of each language (`build --pdf`): the main content of the pages the build just wrote,
in the report's order, as one HTML document (templates/pdf.html, static/pdf.css) typeset by WeasyPrint
with CSS Paged Media: a contents page with page numbers, running heads, bookmarks, internal links.

Only `build --pdf` imports WeasyPrint; a build without it does nothing here."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..core.formatting import Formatter
from ..model.kinds import BY_URL_DIR
from ..model.urls import Urls

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
MAIN_RE = re.compile(r'<main id="main"[^>]*>(.*)</main>', re.S)
ID_RE = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]*)"')
HREF_RE = re.compile(r'(\shref=")([^"]*)"')
SRC_RE = re.compile(r'(\ssrc=")([^"]*)"')
H1_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG_RE = re.compile(r"<[^>]+>")
SVG_RE = re.compile(r'(<svg\b[^>]*>)')


@dataclass(frozen=True)
class Chapter:
    rel: str          # the page's site-relative path
    level: int        # 1: a part of the report; 2: a track or talk within it; 3: a paper within a track
    title: str
    html: str         # its main content, ids and links made those of the document

    @property
    def anchor(self) -> str:
        return anchor(self.rel)

    @property
    def kind(self) -> str:
        """track, paper or talk for an entry's page ('<lang>/tracks/<slug>/'); page for the others."""
        parts = self.rel.split("/")
        kind = BY_URL_DIR.get(parts[1]) if len(parts) == 4 else None
        return kind.name if kind is not None else "page"


class PdfError(Exception):
    """The PDF edition cannot be typeset (WeasyPrint or its system libraries are missing)."""


def download_name(site, lang: str) -> str:
    """The file name a reader's browser saves it as: '<conference>-report-<lang>.pdf'."""
    name = re.sub(r"[^a-z0-9]+", "-", str((site.conference or {}).get("short") or "conference").lower()).strip("-")
    return f"{name or 'conference'}-report-{lang}.pdf"


def outline(content, lang: str, rels: set[str]) -> list[tuple[str, int]]:
    """(page, level) in the report's order: each section, the tracks with their papers after the section
    that lists the tracks, the talks after the one that lists the talks, the papers outside tracks after
    the one that lists them; what no section lists follows the sections under its index page; then the
    statistics, the corrections and the bibliography. Only pages in `rels` are taken."""
    tracks = content.ordered("tracks")
    papers = content.ordered("papers")
    track_slugs = {t.slug for t in tracks}
    untracked = [p for p in papers if p.track not in track_slugs]
    order: list[tuple[str, int]] = []
    done: set[str] = set()

    def add(rel: str, level: int) -> None:
        if rel in rels and rel not in {r for r, _ in order}:
            order.append((rel, level))

    def part(kind: str, level: int) -> None:
        done.add(kind)
        if kind == "tracks":
            for track in tracks:
                add(Urls.entry("tracks", track.slug, lang), level)
                for paper in papers:
                    if paper.track == track.slug:
                        add(Urls.entry("papers", paper.slug, lang), level + 1)
        elif kind == "talks":
            for talk in content.ordered("talks"):
                add(Urls.entry("talks", talk.slug, lang), level)
        elif kind == "untracked":
            for paper in untracked:
                add(Urls.entry("papers", paper.slug, lang), level)

    for section in content.ordered("sections"):
        add(Urls.entry("sections", section.slug, lang), 1)
        if section.lists in ("tracks", "talks", "untracked") and section.lists not in done:
            part(section.lists, 2)
    for kind, index in (("tracks", "tracks"), ("talks", "talks"), ("untracked", "papers")):
        if kind not in done and (content.entries.get(kind) or (kind == "untracked" and untracked)):
            before = len(order)
            add(Urls.page(index, lang), 1)
            part(kind, 2 if len(order) > before else 1)
    for name in ("statistics", "corrections", "bibliography"):
        add(Urls.page(name, lang), 1)
    return order


def anchor(rel: str, fragment: str = "") -> str:
    """The id in the document of a page (or of an id within it)."""
    base = "p-" + re.sub(r"[^A-Za-z0-9_-]", "-", rel.strip("/") or "home")
    return f"{base}--{fragment}" if fragment else base


def chapter(out: Path, rel: str, level: int, in_pdf: set[str], site_url: str, svg_style: str = "") -> Chapter:
    """A page's main content from the built output, its ids prefixed by the page's anchor and its links
    pointing into the document (pages in it), to the site (other pages and files) or outside (as they were)."""
    text = (out / Urls.output_file(rel)).read_text(encoding="utf-8")
    match = MAIN_RE.search(text)
    body = match.group(1) if match else ""
    title = html_lib.unescape(TAG_RE.sub("", H1_RE.search(body).group(1))).strip() if H1_RE.search(body) else ""
    own = anchor(rel)
    body = ID_RE.sub(lambda m: m[1] + " ".join(anchor(rel, value) for value in m[2].split()) + '"', body)
    page_url = "/" + rel

    def link(m: re.Match) -> str:
        href = html_lib.unescape(m[2])
        if urlsplit(href).scheme or href.startswith("//"):
            return m[0]
        target = urlsplit(urljoin(page_url, href))
        path = target.path.lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        if path in in_pdf:
            return f'{m[1]}#{anchor(path, target.fragment) if target.fragment else anchor(path)}"'
        absolute = site_url + path + (f"#{target.fragment}" if target.fragment else "")
        return f'{m[1]}{html_lib.escape(absolute)}"'
    def source(m: re.Match) -> str:         # images: files of the built site, relative to its root
        href = html_lib.unescape(m[2])
        if urlsplit(href).scheme or href.startswith("//"):
            return m[0]
        return f'{m[1]}{html_lib.escape(urlsplit(urljoin(page_url, href)).path.lstrip("/"))}"'
    body = SRC_RE.sub(source, HREF_RE.sub(link, body))
    if svg_style:                              # WeasyPrint styles inline SVG only from a <style> inside it
        body = SVG_RE.sub(lambda m: f"{m[1]}<style>{svg_style}</style>", body)
    return Chapter(rel, level, title, f'<div class="page-body" id="{own}">{body}</div>')


def edition_date(site) -> dt.datetime:
    """The edition's date, from the sources (site.yaml's edition_date, else the conference's last day):
    never the build time, so two builds give the same bytes."""
    source, conf = site.source or {}, site.conference or {}
    for value in (site.raw.get("edition_date"), conf.get("end"), conf.get("start")):
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=value.tzinfo or dt.timezone.utc)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    year = source.get("year") or conf.get("year") or 1970
    return dt.datetime(int(year), 1, 1, tzinfo=dt.timezone.utc)


def local_files(out: Path):
    """A WeasyPrint URL fetcher that reads files of the built site and nothing else: no request leaves."""
    from urllib.parse import unquote

    from weasyprint.urls import URLFetcher

    root = out.resolve()

    class SiteFiles(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data" or (parts.scheme == "file" and Path(unquote(parts.path)).resolve().is_relative_to(root)):
                return super().fetch(url, headers)
            raise ValueError(f"the PDF edition loads only files of the site, not {url}")
    return SiteFiles(allowed_protocols=("file", "data"))


def write_pdfs(loaded, theme, pages, out: Path, paper: str = "a4", progress=None) -> list[str]:
    """Write each language's PDF edition into `out` (the built site); returns the files written."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:
        raise PdfError(f"the PDF edition needs WeasyPrint and Debian's Pango ({exc})\n"
                       "    hint: bash scripts/install-test-deps.sh installs both "
                       "(apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)") from None

    from ..core.workers import fork_map
    from ..model.problems import BuildFailed
    from ..theme.environment import TemplateProblem, render_template
    from .contexts import page_context

    content, urls, problems = loaded.content, loaded.urls, loaded.problems
    rels = {page.rel for page in pages}
    date = edition_date(content.site)
    svg_style = re.sub(r"/\*.*?\*/\s*", "", theme.assets["pdf-charts.css"][0].read_text(encoding="utf-8"), flags=re.S)
    documents = {}
    for lang in content.site.lang_codes:
        order = outline(content, lang, rels)
        in_pdf = {rel for rel, _ in order}
        chapters = [chapter(out, rel, level, in_pdf, urls.base_url, svg_style) for rel, level in order]
        home = next(page for page in pages if page.rel == Urls.home(lang))
        context = page_context(home, loaded, theme.assets)
        context.update({"chapters": chapters, "edition_label": Formatter(lang).date(date.date()),
                        "pdf_date": date.strftime("%Y-%m-%dT%H:%M:%SZ"), "paper": paper})
        try:
            documents[lang] = render_template(theme.env, "pdf.html", context, theme.template_dirs)
        except TemplateProblem as exc:
            problems.error(content.site.root / exc.path, exc.line, exc.message, exc.hint)
            raise BuildFailed(problems.errors) from None
    if progress is not None:
        progress.stage(f"typesetting the PDF editions ({', '.join(documents)})")

    def typeset(lang: str) -> str:
        """One language's document through WeasyPrint (the languages in parallel, one per core)."""
        fonts = FontConfiguration()
        stylesheets = [CSS(filename=str(theme.assets[name][0]), font_config=fonts)
                       for name in ("style.css", "print.css", "pdf.css")]
        stylesheets.append(CSS(string=f"@page {{ size: {PAPER_SIZES[paper]}; }}", font_config=fonts))
        rel = Urls.pdf_edition(lang)
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        HTML(string=documents[lang], base_url=out.as_uri() + "/", url_fetcher=local_files(out)).write_pdf(
            out / rel, stylesheets=stylesheets, font_config=fonts)
        return rel
    return fork_map(typeset, list(documents), min_items=2)
