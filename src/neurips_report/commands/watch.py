"""File-change events for `serve`: a small watcher process (watchfiles, inotify on Linux) writes the
changed paths to a pipe that the server's event loop reads. Nothing polls or walks the tree, and the
server process runs no extra thread (its full builds fork workers)."""

from __future__ import annotations

import json
import subprocess
import sys

from livereload.watcher import Watcher

STEP_MS = 15        # changes are reported once none came for this long (editors write in bursts)

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


class EventWatcher(Watcher):
    """livereload's watcher, told of changes by the OS instead of checking every file's mtime every
    0.8 s; `on_change(paths)` runs in the server's event loop. Falls back to polling when watchfiles
    cannot start."""

    def __init__(self, folders: list[str], on_change, delay: float = 0.05):
        super().__init__()
        self.folders, self.on_change, self.delay = folders, on_change, delay
        self.pending: set[str] = set()
        self.process = None
        self.callback = None

    def start(self, callback) -> bool:
        try:
            import watchfiles  # noqa: F401
            from tornado.ioloop import IOLoop
        except ImportError:
            return False
        self.callback = callback
        self.process = subprocess.Popen([sys.executable, "-c", WATCHER_CODE, *self.folders],
                                        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        IOLoop.current().add_handler(self.process.stdout.fileno(), self._readable, IOLoop.READ)
        return True

    def _readable(self, fd, events) -> None:
        line = self.process.stdout.readline()
        if not line:                                   # the watcher ended: poll from now on
            from tornado.ioloop import IOLoop, PeriodicCallback
            IOLoop.current().remove_handler(fd)
            self.process = None
            PeriodicCallback(self.callback, 800).start()
            return
        try:
            self.pending.update(json.loads(line))
        except ValueError:
            return
        self.callback()

    def examine(self):
        if self.process is None:
            return super().examine()
        if self._changes:                              # livereload's own message; the files come next
            if self.pending:
                from tornado.ioloop import IOLoop
                IOLoop.current().add_callback(self.callback)
            return self._changes.pop()
        if not self.pending:
            return None, None
        paths, self.pending = sorted(self.pending), set()
        self.on_change(paths)
        self.filepath = paths[0]
        return paths[0], self.delay

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process = None
