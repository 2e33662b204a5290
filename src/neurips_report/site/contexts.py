"""Pages outside the language trees (language choice, 404, sitemap, robots, feeds) and
the context every template receives."""

from __future__ import annotations

import datetime as dt

from .credit import credit_reference
from ..core.recording import record, recording
from .recorded import RecordedContent
from ..core.formatting import in_language, plural_key
from .downloads import FORMATS
from .pdf import download_name
from .pages import Page


GLOBAL_GROUPS = ("global:language-choice", "global:404", "global:sitemap", "global:robots")


def global_groups(site) -> list[str]:
    return list(GLOBAL_GROUPS) + [f"global:feed:{lang}" for lang in site.lang_codes]


def global_pages(loaded, pages: list[Page], only=None) -> list[Page]:
    """The pages outside the language trees, made from the others (`only`: just these groups, Page.group);
    each records what it used, as the planner's pages do."""
    site = loaded.content.site
    codes = site.lang_codes

    def not_found() -> Page:
        for lg in site.languages:
            record(("i18n", lg.code))
        return Page("404.html", "404.html", None, "404", {"messages": [
            {"code": lg.code, "text": lg.strings.get("not_found", ""), "title": site.title.get(lg.code, ""),
             "heading": lg.strings.get("not_found_title", ""),
             "href": loaded.urls.href(loaded.urls.home(lg.code))} for lg in site.languages],
            "absolute_urls": True}, sitemap=False)

    makers = {
        "global:language-choice": lambda: Page("", "language-choice.html", None, site.title.get(codes[0], ""), {},
                                               site.description.get(codes[0], "")),
        "global:404": not_found,
        "global:sitemap": lambda: Page("sitemap.xml", "sitemap.xml", None, "sitemap",
                                       {"entries": _sitemap(loaded, pages)}, sitemap=False),
        "global:robots": lambda: Page("robots.txt", "robots.txt", None, "robots", {}, sitemap=False),
    }
    for lang in codes:
        makers[f"global:feed:{lang}"] = lambda lang=lang: _feed(site, lang, pages)
    result = []
    for group in global_groups(site):
        if only is None or group in only:
            with recording() as used:
                page = makers[group]()
            page.group, page.deps_planned = group, frozenset(used)
            result.append(page)
    return result


def page_summary(page: Page) -> tuple:
    """What the pages made from other pages (feeds, sitemap) show of one: the token ("pages", lang)."""
    return page.rel, page.template, page.title, page.description, page.sitemap


def _feed(site, lang: str, pages: list[Page]) -> Page:
    record(("pages", lang))
    papers = [p for p in pages if p.lang == lang and p.template == "paper.html"]
    sections = [p for p in pages if p.lang == lang and p.template == "section.html"]
    return Page(f"{lang}/feed.xml", "feed.xml", lang, site.title.get(lang, ""), {"items": sections + papers},
                sitemap=False)


def _sitemap(loaded, pages) -> list[dict]:
    urls, codes = loaded.urls, loaded.content.site.lang_codes
    for code in codes:
        record(("pages", code))
    entries = []
    for page in pages:
        if not page.sitemap or page.lang is None:
            continue
        alternates = {code: urls.absolute(_swap_lang(page.rel, page.lang, code)) for code in codes}
        entries.append({"loc": urls.absolute(page.rel), "alternates": alternates})
    return entries


def _swap_lang(rel: str, lang: str, other: str) -> str:
    return other + rel[len(lang):] if rel.startswith(lang + "/") else rel


def page_context(page: Page, loaded, assets: dict) -> dict:
    """The template context of a page: its own, and what every page of its language shares."""
    site, urls = loaded.content.site, loaded.urls
    lang = page.lang or site.lang_codes[0]
    key = ("language-context", lang, tuple(sorted((name, target) for name, (_, target) in assets.items())))
    shared = loaded.memo.get(key, lambda: _language_context(loaded, assets, lang))
    alternates = []
    if page.lang:
        for language in site.languages:
            rel = _swap_lang(page.rel, page.lang, language.code)
            alternates.append({"code": language.code, "name": language.name, "href": urls.href(rel),
                               "url": urls.absolute(rel), "current": language.code == page.lang})
    nav = [dict(item, current=page.rel == rel) for rel, item in shared["_nav"]]
    sections = [dict(item, current=page.rel == rel) for rel, item in shared["_sections"]]
    context = dict(page.context)
    context.update(shared["_fixed"])
    context.update({"page": page, "alternates": alternates, "nav": nav, "report_nav": sections,
                    "canonical": urls.absolute(page.rel),
                    # which menu item is this page ("" for none): a key for {% cache %} (fragments.py)
                    "current_nav": next((item["href"] for item in nav if item["current"]), ""),
                    "current_section": next((item["href"] for item in sections if item["current"]), "")})
    return context


def _language_context(loaded, assets: dict, lang: str) -> dict:
    """What every page of one language shares (made once per build and worker: see page_context)."""
    site, urls = loaded.content.site, loaded.urls
    content = RecordedContent(loaded.content)
    strings = content.strings(lang)
    sections = []
    for section in content.ordered("sections"):
        rel = urls.entry("sections", section.slug, lang)
        sections.append((rel, {"title": section.title(lang), "href": urls.href(rel)}))
    nav = [(urls.page(name, lang), {"title": strings.get("nav_" + name, name), "href": urls.href(urls.page(name, lang))})
           for name in ("home", "tracks", "papers", "talks", "statistics", "bibliography")]
    conf = site.conference
    fixed = {
        "lang": lang, "t": strings, "site": site, "conf": conf, "source": site.source,
        "languages": [{"code": lg.code, "name": lg.name, "href": urls.href(urls.home(lg.code)),
                       "hreflang": lg.code} for lg in site.languages],
        "base_url": urls.base_url, "base_path": urls.base_path,
        "href": urls.href, "asset": lambda name: record(("static", name)) or urls.href(assets[name][1]),
        "loc": lambda value: in_language(value, lang),
        "home_href": urls.href(urls.home(lang)), "search_href": urls.href(urls.page("search", lang)),
        "feed_href": urls.href(f"{lang}/feed.xml"), "bib_download": urls.href(urls.bibliography_file("bib")),
        "bib_downloads": {ext: urls.href(urls.bibliography_file(ext)) for ext in FORMATS},
        "credit_reference": lambda src, strings: credit_reference(src, strings, lang),
        # plural('paper_count', 1) -> the string for one paper, by the language's plural rules
        "plural": lambda key, count: strings[plural_key(strings, key, count, lang)],
        "default_lang": site.lang_codes[0], "updated": _updated(conf),
        # the PDF edition, when this build writes it (build --pdf)
        "pdf_href": urls.href(urls.pdf_edition(lang)) if loaded.pdf else None,
        "pdf_name": download_name(site, lang),
    }
    return {"_nav": nav, "_sections": sections, "_fixed": fixed}


def _updated(conf) -> str:
    """A fixed feed date from content (the conference's end), never the build time."""
    end = conf.get("end") or conf.get("start")
    if isinstance(end, dt.date):
        return dt.datetime(end.year, end.month, end.day, tzinfo=dt.timezone.utc).isoformat()
    return f"{conf.get('year', 1970)}-01-01T00:00:00+00:00"
