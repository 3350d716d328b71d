"""Page geometry and type from one source: the document.css a build uses.

A house style (a templates folder holding only a changed document.css) changes the
Word file as it changes the PDF; docgen's own stylesheet gives the Word file exactly the
values it had when they were constants; a stylesheet lacking a property falls back on
docgen's own, and a value the Word writer cannot read stops the build with a message
naming the file, the rule and the property. The example spec's documents are rendered
once per module; each stylesheet writes them again.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from docgen.context import build_context
from docgen.errors import DocgenError
from docgen.render import TEMPLATES, render_html
from docgen.validation import load_spec
from docgen.writers import RenderedDocument
from docgen.writers.docx import write
from docgen.writers.docx_css import Stylesheet
from docgen.writers.docx_geometry import DEFAULT, for_templates, from_sheet
from docgen.writers.pdf import layout

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "pakistan-kazakhstan-2026.yaml"
OWN_CSS = (ROOT / "templates" / "document.css").read_text(encoding="utf-8")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PX_PER_MM = 96 / 25.4
HOUSE = (
    ("margin: 25mm 22mm 22mm 25mm;", "margin: 30mm 15mm 20mm 35mm;"),
    ("font-size: 12pt; line-height: 1.35;", "font-size: 11pt; line-height: 1.35;"),
    ("table.matrix th:nth-child(2) { width: 31%; }",
     "table.matrix th:nth-child(2) { width: 30%; }"),
)
"""The house style: docgen's stylesheet with other page margins, body size, one column."""


def _edit(css: str, *edits: tuple[str, str]) -> str:
    for old, new in edits:
        assert css.count(old) == 1, old
        css = css.replace(old, new)
    return css


def _folder(root: Path, css: str) -> Path:
    root.mkdir()
    (root / "document.css").write_text(css, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def rendered() -> dict[str, RenderedDocument]:
    spec = load_spec(EXAMPLE)
    context = build_context(spec, final=False)
    return {name: RenderedDocument(
        name=name, html=render_html(name, context), title=name, subject="", keywords=[],
        language="en", date=context.stamp, templates=TEMPLATES)
        for name in ("framework", "minutes")}


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _folder(tmp_path_factory.mktemp("house") / "templates", _edit(OWN_CSS, *HOUSE))


def _docx(document: RenderedDocument, templates: Path) -> dict[str, etree._Element]:
    """The document and styles parts of the document written with `templates`."""
    data = write(replace(document, templates=templates))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(f"word/{name}.xml"))
                for name in ("document", "styles")}


def _sections(document: etree._Element) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(page size, page margins) of every section, in order, attributes without prefix."""
    def plain(el: etree._Element) -> dict[str, str]:
        return {key.removeprefix(W): value for key, value in el.attrib.items()}
    return [(plain(s.find(f"{W}pgSz")), plain(s.find(f"{W}pgMar")))
            for s in document.iter(f"{W}sectPr")]


def _default_size(styles: etree._Element) -> str:
    return styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz").get(f"{W}val")


def _style(styles: etree._Element, style_id: str, path: str, attribute: str) -> str:
    found = styles.find(f'{W}style[@{W}styleId="{style_id}"]/{path}')
    return found.get(f"{W}{attribute}")


def _grids(document: etree._Element) -> list[list[int]]:
    return [[int(col.get(f"{W}w")) for col in tbl.iter(f"{W}gridCol")]
            for tbl in document.iter(f"{W}tbl")]


def test_default_stylesheet_gives_the_values_word_always_had(
        rendered: dict[str, RenderedDocument]) -> None:
    parts = _docx(rendered["framework"], TEMPLATES)
    portrait = ({"w": "11906", "h": "16838"},  # A4: 210 x 297 mm
                {"top": "1417", "right": "1247", "bottom": "1247", "left": "1417",
                 "header": "680", "footer": "567", "gutter": "0"})  # 25 22 22 25 mm
    wide = ({"w": "16838", "h": "11906", "orient": "landscape"},
            {"top": "1134", "right": "1134", "bottom": "1020", "left": "1134",
             "header": "680", "footer": "567", "gutter": "0"})  # 20 20 18 20 mm
    assert _sections(parts["document"]) == [portrait, wide, portrait]
    styles = parts["styles"]
    assert _default_size(styles) == "24"
    assert styles.find(f"{W}docDefaults//{W}rFonts").get(f"{W}ascii") == "Times New Roman"
    assert [_style(styles, "Normal", f"{W}pPr/{W}spacing", key)
            for key in ("before", "after", "line")] == ["0", "160", "324"]
    assert [_style(styles, "Heading1", f"{W}pPr/{W}spacing", key)
            for key in ("before", "after", "line")] == ["360", "160", "351"]
    assert _style(styles, "Heading1", f"{W}rPr/{W}sz", "val") == "26"
    assert _style(styles, "Title", f"{W}rPr/{W}sz", "val") == "40"
    assert _style(styles, "MatrixText", f"{W}pPr/{W}spacing", "line") == "212"
    assert _style(styles, "ListContinue", f"{W}pPr/{W}ind", "left") == "528"
    assert _style(styles, "DataTable", f"{W}tblPr/{W}tblCellMar/{W}left", "w") == "80"
    assert _style(styles, "DataTable", f"{W}tblPr/{W}tblBorders/{W}top", "color") == "555555"
    assert _style(styles, "Header", f"{W}rPr/{W}color", "val") == "444444"
    # the matrix: 31% and 20% of the landscape text width, each with the cells' padding
    # (8 pt) beside it, as WeasyPrint lays them out
    assert _grids(parts["document"])[5] == [602, 4677, 1243, 1243, 1243, 1243, 1245, 3074]
    assert (DEFAULT.list_indent, DEFAULT.cover_top, DEFAULT.depth_indents,
            DEFAULT.heading_fill) == (528, 1701, (200, 400), "E8E8E8")


def test_house_style_changes_the_word_file(rendered: dict[str, RenderedDocument],
                                           house: Path) -> None:
    parts = _docx(rendered["framework"], house)
    sections = _sections(parts["document"])
    margins = {key: sections[0][1][key] for key in ("top", "right", "bottom", "left")}
    assert margins == {"top": "1701", "right": "850", "bottom": "1134", "left": "1984"}
    assert sections[0][0] == {"w": "11906", "h": "16838"}
    assert sections[1][1]["left"] == "1134"  # @page wide keeps its own margins
    assert _default_size(parts["styles"]) == "22"
    assert _style(parts["styles"], "Normal", f"{W}pPr/{W}spacing", "line") == "297"
    grids = _grids(parts["document"])
    assert grids[5][:2] == [602, 4531]  # 30% of the landscape text width, 14570, + padding
    assert sum(grids[0]) == 11906 - 850 - 1984


def test_house_style_moves_lists_numbers_and_the_cover_in_word(
        rendered: dict[str, RenderedDocument], tmp_path: Path) -> None:
    """List indents, the paragraph number's width, the cover's top and its lines' gap."""
    css = _edit(OWN_CSS,
                ("padding-left: 2.2em; list-style: none;", "padding-left: 3em; list-style: none;"),
                ("p.para .num { display: inline-block; min-width: 2.2em; }",
                 "p.para .num { display: inline-block; min-width: 4em; }"),
                (".cover { text-align: center; padding-top: 30mm;",
                 ".cover { text-align: center; padding-top: 50mm;"),
                (".cover-meta + .cover-meta { margin-top: 4pt; }",
                 ".cover-meta + .cover-meta { margin-top: 10pt; }"))
    with zipfile.ZipFile(io.BytesIO(write(replace(rendered["framework"],
                                                  templates=_folder(tmp_path / "t", css))))) as z:
        numbering = etree.fromstring(z.read("word/numbering.xml"))
        document = etree.fromstring(z.read("word/document.xml"))
    used = {n.get(f"{W}val") for n in document.iter(f"{W}numId")}
    abstract = {n.find(f"{W}abstractNumId").get(f"{W}val") for n in numbering.iter(f"{W}num")
                if n.get(f"{W}numId") in used}
    ours = [a for a in numbering.iter(f"{W}abstractNum")
            if a.get(f"{W}abstractNumId") in abstract]
    tabs = {tab.get(f"{W}pos") for a in ours for tab in a.iter(f"{W}tab")}
    hanging = {ind.get(f"{W}hanging") for a in ours for ind in a.iter(f"{W}ind")} - {None}
    assert tabs == {"960"}  # 4em of 12pt
    assert hanging == {"720"}  # 3em of 12pt
    spacing = [p.find(f"{W}pPr/{W}spacing") for p in document.iter(f"{W}p")]
    befores = [s.get(f"{W}before") for s in spacing if s is not None]
    assert befores[0] == "2835"  # 50 mm
    assert "200" in befores  # 10pt between the cover's meta lines


def test_house_style_changes_the_pdf(rendered: dict[str, RenderedDocument],
                                     house: Path) -> None:
    page = layout(replace(rendered["minutes"], templates=house)).pages[0]
    assert (round(page.width), round(page.height)) == (794, 1123)  # A4 still
    x1, _, x2, _ = page.anchors["opening"]
    assert (round(x1 / PX_PER_MM), round((page.width - x2) / PX_PER_MM)) == (35, 15)


def test_custom_properties_reach_the_pdf_and_the_word_file(
        rendered: dict[str, RenderedDocument], tmp_path: Path) -> None:
    """WeasyPrint resolves var() inside @page; so does the Word writer."""
    css = ":root { --left: 40mm; }\n" + _edit(
        OWN_CSS, ("margin: 25mm 22mm 22mm 25mm;", "margin: 25mm 22mm 22mm var(--left);"))
    folder = _folder(tmp_path / "var", css)
    page = layout(replace(rendered["minutes"], templates=folder)).pages[0]
    assert round(page.anchors["opening"][0] / PX_PER_MM) == 40
    assert _sections(_docx(rendered["minutes"], folder)["document"])[0][1]["left"] == "2268"


def test_missing_properties_fall_back_on_docgens_own(rendered: dict[str, RenderedDocument],
                                                    tmp_path: Path) -> None:
    folder = _folder(tmp_path / "bare", "@page { margin: 30mm }\n")
    geometry = for_templates(folder)
    assert geometry.portrait.margins == (1701,) * 4
    assert geometry.wide.margins == (1701,) * 4  # @page wide says none: @page's, as in CSS
    assert (geometry.portrait.width, geometry.wide.width) == (11906, 16838)  # docgen's sizes
    assert (geometry.font, geometry.blocks["body"].size) == ("Times New Roman", 12.0)
    assert geometry.columns == []  # no width rules: auto columns, as in the PDF
    parts = _docx(rendered["minutes"], folder)
    assert _sections(parts["document"])[0][1]["top"] == "1701"
    assert _default_size(parts["styles"]) == "24"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("margin: 25mm 22mm 22mm 25mm;", "margin: 25mm 22mm 22mm 25qq;",
     "@page { margin: 25mm 22mm 22mm 25qq }: the Word writer cannot read '25qq' as a "
     "length (such as 25mm, 12pt or 1.5em)"),
    ("font-size: 12pt; line-height", "font-size: 12 pt; line-height",
     'html { font-size: 12 pt }: the Word writer cannot read \'12 pt\' as a length (such '
     'as 25mm, 12pt or 1.5em)'),
    ("size: A4 landscape;", "size: A4 sideways;",
     "@page wide { size: A4 sideways }: the Word writer cannot read 'A4 sideways' as a "
     "page size (such as A4, A4 landscape or 210mm 297mm)"),
    ("color: #b00020; font-weight", "color: #b0002; font-weight",
     ".draft-banner { color: #b0002 }: the Word writer cannot read '#b0002' as a colour "
     "(such as #b00020)"),
])
def test_unreadable_value_names_file_rule_and_property(
        rendered: dict[str, RenderedDocument], tmp_path: Path, old: str, new: str,
        message: str) -> None:
    css = _edit(OWN_CSS, (old, new))
    folder = _folder(tmp_path / "broken", css)
    line = css[:css.index(new)].count("\n") + 1
    with pytest.raises(DocgenError) as caught:
        write(replace(rendered["minutes"], templates=folder))
    where, _, rest = str(caught.value).partition(": ")
    assert re.fullmatch(rf"{re.escape(str(folder / 'document.css'))}:{line}:\d+", where)
    assert rest == message


@pytest.mark.parametrize(("css", "prop", "selectors", "expected"), [
    ("p { margin: 1pt 2pt 3pt }", "margin-left", ("p",), 2.0),
    ("p { padding: 1pt 2pt 3pt 4pt }", "padding-left", ("p",), 4.0),
    ("p { margin-top: 5pt !important } p { margin: 1pt }", "margin-top", ("p",), 5.0),
    ("@media screen { p { margin-top: 9pt } } p { margin-top: 2pt }", "margin-top", ("p",),
     2.0),
    ("@media print { p { margin-top: 9pt } }", "margin-top", ("p",), 9.0),
    ("h2, p  >  a { margin-top: 1in }", "margin-top", ("p > a",), 72.0),
    (":root { --gap: 10mm } p { margin-top: var(--gap) }", "margin-top", ("p",),
     10 * 72 / 25.4),
    ("p { margin-top: var(--missing, 3pt) }", "margin-top", ("p",), 3.0),
    ("p { border: 2pt solid red }", "border-bottom-width", ("p",), 2.0),
    ("p { font: bold 11pt/14pt serif }", "line-height", ("p",), 14.0),
    ("p { font: bold 11pt/14pt serif }", "font-size", ("p",), 11.0),
])
def test_declarations_are_read_as_css_means_them(css: str, prop: str,
                                                 selectors: tuple[str, ...],
                                                 expected: float) -> None:
    found = Stylesheet(css, "<test>").find(prop, *selectors)
    assert found is not None
    assert found.points(em=12) == pytest.approx(expected)


@pytest.mark.parametrize(("size", "expected"), [
    ("A4", (11906, 16838)), ("A5 landscape", (11906, 8391)), ("letter", (12240, 15840)),
    ("landscape", (16838, 11906)), ("100mm 50mm", (5669, 2835)),
])
def test_page_sizes(size: str, expected: tuple[int, int]) -> None:
    geometry = from_sheet(Stylesheet(f"@page {{ size: {size} }}", "<test>"))
    assert (geometry.portrait.width, geometry.portrait.height) == expected


def test_word_font_is_the_first_the_stylesheet_does_not_bring() -> None:
    faces = '@font-face { font-family: "House Sans"; src: url(x.ttf) }\n'
    def font(css: str) -> str:
        return from_sheet(Stylesheet(css, "<test>")).font
    assert font(faces + 'html { font-family: "House Sans", Arial, sans-serif }') == "Arial"
    assert font(faces + 'html { font-family: "House Sans", sans-serif }') == "Arial"
    assert font('html { font-family: Georgia, serif }') == "Georgia"
