"""Read a source file as UTF-8 text, reporting unreadable files as problems."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model.problems import Problems

MAX_BYTES = 5 * 1024 * 1024              # Markdown, YAML and anything else written by hand
DATA_MAX_BYTES = 100 * 1024 * 1024       # data files (.bib, .json), which grow with the conference
DATA_SUFFIXES = (".bib", ".json")


def max_bytes(path: Path) -> int:
    return DATA_MAX_BYTES if path.suffix.lower() in DATA_SUFFIXES else MAX_BYTES


def read_text(path: Path, problems: Problems) -> str | None:
    """Return the file's text (without a UTF-8 byte-order mark, with \\n line ends), or None after recording
    why it cannot be used."""
    if _escapes(path, problems.root, problems):
        problems.unreadable(path, 1, "symlink points outside the site folder",
                            f"it links to {os.path.realpath(path)}; copy the file into the site instead")
        return None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.unreadable(path, 1, "not a regular file", "content files must be plain UTF-8 text files")
            return None
        limit = max_bytes(path)
        if info.st_size > limit:
            problems.unreadable(path, 1, f"file is too large ({info.st_size:,} bytes; "
                                f"the limit is {limit:,})", "split it into smaller files")
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
    try:
        text = data.decode("utf-8-sig")   # a byte-order mark (some Windows editors write one) is dropped, as Hugo and MkDocs do
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.unreadable(path, line, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})",
                            "save the file as UTF-8")
        return None
    if not text.strip():
        problems.unreadable(path, 1, "file is empty")
        return None
    return text.replace("\r\n", "\n")


def _escapes(path: Path, root: Path, problems: Problems | None = None) -> bool:
    """A path inside the site folder that is a link to somewhere outside it."""
    if not _within(os.path.abspath(path), os.path.abspath(root)):
        return False
    memo = problems.__dict__.setdefault("_real_dirs", {}) if problems is not None else {}
    return not _within(_realpath(os.path.abspath(path), memo), _realpath(os.path.abspath(root), memo))


def _within(path: str, folder: str) -> bool:
    """Path(path).is_relative_to(folder) for absolute, normalised paths, without pathlib's parsing."""
    return path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _realpath(path: str, memo: dict) -> str:
    """os.path.realpath, resolving each folder once per build (a site has thousands of files in a few folders)."""
    if os.path.islink(path):
        return os.path.realpath(path)
    head, tail = os.path.split(path)
    if not tail:
        return os.path.realpath(path)
    if head not in memo:
        memo[head] = os.path.realpath(head)
    return os.path.join(memo[head], tail)
