"""Content safety: no field of the content can put executable markup on a page.

One build of the real site with an XSS payload in every field that reaches a page (site.yaml, interface strings,
titles, authors, speakers, statistics labels, corrections, track names, BibTeX fields, Markdown bodies) must
succeed and produce pages where the payload is inert text; raw HTML and script URLs in Markdown are refused
with an error; every page carries the Content-Security-Policy and no inline script but JSON-LD data.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import build_errors, check_errors, copy_site, run_build
from neurips_report.model.problems import BuildFailed
from neurips_report.markup.links import unsafe_scheme
from neurips_report.markup.sanitize import clean


def payload(field: str) -> str:
    """A script tag, an attribute break-out, an event handler, template syntax; `field` marks where it came from."""
    return f'<script>alert("{field}")</script>"\'><img src=x onerror=alert("{field}")>{{{{7*7}}}}</title>'


def escaped_marker(field: str) -> str:
    """How the start of payload(field) reads in an escaped HTML text or attribute."""
    return f"&lt;script&gt;alert(&#34;{field}&#34;)"


# -- putting the payload everywhere -----------------------------------------------------------------------------

def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def front(path: Path):
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


def write_front(path: Path, meta: dict, body: str) -> None:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"---\n{text}---\n{body}", encoding="utf-8")


BODY_PAYLOAD = """

## A heading with `<img src=x onerror=alert("toc")>` code

Inline code `<script>alert("code")</script>`, an entity &lt;script&gt;alert("entity")&lt;/script&gt;,
an autolink <https://example.org/?q="onmouseover=alert(1)> and {{ 7*7 }} and {% raw %}.

```
<script>alert("fence")</script>
```
"""

FIELDS = ["site-title", "site-description", "conference", "source", "i18n", "section-title", "section-summary",
          "talk-title", "speaker", "affiliation", "track-title", "paper-title", "author", "award", "stats-source",
          "breakdown-title", "part-label", "stats-note", "correction", "oral-track", "bib-title", "bib-author",
          "bib-note"]


def poison(content: Path) -> None:
    site = load(content / "site.yaml")
    site.pop("reference_papers", None)          # titles and authors need not match the official list here
    site["title"]["en"] += payload("site-title")
    site["description"]["en"] += payload("site-description")
    site["conference"]["short"] += payload("conference")
    site["source"]["title"]["en"] += payload("source")
    dump(content / "site.yaml", site)

    for lang in ("en", "zh"):
        path = content / "i18n" / f"{lang}.yaml"
        dump(path, {key: value + payload("i18n") for key, value in load(path).items()})

    for path in sorted((content / "sections").glob("*.en.md")):
        meta, body = front(path)
        meta["title"] += payload("section-title")
        meta["summary"] = meta.get("summary", "") + payload("section-summary")
        write_front(path, meta, body + BODY_PAYLOAD)
    for path in sorted((content / "talks").glob("*.md")):
        meta, body = front(path)
        meta["speaker"] += payload("speaker")
        if path.name.endswith(".en.md"):
            meta["title"] += payload("talk-title")
            meta["affiliation"] = meta.get("affiliation", "") + payload("affiliation")
        write_front(path, meta, body)
    for path in sorted((content / "tracks").glob("*.en.md")):
        meta, body = front(path)
        meta["title"] += payload("track-title")
        write_front(path, meta, body + BODY_PAYLOAD)
    for path in sorted((content / "papers").glob("*.md")):
        meta, body = front(path)
        meta["authors"] = meta["authors"] + [payload("author")]
        meta["award"] = payload("award") if path.stem.startswith("ddpm.") else meta.get("award")
        if meta["award"] is None:
            del meta["award"]
        if path.name.endswith(".en.md"):
            meta["title"] += payload("paper-title")
            body += BODY_PAYLOAD
        write_front(path, meta, body)

    stats = load(content / "statistics.yaml")
    stats["source"]["en"] += payload("stats-source")
    for breakdown in stats["breakdowns"]:
        breakdown["title"]["en"] += payload("breakdown-title")
        if breakdown.get("note"):
            breakdown["note"]["en"] += payload("stats-note")
        for part in breakdown["parts"]:
            part["label"]["en"] += payload("part-label")
    dump(content / "statistics.yaml", stats)

    corrections = load(content / "corrections.yaml")
    for item in corrections["corrections"]:
        for key in ("reported", "correct"):
            item[key]["en"] += payload("correction")
        item["evidence"] = str(item.get("evidence", "")) + payload("correction")
    dump(content / "corrections.yaml", corrections)

    tracks = load(content / "oral-tracks.yaml")
    for item in tracks["tracks"]:
        item["name"] += payload("oral-track")
    dump(content / "oral-tracks.yaml", tracks)

    bib = (content / "references.bib").read_text(encoding="utf-8")
    entry = bib.index("@inproceedings{ho2020denoising,")
    bib = (bib[:entry] + bib[entry:].replace("Denoising Diffusion Probabilistic Models",
                                             "Denoising " + payload("bib-title"), 1)
           .replace("author    = {Ho, Jonathan and", "author    = {Ho, Jonathan" + payload("bib-author")
                    .replace(" ", "~") + " and", 1)
           .replace("  year      = {2020},", "  year      = {2020},\n  note = {" + payload("bib-note") + "},", 1))
    (content / "references.bib").write_text(bib, encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """The output of the real site with a payload in every field (built once for the module)."""
    base = tmp_path_factory.mktemp("xss")
    root = copy_site("real", base)
    poison(root / "content")
    out = base / "public"
    try:
        run_build(root, out)
    except BuildFailed as exc:
        pytest.fail("the poisoned site must build (payloads are text):\n" +
                    "\n".join(p.format() for p in exc.problems[:20]))
    return out


# -- scanning the output ----------------------------------------------------------------------------------------

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form-injected"}


class Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[tuple[dict, str]] = []    # (attributes, content)
        self.csp: list[str] = []
        self._script: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event handler {name}= on <{tag}>")
            if name in URL_ATTRS and value and unsafe_scheme(value):
                self.found.append(f"{unsafe_scheme(value)}: URL in {name}= on <{tag}>")
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attributes.get("content") or "")
        if tag == "img" and attributes.get("src") == "x":
            self.found.append("the payload's <img src=x>")
        if tag == "script":
            self._script, self._text = attributes, []

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


def scan(path: Path) -> Scanner:
    scanner = Scanner()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner


def html_pages(out: Path) -> list[Path]:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 100
    return pages


def test_payload_reaches_the_pages_as_text(poisoned):
    text = "\n".join(p.read_text(encoding="utf-8") for p in html_pages(poisoned))
    missing = [field for field in FIELDS if escaped_marker(field) not in text]
    assert not missing, f"these fields never reached a page, so the test proves nothing for them: {missing}"
    assert "{{7*7}}" in text or "{{ 7*7 }}" in text        # template syntax in content is not evaluated


def test_no_executable_markup_on_any_page(poisoned):
    problems = {}
    for page in html_pages(poisoned):
        found = scan(page).found
        if found:
            problems[page.relative_to(poisoned).as_posix()] = sorted(set(found))
    assert not problems


def test_scripts_are_same_origin_files_or_json_ld(poisoned):
    for page in html_pages(poisoned):
        for attributes, content in scan(page).scripts:
            rel = page.relative_to(poisoned)
            if attributes.get("type") == "application/ld+json":
                assert "<" not in content, f"{rel}: JSON-LD must escape '<' so that it cannot close the script"
                json.loads(content)
            else:
                assert content.strip() == "", f"{rel}: inline script {content[:80]!r}"
                src = attributes.get("src") or ""
                # a file of this site: root-based (/...) or relative to the page, never another origin
                assert not src.startswith("//") and ":" not in src.split("/")[0], f"{rel}: script from {src!r}"
                target = urljoin("https://site.invalid/" + rel.as_posix(), src)
                assert target.startswith("https://site.invalid/"), f"{rel}: script from {src!r}"


def test_every_page_has_the_content_security_policy(poisoned):
    for page in html_pages(poisoned):
        policies = scan(page).csp
        assert len(policies) == 1, f"{page.relative_to(poisoned)} has {len(policies)} CSP meta tags"
        policy = dict(part.strip().split(" ", 1) for part in policies[0].split(";") if part.strip())
        assert "'unsafe-inline'" not in policy.get("script-src", policy.get("default-src", "'unsafe-inline'"))
        assert policy.get("object-src") == "'none'" and policy.get("base-uri") == "'self'"


def test_feeds_and_sitemaps_stay_well_formed(poisoned):
    files = sorted(poisoned.rglob("*.xml"))
    assert files
    for path in files:
        ET.parse(path)            # the payload is escaped, so the XML still parses


# -- refused at build time --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("xss-plain")
    return copy_site("real", base)


@pytest.fixture
def site_copy(plain_site, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(plain_site / "content", root / "content")
    return root


REFUSED = [
    ("<script>alert(1)</script>", "HTML tag <script> is not allowed in content"),
    ('<img src="https://example.org/a.png" onerror="alert(1)">', "HTML attribute 'onerror' on <img> is not allowed"),
    ("<svg onload=alert(1)></svg>", "HTML tag <svg> is not allowed in content"),
    ("<iframe srcdoc='<script>alert(1)</script>'></iframe>", "HTML tag <iframe> is not allowed in content"),
    ("<style>body{display:none}</style>", "HTML tag <style> is not allowed in content"),
    ('<a href="javascript:alert(1)">x</a>', "'javascript:' URLs are not allowed in content"),
    ('<a href="&#x6A;avascript:alert(1)">x</a>', "'javascript:' URLs are not allowed in content"),
    ("<a href='java\tscript:alert(1)'>x</a>", "'javascript:' URLs are not allowed in content"),
    ('<div style="background:url(javascript:alert(1))">x</div>', "HTML attribute 'style' on <div> is not allowed"),
    ("<math><maction actiontype='statusline'>x</maction></math>", "HTML tag <math> is not allowed in content"),
    ("<form action='https://evil.example'><button>x</button></form>", "HTML tag <form> is not allowed in content"),
    ("[x](javascript:alert(1))", "'javascript:' URLs are not allowed in content"),
    ("[x](JaVaScRiPt:alert(1))", "'javascript:' URLs are not allowed in content"),
    ("[x](java&#115;cript:alert(1))", "'javascript:' URLs are not allowed in content"),
    ("[x](javascript&colon;alert(1))", "'javascript:' URLs are not allowed in content"),
    ("[x](vbscript:msgbox(1))", "'vbscript:' URLs are not allowed in content"),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "'data:' URLs are not allowed in content"),
    ("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", "'data:' URLs are not allowed in content"),
    ("[x]\n\n[x]: javascript:alert(1)", "'javascript:' URLs are not allowed in content"),
]


@pytest.fixture(scope="module")
def refusals(plain_site, tmp_path_factory):
    """Each unsafe snippet appended to the body of a different paper; one check run; file -> its errors."""
    root = tmp_path_factory.mktemp("xss-refused") / "site"
    shutil.copytree(plain_site / "content", root / "content")
    papers = sorted((root / "content" / "papers").glob("*.en.md"))
    where = {}
    for (markdown, _message), path in zip(REFUSED, papers):
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + markdown + "\n", encoding="utf-8")
        where[markdown] = path.relative_to(root).as_posix()
    errors = check_errors(root)
    return {markdown: [e for e in errors if e.startswith(rel + ":")] for markdown, rel in where.items()}


@pytest.mark.parametrize("markdown, message", REFUSED, ids=[m for m, _ in REFUSED])
def test_unsafe_markdown_is_refused(refusals, markdown, message):
    assert any(message in e for e in refusals[markdown]), refusals[markdown]


@pytest.mark.parametrize("rel, field, value, message", [
    ("papers/ddpm.en.md", "url", "javascript:alert(1)", "'url' must be an http(s) URL"),
    ("talks/genomic-bottleneck.en.md", "url", "data:text/html,<script>alert(1)</script>", "'url' must be an http(s) URL"),
])
def test_script_urls_in_front_matter_are_refused(site_copy, rel, field, value, message):
    path = site_copy / "content" / rel
    meta, body = front(path)
    meta[field] = value
    write_front(path, meta, body)
    assert any(message in e for e in check_errors(site_copy))


@pytest.mark.parametrize("url", ["javascript:alert(1)", 'https://example.org/"onmouseover="alert(1)', "data:text/html,x"])
def test_script_urls_in_bibtex_are_refused(site_copy, url):
    """A BibTeX url becomes a link in the formatted reference, which the templates insert as HTML."""
    path = site_copy / "content" / "references.bib"
    text = path.read_text(encoding="utf-8")
    old = "  url       = {https://proceedings.neurips.cc/paper/2020/hash/4c5bcfec8584af0d967f1ab10179ca4b-Abstract.html},"
    assert old in text
    path.write_text(text.replace(old, "  url = {" + url + "},"), encoding="utf-8")
    assert any("entry 'ho2020denoising' has url" in e for e in check_errors(site_copy))


def test_site_base_url_must_be_http(site_copy):
    path = site_copy / "content" / "site.yaml"
    path.write_text(re.sub(r"(?m)^base_url:.*$", 'base_url: "javascript:alert(1)//"', path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    assert any("'base_url' must be an http(s) URL" in e for e in build_errors(site_copy))


def test_the_allow_list_itself():
    """nh3 is the last line: whatever slips through the checks, the cleaner drops."""
    dirty = ('<p onclick="x()">a<script>alert(1)</script><img src="javascript:alert(1)" onerror="y()">'
             '<a href="java&#115;cript:alert(1)">b</a><iframe src="https://evil.example"></iframe>'
             '<td style="color:red;text-align:left">c</td></p>')
    cleaned = clean(dirty)
    assert "script" not in cleaned and "onclick" not in cleaned and "onerror" not in cleaned
    assert "iframe" not in cleaned and "javascript" not in cleaned.replace("&#115;", "s").lower()
    assert "color" not in cleaned


def test_the_scanner_sees_what_it_looks_for():
    scanner = Scanner()
    scanner.feed('<p onclick="x()"><a href=" jav&#x61;script:alert(1)">a</a><img src=x><iframe></iframe>'
                 '<script>alert(1)</script><meta http-equiv="refresh" content="0;url=https://evil.example">')
    assert len(scanner.found) == 5 and scanner.scripts == [({}, "alert(1)")]
