"""Build progress: a bar on an interactive terminal, plain stage lines otherwise (CI, logs)."""

from __future__ import annotations

import sys
import time


class Progress:
    """Call stage(name) when a stage starts and step(done, total) inside long stages."""

    def __init__(self, stream=None, interactive: bool | None = None):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.name = ""
        self.started = time.perf_counter()
        self.last_draw = 0.0

    def stage(self, name: str) -> None:
        self._end_line()
        self.name = name
        if not self.interactive:
            self.stream.write(f"[{time.perf_counter() - self.started:6.2f}s] {name}\n")
            self.stream.flush()

    def step(self, done: int, total: int) -> None:
        if not self.interactive or total <= 0:
            return
        now = time.perf_counter()
        if done < total and now - self.last_draw < 0.05:
            return
        self.last_draw = now
        width = 30
        filled = int(width * done / total)
        self.stream.write(f"\r{self.name:<18} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()

    def done(self) -> None:
        self._end_line()

    def _end_line(self) -> None:
        if self.interactive and self.name:
            self.stream.write("\n")
            self.stream.flush()


class Silent:
    def stage(self, name: str) -> None:
        pass

    def step(self, done: int, total: int) -> None:
        pass

    def done(self) -> None:
        pass
