"""The one Jinja environment: a document context in, semantic HTML out.

Every template is autoescaped whatever its suffix, and an undefined variable is an
error, not an empty string. Filters format figures, money and dates by the
document's locale. The templates get the document's outline (docgen.outline), which
numbers and keys every block: nothing is counted while rendering.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
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
from markupsafe import Markup, escape

from docgen import formatting
from docgen.context import DocumentContext
from docgen.outline import build_outline
from docgen.paths import DOCUMENTS, TEMPLATES, cache_folder


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


@pass_context
def _number_words(context: Context, value: int) -> str:
    return formatting.number_words(value, _locale(context))


@pass_context
def _join_list(context: Context, items: Iterable[Any], style: formatting.ListStyle = "standard",
               ) -> Markup:
    """Join items (text, or markup such as a macro's output) as the language lists them.

    The list's own words come from Babel; each item is escaped unless it is already
    markup, so `<strong>` in an item stays bold and `&` in a name stays text.
    """
    pieces = [escape(item) for item in items]
    slots = [f"\x00{n}\x00" for n in range(len(pieces))]
    joined = str(escape(formatting.join_list(slots, _locale(context), style)))
    for slot, piece in zip(slots, pieces, strict=True):
        joined = joined.replace(slot, str(piece))
    return Markup(joined)


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache folder (compiling costs ~0.3 s a build).

    Jinja checks each entry against the template's source and its own version. Only
    docgen's own templates use it: a sandboxed environment compiles differently. A cache
    that cannot be read or written is skipped, never an error.
    """

    def __init__(self) -> None:
        folder = cache_folder() / "jinja"
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
               "language": _language, "capitalize_first": capitalize_first}
    filters.update(number_words=_number_words, join_list=_join_list)
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
    variables = {**context.as_template_vars(), "outline": build_outline(document, context),
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
