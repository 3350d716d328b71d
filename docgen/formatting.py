"""Figures, money, dates and language names for people, by Babel's locale data.

These are the Jinja filters every template uses. The locale comes from the
document's language; English documents use `en_001` (international English), where
the dollar is "US$" and other currencies show their ISO code, as treaties write them.
Numbers are spelled (num2words) and lists joined ("A, B and C") in that language too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import inspect
import json
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_date_format
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal, get_currency_symbol

from docgen.model.values import Figure, Range
from docgen.paths import cache_folder

LOCALES = {"en": "en_001"}
ListStyle = Literal["standard", "or"]


def locale_for(language: str) -> str:
    """Return the Babel locale used to format a document in `language`."""
    return LOCALES.get(language, language.replace("-", "_"))


def direction(language: str) -> str:
    """Return "rtl" for a language written right to left (Urdu, Arabic), else "ltr"."""
    order = Locale.parse(locale_for(language)).character_order
    return "rtl" if order == "right-to-left" else "ltr"


def figure(value: float, locale: str) -> str:
    """Format a plain figure: 750,000 or 12.5."""
    return format_decimal(value, locale=locale, decimal_quantization=False)


def amount(value: float, locale: str) -> str:
    """Format a large figure compactly for reading: 1 billion, 53.7 million, 12,000."""
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale=locale,
                                      fraction_digits=1)
    return figure(value, locale)


def amounts(value: Figure, locale: str) -> str:
    """Format a figure or a range: 12, or 8–10 million (a word both ends share, once)."""
    if not isinstance(value, Range) or value.min == value.max:
        return amount(value.min if isinstance(value, Range) else value, locale)
    low, high = amount(value.min, locale), amount(value.max, locale)
    shared = _LAST_DIGIT.search(low), _LAST_DIGIT.search(high)
    if shared[0] and shared[1] and low[shared[0].end():] == high[shared[1].end():]:
        low = low[:shared[0].end()]
    return f"{low}\u2013{high}"


_LAST_DIGIT = re.compile(r"\d(?!.*\d)")


def money(value: Figure, currency: str, locale: str) -> str:
    """Format money for people, with the locale's symbol: $1 billion, €53.7 million, PKR 12,000."""
    symbol = get_currency_symbol(currency, locale=locale)
    separator = " " if symbol[-1:].isalpha() else ""
    return f"{symbol}{separator}{amounts(value, locale)}"


def quantity(value: Figure, unit: str | None, currency: str | None, locale: str) -> str:
    """Format a value (or a range) in its currency or unit: US$8–10 million, 300 meetings.

    A no-break space joins the figure to its unit, so no line starts with "tonnes"
    (and Russian and Kazakh typography asks for it before every unit)."""
    if currency:
        return money(value, currency, locale)
    return f"{amounts(value, locale)}\u00a0{unit}" if unit else amounts(value, locale)


def long_date(value: dt.date | None, locale: str) -> str:
    """Format a date as a document states it, in the locale's long form: 20 May 2026,
    2026 ж. 20 мамыр (June 2027, 2030 for a date written to the month or the year)."""
    if value is None:
        return ""
    if _PRECISION.get(getattr(value, "precision", "day")):
        return period_date(value, "long", locale)
    return format_date(value, format="long", locale=locale)


def short_date(value: dt.date | None, locale: str) -> str:
    """Format a date for a table cell, in the locale's medium form: 20 May 2026."""
    if value is None:
        return ""
    if _PRECISION.get(getattr(value, "precision", "day")):
        return period_date(value, "short", locale)
    return format_date(value, format="medium", locale=locale)


# The CLDR skeletons of a date written to the month or the year, long and short.
_PRECISION = {"month": {"long": "yMMMM", "short": "yMMM"}, "year": {"long": "y", "short": "y"}}


def period_date(value: dt.date, width: str, locale: str) -> str:
    """Format a date written to the month or the year as the locale does: June 2027, 2030."""
    skeleton = _PRECISION[getattr(value, "precision", "month")][width]
    return format_skeleton(skeleton, dt.datetime(value.year, value.month, value.day),
                           locale=locale)


def year(value: dt.date, locale: str) -> str:
    """Format a date's year alone, as the locale writes a year on its own: 2027."""
    return format_skeleton("y", dt.datetime(value.year, 1, 1), locale=locale)


def date_span(start: dt.date, end: dt.date, locale: str) -> str:
    """Format a meeting's dates: 3–4 February 2026, or 30 June–1 July 2026.

    Where the locale's long date starts with the day (day month year), the shared
    month and year are written once, in that long form; elsewhere (2026 ж. 3 ақпан)
    Babel's interval format for the locale decides.
    """
    if start == end:
        return long_date(start, locale)
    if not _day_first(locale):
        return str(format_interval(start, end, "yMMMMd", locale=locale))
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_date(start, 'd', locale=locale)}\u2013{long_date(end, locale)}"
    if start.year == end.year:
        return f"{format_skeleton('MMMMd', start, locale=locale)}\u2013{long_date(end, locale)}"
    return f"{long_date(start, locale)}\u2013{long_date(end, locale)}"


@cache
def _day_first(locale: str) -> bool:
    return str(get_date_format("long", locale=locale).pattern).lstrip("'").startswith("d")


@cache
def language_name(code: str, locale: str) -> str:
    """Name a language in the document's language: `ur` -> Urdu."""
    names = Locale.parse(locale).languages
    return str(names.get(code.replace("-", "_"), names.get(code.split("-", maxsplit=1)[0], code)))


NUM2WORDS_LANGUAGES = {"kk": "kz"}
"""Language codes that num2words spells its own way (Kazakh is `kz` there)."""


@cache
def number_words(value: int, locale: str, case: str = "") -> str:
    """Spell a whole number in the document's language (num2words): 11 -> "eleven".

    Empty for a language num2words cannot spell, so a template can print the figure
    alone rather than words in another language. `case` ("prepositional", "genitive"…)
    declines the number where num2words declines that language (Russian: "в двух");
    elsewhere it is ignored. Importing num2words loads every language it knows (about
    65 ms), so spelled numbers are kept in the user's cache folder, keyed by the
    installed num2words files; a warm build does not import it.
    """
    stored = _spelled()
    key = f"{locale}|{value}|{case}" if case else f"{locale}|{value}"
    if key not in stored:
        from num2words import CONVERTER_CLASSES, num2words

        stored[key] = ""
        for code in (locale, locale.split("_", maxsplit=1)[0]):
            spelled_in = NUM2WORDS_LANGUAGES.get(code, code)
            if spelled_in in CONVERTER_CLASSES:
                declines = "case" in inspect.signature(
                    CONVERTER_CLASSES[spelled_in].to_cardinal).parameters
                options = {"case": case} if declines and case not in ("", "nominative") else {}
                stored[key] = str(num2words(value, lang=spelled_in, **options))
                break
        _keep(stored)
    return stored[key]


@cache
def _spelled() -> dict[str, str]:
    """The numbers spelled before by this num2words (its package's files name the cache)."""
    try:
        return dict(json.loads(_spelled_file().read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


@cache
def _spelled_file() -> Path:
    spec = importlib.util.find_spec("num2words")  # finds, does not import
    origin = Path(spec.origin) if spec is not None and spec.origin else Path("num2words")
    try:
        stamp = f"{origin.resolve()}|{origin.stat().st_mtime_ns}|{origin.stat().st_size}"
    except OSError:
        stamp = str(origin)
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:16]
    return cache_folder() / "numbers" / f"{digest}.json"


def _keep(stored: dict[str, str]) -> None:
    """Write the spelled numbers back; a cache that cannot be written is no error."""
    target = _spelled_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        temporary.write_text(json.dumps(stored, ensure_ascii=False, sort_keys=True),
                             encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        pass


def join_list(items: Sequence[str], locale: str, style: ListStyle = "standard") -> str:
    """Join words as the language lists them (Babel's list patterns): "A, B and C"."""
    return format_list(list(items), style=style, locale=locale)
