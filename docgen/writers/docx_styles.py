"""Word styles and page geometry for the Word writer.

In: a python-docx Document, started from python-docx's default template or from a
drafter's `reference.docx`. Out: the same document with every style docgen uses
(docgen's definitions replace the default template's; a reference document's own
styles win and only missing ones are added), a map from style name to style id, and
page geometry (A4, document.css's margins, the text width of each orientation).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from docgen.writers.docx_xml import Element, child


def twips(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm * 1440 / 25.4)


A4 = (twips(210), twips(297))
PORTRAIT_MARGINS = (twips(25), twips(22), twips(22), twips(25))
"""Top, right, bottom, left: document.css `@page`."""
LANDSCAPE_MARGINS = (twips(20), twips(20), twips(18), twips(20))
"""document.css `@page wide`."""
PORTRAIT_WIDTH = A4[0] - PORTRAIT_MARGINS[1] - PORTRAIT_MARGINS[3]
LANDSCAPE_WIDTH = A4[1] - LANDSCAPE_MARGINS[1] - LANDSCAPE_MARGINS[3]
FONT = "Times New Roman"
"""Metric-compatible with the Liberation Serif of the PDF, so pages break alike."""
LIST_INDENT = 528
"""2.2em at 12 pt: document.css `ol { padding-left }`."""


@dataclass(frozen=True)
class Style:
    """One style as docgen defines it; `ppr`/`rpr` are XML in schema order."""

    name: str
    style_id: str
    ppr: str = ""
    rpr: str = ""
    based_on: str | None = "Normal"
    kind: str = "paragraph"
    extra: str = ""
    tblpr: str = ""


def _border(sides: str, size: int, color: str, space: int = 0) -> str:
    return "".join(f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" '
                   f'w:color="{color}"/>' for side in sides.split())


def _spacing(before: int = 0, after: int = 0, line: int = 0, rule: str = "atLeast") -> str:
    line_attrs = f' w:line="{line}" w:lineRule="{rule}"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attrs}/>'


def _cell_margins(top: int, right: int, bottom: int, left: int) -> str:
    sides = {"top": top, "left": left, "bottom": bottom, "right": right}
    return "<w:tblCellMar>" + "".join(f'<w:{side} w:w="{width}" w:type="dxa"/>'
                                      for side, width in sides.items()) + "</w:tblCellMar>"


BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"
BLACK = '<w:color w:val="000000"/>'
LEFT, CENTER = '<w:jc w:val="left"/>', '<w:jc w:val="center"/>'
KEEP = "<w:keepNext/><w:keepLines/>"
BUILTIN = "<w:uiPriority w:val=\"9\"/><w:qFormat/>"


def _size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _heading(level: int, size: float, before: int, after: int) -> Style:
    return Style(f"heading {level}", f"Heading{level}", extra=BUILTIN,
                 ppr=f"{KEEP}{_spacing(before, after, round(size * 27))}{LEFT}"
                     f'<w:outlineLvl w:val="{level - 1}"/>',
                 rpr=f"{BOLD}{BLACK}{_size(size)}")


def _toc(level: int) -> Style:
    indent = f'<w:ind w:left="{(level - 1) * 240}"/>' if level > 1 else ""
    return Style(f"toc {level}", f"TOC{level}", extra='<w:uiPriority w:val="39"/>',
                 ppr=f'<w:tabs><w:tab w:val="right" w:pos="{PORTRAIT_WIDTH}"/></w:tabs>'
                     f"{_spacing(60, 60)}{indent}{LEFT}")


CELL_PADDING = (60, 80)
"""document.css `table.grid td { padding: 3pt 4pt }`: the data table style's cell margins."""
STYLES = (
    Style("Normal", "Normal", based_on=None, extra="<w:qFormat/>",
          ppr=f'<w:widowControl/>{_spacing(0, 160, 324)}<w:jc w:val="both"/>'),
    _heading(1, 13, 360, 160), _heading(2, 12, 280, 120), _heading(3, 12, 240, 120),
    Style("Title", "Title", extra='<w:uiPriority w:val="10"/><w:qFormat/>',
          ppr=f"<w:keepNext/>{_spacing(0, 480, 500)}{CENTER}", rpr=f"{BOLD}{BLACK}{_size(20)}"),
    Style("TOC Heading", "TOCHeading", extra='<w:uiPriority w:val="39"/>',
          ppr=f'<w:keepNext/>{_spacing(360, 160, 378)}{LEFT}<w:outlineLvl w:val="9"/>',
          rpr=f"{BOLD}{BLACK}{_size(14)}"),
    _toc(1), _toc(2), _toc(3),
    Style("List Number", "ListNumber", ppr=_spacing(0, 80)),
    Style("List Continue", "ListContinue",
          ppr=f'{_spacing(0, 80)}<w:ind w:left="{LIST_INDENT}"/>'),
    Style("Numbered Paragraph", "NumberedParagraph",
          ppr=f'<w:tabs><w:tab w:val="left" w:pos="{LIST_INDENT}"/></w:tabs>'),
    Style("Clause", "Clause", ppr='<w:ind w:firstLine="480"/>'),
    Style("See Actions", "SeeActions", rpr=ITALIC),
    Style("Closing Formula", "ClosingFormula", ppr=f"<w:keepNext/>{_spacing(360, 360)}"),
    Style("Draft Banner", "DraftBanner",
          ppr=f'<w:pBdr>{_border("top left bottom right", 12, "B00020", 4)}</w:pBdr>'
              f'{_spacing(0, 240)}<w:ind w:left="100" w:right="100"/>{CENTER}',
          rpr=f'{BOLD}<w:color w:val="B00020"/>'),
    Style("Cover Kind", "CoverKind", ppr=f"<w:keepNext/>{_spacing(0, 360)}{CENTER}",
          rpr=f"<w:smallCaps/>{_size(13)}"),
    Style("Cover Parties", "CoverParties", ppr=f"<w:keepNext/>{_spacing(120, 120)}{CENTER}",
          rpr=ITALIC),
    Style("Cover Party", "CoverParty", ppr=f"<w:keepNext/>{_spacing(120, 120)}{CENTER}",
          rpr=f"{BOLD}{_size(14)}"),
    Style("Cover Meta", "CoverMeta", ppr=f"{_spacing(360, 160)}{CENTER}"),
    Style("Signature For", "SignatureFor", ppr=f"<w:keepNext/>{LEFT}", rpr=BOLD),
    Style("Signature Line", "SignatureLine",
          ppr=f'<w:keepNext/><w:pBdr>{_border("bottom", 6, "000000")}</w:pBdr>'
              f"{_spacing(0, 80, 720, 'exact')}"),
    Style("Signature Name", "SignatureName", ppr=f"<w:keepNext/>{_spacing(0, 0)}{LEFT}"),
    Style("Table Text", "TableText", ppr=f"{_spacing(0, 0, 250)}{LEFT}", rpr=_size(10)),
    Style("Table Heading", "TableHeading", based_on="Table Text", ppr="<w:keepNext/>",
          rpr=BOLD),
    Style("Matrix Text", "MatrixText", based_on="Table Text", ppr=_spacing(0, 0, 212),
          rpr=_size(8.5)),
    Style("Matrix Heading", "MatrixHeading", based_on="Matrix Text", ppr="<w:keepNext/>",
          rpr=BOLD),
    Style("header", "Header", ppr=f"{_spacing(0, 0, 240, 'auto')}{LEFT}",
          rpr=f'{ITALIC}<w:color w:val="444444"/>{_size(9)}'),
    Style("footer", "Footer", ppr=f"{_spacing(0, 0, 240, 'auto')}{CENTER}",
          rpr=f'<w:color w:val="444444"/>{_size(9)}'),
    Style("Hyperlink", "Hyperlink", kind="character", based_on=None,
          rpr='<w:color w:val="0563C1"/><w:u w:val="single"/>'),
    Style("Data Table", "DataTable", kind="table", based_on="Table Grid",
          ppr=_spacing(0, 0), tblpr=f'<w:tblBorders>'
          f'{_border("top left bottom right insideH insideV", 6, "555555")}</w:tblBorders>'
          + _cell_margins(CELL_PADDING[0], CELL_PADDING[1], CELL_PADDING[0], CELL_PADDING[1])),
    Style("Signature Block", "SignatureBlock", kind="table", based_on=None,
          ppr=_spacing(0, 0), tblpr=_cell_margins(0, 240, 0, 0)),
)


def install_styles(document: Any, language: str, *, keep_existing: bool) -> dict[str, str]:
    """Put docgen's styles into `document`; return style name -> style id.

    `keep_existing` (a reference document): a style the document already has, matched
    by name, is left as it is. Otherwise docgen's definition replaces it.
    """
    root = document.styles.element
    found = {s.find(qn("w:name")).get(qn("w:val")).lower(): s
             for s in root.findall(qn("w:style")) if s.find(qn("w:name")) is not None}
    ids = {name: s.get(qn("w:styleId")) for name, s in found.items()}
    if not keep_existing:
        _defaults(root)
    _language(root, language)
    resolved: dict[str, str] = {}
    for style in STYLES:
        key = style.name.lower()
        old = found.get(key)
        if old is not None and keep_existing:
            resolved[style.name] = ids[key]
            continue
        based_on = resolved.get(style.based_on or "") or ids.get((style.based_on or "").lower())
        made = parse_xml(_style_xml(style, based_on))
        if old is not None:
            old.addprevious(made)
            root.remove(old)
        else:
            root.append(made)
        resolved[style.name] = style.style_id
        ids[key] = style.style_id
    return resolved


def _style_xml(style: Style, based_on: str | None) -> str:
    default = ' w:default="1"' if style.name == "Normal" else ""
    parts = [f'<w:style {nsdecls("w")} w:type="{style.kind}" w:styleId="{style.style_id}"'
             f'{default}><w:name w:val="{style.name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    parts.append(style.extra)
    if style.ppr:
        parts.append(f"<w:pPr>{style.ppr}</w:pPr>")
    if style.rpr:
        parts.append(f"<w:rPr>{style.rpr}</w:rPr>")
    if style.tblpr:
        parts.append(f"<w:tblPr>{style.tblpr}</w:tblPr>")
    return "".join(parts) + "</w:style>"


def _defaults(root: Element) -> None:
    """Times New Roman 12 pt with no spacing as the document defaults (no theme fonts)."""
    defaults = root.find(qn("w:docDefaults"))
    if defaults is not None:
        root.remove(defaults)
    root.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
        f'w:eastAsiaTheme="minorEastAsia"/>{_size(12)}<w:lang w:val="en-GB"/></w:rPr>'
        f"</w:rPrDefault><w:pPrDefault><w:pPr>{_spacing(0, 0, 240, 'auto')}</w:pPr>"
        "</w:pPrDefault></w:docDefaults>"))


def _language(root: Element, language: str) -> None:
    """The document's language, for spelling and hyphenation."""
    rpr = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), language)
