"""ISO 4217 currency codes, from Babel's CLDR data, cached as a small text file.

Importing Babel costs the validate path tens of milliseconds; reading the cached
list costs a fraction of one. A test keeps the file equal to Babel's data; after
upgrading Babel, regenerate it with `python -m docgen.currencies`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CURRENCY_FILE = Path(__file__).parent / "data" / "currencies.txt"


@cache
def known_currencies() -> frozenset[str]:
    """Return every currency code CLDR knows, current and historic."""
    return frozenset(CURRENCY_FILE.read_text(encoding="ascii").split())


def babel_currencies() -> list[str]:
    """Return Babel's list of currency codes, sorted (imports Babel)."""
    from babel.core import get_global

    return sorted(get_global("all_currencies"))


if __name__ == "__main__":
    CURRENCY_FILE.write_text("\n".join(babel_currencies()) + "\n", encoding="ascii")
