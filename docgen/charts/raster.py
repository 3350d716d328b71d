"""A PNG of a chart's SVG, for Word readers that cannot show SVG (Word before 2016).

In: the SVG docgen.charts' template drew (an lxml element of the small vocabulary that
template uses: rect, line, polyline, path of M/l/z, circle, text, title, desc). Out:
PNG bytes drawn with Pillow at SCALE pixels a unit, supersampled so edges are smooth,
text set with Raqm in the faces the SVG names (docgen's own fonts), so Urdu joins and
runs right to left. Same input, same bytes. Anything outside that vocabulary is an error:
the PNG must show what the SVG shows.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from docgen.errors import DocgenError
from docgen.paths import TEMPLATES

SCALE = 3.0
"""Pixels per chart unit in the PNG: 680 units -> 2,040 px, about 300 dpi across an A4
page's text."""
SUPERSAMPLE = 2
FONTS = TEMPLATES / "assets" / "fonts"
FACES = {("serif", False, False): "LiberationSerif-Regular.ttf",
         ("serif", True, False): "LiberationSerif-Bold.ttf",
         ("serif", False, True): "LiberationSerif-Italic.ttf",
         ("serif", True, True): "LiberationSerif-BoldItalic.ttf",
         ("arabic", False, False): "NotoNaskhArabic-Regular.ttf",
         ("arabic", True, False): "NotoNaskhArabic-Bold.ttf"}
"""The faces the charts' `font-family` names, by script, weight and slant."""
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
IGNORED = frozenset({"title", "desc"})
PATH = re.compile(r"([MLlmzZ])\s*([-\d.\s,]*)")
INHERITED = ("font-size", "font-weight", "font-style", "text-anchor")


def png(svg: object) -> bytes:
    """Draw an SVG element (lxml) as PNG bytes."""
    width = float(_attr(svg, "width"))
    height = float(_attr(svg, "height"))
    factor = SCALE * SUPERSAMPLE
    image = Image.new("RGB", (math.ceil(width * factor), math.ceil(height * factor)), "white")
    draw = ImageDraw.Draw(image)
    inherited = {name: svg.get(name) for name in INHERITED if svg.get(name)}  # type: ignore[attr-defined]
    for node in svg:  # type: ignore[attr-defined]
        if isinstance(node.tag, str):
            _draw(draw, node, factor, inherited)
    final = image.resize((math.ceil(width * SCALE), math.ceil(height * SCALE)),
                         Image.Resampling.LANCZOS)
    out = io.BytesIO()
    final.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _tag(node: object) -> str:
    return str(node.tag).rsplit("}", 1)[-1].lower()  # type: ignore[attr-defined]


def _attr(node: object, name: str, default: str | None = None) -> str:
    value = node.get(name, node.get(name.lower(), default))  # type: ignore[attr-defined]
    if value is None:
        raise DocgenError(f"a chart's <{_tag(node)}> has no {name}")
    return str(value)


def _num(node: object, name: str, default: str = "0") -> float:
    return float(_attr(node, name, default))


def _draw(draw: ImageDraw.ImageDraw, node: object, f: float, inherited: dict[str, str]) -> None:
    tag = _tag(node)
    if tag in IGNORED:
        return
    fill, stroke = _colour(node.get("fill")), _colour(node.get("stroke"))  # type: ignore[attr-defined]
    width = max(_num(node, "stroke-width", "1") * f, 1.0)
    dash = [float(v) * f for v in (node.get("stroke-dasharray") or "").replace(",", " ").split()]  # type: ignore[attr-defined]
    if tag == "rect":
        x, y = _num(node, "x") * f, _num(node, "y") * f
        w, h = _num(node, "width") * f, _num(node, "height") * f
        if fill:
            draw.rectangle((x, y, x + w, y + h), fill=fill)
        if stroke:
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
            _polyline(draw, corners, stroke, width, dash)
    elif tag == "line":
        points = [(_num(node, "x1") * f, _num(node, "y1") * f),
                  (_num(node, "x2") * f, _num(node, "y2") * f)]
        _polyline(draw, points, stroke or "black", width, dash)
    elif tag == "polyline":
        values = [float(v) for v in _attr(node, "points").replace(",", " ").split()]
        points = [(values[i] * f, values[i + 1] * f) for i in range(0, len(values) - 1, 2)]
        _polyline(draw, points, stroke or "black", width, dash)
    elif tag == "path":
        points = _path(_attr(node, "d"), f)
        if fill:
            draw.polygon(points, fill=fill)
        if stroke:
            _polyline(draw, [*points, points[0]], stroke, width, dash)
    elif tag == "circle":
        cx, cy, r = _num(node, "cx") * f, _num(node, "cy") * f, _num(node, "r") * f
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=stroke,
                     width=round(width) if stroke else 0)
    elif tag == "text":
        _text(draw, node, f, inherited)
    else:
        raise DocgenError(f"a chart may not hold <{tag}>: docgen.charts.raster cannot draw it")


def _text(draw: ImageDraw.ImageDraw, node: object, f: float, inherited: dict[str, str]) -> None:
    text = "".join(node.itertext())  # type: ignore[attr-defined]
    if not text.strip():
        return
    style = {**inherited, **{n: node.get(n) for n in INHERITED if node.get(n)}}  # type: ignore[attr-defined]
    script = "arabic" if ARABIC.search(text) else "serif"
    bold = style.get("font-weight") == "bold"
    italic = style.get("font-style") == "italic" and script == "serif"
    font = _font(script, bold, italic, round(float(style.get("font-size", "9")) * f))
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[style.get("text-anchor", "start")]
    draw.text((_num(node, "x") * f, _num(node, "y") * f), text, fill="black", font=font,
              anchor=anchor)


@cache
def _font(script: str, bold: bool, italic: bool, size: int) -> ImageFont.FreeTypeFont:
    name = FACES.get((script, bold, italic)) or FACES[(script, bold, False)]
    path: Path = FONTS / name
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _path(d: str, f: float) -> list[tuple[float, float]]:
    """The corners of a path of absolute M and relative l steps (z closes it)."""
    points: list[tuple[float, float]] = []
    x = y = 0.0
    for command, args in PATH.findall(d):
        values = [float(v) for v in args.replace(",", " ").split()]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        for dx, dy in pairs:
            if command in "ML":
                x, y = dx, dy
            else:
                x, y = x + dx, y + dy
            points.append((x * f, y * f))
    return points


def _polyline(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], colour: str,
              width: float, dash: list[float]) -> None:
    if not dash:
        draw.line(points, fill=colour, width=round(width), joint="curve")
        return
    pattern = dash if len(dash) % 2 == 0 else dash * 2
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        at, index = 0.0, 0
        while at < length:
            step = min(pattern[index % len(pattern)], length - at)
            if index % 2 == 0:
                a, b = at / length, (at + step) / length
                draw.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                           (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
                          fill=colour, width=round(width))
            at += step
            index += 1


def _colour(value: str | None) -> str | None:
    return None if value in (None, "none") else value
