"""Every page of the site: its URL, template and context. Nothing here renders."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.recording import Memo, recording, touches
from .recorded import RecordedBibliography, RecordedContent, RecordedResolved
from ..core.formatting import Formatter, fill, in_language, plural_key
from ..model.kinds import BY_FOLDER, PAPER_TYPES
from ..model.schema import URL_RE
from .downloads import FORMATS
from .stats_view import breakdown_view, history_view, key_numbers
from ..model.urls import Urls, anchor_id


@dataclass
class Page:
    rel: str                      # site-relative URL path, e.g. "en/papers/x/"
    template: str
    lang: str | None
    title: str
    context: dict = field(default_factory=dict)
    description: str = ""
    sitemap: bool = True
    deps_planned: frozenset = frozenset()  # what its group used while planned (core/recording.py)
    deps_rendered: frozenset = frozenset()  # what it used while rendered
    group: str = ""               # the planner call that makes it (PagePlanner.replan)

    @property
    def deps(self) -> frozenset:
        """Everything it used (two sets kept apart: a union per page would double their memory)."""
        return self.deps_planned | self.deps_rendered

    def touched_by(self, changed: set) -> bool:
        """Whether a rebuild after `changed` must make it again."""
        return touches(self.deps_planned, changed) or touches(self.deps_rendered, changed)


def pdf_url(url, rule) -> str | None:
    """The PDF's URL from the paper's page URL, by site.yaml's `pdf_from_url: [from, to]`."""
    if not url or not isinstance(rule, list) or len(rule) != 2 or str(rule[0]) not in url:
        return None
    pdf = url.replace(str(rule[0]), str(rule[1]))
    return pdf if URL_RE.match(pdf) else None      # the rule cannot turn a link into a script


class PagePlanner:
    """Decides the pages of one language from the content model."""

    def __init__(self, content, bibliography, resolved, urls: Urls, lang: str, memo: Memo | None = None):
        # the model is read through views that record what each page uses (recorded.py)
        self.content, self.bib = RecordedContent(content), RecordedBibliography(bibliography)
        self.resolved, self.urls, self.lang = RecordedResolved(resolved), urls, lang
        self.fmt = Formatter(lang)
        self.memo = memo if memo is not None else Memo()   # cards and groupings, kept by serve between rebuilds

    @property
    def strings(self):
        return self.content.strings(self.lang)

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
        """The card of a paper (one dict per paper, shared by every list; nothing changes it)."""
        return self.memo.get(("card", self.lang, paper.slug), lambda: self._paper_card(paper))

    def papers_by_track(self) -> dict:
        """track slug -> its papers in site order, grouped in one pass."""
        def group() -> dict:
            groups: dict = {}
            for paper in self.content.ordered("papers"):
                groups.setdefault(paper.track, []).append(paper)
            return groups
        return self.memo.get(("by-track",), group)

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
            "excerpt": body.excerpt(paper.version(self.lang).summary) if body else "",
        }

    def crumbs(self, *items) -> list[dict]:
        trail = [{"title": self.t("nav_home"), "href": self.urls.href(self.urls.home(self.lang))}]
        return trail + [{"title": title, "href": href} for title, href in items]

    # -- the pages -------------------------------------------------------------------------
    GROUPS = ("home", "sections", "tracks", "papers", "paper:*", "talks", "bibliography", "statistics",
              "corrections", "translations", "search")

    def group_names(self) -> list[str]:
        """Every group of pages, in site order ("paper:<slug>" for each paper)."""
        papers = self.content.ordered("papers")
        return [name for group in self.GROUPS
                for name in ([f"paper:{p.slug}" for p in papers] if group == "paper:*" else [group])]

    def replan(self, groups) -> list[Page]:
        """The pages of these groups (names as group_names gives them), in that order. Each page's deps
        are what its group read of the model while it was planned."""
        pages = []
        for name in groups:
            with recording() as used:
                if name.startswith("paper:"):
                    paper = self.content.entries["papers"].get(name[len("paper:"):])
                    made = [self.paper_page(paper)] if paper is not None else []
                else:
                    found = getattr(self, name)()
                    made = found if isinstance(found, list) else [found]
            planned = frozenset(used)
            for page in made:
                page.group, page.deps_planned = name, planned
            pages += made
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
                    context, site.description.get(self.lang, ""))

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
                              link["title"], context, link["summary"] or body.text))
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
                     self.t("tracks_intro", covered=len(links), total=len(all_tracks) or len(links)))
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
                              context, body.text or link["title"]))
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
                       "breadcrumbs": self.crumbs()}, self.t("papers_intro", count=len(cards)))]
        for kind in PAPER_TYPES:
            if counts[kind]:
                pages.append(Page(self.urls.papers_of_type(kind, self.lang), "papers.html", self.lang,
                                  f"{self.t('nav_papers')}: {self.t('type_' + kind)}",
                                  {"papers": [c for c in cards if c["type"] == kind], "filters": filters, "active": kind,
                                   "tracks": self.track_links(), "breadcrumbs": self.crumbs(crumb)},
                                  self.t("papers_intro", count=counts[kind])))
        return pages

    def paper_page(self, paper) -> Page:
        card = self.paper_card(paper)
        crumb = (self.t("nav_papers"), self.urls.href(self.urls.page("papers", self.lang)))
        key = paper.bib
        reference = None
        if key and key in self.bib:
            reference = {"key": key, "html": self.bib.formatted(self.lang)[key], "bibtex": self.bib.bibtex(key),
                         "fields": self.bib.entries[key].fields,
                         "downloads": {ext: self.urls.href(self.urls.citation(paper.slug, ext)) for ext in FORMATS}}
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
        body = self.body(paper)
        context = {"paper": dict(card, summary=body.html), "reference": reference, "breadcrumbs": self.crumbs(*trail),
                   "toc": body.toc, "jsonld": jsonld}
        return Page(self.urls.entry("papers", paper.slug, self.lang), "paper.html", self.lang, card["title"], context,
                    body.description)

    def talks(self) -> list[Page]:
        links = self.talk_links()
        index = Page(self.urls.page("talks", self.lang), "talks.html", self.lang, self.t("nav_talks"),
                     {"talks": links, "breadcrumbs": self.crumbs()}, self.t("talks_intro", count=len(links)))
        crumb = (self.t("nav_talks"), self.urls.href(index.rel))
        pages = [index]
        for i, link in enumerate(links):
            talk = self.content.entries["talks"][link["slug"]]
            body = self.body(talk)
            context = {"talk": link, "body": body.html, "breadcrumbs": self.crumbs(crumb), "url": talk.url,
                       **neighbours(links, i)}
            pages.append(Page(self.urls.entry("talks", talk.slug, self.lang), "talk.html", self.lang, link["title"],
                              context, body.text or link["title"]))
        return pages

    def bibliography(self) -> Page:
        formatted = self.bib.formatted(self.lang)
        entries = []
        for key, html in formatted.items():
            places = []
            for kind, slug in self.resolved.citations.get(key, []):
                entry = self.content.entries[kind][slug]
                places.append({"title": self.title(entry), "href": self.href(entry), "kind": self.t("kind_" + BY_FOLDER[kind].name)})
            entries.append({"key": key, "anchor": anchor_id(key), "html": html, "url": self.bib.url(key),
                            "bibtex": self.bib.bibtex(key), "cited_by": places})
        return Page(self.urls.page("bibliography", self.lang), "bibliography.html", self.lang, self.t("nav_bibliography"),
                    {"entries": entries, "breadcrumbs": self.crumbs()}, self.t("bibliography_intro", count=len(entries)))

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
        items = []
        for item in self.content.corrections:
            pages = []
            for ref in item.get("pages", []):
                kind, _, slug = str(ref).partition("/")
                entry = self.content.entries.get(kind, {}).get(slug)
                if entry:
                    pages.append({"title": self.title(entry), "href": self.href(entry)})
            items.append({"id": item["id"], "kind": self.t("correction_" + str(item.get("kind", "fact"))),
                          "reported": str(in_language(item.get("reported"), self.lang)),
                          "correct": str(in_language(item.get("correct"), self.lang)),
                          "evidence": str(in_language(item.get("evidence"), self.lang)), "pages": pages})
        return Page(self.urls.page("corrections", self.lang), "corrections.html", self.lang, self.t("nav_corrections"),
                    {"items": items, "breadcrumbs": self.crumbs()}, self.t("corrections_intro", count=len(items)))

    def translations(self) -> Page:
        from .translation_status import status_rows
        rows, totals = status_rows(self.content)
        return Page(self.urls.page("translations", self.lang), "translations.html", self.lang, self.t("translations_title"),
                    {"rows": rows, "totals": totals, "codes": self.content.site.lang_codes, "breadcrumbs": self.crumbs()},
                    self.t("translations_title"), sitemap=False)


def neighbours(items: list, i: int) -> dict:
    """The previous and next of items[i] (None at either end), for a page's prev/next links."""
    return {"prev": items[i - 1] if i > 0 else None, "next": items[i + 1] if i + 1 < len(items) else None}
