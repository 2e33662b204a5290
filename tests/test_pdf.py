"""The PDF editions (`build --pdf`, issue 25), read as a reader would: every chapter's title in the text
and one bookmark per chapter in the outline, Chinese text without stray spaces, every font embedded,
citations that land on the bibliography's pages, the document's metadata and paper size, and two
builds giving the same bytes. Pages rendered to PNG go to $PDF_SHOTS (default: the test's temp
folder) to be looked at. Each PDF is built once per test run (shared_build)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from conftest import copy_site, pdf_build, run_build
from neurips_report.engine.pipeline import Options, check_site
from neurips_report.site.pdf import chapter, outline
from neurips_report.model.urls import Urls

WIDE = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef"


@pytest.fixture(scope="module")
def real():
    return pdf_build("real")


@pytest.fixture(scope="module")
def other():
    return pdf_build("other-conference")


def expected_chapters(folder: Path, name: str, lang: str) -> list[tuple[str, int]]:
    """(title, level) of every chapter the edition must have, from the site model and its built pages."""
    root, out = folder / name, folder / "out"
    content = check_site(Options(root)).content
    rels = {str(p.parent.relative_to(out)) + "/" for p in out.rglob("index.html")}
    order = outline(content, lang, rels)
    in_pdf = {rel for rel, _ in order}
    return [(chapter(out, rel, level, in_pdf, "/").title, level) for rel, level in order]


def bookmarks(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((item.title, level))
    walk(reader.outline, 1)
    return found


def page_texts(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


SITES = [("real", "zh"), ("real", "en"), ("other-conference", "en"), ("other-conference", "fr")]


@pytest.mark.parametrize("name, lang", SITES)
def test_every_chapter_is_in_the_text_and_has_its_bookmark(name, lang):
    folder = pdf_build(name)
    path = folder / "out" / Urls.pdf_edition(lang)
    chapters = expected_chapters(folder, name, lang)
    assert len(chapters) > 5
    marks = bookmarks(pypdf.PdfReader(path))
    assert marks[1:] == chapters                                  # one per chapter, in order, nested as the report
    assert marks[0][1] == 1                                        # the contents
    text = squeeze("".join(page_texts(path)))
    for title, _ in chapters:
        assert squeeze(title) in text, title


def test_chinese_text_has_no_stray_spaces(real):
    """No space character typeset between two wide characters. pdfium's text also has spaces it makes up
    for gaps between boxes (table cells, a running head beside a title): those are not in the PDF."""
    import pypdfium2.raw as pdfium_raw
    document = pypdfium2.PdfDocument(str(real / "out" / Urls.pdf_edition("zh")))
    stray, typeset_spaces, wide = [], 0, 0
    for number in range(len(document)):
        textpage = document[number].get_textpage()
        text = textpage.get_text_range(0, textpage.count_chars())
        assert len(text) == textpage.count_chars()
        wide += len(re.findall(f"[{WIDE}]", text))
        real_space = [not pdfium_raw.FPDFText_IsGenerated(textpage.raw, i) for i in range(len(text))]
        typeset_spaces += sum(1 for i, ch in enumerate(text) if ch == " " and real_space[i])
        for match in re.finditer(f"(?<=[{WIDE}]) +(?=[{WIDE}])", text):
            if any(real_space[i] for i in range(match.start(), match.end())):
                stray.append((number + 1, text[max(0, match.start() - 10):match.end() + 10]))
    assert stray == []
    assert typeset_spaces > 1000           # the test sees typeset spaces (between Latin words, 'NeurIPS 2020')
    assert wide > 10_000                   # and it is Chinese


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_font_is_embedded_and_chinese_has_a_cjk_font(real, lang):
    reader = pypdf.PdfReader(real / "out" / Urls.pdf_edition(lang))
    names, missing = set(), []
    for number, page in enumerate(reader.pages, 1):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            font = font.get_object()
            names.add(str(font.get("/BaseFont")))
            described = (font.get("/DescendantFonts") or [font])[0].get_object().get("/FontDescriptor")
            descriptor = described.get_object() if described else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append((number, font.get("/BaseFont")))
    assert missing == []
    if lang == "zh":
        assert any("CJK" in name for name in names), names


@pytest.mark.parametrize("name, lang", [("real", "en"), ("real", "zh"), ("other-conference", "fr")])
def test_links_land_inside_the_document_and_citations_on_the_bibliography(name, lang):
    folder = pdf_build(name)
    reader = pypdf.PdfReader(folder / "out" / Urls.pdf_edition(lang))
    destinations = {key: reader.get_destination_page_number(dest) for key, dest in reader.named_destinations.items()}
    bibliography = destinations[f"p-{lang}-bibliography"]
    links = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                links.append((number, str(annotation["/Dest"])))
    assert links and all(dest in destinations for _, dest in links)       # no internal link dangles
    citations = [(number, dest) for number, dest in links if dest.startswith(f"p-{lang}-bibliography--ref-")]
    assert len(citations) >= (40 if name == "real" else 2)
    assert all(destinations[dest] >= bibliography for _, dest in citations)
    assert any(number < bibliography for number, _ in citations)          # cited from the text before it
    contents = [dest for number, dest in links if number in (1, 2) and dest.startswith("p-")]
    assert contents, "the contents link every chapter"


def test_contents_page_numbers_are_the_chapters_pages(real):
    reader = pypdf.PdfReader(real / "out" / Urls.pdf_edition("en"))
    texts = page_texts(real / "out" / Urls.pdf_edition("en"))
    marks = {str(item.title): reader.get_destination_page_number(item)
             for item in reader.outline if not isinstance(item, list)}
    contents = "\n".join(texts[1:4])
    for title in ("Statistics", "Corrections", "Bibliography"):
        match = re.search(re.escape(title) + r"\s*\.+\s*(\d+)", contents)
        assert match, title
        assert int(match.group(1)) == marks[title] + 1                 # printed numbers count from the cover


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_metadata_size_and_length(real, lang):
    reader = pypdf.PdfReader(real / "out" / Urls.pdf_edition(lang))
    info = reader.metadata
    content = check_site(Options(real / "real")).content
    assert info.title == content.site.title[lang]
    assert info.author == ", ".join(content.site.source["authors"][lang])
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert info["/CreationDate"] == info["/ModDate"] == "D:" + content.site.raw["edition_date"].strftime("%Y%m%d") + "000000Z"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)      # A4 in points
    assert 60 < len(reader.pages) < 300


def test_letter_paper_and_byte_identical_rebuilds(other, tmp_path):
    letter = pdf_build("other-conference", "letter")
    box = pypdf.PdfReader(letter / "out" / Urls.pdf_edition("en")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    again = tmp_path / "again"
    run_build(copy_site("other-conference", tmp_path), again, base_url="/", pdf=True)
    for lang in ("en", "fr"):
        assert (again / Urls.pdf_edition(lang)).read_bytes() == (other / "out" / Urls.pdf_edition(lang)).read_bytes()


def test_home_page_and_footer_link_the_pdf_only_when_built(real, built_site):
    for lang in ("zh", "en"):
        home = (real / "out" / lang / "index.html").read_text(encoding="utf-8")
        link = f'href="../{lang}/report.pdf" download="neurips-2020-report-{lang}.pdf"'
        assert f'class="pdf-download"><a {link}' in home
        assert home.count(link) == 2                                       # the home page and its footer
        paper = (real / "out" / lang / "papers" / "fromp" / "index.html").read_text(encoding="utf-8")
        assert f'href="../../../{lang}/report.pdf"' in paper                # every page's footer
        plain = (built_site / lang / "index.html").read_text(encoding="utf-8")
        assert "report.pdf" not in plain and not (built_site / Urls.pdf_edition(lang)).exists()


def test_pages_rendered_for_a_look(real, other, tmp_path):
    """The contents, a chart, a Chinese page and the bibliography as PNG (in $PDF_SHOTS to keep them)."""
    shots = Path(os.environ.get("PDF_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for name, lang, folder in (("real", "zh", real), ("real", "en", real), ("other", "fr", other)):
        path = folder / "out" / Urls.pdf_edition(lang)
        reader = pypdf.PdfReader(path)
        marks = {str(item.title): reader.get_destination_page_number(item)
                 for item in reader.outline if not isinstance(item, list)}
        bibliography = max(marks.values())
        statistics = next((n for title, n in marks.items() if title in ("Statistics", "统计", "Statistiques")), 2)
        document = pypdfium2.PdfDocument(str(path))
        for label, number in (("contents", 1), ("statistics", statistics + 1), ("page", 6), ("bibliography", bibliography)):
            image = document[number].render(scale=1.2).to_pil().convert("L")
            image.save(shots / f"{name}-{lang}-{label}.png")
            dark = sum(image.histogram()[:128])
            assert dark > 500, (name, lang, label)                       # not a blank page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_are_vector_drawings(real, lang):
    """The statistics chapter draws its charts as paths (the same SVG as the site), with no raster image."""
    reader = pypdf.PdfReader(real / "out" / Urls.pdf_edition(lang))
    marks = {str(item.title): reader.get_destination_page_number(item)
             for item in reader.outline if not isinstance(item, list)}
    first = marks[{"zh": "统计", "en": "Statistics"}[lang]]
    page = reader.pages[first]
    objects = (page.get("/Resources") or {}).get("/XObject") or {}
    assert not [name for name, xobject in objects.items() if xobject.get_object().get("/Subtype") == "/Image"]
    drawing = page.get_contents().get_data()
    assert drawing.count(b" re") + drawing.count(b" c\n") > 10          # rectangles and curves of the bars


@pytest.mark.slow
def test_real_site_pdfs_are_byte_identical_in_another_process(real, tmp_path):
    """The real site's editions again, in a new process with another hash seed and time zone (a marathon:
    --run-slow, nightly; the fixture site's rebuild above runs always)."""
    import subprocess
    import sys

    from conftest import ROOT
    root = copy_site("real", tmp_path)
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Asia/Shanghai"}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--site", str(root), "--out",
                           str(tmp_path / "again"), "--base-url", "/", "--no-search", "--pdf"],
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    for lang in ("zh", "en"):
        assert (tmp_path / "again" / Urls.pdf_edition(lang)).read_bytes() == (real / "out" / Urls.pdf_edition(lang)).read_bytes()


def test_without_weasyprint_the_build_fails_with_a_hint_and_keeps_the_output(tmp_path, monkeypatch):
    import sys

    from neurips_report.site.pdf import PdfError
    root = copy_site("minimal", tmp_path)
    run_build(root, tmp_path / "out")
    before = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*"))
    monkeypatch.setitem(sys.modules, "weasyprint", None)          # as if it could not be imported
    with pytest.raises(PdfError) as failed:
        run_build(root, tmp_path / "out", pdf=True)
    assert "the PDF edition needs WeasyPrint and Debian's Pango" in str(failed.value)
    assert "hint: bash scripts/install-test-deps.sh" in str(failed.value)
    assert sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*")) == before
