"""Any number of parties, binding or not: the wording, the cover and the signature blocks.

Built once each: the trilateral and the binding examples of specs/, and the starter grown
to six parties (`conftest.with_parties`, one of them with a very long name), non-binding
and binding. Their PDF text is read with pdftotext; that the signature lines stand level
is read from the word boxes of the signers' names (`pdftotext -bbox`: each line is the
bottom border of the paragraph just above its name, in the same cell, so names at one
height mean lines at one height), and the Word file's signature table row by row.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import dump_yaml, edition_folder, starter_data, with_parties
from extract import docx_words, html_running, html_table_headers, html_words, pdf_words
from lxml import etree, html

from docgen.build import build

ROOT = Path(__file__).resolve().parents[1]
TRILATERAL = ROOT / "specs" / "trans-caspian-rail-2026.yaml"
BINDING = ROOT / "specs" / "uzbekistan-kyrgyzstan-road-2026.yaml"
MORE = {"C": "the Government of the Federal Democratic Republic of Country C and its "
             "Associated Islands",
        "D": "the Government of Country D",
        "E": "the Council of Ministers of the United Provinces of Country E",
        "F": "the Government of Country F"}
"""Four parties beyond the starter's two; C and E have names that wrap to more lines."""
PER_ROW = 3


def _six(folder: Path, binding: bool) -> Path:
    spec = with_parties(starter_data(), MORE)
    spec["document"]["binding"] = binding
    spec["document"]["title"] = "Framework for Economic Cooperation between Six Countries"
    path = folder / f"six-{'binding' if binding else 'parties'}.yaml"
    path.write_text(dump_yaml(spec), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each spec's English files, by name: trilateral, binding, six, six-binding."""
    folder = tmp_path_factory.mktemp("parties")
    specs = {"trilateral": TRILATERAL, "binding": BINDING, "six": _six(folder, False),
             "six-binding": _six(folder, True)}
    return {name: edition_folder(build(spec, out=folder / name).folder)
            for name, spec in specs.items()}


def _text(pdf: Path) -> str:
    """The PDF's words as read once, one space apart: without running headers and footers,
    so a sentence that runs over a page break reads whole."""
    page = pdf.with_suffix(".html")
    return " ".join(pdf_words(pdf, html_running(page), html_table_headers(page)))


def _pages(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True)
    return [" ".join(page.split()) for page in done.stdout.split("\f")]


# -- the wording ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["trilateral", "six"])
def test_more_than_two_parties_get_no_two_party_words(builds: dict[str, Path],
                                                      name: str) -> None:
    text = _text(builds[name] / "framework.pdf") + " " + _text(builds[name] / "minutes.pdf")
    for two_party in (r"\btwo originals\b", r"\beither Side\b", r"\bthe other Side\b"):
        assert not re.search(two_party, text, re.IGNORECASE), two_party  # "Sides" is fine
    count = {"trilateral": "three", "six": "six"}[name]
    assert f"in {count} originals, each in the English" in text
    closing = {"trilateral": "in three originals, each in the English, Kazakh, Azerbaijani, "
                             "Georgian and Russian languages.",  # every language of the spec
               "six": "in six originals in the English language."}[name]
    assert closing in text  # the minutes
    assert "Any Side may withdraw from this Framework by informing the other Sides in " \
           "writing; its withdrawal will take effect six (6) months later, and this " \
           "Framework will remain in effect between the other Sides." in text


def test_two_parties_keep_their_two_party_words(builds: dict[str, Path]) -> None:
    text = _text(builds["binding"] / "framework.pdf")
    assert "Either Party may terminate this Agreement by notifying the other Party in " \
           "writing; it shall then cease to be in force six (6) months later." in text
    assert "unless either Party notifies the other in writing, at least six (6) months " \
           "before it would be extended, of its intention to terminate it." in text
    assert "in two originals, each in the English, Uzbek, Kyrgyz and Russian languages" in text


def test_lists_are_joined_as_the_language_joins_them(builds: dict[str, Path]) -> None:
    framework = _text(builds["trilateral"] / "framework.pdf")
    assert "The Government of the Republic of Kazakhstan, the Government of the Republic of " \
           "Azerbaijan and the Government of Georgia, hereinafter referred to as “the Sides”," \
           in framework
    assert "co-chaired by MoT KZ, MDDT and MESD, with KNRC, ASRC and GNRC as members." \
        in framework
    assert "each in the English, Kazakh, Azerbaijani, Georgian and Russian languages" in framework
    minutes = _text(builds["trilateral"] / "minutes.pdf")
    assert "The meeting was co-chaired by Ms. Aigerim Tulegenova, Vice Minister of Transport; " \
           "Ms. Leyla Mammadova, Deputy Minister of Digital Development and Transport and " \
           "Ms. Nino Kapanadze, Deputy Minister of Economy and Sustainable Development." \
        in minutes


def test_an_eleven_year_term_is_spelled_out(builds: dict[str, Path]) -> None:
    text = _text(builds["trilateral"] / "framework.pdf")
    assert "will remain in effect for eleven (11) years. It will be extended automatically " \
           "for further periods of five (5) years between the Sides that have not informed " \
           "the other Sides in writing, at least six (6) months before it would be extended, " \
           "of their intention to withdraw from it." in text
    assert "(11) (11)" not in text
    assert "11 (11)" not in text


def test_the_cover_says_between_once(builds: dict[str, Path]) -> None:
    """A title that does not name the parties is followed by them, "and" before the last;
    one that names them ("Agreement between …") is not followed by them again."""
    listed = _pages(builds["trilateral"] / "framework.pdf")[0]
    assert "International Rail Corridor between The Government of the Republic of " \
           "Kazakhstan, The Government of the Republic of Azerbaijan and The Government of " \
           "Georgia Tbilisi, 10 June 2026" in listed
    named = _pages(builds["binding"] / "framework.pdf")[0]
    assert named.count("between") == 1
    assert named.count("Government of the Kyrgyz Republic") == 1
    six = _pages(builds["six"] / "framework.pdf")[0]  # "between Six Countries": not named
    assert "between Six Countries between The Government of Country A, The Government of " \
           "Country B, The Government of the Federal Democratic Republic" in six
    assert "The Council of Ministers of the United Provinces of Country E and The " \
           "Government of Country F" in six


@pytest.mark.parametrize("name", ["binding", "six-binding"])
def test_a_binding_agreement_speaks_as_one(builds: dict[str, Path], name: str) -> None:
    text = _text(builds[name] / "framework.pdf")
    for word in ("Article 1. Objectives", "Have agreed as follows:", "hereinafter referred "
                 "to as “the Parties”", "shall", "shall enter into force on the date of its "
                 "signature", "In witness whereof the undersigned, being duly authorised "
                 "thereto, have signed this", "Done at"):
        assert word in text, word
    for word in (r"\bSides?\b", r"\bwill\b", r"come into effect", r"\bSigned at\b",
                 r"\bParagraphs?\b", r"not legally binding"):
        assert not re.search(word, text), word
    minutes = _text(builds[name] / "minutes.pdf")
    assert "The Parties adopted the following agenda:" in minutes
    assert "These Minutes record the understandings reached at the meeting." in minutes


def test_a_binding_agreement_numbers_paragraphs_within_each_article(
        builds: dict[str, Path]) -> None:
    text = _text(builds["binding"] / "framework.pdf")
    # one paragraph: no number; several: 1, 2 … again in each Article
    assert "Article 8. Amendment This Agreement may be amended" in text
    assert "Article 9. Entry into force and duration 1. This Agreement shall enter into " \
           "force" in text
    assert "2. Either Party may terminate" in text
    assert "2. The Parties establish the Working Group on Border Crossing" in text


def test_six_parties_are_listed_and_say_the_same_in_every_format(
        builds: dict[str, Path]) -> None:
    folder = builds["six"]
    text = _text(folder / "framework.pdf")
    assert "The Government of Country A, the Government of Country B, " + MORE["C"] + \
        ", the Government of Country D, " + MORE["E"] + " and the Government of Country F, " \
        "hereinafter referred to as “the Sides”," in text
    for name in ("framework", "minutes"):
        page = folder / f"{name}.html"
        expected = html_words(page)
        assert pdf_words(folder / f"{name}.pdf", html_running(page),
                         html_table_headers(page)) == expected
        assert docx_words(folder / f"{name}.docx") == expected


# -- the signature blocks --------------------------------------------------------------------

def _signers(page: Path) -> list[list[str]]:
    """Each signature block's words, from the HTML: its heading, then its name."""
    root = html.fromstring(page.read_bytes())
    table = root.find_class("signature-block")[0]
    heads = [" ".join(th.text_content().split()) for th in table.iter("th")]
    names = [" ".join(p.text_content().split()) for p in table.find_class("sign-name")]
    return [[head, name] for head, name in zip(heads, names, strict=True)]


def _boxes(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """The words of each page with their boxes: (text, x, top, bottom), in stream order."""
    done = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, check=True)
    root = etree.fromstring(done.stdout, etree.XMLParser(recover=True))
    return [[(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("yMax")))
             for w in page.iter("{*}word")] for page in root.iter("{*}page")]


def _find(words: list[tuple[str, float, float, float]], phrase: str,
          start: int = 0) -> tuple[int, int]:
    """The first and last index of `phrase` in a page's words, from `start` on."""
    tokens = phrase.split()
    texts = [w[0] for w in words]
    for i in range(start, len(texts) - len(tokens) + 1):
        if texts[i:i + len(tokens)] == tokens:
            return i, i + len(tokens) - 1
    raise AssertionError(f"{phrase!r} is not on the page")


@pytest.mark.parametrize("name", ["trilateral", "binding", "six", "six-binding"])
@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_signature_lines_are_level_in_the_pdf(builds: dict[str, Path], name: str,
                                              document: str) -> None:
    """Each row's names, and so its lines, at one height and side by side, left to right,
    however many lines each heading takes; at most three a row, as even as can be."""
    folder = builds[name]
    signers = _signers(folder / f"{document}.html")
    page = next(words for words in _boxes(folder / f"{document}.pdf")
                if {"originals", "originals,"} & {w[0] for w in words}
                and signers[-1][1].split()[-1] in {w[0] for w in words})
    found = []
    heads_from = names_from = 0  # the headings and the names each come in order
    for head, signer in signers:
        _, head_end = _find(page, head, heads_from)
        at, name_end = _find(page, signer, names_from)
        heads_from, names_from = head_end + 1, name_end + 1
        found.append((page[at][1], page[at][2], page[head_end][3]))  # x, name top, head end
    rows = [found[i:i + PER_ROW] for i in range(0, len(found), PER_ROW)]
    if len(found) == 4:
        rows = [found[:2], found[2:]]
    for row in rows:
        assert len({round(top, 2) for _, top, _ in row}) == 1, row
        assert [x for x, _, _ in row] == sorted(x for x, _, _ in row)
    tops = [row[0][1] for row in rows]
    assert tops == sorted(tops)
    assert len(set(tops)) == len(rows)
    if name.startswith("six"):
        assert len(rows) == 2
    if name.startswith("six") and document == "framework":  # long names wrap further
        assert all(len({round(end, 2) for _, _, end in row}) > 1 for row in rows), rows


@pytest.mark.parametrize(("name", "rows"), [("trilateral", [3]), ("binding", [2]),
                                            ("six", [3, 3])])
def test_word_puts_each_rows_signature_lines_in_one_table_row(
        builds: dict[str, Path], name: str, rows: list[int]) -> None:
    """In Word each row of signers is two table rows: headings, then lines and names; so
    the lines of one row share a table row and stand level whatever the headings hold."""
    for document in ("framework", "minutes"):
        word = docx.Document(str(builds[name] / f"{document}.docx"))
        table = next(t for t in word.tables if t.style.name == "Signature Block")
        styles: list[list[Any]] = [[[p.style.name for p in cell.paragraphs] for cell in row.cells]
                                   for row in table.rows]
        assert len(styles) == 2 * len(rows)
        for count, heads, lines in zip(rows, styles[::2], styles[1::2], strict=True):
            assert [cell[0] for cell in heads[:count]] == ["Signature For"] * count
            assert [cell[:2] for cell in lines[:count]] == \
                [["Signature Line", "Signature Name"]] * count
            assert all(cell == ["Signature Name"] for cell in heads[count:] + lines[count:])
