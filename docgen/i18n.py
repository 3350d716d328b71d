"""The templates' own words in each language: Babel message catalogues, read once.

Every sentence a template writes is a gettext message (Jinja's i18n extension, new
style: `_("… %(name)s …", name=…)`, `ngettext`, `pgettext`). English is the
source language: its sentences are the message ids. The other languages' catalogues
live in `docgen/locale/<lang>/LC_MESSAGES/docgen.po` (edited by translators) and
`.mo` (compiled by `pybabel compile`, see `./dev catalogs`). The translations in use
are a variable of the render (`translations`), not of the environment, so one
compiled template serves every language.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.paths import PACKAGE

if TYPE_CHECKING:
    from jinja2.runtime import Context

LOCALES = PACKAGE / "locale"
"""docgen's catalogues: `<lang>/LC_MESSAGES/docgen.po` and `.mo`."""
DOMAIN = "docgen"
SOURCE_LANGUAGE = "en"
"""The language the templates are written in: its messages need no catalogue."""


def catalogue_path(language: str, suffix: str = ".mo") -> Path:
    """Return where a language's catalogue is (whether or not it exists)."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    """Return a language's compiled catalogue, its base language's (`ur` for `ur-PK`), or none.

    English, and a language docgen has no catalogue for, get the source sentences
    (`NullTranslations`); `docgen validate` warns about the second (DG612).
    """
    for candidate in _candidates(language):
        path = catalogue_path(candidate)
        if candidate != SOURCE_LANGUAGE and path.is_file():
            with path.open("rb") as handle:
                return gettext_module.GNUTranslations(handle)
    return gettext_module.NullTranslations()


def has_catalogue(language: str) -> bool:
    """True if docgen ships its own wording in this language (English always)."""
    return any(c == SOURCE_LANGUAGE or catalogue_path(c).is_file()
               for c in _candidates(language))


def _candidates(language: str) -> list[str]:
    parts = language.replace("_", "-").split("-")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def _current(context: Context) -> gettext_module.NullTranslations:
    found = context.get("translations")
    return found if isinstance(found, gettext_module.NullTranslations) else translations("en")


Prepare = Callable[["Context", Any], Any]


def _filled(context: Context, message: str, variables: dict[str, Any], prepare: Prepare) -> str:
    """A translated message with its placeholders filled, each value printed as any is.

    Like Jinja's own new-style gettext (the message is markup, the values escaped),
    except that each value first goes through `prepare`, the environment's finalize,
    so a name substituted into a sentence gets the same typography as one printed alone.
    """
    from markupsafe import Markup

    filled = {name: prepare(context, value) for name, value in variables.items()}
    if context.eval_ctx.autoescape:
        return Markup(message) % filled
    return message % filled


def install(environment: Any, prepare: Prepare) -> None:
    """Give an environment with the i18n extension the render's own catalogue (new style)."""
    from jinja2 import pass_context  # here: `docgen validate` imports this module, not Jinja

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        return _filled(context, _current(context).gettext(message), variables, prepare)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, number: int,
                 **variables: Any) -> str:
        variables.setdefault("num", number)
        return _filled(context, _current(context).ngettext(singular, plural, number),
                       variables, prepare)

    @pass_context
    def pgettext(context: Context, where: str, message: str, **variables: Any) -> str:
        return _filled(context, _current(context).pgettext(where, message), variables, prepare)

    @pass_context
    def npgettext(context: Context, where: str, singular: str, plural: str, number: int,
                  **variables: Any) -> str:
        variables.setdefault("num", number)
        return _filled(context, _current(context).npgettext(where, singular, plural, number),
                       variables, prepare)

    environment.newstyle_gettext = True  # `{% trans %}` blocks compile to the same calls
    environment.globals.update(gettext=gettext, ngettext=ngettext, pgettext=pgettext,
                               npgettext=npgettext)
