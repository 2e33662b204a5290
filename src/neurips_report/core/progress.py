"""Build progress: a bar per stage on an interactive terminal (click's progress bar), plain stage lines
otherwise (CI, logs: `[  0.05s] loading and checking`)."""

from __future__ import annotations

import sys
import time

import click


class Progress:
    """stage(name) when a stage starts; count(total) when the stage knows how much countable work it has
    (pages to write, Markdown bodies to convert), then advance(n) as it gets done; done() at the end."""

    def __init__(self, stream=None, interactive: bool | None = None):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.started = time.perf_counter()
        self.name = ""
        self.bar = None              # the stage's click progress bar, once it has a total

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.done()                  # ends the bar's line before an error is printed below it

    def stage(self, name: str, total: int | None = None) -> None:
        self._end_stage()
        self.name = name
        if not self.interactive:
            self.stream.write(f"[{time.perf_counter() - self.started:6.2f}s] {name}\n")
            self.stream.flush()
        elif total:
            self.count(total)
        else:
            self.stream.write(name)  # a label until the stage has a total (or ends)
            self.stream.flush()

    def count(self, total: int) -> None:
        if not self.interactive or self.bar is not None or total <= 0:
            return
        # no ETA: work comes back from the workers in bursts (a chunk at a time), which click's ETA misreads
        self.bar = click.progressbar(length=total, label=self.name, file=self.stream, width=30, show_pos=False,
                                     show_percent=True, show_eta=False, update_min_steps=max(1, total // 200))
        self.bar.__enter__()

    def advance(self, steps: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(steps)

    def done(self) -> None:
        self._end_stage()
        self.name = ""

    def _end_stage(self) -> None:
        if not self.interactive or not self.name:
            return
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        else:
            self.stream.write("\n")
            self.stream.flush()


class Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def count(self, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def done(self) -> None:
        pass
