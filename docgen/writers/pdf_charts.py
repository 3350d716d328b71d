"""Charts in a right-to-left PDF: each chart's SVG swapped for the PNG drawn from it.

In: WeasyPrint's element tree of a document in a right-to-left language. Out: the same
tree, each `figure.chart` holding an `img` (a data: URL of docgen.charts.raster's PNG,
300 dpi across the page, its `alt` the chart's title and description) instead of its
`svg`. Why: WeasyPrint 70 lays an SVG `text` out one letter at a time, so Urdu letters
come out unjoined and in reverse order; the PNG is set with Raqm, which joins and orders
them. Left-to-right editions keep the vector SVG; the HTML and Word files keep it in
every language (Word's own PNG fallback is this same drawing).
"""

from __future__ import annotations

import base64
from typing import Any

from docgen.charts import raster

SVG = "{http://www.w3.org/2000/svg}svg"
XHTML_IMG = "img"


def rasterize_charts(root: Any) -> None:
    """Replace the SVG of every chart figure under `root` by an `img` of its PNG."""
    for figure in root.iter("figure"):
        if "chart" not in (figure.get("class") or "").split():
            continue
        for index, svg in enumerate(list(figure)):
            if svg.tag != SVG:
                continue
            words = [" ".join("".join(node.itertext()).split()) for node in svg
                     if str(node.tag).rsplit("}", 1)[-1] in ("title", "desc")]
            image = figure.makeelement(XHTML_IMG, {
                "src": "data:image/png;base64," + base64.b64encode(raster.png(svg)).decode(),
                "alt": " ".join(words), "class": "chart-drawing",
                "width": svg.get("width") or "", "height": svg.get("height") or ""})
            image.tail = svg.tail
            figure.remove(svg)
            figure.insert(index, image)
