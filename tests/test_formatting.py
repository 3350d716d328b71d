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
