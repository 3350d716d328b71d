"""The cached ISO 4217 list equals Babel's, and the model rejects codes outside it."""

from docgen.currencies import CURRENCY_FILE, babel_currencies, known_currencies


def test_cached_currencies_match_babel() -> None:
    assert CURRENCY_FILE.read_text(encoding="ascii").split() == babel_currencies(), (
        "Babel's currency data changed: run `python -m docgen.currencies` and commit the file")


def test_known_currencies_hold_the_parties_currencies() -> None:
    assert {"USD", "PKR", "KZT", "EUR"} <= known_currencies()
    assert "XYZ" not in known_currencies()
