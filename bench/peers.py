"""The synthetic conference of bench/synth.py converted to the formats of other generators.

Each writer produces a site that an ordinary user of that tool would write for the same conference:
per language one page per paper, section, talk and track, a list of all papers, lists by track and by
presentation type, and a bibliography page. None of these tools reads BibTeX or `[@key]` citations, so
citations become links with author-year text into the bibliography page and references are written
out pre-formatted; internal `paper:slug` links become each tool's own kind of link; `!!! editor` notes
become block quotes.

    write_hugo(conf, root)     -> root/ (config.toml, content/<lang>/..., layouts/)     build: hugo
    write_pelican(conf, root)  -> root/ (pelicanconf.py, content/...)                   build: pelican
    write_mkdocs(conf, root)   -> root/ (mkdocs.yml, docs/<lang>/...)                   build: mkdocs build
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from synth import LANGS, YEAR, Conference

KEY = r"[A-Za-z0-9_][A-Za-z0-9_:.\-/]*[A-Za-z0-9_]|[A-Za-z0-9_]"
GROUP_RE = re.compile(r"\[((?:[^\[\]@]|@(?:%s))*@(?:%s)(?:[^\[\]@]|@(?:%s))*)\](?!\()" % (KEY, KEY, KEY))
NARRATIVE_RE = re.compile(r"(?<![A-Za-z0-9_@.\[])@(%s)" % KEY)
ITEM_RE = re.compile(r"^\s*(?P<prefix>[^@]*?)\s*@(?P<key>%s)\s*(?:,\s*(?P<locator>.*?))?\s*$" % KEY)
LINK_RE = re.compile(r"\]\((paper|track|section|talk):([a-z0-9-]+)\)")
NOTE_RE = re.compile(r"^!!! editor\n((?:    .*\n?)+)", re.MULTILINE)
NOTE_TITLE = {"zh": "编者注", "en": "Editor's note"}
TYPE_LABEL = {"zh": {"oral": "口头报告", "spotlight": "焦点报告", "poster": "海报"},
              "en": {"oral": "Oral", "spotlight": "Spotlight", "poster": "Poster"}}
KIND_DIRS = {"paper": "papers", "track": "tracks", "section": "sections", "talk": "talks"}


def names(persons, lang) -> str:
    two, many = (" 和 ", " 等") if lang == "zh" else (" and ", " et al.")
    lasts = [last for last, _ in persons]
    return lasts[0] if len(lasts) == 1 else lasts[0] + two + lasts[1] if len(lasts) == 2 else lasts[0] + many


def reference_text(fields, persons, lang) -> str:
    """A pre-formatted reference, as a user of a tool without BibTeX support would paste it."""
    title = fields["title"].replace("{", "").replace("}", "")
    pages = fields["pages"].replace("--", "–")
    if lang == "zh":
        authors = ", ".join(f"{last.upper()} {first[0]}" for last, first in persons[:3]) + (", 等" if len(persons) > 3 else "")
        return f"{authors}. {fields['year']}. {title}[C]//{fields['booktitle']}: {pages}. <{fields['url']}>"
    authors = ", ".join(f"{last}, {first[0]}." for last, first in persons)
    return f"{authors} ({fields['year']}). {title}. In *{fields['booktitle']}* (pp. {pages}). <{fields['url']}>"


def convert_body(text: str, lang: str, labels: dict, link, bib_link) -> str:
    """Our Markdown -> plain Markdown: citations, internal links and editor's notes written out."""
    def group(m):
        parts = []
        for chunk in m.group(1).split(";"):
            item = ITEM_RE.match(chunk)
            if not item:
                return m.group(0)
            key = item["key"]
            label = f"{labels[key][lang]}, {YEAR}"
            parts.append((item["prefix"] + " " if item["prefix"] else "") + f"[{label}]({bib_link(key)})"
                         + (", " + item["locator"] if item["locator"] else ""))
        return "(" + "; ".join(parts) + ")"

    text = GROUP_RE.sub(group, text)
    text = NARRATIVE_RE.sub(lambda m: f"[{labels[m.group(1)][lang]} ({YEAR})]({bib_link(m.group(1))})"
                            if m.group(1) in labels else m.group(0), text)
    text = LINK_RE.sub(lambda m: "](" + link(KIND_DIRS[m.group(1)], m.group(2)) + ")", text)
    text = NOTE_RE.sub(lambda m: f"> **{NOTE_TITLE[lang]}** " + " ".join(line.strip() for line in m.group(1).splitlines()) + "\n",
                       text)
    return text


def _labels(conf: Conference) -> dict:
    return {key: {lang: names(persons, lang) for lang in LANGS} for key, _, persons in conf.bib}


def _yq(value) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entries(conf: Conference):
    """(kind dir, Entry-like, lang, title) for sections, talks and tracks."""
    for kind, entries in (("sections", conf.sections), ("talks", conf.talks), ("tracks", conf.tracks)):
        for entry in entries:
            for lang in LANGS:
                yield kind, entry, lang


def _fresh(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    return root


def _track_title(conf, slug, lang):
    return next(t.meta[lang]["title"] for t in conf.tracks if t.slug == slug)


# -- Hugo -------------------------------------------------------------------------------------------------
HUGO_BASEOF = """<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header>
  <a class="brand" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
  <nav class="lang-switch">{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
  <nav class="main-nav"><ul>{{ range .Site.Menus.main }}<li><a href="{{ .URL | relLangURL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
</header>
<div class="layout">
  <aside class="report-nav">{{ partialCached "report-nav.html" . .Language.Lang }}</aside>
  <main id="main">{{ block "main" . }}{{ end }}</main>
</div>
<footer><a href="{{ "bibliography/" | relLangURL }}">{{ i18n "bibliography" }}</a></footer>
</body>
</html>
"""
HUGO_NAV = """<ol>{{ with .Site.GetPage "/sections" }}{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ol>
"""
HUGO_SINGLE = """{{ define "main" }}
<article class="{{ .Section }}">
  <h1>{{ .Title }}</h1>
  {{ with .Params.authors }}<p class="paper-authors">{{ delimit . ", " }}</p>{{ end }}
  {{ with .Params.types }}<p class="paper-meta">{{ range . }}<span class="badge">{{ . }}</span>{{ end }}{{ with $.Params.tracks }}{{ range . }} <a href="{{ (printf "/tracks/%s/" .) | relLangURL }}">{{ . }}</a>{{ end }}{{ end }}</p>{{ end }}
  {{ if ge (len .TableOfContents) 40 }}<nav class="toc">{{ .TableOfContents }}</nav>{{ end }}
  <div class="prose">{{ .Content }}</div>
  {{ with .Params.reference }}<section class="cite-this"><h2>{{ i18n "cite" }}</h2><p>{{ . | markdownify }}</p>
  <details><summary>BibTeX</summary><pre><code>{{ $.Params.bibtex }}</code></pre></details></section>{{ end }}
</article>
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
<div class="card-list">
{{ range .Pages }}<article class="paper-card">
  <h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  {{ with .Params.authors }}<p class="paper-authors">{{ delimit . ", " }}</p>{{ end }}
  <p class="paper-excerpt">{{ .Summary | plainify | truncate 240 }}</p>
</article>
{{ end }}
</div>
{{ end }}
"""
HUGO_TERMS = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ end }}
"""
HUGO_HOME = """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<div class="prose">{{ .Content }}</div>
<ul>{{ range .Site.Taxonomies.tracks.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ end }}
"""


def write_hugo(conf: Conference, root: Path) -> Path:
    root = _fresh(root)
    labels = _labels(conf)
    site = {"zh": f"合成学习系统大会 {YEAR} 观察", "en": f"SCLS {YEAR}: A Synthetic Report"}
    config = [f'baseURL = "https://example.org/scls-{YEAR}/"', 'defaultContentLanguage = "zh"',
              "defaultContentLanguageInSubdir = true", 'title = "SCLS"', "",
              "[taxonomies]", '  track = "tracks"', '  type = "types"', "",
              "[markup.tableOfContents]", "  startLevel = 2", "  endLevel = 3", ""]
    for weight, lang in enumerate(LANGS, 1):
        config += [f"[languages.{lang}]", f'  contentDir = "content/{lang}"', f"  weight = {weight}",
                   f'  title = "{site[lang]}"', f'  languageName = "{"中文" if lang == "zh" else "English"}"',
                   f"  [languages.{lang}.params]", f'    description = "{site[lang]}"']
        for i, (name, url) in enumerate((("papers", "/papers/"), ("tracks", "/tracks/"), ("bibliography", "/bibliography/"))):
            config += [f"  [[languages.{lang}.menus.main]]", f'    name = "{name}"', f'    url = "{url}"', f"    weight = {i}"]
    (root / "config.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    layouts = root / "layouts"
    for rel, text in (("_default/baseof.html", HUGO_BASEOF), ("_default/single.html", HUGO_SINGLE),
                      ("_default/list.html", HUGO_LIST), ("_default/terms.html", HUGO_TERMS),
                      ("index.html", HUGO_HOME), ("partials/report-nav.html", HUGO_NAV)):
        (layouts / rel).parent.mkdir(parents=True, exist_ok=True)
        (layouts / rel).write_text(text, encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "style.css").write_text("body{font:16px/1.5 sans-serif}\n", encoding="utf-8")
    (root / "i18n").mkdir()
    (root / "i18n" / "zh.toml").write_text('bibliography = "参考文献"\ncite = "引用本文"\n', encoding="utf-8")
    (root / "i18n" / "en.toml").write_text('bibliography = "Bibliography"\ncite = "Cite this paper"\n', encoding="utf-8")

    for lang in LANGS:
        content = root / "content" / lang
        link = lambda kind, slug, lang=lang: f"/scls-{YEAR}/{lang}/{kind}/{slug}/"          # noqa: E731
        bib_link = lambda key, lang=lang: f"/scls-{YEAR}/{lang}/bibliography/#ref-{key}"   # noqa: E731
        (content / "papers").mkdir(parents=True)
        (content / "_index.md").write_text(f"---\ntitle: {_yq(site[lang])}\n---\n" + conf.sections[0].body[lang], encoding="utf-8")
        (content / "papers" / "_index.md").write_text(f"---\ntitle: {_yq('论文' if lang == 'zh' else 'Papers')}\n---\n",
                                                      encoding="utf-8")
        for paper, (key, fields, persons) in zip(conf.papers, conf.bib):
            front = ["---", f"title: {_yq(paper.title)}", "authors: [" + ", ".join(_yq(a) for a in paper.authors) + "]",
                     f"types: [{paper.type}]"]
            if paper.track:
                front.append(f"tracks: [{paper.track}]")
            if paper.order is not None:
                front.append(f"weight: {paper.order}")
            front += [f"reference: {_yq(reference_text(fields, persons, lang))}", f"bibtex: {_yq(key)}",
                      "---"]
            (content / "papers" / f"{paper.slug}.md").write_text(
                "\n".join(front) + "\n" + convert_body(paper.body[lang], lang, labels, link, bib_link), encoding="utf-8")
        for kind, entry, lg in _entries(conf):
            if lg != lang:
                continue
            folder = content / kind
            if not folder.exists():
                folder.mkdir()
                (folder / "_index.md").write_text(f"---\ntitle: {kind}\n---\n", encoding="utf-8")
            if kind == "tracks":   # the track's own term page carries its introduction
                term = content / "tracks" / entry.slug
                term.mkdir()
                (term / "_index.md").write_text(f"---\ntitle: {_yq(entry.meta[lang]['title'])}\n---\n"
                                                + convert_body(entry.body[lang], lang, labels, link, bib_link), encoding="utf-8")
                continue
            weight = entry.meta[lang].get("order", 0)
            (folder / f"{entry.slug}.md").write_text(
                f"---\ntitle: {_yq(entry.meta[lang]['title'])}\nweight: {weight}\n---\n"
                + convert_body(entry.body[lang], lang, labels, link, bib_link), encoding="utf-8")
        bib = [f"---\ntitle: {_yq('参考文献' if lang == 'zh' else 'Bibliography')}\n---\n"]
        for key, fields, persons in conf.bib:
            bib.append(f"1. <span id=\"ref-{key}\"></span>{reference_text(fields, persons, lang)}\n")
        (content / "bibliography.md").write_text("".join(bib), encoding="utf-8")
    # Goldmark drops raw HTML by default; the anchors above need it
    with open(root / "config.toml", "a", encoding="utf-8") as out:
        out.write("\n[markup.goldmark.renderer]\n  unsafe = true\n")
    return root


# -- Pelican ----------------------------------------------------------------------------------------------
PELICAN_CONF = """AUTHOR = "The Benchmark"
SITENAME = "SCLS {year}"
SITEURL = ""
PATH = "content"
ARTICLE_PATHS = ["papers"]
PAGE_PATHS = ["pages"]
TIMEZONE = "UTC"
DEFAULT_LANG = "zh"
DEFAULT_DATE = ({year}, 12, 1)
DEFAULT_PAGINATION = False
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
STATIC_PATHS = []
MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.extra": {{}},
        "markdown.extensions.toc": {{}},
        "markdown.extensions.smarty": {{}},
        "markdown.extensions.meta": {{}},
    }},
    "output_format": "html5",
}}
"""


def write_pelican(conf: Conference, root: Path) -> Path:
    root = _fresh(root)
    labels = _labels(conf)
    (root / "pelicanconf.py").write_text(PELICAN_CONF.format(year=YEAR), encoding="utf-8")
    papers, pages = root / "content" / "papers", root / "content" / "pages"
    papers.mkdir(parents=True)
    pages.mkdir(parents=True)
    for lang in LANGS:
        link = lambda kind, slug, lang=lang: f"{{filename}}/{'papers' if kind == 'papers' else 'pages'}/{slug}-{lang}.md"  # noqa: E731
        bib_link = lambda key, lang=lang: f"{{filename}}/pages/bibliography-{lang}.md#ref-{key}"                          # noqa: E731
        for paper, (key, fields, persons) in zip(conf.papers, conf.bib):
            category = _track_title(conf, paper.track, "en") if paper.track else "Posters"
            meta = [f"Title: {paper.title}", f"Slug: {paper.slug}", f"Lang: {lang}", f"Category: {category}",
                    f"Tags: {TYPE_LABEL['en'][paper.type]}", "Authors: " + "; ".join(paper.authors)]
            body = convert_body(paper.body[lang], lang, labels, link, bib_link)
            body += f"\n\n**{'引用本文' if lang == 'zh' else 'Cite this paper'}:** {reference_text(fields, persons, lang)}\n"
            (papers / f"{paper.slug}-{lang}.md").write_text("\n".join(meta) + "\n\n" + body, encoding="utf-8")
        for kind, entry, lg in _entries(conf):
            if lg != lang:
                continue
            meta = [f"Title: {entry.meta[lang]['title']}", f"Slug: {kind}-{entry.slug}", f"Lang: {lang}"]
            (pages / f"{entry.slug}-{lang}.md").write_text(
                "\n".join(meta) + "\n\n" + convert_body(entry.body[lang], lang, labels, link, bib_link), encoding="utf-8")
        bib = [f"Title: {'参考文献' if lang == 'zh' else 'Bibliography'}", "Slug: bibliography", f"Lang: {lang}", ""]
        bib += [f"1. <span id=\"ref-{key}\"></span>{reference_text(fields, persons, lang)}" for key, fields, persons in conf.bib]
        (pages / f"bibliography-{lang}.md").write_text("\n".join(bib) + "\n", encoding="utf-8")
    return root


# -- MkDocs -----------------------------------------------------------------------------------------------
def write_mkdocs(conf: Conference, root: Path) -> Path:
    root = _fresh(root)
    labels = _labels(conf)
    docs = root / "docs"
    nav = ["nav:", "  - Home: index.md"]
    (docs).mkdir()
    (docs / "index.md").write_text(f"# SCLS {YEAR}\n\n- [中文](zh/index.md)\n- [English](en/index.md)\n", encoding="utf-8")
    for lang in LANGS:
        base = docs / lang
        for kind in ("papers", "tracks", "sections", "talks", "types"):
            (base / kind).mkdir(parents=True)

        def link(kind, slug, here="papers", lang=lang):
            return f"{slug}.md" if kind == here else f"../{kind}/{slug}.md"

        bib_link = lambda key: f"../bibliography.md#ref-{key}"   # noqa: E731
        cards = {}
        for paper, (key, fields, persons) in zip(conf.papers, conf.bib):
            body = convert_body(paper.body[lang], lang, labels, link, bib_link)
            meta = f"*{TYPE_LABEL[lang][paper.type]}*" + (f" · [{_track_title(conf, paper.track, lang)}](../tracks/{paper.track}.md)"
                                                          if paper.track else "")
            (base / "papers" / f"{paper.slug}.md").write_text(
                f"# {paper.title}\n\n{', '.join(paper.authors)}\n\n{meta}\n\n{body}\n\n"
                f"## {'引用本文' if lang == 'zh' else 'Cite this paper'}\n\n{reference_text(fields, persons, lang)}\n",
                encoding="utf-8")
            excerpt = re.sub(r"[\[\]()*`@#]", "", paper.body[lang].split("\n", 1)[0])[:240]
            cards[paper.slug] = f"## [{paper.title}](../papers/{paper.slug}.md)\n\n{', '.join(paper.authors)}\n\n{excerpt}\n"
        title = "论文" if lang == "zh" else "Papers"
        (base / "papers" / "index.md").write_text(f"# {title}\n\n" + "\n".join(cards[p.slug] for p in conf.papers)
                                                  .replace("(../papers/", "("), encoding="utf-8")
        for kind in ("oral", "spotlight", "poster"):
            (base / "types" / f"{kind}.md").write_text(
                f"# {TYPE_LABEL[lang][kind]}\n\n" + "\n".join(cards[p.slug] for p in conf.papers if p.type == kind),
                encoding="utf-8")
        for kind, entry, lg in _entries(conf):
            if lg != lang:
                continue
            text = f"# {entry.meta[lang]['title']}\n\n" + convert_body(entry.body[lang], lang, labels,
                                                                       lambda k, s: link(k, s, kind), bib_link)
            if kind == "tracks":
                text += "\n\n" + "\n".join(cards[p.slug] for p in conf.papers if p.track == entry.slug)
            (base / kind / f"{entry.slug}.md").write_text(text, encoding="utf-8")
        (base / "index.md").write_text(f"# SCLS {YEAR}\n\n" + "\n".join(
            f"- [{t.meta[lang]['title']}](tracks/{t.slug}.md)" for t in conf.tracks) + "\n", encoding="utf-8")
        bib = [f"# {'参考文献' if lang == 'zh' else 'Bibliography'}\n"]
        bib += [f"1. <span id=\"ref-{key}\"></span>{reference_text(fields, persons, lang)}" for key, fields, persons in conf.bib]
        (base / "bibliography.md").write_text("\n".join(bib) + "\n", encoding="utf-8")
        name = "中文" if lang == "zh" else "English"
        nav += [f"  - {name}:", f"    - {lang}/index.md", f"    - {lang}/papers/index.md", f"    - {lang}/bibliography.md"]
        nav += [f"    - {lang}/sections/{s.slug}.md" for s in conf.sections]
    (root / "mkdocs.yml").write_text(f"""site_name: "SCLS {YEAR}"
site_url: "https://example.org/scls-{YEAR}/"
docs_dir: docs
site_dir: site
theme:
  name: mkdocs
plugins: []
markdown_extensions:
  - toc
  - tables
  - footnotes
  - smarty
validation:
  omitted_files: ignore
  absolute_links: ignore
  unrecognized_links: ignore
""" + "\n".join(nav) + "\n", encoding="utf-8")
    return root
