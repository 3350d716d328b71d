"""Bilingual editions: two languages side by side, block by block, aligned by outline key.

The specs are the starter with three parties and generated translations (each text
marked with its language, in its own script), so the alignment is checked on texts
nobody wrote by hand; `docgen.bilingual` is also checked on small trees of its own.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import dump_yaml, translate_all, with_parties
from pypdf import PdfReader

from docgen.bilingual import side_by_side
from docgen.build import build
from docgen.cli import main
from docgen.errors import DocgenError

MARKS = {"kk": "ҚАЗ", "ru": "РУС", "ur": "اردو", "en": "EN"}
SHIPPED = {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic",
           "Liberation-Serif-BoldItalic", "Noto-Nastaliq-Urdu", "Noto-Nastaliq-Urdu-Bold",
           "Noto-Nastaliq-Urdu-Oblique", "Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"}


def _spec(tmp_path: Path, starter: dict[str, Any], languages: list[str],
          pairs: list[list[str]]) -> Path:
    data = with_parties(starter, {"UZ": "the Government of the Republic of Uzbekistan"})
    data["document"]["languages"] = languages
    data["document"]["prevailing_language"] = languages[0]
    data["document"]["side_by_side"] = pairs
    path = tmp_path / "talks.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    for language in languages[1:]:
        translate_all(path, language, MARKS[language])
    return path


def _blocks(page: Any) -> dict[str, str]:
    """Every keyed text block of a page: key -> its words."""
    return {e.get("data-key"): " ".join(e.text_content().split())
            for e in page.iter() if isinstance(e.tag, str) and e.get("data-key")
            and e.tag in ("p", "h1", "h2", "h3", "li")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import starter_data

    folder = tmp_path_factory.mktemp("bilingual")
    path = _spec(folder, starter_data(), ["en", "kk", "ru", "ur"], [["kk", "ru"], ["en", "ur"]])
    return build(path, out=folder / "out", formats=["html", "pdf", "docx"]).folder


def test_each_pair_is_an_edition_in_html_and_pdf(built: Path) -> None:
    for pair in ("kk+ru", "en+ur"):
        names = sorted(p.name for p in (built / pair).iterdir())
        assert names == ["framework.html", "framework.pdf", "minutes.html", "minutes.pdf"]
    assert "kk+ru/framework.pdf" in (built / "manifest.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("pair", ["kk+ru", "en+ur"])
@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_every_block_holds_both_texts_in_the_first_ones_order(built: Path, pair: str,
                                                              document: str) -> None:
    first, second = pair.split("+")
    page = lxml.html.parse(str(built / pair / f"{document}.html")).getroot()
    assert page.get("lang") == first
    alone = {lang: _blocks(lxml.html.parse(str(built / lang / f"{document}.html")).getroot())
             for lang in (first, second)}
    keys = [e.get("data-key") for e in page.iter() if isinstance(e.tag, str)
            and e.get("data-key") and not e.get("lang")
            and not any(a.get("lang") for a in e.iterancestors() if a.tag != "html")]
    single = [e.get("data-key") for e in lxml.html.parse(
        str(built / first / f"{document}.html")).getroot().iter()
        if isinstance(e.tag, str) and e.get("data-key")]
    assert keys == single  # the first language's outline, whole and in order
    paired = 0
    for key, words in alone[first].items():
        (block,) = [e for e in page.iter() if isinstance(e.tag, str) and e.get("data-key") == key
                    and not e.get("lang")
                    and not any(a.get("lang") for a in e.iterancestors() if a.tag != "html")]
        sides = block.find_class("side")
        if not sides:  # a block inside a table: the second language's table follows whole
            continue
        own, other = sides
        assert " ".join(own.text_content().split()) == words
        assert " ".join(other.text_content().split()) == alone[second][key]
        assert other.get("lang") == second
        assert other.get("dir") == ("rtl" if second == "ur" else "ltr")
        paired += 1
    assert paired > 10
    ids = [e.get("id") for e in page.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids))
    tables = page.findall(".//table")
    assert len(tables) % 2 == 0
    for table, follower in zip(tables[::2], tables[1::2], strict=True):
        assert follower.get("lang") == second
        rows = [r.get("data-key") for r in table.iter("tr")]
        assert rows == [r.get("data-key") for r in follower.iter("tr")]


def test_the_pdf_holds_both_languages_in_shipped_fonts(built: Path) -> None:
    pdf = built / "en+ur" / "framework.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert re.search("[\u0600-\u06ff]{3}", text)  # Urdu words, extracted from Nastaliq
    assert "Uzbekistan" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+", 1)[1] for line in fonts}
    assert "Noto-Nastaliq-Urdu" in names
    assert names <= SHIPPED, names
    cyrillic = " ".join(p.extract_text() for p in PdfReader(built / "kk+ru" /
                                                             "framework.pdf").pages)
    assert MARKS["kk"] in cyrillic
    assert MARKS["ru"] in cyrillic


def test_a_rebuild_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    spec = next(built.parent.parent.glob("*.yaml"))
    again = build(spec, out=tmp_path / "again", formats=["html", "pdf"], force=True,
                  languages=["kk", "ru"]).folder
    for name in ("framework.html", "framework.pdf", "minutes.pdf"):
        assert (again / "kk+ru" / name).read_bytes() == (built / "kk+ru" / name).read_bytes()


def test_a_pair_is_built_only_when_both_languages_are(built: Path, tmp_path: Path) -> None:
    spec = next(built.parent.parent.glob("*.yaml"))
    folder = build(spec, out=tmp_path / "out", formats=["html"], languages=["kk", "en"]).folder
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == ["en", "kk"]


def test_a_bad_pair_is_dg626_at_its_place(tmp_path: Path, starter: dict[str, Any],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = _spec(tmp_path, starter, ["en", "ru"], [["en", "ru"]])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- - en\n    - ru", "- - en\n    - kk\n  - - ru\n    - ru"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    lines = path.read_text(encoding="utf-8").splitlines()
    kk = next(n for n, line in enumerate(lines, 1) if line.strip() == "- kk")
    twice = next(n for n, line in enumerate(lines, 1) if line.strip() == "- - ru")
    assert f"{path}:{kk}:7: DG626 'kk' in a side-by-side pair is not one of the document's " \
        "languages" in err
    assert f"{path}:{twice}:5: DG626 the side-by-side pair [ru, ru] names one language twice" \
        in err


def _page(body: str, lang: str) -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head><body>'
            f"{body}</body></html>")


def test_blocks_pair_by_key_and_tables_follow_whole() -> None:
    first = _page('<main><h2 id="a" data-key="a">One</h2><p data-key="a/1">Two <b>x</b></p>'
                  '<table data-key="t"><tr id="t/1" data-key="t/1"><td>1</td></tr></table>'
                  "</main>", "en")
    second = _page('<main><h2 id="a" data-key="a">Бір</h2><p data-key="a/1">Екі <b>х</b></p>'
                   '<table data-key="t"><tr id="t/1" data-key="t/1"><td>1</td></tr></table>'
                   "</main>", "kk")
    page = lxml.html.document_fromstring(side_by_side(first, second, second="kk",
                                                      second_dir="ltr"))
    heading = page.get_element_by_id("a")
    assert [s.text_content() for s in heading.find_class("side")] == ["One", "Бір"]
    paragraph = page.find(".//p")
    assert [s.text_content() for s in paragraph.find_class("side")] == ["Two x", "Екі х"]
    tables = page.findall(".//table")
    assert [t.get("lang") for t in tables] == [None, "kk"]
    assert [r.get("id") for r in page.iter("tr")] == ["t/1", "t/1-kk"]


def test_blocks_whose_keys_differ_are_refused() -> None:
    first = _page('<main><p data-key="a/1">One</p><p data-key="a/2">Two</p></main>', "en")
    second = _page('<main><p data-key="a/1">Бір</p><p data-key="a/3">Үш</p></main>', "kk")
    with pytest.raises(DocgenError, match="do not have the same blocks at 'a/2'"):
        side_by_side(first, second, second="kk", second_dir="ltr")


def test_under_the_alternat_each_party_has_its_bilingual_original(
        tmp_path: Path, starter: dict[str, Any]) -> None:
    starter["document"]["alternat"] = True
    path = _spec(tmp_path, starter, ["en", "ru"], [["ru", "en"]])
    folder = build(path, out=tmp_path / "out", formats=["html"], documents=["framework"]).folder
    parties = sorted(p.name for p in (folder / "ru+en").iterdir())
    assert parties == sorted(p.name for p in (folder / "ru").iterdir())
    assert len(parties) == 3
    for party in parties:
        page = lxml.html.parse(str(folder / "ru+en" / party / "framework.html")).getroot()
        alone = lxml.html.parse(str(folder / "ru" / party / "framework.html")).getroot()
        assert page.get("lang") == "ru"
        signers = [" ".join(e.text_content().split()) for e in page.find_class("sign-for")]
        expected = [" ".join(e.text_content().split()) for e in alone.find_class("sign-for")]
        assert signers[:len(expected)] == expected  # the party's own order, then English's
