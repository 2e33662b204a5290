"""Numbers, percentages and dates written the way each language writes them (Babel)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent


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
        """0.2005 -> '20.0%' (fraction of one)."""
        if fraction is None:
            return "–"
        pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
        return format_percent(fraction, format=pattern, locale=self.locale)

    def date(self, value) -> str:
        if isinstance(value, dt.date):
            return format_date(value, format="long", locale=self.locale)
        return str(value)
