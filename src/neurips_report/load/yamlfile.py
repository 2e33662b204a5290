"""YAML through PyYAML's C loader, keeping the line of every key and list item."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..model.problems import Problems, did_you_mean
from .text import read_text


class Mapping(dict):
    """A dict that remembers its own line and the line of each key (1-based)."""

    line: int = 1
    lines: dict


class Sequence(list):
    """A list that remembers its own line and the line of each item (1-based)."""

    line: int = 1
    lines: list


class YAMLContentError(Exception):
    def __init__(self, line: int, message: str, hint: str = "", alias: bool = False):
        super().__init__(message)
        self.line, self.message, self.hint, self.alias = line, message, hint, alias


MAX_DEPTH = 32   # levels of nested lists and mappings; far above what content needs, far below the stack limit


class _LineLoader(yaml.CSafeLoader):
    """C-parsed YAML; refuses duplicate keys and aliases (no YAML bombs)."""

    depth = 0

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            # the node is the anchored one (the C loader keeps no position of the alias): see _alias_line
            raise YAMLContentError(node.start_mark.line + 1, "YAML aliases are not allowed in content",
                                   "write the value out instead of using '&anchor' / '*alias'", alias=True)
        if self.depth >= MAX_DEPTH:
            raise YAMLContentError(node.start_mark.line + 1, f"YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                                   "content needs only a few levels of lists and fields")
        self.depth += 1
        try:
            return super().construct_object(node, deep=deep)
        except (YAMLContentError, yaml.YAMLError):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            # PyYAML's constructors raise plain exceptions for values such as 2031-02-30
            line = node.start_mark.line + 1
            if node.tag == "tag:yaml.org,2002:timestamp":
                raise YAMLContentError(line, f"invalid date '{node.value}'",
                                       "write a real date as YYYY-MM-DD, or quote the value if it is text") from None
            raise YAMLContentError(line, f"invalid {node.tag.rsplit(':', 1)[-1]} value '{node.value}'",
                                   "fix the value, or quote it if it is text") from None
        finally:
            self.depth -= 1

    def construct_yaml_map(self, node):
        data = Mapping()
        data.line = node.start_mark.line + 1
        data.lines = {}
        yield data
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YAMLContentError(key_node.start_mark.line + 1, "YAML merge keys ('<<') are not allowed in content")
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YAMLContentError(line, f"a key must be a plain word, not {type(key).__name__}")
            if key in data:
                raise YAMLContentError(line, f"duplicate key '{key}'",
                                       f"it is already set on line {data.lines[key]}; keep one")
            data[key] = self.construct_object(value_node, deep=True)
            data.lines[key] = line

    def construct_yaml_seq(self, node):
        data = Sequence()
        data.line = node.start_mark.line + 1
        data.lines = [child.start_mark.line + 1 for child in node.value]
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_yaml_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_yaml_seq)

_HINTS = {
    "found character '\\t'": "YAML does not allow tabs; indent with spaces",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "found unexpected end": "a quote or bracket is not closed",
    "mapping values are not allowed": "indentation is off, or a value containing ': ' needs quotes",
    "did not find expected key": "check the indentation of this block",
    "could not find expected ':'": "a key is missing its ':' or a quote is not closed",
    "found undefined alias": "YAML aliases are not allowed in content",
}


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1):
    """Parse YAML text that starts on line `first_line` of its file; on failure record a problem, return None."""
    padded = "\n" * (first_line - 1) + text   # every line the loader records is then a line of the file
    try:
        return yaml.load(padded, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except YAMLContentError as exc:
        line = (_alias_line(padded) or exc.line) if exc.alias else exc.line
        problems.unreadable(path, line, exc.message, exc.hint)
    except yaml.MarkedYAMLError as exc:
        problems.unreadable(path, *_explain(exc, padded.split("\n")))
    except (yaml.YAMLError, RecursionError) as exc:
        problems.unreadable(path, first_line, f"invalid YAML: {str(exc).splitlines()[0]}")
    return None


def _alias_line(text: str) -> int | None:
    """The line of the first alias of a list or mapping, found by PyYAML's pure-Python parser: the C loader
    hands the constructor the anchored node itself, whose position is the anchor's, not the alias's. Only
    events are read (nothing is built), so even a 'billion laughs' text takes linear time."""
    collections = set()
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.anchor:
                collections.add(event.anchor)
            elif isinstance(event, yaml.AliasEvent) and event.anchor in collections:
                return event.start_mark.line + 1
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str]:
    """(line, message, hint) for a syntax error, pointing at its cause rather than where the parser gave up."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    if "could not find expected ':'" in (exc.problem or "") and exc.context_mark:
        # "while scanning a simple key": the parser notices on the next line; the key is where the ':' is missing
        key_line = exc.context_mark.line + 1
        opened = _unclosed_quote(lines, key_line)
        if opened:
            return opened, "invalid YAML: a quote is not closed", "close the quote on this line"
        return key_line, "invalid YAML: a ':' is missing after the key", \
            "write 'key: value', with a space after the ':'"
    if "quoted scalar" in (exc.context or "") and exc.context_mark:
        return exc.context_mark.line + 1, "invalid YAML: a quote is not closed", "close the quote on this line"
    if "nesting depth" in (exc.problem or ""):
        return line, "YAML is nested too deeply", "content needs only a few levels of lists and fields"
    if "did not find expected ','" in (exc.problem or "") and exc.context_mark:
        bracket = "[" if "sequence" in (exc.context or "") else "{"
        return exc.context_mark.line + 1, f"invalid YAML: a '{bracket}' is not closed", \
            f"close it with '{']' if bracket == '[' else '}'}' and separate the items with commas"
    opened = _unclosed_quote(lines, line) or _quote_run_on(lines, line)
    if opened:
        return opened, "invalid YAML: a quote is not closed", "close the quote on this line"
    if "did not find expected key" in (exc.problem or "") and _KEY_THEN_FLOW_RE.match(_row(lines, line)):
        # `title {en: A, zh: B}`: 'title {en' reads as a key, then the ',' is not one
        return line, "invalid YAML: a ':' is missing after the key", "write 'key: value', with a space after the ':'"
    if "mapping values are not allowed" in (exc.problem or "") and exc.problem_mark:
        key_line = _key_without_colon(lines, line, exc.problem_mark.column)
        if key_line:
            return key_line, "invalid YAML: a ':' is missing after the key", \
                "write 'key: value', with a space after the ':'"
    row = _row(lines, line)
    if "\t" in row or "tab" in str(exc):
        return line, f"invalid YAML: {exc.problem or exc.context}", "YAML does not allow tabs; indent with spaces"
    hint = next((h for key, h in _HINTS.items() if key in str(exc)), "")
    return line, f"invalid YAML: {exc.problem or exc.context}", hint


def _quote_run_on(lines: list[str], line: int) -> int | None:
    """The first line of a quoted text that ran on over several lines up to the error at `line`: a quote left
    open is closed by the next quote of the file, and the parser fails only after it (PyYAML's pure-Python
    scanner gives the tokens, read up to the error)."""
    last = None
    try:
        for token in yaml.scan("\n".join(lines[:line]), Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.end_mark.line + 1 >= line - 1:
        return last.start_mark.line + 1
    return None


def _row(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


_KEY_THEN_FLOW_RE = re.compile(r"\s*(?:-\s+)*[\w.-]+\s+[{\[]")
_KEY_RE = re.compile(r"^\s*[\w.-]+:$")
_KEY_PREFIX_RE = re.compile(r"\s*(?:-\s+)*")      # what may come before a key on its line: indentation, list dashes


def _key_without_colon(lines: list[str], line: int, column: int) -> int | None:
    """The line of a mapping's first key left without its ':' (`title "A Tiny Model"`, then `authors: [...]`):
    before a mapping has started, PyYAML reads that key, its value and the next key as one plain text running
    over several lines, and fails only at the next key's ':' (`line`, `column`), saying "mapping values are not
    allowed". The plain text's first line is the one missing its ':' (PyYAML's pure-Python scanner gives it)."""
    row = _row(lines, line)
    if not _KEY_RE.match(row[:column + 1]):
        return None
    last = None
    try:
        for token in yaml.scan("\n".join(lines[:line - 1] + [row[:column]]), Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        return None
    if last is None or last.plain is False or last.start_mark.line + 1 >= line:
        return None
    if not _KEY_PREFIX_RE.fullmatch(lines[last.start_mark.line][:last.start_mark.column]):
        return None            # the text began after 'key: ': a value running on, not a key
    return last.start_mark.line + 1


_QUOTED_VALUE_RE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#]*?:\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str], line: int) -> int | None:
    """A line at or just before `line` whose value opens a quote it does not close."""
    for number in range(line, max(line - 3, 0), -1):
        match = _QUOTED_VALUE_RE.match(lines[number - 1]) if number <= len(lines) else None
        if not match:
            continue
        quote, rest = match.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number
    return None


# -- parsed YAML as JSON (for the build cache) -----------------------------------------------------------
def to_json(value):
    """Parsed YAML as JSON that from_json turns back into equal objects (lines included); TypeError for
    anything else (sets, binary, ordered pairs), which is then simply not cached."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is Mapping:
        return ["m", value.line, [[to_json(k), value.lines[k], to_json(v)] for k, v in value.items()]]
    if kind is Sequence:
        return ["s", value.line, list(value.lines), [to_json(v) for v in value]]
    if kind is dt.datetime:
        return ["t", value.isoformat()]
    if kind is dt.date:
        return ["d", value.isoformat()]
    raise TypeError(f"cannot cache {kind.__name__}")


def from_json(value):
    if not isinstance(value, list):
        return value
    tag = value[0]
    if tag == "m":
        data = Mapping()
        data.line = value[1]
        data.lines = {}
        for key, line, item in value[2]:
            key = from_json(key)
            data[key] = from_json(item)
            data.lines[key] = line
        return data
    if tag == "s":
        data = Sequence()
        data.line = value[1]
        data.lines = list(value[2])
        data.extend(from_json(item) for item in value[3])
        return data
    if tag == "t":
        return dt.datetime.fromisoformat(value[1])
    if tag == "d":
        return dt.date.fromisoformat(value[1])
    raise ValueError(f"unknown cached YAML node {tag!r}")


def load_yaml(path: Path, problems: Problems):
    """Read and parse a YAML file; None (with a problem recorded) when unusable."""
    text = read_text(path, problems)
    return None if text is None else parse_yaml(text, path, problems)


def load_mapping(path: Path, problems: Problems) -> Mapping | None:
    """A YAML file that must be a set of 'key: value' fields; None (with a problem recorded) when it is not."""
    raw = load_yaml(path, problems)
    if raw is not None and not isinstance(raw, Mapping):
        problems.error(path, 1, f"{path.name} must be a set of 'key: value' fields")
        return None
    return raw


def check_keys(mapping: Mapping, known, path: Path, problems: Problems, what: str = "field") -> None:
    """An error at the line of each key that is not one of `known`, with 'did you mean' or the known keys."""
    for key in mapping:
        if key not in known:
            problems.error(path, mapping.lines[key], f"unknown {what} '{key}'",
                           did_you_mean(key, known) or f"known fields: {', '.join(sorted(known))}")
