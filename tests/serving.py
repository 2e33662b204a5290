"""`serve` started as a real process for tests: a free port, its log, its own process group."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(root: Path, log_path: Path, *args: str, port: int | None = None):
    """`serve` in its own session, once it says it is serving; returns (process, base URL)."""
    port = port or free_port()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen([sys.executable, "-u", str(ROOT / "build.py"), "serve", "--site", str(root),
                                    "--port", str(port), *args],
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 180
    while "serving " not in log_path.read_text(encoding="utf-8"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(log_path.read_text(encoding="utf-8"))
        time.sleep(0.1)
    time.sleep(1.0)                                   # the watcher process starts with the event loop
    return process, f"http://127.0.0.1:{port}"


def stop(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


@contextmanager
def serving(root: Path, log_path: Path, *args: str):
    process, url = start_serve(root, log_path, *args)
    try:
        yield url
    finally:
        stop(process)
