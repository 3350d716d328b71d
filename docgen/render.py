"""The one Jinja environment: a document context in, semantic HTML out.

Every template is autoescaped whatever its suffix, and an undefined variable is an
error, not an empty string. Filters format figures, money and dates by the
document's locale; counters number paragraphs, sections and annexes as they are
rendered, and collect the headings the contents list shows.
"""

from __future__ import annotations

import contextlib
import os
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context

from docgen import formatting
from docgen.context import DocumentContext

TEMPLATES = Path(__file__).resolve().parent / "templates"
DOCUMENTS = {"framework": "framework.html.j2", "minutes": "minutes.html.j2"}
ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """Write a positive number in Roman numerals: 4 -> IV."""
    out = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out


def letter(number: int) -> str:
    """Write 1 -> A, 26 -> Z, 27 -> AA: annex letters."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = string.ascii_uppercase[rest] + out
    return out


@dataclass
class Numbering:
    """Counters a template advances as it renders, and the headings it has seen."""

    counts: dict[str, int] = field(default_factory=dict)
    headings: list[tuple[str, str, str]] = field(default_factory=list)

    def next(self, name: str) -> int:
        """Advance counter `name` and return its new value."""
        self.counts[name] = self.counts.get(name, 0) + 1
        return self.counts[name]

    def heading(self, anchor: str, label: str, title: str) -> str:
        """Record a heading for the contents list and return its anchor."""
        self.headings.append((anchor, label, title))
        return anchor


def capitalize_first(text: str) -> str:
    """Capitalise the first letter only: "the Government of X" -> "The Government of X"."""
    return text[:1].upper() + text[1:]


def _locale(context: Context) -> str:
    return str(context["locale"])


@pass_context
def _money(context: Context, value: float, currency: str) -> str:
    return formatting.money(value, currency, _locale(context))


@pass_context
def _quantity(context: Context, value: float, unit: str | None = None,
              currency: str | None = None) -> str:
    return formatting.quantity(value, unit, currency, _locale(context))


@pass_context
def _figure(context: Context, value: float) -> str:
    return formatting.figure(value, _locale(context))


@pass_context
def _long_date(context: Context, value: Any) -> str:
    return formatting.long_date(value, _locale(context))


@pass_context
def _short_date(context: Context, value: Any) -> str:
    return formatting.short_date(value, _locale(context))


@pass_context
def _date_span(context: Context, start: Any, end: Any) -> str:
    return formatting.date_span(start, end, _locale(context))


@pass_context
def _language(context: Context, code: str) -> str:
    return formatting.language_name(code, _locale(context))


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder (compiling costs ~0.3 s a build).

    Jinja checks each entry against the template's source and its own version. Only
    docgen's own templates use it: a sandboxed environment compiles differently. A cache
    that cannot be read or written is skipped, never an error.
    """

    def __init__(self) -> None:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "docgen" / "jinja"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def environment(templates: Path = TEMPLATES) -> Environment:
    """Return the Jinja environment for a templates folder (built once per folder).

    docgen's own folder gets a plain environment. Any other folder is a user's: its
    templates run sandboxed and limited (docgen.sandbox), and a template it lacks is
    taken from docgen's own folder, so a house style may replace only what it changes.
    """
    options: dict[str, Any] = {"autoescape": True, "undefined": StrictUndefined,
                               "trim_blocks": True, "lstrip_blocks": True,
                               "keep_trailing_newline": True}
    filters = {"money": _money, "quantity": _quantity, "figure": _figure,
               "long_date": _long_date, "short_date": _short_date, "date_span": _date_span,
               "language": _language, "roman": roman, "letter": letter,
               "capitalize_first": capitalize_first}
    if is_docgen_folder(templates):
        env = Environment(loader=FileSystemLoader(str(templates)),
                          bytecode_cache=_BytecodeCache(), **options)
        env.filters.update(filters)
        return env
    from docgen.sandbox import ConfinedLoader, UserEnvironment

    user = UserEnvironment(loader=ChoiceLoader([ConfinedLoader(str(templates)),
                                                FileSystemLoader(str(TEMPLATES))]), **options)
    user.filters.update(filters)
    user.guard_filters()
    return user


def is_docgen_folder(templates: Path) -> bool:
    """True for docgen's own templates folder (trusted), False for a user's."""
    return templates.resolve() == TEMPLATES.resolve()


def render_html(document: str, context: DocumentContext,
                templates: Path = TEMPLATES) -> str:
    """Render one document ("framework" or "minutes") to semantic HTML."""
    language = context.spec.document.languages[0]
    variables = {**context.as_template_vars(), "numbers": Numbering(),
                 "locale": formatting.locale_for(language), "language": language}
    env = environment(templates)
    if is_docgen_folder(templates):
        return env.get_template(DOCUMENTS[document]).render(**variables)
    from docgen.sandbox import TemplateFailed, describe, render_limited, where

    try:
        return render_limited(env.get_template(DOCUMENTS[document]), variables)
    except Exception as error:  # a user's template failing is the user's error, not a bug
        place = where(error, [templates, TEMPLATES]) or str(templates / DOCUMENTS[document])
        raise TemplateFailed(f"the template {place} cannot be rendered: {describe(error)}") \
            from None
