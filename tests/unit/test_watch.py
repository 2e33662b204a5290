"""serve's watcher: the operating system's file events, and the polling it falls back on."""

from __future__ import annotations

import asyncio
import threading

from tornado.ioloop import IOLoop

from neurips_report.commands.watch import EventWatcher


def _reported(folder, start: str, edit, seconds: float = 10.0) -> list:
    """What the watcher of `folder` reports of `edit`, started with its method `start`. The loop runs in a
    thread of its own, as serve's does in its process: in a test worker, Playwright's sync API may hold the
    main thread's asyncio loop."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(_run_watcher(folder, start, edit, seconds)), daemon=True)
    thread.start()
    thread.join(seconds + 10)
    assert result, "the watcher's loop did not finish"
    return result[0]


def _run_watcher(folder, start: str, edit, seconds: float) -> list:
    seen: list = []
    loop = IOLoop()
    watcher = EventWatcher([str(folder)], seen.append)

    async def main():
        getattr(watcher, start)()
        await asyncio.sleep(0.5)                # the watcher is up
        edit()
        for _ in range(int(seconds / 0.05)):
            if seen:
                return
            await asyncio.sleep(0.05)

    try:
        loop.run_sync(main, timeout=seconds + 5)
    finally:
        watcher.stop()
        loop.close(all_fds=False)
    return seen


def test_a_saved_file_is_reported_by_its_path(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("one")
    seen = _reported(tmp_path, "start", lambda: page.write_text("two"))
    assert seen and str(page) in seen[0]


def test_without_events_a_changed_folder_is_reported_as_a_whole(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("one")
    assert _reported(tmp_path, "_poll", lambda: page.write_text("three")) == [None]   # as when watchfiles cannot start
