"""A persistent build cache: results that are expensive and a pure function of their inputs
(rendered Markdown bodies, formatted references, fingerprints of rendered pages), keyed by a digest
of those inputs and of the generator's own code and library versions.

The cache lives in <site>/.cache/ unless Options says otherwise. It is stored as JSON and never
unpickled, so a cache folder that came with a site cannot run code (pickle only serves to hash
template contexts, see fingerprint()). Anything unreadable is ignored (the build is then
simply cold); every store is rewritten atomically, holding only what the last build used, so it
never grows beyond one site's worth. Results are only ever reused when their recorded dependencies
still give the same answers (see resolve.cached_body), so a cached build is byte-identical to a
cold one.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import types
from functools import lru_cache
from importlib import metadata
from pathlib import Path

FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent          # all of neurips_report: its code is part of every key
LIBRARIES = ("markdown", "pymdown-extensions", "nh3", "latex2mathml", "pybtex", "latexcodec", "jinja2", "markupsafe")


@lru_cache(maxsize=None)
def code_version() -> str:
    """Digest of this package's source and the versions of the libraries that shape its output."""
    h = hashlib.blake2b(f"format {FORMAT}".encode(), digest_size=16)
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    return h.hexdigest()


def template_bytecode_cache():
    """Jinja's cache of compiled templates, in its own per-user folder under the system temp dir (never in
    the site, whose files may come from anyone), or None where that folder cannot be made. Jinja keys a
    template by name and source only, but compiled code names our extensions by module path: the code
    version in the file names keeps one release of the package from loading another's compiled code."""
    import jinja2
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__neurips_report_{code_version()[:16]}_%s.cache")
    except (OSError, RuntimeError):
        return None


def digest(*parts) -> str:
    """A stable digest of JSON-able parts (strings are hashed as they are)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, str) else json.dumps(part, sort_keys=True, ensure_ascii=False, default=str)
        h.update(data.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class Store:
    """One namespace of the cache: key -> JSON value, loaded on first use."""

    def __init__(self, path: Path | None):
        self.path = path
        self._old: dict | None = None
        self.new: dict = {}
        self.hits = self.misses = 0
        self.dirty = False             # a put() that differs from what was loaded

    def _load(self) -> dict:
        if self._old is None:
            self._old = {}
            if self.path is not None:
                try:
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                    if isinstance(data, dict) and data.get("version") == code_version():
                        self._old = data.get("items", {})
                except (OSError, ValueError):
                    pass
        return self._old

    def get(self, key: str):
        if key in self.new:
            return self.new[key]
        value = self._load().get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self.new[key] = value          # kept: used by this build
        return value

    def put(self, key: str, value) -> None:
        if not self.dirty and self._load().get(key) != value:
            self.dirty = True
        self.new[key] = value

    def save(self) -> None:
        """Write what this build used, if anything differs from what was loaded."""
        if self.path is None or (self._old is not None and not self.dirty and self.new.keys() == self._old.keys()) \
                or (self._old is None and not self.new):
            return
        write_json_atomic(self.path, {"version": code_version(), "items": self.new})
        self._old, self.dirty = dict(self.new), False


class BuildCache:
    """The stores of one site; a BuildCache(None) remembers nothing."""

    def __init__(self, directory: Path | None):
        self.directory = directory
        self.stores: dict[str, Store] = {}

    def store(self, name: str) -> Store:
        if name not in self.stores:
            self.stores[name] = Store(self.directory / f"{name}.json" if self.directory else None)
        return self.stores[name]

    def save(self) -> None:
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tag = self.directory / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# neurips-report build cache; safe to delete.\n", encoding="utf-8")
            for store in self.stores.values():
                store.save()
        except OSError:
            pass                           # a cache that cannot be written only costs time


def write_json_atomic(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            _write_json(out, data, depth=2)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_json(out, value, depth: int) -> None:
    """json.dump(value, out), but with the C encoder (json.dump runs the pure-Python one) one value at a
    time for the outer `depth` levels of dicts, so that a large store is never one string in memory."""
    if depth == 0 or not isinstance(value, dict):
        out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
        return
    out.write("{")
    for i, (key, item) in enumerate(value.items()):
        out.write(("," if i else "") + json.dumps(str(key), ensure_ascii=False) + ":")
        _write_json(out, item, depth - 1)
    out.write("}")


# -- fingerprints of rendered pages --------------------------------------------------------------------
def fingerprint(*values) -> str | None:
    """Digest of everything in `values` (pickled, which is fast and complete), or None if something in
    them cannot be pickled. Functions found directly in a dict (template helpers such as `asset` and
    `loc`) count by their name and the values they close over. Pickle's memo makes the bytes depend
    on which equal values are shared objects too, and sets pickle in hash order; both can only turn a
    hit into a miss, never the reverse."""
    try:
        data = pickle.dumps(tuple(_with_functions_named(v) for v in values), protocol=5)
    except Exception:  # noqa: BLE001 - anything that cannot be pickled is simply rendered every time
        return None
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _with_functions_named(value):
    if not isinstance(value, dict):
        return value
    return {key: ("function", item.__module__, item.__qualname__, item.__defaults__,
                  tuple(cell.cell_contents for cell in item.__closure__ or ()))
            if isinstance(item, types.FunctionType) else item for key, item in value.items()}


def folder_digest(folder: Path) -> str:
    """Digest of every file's path and bytes under folder."""
    h = hashlib.blake2b(digest_size=20)
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\x00")
            h.update(path.read_bytes())
            h.update(b"\x00")
    return h.hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


# -- the manifest of a finished build --------------------------------------------------------------------
def walk_files(folder: Path | str):
    """(path relative to folder, os.DirEntry) of every entry under folder that is not a folder, in the
    order the file system lists them; links are not followed (a link to a folder is an entry). The one
    walker of source and output trees."""
    def walk(path: str, prefix: str):
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError:
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path, prefix + entry.name + "/")
            else:
                yield prefix + entry.name, entry

    return walk(str(folder), "")


def tree_stats(folder: Path) -> dict[str, list[int]]:
    """rel path -> [size, mtime_ns] of every file under folder (of a link, the link's own), in the order the
    file system lists them (compare them as dicts, or digest them with sorted keys)."""
    result: dict = {}
    for rel, entry in walk_files(folder):
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        result[rel] = [st.st_size, st.st_mtime_ns]
    return result


class Manifest:
    """What the last build read and wrote (`build` answers at once when all of it is unchanged): the
    size and time of every source file, the options and the code, and of every output file. Like
    make's timestamps, a change that keeps both a file's size and its modification time is not seen."""

    def __init__(self, directory: Path | None):
        self.path = directory / "manifest.json" if directory is not None else None

    def key(self, sources: dict, settings: dict) -> str:
        return digest(code_version(), settings, sources)

    def unchanged(self, key: str, out: Path) -> dict | None:
        """The record of the last build if it had this key and its output is as it left it."""
        if self.path is None:
            return None
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("key") != key or record.get("out") != str(out):
            return None
        return record if tree_stats(out) == record.get("outputs") else None

    def save(self, key: str, out: Path, result: dict) -> None:
        if self.path is None:
            return
        try:
            write_json_atomic(self.path, dict(result, key=key, out=str(out), outputs=tree_stats(out)))
        except OSError:
            pass

    def forget(self) -> None:
        if self.path is not None:
            try:
                self.path.unlink()
            except OSError:
                pass
