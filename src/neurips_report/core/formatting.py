"""Numbers, percentages and dates written the way each language writes them (Babel)."""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal


@lru_cache(maxsize=None)
def locale_for(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


class Formatter:
    def __init__(self, lang: str):
        self.locale = locale_for(lang)

    def number(self, value) -> str:
        if value is None:
            return "–"
        return format_decimal(value, format="#,##0.##", locale=self.locale)

    def percent(self, fraction, digits: int = 1) -> str:
        """0.2005 -> '20.0%' / '20,0 %' (fraction of one), in the language's own percent pattern."""
        if fraction is None:
            return "–"
        pattern = copy.copy(self.locale.percent_formats[None])
        pattern.frac_prec = (digits, digits)
        return pattern.apply(fraction, self.locale)

    def date(self, value) -> str:
        if isinstance(value, dt.date):
            return format_date(value, format="long", locale=self.locale)
        return str(value)


PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


def fill(text: str, **values) -> str:
    """An interface string with its {name} placeholders filled in; any other brace is kept as written."""
    return PLACEHOLDER_RE.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)


# --------------------------------------------------------------------------- Chinese typography

# Han (with radicals, extensions A and compatibility ideographs), kana and bopomofo
CJK = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# full-width punctuation: 、。〈〉《》「」『』【】〔〕 and the full-width forms ，：；！？（）［］｛｝
FULLWIDTH = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
WIDE = CJK + FULLWIDTH
# whitespace between two wide characters, possibly with tags (<a ...>, </em>) on either side of it. The
# first wide character is matched (and written back), not looked behind at: a pattern that starts with a
# character class lets the regex engine skip to the next wide character instead of trying every position
# of the page (3x faster over a whole page; tests/unit/test_formatting.py proves it the same as the
# look-behind form)
_WIDE_GAP = re.compile(rf"([{WIDE}])((?:<[^<>]*>)*)[ \t\r\n]+((?:<[^<>]*>)*)(?=[{WIDE}])")
# whitespace after full-width punctuation that ends or separates (、。，：；！？）」』》】) and before
# full-width opening brackets, whatever is on the other side ("、 MIT", "方法 （Lin"); the punctuation
# before is matched and written back, as above, and the whitespace and tags before a bracket are taken
# possessively (giving some back could only end on whitespace or "<", never on the bracket)
_PUNCT_GAP = re.compile("([\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\uff09\u300d\u300f\u300b\u3011])"
                        "((?:<[^<>]*>)*)[ \t\r\n]+|[ \t\r\n]++((?:<[^<>]*>)*+)(?=[\uff08\u300c\u300e\u300a\u3010])")
_VERBATIM = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2\s*>)", re.S | re.I)
# in one line of source text: two wide characters with spaces between them
WIDE_SPACE_RE = re.compile(rf"[{WIDE}][ \t\u00a0]+[{WIDE}]")


def close_wide_gaps(html: str) -> str:
    """Chinese pages: no whitespace between two CJK characters or a CJK character and full-width
    punctuation. Lines joined from soft-wrapped Markdown or folded YAML, and interface strings placed
    beside Chinese text, would otherwise show as spaces ("的 初始", "方向 （Doe 等，2031）"). Text in
    pre, code, script, style and textarea is left as written."""
    parts = _VERBATIM.split(html)
    out = []
    i = 0
    while i < len(parts):
        out.append(_PUNCT_GAP.sub(_punct_kept, _WIDE_GAP.sub(r"\1\2\3", parts[i])))
        if i + 1 < len(parts):
            out.append(parts[i + 1])     # the verbatim element, untouched
        i += 3                            # split yields (text, element, tag name) triples
    return "".join(out)


def _punct_kept(match: re.Match) -> str:
    """What a _PUNCT_GAP match keeps: the punctuation and tags before the gap, or the tags after it."""
    return (match[1] + match[2]) if match[1] else (match[3] or "")


def wide_gaps(text: str) -> list[str]:
    """The spaced pairs of wide characters in a text, as written (for checks and tests)."""
    return [m[0] for m in WIDE_SPACE_RE.finditer(text)]


# --------------------------------------------------------------------------- plural forms

def plural_key(strings, key: str, count, lang: str) -> str:
    """The interface string for `count` things, by the language's CLDR plural rules (Babel): `<key>_one`,
    `_two`, `_few` or `_many` when the language has that form and the strings define it, else `<key>`
    (the 'other' form). English 1 -> paper_count_one, 2 -> paper_count; French 0 and 1 -> *_one."""
    try:
        form = locale_for(lang).plural_form(abs(count))
    except (TypeError, ValueError):
        return key
    candidate = f"{key}_{form}"
    return candidate if form != "other" and candidate in strings else key


def in_language(value, lang: str):
    """A value given per language ({lang: text}) in `lang`, else in the first language it has; any other
    value as it is ("" for None). The one way a per-language value is read for a page."""
    if isinstance(value, dict):
        return value.get(lang) or next(iter(value.values()), "")
    return "" if value is None else value


def count(number: int, noun: str) -> str:
    """'1 error', '3 errors'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
