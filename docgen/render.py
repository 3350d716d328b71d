"""The one Jinja environment: a document context in, semantic HTML out.

Every template is autoescaped whatever its suffix, and an undefined variable is an
error, not an empty string. Filters format figures, money and dates by the
document's locale. The templates get the document's outline (docgen.outline), which
numbers and keys every block: nothing is counted while rendering.
"""

from __future__ import annotations

import contextlib
import hashlib
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

from docgen import formatting, i18n
from docgen.context import DocumentContext
from docgen.model.negotiation import Negotiated, OpenFigure
from docgen.model.values import Figure
from docgen.outline import build_outline
from docgen.paths import TEMPLATES, cache_folder, template_of
from docgen.typography import typographic


def capitalize_first(text: str) -> str:
    """Capitalise the first letter only: "the Government of X" -> "The Government of X"."""
    return text[:1].upper() + text[1:]


def _locale(context: Context) -> str:
    return str(context["locale"])


@pass_context
def _money(context: Context, value: Figure, currency: str) -> str:
    return formatting.money(value, currency, _locale(context))


@pass_context
def _quantity(context: Context, value: Figure, unit: str | None = None,
              currency: str | None = None) -> str:
    if isinstance(value, OpenFigure):  # each side's figure, printed as a negotiated text
        return Negotiated(value.status, tuple(
            (side, formatting.quantity(figure, unit, currency, _locale(context)))
            for side, figure in value.proposals))
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
def _year(context: Context, value: Any) -> str:
    return formatting.year(value, _locale(context))


@pass_context
def _date_span(context: Context, start: Any, end: Any) -> str:
    return formatting.date_span(start, end, _locale(context))


@pass_context
def _language(context: Context, code: str) -> str:
    return formatting.language_name(code, _locale(context))


NEGOTIATION = "_negotiation.html.j2"
"""The template whose macros print a point under negotiation (`open`, `ad_referendum`)."""


def _negotiation_macros(context: Context) -> Any:
    """The module of NEGOTIATION for this render's language, made once per language."""
    made: dict[str, Any] = context.environment.__dict__.setdefault("_negotiation_modules", {})
    language = str(context.get("language", ""))
    if language not in made:
        names = ("translations", "locale", "language", "direction")
        made[language] = context.environment.get_template(NEGOTIATION).make_module(
            {name: context[name] for name in names if name in context})
    return made[language]


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Every printed value: the spec's text with typographic apostrophes and quotes; a
    point under negotiation in brackets or marked ad referendum (NEGOTIATION)."""
    if isinstance(value, Negotiated):
        macros = _negotiation_macros(context)
        return macros.open(value) if value.is_open else macros.ad_referendum(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return typographic(value, context.get("language", ""))
    return value


@pass_context
def _number_words(context: Context, value: int, case: str = "") -> str:
    return formatting.number_words(value, _locale(context), case)


@pass_context
def _join_list(context: Context, items: Iterable[Any], style: formatting.ListStyle = "standard",
               ) -> Markup:
    """Join items (text, or markup such as a macro's output) as the language lists them.

    The list's own words come from Babel; each item is printed as any value is (text
    made typographic, then escaped) unless it is already markup, so `<strong>` in an
    item stays bold and `&` in a name stays text.
    """
    pieces = [escape(_finalize(context, item)) for item in items]
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

    def __init__(self, options: dict[str, Any]) -> None:
        folder = cache_folder() / "jinja"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        # Compiled code depends on the environment's options (a `finalize` is compiled
        # in), which Jinja's own check, the template's source, does not cover.
        marker = hashlib.sha256(repr(sorted(
            (key, getattr(value, "__qualname__", value)) for key, value in options.items()
        )).encode()).hexdigest()[:16]
        super().__init__(str(folder), pattern=f"__jinja2_%s.{marker}.cache")

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
                               "keep_trailing_newline": True, "finalize": _finalize,
                               "extensions": ["jinja2.ext.i18n"]}
    filters = {"money": _money, "quantity": _quantity, "figure": _figure,
               "long_date": _long_date, "short_date": _short_date, "date_span": _date_span,
               "language": _language, "capitalize_first": capitalize_first}
    filters.update(number_words=_number_words, join_list=_join_list, year=_year)
    if is_docgen_folder(templates):
        env = Environment(loader=FileSystemLoader(str(templates)),
                          bytecode_cache=_BytecodeCache(options), **options)
        env.filters.update(filters)
        i18n.install(env, _finalize)
        return env
    from docgen.sandbox import ConfinedLoader, UserEnvironment

    user = UserEnvironment(loader=ChoiceLoader([ConfinedLoader(str(templates)),
                                                FileSystemLoader(str(TEMPLATES))]), **options)
    user.filters.update(filters)
    i18n.install(user, _finalize)
    user.guard_filters()
    return user


def is_docgen_folder(templates: Path) -> bool:
    """True for docgen's own templates folder (trusted), False for a user's."""
    return templates.resolve() == TEMPLATES.resolve()


def render_html(document: str, context: DocumentContext,
                templates: Path = TEMPLATES) -> str:
    """Render one document ("framework" or "minutes") to semantic HTML."""
    language = context.language or context.spec.document.languages[0]
    variables = {**context.as_template_vars(), "outline": build_outline(document, context),
                 "locale": formatting.locale_for(language), "language": language,
                 "translations": i18n.translations(language),
                 "direction": formatting.direction(language)}
    env = environment(templates)
    if is_docgen_folder(templates):
        return env.get_template(template_of(document)).render(**variables)
    from docgen.sandbox import TemplateFailed, describe, render_limited, where

    try:
        return render_limited(env.get_template(template_of(document)), variables)
    except Exception as error:  # a user's template failing is the user's error, not a bug
        place = where(error, [templates, TEMPLATES]) or str(templates / template_of(document))
        raise TemplateFailed(f"the template {place} cannot be rendered: {describe(error)}") \
            from None
