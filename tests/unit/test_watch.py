"""serve's watcher: the operating system's file events, and the polling it falls back on."""

from __future__ import annotations

import asyncio

from tornado.ioloop import IOLoop

from neurips_report.commands.watch import EventWatcher


def _run_until(loop: IOLoop, seen: list, action, seconds: float = 10.0) -> None:
    """Start the loop, do `action` once it runs, stop when something was reported or time is up."""
    async def main():
        await asyncio.sleep(0.5)                # the watcher is up
        action()
        for _ in range(int(seconds / 0.05)):
            if seen:
                return
            await asyncio.sleep(0.05)
    loop.run_sync(main, timeout=seconds + 5)


def test_a_saved_file_is_reported_by_its_path(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("one")
    seen: list = []
    loop = IOLoop()
    watcher = EventWatcher([str(tmp_path)], seen.append)
    loop.run_sync(lambda: watcher.start())
    try:
        _run_until(loop, seen, lambda: page.write_text("two"))
    finally:
        watcher.stop()
        loop.close(all_fds=False)
    assert seen and str(page) in seen[0]


def test_without_events_a_changed_folder_is_reported_as_a_whole(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("one")
    seen: list = []
    loop = IOLoop()
    watcher = EventWatcher([str(tmp_path)], seen.append)
    loop.run_sync(lambda: watcher._poll())          # as when watchfiles cannot start
    try:
        _run_until(loop, seen, lambda: page.write_text("three"))
    finally:
        watcher.stop()
        loop.close(all_fds=False)
    assert seen == [None]
