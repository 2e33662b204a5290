"""The line table: a mistake in a copy of the minimal site, and the `path:line` its first error must name.

The line is that of the mistake itself (the key without its ':', the tab, the quote that is not closed, the
second of two equal keys, the alias), not the line where the parser happened to notice it; a BibTeX mistake
is reported at its entry's '@' line (an unclosed brace at the brace). The files of tests/sites/minimal are
small and fixed, so the expected lines are written out."""

from __future__ import annotations

import pytest

from conftest import check_errors, cli, copy_site, tree_digest

P_EN, P_ZH = "papers/tiny-model.en.md", "papers/tiny-model.zh.md"
TALK, SECTION, TRACK = "talks/keynote.en.md", "sections/overview.zh.md", "tracks/vision.en.md"
BIB = "references.bib"

# (id, file, old text, new text, expected "path:line", a part of the message)
TABLE = [
    # a key without its ':' (the parser notices only on the next line)
    ("colon-missing-front-matter", P_EN, "type: oral", "type oral", f"{P_EN}:4", "':' is missing"),
    ("colon-missing-last-field", P_EN, "url: https", "url https", f"{P_EN}:7", "':' is missing"),
    ("colon-missing-before-flow-sequence", "site.yaml", "base_url:", "base_url", "site.yaml:3", "':' is missing"),
    ("colon-missing-nested", "site.yaml", "  year: 2031", "  year 2031", "site.yaml:7", "':' is missing"),
    ("colon-without-space", TALK, "order: 1", "order:1", f"{TALK}:5", "':' is missing"),
    ("colon-missing-i18n", "i18n/en.yaml", "main_navigation: Main", "main_navigation Main", "i18n/en.yaml:5",
     "':' is missing"),
    ("colon-missing-statistics", "statistics.yaml", "    year: 2031", "    year 2031", "statistics.yaml:7",
     "':' is missing"),
    # ... and the first field of a mapping (quoted, plain, a flow mapping; then a flow sequence, a field or a nested
    # mapping), which the parser reads together with the next line as one text and fails only at its ':'
    ("colon-missing-first-field", P_EN, 'title: "A Tiny Model"', 'title "A Tiny Model"', f"{P_EN}:2",
     "':' is missing"),
    ("colon-missing-first-field-plain", TRACK, "title: Vision", "title Vision", f"{TRACK}:2", "':' is missing"),
    ("colon-missing-first-field-site", "site.yaml", "title: {en:", "title {en:", "site.yaml:1", "':' is missing"),
    ("colon-missing-first-nested", "site.yaml", 'short: "TW 2031"', 'short "TW 2031"', "site.yaml:6",
     "':' is missing"),
    ("colon-missing-first-in-list-item", "statistics.yaml", "  - id: presentation-type", "  - id presentation-type",
     "statistics.yaml:5", "':' is missing"),
    ("colon-missing-first-statistics", "statistics.yaml", "source: {en:", "source {en:", "statistics.yaml:1",
     "':' is missing"),
    ("colon-missing-before-nested", "site.yaml", "languages: [en, zh]", "languages [en, zh]", "site.yaml:4",
     "':' is missing"),
    ("colon-missing-first-field-talk", TALK, 'title: "Small Is Beautiful"', 'title "Small Is Beautiful"',
     f"{TALK}:2", "':' is missing"),
    ("colon-missing-flow-mapping", "site.yaml", "description: {en:", "description {en:", "site.yaml:2",
     "':' is missing"),
    ("colon-missing-flow-sequence", P_EN, "authors: [Jane Doe, John Smith]", "authors [Jane Doe, John Smith]",
     f"{P_EN}:3", "':' is missing"),
    # indentation
    ("indent-deeper", "site.yaml", "base_url:", "  base_url:", "site.yaml:3", "invalid YAML"),
    ("indent-deeper-nested", "site.yaml", "  year: 2031", "   year: 2031", "site.yaml:7", "invalid YAML"),
    ("indent-shallower-nested", "site.yaml", "  year: 2031", " year: 2031", "site.yaml:7", "invalid YAML"),
    ("indent-list-item", "statistics.yaml", "    total: 1", "   total: 1", "statistics.yaml:8", "invalid YAML"),
    # tabs
    ("tab-site", "site.yaml", "  short:", "\tshort:", "site.yaml:6", "tab"),
    ("tab-front-matter", TRACK, "number: 1", "\tnumber: 1", f"{TRACK}:3", "tab"),
    # quotes and brackets that are not closed
    ("quote-front-matter", P_EN, 'title: "A Tiny Model"', 'title: "A Tiny Model', f"{P_EN}:2", "quote is not closed"),
    ("quote-single", TALK, "affiliation: Navy Research", "affiliation: 'Navy Research", f"{TALK}:4",
     "quote is not closed"),
    ("quote-site-nested", "site.yaml", 'short: "TW 2031"', 'short: "TW 2031', "site.yaml:6", "quote is not closed"),
    ("bracket-front-matter", P_EN, "authors: [Jane Doe, John Smith]", "authors: [Jane Doe, John Smith",
     f"{P_EN}:3", "'[' is not closed"),
    # duplicate keys: the second one
    ("duplicate-front-matter", P_EN, "track: vision\n", "track: vision\ntrack: vision\n", f"{P_EN}:6",
     "duplicate key 'track'"),
    ("duplicate-nested", "site.yaml", "  year: 2031\n", "  year: 2031\n  year: 2031\n", "site.yaml:8",
     "duplicate key 'year'"),
    ("duplicate-i18n", "i18n/en.yaml", "breadcrumbs: Breadcrumbs\n", "breadcrumbs: Breadcrumbs\nbreadcrumbs: Crumbs\n",
     "i18n/en.yaml:8", "duplicate key 'breadcrumbs'"),
    # aliases: at the alias, not at the anchor
    ("alias-front-matter", P_EN, "authors: [Jane Doe, John Smith]\ntype: oral\ntrack: vision\n",
     "authors: &people [Jane Doe, John Smith]\ntype: oral\ntrack: vision\naward: *people\n", f"{P_EN}:6",
     "aliases are not allowed"),
    ("alias-statistics", "statistics.yaml", "    title: {en: Accepted papers by presentation type, zh: 按报告形式划分的录用论文}\n",
     "    title: &t {en: A, zh: B}\n    note: *t\n", "statistics.yaml:7", "aliases are not allowed"),
    ("alias-undefined", TALK, "order: 1", "order: *first", f"{TALK}:5", "undefined alias"),
    ("merge-key", "site.yaml", "  year: 2031\n", "  year: 2031\n  <<: {x: 1}\n", "site.yaml:8", "merge keys"),
    # values
    ("impossible-date", SECTION, "order: 10\n", "order: 10\nupdated: 2031-02-30\n", f"{SECTION}:4", "invalid date"),
    ("type-choice", P_EN, "type: oral", "type: orl", f"{P_EN}:4", "'type' must be one of"),
    # front matter
    ("unknown-field", SECTION, "summary:", "sumary:", f"{SECTION}:4", "unknown field 'sumary'"),
    ("front-matter-not-closed", TRACK, "number: 1\n---\n", "number: 1\n", f"{TRACK}:1", "not closed"),
    # Markdown bodies
    ("unknown-citation", SECTION, "@roe2030small", "@roe2030smal", f"{SECTION}:6", "unknown citation key"),
    ("broken-link", SECTION, "(paper:tiny-model)", "(paper:tiny-modle)", f"{SECTION}:6", "broken internal link"),
    # BibTeX: at the entry's line
    ("bib-missing-equals", BIB, "  title     = {Small Models}", "  title     {Small Models}", f"{BIB}:10",
     "'=' expected"),
    ("bib-missing-comma", BIB, "  title     = {Small Models},", "  title     = {Small Models}", f"{BIB}:10",
     "malformed BibTeX in entry 'roe2030small'"),
    ("bib-bare-value", BIB, "  publisher = {Example Press},", "  publisher = Example Press,", f"{BIB}:10",
     "malformed BibTeX in entry 'roe2030small'"),
    ("bib-unclosed-brace", BIB, "  title     = {Small Models},", "  title     = {Small Models,", f"{BIB}:11",
     "is not closed"),
    ("bib-missing-field", BIB, "  year      = {2030}\n", "", f"{BIB}:10", "has no year"),
    ("bib-duplicate-key", BIB, "@book{roe2030small,", "@book{doe2031tiny,", f"{BIB}:10", "duplicate bibliography key"),
]


def test_the_table_is_large():
    assert len(TABLE) >= 20
    assert len({row[0] for row in TABLE}) == len(TABLE)


@pytest.mark.parametrize("case, rel, old, new, where, message", TABLE, ids=[row[0] for row in TABLE])
def test_error_line(tmp_path, case, rel, old, new, where, message):
    root = copy_site("minimal", tmp_path)
    path = root / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    errors = check_errors(root)
    path = "content/" + where.rsplit(":", 1)[0]
    in_file = [e for e in errors if e.startswith(path + ":")]      # other files may name what went missing
    assert in_file, f"no error in {path}:\n" + "\n".join(errors)
    assert in_file[0].startswith(f"content/{where}: error: "), f"expected content/{where}, got:\n" + "\n".join(errors)
    assert message in in_file[0], in_file[0]


def test_a_byte_order_mark_is_dropped(tmp_path):
    """Markdown and YAML saved with a UTF-8 byte-order mark (as some Windows editors do) build as without one,
    as Hugo and MkDocs read them: same pages, no problem reported; a mistake in such a file keeps its line."""
    plain, marked = copy_site("minimal", tmp_path / "plain"), copy_site("minimal", tmp_path / "marked")
    sources = sorted(p for p in (marked / "content").rglob("*") if p.suffix in (".md", ".yaml"))
    assert len(sources) > 10
    for path in sources:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    for root in (plain, marked):
        result = cli("build", "--site", str(root), "--out", str(root / "public"), "--no-search")
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr and "warning" not in result.stderr, result.stderr
    assert tree_digest(marked / "public") == tree_digest(plain / "public")

    paper = marked / "content" / P_EN
    paper.write_bytes(paper.read_bytes().replace(b"type: oral", b"type oral"))
    assert check_errors(marked)[0].startswith(f"content/{P_EN}:4: error: invalid YAML: a ':' is missing")
