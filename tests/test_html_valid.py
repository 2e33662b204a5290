"""HTML validity gate: the Nu HTML Checker (vnu.jar) finds no error on any page of the site."""

from gates import html_files, vnu_errors


def test_every_page_is_valid_html(built_site):
    assert len(html_files(built_site)) > 200
    errors = vnu_errors(built_site)
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors[:100])


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


def test_html_checker_reports_invalid_documents(tmp_path):
    (tmp_path / "bad.html").write_text(INVALID, encoding="utf-8")
    (tmp_path / "good.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Good</title></head>'
        '<body><p>fine</p></body></html>', encoding="utf-8")
    errors = vnu_errors(tmp_path)
    text = "\n".join(errors)
    assert all("bad.html" in e for e in errors), text
    assert "Duplicate ID" in text
    assert "alt" in text
    assert "Illegal character" in text          # the space in href
    assert "not allowed as child of element “ul”" in text
    assert len(errors) >= 5, text
