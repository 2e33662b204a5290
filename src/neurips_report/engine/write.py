"""Write a finished site into a fresh sibling directory, then swap it in atomically."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2


class OutputError(Exception):
    pass


SOURCE_DIRS = ("content", "templates", "static")


def check_output(out: Path, site_root: Path) -> None:
    """Refuse an output folder whose replacement would destroy sources or a folder that is not a built site."""
    out, site_root = out.resolve(), site_root.resolve()
    if site_root.is_relative_to(out):
        raise OutputError(f"the output folder {out} contains the site's sources; choose another --out")
    for name in SOURCE_DIRS:
        if out.is_relative_to(site_root / name):
            raise OutputError(f"the output folder {out} is inside the site's {name}/ folder; choose another --out")
    if out.is_dir() and not (out / "index.html").is_file() and any(out.iterdir()):
        raise OutputError(f"{out} is not empty and is not a built site (it has no index.html); "
                          "a build replaces the whole folder, so choose a new or empty one")
    blocker = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise OutputError(f"cannot create the output folder {out}: {blocker} is a file, not a folder")


def staging_dir(out: Path) -> Path:
    """A new empty directory beside `out` (same filesystem, so renames are atomic)."""
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(out)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    except OSError as exc:
        raise OutputError(f"cannot create a build directory in {parent}: {exc.strerror}") from exc


def remove_stale(out: Path) -> None:
    """Remove what a killed earlier build left behind."""
    parent = out.resolve().parent
    for prefix in (f".{out.name}.tmp-", f".{out.name}.old-"):
        for stale in parent.glob(prefix + "*"):
            shutil.rmtree(stale, ignore_errors=True)


def swap_in(new: Path, out: Path, keep: Path | None = None) -> None:
    """Make `new` the output directory; the old one is replaced in a single step. With `keep`, the
    previous tree is moved there (for recycle_tree) instead of being deleted, where that is possible."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a directory")
    if out.is_dir() and _exchange(new, out):
        if not (keep is not None and _move(new, keep)):
            shutil.rmtree(new, ignore_errors=True)   # `new` now holds the previous site
        return
    old = None
    if out.is_dir():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rename(out, old / "site")
    os.rename(new, out)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two directories atomically."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd = -100
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _move(tree: Path, keep: Path) -> bool:
    try:
        if keep.exists():
            shutil.rmtree(keep, ignore_errors=True)
        keep.parent.mkdir(parents=True, exist_ok=True)
        os.rename(tree, keep)
        return True
    except OSError:
        return False


def recycle_tree(spare: Path, staging: Path, keep: set[str]) -> bool:
    """Turn `staging` (new and empty) into the tree of an earlier build kept at `spare` (see swap_in),
    minus every file and folder not in `keep` (rel paths of the files this build writes). The files
    left may be hard links shared with the live output: write_file and link_or_write replace them,
    never write into them. Saves creating (and later deleting) one folder per page. False if there is
    no usable spare tree."""
    try:
        if not spare.is_dir() or spare.is_symlink() or os.stat(spare).st_dev != os.stat(staging).st_dev:
            return False
        os.rename(spare, staging)               # onto the empty staging folder
    except OSError:
        return False
    needed = {""}
    for rel in keep:
        parts = rel.split("/")
        for i in range(1, len(parts)):
            needed.add("/".join(parts[:i]))
    base = str(staging)
    for dirpath, dirnames, filenames in os.walk(base, topdown=False):
        rel_dir = os.path.relpath(dirpath, base).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            if rel_dir + name not in keep:
                os.unlink(os.path.join(dirpath, name))
        if rel_dir.rstrip("/") not in needed:
            os.rmdir(dirpath)
    return True


def write_file(root: Path, rel: str, data: bytes | str) -> None:
    """Write a new file; a file already there (in a recycled tree, possibly a hard link to the live
    output) is replaced, never written into."""
    path = root / rel
    data = data.encode("utf-8") if isinstance(data, str) else data
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def keep_or_write(root: Path, rel: str, data: bytes) -> None:
    """write_file, unless the file there (of a recycled tree) already has exactly these bytes: reading a
    small file is cheaper than replacing it (the citation files are three per paper)."""
    try:
        with open(root / rel, "rb") as handle:
            if handle.read(len(data) + 1) == data:
                return
    except OSError:
        pass
    write_file(root, rel, data)


def link_or_write(previous: Path, root: Path, rel: str, data: bytes) -> None:
    """Put an unchanged file into the new tree as a hard link to the previous build's copy
    (no data written), or write `data` where linking is not possible."""
    path = root / rel
    try:
        os.link(previous, path)
        return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        try:
            if os.path.samestat(os.lstat(path), os.stat(previous)):
                return                           # a recycled tree already has this very file
            os.unlink(path)
        except OSError:
            pass
    try:
        os.link(previous, path)
    except OSError:
        write_file(root, rel, data)


def replace_file(path: Path, data: bytes) -> None:
    """Write one file of a live output atomically (a temporary file beside it, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
