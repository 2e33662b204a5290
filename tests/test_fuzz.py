"""Property-based fuzzing: a mutated source never ends in an uncaught exception.

Hypothesis takes a real source file (YAML data, i18n strings, Markdown with front matter, BibTeX, the official
JSON list), applies a few random mutations to its bytes (byte flips, deleted, duplicated or swapped lines,
inserted YAML / Markdown / BibTeX punctuation, truncation) and builds the site. The build must either succeed
or raise BuildFailed with well-formed problems; any other exception is a bug in the generator.

The short run (a fixed set of 50 examples) is part of the normal suite; the long run (thousands of random
examples) is marked slow: `pytest tests/test_fuzz.py --run-slow -k long`. See tests/FUZZING.md.
"""

from __future__ import annotations

import datetime
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_site, run_build
from neurips_report.model.problems import BuildFailed, Problem

FILES = [
    "site.yaml", "statistics.yaml", "corrections.yaml", "oral-tracks.yaml", "references.bib",
    "i18n/en.yaml", "i18n/zh.yaml", "papers/ddpm.en.md", "papers/ddpm.zh.md", "papers/byol.en.md",
    "sections/acceptance.en.md", "sections/highlights.zh.md", "talks/genomic-bottleneck.en.md",
    "tracks/01-representation-relational.zh.md", "data/accepted-papers.json",
]

TOKENS = [
    # YAML
    ":", ": ", "- ", "-", "\t", "  ", "\n  ", "&a ", "*a", "&a [1, 2]\nb: *a", "!!python/object:os.system ",
    "!!binary ", "!!set ", "<<: ", "? ", "|", ">-", "#", "---\n", "...\n", "%YAML 1.1\n", "{", "}", "[", "]",
    ",", "'", '"', "~", "null", ".inf", ".nan", "-1", "1e999", "0x1F", "2021-02-30", "yes", "on",
    "[" * 40, "]" * 40,
    # Markdown and the site's extensions
    "\n\n", "[", "](", "![", "![x](images/nope.png)", "](paper:", "[x](paper:nope)", "[x](track:../..)",
    "(page:", "`", "```", "$", "$$", "\\", "$\\frac{$", "!!! editor\n    ", "!!! \n", "[^1]", "[^1]: ",
    "@", "[@", "[@nope]", "[see @", "; @", "**", "_", "==", "~~", "|", "| --- |", "<!--", "-->",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
    "javascript:", "data:text/html,", "<style>", "<iframe>", "&#", "&amp", "<", ">", "{{ 7*7 }}", "{% if %}",
    "%s", "{count}", "{0}", "{names",
    # BibTeX
    "@misc{", "@string{x = {y}}", "@comment{", "@preamble{", "= {", "},", "\" # \"", " and ", "{\\'e}",
    "\\\\", "%", "author = {}",
    # Unicode and control characters
    "\u202e", "\ufeff", "\u00a0", "\u200b", "\x00", "\x1b[31m", "\r", "\r\n", "𝔘𝔫𝔦", "中文", "\U0001f600",
]

OPS = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(1, 255)),
    st.tuples(st.just("delete_line"), st.floats(0, 1, exclude_max=True)),
    st.tuples(st.just("duplicate_line"), st.floats(0, 1, exclude_max=True)),
    st.tuples(st.just("swap_lines"), st.floats(0, 1, exclude_max=True), st.floats(0, 1, exclude_max=True)),
    st.tuples(st.just("insert"), st.floats(0, 1, exclude_max=True), st.sampled_from(TOKENS)),
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True)),
)


def mutate(data: bytes, ops) -> bytes:
    """Apply mutations to a file's bytes; positions are fractions of the current length."""
    for op in ops:
        kind = op[0]
        if kind == "flip" and data:
            i = int(op[1] * len(data))
            data = data[:i] + bytes([data[i] ^ op[2]]) + data[i + 1:]
        elif kind in ("delete_line", "duplicate_line", "swap_lines"):
            lines = data.split(b"\n")
            i = int(op[1] * len(lines))
            if kind == "delete_line":
                del lines[i]
            elif kind == "duplicate_line":
                lines.insert(i, lines[i])
            else:
                j = int(op[2] * len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "insert":
            i = int(op[1] * (len(data) + 1))
            data = data[:i] + op[2].encode("utf-8") + data[i:]
        elif kind == "truncate":
            data = data[:int(op[1] * len(data))]
    return data


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory):
    """One private copy of the real site for the module; each example restores the file it mutated."""
    base = tmp_path_factory.mktemp("fuzz")
    return copy_site("real", base), base / "public"


@pytest.fixture(scope="module")
def fuzz_snapshot(fuzz_site):
    site, _out = fuzz_site
    return {rel: (site / "content" / rel).read_bytes() for rel in FILES}


def build_mutated(site, out, rel, ops) -> str:
    """Build with one mutated file; 'built' or 'failed'. Anything but BuildFailed propagates."""
    path = site / "content" / rel
    original = path.read_bytes()
    try:
        path.write_bytes(mutate(original, ops))
        try:
            run_build(site, out)
        except BuildFailed as exc:
            check_problems(exc.problems)
            return "failed"
        return "built"
    finally:
        path.write_bytes(original)


def check_problems(problems) -> None:
    assert problems and any(p.severity == "error" for p in problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path and not os.path.isabs(problem.path), problem.format()
        assert problem.line >= 1 and problem.message
        assert "Traceback" not in problem.message


def test_mutation_helpers():
    assert mutate(b"ab\ncd", [("flip", 0.0, 1)]) == b"`b\ncd"
    assert mutate(b"ab\ncd", [("delete_line", 0.0)]) == b"cd"
    assert mutate(b"ab\ncd", [("duplicate_line", 0.9)]) == b"ab\ncd\ncd"
    assert mutate(b"ab\ncd", [("swap_lines", 0.0, 0.9)]) == b"cd\nab"
    assert mutate(b"ab", [("insert", 0.99, ":")]) == b"ab:"
    assert mutate(b"abcd", [("truncate", 0.5)]) == b"ab"
    assert mutate(b"", [("flip", 0.5, 3), ("truncate", 0.5)]) == b""


SHORT = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SHORT
@given(rel=st.sampled_from(FILES), ops=st.lists(OPS, min_size=1, max_size=3))
def test_short_fuzz_never_crashes(fuzz_site, fuzz_snapshot, rel, ops):
    site, out = fuzz_site
    build_mutated(site, out, rel, ops)


LONG_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3000"))
LONG = settings(max_examples=LONG_EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
OUTCOMES: dict[str, int] = {}


@pytest.mark.slow
@LONG
@given(rel=st.sampled_from(FILES), ops=st.lists(OPS, min_size=1, max_size=4))
def test_long_fuzz_never_crashes(fuzz_site, rel, ops):
    site, out = fuzz_site
    outcome = build_mutated(site, out, rel, ops)
    OUTCOMES[outcome] = OUTCOMES.get(outcome, 0) + 1
    if sum(OUTCOMES.values()) % 100 == 0:
        print(f"fuzz: {OUTCOMES}", flush=True)


def test_fuzz_site_is_restored(fuzz_site, fuzz_snapshot):
    """The examples put every file back as it was."""
    site, _out = fuzz_site
    assert {rel: (site / "content" / rel).read_bytes() for rel in FILES} == fuzz_snapshot


# -- type confusion: every field of the YAML sources replaced by every kind of value ------------------------------

TYPED_FILES = ["site.yaml", "statistics.yaml", "corrections.yaml", "oral-tracks.yaml", "papers/ddpm.en.md",
               "talks/genomic-bottleneck.en.md", "sections/acceptance.en.md", "tracks/01-representation-relational.en.md"]
VALUES = [None, 0, -1, 1.5, True, "x", "", [], ["a"], {}, {"zh": "a", "en": "b"}, {"en": [1]},
          datetime.date(2020, 1, 1), "<b>x</b>", [{}], 10**30, float("inf")]


def _key_paths(data, prefix=()):
    """Paths to every value (the first two items of each list)."""
    items = data.items() if isinstance(data, dict) else enumerate(data[:2]) if isinstance(data, list) else ()
    for key, value in items:
        yield prefix + (key,)
        yield from _key_paths(value, prefix + (key,))


def _retyped(rel: str, text: str, path: tuple, value) -> str:
    head, meta, body = text.split("---\n", 2) if rel.endswith(".md") else ("", text, "")
    data = yaml.safe_load(meta)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n{body}" if rel.endswith(".md") else dumped


@pytest.mark.slow
@pytest.mark.parametrize("rel", TYPED_FILES)
def test_type_confusion_never_crashes(fuzz_site, rel):
    site, out = fuzz_site
    path = site / "content" / rel
    original = path.read_text(encoding="utf-8")
    meta = original.split("---\n", 2)[1] if rel.endswith(".md") else original
    crashes = []
    try:
        for key_path in _key_paths(yaml.safe_load(meta)):
            for value in VALUES:
                path.write_text(_retyped(rel, original, key_path, value), encoding="utf-8")
                try:
                    run_build(site, out)
                except BuildFailed as exc:
                    check_problems(exc.problems)
                except Exception as exc:  # noqa: BLE001 - collected, reported together below
                    crashes.append(f"{key_path} = {value!r}: {type(exc).__name__}: {exc}")
    finally:
        path.write_text(original, encoding="utf-8")
    assert not crashes, "\n".join(crashes)
