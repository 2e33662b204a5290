"""Read a source file as UTF-8 text, reporting unreadable files as problems."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import Problems

MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path, problems: Problems) -> str | None:
    """Return the file's text, or None after recording why it cannot be used."""
    if _escapes(path, problems.root):
        problems.unreadable(path, 1, "symlink points outside the site folder",
                            f"it links to {os.path.realpath(path)}; copy the file into the site instead")
        return None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.unreadable(path, 1, "not a regular file", "content files must be plain UTF-8 text files")
            return None
        if info.st_size > MAX_BYTES:
            problems.unreadable(path, 1, f"file is too large ({info.st_size:,} bytes; "
                                f"the limit is {MAX_BYTES:,})", "split it into smaller files")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.unreadable(path, 1, f"cannot read file: {exc.strerror}")
        return None
    if b"\0" in data:
        line = data[:data.index(b"\0")].count(b"\n") + 1
        problems.unreadable(path, line, "binary data (NUL byte) in a text source",
                            "content files must be UTF-8 text; move binary files to static/")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.unreadable(path, 1, "file starts with a byte-order mark (BOM)",
                            "save the file as UTF-8 without BOM")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.unreadable(path, line, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})",
                            "save the file as UTF-8")
        return None
    if not text.strip():
        problems.unreadable(path, 1, "file is empty")
        return None
    return text.replace("\r\n", "\n")


def _escapes(path: Path, root: Path) -> bool:
    """A path inside the site folder that is a link to somewhere outside it."""
    inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))
    return inside and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
