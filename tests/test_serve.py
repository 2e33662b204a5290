"""`serve` end to end: the event watcher sees a saved file and the page on disk changes, without
the tree being polled."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import copy_site
from serving import start_serve, stop


def test_a_saved_paper_reaches_the_served_page(tmp_path):
    root = copy_site("real", tmp_path)
    out = tmp_path / "served"
    process, _ = start_serve(root, tmp_path / "serve.log", "--out", str(out))
    page = out / "en" / "papers" / "glow-tts" / "index.html"
    try:
        paper = root / "content" / "papers" / "glow-tts.en.md"
        paper.write_text(paper.read_text(encoding="utf-8") + "\nSaved while serving.\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while "Saved while serving." not in page.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.05)
        deadline = time.monotonic() + 10
        while "rebuilt: " not in (tmp_path / "serve.log").read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "rebuilt: 1 page(s)" in (tmp_path / "serve.log").read_text(encoding="utf-8")
    finally:
        stop(process)


def test_the_watcher_ends_when_serve_is_killed(tmp_path):
    process, _ = start_serve(copy_site("minimal", tmp_path), tmp_path / "serve.log")
    try:
        watchers = _children(process.pid)
        assert watchers, "no watcher process"
    finally:
        process.kill()                                    # SIGKILL: no chance to stop the watcher itself
        process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in watchers):
        assert time.monotonic() < deadline, "the watcher outlived serve"
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
