"""File-change events for `serve`: a small watcher process (watchfiles, inotify on Linux) writes the
changed paths to a pipe that the server's event loop reads. Nothing polls or walks the tree, and the
server process runs no extra thread (its full builds fork workers). Where watchfiles cannot start,
the folders are compared with their last state every 0.8 s instead."""

from __future__ import annotations

import json
import subprocess
import sys

from ..core.cache import tree_stats

STEP_MS = 15        # changes are reported once none came for this long (editors write in bursts)
POLL_MS = 800       # the fallback: how often the folders are compared

# ends with the server, even one killed outright (its parent changes then)
WATCHER_CODE = f"""
import json, os, sys, watchfiles
parent = os.getppid()
for changes in watchfiles.watch(*sys.argv[1:], step={STEP_MS}, rust_timeout=1000, yield_on_timeout=True,
                                raise_interrupt=False):
    if os.getppid() != parent:
        break
    if changes:
        print(json.dumps(sorted({{path for _, path in changes}})), flush=True)
"""


class EventWatcher:
    """Calls `on_change(paths)` in the server's event loop with the files the OS reports changed, or
    `on_change(None)` ("look at everything") when polling finds a folder changed."""

    def __init__(self, folders: list[str], on_change):
        self.folders, self.on_change = folders, on_change
        self.process = None
        self.poller = None

    def start(self) -> None:
        from tornado.ioloop import IOLoop
        try:
            import watchfiles  # noqa: F401
        except ImportError:
            return self._poll()
        self.process = subprocess.Popen([sys.executable, "-c", WATCHER_CODE, *self.folders],
                                        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        IOLoop.current().add_handler(self.process.stdout.fileno(), self._readable, IOLoop.READ)

    def _readable(self, fd, events) -> None:
        line = self.process.stdout.readline()
        if not line:                                   # the watcher ended: poll from now on
            from tornado.ioloop import IOLoop
            IOLoop.current().remove_handler(fd)
            self.process = None
            self._poll()
            return
        try:
            paths = json.loads(line)
        except ValueError:
            return
        self.on_change(paths)

    def _poll(self) -> None:
        from tornado.ioloop import PeriodicCallback
        last = self._stats()

        def check():
            nonlocal last
            now = self._stats()
            if now != last:
                last = now
                self.on_change(None)

        self.poller = PeriodicCallback(check, POLL_MS)
        self.poller.start()

    def _stats(self) -> dict:
        return {folder: tree_stats(folder) for folder in self.folders}

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process = None
        if self.poller is not None:
            self.poller.stop()
            self.poller = None
