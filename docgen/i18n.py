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
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from docgen.paths import PACKAGE

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


@pass_context
def _gettext(context: Context, message: str) -> str:
    return _current(context).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, number: int) -> str:
    return _current(context).ngettext(singular, plural, number)


@pass_context
def _pgettext(context: Context, where: str, message: str) -> str:
    return _current(context).pgettext(where, message)


@pass_context
def _npgettext(context: Context, where: str, singular: str, plural: str, number: int) -> str:
    return _current(context).npgettext(where, singular, plural, number)


def install(environment: Any) -> None:
    """Give an environment with the i18n extension the render's own catalogue."""
    environment.install_gettext_callables(  # added by jinja2.ext.i18n
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext)
