"""Figures, money, dates and language names as the documents print them (Babel's data)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import formatting
from docgen.model.values import PeriodDate, Range
from docgen.typography import typographic

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
    assert formatting.quantity(2_500_000, "tonnes", None, "en") == "2.5 million\u00a0tonnes"
    assert formatting.quantity(40, None, "USD", "en") == "$40"
    assert formatting.quantity(40, None, None, "en") == "40"


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2026, 2, 3), D(2026, 2, 3), "3 February 2026"),
    (D(2026, 2, 3), D(2026, 2, 4), "3\u20134 February 2026"),
    (D(2026, 6, 30), D(2026, 7, 1), "30 June\u20131 July 2026"),
    (D(2026, 12, 31), D(2027, 1, 1), "31 December 2026\u20131 January 2027")])
def test_date_spans(start: dt.date, end: dt.date, expected: str) -> None:
    assert formatting.date_span(start, end, formatting.locale_for("en")) == expected


EN = formatting.locale_for("en")


def test_dates_and_missing_dates() -> None:
    assert formatting.long_date(D(2026, 5, 20), EN) == "20 May 2026"
    assert formatting.short_date(D(2026, 9, 1), EN) == "1 Sept 2026"  # CLDR's en_001
    assert formatting.long_date(None, EN) == formatting.short_date(None, EN) == ""


@pytest.mark.parametrize(("language", "long", "span"), [
    ("kk", "2026\u202fж. 20 мамыр", "2026\u202fж. 3–4 ақп."),  # year first: Babel's interval
    ("ru", "20 мая 2026\u202fг.", "3–4 февраля 2026\u202fг."),
    ("ur", "20 مئی، 2026", "3–4 فروری، 2026"),
    ("en", "20 May 2026", "3–4 February 2026")])
def test_dates_follow_the_locale_s_own_long_form(language: str, long: str, span: str) -> None:
    """Named formats (long, medium), not a pattern that puts the day first everywhere."""
    locale = formatting.locale_for(language)
    assert formatting.long_date(D(2026, 5, 20), locale) == long
    assert formatting.date_span(D(2026, 2, 3), D(2026, 2, 4), locale) == span


def test_language_names_in_the_document_language() -> None:
    assert formatting.language_name("ur", "en") == "Urdu"
    assert formatting.language_name("kk", "en") == "Kazakh"
    assert formatting.language_name("en", "ru") == "английский"


@pytest.mark.parametrize(("bounds", "unit", "currency", "locale", "expected"), [
    ((8_000_000, 10_000_000), "tonnes", None, "en_001", "8\u201310 million\u00a0tonnes"),
    ((400_000_000, 500_000_000), None, "USD", "en_001", "US$400\u2013500 million"),
    ((500_000_000, 1_000_000_000), None, "USD", "en_001", "US$500 million\u20131 billion"),
    ((1_000_000_000, 1_500_000_000), None, None, "en_001", "1\u20131.5 billion"),
    ((2, 3), "reports", None, "en_001", "2\u20133\u00a0reports"),
    ((50, 50), "meetings", None, "en_001", "50\u00a0meetings"),
    ((8_000_000, 10_000_000), None, None, "de", "8\u201310 Millionen"),
    ((1_000_000_000, 2_000_000_000), None, None, "de", "1 Milliarde\u20132 Milliarden")])
def test_ranges_print_the_word_both_ends_share_once(bounds: tuple[float, float],
                                                    unit: str | None, currency: str | None,
                                                    locale: str, expected: str) -> None:
    low, high = bounds
    assert formatting.quantity(Range(min=low, max=high), unit, currency, locale) == expected


@pytest.mark.parametrize(("written", "locale", "long", "short"), [
    ((2027, 6), "en_001", "June 2027", "Jun 2027"),
    ((2030,), "en_001", "2030", "2030"),
    ((2026, 3, 15), "en_001", "15 March 2026", "15 Mar 2026"),
    ((2027, 6), "ru", "июнь 2027\u202fг.", "июнь 2027\u202fг."),
    ((2027, 6), "kk", "2027\u202fж. маусым", "2027\u202fж. мау.")])
def test_a_month_or_a_year_prints_as_the_locale_writes_it(written: tuple[int, ...], locale: str,
                                                          long: str, short: str) -> None:
    when = PeriodDate.written(*written)
    assert (formatting.long_date(when, locale), formatting.short_date(when, locale)) == (
        long, short)


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Pakistan's \"one-window\" desk", "en", "Pakistan\u2019s \u201cone-window\u201d desk"),
    ("the Sides' 'joint' review", "en", "the Sides\u2019 \u2018joint\u2019 review"),
    ("Qo'qon and O'zbekiston", "en", "Qo\u2019qon and O\u2019zbekiston"),
    ("l'accord \"cadre\"", "fr", "l\u2019accord \"cadre\""),  # quotes only in English
    ("o'brien@example.org", "en", "o'brien@example.org"),
    ("https://example.org/it's", "en", "https://example.org/it's"),
])
def test_typographic_apostrophes_and_quotes(text: str, language: str, expected: str) -> None:
    assert typographic(text, language) == expected


def test_the_documents_print_the_spec_s_text_typographically() -> None:
    from conftest import starter_data

    from docgen.context import build_context
    from docgen.model import Spec
    from docgen.render import render_html

    data = starter_data()
    data["framework"]["objectives"][0] = "To open the Sides' \"green lane\" for trade."
    html = render_html("framework", build_context(Spec.model_validate(data), final=False))
    assert "To open the Sides\u2019 \u201cgreen lane\u201d for trade." in html
    assert 'class="' in html  # the markup itself keeps its straight quotes


@pytest.mark.parametrize(("value", "expected"), [
    (1, "one"), (2, "two"), (11, "eleven"), (12, "twelve"), (21, "twenty-one"),
    (100, "one hundred"), (99, "ninety-nine")])
def test_number_words_for_any_number(value: int, expected: str) -> None:
    assert formatting.number_words(value, formatting.locale_for("en")) == expected


def test_number_words_follow_the_document_language() -> None:
    assert formatting.number_words(21, "ru") == "двадцать один"
    assert formatting.number_words(11, "kk") == "он бір"  # num2words spells Kazakh as `kz`
    assert formatting.number_words(11, "ur") == ""  # none for Urdu: the figure alone


def test_number_words_decline_where_the_language_does() -> None:
    """Russian says "in three originals" with the number in the prepositional case."""
    assert formatting.number_words(3, "ru", "prepositional") == "трёх"
    assert formatting.number_words(3, "ru", "nominative") == "три"
    assert formatting.number_words(3, "en", "prepositional") == "three"  # no cases in English


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


def test_the_list_filter_prints_items_as_any_value_is_printed() -> None:
    """Text joined into a list gets the typographic apostrophes any printed text gets."""
    from docgen.render import environment

    template = environment().from_string("{{ names | join_list }}")
    shown = template.render(names=["the People's Republic of A", "B"], locale="en_001",
                            language="en")
    assert shown == "the People\u2019s Republic of A and B"


def test_spelled_numbers_are_cached_so_a_warm_build_does_not_import_num2words(
        tmp_path: Path) -> None:
    """num2words loads every language it knows on import (~65 ms); a warm build skips it."""
    code = ("import sys; from docgen import formatting as f; "
            "print(f.number_words(11, 'en_001'), 'num2words' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout.split() for _ in range(2)]
    assert runs == [["eleven", "True"], ["eleven", "False"]]
