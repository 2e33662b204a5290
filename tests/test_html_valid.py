"""HTML validity gate: the Nu HTML Checker (vnu.jar) finds no error on any page of the site."""

import pytest

from gates import html_files, vnu_errors


INVALID = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Invalid</title></head>
<body>
<p id="twice">one</p><p id="twice">two</p>
<div><span><div>block in inline</div></span></div>
<img src="x.png">
<ul><p>not a list item</p></ul>
<a href="a b">space in URL</a>
</body></html>
"""


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory):
    """(site, samples, errors): one run of the checker over the site and two sample documents
    (Java starts once)."""
    samples = tmp_path_factory.mktemp("html-samples")
    (samples / "bad.html").write_text(INVALID, encoding="utf-8")
    (samples / "good.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Good</title></head>'
        '<body><p>fine</p></body></html>', encoding="utf-8")
    return built_site, samples, vnu_errors(built_site, samples)


def _under(folder, errors) -> list[str]:
    return [e for e in errors if e.startswith(str(folder.resolve()) + "/")]


def test_every_page_is_valid_html(checked):
    site, samples, errors = checked
    assert len(html_files(site)) > 200
    errors = [e for e in errors if e not in _under(samples, errors)]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors[:100])


def test_html_checker_reports_invalid_documents(checked):
    _, samples, errors = checked
    errors = _under(samples, errors)
    text = "\n".join(errors)
    assert all("bad.html" in e for e in errors), text
    assert "Duplicate ID" in text
    assert "alt" in text
    assert "Illegal character" in text          # the space in href
    assert "not allowed as child of element “ul”" in text
    assert len(errors) >= 5, text
