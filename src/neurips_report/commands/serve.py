"""`serve`: build into serve's own folder, serve it on localhost, rebuild what changed, reload the
browser, and show build errors over the last good page.

`public/` is never touched: serve writes a normal build (the same bytes `build --base-url /` writes)
into `<site>/.cache/serve/site/` unless `--out` says otherwise. What makes it live is added as the
pages are sent: an external script (`/_serve/client.js`, allowed by the pages' `script-src 'self'`)
and the generation the page was built in. The script long-polls `/_serve/status.json` (allowed by
`connect-src 'self'`) and reloads when a newer good build exists, so a change that lands while a
page loads is never lost, and shows the errors of a failed build over the page. (The LiveReload
protocol can do neither: it has no build to compare with, so a reload sent before the page's socket
connects is lost, and no way to show errors; README, "Editing and previewing".) Files are watched
through the operating system's events (watch.py); the server is tornado's.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

from ..model.problems import BuildFailed
from .report import print_problems
from ..engine.session import WATCHED, SiteSession
from ..engine.pipeline import Options
from ..engine.search import SearchIndexError, index_into, new_bundle_dir, replace_index
from ..theme.folders import theme_dirs
from .watch import EventWatcher
from ..engine.write import OutputError

CLIENT_JS = (Path(__file__).with_name("serve_client.js")).read_bytes()
POLL_SECONDS = 25          # a status request waits this long for news before answering anyway


def default_out(site_root: Path) -> Path:
    return site_root.resolve() / ".cache" / "serve" / "site"


class DevServer:
    """The site as serve keeps it: a SiteSession, the state the browser asks about, the search index."""

    def __init__(self, site_root: Path, out: Path):
        self.out = out
        self.session = SiteSession(Options(site_root, out, base_url="/", search=True,
                                           cache_dir=site_root.resolve() / ".cache" / "serve"))
        self.generation = 0          # rebuild attempts (good or failed)
        self.built = 0               # the generation of the last good build
        self.errors: list[str] = []
        self.listeners: list = []    # called with no argument whenever the state changes
        self._indexing = False
        self._index_again = False

    # -- builds -------------------------------------------------------------------------------------
    def start(self) -> bool:
        try:
            report = self.session.full()
        except (BuildFailed, OutputError) as exc:
            self._failed(exc)
            return False
        print(f"built {report.rendered} pages in {report.seconds:.2f}s", flush=True)
        self._succeeded()
        return True

    def on_change(self, paths: list[str] | None = None) -> None:
        """Rebuild after a change: to these files (from the event watcher), or to whatever changed."""
        try:
            if not self.session.loaded:
                report = self.session.full()
            elif paths is not None:
                report = self.session.rebuild_changed([Path(p) for p in paths])
            else:
                report = self.session.rebuild()
        except (BuildFailed, OutputError) as exc:
            self._failed(exc)
            print("build failed; still serving the last good site", flush=True)
            return
        if report.rendered or report.full or self.errors:
            kind = "full rebuild" if report.full else "rebuilt"
            print(f"{kind}: {report.rendered} page(s) in {report.seconds * 1000:.0f} ms", flush=True)
            self._succeeded()
            if not report.full:
                self.reindex()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, BuildFailed):
            print_problems(exc.problems)
            self.errors = [p.format() for p in exc.problems if p.severity == "error"]
        else:
            print(f"error: {exc}", flush=True)
            self.errors = [f"error: {exc}"]
        self.generation += 1
        self._notify()

    def _succeeded(self) -> None:
        self.generation += 1
        self.built, self.errors = self.generation, []
        self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener()

    # -- search ------------------------------------------------------------------------------------
    def reindex(self) -> None:
        """Index the served site again in the background (Pagefind takes longer than a page
        rebuild); the new index replaces the old one in one step. Changes made meanwhile start
        another run when this one ends."""
        if self._indexing:
            self._index_again = True
            return
        self._indexing, self._index_again = True, False
        from tornado.ioloop import IOLoop
        loop = IOLoop.current()
        threading.Thread(target=self._index, args=(loop,), daemon=True).start()

    def _index(self, loop) -> None:
        bundle = new_bundle_dir(self.out)
        try:
            index_into(self.out, bundle)
        except (OSError, SearchIndexError) as exc:
            print(f"search index not updated: {exc}", flush=True)
            shutil.rmtree(bundle, ignore_errors=True)
            bundle = None
        loop.add_callback(self._indexed, bundle)

    def _indexed(self, bundle: Path | None) -> None:
        if bundle is not None:
            replace_index(self.out, bundle)
        self._indexing = False
        if self._index_again:
            self.reindex()

    # -- what the browser asks -----------------------------------------------------------------------
    def status(self) -> dict:
        return {"generation": self.generation, "built": self.built, "errors": self.errors}

    def decorate(self, html: bytes) -> bytes:
        """A page as serve sends it: with its generation and the reload client."""
        html = html.replace(b"<html ", f'<html data-serve-built="{self.built}" '.encode(), 1)
        return html.replace(b"</head>", b'<script src="/_serve/client.js" defer></script></head>', 1)


def make_application(dev: DevServer):
    """The tornado application: the site (pages decorated, its own 404), the status long poll and
    the client script."""
    from tornado import gen, web
    from tornado.locks import Condition

    changed = Condition()
    dev.listeners.append(changed.notify_all)

    class Status(web.RequestHandler):
        async def get(self):
            built = self.get_argument("built", "")
            seen = self.get_argument("seen", "")
            deadline = time.monotonic() + POLL_SECONDS
            while (built == str(dev.built) and seen == str(dev.generation)) and time.monotonic() < deadline:
                try:
                    await changed.wait(timeout=deadline - time.monotonic())
                except gen.TimeoutError:  # pragma: no cover - tornado < 6 raised it
                    break
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.write(json.dumps(dev.status(), ensure_ascii=False))

    class Client(web.RequestHandler):
        def get(self):
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(CLIENT_JS)

    class Site(web.StaticFileHandler):
        """The built site; HTML pages carry the reload client; unknown paths get the site's 404 page."""

        def set_extra_headers(self, path):
            self.set_header("Cache-Control", "no-store")

        def compute_etag(self):
            return None                  # nothing is cached while editing

        async def get(self, path, include_body=True):
            root = dev.out.resolve()
            target = (root / path).resolve()
            if not target.is_relative_to(root):
                return self._not_found()
            if target.is_dir():
                if path and not path.endswith("/"):
                    return self.redirect(f"/{path}/")
                target = target / "index.html"
            if not target.is_file():
                return self._not_found()
            if target.suffix != ".html":
                return await super().get(path, include_body)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(dev.decorate(target.read_bytes()))

        def _not_found(self):
            self.set_status(404)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            page = dev.out / "404.html"
            self.write(dev.decorate(page.read_bytes()) if page.is_file() else b"<h1>404</h1>")

        def write_error(self, status_code, **kwargs):
            if status_code == 404:
                return self._not_found()
            return super().write_error(status_code, **kwargs)

    return web.Application([
        (r"/_serve/status\.json", Status),
        (r"/_serve/client\.js", Client),
        (r"/(.*)", Site, {"path": str(dev.out)}),
    ])


def serve(site_root: Path, out: Path | None, host: str, port: int, open_browser: bool) -> int:
    from tornado.ioloop import IOLoop

    site_root = site_root.resolve()
    out = (out or default_out(site_root)).resolve()
    dev = DevServer(site_root, out)
    if not dev.start():
        print("fix the errors above; serving will start once the site builds", flush=True)
    folders = list(dict.fromkeys(str(folder) for name in WATCHED
                                 for folder in ((site_root / name,) if name == "content" else theme_dirs(site_root, name))))
    watcher = EventWatcher(folders, dev.on_change)
    out.mkdir(parents=True, exist_ok=True)
    make_application(dev).listen(port, address=host)
    print(f"serving {out} at http://{host}:{port}/  (Ctrl+C to stop; public/ is left as `build` wrote it)",
          flush=True)
    if open_browser:
        import webbrowser
        IOLoop.current().call_later(1, webbrowser.open, f"http://{host}:{port}/")
    try:
        watcher.start()
        IOLoop.current().start()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
    return 0
