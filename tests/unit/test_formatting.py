"""formatting: numbers, percentages and dates the way each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from neurips_report.core.formatting import Formatter, locale_for


@pytest.mark.parametrize("lang, number, text", [
    ("en", 9467, "9,467"), ("zh", 9467, "9,467"), ("fr", 1250, "1\u202f250"), ("de", 1250, "1.250"),
    ("en", 1.5, "1.5"), ("en", 2.0, "2"), ("en", 1 / 3, "0.33"), ("en", None, "–"),
])
def test_numbers(lang, number, text):
    assert Formatter(lang).number(number) == text


@pytest.mark.parametrize("lang, fraction, digits, text", [
    ("en", 0.2005, 1, "20.0%"), ("en", 0.0111, 2, "1.11%"), ("en", 0.24, 0, "24%"),
    ("zh", 0.2005, 1, "20.0%"), ("fr", 0.24, 1, "24,0\u00a0%"), ("de", 0.0667, 2, "6,67\u00a0%"),
    ("en", None, 1, "–"),
])
def test_percent(lang, fraction, digits, text):
    assert Formatter(lang).percent(fraction, digits) == text


@pytest.mark.parametrize("lang, text", [
    ("en", "June 2, 2031"), ("zh", "2031年6月2日"), ("fr", "2 juin 2031"),
])
def test_dates(lang, text):
    assert Formatter(lang).date(dt.date(2031, 6, 2)) == text


def test_non_dates_pass_through():
    assert Formatter("en").date("sometime") == "sometime"


def test_unknown_locale_falls_back_to_english():
    assert str(locale_for("xx-nope")) == "en"
    assert Formatter("xx").number(1250) == "1,250"
    assert str(locale_for("pt-BR")) == "pt_BR"


def test_chinese_pages_lose_spaces_between_wide_characters():
    from neurips_report.core.formatting import close_wide_gaps, wide_gaps
    html = ("<p>官方列表中论文的\n初始署名单位，网络版： 线上。方向 （Lin 等，2020）。等（2020） 提出"
            " <a href=\"x\">的</a> <em>初</em>，2020 年，MIT 和 Google</p><pre>保留 空格</pre>")
    out = close_wide_gaps(html)
    assert "论文的初始署名单位" in out and "网络版：线上" in out and "方向（Lin 等，2020）" in out
    assert "等（2020）提出" in out and '<a href="x">的</a><em>初</em>' in out
    assert "2020 年" in out and "MIT 和 Google" in out     # Latin beside Chinese keeps its space
    assert "<pre>保留 空格</pre>" in out
    assert wide_gaps(out.replace("<pre>保留 空格</pre>", "")) == []


def test_plural_forms_follow_the_language_rules():
    from neurips_report.core.formatting import plural_key
    strings = {"paper_count": "%s papers", "paper_count_one": "%s paper"}
    assert [plural_key(strings, "paper_count", n, "en") for n in (0, 1, 2)] == ["paper_count", "paper_count_one", "paper_count"]
    assert [plural_key(strings, "paper_count", n, "fr") for n in (0, 1, 2)] == ["paper_count_one", "paper_count_one", "paper_count"]
    assert plural_key(strings, "paper_count", 1, "zh") == "paper_count"          # Chinese has one form
    assert plural_key({"x": "%s"}, "x", 1, "en") == "x"                          # no _one string: the other form
