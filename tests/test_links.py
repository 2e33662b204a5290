"""Links gate: every internal href/src of the built site resolves to a file, every #fragment to an
id on its target page; external links are well-formed http(s) URLs."""

from gates import check_links, html_files


def test_every_link_of_the_real_site_resolves(built_site):
    problems, counts = check_links(built_site)
    assert counts["pages"] > 200 and counts["internal"] > 1000 and counts["fragments"] > 100
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems[:100])


BROKEN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<link rel="stylesheet" href="/assets/missing.css"></head>
<body id="top">
<a href="ok/">fine</a> <a href="#top">fine</a> <a href="ok/#here">fine</a> <a href="https://example.org/a?b=c#d">fine</a>
<a href="nowhere/">missing page</a>
<a href="#nope">missing fragment here</a>
<a href="ok/#nope">missing fragment there</a>
<a href="https://exa mple.org/">malformed</a>
<a href="http:/example.org">malformed too</a>
<a href="javascript:alert(1)">script</a>
<img src="/img/none.png" alt="missing image">
</body></html>
"""


def test_link_checker_reports_broken_links(tmp_path):
    (tmp_path / "index.html").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text('<!doctype html><p id="here">x</p>', encoding="utf-8")
    problems, counts = check_links(tmp_path, html_files(tmp_path)[:1])
    text = "\n".join(problems)
    assert "no file for /assets/missing.css" in text
    assert "no file for /nowhere/" in text
    assert "no id 'nope' in index.html" in text
    assert "no id 'nope' in ok/index.html" in text
    assert text.count("malformed external URL") == 2
    assert "unexpected URL scheme 'javascript'" in text
    assert "no file for /img/none.png" in text
    assert len(problems) == 8, text
