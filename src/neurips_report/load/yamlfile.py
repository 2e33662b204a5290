"""YAML through PyYAML's C loader, keeping the line of every key and list item."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Problems
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
    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


class _LineLoader(yaml.CSafeLoader):
    """C-parsed YAML; refuses duplicate keys and aliases (no YAML bombs)."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            raise YAMLContentError(node.start_mark.line + 1, "YAML aliases are not allowed in content",
                                   "write the value out instead of using '&anchor' / '*alias'")
        return super().construct_object(node, deep=deep)

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
    """Parse YAML text; on failure record a problem and return None."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except YAMLContentError as exc:
        problems.error(path, exc.line + first_line - 1, exc.message, exc.hint)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + first_line - 1
        message = f"invalid YAML: {exc.problem or exc.context}"
        hint = next((h for key, h in _HINTS.items() if key in str(exc)), "")
        problems.error(path, line, message, hint)
    except (yaml.YAMLError, RecursionError) as exc:
        problems.error(path, first_line, f"invalid YAML: {str(exc).splitlines()[0]}")
    return None


def load_yaml(path: Path, problems: Problems):
    """Read and parse a YAML file; None (with a problem recorded) when unusable."""
    text = read_text(path, problems)
    return None if text is None else parse_yaml(text, path, problems)
