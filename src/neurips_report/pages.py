"""Every page of the site: its URL, template and context. Nothing here renders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from .formatting import WIDE, Formatter, fill, plural_key
from .model import in_order
from .schema import KIND_NAMES, URL_RE
from .stats_view import breakdown_view, history_view, key_numbers
from .urls import Urls, anchor_id

TAG_RE = re.compile(r"<[^>]+>")
# tags that separate words; every other tag (links, emphasis, math) is removed without a space
BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|blockquote|pre|section|figure|figcaption|hr)\b[^>]*>", re.IGNORECASE)
# Page dependencies (Page.deps), matched against what an edit changed (incremental.py):
#   (kind, slug)          anything of that entry (its body, front matter, any language)
#   (kind + ".view", slug) what other pages show of it: front matter, titles, excerpts, languages
#   (kind, "*")           the view of any entry of that kind, or the set of entries itself
#   ("track-members", t), ("bib", key), ("bib", "*"), ("citations", "*")
ALL_ENTRIES = frozenset({("sections", "*"), ("tracks", "*"), ("talks", "*"), ("papers", "*")})
PAPER_LISTING = frozenset({("papers", "*"), ("tracks", "*")})
LISTING_DEPS = {"talks": frozenset({("talks", "*")}), "tracks": frozenset({("tracks", "*"), ("papers", "*")}),
                "awards": PAPER_LISTING, "untracked": PAPER_LISTING}
PAPER_TYPES = ("oral", "spotlight", "poster")


@dataclass
class Page:
    rel: str                      # site-relative URL path, e.g. "en/papers/x/"
    template: str
    lang: str | None
    title: str
    context: dict = field(default_factory=dict)
    description: str = ""
    sitemap: bool = True
    deps: frozenset = frozenset()  # what this page shows, for incremental rebuilds (see incremental.py)
    group: str = ""               # the planner call that makes it (PagePlanner.replan)


def text_of(html: str, limit: int = 200) -> str:
    text = " ".join(unescape(TAG_RE.sub("", BLOCK_TAG_RE.sub(" ", html))).split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


EXCERPT_WORDS = 60
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")
WIDE_RE = re.compile(f"[{WIDE}]")              # a Chinese (or other wide) character


def excerpt_of(html: str, summary=None, words: int = EXCERPT_WORDS) -> str:
    """What a card shows of an entry: its `summary` front-matter field, else its first whole sentences
    up to about `words` words (two Chinese characters count as one word), cut with "…" if the first
    sentence alone is longer."""
    if isinstance(summary, str) and summary.strip():
        return " ".join(summary.split())
    text = text_of(html, limit=10**9)
    size = lambda part: len(part.split()) + len(WIDE_RE.findall(part)) / 2   # noqa: E731
    taken, total = [], 0.0
    for sentence in (part for part in SENTENCE_END_RE.split(text) if part):
        if taken and total + size(sentence) > words:
            break
        taken.append(sentence)
        total += size(sentence)
    joined = _join(taken)
    return joined if total <= words else _cut(joined, words)


def _join(sentences: list[str]) -> str:
    """Sentences joined by a space, but none after a wide (Chinese) character."""
    out = ""
    for sentence in sentences:
        out += ("" if not out or WIDE_RE.match(out[-1]) else " ") + sentence
    return out


def _cut(text: str, words: int) -> str:
    """The first `words` words of text (or 2 x words wide characters), then "…"."""
    out, count = [], 0.0
    for token in re.findall(f"[{WIDE}]|[^\\s{WIDE}]+|\\s+", text):
        if not token.isspace():
            count += 0.5 if WIDE_RE.fullmatch(token) else 1
        if count > words:
            break
        out.append(token)
    return "".join(out).rstrip() + "…"


def pdf_url(url, rule) -> str | None:
    """The PDF's URL from the paper's page URL, by site.yaml's `pdf_from_url: [from, to]`."""
    if not url or not isinstance(rule, list) or len(rule) != 2 or str(rule[0]) not in url:
        return None
    pdf = url.replace(str(rule[0]), str(rule[1]))
    return pdf if URL_RE.match(pdf) else None      # the rule cannot turn a link into a script


class PagePlanner:
    """Decides the pages of one language from the content model."""

    def __init__(self, content, bibliography, resolved, urls: Urls, lang: str, cards: dict | None = None):
        self.content, self.bib, self.resolved, self.urls, self.lang = content, bibliography, resolved, urls, lang
        self.strings = content.site.language(lang).strings
        self.fmt = Formatter(lang)
        self._cards = dict(cards or {})     # slug -> card, e.g. an earlier planner's for unchanged papers

    # -- helpers -------------------------------------------------------------------------
    def t(self, key: str, **kwargs) -> str:
        if "count" in kwargs:                  # paper_count_one for 1 in English, ... (Babel plural rules)
            key = plural_key(self.strings, key, kwargs["count"], self.lang)
        text = self.strings.get(key, key)
        return fill(text, **kwargs) if kwargs else text

    def title(self, entry) -> str:
        return entry.title(self.lang)

    def href(self, entry) -> str:
        return self.urls.href(self.urls.entry(entry.kind, entry.slug, self.lang))

    def body(self, entry):
        return self.resolved.bodies.get((entry.kind, entry.slug, self.lang))

    def paper_card(self, paper) -> dict:
        """The card of a paper (one dict per paper and planner: lists share it; nothing changes it)."""
        cards = self._cards
        if paper.slug not in cards:
            cards[paper.slug] = self._paper_card(paper)
        return cards[paper.slug]

    def papers_by_track(self) -> dict:
        """track slug -> its papers in site order, grouped in one pass."""
        if "_by_track" not in self.__dict__:
            groups: dict = {}
            for paper in self.content.ordered("papers"):
                groups.setdefault(paper.track, []).append(paper)
            self._by_track = groups
        return self._by_track

    def _paper_card(self, paper) -> dict:
        track = self.content.entries["tracks"].get(paper.track or "")
        key = paper.bib
        body = self.body(paper)
        return {
            "slug": paper.slug, "title": self.title(paper), "href": self.href(paper),
            "authors": list(paper.authors), "type": paper.type,
            "type_label": self.t("type_" + (paper.type or "poster")),
            "award": paper.award,
            "track": {"title": self.title(track), "href": self.href(track), "number": track.number} if track else None,
            "url": paper.url,
            "pdf": pdf_url(paper.url, self.content.site.raw.get("pdf_from_url")),
            "bib_href": self.urls.href(self.urls.bib_entry(key, self.lang)) if key and key in self.bib else None,
            "summary": body.html if body else "",
            "excerpt": excerpt_of(body.html if body else "", paper.version(self.lang).summary),
            "description": text_of(body.html, 240) if body else "",
        }

    def crumbs(self, *items) -> list[dict]:
        trail = [{"title": self.t("nav_home"), "href": self.urls.href(self.urls.home(self.lang))}]
        return trail + [{"title": title, "href": href} for title, href in items]

    # -- the pages -------------------------------------------------------------------------
    GROUPS = ("home", "sections", "tracks", "papers", "paper:*", "talks", "bibliography", "statistics",
              "corrections", "translations", "search")

    def plan(self) -> list[Page]:
        return self.replan(self.GROUPS)

    def replan(self, groups) -> list[Page]:
        """The pages of these groups, in site order: a method's name, or "paper:<slug>" ("paper:*": all)."""
        wanted, pages = set(groups), []
        for group in self.GROUPS:
            if group == "paper:*":
                entries = self.content.entries.get("papers", {})
                papers = in_order(entries.values() if "paper:*" in wanted else
                                  [entries[g[6:]] for g in wanted if g.startswith("paper:") and g[6:] in entries])
                crumb = (self.t("nav_papers"), self.urls.href(self.urls.page("papers", self.lang))) if papers else None
                made = [(f"paper:{p.slug}", [self.paper_page(p, crumb)]) for p in papers]
            elif group in wanted:
                found = getattr(self, group)()
                made = [(group, found if isinstance(found, list) else [found])]
            else:
                continue
            for name, group_pages in made:
                for page in group_pages:
                    page.group = name
                pages += group_pages
        return pages

    def search(self) -> Page:
        return Page(self.urls.page("search", self.lang), "search.html", self.lang, self.t("search_title"),
                    {"breadcrumbs": self.crumbs()}, self.t("search_title"), sitemap=False)

    def home(self) -> Page:
        site, stats = self.content.site, self.content.statistics
        conf = site.conference
        ordered = self.content.ordered("sections")
        abstract = ordered[0] if ordered else None
        awards = [self.paper_card(p) for p in self.content.ordered("papers") if p.award]
        context = {
            "key_numbers": key_numbers(stats, conf.get("year"), self.lang, self.strings),
            "intro": self.body(abstract).html if abstract else "",
            "sections": self.section_links(),
            "tracks": self.track_links(),
            "talks": self.talk_links(),
            "awards": awards,
            "dates": (self.fmt.date(conf.get("start")), self.fmt.date(conf.get("end"))) if conf.get("start") else None,
        }
        return Page(self.urls.home(self.lang), "home.html", self.lang, site.title.get(self.lang, ""),
                    context, site.description.get(self.lang, ""),
                    deps=ALL_ENTRIES | ({("sections", abstract.slug)} if abstract else set()))

    def section_links(self) -> list[dict]:
        return [{"slug": s.slug, "title": self.title(s), "href": self.href(s), "summary": s.version(self.lang).summary}
                for s in self.content.ordered("sections")]

    def track_links(self) -> list[dict]:
        by_track = self.papers_by_track()
        return [{"slug": t.slug, "title": self.title(t), "href": self.href(t), "number": t.number,
                 "count": len(by_track.get(t.slug, ()))} for t in self.content.ordered("tracks")]

    def talk_links(self) -> list[dict]:
        return [{"slug": t.slug, "title": self.title(t), "href": self.href(t), "speaker": t.speaker,
                 "affiliation": t.version(self.lang).affiliation, "described": t.described}
                for t in self.content.ordered("talks")]

    def sections(self) -> list[Page]:
        links = self.section_links()
        pages = []
        stats = self.content.statistics
        for i, link in enumerate(links):
            entry = self.content.entries["sections"][link["slug"]]
            body = self.body(entry)
            charts = []
            for cid in entry.charts:
                if cid == "history" and stats:
                    view = history_view(stats, self.lang, self.strings)
                    if view:
                        charts.append(dict(view, kind="history", id="history"))
                elif stats and stats.breakdown(cid):
                    charts.append(dict(breakdown_view(stats, stats.breakdown(cid), self.lang, self.strings), kind="breakdown"))
            context = {
                "body": body.html, "toc": body.toc, "charts": charts,
                **neighbours(links, i), "breadcrumbs": self.crumbs(), "listing": self.section_listing(entry),
            }
            pages.append(Page(self.urls.entry("sections", entry.slug, self.lang), "section.html", self.lang,
                              link["title"], context, link["summary"] or text_of(body.html),
                              deps=frozenset({("sections", entry.slug)}) | LISTING_DEPS.get(entry.lists, frozenset())))
        return pages

    def section_listing(self, entry) -> dict | None:
        """What a section lists after its text (lists: talks | tracks | awards | papers)."""
        kind = entry.lists
        if kind == "talks":
            return {"kind": "talks", "entries": self.talk_links()}
        if kind == "tracks":
            return {"kind": "tracks", "entries": self.track_links()}
        if kind in ("awards", "untracked"):
            papers = [p for p in self.content.ordered("papers")
                      if (p.award if kind == "awards" else not p.track and not p.award)]
            return {"kind": "papers", "entries": [self.paper_card(p) for p in papers]}
        return None

    def tracks(self) -> list[Page]:
        links = self.track_links()
        covered = {t["slug"]: t for t in links}
        all_tracks = [{"name": item["name"], "session": item.get("session"), "number": item.get("number"),
                       "covered": covered.get(item.get("track"))} for item in self.content.oral_tracks]
        index = Page(self.urls.page("tracks", self.lang), "tracks.html", self.lang, self.t("nav_tracks"),
                     {"tracks": links, "all_tracks": all_tracks, "breadcrumbs": self.crumbs()},
                     self.t("tracks_intro", covered=len(links), total=len(all_tracks) or len(links)),
                     deps=frozenset({("tracks", "*"), ("papers", "*")}))
        pages = [index]
        crumb = (self.t("nav_tracks"), self.urls.href(index.rel))
        by_track = self.papers_by_track()
        for i, link in enumerate(links):
            track = self.content.entries["tracks"][link["slug"]]
            body = self.body(track)
            cards = [self.paper_card(p) for p in by_track.get(track.slug, ())]
            context = {"body": body.html, "track": link, "papers": cards, "breadcrumbs": self.crumbs(crumb),
                       **neighbours(links, i)}
            pages.append(Page(self.urls.entry("tracks", track.slug, self.lang), "track.html", self.lang, link["title"],
                              context, text_of(body.html) or link["title"],
                              deps=frozenset({("tracks", "*"), ("tracks", track.slug), ("track-members", track.slug)}
                                             | {("papers", p["slug"]) for p in cards})))
        return pages

    def papers(self) -> list[Page]:
        """The listings of papers (all, and one per type); each paper's own page is paper_page."""
        cards = sorted((self.paper_card(p) for p in self.content.ordered("papers")),
                       key=lambda c: c["title"].casefold())
        counts = {kind: sum(1 for c in cards if c["type"] == kind) for kind in PAPER_TYPES}
        filters = [{"kind": None, "label": self.t("filter_all"), "count": len(cards),
                    "href": self.urls.href(self.urls.page("papers", self.lang))}]
        filters += [{"kind": k, "label": self.t("type_" + k), "count": counts[k],
                     "href": self.urls.href(self.urls.papers_of_type(k, self.lang))} for k in PAPER_TYPES if counts[k]]
        crumb = (self.t("nav_papers"), self.urls.href(self.urls.page("papers", self.lang)))
        pages = [Page(self.urls.page("papers", self.lang), "papers.html", self.lang, self.t("nav_papers"),
                      {"papers": cards, "filters": filters, "active": None, "tracks": self.track_links(),
                       "breadcrumbs": self.crumbs()}, self.t("papers_intro", count=len(cards)), deps=PAPER_LISTING)]
        for kind in PAPER_TYPES:
            if counts[kind]:
                pages.append(Page(self.urls.papers_of_type(kind, self.lang), "papers.html", self.lang,
                                  f"{self.t('nav_papers')}: {self.t('type_' + kind)}",
                                  {"papers": [c for c in cards if c["type"] == kind], "filters": filters, "active": kind,
                                   "tracks": self.track_links(), "breadcrumbs": self.crumbs(crumb)},
                                  self.t("papers_intro", count=counts[kind]), deps=PAPER_LISTING))
        return pages

    def paper_page(self, paper, crumb) -> Page:
        card = self.paper_card(paper)
        key = paper.bib
        reference = None
        if key and key in self.bib:
            reference = {"key": key, "html": self.bib.formatted(self.lang)[key], "bibtex": self.bib.bibtex(key),
                         "fields": self.bib.entries[key].fields}
        trail = [crumb]
        if card["track"]:
            trail = [(self.t("nav_tracks"), self.urls.href(self.urls.page("tracks", self.lang))),
                     (card["track"]["title"], card["track"]["href"])]
        conf = self.content.site.conference
        jsonld = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": card["title"],
                  "name": card["title"], "author": [{"@type": "Person", "name": a} for a in card["authors"]],
                  "datePublished": str(conf.get("year", "")), "inLanguage": "en",
                  "isPartOf": {"@type": "Event", "name": conf.get("short", "")}}
        if card["url"]:
            jsonld["url"] = card["url"]
        context = {"paper": card, "reference": reference, "breadcrumbs": self.crumbs(*trail),
                   "toc": self.body(paper).toc, "jsonld": jsonld}
        return Page(self.urls.entry("papers", paper.slug, self.lang), "paper.html", self.lang, card["title"], context,
                    card["description"], deps=frozenset({("papers", paper.slug), ("tracks.view", paper.track),
                                                     ("bib", key)}))

    def talks(self) -> list[Page]:
        links = self.talk_links()
        index = Page(self.urls.page("talks", self.lang), "talks.html", self.lang, self.t("nav_talks"),
                     {"talks": links, "breadcrumbs": self.crumbs()}, self.t("talks_intro", count=len(links)),
                     deps=frozenset({("talks", "*")}))
        crumb = (self.t("nav_talks"), self.urls.href(index.rel))
        pages = [index]
        for i, link in enumerate(links):
            talk = self.content.entries["talks"][link["slug"]]
            body = self.body(talk)
            context = {"talk": link, "body": body.html, "breadcrumbs": self.crumbs(crumb), "url": talk.url,
                       **neighbours(links, i)}
            pages.append(Page(self.urls.entry("talks", talk.slug, self.lang), "talk.html", self.lang, link["title"],
                              context, text_of(body.html) or link["title"],
                              deps=frozenset({("talks", "*"), ("talks", talk.slug)})))
        return pages

    def bibliography(self) -> Page:
        formatted = self.bib.formatted(self.lang)
        entries, deps = [], {("bib", "*"), ("citations", "*")}
        for key, html in formatted.items():
            places = []
            for kind, slug in self.resolved.citations.get(key, []):
                entry = self.content.entries[kind][slug]
                places.append({"title": self.title(entry), "href": self.href(entry), "kind": self.t("kind_" + KIND_NAMES[kind])})
                deps.add((kind + ".view", slug))
            entries.append({"key": key, "anchor": anchor_id(key), "html": html, "url": self.bib.url(key),
                            "bibtex": self.bib.bibtex(key), "cited_by": places})
        return Page(self.urls.page("bibliography", self.lang), "bibliography.html", self.lang, self.t("nav_bibliography"),
                    {"entries": entries, "breadcrumbs": self.crumbs()}, self.t("bibliography_intro", count=len(entries)),
                    deps=frozenset(deps))

    def statistics(self) -> Page:
        stats = self.content.statistics
        charts = []
        if stats:
            view = history_view(stats, self.lang, self.strings)
            if view:
                charts.append(dict(view, kind="history", id="history"))
            charts += [dict(breakdown_view(stats, bd, self.lang, self.strings), kind="breakdown") for bd in stats.breakdowns]
        return Page(self.urls.page("statistics", self.lang), "statistics.html", self.lang, self.t("nav_statistics"),
                    {"charts": charts, "stats_source": stats.source.get(self.lang, "") if stats else "", "breadcrumbs": self.crumbs()},
                    self.t("statistics_intro"))

    def corrections(self) -> Page:
        items, deps = [], set()
        for item in self.content.corrections:
            pages = []
            for ref in item.get("pages", []):
                kind, _, slug = str(ref).partition("/")
                entry = self.content.entries.get(kind, {}).get(slug)
                if entry:
                    pages.append({"title": self.title(entry), "href": self.href(entry)})
                    deps.add((kind + ".view", slug))
            items.append({"id": item["id"], "kind": self.t("correction_" + str(item.get("kind", "fact"))),
                          "reported": _localized(item.get("reported"), self.lang),
                          "correct": _localized(item.get("correct"), self.lang),
                          "evidence": _localized(item.get("evidence"), self.lang), "pages": pages})
        return Page(self.urls.page("corrections", self.lang), "corrections.html", self.lang, self.t("nav_corrections"),
                    {"items": items, "breadcrumbs": self.crumbs()}, self.t("corrections_intro", count=len(items)),
                    deps=frozenset(deps))

    def translations(self) -> Page:
        from .translation_status import status_rows
        rows, totals = status_rows(self.content)
        return Page(self.urls.page("translations", self.lang), "translations.html", self.lang, self.t("translations_title"),
                    {"rows": rows, "totals": totals, "codes": self.content.site.lang_codes, "breadcrumbs": self.crumbs()},
                    self.t("translations_title"), sitemap=False, deps=ALL_ENTRIES)


def neighbours(items: list, i: int) -> dict:
    """The previous and next of items[i] (None at either end), for a page's prev/next links."""
    return {"prev": items[i - 1] if i > 0 else None, "next": items[i + 1] if i + 1 < len(items) else None}


def _localized(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or next(iter(value.values()), ""))
    return "" if value is None else str(value)
