"""The error catalogue: bad inputs, each with the exact first error the build reports.

Every case copies the real site, breaks one thing and builds into the output of the same site built once
before (shared by the module). The build must fail with BuildFailed (never another exception), its first error
must be exactly the expected `path:line: error: message` (plus the hint, where the expected text has one), and
the previous output must be byte-identical afterwards, with no staging folder left beside it. A few cases also
go through the command line.

Lines are found in the mutated file (by the helpers below), not hard-coded, so that editing the real
content does not break the catalogue; `{line}` and the other `{names}` in an expected text are filled in from
what the mutation returns.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT, cli, copy_site, run_build, tree_digest
from neurips_report.model.problems import BuildFailed

PAPER = "papers/ddpm"                 # a poster without a track; its summary cites @ho2020denoising
TALK = "talks/genomic-bottleneck"
SECTION = "sections/acceptance"


# -- mutations --------------------------------------------------------------------------------------------------

def _path(site: Path, rel: str) -> Path:
    return site / rel if rel.startswith("templates/") else site / "content" / rel


def read(site: Path, rel: str) -> str:
    return _path(site, rel).read_text(encoding="utf-8")


def write(site: Path, rel: str, data: str | bytes) -> None:
    path = _path(site, rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def replace(site: Path, rel: str, old: str, new: str) -> dict:
    """Replace the first `old`; {line} is the line where it started."""
    text = read(site, rel)
    assert old in text, f"{rel} no longer contains {old!r}; update the catalogue"
    index = text.index(old)
    write(site, rel, text.replace(old, new, 1))
    return {"line": text.count("\n", 0, index) + 1}


def sub_line(site: Path, rel: str, pattern: str, repl: str, after: str | None = None) -> dict:
    """re.sub on the first line matching `pattern` (below the first line matching `after`); {line} is its line."""
    lines = read(site, rel).split("\n")
    start = next(i for i, row in enumerate(lines) if re.search(after, row)) if after else 0
    index = next((i for i in range(start, len(lines)) if re.search(pattern, lines[i])), None)
    assert index is not None, f"{rel} has no line matching {pattern!r}; update the catalogue"
    lines[index] = re.sub(pattern, repl, lines[index], count=1)
    write(site, rel, "\n".join(lines))
    return {"line": index + 1}


def set_field(site: Path, rel: str, key: str, raw: str | None) -> dict:
    """Set (or with raw=None, remove) a front-matter field, written as `key: raw`; {line} is its line."""
    lines = read(site, rel).split("\n")
    end = lines.index("---", 1)
    index = next((i for i in range(1, end) if lines[i].startswith(key + ":")), None)
    if raw is None:
        assert index is not None, f"{rel} has no field {key}"
        del lines[index]
    elif index is None:
        index = end
        lines.insert(index, f"{key}: {raw}")
    else:
        lines[index] = f"{key}: {raw}"
    write(site, rel, "\n".join(lines))
    return {"line": (index or 1) + 1}


def both(rel: str, key: str, raw: str) -> Callable:
    """Set a language-neutral field to the same value in every language version; {line} is its line in zh."""
    def mutate(site):
        found = set_field(site, f"{rel}.en.md", key, raw)
        return set_field(site, f"{rel}.zh.md", key, raw) or found
    return mutate


def with_bom(rel: str, mutate: Callable) -> Callable:
    """`mutate`, then save `rel` with a UTF-8 byte-order mark, as some Windows editors do."""
    def run(site):
        found = mutate(site)
        write(site, rel, b"\xef\xbb\xbf" + read(site, rel).encode())
        return found
    return run


def body(rel: str, anchor: str, text: str) -> Callable:
    """Insert Markdown before `anchor` in a body; {line} is the line of the anchor."""
    return lambda site: replace(site, rel, anchor, text + anchor)


def template(name: str, old: str, new: str) -> Callable:
    """Give the site its own templates/ (the build then uses it) and break one of them."""
    def mutate(site):
        shutil.copytree(ROOT / "templates", site / "templates")
        return replace(site, f"templates/{name}", old, new)
    return mutate


def symlink_file(site: Path) -> dict:
    outside = site.parent / "outside.md"
    shutil.copy(_path(site, f"{PAPER}.en.md"), outside)
    _path(site, f"{PAPER}.en.md").unlink()
    _path(site, f"{PAPER}.en.md").symlink_to(outside)
    return {}


def symlink_folder(site: Path) -> dict:
    outside = site.parent / "outside-talks"
    shutil.move(site / "content" / "talks", outside)
    (site / "content" / "talks").symlink_to(outside, target_is_directory=True)
    return {}


def symlink_data_file(site: Path) -> dict:
    outside = site.parent / "outside.yaml"
    shutil.move(site / "content" / "statistics.yaml", outside)
    (site / "content" / "statistics.yaml").symlink_to(outside)
    return {}


def copy_entry(rel: str, new_rel: str, *langs: str) -> Callable:
    def mutate(site):
        for lang in langs:
            shutil.copy(_path(site, f"{rel}.{lang}.md"), _path(site, f"{new_rel}.{lang}.md"))
        return {}
    return mutate


def reserved_section(site: Path) -> dict:
    for lang in ("zh", "en"):
        write(site, f"sections/papers.{lang}.md", "---\ntitle: Papers\norder: 9999\n---\nText.\n")
    return {}


def first_correction(site: Path, pattern: str, repl: str) -> dict:
    found = sub_line(site, "corrections.yaml", pattern, repl)
    ident = re.search(r"id:\s*(\S+)", read(site, "corrections.yaml")).group(1)
    return {**found, "id": ident}


def duplicate_line(rel: str, pattern: str) -> Callable:
    """Write the first line matching `pattern` twice; {line} is the second one."""
    def mutate(site):
        lines = read(site, rel).split("\n")
        index = next(i for i, row in enumerate(lines) if re.search(pattern, row))
        lines.insert(index + 1, lines[index])
        write(site, rel, "\n".join(lines))
        return {"line": index + 2}
    return mutate


def bib_entry_before_first(entry: str) -> Callable:
    """Insert BibTeX text before the first entry; {line} is its first line, {next} the first entry's line after it."""
    def mutate(site):
        text = read(site, "references.bib")
        match = re.search(r"^@\w+\{", text, re.MULTILINE)
        line = text.count("\n", 0, match.start()) + 1
        write(site, "references.bib", text[:match.start()] + entry + text[match.start():])
        return {"line": line, "second": line + 1, "next": line + entry.count("\n")}
    return mutate


def invalid_utf8(site: Path) -> dict:
    """A Latin-1 byte on a new last line; {line} is that line."""
    text = read(site, f"{PAPER}.en.md").rstrip("\n") + "\n"
    write(site, f"{PAPER}.en.md", text.encode() + b"caf\xe9\n")
    return {"line": text.count("\n") + 1}


YAML_BOMB = ('lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
             'lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
             'lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n'
             'lol4: [*c, *c, *c, *c, *c, *c, *c, *c, *c]')


def yaml_bomb(site: Path) -> dict:
    """{line}: the first alias (of the anchor on the line before)."""
    found = set_field(site, f"{PAPER}.en.md", "award", '"x"')
    replace(site, f"{PAPER}.en.md", 'award: "x"', YAML_BOMB)
    return {"line": found["line"] + 1}


def duplicate_correction_id(site: Path) -> dict:
    """Give the second correction the id of the first; {line} is the second id's line."""
    lines = read(site, "corrections.yaml").split("\n")
    ids = [i for i, row in enumerate(lines) if re.match(r"^  - id:\s*\S", row)]
    ident = lines[ids[0]].split(":", 1)[1].strip()
    lines[ids[1]] = f"  - id: {ident}"
    write(site, "corrections.yaml", "\n".join(lines))
    return {"line": ids[1] + 1, "id": ident}


def duplicate_breakdown(site: Path) -> dict:
    """Write the presentation-type breakdown twice in a row; {line} is the copy's first line."""
    lines = read(site, "statistics.yaml").split("\n")
    start = next(i for i, row in enumerate(lines) if row.strip() == "- id: presentation-type")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id:"))
    lines[end:end] = lines[start:end]
    write(site, "statistics.yaml", "\n".join(lines))
    return {"line": end + 1}


def copy_first_bib_entry(spell: Callable[[str], str]) -> Callable:
    """Put a copy of the first entry, its key spelled by `spell`, before it; the original becomes the duplicate."""
    def mutate(site):
        key = re.search(r"^@\w+\{([^,\s]+),", read(site, "references.bib"), re.MULTILINE).group(1)
        entry = f"@misc{{{spell(key)},\n  title = {{Copy}},\n  author = {{Ho, J.}},\n  year = {{2020}}\n}}\n"
        return {**bib_entry_before_first(entry)(site), "key": key, "other": spell(key)}
    return mutate


# -- the catalogue ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], dict | None]
    expected: str          # the first error; compared with its hint too when it has a second line


P_EN, P_ZH, T_EN, S_EN = f"{PAPER}.en.md", f"{PAPER}.zh.md", f"{TALK}.en.md", f"{SECTION}.en.md"

CASES = [
    # YAML syntax
    Case("yaml-tab", lambda s: sub_line(s, "site.yaml", r"^  short:", "\tshort:"),
         "content/site.yaml:{line}: error: invalid YAML: found character that cannot start any token\n"
         "    hint: YAML does not allow tabs; indent with spaces"),
    Case("yaml-bad-indentation", lambda s: sub_line(s, "site.yaml", r"^  year:", "   year:", after=r"^conference:"),
         "content/site.yaml:{line}: error: invalid YAML: did not find expected key"),
    Case("yaml-duplicate-key", duplicate_line("site.yaml", r"^languages:"),
         "content/site.yaml:{line}: error: duplicate key 'languages'"),
    Case("yaml-unclosed-quote", lambda s: sub_line(s, "site.yaml", r'^(  short: "[^"]*)"', r"\1"),
         "content/site.yaml:{line}: error: invalid YAML: a quote is not closed"),
    Case("yaml-unclosed-quote-in-front-matter", lambda s: set_field(s, P_EN, "type", '"poster'),
         "content/papers/ddpm.en.md:{line}: error: invalid YAML: a quote is not closed"),
    Case("yaml-unclosed-bracket", lambda s: sub_line(s, "site.yaml", r"^languages: \[(.*)\]", r"languages: [\1"),
         "content/site.yaml:{line}: error: invalid YAML: a '[' is not closed"),
    Case("yaml-python-tag", lambda s: sub_line(s, "site.yaml", r"^languages:", "languages: !!python/object:os.system"),
         "content/site.yaml:{line}: error: invalid YAML: could not determine a constructor for the tag "
         "'tag:yaml.org,2002:python/object:os.system'"),
    Case("yaml-deeply-nested", lambda s: set_field(s, P_EN, "award", "[" * 100 + "]" * 100),
         "content/papers/ddpm.en.md:{line}: error: YAML is nested too deeply (more than 32 levels)"),
    Case("yaml-nested-beyond-the-parser", lambda s: set_field(s, P_EN, "award", "[" * 5000 + "]" * 5000),
         "content/papers/ddpm.en.md:{line}: error: YAML is nested too deeply"),
    Case("yaml-bomb", yaml_bomb,
         "content/papers/ddpm.en.md:{line}: error: YAML aliases are not allowed in content"),

    # front matter: shape, types, required and unknown fields
    Case("front-matter-missing", lambda s: write(s, T_EN, "Just a body.\n"),
         "content/talks/genomic-bottleneck.en.md:1: error: missing front matter"),
    Case("front-matter-not-closed", lambda s: write(s, T_EN, "---\ntitle: A talk\n"),
         "content/talks/genomic-bottleneck.en.md:1: error: front matter is not closed"),
    Case("front-matter-not-fields", lambda s: write(s, T_EN, "---\n- a list\n---\nBody.\n"),
         "content/talks/genomic-bottleneck.en.md:2: error: front matter must be a set of 'key: value' fields"),
    Case("field-not-a-number", lambda s: set_field(s, S_EN, "order", "forty"),
         "content/sections/acceptance.en.md:{line}: error: 'order' must be a whole number, not 'forty'"),
    Case("field-not-a-list", lambda s: set_field(s, P_EN, "authors", "3"),
         "content/papers/ddpm.en.md:{line}: error: 'authors' must be a list of names, e.g. [A, B], not a int (3)"),
    Case("field-negative", lambda s: set_field(s, T_EN, "order", "-3"),
         "content/talks/genomic-bottleneck.en.md:{line}: error: 'order' must not be negative"),
    Case("field-required-missing", lambda s: set_field(s, T_EN, "title", None),
         "content/talks/genomic-bottleneck.en.md:1: error: missing required field 'title'\n"
         "    hint: add 'title: ...' to the front matter"),
    Case("field-unknown", lambda s: set_field(s, P_EN, "trakc", "x"),
         "content/papers/ddpm.en.md:{line}: error: unknown field 'trakc'\n    hint: did you mean 'track'?"),
    Case("field-bad-choice", lambda s: set_field(s, P_EN, "type", "keynote"),
         "content/papers/ddpm.en.md:{line}: error: 'type' must be one of oral, spotlight, poster, not 'keynote'"),
    Case("field-bad-url", lambda s: set_field(s, P_EN, "url", "ftp://example.org/paper"),
         "content/papers/ddpm.en.md:{line}: error: 'url' must be an http(s) URL, not 'ftp://example.org/paper'"),
    Case("field-impossible-date", lambda s: set_field(s, P_EN, "updated", "2021-02-30"),
         "content/papers/ddpm.en.md:{line}: error: invalid date '2021-02-30'"),
    Case("field-slug-traversal", lambda s: set_field(s, P_EN, "track", "../../etc"),
         "content/papers/ddpm.en.md:{line}: error: 'track' must be a slug (lowercase letters, digits and '-'), "
         "not '../../etc'"),
    Case("languages-disagree", lambda s: set_field(s, P_EN, "bib", "lin2020reviewing"),
         "content/papers/ddpm.en.md:{line}: error: 'bib' differs from the zh version"),

    # data files
    Case("site-unknown-field", lambda s: sub_line(s, "site.yaml", r"^base_url:", "base_ulr:"),
         "content/site.yaml:{line}: error: unknown field 'base_ulr'\n    hint: did you mean 'base_url'?"),
    Case("site-languages-not-a-list", lambda s: sub_line(s, "site.yaml", r"^languages:.*$", "languages: zh"),
         "content/site.yaml:{line}: error: 'languages' must be a list of language codes"),
    Case("site-year-not-a-number", lambda s: sub_line(s, "site.yaml", r"^  year:.*$", "  year: twenty",
                                                      after=r"^conference:"),
         "content/site.yaml:{line}: error: conference 'year' must be a whole number"),
    Case("site-edition-date-not-a-date", lambda s: sub_line(s, "site.yaml", r"^edition_date:.*$", "edition_date: next spring"),
         "content/site.yaml:{line}: error: 'edition_date' must be a date, YYYY-MM-DD\n"
         "    hint: the date printed on the PDF edition, e.g. edition_date: 2026-12-07"),
    Case("stats-unknown-field", lambda s: sub_line(s, "statistics.yaml", r"rate_of:", "rate_off:"),
         "content/statistics.yaml:{line}: error: unknown breakdown field 'rate_off'\n    hint: did you mean 'rate_of'?"),
    Case("stats-parts-do-not-sum",
         lambda s: (sub_line(s, "statistics.yaml", r"count: 105\}", "count: 106}", after="id: presentation-type"),
                    sub_line(s, "statistics.yaml", r"total:", "total:", after="id: presentation-type"))[1],
         "content/statistics.yaml:{line}: error: breakdown 'presentation-type': parts sum to 1899, not the total 1898"),
    Case("stats-negative-count", lambda s: sub_line(s, "statistics.yaml", r"count: 105\}", "count: -105}"),
         "content/statistics.yaml:{line}: error: 'count' of part 'oral' must not be negative (-105)"),
    Case("stats-count-not-a-number", lambda s: sub_line(s, "statistics.yaml", r"count: 105\}", "count: many}"),
         "content/statistics.yaml:{line}: error: 'count' of part 'oral' must be a number, not 'many'"),
    Case("stats-count-infinite", lambda s: sub_line(s, "statistics.yaml", r"count: 105\}", "count: .inf}"),
         "content/statistics.yaml:{line}: error: 'count' of part 'oral' must be a number below 1e+15, not 'inf'"),
    Case("stats-year-not-a-number", lambda s: sub_line(s, "statistics.yaml", r"^  - year: \d+", "  - year: [2018]"),
         "content/statistics.yaml:{line}: error: history 'year' must be a whole number, not '[2018]'"),
    Case("stats-duplicate-breakdown", duplicate_breakdown,
         "content/statistics.yaml:{line}: error: duplicate breakdown id 'presentation-type'"),
    Case("corrections-missing-field", lambda s: {**first_correction(s, r"^    pages:.*$", "    page: [x]"),
                                                 **sub_line(s, "corrections.yaml", r"^  - id:", "  - id:")},
         "content/corrections.yaml:{line}: error: item is missing 'pages'"),
    Case("corrections-page-traversal",
         lambda s: first_correction(s, r"pages: \[.*\]", "pages: [papers/../../../etc/passwd]"),
         "content/corrections.yaml:{line}: error: correction '{id}' names unknown page 'papers/../../../etc/passwd'"),
    Case("corrections-duplicate-id", duplicate_correction_id,
         "content/corrections.yaml:{line}: error: duplicate correction id '{id}'"),
    Case("oral-tracks-unknown-track",
         lambda s: sub_line(s, "oral-tracks.yaml", r"track: 01-representation-relational", "track: 01-representation-relationl"),
         "content/oral-tracks.yaml:{line}: error: unknown track '01-representation-relationl'\n"
         "    hint: did you mean '01-representation-relational'?"),
    Case("i18n-missing-string", lambda s: sub_line(s, "i18n/en.yaml", r"^nav_home:.*$", "# nav_home removed"),
         "content/i18n/en.yaml:1: error: missing translation of interface string 'nav_home'"),
    Case("i18n-placeholder-mistranslated", lambda s: sub_line(s, "i18n/en.yaml", r"\{count\}", "{cnt}", after="^talks_intro:"),
         "content/i18n/en.yaml:{line}: error: interface string 'talks_intro' has the placeholders {cnt}, "
         "but the zh version has {count}"),
    Case("i18n-not-text", lambda s: sub_line(s, "i18n/en.yaml", r"^nav_home:.*$", "nav_home: [Home]"),
         "content/i18n/en.yaml:{line}: error: interface string 'nav_home' must be a text"),
    Case("reference-data-traversal", lambda s: sub_line(s, "site.yaml", r"^reference_papers:.*$",
                                                        "reference_papers: ../../../etc/passwd"),
         "content/site.yaml:{line}: error: reference_papers '../../../etc/passwd' is outside content/"),

    # files that are not usable text
    Case("invalid-utf8", invalid_utf8,
         "content/papers/ddpm.en.md:{line}: error: invalid UTF-8 (byte 0xe9)"),
    # a byte-order mark is dropped (the lines stay right); the first field without its ':' (then a flow sequence)
    Case("byte-order-mark-then-first-field-without-colon", with_bom(P_EN, lambda s: sub_line(s, P_EN, r"^title:", "title")),
         "content/papers/ddpm.en.md:2: error: invalid YAML: a ':' is missing after the key\n"
         "    hint: write 'key: value', with a space after the ':'"),
    Case("empty-file", lambda s: write(s, P_EN, ""),
         "content/papers/ddpm.en.md:1: error: file is empty"),
    Case("binary-file-named-md", lambda s: write(s, "papers/logo.en.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         "content/papers/logo.en.md:3: error: binary data (NUL byte) in a text source"),
    Case("binary-file-in-content", lambda s: write(s, "papers/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         "content/papers/logo.png:1: error: cannot tell slug and language from the file name 'logo.png'"),
    Case("huge-file", lambda s: write(s, P_EN, "---\ntitle: x\n---\n" + "a" * (6_000_000 - 17)),
         "content/papers/ddpm.en.md:1: error: file is too large (6,000,000 bytes; the limit is 5,242,880)"),
    Case("symlink-out-of-content", symlink_file,
         "content/papers/ddpm.en.md:1: error: symlink points outside the content directory"),
    Case("symlinked-folder-out-of-content", symlink_folder,
         "content/talks:1: error: symlink points outside the content directory"),
    Case("symlinked-data-file-out-of-site", symlink_data_file,
         "content/statistics.yaml:1: error: symlink points outside the site folder"),

    # slugs and languages
    Case("slug-uppercase", copy_entry(PAPER, "papers/DDPM", "zh", "en"),
         "content/papers/DDPM.en.md:1: error: 'DDPM' is not a valid slug"),
    Case("slugs-differ-only-by-case", copy_entry(PAPER, "papers/Ddpm", "en"),
         "content/papers/Ddpm.en.md:1: error: 'Ddpm' is not a valid slug"),
    Case("slug-reserved-for-a-page", reserved_section,
         "content/sections/papers.zh.md:1: error: section slug 'papers' is reserved for a generated page"),
    Case("unknown-language", lambda s: shutil.copy(_path(s, P_EN), _path(s, "papers/ddpm.fr.md")) and {},
         "content/papers/ddpm.fr.md:1: error: unknown language 'fr'\n    hint: site.yaml lists the languages zh, en"),
    Case("one-language-only", lambda s: _path(s, P_ZH).unlink(),
         "content/papers/ddpm.en.md:1: error: missing translation: no zh version of paper 'ddpm'"),
    Case("unknown-track", both(PAPER, "track", "01-representation-relationl"),
         "content/papers/ddpm.zh.md:{line}: error: unknown track '01-representation-relationl'\n"
         "    hint: did you mean '01-representation-relational'?"),
    Case("unknown-chart", both(SECTION, "charts", "[histroy]"),
         "content/sections/acceptance.zh.md:{line}: error: unknown chart 'histroy'\n    hint: did you mean 'history'?"),

    # citations and the bibliography
    Case("unknown-citation-key", body(P_EN, "@ho2020denoising", "[@ho2020denoisng] "),
         "content/papers/ddpm.en.md:{line}: error: unknown citation key 'ho2020denoisng'\n"
         "    hint: did you mean 'ho2020denoising'?"),
    Case("citation-key-in-wrong-case", body(P_EN, "@ho2020denoising", "[@Ho2020Denoising] "),
         "content/papers/ddpm.en.md:{line}: error: unknown citation key 'Ho2020Denoising'"),
    Case("unknown-bib-field-key", both(PAPER, "bib", "ho2020denoisng"),
         "content/papers/ddpm.zh.md:{line}: error: unknown bibliography key 'ho2020denoisng'\n"
         "    hint: did you mean 'ho2020denoising'?"),
    Case("duplicate-citation-key", copy_first_bib_entry(str),
         "content/references.bib:{next}: error: duplicate bibliography key '{key}'"),
    Case("citation-keys-differ-only-by-case", copy_first_bib_entry(str.upper),
         "content/references.bib:{next}: error: duplicate bibliography key '{key}'\n"
         "    hint: '{other}' is already defined on line {line}"),
    Case("bibtex-unclosed-brace",
         bib_entry_before_first("@misc{broken2020,\n  title = {Unclosed,\n  author = {Ho, J.},\n  year = {2020}\n}\n"),
         "content/references.bib:{second}: error: malformed BibTeX: a '{' in entry 'broken2020' is not closed"),
    Case("bibtex-syntax-error", bib_entry_before_first("@misc{broken, title = {x}, author {A}}\n"),
         "content/references.bib:{line}: error: malformed BibTeX in entry 'broken': '=' expected"),
    Case("bibtex-missing-title", bib_entry_before_first("@misc{notitle2020,\n  author = {Ho, J.},\n  year = {2020}\n}\n"),
         "content/references.bib:{line}: error: entry 'notitle2020' has no title"),
    Case("bibtex-missing-booktitle",      # found by the long fuzz run: the styles print the venue of a paper
         bib_entry_before_first("@inproceedings{novenue2020,\n  title = {T},\n  author = {Ho, J.},\n  year = {2020}\n}\n"),
         "content/references.bib:{line}: error: entry 'novenue2020' has no booktitle"),
    Case("bibtex-bad-year", bib_entry_before_first("@misc{badyear,\n  title = {T},\n  author = {Ho, J.},\n  year = {20x0}\n}\n"),
         "content/references.bib:{line}: error: entry 'badyear' has year '20x0'"),

    # links, images, unsafe markup
    Case("broken-internal-link", body(P_EN, "@ho2020denoising", "[see](paper:ddmp) "),
         "content/papers/ddpm.en.md:{line}: error: broken internal link 'paper:ddmp': no paper 'ddmp'"),
    Case("link-path-traversal", body(P_EN, "@ho2020denoising", "[see](paper:../../etc/passwd) "),
         "content/papers/ddpm.en.md:{line}: error: broken internal link 'paper:../../etc/passwd': "
         "no paper '../../etc/passwd'"),
    Case("missing-image", body(P_EN, "@ho2020denoising", "![A figure](images/x.png)\n\n"),
         "content/papers/ddpm.en.md:{line}: error: missing image 'images/x.png'\n"
         "    hint: put the file under static/ (e.g. static/images/figure.png)"),
    Case("remote-image", body(P_EN, "@ho2020denoising", "![A figure](https://example.org/x.png)\n\n"),
         "content/papers/ddpm.en.md:{line}: error: remote image 'https://example.org/x.png': pages load nothing "
         "from other sites\n    hint: download the image (if its licence allows) into static/, e.g. "
         "static/images/figure.png, and write ![text](images/figure.png); link to the original page with "
         "[text](https://...)"),
    Case("image-path-traversal", body(P_EN, "@ho2020denoising", "![x](../../../etc/passwd)\n\n"),
         "content/papers/ddpm.en.md:{line}: error: missing image '../../../etc/passwd'"),
    Case("javascript-url", body(P_EN, "@ho2020denoising", "[click](javascript:alert(1)) "),
         "content/papers/ddpm.en.md:{line}: error: 'javascript:' URLs are not allowed in content"),
    Case("raw-script", body(P_EN, "@ho2020denoising", "<script>alert(1)</script>\n\n"),
         "content/papers/ddpm.en.md:{line}: error: HTML tag <script> is not allowed in content"),
    Case("bad-math", body(P_EN, "@ho2020denoising", "$\\frac{$ "),
         "content/papers/ddpm.en.md:{line}: error: cannot render math '\\frac{': NoAvailableTokensError"),

    # templates (a site's own templates/ replace the bundled ones)
    Case("template-syntax-error", template("paper.html", "{% block content %}", "{% blokc content %}"),
         "templates/paper.html:{line}: error: template syntax error: Encountered unknown tag 'blokc'."),
    Case("template-undefined-variable", template("paper.html", "{{ paper.title }}", "{{ paper.titel }}"),
         "templates/paper.html:{line}: error: undefined template variable: 'dict object' has no attribute 'titel'"),
]


def expand(expected: str, values: dict) -> str:
    for key, value in values.items():
        expected = expected.replace("{" + key + "}", str(value))
    return expected


def first_error(problems) -> str:
    errors = [p.format() for p in problems if p.severity == "error"]
    assert errors, "the build failed without an error"
    return errors[0]


def matches(actual: str, expected: str) -> bool:
    """The whole first error when the expected text has a hint; else its first line."""
    return actual == expected if "\n" in expected else actual.splitlines()[0] == expected


# -- fixtures ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A private copy of the real site and its output, built once for the module."""
    base = tmp_path_factory.mktemp("catalogue")
    root = copy_site("real", base)
    out = base / "public"
    run_build(root, out)
    return root, out, tree_digest(out)


@pytest.fixture
def broken(reference, tmp_path):
    """(site, public, digest): a fresh copy of the site, and the output every failing build must leave alone."""
    root, out, digest = reference
    site = tmp_path / "site"
    shutil.copytree(root / "content", site / "content", symlinks=True)
    if (root / ".cache").is_dir():        # the build cache of the reference build: only unchanged work is reused
        shutil.copytree(root / ".cache", site / ".cache")
    return site, out, digest


def test_catalogue_is_large_and_distinct():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    assert len({c.expected for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(broken, case):
    site, public, digest = broken
    values = case.mutate(site) or {}
    expected = expand(case.expected, values)
    with pytest.raises(BuildFailed) as failed:
        run_build(site, public)
    actual = first_error(failed.value.problems)
    assert matches(actual, expected), f"\nexpected: {expected}\nactual:   {actual}"
    assert tree_digest(public) == digest, "a failed build changed the previous output"
    assert not [p.name for p in public.parent.iterdir() if p.name.startswith(".public.")], "a staging folder is left"


CLI_CASES = ["yaml-unclosed-quote", "bibtex-unclosed-brace", "template-undefined-variable"]


def _cli_case(case_id, broken):
    case = next(c for c in CASES if c.id == case_id)
    site, public, digest = broken
    expected = expand(case.expected, case.mutate(site) or {})
    result = cli("build", "--site", str(site), "--out", str(public), "--no-search")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines and lines[0] == expected.splitlines()[0], result.stderr
    assert "build failed" in result.stderr
    assert tree_digest(public) == digest


@pytest.mark.parametrize("case_id", CLI_CASES)
def test_cli_reports_and_exits_1(broken, case_id):
    _cli_case(case_id, broken)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_case_through_the_cli(broken, case):
    _cli_case(case.id, broken)


# -- the output folder ----------------------------------------------------------------------------------------

def test_output_below_a_regular_file_fails_cleanly(reference, tmp_path):
    """Running as root, chmod cannot make a folder unwritable; a path below a regular file cannot be created."""
    root, _out, _digest = reference
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = cli("build", "--site", str(root), "--out", str(blocker / "public"), "--no-search")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"error: cannot create the output folder {blocker / 'public'}: {blocker} is a file, not a folder" in result.stderr
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("where", ["site", "content", "not-a-site"])
def test_output_that_would_destroy_other_files_is_refused(reference, tmp_path, where):
    """A build replaces its output folder entirely, so it never takes the sources or a foreign folder."""
    root, _out, _digest = reference
    site = tmp_path / "site"
    shutil.copytree(root / "content", site / "content")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("mine")
    out = {"site": site, "content": site / "content" / "public", "not-a-site": notes}[where]
    before = tree_digest(site), tree_digest(notes)
    from neurips_report.engine.write import OutputError
    with pytest.raises(OutputError):
        run_build(site, out)
    assert (tree_digest(site), tree_digest(notes)) == before
