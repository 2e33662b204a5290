"""What `build` prints while people wait: on a terminal a progress bar per stage (run here in a pseudo-terminal,
as a person's shell runs it), in logs and CI the plain stage lines; in both, one page count."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios

from conftest import ROOT, cli, copy_site, tree_digest

STAGE_LINE = re.compile(r"\[\s*\d+\.\d\ds\] (.+)")


def in_terminal(*args: str, columns: int = 100, timeout: int = 120) -> tuple[int, str]:
    """Run `build.py ARGS` with a pseudo-terminal as its stdin, stdout and stderr; (exit code, what it drew)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = dict(os.environ, TERM="xterm", COLUMNS=str(columns))
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *args], stdin=follower, stdout=follower,
                               stderr=follower, cwd=ROOT, env=env, close_fds=True)
    os.close(follower)
    drawn = b""
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:          # EIO: the terminal's other side closed
            break
        if not data:
            break
        drawn += data
    os.close(leader)
    return process.wait(timeout=timeout), drawn.decode("utf-8")


def screen_lines(drawn: str) -> list[str]:
    """The lines a terminal shows at the end: each '\\r' returns to the start of the line, which the next text
    overwrites; cursor show/hide sequences draw nothing."""
    drawn = re.sub(r"\x1b\[\?25[hl]", "", drawn).replace("\r\n", "\n")
    shown = []
    for line in drawn.split("\n"):
        current = ""
        for part in line.split("\r"):
            current = part + current[len(part):]
        shown.append(current.rstrip())
    return [line for line in shown if line]


def test_a_terminal_sees_a_bar_per_stage(tmp_path):
    root = copy_site("minimal", tmp_path)
    code, drawn = in_terminal("build", "--site", str(root), "--out", str(tmp_path / "out"), "--no-search")
    assert code == 0, drawn
    assert not STAGE_LINE.search(drawn), "plain stage lines on a terminal"
    # the bar is drawn again as the work gets done, on the same line, and ends full
    bars = re.findall(r"rendering and writing 30 pages and 4 other files +\[([#-]+)\] +(\d+)%", drawn)
    assert len(bars) >= 2 and bars[0][1] == "0" and bars[-1] == ("#" * 30, "100")
    assert re.search(r"loading and checking +\[[#-]+\] +\d+%", drawn), "no bar while the Markdown is converted"
    shown = screen_lines(drawn)
    assert shown[0].startswith("loading and checking  [") and shown[0].endswith("100%")
    assert shown[1] == "rendering and writing 30 pages and 4 other files  [" + "#" * 30 + "]  100%"
    assert re.fullmatch(r"built 30 pages \(\d+ files\) into .* in \d+\.\d\ds", shown[2])
    assert len(shown) == 3


def test_an_error_after_the_bar_starts_on_its_own_line(tmp_path):
    root = copy_site("minimal", tmp_path)
    shutil.copytree(ROOT / "templates", root / "templates")      # a site's own templates replace the bundled ones
    template = root / "templates" / "paper.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{{ paper.title }}", "{{ paper.titel }}", 1),
                        encoding="utf-8")
    code, drawn = in_terminal("build", "--site", str(root), "--out", str(tmp_path / "out"), "--no-search")
    assert code == 1, drawn
    shown = screen_lines(drawn)
    bar = next(i for i, line in enumerate(shown) if line.startswith("rendering and writing"))
    assert shown[bar].endswith("%")
    assert re.match(r"templates/paper\.html:\d+: error: undefined template variable", shown[bar + 1]), shown
    assert shown[-1] == "build failed; the previous output was left untouched"


def test_logs_get_the_plain_stage_lines_and_one_page_count(tmp_path):
    root = copy_site("minimal", tmp_path)
    result = cli("build", "--site", str(root), "--out", str(tmp_path / "out"), "--no-search")
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    stages = [STAGE_LINE.fullmatch(line)[1] for line in result.stderr.splitlines()]
    assert stages == ["loading and checking", "rendering and writing 30 pages and 4 other files"]
    built = re.fullmatch(r"built (\d+) pages \((\d+) files\) into .*\n", result.stdout)
    assert built and built[1] == "30" and int(built[2]) == len(tree_digest(tmp_path / "out"))
    pages = [p for p in tree_digest(tmp_path / "out") if p.endswith(".html")]
    assert len(pages) == 30
