"""The three formats say exactly the same thing: same words, same order, same numbers.

Each document is built once; its words are read back from the HTML (lxml), the PDF
(pdftotext, content-stream order) and the DOCX (the body in document order), leaving
aside only running headers and footers, page numbers, and table headers a page break
repeated. Numbering (paragraphs, sections, annexes, list items, table rows) is part of
the words, so it is compared too, and once more on its own for a readable failure.

The example's other editions are compared too: Kazakh and Russian in all three formats,
Urdu between HTML and Word. Urdu's PDF is not read back here: pdftotext gives
right-to-left Nastaliq in visual fragments wrapped in embedding marks, not words in
reading order; its text is checked where it can be (test_translations.py: its fonts,
direction and joining in the files, and looked at as pages).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from conftest import edition_folder
from extract import docx_words, html_running, html_table_headers, html_words, pdf_words

from docgen.build import build

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
LABEL = re.compile(r"^(?:\d+\.|\([a-z]\)|[IVXL]+\.|[A-Z]\.)$")


@pytest.fixture(scope="module", params=SPECS, ids=[spec.stem for spec in SPECS])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each spec of specs/ built once (two parties and three, binding and not), in its first
    language: the English files."""
    out = tmp_path_factory.mktemp("parity")
    return edition_folder(build(request.param, out=out, languages=["en"]).folder)


def _formats(folder: Path, name: str) -> dict[str, list[str]]:
    page = folder / f"{name}.html"
    return {"html": html_words(page),
            "pdf": pdf_words(folder / f"{name}.pdf", html_running(page),
                             html_table_headers(page)),
            "docx": docx_words(folder / f"{name}.docx")}


def _difference(expected: list[str], actual: list[str]) -> str:
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    shown = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            shown.append(f"{tag}: html {' '.join(expected[max(a1 - 4, 0):a2 + 4])!r}\n"
                         f"     other {' '.join(actual[max(b1 - 4, 0):b2 + 4])!r}")
    return "\n".join(shown[:8])


@pytest.mark.parametrize("name", ["framework", "minutes"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_same_words_in_the_same_order(built: Path, name: str, fmt: str) -> None:
    found = _formats(built, name)
    assert len(found["html"]) > 500
    assert found[fmt] == found["html"], _difference(found["html"], found[fmt])


@pytest.mark.parametrize("name", ["framework", "minutes"])
def test_numbering_is_identical(built: Path, name: str) -> None:
    found = _formats(built, name)
    labels = {fmt: [w for w in tokens if LABEL.match(w)] for fmt, tokens in found.items()}
    assert len(labels["html"]) > 15
    assert labels["pdf"] == labels["html"]
    assert labels["docx"] == labels["html"]


EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
EDITIONS = [(lang, fmt) for lang in ("kk", "ru", "ur") for fmt in ("pdf", "docx")
            if (lang, fmt) != ("ur", "pdf")]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's Kazakh, Russian and Urdu editions, built once."""
    out = tmp_path_factory.mktemp("editions")
    return build(EXAMPLE, out=out, languages=["kk", "ru", "ur"]).folder


@pytest.mark.parametrize("name", ["framework", "minutes"])
@pytest.mark.parametrize(("language", "fmt"), EDITIONS)
def test_every_edition_says_the_same_in_each_format(editions: Path, language: str, fmt: str,
                                                    name: str) -> None:
    found = _formats(editions / language, name)
    assert len(found["html"]) > 500
    assert found[fmt] == found["html"], _difference(found["html"], found[fmt])


def test_every_edition_rebuilds_to_the_same_bytes(editions: Path, tmp_path: Path) -> None:
    again = build(EXAMPLE, out=tmp_path, languages=["kk", "ru", "ur"]).folder
    names = sorted(p.relative_to(editions).as_posix() for p in editions.rglob("*")
                   if p.is_file())
    assert len(names) == 3 * 2 * 3 + 1  # three languages, two documents, three formats
    for name in names:
        assert (again / name).read_bytes() == (editions / name).read_bytes(), name
