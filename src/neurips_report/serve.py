"""`serve`: build, serve on localhost with livereload, rebuild on change, keep the last good site."""

from __future__ import annotations

import html
from pathlib import Path

from .errors import BuildFailed
from .errors_report import print_problems
from .pipeline import Options, build
from .theme import theme_dir

OVERLAY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build error</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem;background:#fff5f5;color:#611}}
pre{{white-space:pre-wrap;background:#fff;border:1px solid #e99;padding:1rem}}</style></head>
<body><h1>Build failed</h1><p>The last good site is still being served; fix the source and save.</p><pre>{}</pre></body></html>"""


def rebuild(options: Options) -> str | None:
    """Build; return the error text for the overlay, or None on success."""
    try:
        result = build(options)
    except BuildFailed as exc:
        print_problems(exc.problems)
        return "\n".join(p.format() for p in exc.problems)
    print_problems(result.warnings)
    print(f"rebuilt {result.pages} pages in {result.seconds:.2f}s", flush=True)
    return None


def serve(site_root: Path, out: Path | None, host: str, port: int, open_browser: bool) -> int:
    from livereload import Server

    out = (out or site_root / "public").resolve()
    options = Options(site_root, out, base_url="/", search=False)
    error = rebuild(options)
    overlay = out.parent / f".{out.name}-error.html"

    def on_change():
        message = rebuild(options)
        if message:
            overlay.write_text(OVERLAY.format(html.escape(message)), encoding="utf-8")
        elif overlay.exists():
            overlay.unlink()

    if error:
        on_change()
    server = Server()
    for name in ("content", "templates", "static"):
        folder = site_root / name if (site_root / name).is_dir() else theme_dir(site_root, name)
        server.watch(str(folder), on_change, delay=0.2)
    print(f"serving {out} at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    server.serve(root=str(out), host=host, port=port, open_url_delay=1 if open_browser else None, restart_delay=0)
    return 0
