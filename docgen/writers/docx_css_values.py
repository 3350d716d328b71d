"""CSS values as the Word writer reads them: lengths, colours, page sizes, font families.

In: the tokens tinycss2 makes of one declaration's value. Out: longhands for the
shorthands docgen's stylesheet uses (`margin: 25mm 22mm` is four margins), and a
`Declared` that reads a value as points, a colour, a page size, a line height or font
families — or fails with an error naming the file, line, rule and declaration, so a
house style with a value Word cannot take stops the build with a message, not a
traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import tinycss2
import tinycss2.color3

from docgen.errors import DocgenError

Node = Any
"""A tinycss2 component value (tinycss2 has no type hints)."""
POINTS = {"pt": 1.0, "px": 0.75, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4,
          "q": 18 / 25.4}
LENGTH = "a length (such as 25mm, 12pt or 1.5em)"
PAGE_SIZES = {"a5": (148, 210), "a4": (210, 297), "a3": (297, 420), "b5": (176, 250),
              "b4": (250, 353), "letter": (215.9, 279.4), "legal": (215.9, 355.6),
              "ledger": (279.4, 431.8)}
"""Portrait width and height in millimetres, as CSS Paged Media names them."""
SIDES = ("top", "right", "bottom", "left")
BOXES = {"margin": ("margin-", ""), "padding": ("padding-", ""),
         "border-width": ("border-", "-width"), "border-color": ("border-", "-color"),
         "border-style": ("border-", "-style")}
BORDER_STYLES = frozenset({"none", "hidden", "dotted", "dashed", "solid", "double", "groove",
                           "ridge", "inset", "outset"})
WIDTH_WORDS = {"thin": "0.75pt", "medium": "2.25pt", "thick": "3.75pt"}
FONT_SIZE_WORDS = frozenset({"xx-small", "x-small", "small", "medium", "large", "x-large",
                             "xx-large", "smaller", "larger"})
GENERIC = {"serif": "Times New Roman", "sans-serif": "Arial", "monospace": "Courier New"}
"""What Word shows for a generic family."""


def words(tokens: Sequence[Node]) -> list[Node]:
    """The value's component values, whitespace dropped."""
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _token(text: str) -> Node:
    return tinycss2.parse_one_component_value(text)


def longhands(name: str, parts: list[Node], tokens: list[Node]) -> list[tuple[str, list[Node]]]:
    """The longhand properties one declaration sets, each with its value."""
    if name in BOXES:
        prefix, suffix = BOXES[name]
        sides = {1: (0, 0, 0, 0), 2: (0, 1, 0, 1), 3: (0, 1, 2, 1), 4: (0, 1, 2, 3)}.get(
            len(parts))
        return [(f"{prefix}{side}{suffix}", [parts[i]] if sides else parts)
                for side, i in zip(SIDES, sides or (0, 0, 0, 0), strict=True)]
    if name == "border" or name in (f"border-{side}" for side in SIDES):
        sides_of = SIDES if name == "border" else (name[7:],)
        width, style, color = [_token("medium")], [_token("none")], [_token("currentcolor")]
        for part in parts:
            if part.type == "ident" and part.lower_value in BORDER_STYLES:
                style = [part]
            elif part.type in ("dimension", "number") or (
                    part.type == "ident" and part.lower_value in WIDTH_WORDS):
                width = [part]
            else:
                color = [part]
        return [(f"border-{side}-{key}", value) for side in sides_of
                for key, value in (("width", width), ("style", style), ("color", color))]
    if name == "font":
        return _font(parts, tokens)
    if name == "background":
        colors = [p for p in parts if tinycss2.color3.parse_color(p) is not None]
        return [("background-color", colors[-1:] or [_token("transparent")])]
    return [(name, parts)]


def _font(parts: list[Node], tokens: list[Node]) -> list[tuple[str, list[Node]]]:
    """`font: italic 9pt/1.2 "Liberation Serif"` as its longhands."""
    at = next((i for i, p in enumerate(parts) if p.type in ("dimension", "percentage") or (
        p.type == "ident" and p.lower_value in FONT_SIZE_WORDS)), None)
    if at is None:
        return [("font-size", parts)]
    style = [p for p in parts[:at] if p.type == "ident" and p.lower_value in ("italic",
                                                                              "oblique")]
    out = [("font-size", [parts[at]]), ("font-style", style or [_token("normal")])]
    rest = parts[at + 1:]
    if rest[:1] and rest[0].type == "literal" and rest[0].value == "/":
        out.append(("line-height", rest[1:2]))
        rest = rest[2:]
    else:
        out.append(("line-height", [_token("normal")]))
    start = tokens.index(rest[0]) if rest else len(tokens)
    return [*out, ("font-family", tokens[start:])]


@dataclass(frozen=True)
class Declared:
    """One declaration (one longhand of it): where it is written and what it says."""

    tokens: tuple[Node, ...]
    written: str
    """The declaration as written, e.g. "margin: 25mm 22mm", for messages."""
    rule: str
    """The rule's selector (or `@page wide`) as written."""
    where: str
    """"path:line:column" of the declaration."""
    important: bool = False

    @classmethod
    def of(cls, tokens: Sequence[Node]) -> Declared:
        """A declaration with no place in a file (an @font-face family, a default)."""
        return cls(tuple(words(tokens)), tinycss2.serialize(tokens), "", "")

    def fail(self, what: str) -> DocgenError:
        """The error for a value the Word writer cannot read as `what`."""
        return DocgenError(f"{self.where}: {self.rule} {{ {self.written} }}: the Word writer "
                           f"cannot read {self.text()!r} as {what}")

    def text(self) -> str:
        """The value as written, one space between its parts."""
        return " ".join(tinycss2.serialize([token]) for token in self.tokens)

    def _one(self, what: str) -> Node:
        if len(self.tokens) != 1:
            raise self.fail(what)
        return self.tokens[0]

    def points(self, em: float, percent: float | None = None) -> float:
        """The value in points; `em` is the font size an em is, `percent` what 100% is."""
        token = self._one(LENGTH)
        if token.type == "dimension" and token.lower_unit in POINTS:
            return float(token.value * POINTS[token.lower_unit])
        if token.type == "dimension" and token.lower_unit == "em":
            return float(token.value * em)
        if token.type == "percentage" and percent is not None:
            return float(token.value * percent / 100)
        if token.type == "number" and token.value == 0:
            return 0.0
        if token.type == "ident" and token.lower_value in WIDTH_WORDS:
            return float(_token(WIDTH_WORDS[token.lower_value]).value)
        raise self.fail(LENGTH)

    def width(self) -> tuple[float, str] | None:
        """A column width: (value, "%"), (value, "em"), (points, "pt"); None for auto."""
        token = self._one(LENGTH)
        if token.type == "ident" and token.lower_value == "auto":
            return None
        if token.type == "percentage":
            return float(token.value), "%"
        if token.type == "dimension" and token.lower_unit == "em":
            return float(token.value), "em"
        return self.points(em=0), "pt"

    def leading(self, size: float) -> float:
        """A line height in points, for text of `size` points."""
        token = self._one("a line height (such as 1.35 or 16pt)")
        if token.type == "number":
            return float(token.value * size)
        if token.type == "ident" and token.lower_value == "normal":
            return 1.15 * size  # Times New Roman's and Liberation Serif's own line
        return self.points(em=size, percent=size)

    def color(self) -> str:
        """The colour as Word writes it: "B00020"."""
        found = tinycss2.color3.parse_color(self._one("a colour"))
        if found is None or isinstance(found, str):
            raise self.fail("a colour (such as #b00020)")
        return "".join(f"{round(channel * 255):02X}" for channel in found[:3])

    def page_size(self) -> tuple[float, float]:
        """`size` of an `@page`: (width, height) in points."""
        what = "a page size (such as A4, A4 landscape or 210mm 297mm)"
        named = [t for t in self.tokens if t.type == "ident"]
        lengths = [t for t in self.tokens if t.type != "ident"]
        size: tuple[float, float] = tuple(  # type: ignore[assignment]
            x * POINTS["mm"] for x in PAGE_SIZES["a4"])
        turn = None
        for token in named:
            if token.lower_value in PAGE_SIZES:
                size = tuple(x * POINTS["mm"] for x in  # type: ignore[assignment]
                             PAGE_SIZES[token.lower_value])
            elif token.lower_value in ("landscape", "portrait"):
                turn = token.lower_value
            elif token.lower_value != "auto" or len(self.tokens) > 1:
                raise self.fail(what)
        if lengths:
            if named or len(lengths) > 2:
                raise self.fail(what)
            each = [Declared((t,), self.written, self.rule, self.where).points(em=12)
                    for t in lengths]
            size = (each[0], each[-1])
        if turn is not None and (size[0] > size[1]) != (turn == "landscape"):
            size = (size[1], size[0])
        return size

    def families(self) -> list[str]:
        """The font families, in order; a generic one as the font Word shows for it."""
        out: list[str] = []
        name: list[str] = []
        for token in [*self.tokens, None]:
            if token is None or (token.type == "literal" and token.value == ","):
                if name:
                    out.append(GENERIC.get(" ".join(name).lower(), " ".join(name)))
                name = []
            elif token.type in ("string", "ident"):
                name.append(token.value)
            elif token.type != "whitespace":
                raise self.fail("font families (such as \"Liberation Serif\", serif)")
        return out
