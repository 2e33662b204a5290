"""Discover `<kind>/<slug>.<lang>.md` files and merge them into entries."""

from __future__ import annotations

from pathlib import Path

from ..model.content import ENTRY_CLASSES, Entry, Version
from ..model.problems import Problems, did_you_mean
from ..model.kinds import BY_FOLDER, KINDS
from ..model.schema import FIELDS, SLUG_RE, check_value, unknown_field_hint, value_hint
from ..model.sources import entry_name
from .frontmatter import load_markdown


def load_entries(content: Path, languages: list[str], problems: Problems, store=None) -> dict[str, dict[str, Entry]]:
    """Load every entry of every kind; problems for bad names, fields and disagreements (`store`: a
    cache.Store of parsed front matter)."""
    entries = {}
    for kind in (k.folder for k in KINDS):
        folder = content / kind
        if folder.is_symlink() and not _inside(folder, content):
            problems.unreadable(folder, 1, "symlink points outside the content directory",
                                "copy the folder into content/ instead of linking to it")
            folder = None
        files = sorted(folder.iterdir()) if folder and folder.is_dir() else []
        entries[kind] = _load_kind(kind, content, files, languages, problems, store)
    return entries


def load_kind_files(kind, content, files, languages, problems, store=None) -> dict[str, Entry]:
    """Entries of one kind from the given files (all of one kind's folder, or one entry's)."""
    return _load_kind(kind, content, files, languages, problems, store)


def _load_kind(kind, content, files, languages, problems, store=None) -> dict[str, Entry]:
    grouped: dict[str, dict[str, Version]] = {}
    folded: dict[str, str] = {}
    broken: set[str] = set()       # slugs with a version that could not be loaded
    for path in files:
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.is_symlink() and not _inside(path, content):
            problems.unreadable(path, 1, "symlink points outside the content directory",
                                "copy the file into content/ instead of linking to it")
            continue
        name = entry_name(path.name)
        if name is None:
            problems.error(path, 1, f"cannot tell slug and language from the file name '{path.name}'",
                           f"name it <slug>.<lang>.md, e.g. my-{BY_FOLDER[kind].name}.{languages[0]}.md")
            continue
        slug, lang = name
        if not SLUG_RE.match(slug):
            problems.error(path, 1, f"'{slug}' is not a valid slug",
                           "use lowercase letters, digits and '-' only (no spaces, dots or '..')")
            continue
        if lang not in languages:
            listed = f"site.yaml lists the languages {', '.join(languages)}"
            close = did_you_mean(lang, languages)
            problems.error(path, 1, f"unknown language '{lang}'", f"{close} ({listed})" if close else listed)
            continue
        other = folded.setdefault(slug.casefold(), slug)
        if other != slug:
            problems.error(path, 1, f"slug '{slug}' differs from '{other}' only by case",
                           "slugs become URLs; rename one of them")
            continue
        source = load_markdown(path, problems, store)
        if source is None:
            broken.add(slug)
            continue
        _check_fields(kind, source, problems)
        grouped.setdefault(slug, {})[lang] = Version(lang, path, source.meta, source.body, source.body_line)
    result = {}
    for slug in sorted(grouped):
        versions = {lang: grouped[slug][lang] for lang in languages if lang in grouped[slug]}
        # a version that failed to load may be the one giving a shared field: its absence is not reported
        shared = _merge_shared(kind, versions, problems, complete=slug not in broken)
        result[slug] = _make_entry(kind, slug, versions, shared)
    return result


def _make_entry(kind: str, slug: str, versions: dict[str, Version], shared: dict) -> Entry:
    """The Section, Talk, Track or Paper with these checked language-neutral fields (a list becomes a tuple)."""
    values = {name: tuple(value) if isinstance(value, list) else value for name, value in shared.items()}
    return ENTRY_CLASSES[kind](slug, versions, **values)


def _check_fields(kind, source, problems) -> None:
    specs = {f.name: f for f in FIELDS[kind]}
    lines = source.meta.lines
    for name, value in source.meta.items():
        spec = specs.get(name)
        if spec is None:
            problems.error(source.path, lines[name], f"unknown field '{name}'", unknown_field_hint(kind, name))
            continue
        message = check_value(spec, value)
        if message:
            problems.error(source.path, lines[name], message, value_hint(spec, value))
    for spec in FIELDS[kind]:
        if spec.required and not spec.shared and spec.name not in source.meta:
            problems.error(source.path, 1, f"missing required field '{spec.name}'",
                           f"add '{spec.name}: ...' to the front matter")


def _merge_shared(kind, versions: dict[str, Version], problems, complete: bool = True) -> dict:
    """Language-neutral fields may be given in any version but must agree: name -> value, for those given
    with a good value."""
    data, origin = {}, {}
    for spec in FIELDS[kind]:
        if not spec.shared:
            continue
        for version in versions.values():
            if spec.name not in version.meta or check_value(spec, version.meta[spec.name]):
                continue
            value = version.meta[spec.name]
            if spec.name in data and data[spec.name] != value:
                first = origin[spec.name]
                problems.error(version.path, version.line_of(spec.name),
                               f"'{spec.name}' differs from the {first.lang} version",
                               f"{first.path.name} says {data[spec.name]!r}; language versions must agree")
            data.setdefault(spec.name, value)
            origin.setdefault(spec.name, version)
        if spec.required and spec.name not in data and versions and complete:
            version = next(iter(versions.values()))
            if spec.name not in version.meta:
                problems.error(version.path, 1, f"missing required field '{spec.name}'",
                               f"add '{spec.name}: ...' to the front matter")
    return data


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False
