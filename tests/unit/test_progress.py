"""progress: a click progress bar per stage on a terminal, one plain line per stage otherwise; both ask the same
of the pipeline (Silent too)."""

from __future__ import annotations

import io
import re

from neurips_report.core.progress import Progress, Silent


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_without_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    progress.stage("loading and checking")
    progress.count(10)
    progress.advance(10)
    progress.stage("rendering and writing 3 pages", total=3)
    progress.advance(3)
    progress.done()
    progress.done()
    lines = stream.getvalue().splitlines()
    assert [re.sub(r"^\[\s*\d+\.\d\ds\] ", "", line) for line in lines] == \
        ["loading and checking", "rendering and writing 3 pages"]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()


def test_a_bar_per_stage_on_a_terminal():
    stream = Terminal()
    with Progress(stream) as progress:
        progress.stage("loading and checking")        # a label until the stage knows its total
        assert stream.getvalue() == "loading and checking"
        progress.count(4)
        progress.advance(2)
        progress.advance(2)
        progress.stage("indexing for search")          # no countable work: the label alone, on its own line
    drawn = stream.getvalue().replace("\x1b[?25l", "")          # click hides the cursor while it draws
    assert re.search(r"\rloading and checking  \[#{15}-{15}\] +50%", drawn)
    assert re.search(r"\rloading and checking  \[#{30}\] +100%\x1b\[\?25h\n", drawn)
    assert drawn.endswith("\nindexing for search\n")


def test_the_pipeline_may_use_either():
    for progress in (Progress(io.StringIO()), Progress(Terminal()), Silent()):
        progress.stage("a", total=2)
        progress.count(2)
        progress.advance()
        progress.done()


def test_a_stage_with_nothing_to_count_shows_its_label():
    stream = Terminal()
    with Progress(stream) as progress:
        progress.stage("rendering and writing 0 pages", total=0)
        progress.count(0)                              # e.g. every Markdown body came from the cache
    assert stream.getvalue() == "rendering and writing 0 pages\n"
