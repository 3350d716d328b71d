"""Charts in Word: a `figure.chart`'s SVG as a picture, with a PNG of it as the fallback.

In: the figure element (its `svg` drawn by templates/_charts.html.j2, its `figcaption`).
Out: the caption in Word's Caption style, kept with the paragraph after it, which holds
the picture, as wide as the text. The picture is the same SVG the HTML and PDF show,
embedded through Word's `svgBlip` extension (Word 2016 and later draw it, and it stays
vector when printed); `a:blip` itself points at a PNG of it (docgen.charts.raster) for
every reader that does not know the extension. Chosen over a native Word chart: a Gantt
is not among Word's chart types, and one drawing for every format keeps the same data
in each by construction. The picture's alternative text is the SVG's title and
description; the table that follows it in the document is its full text alternative.
"""

from __future__ import annotations

import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from docgen.charts import raster
from docgen.writers.docx_state import Sink, State, classes, inline
from docgen.writers.docx_text import Piece
from docgen.writers.docx_xml import Element, element

SVG = "http://www.w3.org/2000/svg"
SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
"""The `a:ext` uri under which Word 2016 and later find a picture's SVG."""
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CAMEL = {"viewbox": "viewBox"}
"""SVG attributes the HTML parser lowercased, as SVG spells them."""
EMU_PER_TWIP = 635


def is_chart(el: Element) -> bool:
    """True for the figures the charts template draws."""
    return el.tag == "figure" and "chart" in classes(el)


def chart(state: State, el: Element, sink: Sink) -> None:
    """Write a chart: the picture, then its caption."""
    svg = next(node for node in el if node.tag == "svg")
    width = float(svg.get("width") or 1)
    height = float(svg.get("height") or 1)
    cx = (sink.width - sink.indent) * EMU_PER_TWIP
    cy = round(cx * height / width)
    part = state.document.part
    inline_el = part.new_pic_inline(io.BytesIO(raster.png(svg)), cx, cy)
    number = state.next_chart()
    doc_pr = inline_el.docPr
    doc_pr.set("name", f"Chart {number}")
    title = " ".join("".join(svg.find("title").itertext()).split()) \
        if svg.find("title") is not None else ""
    desc = " ".join("".join(svg.find("desc").itertext()).split()) \
        if svg.find("desc") is not None else ""
    doc_pr.set("title", title)
    doc_pr.set("descr", desc)
    svg_part = Part(PackURI(f"/word/media/chart{number}.svg"), "image/svg+xml",
                    svg_bytes(svg), part.package)
    rid = part.relate_to(svg_part, RT.IMAGE)
    blip = inline_el.find(f".//{{{A}}}blip")
    ext_list = etree.SubElement(blip, f"{{{A}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{A}}}ext", uri=SVG_BLIP)
    svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(f"{{{R}}}embed", rid)
    caption = next((node for node in el if node.tag == "figcaption"), None)
    if caption is not None:  # above its chart, kept with it on the page
        pieces: list[Piece] = []
        inline(state, caption, pieces)
        state.paragraph(sink, "caption", pieces, el, keep_next=True)
    p = state.paragraph(sink, "Chart", [], None if caption is not None else el)
    run = element("w:r")
    drawing = element("w:drawing")
    drawing.append(inline_el)
    run.append(drawing)
    p.append(run)


def svg_bytes(svg: Element) -> bytes:
    """The drawing as a standalone SVG file, in the SVG namespace."""
    def copy(node: Element) -> etree._Element:
        made = etree.Element(f"{{{SVG}}}{node.tag}", nsmap={None: SVG} if node is svg else None)
        for name, value in sorted(node.attrib.items()):
            if name != "xmlns":
                made.set(CAMEL.get(name, name), value)
        made.text = node.text
        for child in node:
            if isinstance(child.tag, str):
                copied = copy(child)
                copied.tail = child.tail
                made.append(copied)
        return made

    return bytes(etree.tostring(copy(svg), xml_declaration=True, encoding="UTF-8"))

