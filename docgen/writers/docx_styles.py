"""Word styles for the Word writer, with the sizes, spacing and colours of document.css.

In: a python-docx Document, started from python-docx's default template or from a
drafter's `reference.docx`, and the `Geometry` of the build's document.css. Out: the
same document with every style docgen uses (docgen's definitions replace the default
template's; a reference document's own styles win and only missing ones are added) and
a map from style name to style id. What only Word has (keep-with-next, outline levels,
header and footer spacing, the hyperlink colour) is decided here; every size, space and
colour the stylesheet also sets comes from the geometry.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from docgen.writers.docx_geometry import DEFAULT, Block, Border, Geometry, attach
from docgen.writers.docx_xml import Element, child


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


def _border(sides: str, border: Border, space: int = 0) -> str:
    if not border.size:
        return ""
    return "".join(f'<w:{side} w:val="single" w:sz="{border.size}" w:space="{space}" '
                   f'w:color="{border.color}"/>' for side in sides.split())


def _spacing(before: int = 0, after: int = 0, line: int = 0, rule: str = "atLeast") -> str:
    line_attrs = f' w:line="{line}" w:lineRule="{rule}"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attrs}/>'


def _spaced(block: Block, line: bool = True) -> str:
    """A block's space before and after, and its line height unless `line` is False."""
    return _spacing(block.before, block.after, block.line if line else 0)


def _cell_margins(top: int, right: int, bottom: int, left: int) -> str:
    sides = {"top": top, "left": left, "bottom": bottom, "right": right}
    return "<w:tblCellMar>" + "".join(f'<w:{side} w:w="{width}" w:type="dxa"/>'
                                      for side, width in sides.items()) + "</w:tblCellMar>"


BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"
LEFT, CENTER = '<w:jc w:val="left"/>', '<w:jc w:val="center"/>'
KEEP = "<w:keepNext/><w:keepLines/>"
BUILTIN = "<w:uiPriority w:val=\"9\"/><w:qFormat/>"
SINGLE = _spacing(0, 0, 240, "auto")
"""Header and footer lines: Word's single spacing (the page box has no line height)."""


def _size(points: float) -> str:
    half = round(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _color(block: Block) -> str:
    return f'<w:color w:val="{block.color}"/>'


def _heading(level: int, block: Block) -> Style:
    return Style(f"heading {level}", f"Heading{level}", extra=BUILTIN,
                 ppr=f"{KEEP}{_spaced(block)}{LEFT}"
                     f'<w:outlineLvl w:val="{level - 1}"/>',
                 rpr=f"{BOLD}{_color(block)}{_size(block.size)}")


def _toc(level: int, g: Geometry) -> Style:
    indent = f'<w:ind w:left="{(level - 1) * 240}"/>' if level > 1 else ""
    return Style(f"toc {level}", f"TOC{level}", extra='<w:uiPriority w:val="39"/>',
                 ppr=f'<w:tabs><w:tab w:val="right" w:pos="{g.portrait.text_width}"/></w:tabs>'
                     f"{_spaced(g.blocks['toc-entry'], line=False)}{indent}{LEFT}")


def styles(g: Geometry) -> tuple[Style, ...]:
    """docgen's Word styles, sized, spaced and coloured as the stylesheet of `g` says."""
    b, cell, sign = g.blocks, g.cell_padding, g.blocks["sign-line"]
    # Word hyphenates the whole document (settings.xml) but where a style suppresses it:
    # body text as document.css's `p`, table text as its `table.grid td`.
    body = "" if "body" in g.hyphens else "<w:suppressAutoHyphens/>"
    table = "" if ("cell" in g.hyphens) == ("body" in g.hyphens) else \
        f'<w:suppressAutoHyphens w:val="{0 if "cell" in g.hyphens else 1}"/>'
    banner = _border("top left bottom right", g.banner_border, g.banner_padding)
    return (
        Style("Normal", "Normal", based_on=None, extra="<w:qFormat/>",
              ppr=f'<w:widowControl/>{body}{_spaced(b["p"])}<w:jc w:val="both"/>'),
        _heading(1, b["h2"]), _heading(2, b["h3"]), _heading(3, b["h4"]),
        Style("Title", "Title", extra='<w:uiPriority w:val="10"/><w:qFormat/>',
              ppr=f"<w:keepNext/>{_spaced(b['title'])}{CENTER}",
              rpr=f"{BOLD}{_color(b['title'])}{_size(b['title'].size)}"),
        Style("TOC Heading", "TOCHeading", extra='<w:uiPriority w:val="39"/>',
              ppr=f'<w:keepNext/>{_spaced(b["toc-title"])}{LEFT}<w:outlineLvl w:val="9"/>',
              rpr=f"{BOLD}{_color(b['toc-title'])}{_size(b['toc-title'].size)}"),
        _toc(1, g), _toc(2, g), _toc(3, g),
        Style("List Number", "ListNumber", ppr=_spaced(b["li"], line=False)),
        Style("List Continue", "ListContinue",
              ppr=f'{_spaced(b["li"], line=False)}<w:ind w:left="{g.list_indent}"/>'),
        Style("Numbered Paragraph", "NumberedParagraph",
              ppr=f'<w:tabs><w:tab w:val="left" w:pos="{g.number_width}"/></w:tabs>'),
        Style("Clause", "Clause", ppr=f'<w:ind w:firstLine="{g.clause_indent}"/>'),
        Style("See Actions", "SeeActions", rpr=ITALIC),
        Style("Closing Formula", "ClosingFormula", ppr=f"<w:keepNext/>{_spacing(360, 360)}"),
        Style("Draft Banner", "DraftBanner",
              ppr=f"<w:pBdr>{banner}</w:pBdr>{_spaced(b['draft-banner'], line=False)}"
                  f'<w:ind w:left="100" w:right="100"/>{CENTER}',
              rpr=f"{BOLD}{_color(b['draft-banner'])}"),
        Style("Cover Kind", "CoverKind",
              ppr=f"<w:keepNext/>{_spaced(b['cover-kind'], line=False)}{CENTER}",
              rpr=f"<w:smallCaps/>{_size(b['cover-kind'].size)}"),
        Style("Cover Parties", "CoverParties",
              ppr=f"<w:keepNext/>{_spaced(b['cover-parties'], line=False)}{CENTER}",
              rpr=ITALIC),
        Style("Cover Party", "CoverParty",
              ppr=f"<w:keepNext/>{_spaced(b['cover-party'], line=False)}{CENTER}",
              rpr=f"{BOLD}{_size(b['cover-party'].size)}"),
        Style("Cover Meta", "CoverMeta", ppr=f"{_spaced(b['cover-meta'], line=False)}{CENTER}"),
        Style("Signature For", "SignatureFor",
              ppr=f"<w:keepNext/>{_spaced(b['sign-for'], line=False)}{LEFT}", rpr=BOLD),
        Style("Signature Line", "SignatureLine",
              ppr=f'<w:keepNext/><w:pBdr>{_border("bottom", g.sign_border)}</w:pBdr>'
                  f"{_spacing(sign.before, sign.after, g.sign_height, 'exact')}"),
        Style("Signature Name", "SignatureName",
              ppr=f"<w:keepNext/>{_spaced(b['sign-name'], line=False)}{LEFT}"),
        Style("Chart", "Chart", ppr=f"{_spaced(b['chart'], line=False)}{LEFT}"),
        Style("caption", "Caption", extra='<w:uiPriority w:val="35"/><w:qFormat/>',
              ppr=f"<w:keepNext/>{_spaced(b['caption'], line=False)}",
              rpr=f"{ITALIC}{_size(b['caption'].size)}"),
        Style("Table Text", "TableText",
              ppr=f"{table}{_spacing(0, 0, b['table'].line)}{LEFT}",
              rpr=_size(b["table"].size)),
        Style("Table Heading", "TableHeading", based_on="Table Text", ppr="<w:keepNext/>",
              rpr=BOLD),
        Style("Matrix Text", "MatrixText", based_on="Table Text",
              ppr=_spacing(0, 0, b["matrix"].line), rpr=_size(b["matrix"].size)),
        Style("Matrix Heading", "MatrixHeading", based_on="Matrix Text", ppr="<w:keepNext/>",
              rpr=BOLD),
        Style("header", "Header", ppr=f"{SINGLE}{LEFT}",
              rpr=f"{ITALIC}{_color(b['header'])}{_size(b['header'].size)}"),
        Style("footer", "Footer", ppr=f"{SINGLE}{CENTER}",
              rpr=f"{_color(b['footer'])}{_size(b['footer'].size)}"),
        Style("Hyperlink", "Hyperlink", kind="character", based_on=None,
              rpr='<w:color w:val="0563C1"/><w:u w:val="single"/>'),
        Style("Data Table", "DataTable", kind="table", based_on="Table Grid",
              ppr=_spacing(0, 0), tblpr=f'<w:tblBorders>'
              f'{_border("top left bottom right insideH insideV", g.table_border)}'
              f"</w:tblBorders>{_cell_margins(*cell)}"),
        Style("Signature Block", "SignatureBlock", kind="table", based_on=None,
              ppr=_spacing(0, 0), tblpr=_cell_margins(*g.signature_padding)),
    )


def install_styles(document: Any, language: str, *, keep_existing: bool,
                   geometry: Geometry = DEFAULT) -> dict[str, str]:
    """Put docgen's styles into `document`; return style name -> style id.

    `keep_existing` (a reference document): a style the document already has, matched
    by name, is left as it is. Otherwise docgen's definition replaces it. The document
    keeps `geometry` (`geometry_of`) for the page setup of its sections.
    """
    attach(document, geometry)
    root = document.styles.element
    found = {s.find(qn("w:name")).get(qn("w:val")).lower(): s
             for s in root.findall(qn("w:style")) if s.find(qn("w:name")) is not None}
    ids = {name: s.get(qn("w:styleId")) for name, s in found.items()}
    if not keep_existing:
        _defaults(root, geometry)
    _language(root, language)
    resolved: dict[str, str] = {}
    for style in styles(geometry):
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


def _defaults(root: Element, geometry: Geometry) -> None:
    """The body font and size with no spacing as the document defaults (no theme fonts)."""
    font = escape(geometry.font, quote=True)
    size = _size(geometry.blocks["body"].size)
    defaults = root.find(qn("w:docDefaults"))
    if defaults is not None:
        root.remove(defaults)
    root.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" '
        f'w:eastAsiaTheme="minorEastAsia"/>{size}<w:lang w:val="en-GB"/></w:rPr>'
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
