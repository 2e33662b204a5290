"""`import`: every source format, bad rows, duplicates and a file of no known format, as tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from neurips_report.commands.importer import ImportFailed, read_source, summary, write_list

PAPERCOPILOT = [
    {"id": "1", "title": "Équivariant Flows", "author": "Zoë Ashworth; Łukasz Kowalczyk; 王小明", "status": "Oral",
     "track": "main", "site": "https://openreview.net/forum?id=1"},
    {"id": "2", "title": "A Rejected Idea", "author": "A B", "status": "Reject", "track": "main"},
    {"id": "3", "title": "Tiny Tricks", "author": "Jürgen Müller", "status": "Poster", "track": "Workshop"},
    {"id": "4", "title": "Sparse Attention", "author": "Thị Hoa Nguyễn", "status": "Accept (Spotlight)", "track": "main"},
    {"id": "5", "title": "Gone", "author": "C D", "status": "Withdraw", "track": "main"},
]

BIBTEX = r"""@proceedings{DBLP:conf/x/2025,
  editor    = {Ada Lovelace},
  title     = {Proceedings of X 2025},
  year      = {2025}
}

@inproceedings{DBLP:conf/x/A25,
  author    = {Zo{\"{e}} Ashworth and Wei Wang 0001 and 李雷},
  title     = {{Équivariant} Flows},
  booktitle = {Proc. X},
  year      = {2025},
  url       = {https://example.org/1}
}

@inproceedings{other,
  author = {Müller, Jürgen},
  title = {Tiny Tricks},
  booktitle = {Proc. X},
  year = {2025},
  doi = {10.1000/xyz}
}
"""

CSV = """title,authors,type,url
Équivariant Flows,Zoë Ashworth; Łukasz Kowalczyk,oral,https://example.org/1
Tiny Tricks,Jürgen Müller,poster,
"""

TSV = "title\tauthors\ttype\nÉquivariant Flows\tZoë Ashworth; Łukasz Kowalczyk\toral\nTiny Tricks\tJürgen Müller\tposter\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_papercopilot(tmp_path):
    got = read_source(_write(tmp_path, "x.json", json.dumps(PAPERCOPILOT, ensure_ascii=False, indent=1)))
    assert got.format == "papercopilot JSON"
    assert got.records == [
        {"title": "Équivariant Flows", "authors": ["Zoë Ashworth", "Łukasz Kowalczyk", "王小明"], "type": "oral",
         "url": "https://openreview.net/forum?id=1"},
        {"title": "Tiny Tricks", "authors": ["Jürgen Müller"], "type": "workshop"},
        {"title": "Sparse Attention", "authors": ["Thị Hoa Nguyễn"], "type": "spotlight"},
    ]
    assert got.dropped == {"Reject": 1, "Withdraw": 1} and got.problems == []
    assert got.mapping == {"Oral": "oral", "Poster in track 'Workshop'": "workshop", "Accept (Spotlight)": "spotlight"}
    assert summary(got)[0] == "read 5 records (papercopilot JSON): kept 3, dropped 2 (Reject: 1, Withdraw: 1)"
    assert summary(got)[1] == "by type: oral 1, spotlight 1, workshop 1"


def test_bibtex(tmp_path):
    got = read_source(_write(tmp_path, "x.bib", BIBTEX))
    assert got.format == "BibTeX"
    assert got.records == [
        {"title": "Équivariant Flows", "authors": ["Zoë Ashworth", "Wei Wang", "李雷"], "url": "https://example.org/1"},
        {"title": "Tiny Tricks", "authors": ["Jürgen Müller"], "url": "https://doi.org/10.1000/xyz"},
    ]
    assert got.dropped == {"@proceedings": 1} and got.problems == []


def test_csv(tmp_path):
    got = read_source(_write(tmp_path, "x.csv", CSV))
    assert got.format == "CSV"
    assert got.records == [
        {"title": "Équivariant Flows", "authors": ["Zoë Ashworth", "Łukasz Kowalczyk"], "type": "oral",
         "url": "https://example.org/1"},
        {"title": "Tiny Tricks", "authors": ["Jürgen Müller"], "type": "poster"},
    ]


def test_tab_separated(tmp_path):
    got = read_source(_write(tmp_path, "x.tsv", TSV))
    assert [(r["title"], r["authors"], r["type"]) for r in got.records] == [
        ("Équivariant Flows", ["Zoë Ashworth", "Łukasz Kowalczyk"], "oral"), ("Tiny Tricks", ["Jürgen Müller"], "poster")]


@pytest.mark.parametrize("records, line, message", [
    ([{"title": "", "author": "A B", "status": "Poster"}], 2, "record 1: has no title; skipped"),
    ([{"title": "No One", "author": " ; ", "status": "Poster"}], 2, "record 1: 'No One' has no authors; skipped"),
    ([{"title": "Odd", "author": "A B", "status": "Maybe"}], 2, "record 1: 'Odd' has an unknown status 'Maybe'; skipped"),
    ([{"title": "Blank", "author": "A B", "status": ""}], 2, "record 1: 'Blank' has an unknown status ''; skipped"),
    ([{"title": "Twice", "author": "A B", "status": "Poster"}, {"title": "Twice", "author": "A B", "status": "Poster"}],
     3, "record 2: 'Twice' repeats record 1 (line 2); kept once"),
    ([{"title": "Twice", "author": "A B", "status": "Poster"}, {"title": "twice", "author": "C D", "status": "Oral"}],
     3, "record 2: 'twice' conflicts with record 1 (line 2): title, authors, type differ; the first is kept"),
])
def test_bad_rows_are_reported_with_their_position(tmp_path, records, line, message):
    text = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]\n"
    got = read_source(_write(tmp_path, "x.json", text))
    assert [(p[0], p[1]) for p in got.problems] == [(line, message)]


def test_csv_bad_row_is_reported_at_its_line(tmp_path):
    got = read_source(_write(tmp_path, "x.csv", "title,authors,type\nGood,A B,poster\n,C D,poster\nBad,,oral\n"))
    assert [p[:2] for p in got.problems] == [(3, "record 2: has no title; skipped"), (4, "record 3: 'Bad' has no authors; skipped")]
    assert [r["title"] for r in got.records] == ["Good"]


@pytest.mark.parametrize("text", [
    "just some notes\nabout papers\n",
    "{\"papers\": 3}",
    "name,count\nx,1\n",
    "",
])
def test_a_file_of_no_known_format_says_what_was_expected(tmp_path, text):
    path = _write(tmp_path, "notes.txt", text)
    with pytest.raises(ImportFailed) as exc:
        read_source(path)
    assert "papercopilot" in str(exc.value) and "BibTeX" in str(exc.value) and "CSV" in str(exc.value)
    assert "nothing was written" in str(exc.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_invalid_json_names_its_line(tmp_path):
    with pytest.raises(ImportFailed, match=r"x.json:3: invalid JSON"):
        read_source(_write(tmp_path, "x.json", '[\n {"title": "A"},\n {oops}\n]'))


def test_provenance_records_the_source(tmp_path):
    source = _write(tmp_path, "x.json", json.dumps(PAPERCOPILOT, ensure_ascii=False))
    got = read_source(source)
    prov = write_list(got, source, tmp_path / "data" / "accepted-papers.json", today=dt.date(2031, 1, 2))
    assert prov.name == "accepted-papers.source.json"
    record = json.loads(prov.read_text(encoding="utf-8"))
    assert record["source"] == "x.json" and record["imported"] == "2031-01-02"
    assert record["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (record["records"], record["kept"], record["dropped"]) == (5, 3, {"Reject": 1, "Withdraw": 1})
    assert record["by_type"] == {"oral": 1, "spotlight": 1, "workshop": 1}
    written = json.loads((tmp_path / "data" / "accepted-papers.json").read_text(encoding="utf-8"))
    assert written == got.records
    assert "王小明" in (tmp_path / "data" / "accepted-papers.json").read_text(encoding="utf-8")   # not \u escapes


@pytest.mark.parametrize("status, track, kind", [
    ("Oral", "main", "oral"), ("Accept (Oral)", "main", "oral"), ("notable-top-5%", "main", "oral"),
    ("Spotlight", "main", "spotlight"), ("Accept (Spotlight)", "", "spotlight"), ("Highlight", "main", "spotlight"),
    ("notable-top-25%", "main", "spotlight"), ("Poster", "main", "poster"), ("Accept", "main", "poster"),
    ("Accept (Poster)", "main", "poster"), ("Poster", "Workshop", "workshop"),
    ("Oral", "Datasets & Benchmarks", "datasets-benchmarks"),
])
def test_statuses_map_to_the_sites_types(tmp_path, status, track, kind):
    text = json.dumps([{"title": "T", "author": "A B", "status": status, "track": track}])
    got = read_source(_write(tmp_path, "x.json", text))
    assert [r.get("type") for r in got.records] == [kind] and got.problems == []


@pytest.mark.parametrize("status", ["Reject", "Desk Reject", "Withdraw", "Withdrawn", "Active"])
def test_statuses_that_are_not_acceptances_are_dropped_and_counted(tmp_path, status):
    got = read_source(_write(tmp_path, "x.json", json.dumps([{"title": "T", "author": "A B", "status": status}])))
    assert got.records == [] and got.dropped == {status: 1} and got.problems == []
