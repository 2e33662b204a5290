"""formatting: numbers, percentages and dates the way each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# close_wide_gaps as it was written first, with look-behinds: the reference the faster patterns must equal
def _reference_close_wide_gaps(html: str) -> str:
    import re
    from neurips_report.core.formatting import WIDE, _VERBATIM
    wide_gap = re.compile(rf"(?<=[{WIDE}])((?:<[^<>]*>)*)[ \t\r\n]+((?:<[^<>]*>)*)(?=[{WIDE}])")
    punct_gap = re.compile("(?<=[\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\uff09\u300d\u300f\u300b\u3011])"
                           "((?:<[^<>]*>)*)[ \t\r\n]+|[ \t\r\n]+((?:<[^<>]*>)*)(?=[\uff08\u300c\u300e\u300a\u3010])")
    parts = _VERBATIM.split(html)
    out, i = [], 0
    while i < len(parts):
        out.append(punct_gap.sub(lambda m: m[1] or m[2] or "", wide_gap.sub(r"\1\2", parts[i])))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 3
    return "".join(out)


# the pieces pages are made of: wide characters, both kinds of full-width punctuation, Latin, whitespace,
# tags (with wide characters and whitespace inside them too) and verbatim elements
_PIECES = ["中", "文", "，", "。", "、", "）", "」", "（", "「", "【", "＞", "a", "Z", "1", ".", " ", "  ", "\n", "\t",
           "<a>", "</a>", "<em>", "</em>", '<a href="x y">', '<a title="中 文">', "<br/>", "<", ">",
           "<pre>", "</pre>", "<code>中 文</code>", "<script>a 中 </script>"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@settings(max_examples=3000, deadline=None)
def test_close_wide_gaps_equals_the_look_behind_reference(pieces):
    from neurips_report.core.formatting import close_wide_gaps
    html = "".join(pieces)
    assert close_wide_gaps(html) == _reference_close_wide_gaps(html)
