"""Figures, money, dates and language names as the documents print them (Babel's data)."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import formatting

D = dt.date


@pytest.mark.parametrize(("value", "expected"), [
    (750_000, "750,000"), (12.5, "12.5"), (1_000_000_000, "1 billion"),
    (53_700_000, "53.7 million")])
def test_amounts(value: float, expected: str) -> None:
    assert formatting.amount(value, "en") == expected


@pytest.mark.parametrize(("value", "currency", "expected"), [
    (1_000_000_000, "USD", "$1 billion"), (12_000, "PKR", "PKR 12,000"),
    (53_700_000, "EUR", "€53.7 million")])
def test_money(value: float, currency: str, expected: str) -> None:
    assert formatting.money(value, currency, "en") == expected


def test_quantities_take_their_unit_or_currency() -> None:
    assert formatting.quantity(2_500_000, "tonnes", None, "en") == "2.5 million tonnes"
    assert formatting.quantity(40, None, "USD", "en") == "$40"
    assert formatting.quantity(40, None, None, "en") == "40"


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2026, 2, 3), D(2026, 2, 3), "3 February 2026"),
    (D(2026, 2, 3), D(2026, 2, 4), "3\u20134 February 2026"),
    (D(2026, 6, 30), D(2026, 7, 1), "30 June\u20131 July 2026"),
    (D(2026, 12, 31), D(2027, 1, 1), "31 December 2026\u20131 January 2027")])
def test_date_spans(start: dt.date, end: dt.date, expected: str) -> None:
    assert formatting.date_span(start, end, "en") == expected


def test_dates_and_missing_dates() -> None:
    assert formatting.long_date(D(2026, 5, 20), "en") == "20 May 2026"
    assert formatting.short_date(D(2026, 9, 1), "en") == "1 Sep 2026"
    assert formatting.long_date(None, "en") == formatting.short_date(None, "en") == ""


def test_language_names_in_the_document_language() -> None:
    assert formatting.language_name("ur", "en") == "Urdu"
    assert formatting.language_name("kk", "en") == "Kazakh"
    assert formatting.language_name("en", "ru") == "английский"


@pytest.mark.parametrize(("value", "expected"), [
    (1, "one"), (2, "two"), (11, "eleven"), (12, "twelve"), (21, "twenty-one"),
    (100, "one hundred"), (99, "ninety-nine")])
def test_number_words_for_any_number(value: int, expected: str) -> None:
    assert formatting.number_words(value, formatting.locale_for("en")) == expected


def test_number_words_follow_the_document_language() -> None:
    assert formatting.number_words(21, "ru") == "двадцать один"
    assert formatting.number_words(11, "kk") == "он бір"  # num2words spells Kazakh as `kz`
    assert formatting.number_words(11, "ur") == ""  # none for Urdu: the figure alone


@pytest.mark.parametrize(("items", "locale", "expected"), [
    (["A"], "en_001", "A"), (["A", "B"], "en_001", "A and B"),
    (["A", "B", "C"], "en_001", "A, B and C"), (["A", "B", "C"], "ru", "A, B и C")])
def test_lists_are_joined_as_the_language_joins_them(items: list[str], locale: str,
                                                      expected: str) -> None:
    assert formatting.join_list(items, locale) == expected


def test_the_list_filter_escapes_text_and_keeps_markup() -> None:
    from markupsafe import Markup

    from docgen.render import environment

    template = environment().from_string("{{ items | join_list }} | {{ [6] | join_list('or') }}")
    shown = template.render(items=["A & B", Markup("<strong>C</strong>"), "<D>"],
                            locale="en_001")
    assert shown == "A &amp; B, <strong>C</strong> and &lt;D&gt; | 6"


def test_the_count_macro_gives_words_and_figures() -> None:
    from docgen.render import environment

    template = environment().from_string(
        '{% import "_wording.html.j2" as w with context %}{{ w.counted(11) }}; '
        '{{ w.counted(3) }}')
    shown = template.render(locale="en_001", doc={"binding": False}, parties=[1, 2])
    assert shown == "eleven (11); three (3)"
