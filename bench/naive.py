#!/usr/bin/env python3
"""The naive baseline: the obvious script anyone would write for the same content folder.

    python bench/naive.py SITE OUT

One page at a time: read the file, split the front matter, PyYAML's C loader, ONE reused Python-Markdown
instance (reset() per page) with the same stock extensions as the project (abbr, admonition, def_list,
footnotes, tables, sane_lists, smarty, toc), one Jinja2 template, write the page. Then, per language, a
list of all papers, one list per track and per presentation type, and a bibliography page listing the
raw entries. No checks, no citation or link resolution, no BibTeX formatting, no sanitising: it does
less than the project's build, which is the point of comparing against it.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

PAGE = jinja2.Template("""<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ site }}</title>
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ base }}{{ rel }}">
{% for code in langs %}<link rel="alternate" hreflang="{{ code }}" href="{{ base }}{{ code }}{{ rel[lang|length:] }}">
{% endfor %}<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/{{ lang }}/">{{ site }}</a>
<nav>{% for code in langs %}<a href="/{{ code }}{{ rel[lang|length:] }}">{{ code }}</a> {% endfor %}</nav></header>
<main>
<h1>{{ title }}</h1>
{% if meta.authors %}<p class="authors">{{ meta.authors | join(', ') }}</p>{% endif %}
{% if toc %}<nav class="toc">{{ toc }}</nav>{% endif %}
{{ body }}
{% if items %}<div class="card-list">{% for item in items %}
<article class="paper-card"><h2><a href="{{ item.href }}">{{ item.title }}</a></h2><p>{{ item.authors | join(', ') }}</p></article>
{% endfor %}</div>{% endif %}
</main>
</body>
</html>
""", autoescape=True)


def split(text: str):
    _, front, body = text.split("---\n", 2)
    return yaml.load(front, Loader=yaml.CSafeLoader), body


def build(site: Path, out: Path) -> int:
    content = site / "content"
    md = markdown.Markdown(extensions=["abbr", "admonition", "def_list", "footnotes", "tables", "sane_lists",
                                       "smarty", "toc"], output_format="html")
    config = yaml.load((content / "site.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    langs, base = config["languages"], config["base_url"]
    papers = {lang: [] for lang in langs}
    count = 0

    def write(rel: str, **context):
        nonlocal count
        target = out / rel / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        lang = context["lang"]
        target.write_text(PAGE.render(site=config["title"][lang], base=base, rel=rel, langs=langs,
                                      **{"meta": {}, "toc": "", "items": None, "body": "", "description": "", **context}),
                          encoding="utf-8")
        count += 1

    for kind in ("sections", "talks", "tracks", "papers"):
        for path in sorted((content / kind).glob("*.md")):
            slug, lang = path.name[:-3].rsplit(".", 1)
            meta, body = split(path.read_text(encoding="utf-8"))
            md.reset()
            html = md.convert(body)
            rel = f"{lang}/{kind}/{slug}/"
            write(rel, lang=lang, title=meta["title"], meta=meta, body=Markup(html), toc=Markup(md.toc) if len(md.toc_tokens) else "",
                  description=re.sub(r"<[^>]+>", "", html)[:200])
            if kind == "papers":
                papers[lang].append({"title": meta["title"], "href": "/" + rel, "authors": meta.get("authors", []),
                                     "type": meta.get("type"), "track": meta.get("track")})
    for lang in langs:
        items = sorted(papers[lang], key=lambda p: p["title"].casefold())
        write(f"{lang}/papers/", lang=lang, title="Papers", items=items)
        for kind in ("oral", "spotlight", "poster"):
            write(f"{lang}/papers/{kind}/", lang=lang, title=kind, items=[p for p in items if p["type"] == kind])
        for track in sorted({p["track"] for p in items if p["track"]}):
            write(f"{lang}/tracks/{track}/papers/", lang=lang, title=track, items=[p for p in items if p["track"] == track])
        bib = (content / "references.bib").read_text(encoding="utf-8")
        keys = re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)
        write(f"{lang}/bibliography/", lang=lang, title="Bibliography",
              body=Markup("<ol>" + "".join(f"<li id='{k}'>{k}</li>" for k in keys) + "</ol>"))
    return count


if __name__ == "__main__":
    start = time.perf_counter()
    pages = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"naive: {pages} pages in {time.perf_counter() - start:.2f}s")
