"""Pseudo-translations for the language bench: every printed text of a spec, in a script.

    python bench/bench_languages.py SPEC [LANG ...]     (default: ur kk ru)

Writes `<stem>/translations/<lang>.yaml` beside SPEC, each text transliterated letter by
letter into the language's script (Urdu: Arabic letters, shaped by HarfBuzz in Nastaliq;
Kazakh and Russian: Cyrillic), the same length as the source. Not a translation: text
of the right script and size, so a four-language build of a generated spec of 1,000
activities costs what a real one would, without anyone translating 1,000 activities.
`bench/run.py --only languages` uses it.
"""

from __future__ import annotations

import argparse
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCRIPTS = {
    "ur": "اببپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھیے",
    "ru": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "kk": "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщыіэюяә",
}
"""Letters each Latin letter is mapped onto, in turn (a repeatable, reversible-enough map)."""


def transliterate(text: str, language: str) -> str:
    """`text` with each ASCII letter replaced by a letter of the language's script."""
    letters = SCRIPTS[language]
    table = {ord(c): letters[i % len(letters)]
             for i, c in enumerate(string.ascii_lowercase)}
    table |= {ord(c.upper()): letters[i % len(letters)].upper()
              for i, c in enumerate(string.ascii_lowercase)}
    return text.translate(table)


def write_translations(spec: Path, languages: tuple[str, ...] = ("ur", "kk", "ru")) -> None:
    """Write a pseudo-translation file for each language beside `spec`."""
    from ruamel.yaml import YAML

    from docgen.translation.check import translation_path
    from docgen.translation.keys import printed_texts
    from docgen.validation import validate

    report = validate(spec)
    if report.spec is None or report.errors:
        raise SystemExit(f"bench: {spec} does not validate")
    yaml = YAML()
    yaml.width = 4096
    for language in languages:
        texts = {t.key: {"source": t.text, "text": transliterate(t.text, language)}
                 for t in printed_texts(report.spec)}
        target = translation_path(spec, language)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            yaml.dump({"language": language, "translation_of": spec.name, "texts": texts},
                      handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("languages", nargs="*", default=["ur", "kk", "ru"])
    args = parser.parse_args()
    write_translations(args.spec, tuple(args.languages))


if __name__ == "__main__":
    main()
