"""Layout that cannot overprint: no two words of a PDF share ink, ids stay whole, and
columns hold their longest words (docgen/writers/columns.py).

Every spec in specs/ is built, and specs from bench/generate.py that push the layout: 3
parties; 5 parties with long names; 300 activities with long names (single words of 25
letters and more, such as "Verkehrsinfrastrukturbehörde", in Annex A's narrow columns),
each built once for the module. Each word's box comes from `pdftotext -bbox`; two words
overprint when their boxes cross by more than EPSILON both across and down (words side by
side on a line touch at most; lines of a paragraph are further apart than their boxes
are tall). The builds of the generated specs are also read back for parity, since they
are the ones that hyphenate and refit columns.
"""

from __future__ import annotations

import html as entities
import re
import runpy
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import edition_folder
from extract import docx_words, html_running, html_table_headers, html_words, pdf_words
from lxml import etree
from lxml import html as lxml_html

from docgen.build import build
from docgen.validation import validate_text
from docgen.writers import columns
from docgen.writers.docx_geometry import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
GENERATE = runpy.run_path(str(ROOT / "bench" / "generate.py"))["generate"]
GENERATED = {"three-parties": {"activities": 21, "parties": 3},
             "five-parties-long-names": {"activities": 21, "parties": 5, "long_names": True},
             "300-activities-long-names": {"activities": 300, "long_names": True}}
EPSILON = 0.5
"""Points two word boxes may cross, across and down, without counting as overprinting."""
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Box = tuple[float, float, float, float, str]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each spec's English files, by name: specs/ (PDF only) and the generated ones.

    The checks read the first language's edition; the specs in specs/ are built in it alone
    (`languages`), whatever translation files they have."""
    out = tmp_path_factory.mktemp("layout")
    found = {spec.stem: edition_folder(build(spec, out=out, formats=("pdf",), jobs=2,
                                             languages=["en"]).folder)
             for spec in SPECS}
    for name, options in GENERATED.items():
        spec = out / f"{name}.yaml"
        spec.write_text(GENERATE(**options), encoding="utf-8")
        found[name] = edition_folder(build(spec, out=out, jobs=2).folder)
    return found


def word_boxes(pdf: Path) -> list[list[Box]]:
    """The words of each page, each with its box (points, from the top left)."""
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[(float(x0), float(y0), float(x1), float(y1), entities.unescape(word))
             for x0, y0, x1, y1, word in WORD.findall(page)]
            for page in text.split("<page ")[1:]]


def overprints(words: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of words whose boxes cross by more than EPSILON both across and down."""
    found = []
    ordered = sorted(words, key=lambda box: box[1])
    for index, word in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other[1] >= word[3] - EPSILON:
                break  # this and every later word start below `word`
            across = min(word[2], other[2]) - max(word[0], other[0])
            down = min(word[3], other[3]) - max(word[1], other[1])
            if across > EPSILON and down > EPSILON:
                found.append((word, other))
    return found


def test_overprints_finds_words_printed_over_each_other() -> None:
    line = [(10.0, 10.0, 60.0, 20.0, "Verkehrsinfrastrukturbehörde"),
            (55.0, 10.0, 70.0, 20.0, "16"), (72.0, 10.0, 90.0, 20.0, "Feb")]
    below = [(10.0, 19.7, 60.0, 29.7, "next"), (10.0, 40.0, 90.0, 50.0, "far")]
    assert overprints(line + below) == [(line[0], line[1])]


@pytest.mark.parametrize("name", [*(spec.stem for spec in SPECS), *GENERATED])
@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_no_two_words_on_a_page_overlap(folders: dict[str, Path], name: str,
                                        document: str) -> None:
    pages = word_boxes(folders[name] / f"{document}.pdf")
    assert sum(len(words) for words in pages) > 300  # the words were read
    found = [(number, a[4], b[4]) for number, words in enumerate(pages, start=1)
             for a, b in overprints(words)]
    assert found == [], f"{len(found)} words overprint another (page, word, word)"


@pytest.mark.parametrize("name", list(GENERATED))
@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_the_refitted_and_hyphenated_builds_keep_parity(folders: dict[str, Path], name: str,
                                                       document: str) -> None:
    page = folders[name] / f"{document}.html"
    words = html_words(page)
    assert len(words) > 1000
    assert pdf_words(folders[name] / f"{document}.pdf", html_running(page),
                     html_table_headers(page)) == words
    assert docx_words(folders[name] / f"{document}.docx") == words


def test_a_word_too_long_for_any_column_is_hyphenated_not_spilled(
        folders: dict[str, Path]) -> None:
    """With five parties and one-word names of 25 letters and more, not every longest
    word can fit: those left are hyphenated inside their cells (U+2010, Pyphen's English
    patterns for `<html lang="en">`), and the rejoined halves are words of the HTML."""
    folder = folders["five-parties-long-names"]
    lines = subprocess.run(["pdftotext", "-raw", str(folder / "framework.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    broken, word = [], ""
    for line in lines:
        if word:
            word += line.split()[0]
        if line.endswith("\u2010"):
            word = (word or line.split()[-1])[:-1]
        elif word:
            broken.append(word)
            word = ""
    assert len(broken) >= 10
    assert set(broken) <= set(html_words(folder / "framework.html"))
    assert {"Verkehrsinfrastrukturbehörde", "Verkehrsinfrastrukturbehörde,"} & set(broken)


def _ids(name: str, folders: dict[str, Path], document: str) -> list[str]:
    """Each id and cited number the HTML keeps whole (`span.code`), in order."""
    page = lxml_html.fromstring((folders[name] / f"{document}.html").read_bytes())
    return [span.text_content() for span in page.find_class(columns.CODE)]


@pytest.mark.parametrize("name", list(GENERATED))
@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_ids_are_never_broken_across_lines(folders: dict[str, Path], name: str,
                                           document: str) -> None:
    codes = _ids(name, folders, document)
    assert any("-" in code for code in codes)
    assert any(" " in code for code in codes)
    text = subprocess.run(["pdftotext", "-raw", str(folders[name] / f"{document}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for code in set(codes):
        whole = re.compile(rf"(?<![\w.-]){re.escape(code)}(?![\w])")
        assert len(whole.findall(text)) >= codes.count(code), code


@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_word_keeps_ids_whole_with_non_breaking_hyphens_and_spaces(
        folders: dict[str, Path], document: str) -> None:
    codes = _ids("three-parties", folders, document)
    with zipfile.ZipFile(folders["three-parties"] / f"{document}.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    assert len(body.findall(f".//{W}noBreakHyphen")) == sum(c.count("-") for c in codes)
    texts = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert texts.count("No.\u00a0") == sum(code.startswith("No. ") for code in codes) > 0
    assert "No. " not in texts  # every cited number is kept whole


def test_word_hyphenates_table_text_only(folders: dict[str, Path]) -> None:
    with zipfile.ZipFile(folders["three-parties"] / "framework.docx") as archive:
        settings = etree.fromstring(archive.read("word/settings.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    assert settings.find(f"{W}autoHyphenation") is not None
    suppress = {style.get(f"{W}styleId"): found.get(f"{W}val", "1")
                for style in styles.iter(f"{W}style")
                if (found := style.find(f"{W}pPr/{W}suppressAutoHyphens")) is not None}
    assert suppress == {"Normal": "1", "TableText": "0"}


def _grid(table: Any) -> list[int]:
    return [int(col.get(f"{W}w")) for col in table.find(f"{W}tblGrid")]


@pytest.mark.parametrize("document", ["framework", "minutes"])
def test_word_columns_hold_their_longest_words(folders: dict[str, Path],
                                               document: str) -> None:
    """Two parties with long names leave room enough: every data table's column is as
    wide as its longest word (measured as the writer measures, with a target part's
    indent), so Word never splits a word without a hyphen ("Pharmaceutical" / "s")."""
    folder = folders["300-activities-long-names"]
    page = lxml_html.fromstring((folder / f"{document}.html").read_bytes())
    with zipfile.ZipFile(folder / f"{document}.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    tables = [t for t in body.iter(f"{W}tbl")
              if t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "DataTable"]
    grids = [t for t in page.iter("table") if "grid" in t.get("class", "").split()]
    assert len(tables) == len(grids) >= 2
    padding = DEFAULT.cell_padding[1] + DEFAULT.cell_padding[3]
    for table, grid in zip(tables, grids, strict=True):
        size = columns.type_size(DEFAULT, set(grid.get("class").split()))
        widths = _grid(table)
        for row in columns.rows(grid):
            depth = re.search(r"depth-(\d)", row[0].getparent().get("class") or "")
            for index, cell in enumerate(row):
                longest, _ = columns.extent(cell)
                indent = DEFAULT.depth_indent(int(depth.group(1))) if depth and index == 1 else 0
                assert longest * size * 20 + padding + indent <= widths[index], \
                    (grid.get("class"), cell.text_content()[:40])


def test_the_html_file_keeps_the_stylesheet_widths(tmp_path: Path) -> None:
    """Fitted widths go to WeasyPrint's copy of the tree, on the first row of each table
    that changes and only for the columns that change (in the example, Annex A: its
    Sectors column is short of "Pharmaceuticals,"); the HTML file, whose tables a browser
    lays out by their content, has none."""
    folder = edition_folder(build(EXAMPLE, out=tmp_path, formats=("html",)).folder)
    root = lxml_html.fromstring((folder / "framework.html").read_bytes())
    assert not root.xpath("//*[@style]")
    changed = columns.fit_tree(root, DEFAULT)
    styled = [table for table in root.iter("table") if table.xpath(".//*[@style]")]
    assert len(styled) == changed >= 1
    for table in styled:
        assert set(table.xpath(".//*[@style]")) <= set(columns.rows(table)[0])
    assert [table.get("class") for table in styled] == ["grid matrix"]


@pytest.mark.parametrize(("base", "need", "most", "fixed", "fitted"), [
    # nothing starved: document.css's widths, untouched
    ([3000, 3000], [1000, 2000], [5000, 2500], [], [3000, 3000]),
    # a short column gives what its widest line leaves over
    ([2000, 1000, 2000], [900, 1600, 600], [9000, 1600, 800], [], [2000, 1600, 1400]),
    # running text gives down to half its width, no further
    ([4000, 1000], [500, 5000], [20000, 5000], [], [2000, 3000]),
    # running text gives before a short column does
    ([2000, 1000, 1000], [800, 1800, 700], [6000, 1800, 950], [], [1250, 1800, 950]),
    # a short column gives down to its longest word only if that makes every word fit
    ([2000, 1000, 1000], [800, 2200, 700], [6000, 2200, 950], [], [1000, 2200, 800]),
    ([2000, 1000, 1000], [800, 2500, 700], [6000, 2500, 950], [], [1000, 2050, 950]),
    # a column sized in em or pt (the number column) gives nothing
    ([600, 2000, 1000], [300, 800, 1300], [400, 9000, 1300], [True, False, False],
     [600, 1700, 1300]),
    # what is found goes first to the columns that lack least
    ([4000, 1000, 1000, 1000], [500, 1200, 3000, 3000], [40000, 1200, 3000, 3000], [],
     [2000, 1200, 1900, 1900]),
])
def test_share(base: list[int], need: list[int], most: list[int], fixed: list[bool],
               fitted: list[int]) -> None:
    assert columns.share(base, need, most, fixed or None) == fitted
    assert sum(fitted) == sum(base)


def test_extent_keeps_ids_whole_and_breaks_after_a_dash() -> None:
    def cell(markup: str) -> tuple[float, float]:
        return columns.extent(lxml_html.fragment_fromstring(f"<td>{markup}</td>"))

    assert cell('(<span class="code">No. 12</span>)')[0] == pytest.approx(
        cell("(No.\u00a012)")[0])
    assert cell("Pakistan–Kazakhstan")[0] == cell("Kazakhstan")[0]
    assert cell("R-2.1")[0] > cell("2.1")[0]  # no break before a digit
    longest, widest = cell("<strong>Verkehrsinfrastrukturbehörde</strong> and<br>more")
    assert cell("Verkehrsinfrastrukturbehörde")[0] < longest < widest  # bold is wider


@pytest.mark.parametrize("parties", [2, 3, 4, 5, 6])
def test_generated_specs_validate(parties: int) -> None:
    report = validate_text(GENERATE(21, parties=parties, long_names=True), "generated.yaml")
    assert report.diagnostics == []
