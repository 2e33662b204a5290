"""A site replaces single files of the bundled theme by putting its own at the same path (docs/content-format.md,
"Themes"): the rest still comes from the theme, errors name the site's file, and removing it restores the theme's."""

from __future__ import annotations

from conftest import cli, copy_site
from neurips_report.theme.folders import bundled_dir


def _build(root, out):
    result = cli("build", "--site", str(root), "--out", str(out), "--no-search")
    return result, result.stdout + result.stderr


def test_a_partial_and_a_stylesheet_of_the_site_replace_the_themes(tmp_path):
    root = copy_site("minimal", tmp_path)
    out = tmp_path / "out"
    assert not (root / "templates").exists() and not (root / "static").exists()
    first, log = _build(root, out)
    assert first.returncode == 0, log
    bundled_css = (bundled_dir("static") / "style.css").read_bytes()
    # the site's own partial and stylesheet, added after a build (the next build must see them)
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "partials" / "credit.html").write_text('<p class="our-credit">Our own credit.</p>\n',
                                                                 encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "style.css").write_text("body { color: #123; }\n", encoding="utf-8")
    second, log = _build(root, out)
    assert second.returncode == 0, log
    home = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert '<p class="our-credit">Our own credit.</p>' in home
    assert "A Tiny Model" in (out / "en" / "papers" / "tiny-model" / "index.html").read_text(encoding="utf-8")
    styles = sorted((out / "assets").glob("style.*.css"))
    assert [p.read_bytes() for p in styles] == [b"body { color: #123; }\n"]
    assert sorted((out / "assets").glob("site.*.js"))                   # the theme's other files are still there
    # a mistake in the site's own template is reported at that file
    (root / "templates" / "partials" / "credit.html").write_text("{% if x %}\n", encoding="utf-8")
    broken, log = _build(root, out)
    assert broken.returncode == 1 and "templates/partials/credit.html:1: error: template syntax error" in log
    # without its own files, the site has the theme's again
    (root / "templates" / "partials" / "credit.html").unlink()
    (root / "static" / "style.css").unlink()
    third, log = _build(root, out)
    assert third.returncode == 0, log
    assert "our-credit" not in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert [p.read_bytes() for p in sorted((out / "assets").glob("style.*.css"))] == [bundled_css]
