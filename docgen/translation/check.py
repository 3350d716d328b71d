"""Read a spec's translation files and say what is missing, stale or unknown, where.

In: the checked spec, where its texts stand (`Located`), whether the build is final.
Out: per language, the translations to print (keyed by the text's path in the spec)
and the diagnostics:

- DG620 a language of the spec has no translation file (its documents are not built);
- DG621 a text has no translation (at the text, in the spec);
- DG622 a translation's source is no longer the spec's text (the spec changed since);
- DG623 a translation of a text that no longer exists;
- DG624 a translation file that is not a mapping of the expected shape;
- DG625 a language docgen has no wording of its own for (its sentences stay English);
- DG601/DG606 binding words in a non-binding translation, soft ones in a binding one,
  by the translation's own language (docgen/data/binding-words.json).

All are warnings in a draft; a final allows none of them. A draft prints the source
text where a translation is missing or stale, so it never says something the spec no
longer says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.diagnostics import Diagnostic, KeyPath, Severity
from docgen.i18n import has_catalogue
from docgen.load import LoadFailed, Located, load_file
from docgen.model import Spec
from docgen.translation.keys import Printed, closest, printed_texts

FOLDER = "translations"


def translation_path(spec_path: Path, language: str) -> Path:
    """Where a spec's translation into `language` lives: `<stem>/translations/<lang>.yaml`."""
    return spec_path.parent / spec_path.stem / FOLDER / f"{language}.yaml"


@dataclass
class Translations:
    """What a spec's translation files give: per language, the texts to print."""

    source_language: str
    texts: dict[str, dict[KeyPath, str]] = field(default_factory=dict)
    """Per built language other than the source, each good translation by its path."""
    raw: dict[str, bytes] = field(default_factory=dict)
    """Each translation file's bytes, per language (what a build's key covers)."""

    @property
    def languages(self) -> list[str]:
        """The languages a build writes: the source language, then every translated one."""
        return [self.source_language, *self.texts]


def check_translations(spec: Spec, located: Located, spec_path: Path, *, final: bool,
                       ) -> tuple[Translations, list[Diagnostic]]:
    """Read every translation file of the spec's languages and check it against the spec."""
    languages = spec.document.languages
    found = Translations(languages[0])
    problems: list[Diagnostic] = []
    severity: Severity = "error" if final else "warning"
    printed = printed_texts(spec)
    for position, language in enumerate(languages[1:], start=1):
        where = located.position(("document", "languages", position))
        path = translation_path(spec_path, language)
        if not has_catalogue(language):
            problems.append(Diagnostic(
                located.file, *where, "DG625",
                f"docgen has no wording of its own in '{language}': its documents would "
                "write docgen's sentences in English", severity,
                "add a catalogue docgen/locale/<lang>/LC_MESSAGES/docgen.po (see the README, "
                "Languages), or remove the language", ("document", "languages", position)))
        if not path.is_file():
            problems.append(Diagnostic(
                located.file, *where, "DG620",
                f"no translation file for '{language}' ({path}): its documents are not built",
                severity, f"write one with: docgen translations export {spec_path} --lang "
                f"{language}, then docgen translations import",
                ("document", "languages", position)))
            continue
        texts, file_problems = _read(path, language, printed, located, severity)
        problems += file_problems + _wording(spec, language, texts, path, severity)
        found.texts[language] = texts
        found.raw[language] = path.read_bytes()
    return found, problems


def _read(path: Path, language: str, printed: list[Printed], spec: Located,
          severity: Severity) -> tuple[dict[KeyPath, str], list[Diagnostic]]:
    try:
        located = load_file(path)
    except LoadFailed as failed:
        return {}, failed.diagnostics
    shape = _shape(located, language)
    if shape:
        return {}, shape
    entries: dict[str, Any] = located.data.get("texts") or {}
    by_key = {text.key: text for text in printed}
    texts: dict[KeyPath, str] = {}
    problems: list[Diagnostic] = []
    for key, entry in entries.items():
        at = located.position(("texts", key), key=True)
        text = by_key.get(key)
        if text is None:
            hint = closest(key, list(by_key))
            problems.append(Diagnostic(
                located.file, *at, "DG623", f"'{key}' translates a text the spec no longer has",
                severity, f"did you mean '{hint}'?" if hint else
                "remove the entry (docgen translations import drops it too)", ("texts", key)))
        elif entry["source"] != text.text:
            problems.append(Diagnostic(
                located.file, *located.position(("texts", key, "source")), "DG622",
                f"the text at '{key}' changed since it was translated; the draft prints the "
                "source text there", severity,
                "translate the new text and update `source` (docgen translations export "
                "marks it for the translator)", ("texts", key, "source")))
        else:
            texts[text.path] = entry["text"]
    translated = set(entries)
    for text in printed:
        if text.key not in translated:
            problems.append(Diagnostic(
                spec.file, *(spec.position(text.path)), "DG621",
                f"no '{language}' translation of this text ({text.key})", severity,
                f"add it to {path} under texts: '{text.key}'", text.path))
    return texts, problems


def _wording(spec: Spec, language: str, texts: dict[KeyPath, str], path: Path,
             severity: Severity) -> list[Diagnostic]:
    """DG601 and DG606 in a translation: the binding words of its own language.

    A non-binding document's translated prose must not bind; a binding one's operative
    text must not use soft words; as the spec's own text is checked (docgen.rules).
    """
    from docgen.rules.language import operative, word_lists
    from docgen.rules.wording import texts as spec_texts

    binding_words, soft_words = word_lists(language)
    if not (binding_words or soft_words):
        return []
    keys = {text.path: text.key for text in printed_texts(spec)}
    located: Located | None = None
    found = []
    for where, _, prose in spec_texts(spec):
        translated = texts.get(where)
        if translated is None or not prose:
            continue
        binding = spec.document.binding
        if binding and not operative(where, prose):
            continue
        for pattern, instead in (soft_words if binding else binding_words):
            for word in dict.fromkeys(m.group() for m in pattern.finditer(translated)):
                located = located or load_file(path)
                at = ("texts", keys[where], "text")
                line, column = located.find(at, word) or located.position(at)
                kind = "non-binding" if binding else "binding"
                other = "binding" if binding else "non-binding"
                found.append(Diagnostic(
                    str(path), line, column, "DG606" if binding else "DG601",
                    f"the {kind} word '{word}' in a {other} document ({language})",
                    severity, f"write {instead} instead", at))
    return found


def _shape(located: Located, language: str) -> list[Diagnostic]:
    """A translation file must say its language and map keys to {source, text}."""
    data = located.data

    def problem(path: KeyPath, message: str, hint: str) -> list[Diagnostic]:
        return [Diagnostic(located.file, *located.position(path), "DG624", message,
                           "error", hint, path)]

    if not isinstance(data, dict) or set(data) - {"language", "translation_of", "texts"}:
        return problem((), "a translation file holds `language`, `translation_of` and `texts`",
                       "start from docgen translations export and import")
    if data.get("language") != language:
        return problem(("language",), f"this file is named for '{language}' but says "
                       f"language: {data.get('language')!r}", f"write language: {language}")
    texts = data.get("texts")
    if texts is None:
        return []
    if not isinstance(texts, dict):
        return problem(("texts",), "`texts` must map each key to its source and text",
                       "write key: {source: …, text: …}")
    for key, entry in texts.items():
        if not (isinstance(entry, dict) and set(entry) == {"source", "text"}
                and all(isinstance(v, str) and v.strip() for v in entry.values())):
            return problem(("texts", key), f"'{key}' must give `source` and `text`, both text",
                           "write source: the spec's text, text: its translation")
    return []
