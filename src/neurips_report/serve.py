"""`serve`: build, serve on localhost with livereload, rebuild only what changed, keep the last
good site on errors and show them in the terminal and as an overlay in the browser."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import BuildFailed
from .errors_report import print_problems
from .incremental import WATCHED, SiteSession
from .pipeline import Options
from .theme import theme_dir
from .watch import EventWatcher
from .write import OutputError

OVERLAY_JS = """// neurips-report serve: shows build errors over the last good page.
(function () {
  fetch("/_serve/status.json", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
    if (!s.errors || !s.errors.length) return;
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:9999;" +
      "background:#fff5f5;color:#611;border:2px solid #c33;border-radius:8px;padding:1rem;font:14px/1.5 monospace;white-space:pre-wrap";
    box.textContent = "Build failed; showing the last good version.\\n\\n" + s.errors.join("\\n");
    document.body.appendChild(box);
  }).catch(function () {});
})();
"""


class DevServer:
    """Glue between livereload and SiteSession; writes _serve/status.json for the overlay."""

    def __init__(self, site_root: Path, out: Path):
        self.session = SiteSession(Options(site_root, out, base_url="/", search=True, dev=True))
        self.out = out

    def _status(self, errors: list[str]) -> None:
        folder = self.out / "_serve"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "overlay.js").write_text(OVERLAY_JS, encoding="utf-8")
        (folder / "status.json").write_text(json.dumps({"errors": errors}, ensure_ascii=False), encoding="utf-8")

    def start(self) -> bool:
        try:
            report = self.session.full()
        except BuildFailed as exc:
            print_problems(exc.problems)
            return False
        print(f"built {report.rendered} pages in {report.seconds:.2f}s", flush=True)
        self._status([])
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
        except BuildFailed as exc:
            print_problems(exc.problems)
            print("build failed; still serving the last good site", flush=True)
            if self.out.is_dir():
                self._status([p.format() for p in exc.problems])
            return
        except OutputError as exc:
            print(f"error: {exc}", flush=True)
            return
        self._status([])
        if report.rendered or report.full:
            kind = "full rebuild" if report.full else "rebuilt"
            print(f"{kind}: {report.rendered} page(s) in {report.seconds * 1000:.0f} ms", flush=True)


def serve(site_root: Path, out: Path | None, host: str, port: int, open_browser: bool) -> int:
    from livereload import Server

    out = (out or site_root / "public").resolve()
    dev = DevServer(site_root, out)
    if not dev.start():
        print("fix the errors above; serving will start once the site builds", flush=True)
    folders = [str(site_root / name if (site_root / name).is_dir() else theme_dir(site_root, name)) for name in WATCHED]
    watcher = EventWatcher(folders, dev.on_change)
    server = Server(watcher=watcher)
    for folder in folders:                      # what livereload polls if the event watcher cannot start
        server.watch(folder, dev.on_change, delay=0.05)
    out.mkdir(parents=True, exist_ok=True)
    print(f"serving {out} at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve(root=str(out), host=host, port=port, open_url_delay=1 if open_browser else None, restart_delay=0)
    finally:
        watcher.stop()
    return 0
