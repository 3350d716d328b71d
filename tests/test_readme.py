"""The README's promises: every diagnostic code is documented, and only real ones are."""

import re
from pathlib import Path

from docgen.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*ROOT.joinpath("docgen").rglob("*.py")]


def _readme_codes() -> set[str]:
    text = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| (DG\d{3}) \|", text, flags=re.MULTILINE))


def _emitted_codes() -> set[str]:
    """Every code the package can emit: rule codes and those written into diagnostics."""
    found = {rule.code for rule in RULES}
    for source in SOURCES:
        found |= set(re.findall(r'"(DG\d{3})"', source.read_text(encoding="utf-8")))
    return found


def test_every_code_is_documented() -> None:
    assert _emitted_codes() - _readme_codes() == set()


def test_every_documented_code_exists() -> None:
    assert _readme_codes() - _emitted_codes() == set()
