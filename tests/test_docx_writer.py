"""The Word writer: the example spec's two documents read back with python-docx and lxml.

Both documents are rendered and written once per module. The checks are structural:
the styles a drafter restyles, tables whose header rows repeat and whose rows do not
split, lists that restart, a contents field already filled in, the running header and
footer, Annex A on landscape pages, core properties, identical bytes on every run, the
subset of HTML enforced, and (when LibreOffice is installed) a file it converts to PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import RGBColor
from lxml import etree, html

from docgen.context import build_context
from docgen.errors import DocgenError
from docgen.render import TEMPLATES, render_html
from docgen.validation import load_spec
from docgen.writers import RenderedDocument
from docgen.writers.docx import reference_document, write
from docgen.writers.docx_css import column_rules, widths
from docgen.writers.docx_state import bookmark_names
from docgen.writers.docx_text import Piece, normalize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = ("framework", "minutes")
PORTRAIT_WIDTH, LANDSCAPE_WIDTH = 9242, 14570


def _rendered(spec_path: Path) -> dict[str, RenderedDocument]:
    """Both documents of a spec; every contents entry but the last has a page number."""
    spec = load_spec(spec_path)
    context = build_context(spec, final=False)
    out = {}
    for name in NAMES:
        text = render_html(name, context)
        anchors = [a[1:] for a in html.fromstring(text).xpath(
            "//nav[contains(@class, 'toc')]//li/a/@href")]
        out[name] = RenderedDocument(
            name=name, html=text, title=f"The {name}", subject=spec.document.short_title,
            keywords=["trade", "connectivity"], language="en", date=context.stamp,
            templates=TEMPLATES, page_of={a: 3 + i for i, a in enumerate(anchors[:-1])})
    return out


@pytest.fixture(scope="module")
def rendered() -> dict[str, RenderedDocument]:
    return _rendered(EXAMPLE)


@pytest.fixture(scope="module")
def built(rendered: dict[str, RenderedDocument]) -> dict[str, bytes]:
    return {name: write(document) for name, document in rendered.items()}


def _part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _word(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _style_ids(data: bytes) -> dict[str, str]:
    """style id -> lower-case style name."""
    return {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val").lower()
            for s in _part(data, "word/styles.xml").iter(f"{W}style")}


def _used_styles(data: bytes) -> set[str]:
    ids = _style_ids(data)
    body = _part(data)
    return {ids[s.get(f"{W}val")] for s in body.iter(f"{W}pStyle", f"{W}tblStyle")}


def _nav_entries(document: RenderedDocument) -> list[str]:
    return [" ".join(a.text_content().split()) for a in html.fromstring(document.html).xpath(
        "//nav[contains(@class, 'toc')]//li/a")]


@pytest.mark.parametrize("name", NAMES)
def test_real_word_styles(built: dict[str, bytes], name: str) -> None:
    used = _used_styles(built[name])
    assert {"title", "heading 1", "list number", "toc heading", "toc 1", "numbered paragraph",
            "data table", "signature block", "cover kind"} <= used
    if name == "framework":
        assert "normal" in used  # the preamble's opening paragraph
    else:
        assert "heading 2" in used  # the delegation headings (h3)


def test_headings_are_black_times_new_roman(built: dict[str, bytes]) -> None:
    styles = _part(built["framework"], "word/styles.xml")
    heading = styles.find(f"{W}style[@{W}styleId='Heading1']")
    assert heading.find(f"{W}rPr/{W}color").get(f"{W}val") == "000000"
    assert heading.find(f"{W}rPr/{W}rFonts") is None  # the document default: no theme font
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}ascii") == "Times New Roman"
    assert fonts.get(f"{W}asciiTheme") is None


@pytest.mark.parametrize("name", NAMES)
def test_data_tables_repeat_header_rows_and_never_split_rows(built: dict[str, bytes],
                                                             name: str) -> None:
    ids = _style_ids(built[name])
    tables = _part(built[name]).iter(f"{W}tbl")
    data = [t for t in tables if ids[t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val")]
            == "data table"]
    assert len(data) >= 2
    for table in data:
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])


@pytest.mark.parametrize("name", NAMES)
def test_tables_fit_the_text_width(built: dict[str, bytes], name: str) -> None:
    for table in _part(built[name]).iter(f"{W}tbl"):
        grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
        assert sum(grid) in (PORTRAIT_WIDTH, LANDSCAPE_WIDTH)
        assert int(table.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == sum(grid)


def _html_table_names(document: RenderedDocument) -> list[tuple[str, str]]:
    """(name, description) of every HTML table, as aria-labelledby, aria-label and
    aria-describedby give them."""
    page = html.fromstring(document.html)

    def text(table: html.HtmlElement, attribute: str) -> str:
        return " ".join(" ".join(page.get_element_by_id(ident).text_content()
                                 for ident in (table.get(attribute) or "").split()).split())

    return [(text(t, "aria-labelledby") or t.get("aria-label") or "",
             text(t, "aria-describedby")) for t in page.iter("table")]


@pytest.mark.parametrize("name", NAMES)
def test_tables_have_the_title_and_description_the_html_gives_them(
        rendered: dict[str, RenderedDocument], built: dict[str, bytes], name: str) -> None:
    def value(table: etree._Element, tag: str) -> str:
        found = table.find(f"{W}tblPr/{W}{tag}")
        return "" if found is None else found.get(f"{W}val")

    tables = list(_part(built[name]).iter(f"{W}tbl"))
    found = [(value(t, "tblCaption"), value(t, "tblDescription")) for t in tables]
    assert found == _html_table_names(rendered[name])
    assert all(title for title, _ in found)
    for table in tables:  # schema order: tblLook, tblCaption, tblDescription end tblPr
        tags = [etree.QName(c).localname for c in table.find(f"{W}tblPr")]
        assert tags[tags.index("tblLook"):] == [t for t in (
            "tblLook", "tblCaption", "tblDescription") if t in tags]
    if name == "framework":
        assert found[0] == ("II. Priority sectors", "2. The Sides identify the following "
                            "priority sectors of cooperation, each led by the institutions "
                            "named:")
        assert ("Signatures of the Sides", "") in found
        assert found[-2:] == [("Annex B. Focal points", ""), ("Annex C. Institutions", "")]
    else:
        assert found[-2:] == [("Delegation of Pakistan", ""), ("Delegation of Kazakhstan", "")]


def test_signature_block_has_no_borders_and_keeps_together(built: dict[str, bytes]) -> None:
    word = _word(built["framework"])
    table = next(t for t in word.tables if t.style.name == "Signature Block")
    assert table._tbl.find(f"{W}tblPr/{W}tblBorders") is None
    assert table.style.element.find(f"{W}tblPr/{W}tblBorders") is None
    assert table._tbl.find(f"{W}tr/{W}trPr/{W}cantSplit") is not None
    paragraphs = [p for cell in table.rows[0].cells for p in cell.paragraphs]
    assert paragraphs
    assert all(p.style.paragraph_format.keep_with_next for p in paragraphs)


def test_lists_restart_at_one(built: dict[str, bytes]) -> None:
    data = built["minutes"]
    body = _part(data)
    lists = [p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in body.iter(f"{W}p")
             if p.find(f"{W}pPr/{W}numPr") is not None]
    distinct = list(dict.fromkeys(lists))
    assert len(distinct) >= 5  # the agenda, outcomes under each item, instruments
    numbering = _part(data, "word/numbering.xml")
    labels = set()
    for num_id in distinct:
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
        abstract = numbering.find(f"{W}abstractNum[@{W}abstractNumId='"
                                  f"{num.find(f'{W}abstractNumId').get(f'{W}val')}']")
        labels.add(abstract.find(f"{W}lvl/{W}lvlText").get(f"{W}val"))
    assert labels == {"%1.", "(%1)"}


@pytest.mark.parametrize("name", NAMES)
def test_contents_field_is_filled_in(built: dict[str, bytes],
                                     rendered: dict[str, RenderedDocument], name: str) -> None:
    document = rendered[name]
    body = _part(built[name])
    instructions = [" ".join(t.text.split()) for t in body.iter(f"{W}instrText")]
    # both documents list their parts only (Heading 1), and the field collects just those
    assert 'TOC \\o "1-1" \\h \\z \\u' in instructions
    word = _word(built[name])
    entries = [p for p in word.paragraphs if re.fullmatch(r"toc \d", p.style.name)]
    expected = _nav_entries(document)
    assert [p.text.split("\t")[0] for p in entries] == expected
    for paragraph, anchor in zip(entries, document.page_of, strict=False):
        assert paragraph.text.split("\t")[1] == str(document.page_of[anchor])
    names = bookmark_names(html.fromstring(document.html))
    anchors = [names[anchor] for anchor in document.page_of]
    assert "\t" not in entries[-1].text  # no page known: no page number
    assert [p.style.name for p in word.paragraphs if p.text == "Contents"] == ["TOC Heading"]
    pagerefs = [i.split()[1] for i in instructions if i.startswith("PAGEREF")]
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    links = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")}
    assert pagerefs == anchors
    assert set(pagerefs) | links <= marks
    ids = [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))


def test_contents_take_their_own_page_in_the_framework_only(built: dict[str, bytes]) -> None:
    for name, own_page in (("framework", True), ("minutes", False)):
        body = _part(built[name])
        heading = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()) == "Contents")
        assert (heading.find(f"{W}pPr/{W}pageBreakBefore") is not None) == own_page


@pytest.mark.parametrize("name", NAMES)
def test_running_header_and_page_footer(built: dict[str, bytes],
                                        rendered: dict[str, RenderedDocument],
                                        name: str) -> None:
    root = html.fromstring(rendered[name].html)
    title = root.find_class("running-title")[0].text_content()
    status = root.find_class("running-status")[0].text_content()
    word = _word(built[name])
    first = word.sections[0]
    assert first.different_first_page_header_footer
    assert first.header.paragraphs[0].text == f"{title}\t{status}"
    assert first.first_page_header.paragraphs[0].text == ""
    for footer in (first.footer, first.first_page_footer):
        fields = [" ".join(t.text.split()) for t in footer._element.iter(f"{W}instrText")]
        assert fields == ["PAGE", "NUMPAGES"]
        assert footer.paragraphs[0].text == "Page 1 of 1"
    body_text = "\n".join(p.text for p in word.paragraphs)
    assert status not in body_text
    assert "Page 1 of 1" not in body_text


def test_annex_a_is_on_landscape_pages(built: dict[str, bytes]) -> None:
    data = built["framework"]
    section, found = 0, None
    for block in _part(data).find(f"{W}body"):
        text = "".join(block.itertext())
        style = block.find(f"{W}pPr/{W}pStyle")
        heading = style is not None and style.get(f"{W}val") == "Heading1"
        if found is None and heading and text.startswith("Annex A."):
            found = section
        if block.find(f"{W}pPr/{W}sectPr") is not None:
            section += 1
    word = _word(data)
    assert found == 1
    assert [s.orientation for s in word.sections] == [
        WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = word.sections[1]
    assert landscape.page_width > landscape.page_height
    assert round(landscape.page_width.mm) == 297
    tabs = [int(t.get(f"{W}pos")) for t in landscape.header._element.iter(f"{W}tab")
            if t.get(f"{W}val") == "right"]
    assert tabs == [LANDSCAPE_WIDTH]  # its own header, status at its right margin


def test_core_properties(built: dict[str, bytes], rendered: dict[str, RenderedDocument]) -> None:
    document = rendered["framework"]
    props = _word(built["framework"]).core_properties
    stamp = dt.datetime.combine(document.date, dt.time(0, 0), tzinfo=dt.UTC)
    head = html.fromstring(document.html).find("head")
    meta = {m.get("name"): m.get("content") for m in head.iter("meta")}
    assert props.title == head.findtext("title")  # the HTML's, not a copy of it
    assert props.subject == meta["description"] == document.subject  # the short title
    assert props.keywords == meta["keywords"]
    assert props.language == "en"
    assert props.author == meta["author"] == "Pakistan, Kazakhstan"
    assert props.last_modified_by == ""
    assert props.created == props.modified == props.last_printed == stamp
    assert props.revision == 1


def test_same_input_same_bytes(rendered: dict[str, RenderedDocument],
                               built: dict[str, bytes]) -> None:
    document = rendered["minutes"]
    assert write(document) == built["minutes"]
    with zipfile.ZipFile(io.BytesIO(built["minutes"])) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    date = document.date
    assert {i.date_time for i in infos} == {(date.year, date.month, date.day, 0, 0, 0)}


DIGEST = """
import hashlib
from docgen.context import build_context
from docgen.render import TEMPLATES, render_html
from docgen.validation import load_spec
from docgen.writers import RenderedDocument
from docgen.writers.docx import write
spec = load_spec({spec!r})
context = build_context(spec, final=False)
for name in ("framework", "minutes"):
    document = RenderedDocument(name=name, html=render_html(name, context), title="t",
        subject="s", keywords=["k"], language="en", date=context.stamp, templates=TEMPLATES)
    print(hashlib.sha256(write(document)).hexdigest())
"""


def test_same_bytes_in_another_process() -> None:
    """Nothing depends on hash order, the clock or the process: two hash seeds agree."""
    digests = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", DIGEST.format(spec=str(EXAMPLE))],
                              capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        digests.append(done.stdout)
    assert digests[0] == digests[1]
    assert len(digests[0].split()) == 2


def test_no_prompt_to_update_fields(built: dict[str, bytes]) -> None:
    settings = _part(built["framework"], "word/settings.xml")
    assert settings.find(f"{W}updateFields") is None


def test_draft_banner_first(built: dict[str, bytes]) -> None:
    first = _word(built["framework"]).paragraphs[0]
    assert first.style.name == "Draft Banner"
    assert first.text.startswith("DRAFT")


def _line_of(text: str, marker: str) -> int:
    return text[:text.index(marker)].count("\n") + 1


def test_element_outside_the_subset_is_refused(rendered: dict[str, RenderedDocument]) -> None:
    document = rendered["framework"]
    page = document.html.replace("<main>", "<main>\n<video src=\"clip.mp4\"></video>", 1)
    line = _line_of(page, "<video")
    with pytest.raises(DocgenError, match=rf"<video> \(line {line} of the framework HTML\)"):
        write(replace(document, html=page))


def test_element_out_of_place_is_refused(rendered: dict[str, RenderedDocument]) -> None:
    document = rendered["minutes"]
    page = document.html.replace("<main>", "<main><li>stray</li>", 1)
    with pytest.raises(DocgenError, match=r"cannot show <li> inside <main> \(line \d+"):
        write(replace(document, html=page))


def test_markup_in_the_spec_is_literal_text(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "To coordinate positions in the OIC", "<script>alert(1)</script> To coordinate "
        "positions in the OIC", 1), encoding="utf-8")
    data = write(_rendered(spec)["framework"])
    texts = [p.text for p in _word(data).paragraphs]
    assert any(t.startswith("<script>alert(1)</script> To coordinate") for t in texts)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<script" not in archive.read("word/document.xml")


def test_reference_docx_styles_win(tmp_path: Path,
                                   rendered: dict[str, RenderedDocument]) -> None:
    reference = docx.Document(io.BytesIO(reference_document()))
    heading = reference.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    reference.add_paragraph("left over in the reference")
    reference.save(str(tmp_path / "reference.docx"))
    document = replace(rendered["minutes"], templates=tmp_path)
    word = _word(write(document))
    assert word.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert "left over in the reference" not in [p.text for p in word.paragraphs]
    assert word.paragraphs[1].style.name == "Cover Kind"


def test_a_thousand_row_roadmap_is_quick(rendered: dict[str, RenderedDocument]) -> None:
    document = rendered["framework"]
    match = re.search(r'(<table class="grid matrix"[^>]*>.*?<tbody>\n)(.*?)(</tbody>)',
                      document.html, re.DOTALL)
    assert match is not None
    rows = re.findall(r"<tr[ >].*?</tr>", match.group(2), re.DOTALL)
    many = "".join(rows[i % len(rows)] for i in range(1000))
    page = document.html[:match.start(2)] + many + document.html[match.end(2):]
    start = time.perf_counter()
    data = write(replace(document, html=page))
    assert time.perf_counter() - start < 5
    matrix = max(_part(data).iter(f"{W}tbl"), key=len)
    assert len(matrix.findall(f"{W}tr")) == 1001


def test_whitespace_collapses_like_html() -> None:
    pieces = [Piece("\n  Food  "), Piece(" processing ", bold=True), Piece("and\n"),
              Piece(kind="br"), Piece("  more\u00a0text  ")]
    assert [(p.text, p.kind, p.bold) for p in normalize(pieces)] == [
        ("Food ", "text", False), ("processing ", "text", True), ("and", "text", False),
        ("", "br", False), ("more\u00a0text", "text", False)]


def test_bookmark_names_are_unique_and_valid() -> None:
    root = html.fromstring('<div><h2 id="s-a">x</h2><h2 id="2 b">y</h2><h2 id="2_b">z</h2>'
                           '<h2 id="s-a">again</h2></div>')
    assert bookmark_names(root) == {"s-a": "s-a", "2 b": "b_2_b", "2_b": "b_2_b_2"}


def test_column_widths_follow_the_stylesheet() -> None:
    rules = column_rules("table.grid th.no { width: 2.6em; }\n"
                         "table.matrix th:nth-child(2) { width: 25%; }\n"
                         "table.matrix th:last-child { width: 20%; max-width: 5em }\n"
                         "@media print { table.x td:first-child { min-width: 9em; } }")
    # each width with the cells' 8 pt of padding beside it: 26 pt + 8, 25% + 8, 20% + 8
    assert widths(rules, {"grid", "matrix"}, [{"no"}, set(), set(), set()], 10000, 10) == [
        680, 2660, 4500, 2160]
    assert widths(rules, {"grid"}, [set(), set(), set()], 9000, 10) == [3000, 3000, 3000]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="needs LibreOffice and poppler")
def test_libreoffice_converts_both_documents(built: dict[str, bytes], tmp_path: Path) -> None:
    files = []
    for name, data in built.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        files.append(str(path))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                   check=True, capture_output=True, timeout=180)
    for name in built:
        info = subprocess.run(["pdfinfo", str(tmp_path / f"{name}.pdf")], check=True,
                              capture_output=True, text=True).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        assert pages is not None
        assert int(pages.group(1)) >= 2
