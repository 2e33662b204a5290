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
