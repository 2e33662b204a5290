"""The quality gates' checkers, shared by the gate tests and by the tests proving they can fail.

Every checker returns a list of human-readable problems (empty = pass), so a test can both assert
that the real site is clean and that a deliberately broken page is reported.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "tests" / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (390, 1280)
HEIGHT = 800


# --------------------------------------------------------------------------- the site's pages

def html_files(out: Path) -> list[Path]:
    """Every HTML page of a built site (search-index files excluded)."""
    return sorted(p for p in out.rglob("*.html") if "pagefind" not in p.relative_to(out).parts)


def url_path(out: Path, file: Path) -> str:
    """/en/papers/x/ for en/papers/x/index.html, /404.html for 404.html."""
    rel = file.relative_to(out).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


# --------------------------------------------------------------------------- local server

class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".mjs": "text/javascript", ".svg": "image/svg+xml"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


@contextmanager
def serve(directory: Path, handler=None):
    """Serve directory on 127.0.0.1 (random port) in a thread; yields the base URL without '/'."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler or _QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- browser checks

def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


_REFUSING: list = []


def local_context(browser, **options):
    """A browser context whose requests cannot leave this machine: every host but 127.0.0.1 is reached
    through a proxy on a port that refuses connections, so such a request fails (PageWatch still
    records it as external). Nothing is intercepted, unlike block_external: no request makes a round
    trip through Playwright and the HTTP cache works, which makes a crawl of many pages cheaper."""
    if not _REFUSING:
        import socket
        closed = socket.socket()            # bound, never listening: a connection to it is refused
        closed.bind(("127.0.0.1", 0))
        _REFUSING.append(closed)
    port = _REFUSING[0].getsockname()[1]
    return browser.new_context(proxy={"server": f"http://127.0.0.1:{port}", "bypass": "127.0.0.1"}, **options)


def block_external(context, origin: str) -> None:
    """Abort every request that leaves the local server (it is still recorded as external)."""
    def handle(route):
        url = route.request.url
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()
    context.route("**/*", handle)


class PageWatch:
    """Records console errors, uncaught exceptions, failed and external requests of one page."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught exception: {exc}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def reset(self) -> list[str]:
        found, self.problems = self.problems, []
        return found

    def _local(self, url: str) -> bool:
        return url.startswith(self.origin + "/") or url.startswith(("data:", "blob:", "about:"))

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.problems.append(f"console error: {msg.text}")

    def _request(self, request) -> None:
        if not self._local(request.url):
            self.problems.append(f"external request: {request.url}")

    def _failed(self, request) -> None:
        # ERR_ABORTED: the page navigated away while a request (e.g. the favicon) was in flight;
        # a missing file still shows up as an HTTP 404 response in _response.
        if self._local(request.url) and "ERR_ABORTED" not in str(request.failure):
            self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400 and self._local(response.url):
            self.problems.append(f"HTTP {response.status}: {response.url}")


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page, tags=AXE_TAGS, rules: list[str] | None = None, contrast: bool = True) -> list[str]:
    """axe-core's violations on the current page, one line per rule with its first nodes.

    The site's Content-Security-Policy forbids inline scripts, so page.add_script_tag(content=...)
    is blocked; axe.min.js comes from page.add_init_script (as in the crawl) or, if absent, is
    evaluated over the DevTools protocol. Neither is subject to CSP nor makes a request.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source() + "\n;0")
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else {"runOnly": {"type": "tag", "values": list(tags)}}
    if not contrast:                                 # the crawl skips it where a page adds no new text place
        options["rules"] = {"color-contrast": {"enabled": False}}
    violations = page.evaluate(
        """options => axe.run(document, Object.assign({resultTypes: ['violations']}, options)).then(r =>
             r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(1, 2).join(''))})))""",
        options)
    return [f"axe {v['id']} ({v['impact']}): {v['help']} -- " + " | ".join(v["nodes"]) for v in violations]


OVERFLOW_JS = """() => {
  const root = document.scrollingElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const width = root.clientWidth, culprits = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const boxOut = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 0.5; };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (boxOut(el)) {
      let p = el.parentElement;
      while (p && p !== document.body && !boxOut(p)) p = p.parentElement;
      if (!p || p === document.body) culprits.push(name(el) + ' (right ' + Math.round(r.right) + 'px)');
    } else if (el.scrollWidth > el.clientWidth + 1 && r.left + el.scrollWidth > width + 0.5
               && getComputedStyle(el).overflowX === 'visible') {
      culprits.push(name(el) + ' (content to ' + Math.round(r.left + el.scrollWidth) + 'px)');
    }
    if (culprits.length >= 5) break;
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits};
}"""



def overflow(page) -> list[str]:
    """[] if nothing overflows horizontally, else one line naming the outermost culprits."""
    found = page.evaluate(OVERFLOW_JS)
    if not found:
        return []
    return [f"horizontal overflow: scrollWidth {found['scrollWidth']} > clientWidth {found['clientWidth']}"
            f" at {page.viewport_size['width']}px; " + ", ".join(found["culprits"])]


# --------------------------------------------------------------------------- HTML validity

def vnu_messages(*targets: Path) -> list[dict]:
    """The Nu HTML Checker's messages for every HTML file under the targets (folders or files), in one
    run of Java."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java not found: run scripts/install-test-deps.sh")
    if not VNU_JAR.is_file():
        raise RuntimeError(f"{VNU_JAR} missing: run scripts/install-test-deps.sh (npm ci in tests/node)")
    # a one-shot run: the quick JIT only (C2 would spend more CPU compiling than it saves, about
    # 2.5 times the CPU in all); language detection only adds warnings, which are not checked
    proc = subprocess.run([java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR), "--stdout",
                           "--format", "json", "--skip-non-html", "--no-langdetect", *map(str, targets)],
                          capture_output=True, text=True, timeout=600)
    try:
        return json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise RuntimeError(f"vnu failed (exit {proc.returncode}): {proc.stderr[-2000:]}") from exc


def vnu_errors(*targets: Path) -> list[str]:
    """Every error (not warning) the Nu HTML Checker reports, as 'file:line: message'."""
    problems = []
    for m in vnu_messages(*targets):
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
            where = unquote(m.get("url", "")).removeprefix("file:")
            problems.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}")
    return problems


# --------------------------------------------------------------------------- links

_URL_ATTRS = {"href", "src", "action", "poster", "data"}


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, int, str, str]] = []   # (tag, line, attr, value)
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in _URL_ATTRS and not (tag == "form" and name == "action" and value == ""):
                self.urls.append((tag, line, name, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((tag, line, name, candidate.split()[0]))
        if tag == "base":
            self.base = dict(attrs).get("href")

    handle_startendtag = handle_starttag


_EXTERNAL = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d+)?(?:[/?#][^\s<>\"]*)?$")


def _parse(file: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _target_file(out: Path, path: str) -> Path | None:
    """The file a URL path is served from (directory -> index.html), or None."""
    rel = unquote(path).lstrip("/")
    candidate = (out / rel).resolve()
    if not candidate.is_relative_to(out.resolve()):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(out: Path, files: list[Path] | None = None) -> tuple[list[str], dict[str, int]]:
    """Check every URL in the HTML pages of a site served at '/'.

    Internal URLs must resolve to a file, their #fragments to an id of the target page; external
    ones must be well-formed http(s) URLs. Returns (problems, counts).
    """
    out = out.resolve()
    files = files if files is not None else html_files(out)
    parsed: dict[Path, _LinkParser] = {}

    def page(file: Path) -> _LinkParser:
        if file not in parsed:
            parsed[file] = _parse(file)
        return parsed[file]

    problems: list[str] = []
    counts = {"pages": len(files), "internal": 0, "fragments": 0, "external": 0}
    for file in files:
        info = page(file)
        page_url = "http://site.invalid" + url_path(out, file)
        if info.base:
            page_url = urljoin(page_url, info.base)
        where = file.relative_to(out).as_posix()
        for tag, line, attr, value in info.urls:
            value = value.strip()
            label = f"{where}:{line}: <{tag} {attr}=\"{value}\">"
            scheme = urlsplit(value).scheme.lower()
            if scheme in ("http", "https"):
                counts["external"] += 1
                if not _EXTERNAL.match(value):
                    problems.append(f"{label}: malformed external URL")
                continue
            if scheme in ("mailto", "tel", "data"):
                continue
            if scheme:
                problems.append(f"{label}: unexpected URL scheme {scheme!r}")
                continue
            if value.startswith("//"):
                problems.append(f"{label}: protocol-relative URL")
                continue
            absolute = urlsplit(urljoin(page_url, value))
            if absolute.netloc != "site.invalid":
                problems.append(f"{label}: leaves the site")
                continue
            counts["internal"] += 1
            target = _target_file(out, absolute.path)
            if target is None:
                problems.append(f"{label}: no file for {absolute.path}")
                continue
            if absolute.fragment:
                counts["fragments"] += 1
                fragment = unquote(absolute.fragment)
                if target.suffix != ".html":
                    problems.append(f"{label}: fragment on a non-HTML file")
                elif fragment not in page(target).ids:
                    problems.append(f"{label}: no id {fragment!r} in {target.relative_to(out).as_posix()}")
    return problems, counts
