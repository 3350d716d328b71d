"""Rectangles a PDF page paints, read from its content streams (forms followed), with
their fill colour and their place on the page: what a reader sees of a chart's bars."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Box(NamedTuple):
    """A filled rectangle: page number (1-based), fill (r, g, b), x, y, width, height (pt)."""

    page: int
    fill: tuple[float, ...]
    x: float
    y: float
    width: float
    height: float


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def filled_boxes(path: Path) -> list[Box]:
    """Every rectangle a PDF fills, page by page, in painting order."""
    reader = PdfReader(path)
    out: list[Box] = []
    for number, page in enumerate(reader.pages, start=1):
        _paint(reader, page.get_contents(), page.get("/Resources"), IDENTITY, page=number,
               out=out)
    return out


def _paint(reader: PdfReader, contents: object, resources: object, ctm: Matrix, *,
           page: int, out: list[Box]) -> None:
    stack: list[tuple[Matrix, tuple[float, ...]]] = []
    fill: tuple[float, ...] = (0.0, 0.0, 0.0)
    pending: list[tuple[float, float, float, float]] = []
    for operands, op in ContentStream(contents, reader).operations:
        if op == b"q":
            stack.append((ctm, fill))
        elif op == b"Q" and stack:
            ctm, fill = stack.pop()
        elif op == b"cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op == b"rg":
            fill = tuple(round(float(v), 3) for v in operands)
        elif op == b"g":
            fill = (round(float(operands[0]), 3),) * 3
        elif op == b"re":
            pending.append(tuple(float(v) for v in operands))  # type: ignore[arg-type]
        elif op in (b"f", b"F", b"f*", b"B", b"B*"):
            for x, y, w, h in pending:
                a, _, _, d, e, f = ctm
                out.append(Box(page, fill, round(a * x + e, 2), round(d * y + f, 2),
                               round(a * w, 2), round(d * h, 2)))
            pending = []
        elif op in (b"n", b"S", b"s"):
            pending = []
        elif op == b"Do" and resources is not None:
            xobject = resources.get_object().get("/XObject")  # type: ignore[attr-defined]
            form = xobject.get_object()[operands[0]].get_object() if xobject else None
            if form is not None and form.get("/Subtype") == "/Form":
                matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))
                _paint(reader, form, form.get("/Resources", resources),
                       _times(matrix, ctm), page=page, out=out)  # type: ignore[arg-type]
