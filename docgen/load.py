"""Turn a spec file's bytes into a located tree: plain data plus the position of every node.

The tree is built straight from ruamel.yaml's event stream (libyaml's parser through
ruamel.yaml.clib where installed: ten times faster) in one iterative pass,
so the guards cost nothing extra: anchors, aliases, explicit tags, `%YAML`
directives other than 1.2, several documents, duplicate keys and absurd depth are
diagnostics here, never expansions, surprises or RecursionErrors. Scalars are
typed by YAML 1.2 rules (so `no` stays the string "no"); timestamps stay strings
for the model to parse as strict dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver

from docgen.diagnostics import Diagnostic, KeyPath, dotted

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40
MAX_PROBLEMS = 100
"""Loading stops after this many problems: a flood of aliases or NULs is not worth listing."""
MAX_NUMBER_LENGTH = 100
"""No figure needs more characters; Python refuses to convert integers of over 4,300 digits."""
MAX_KEY_LENGTH = 1024
"""YAML's limit on the length of a plain key."""
Position = tuple[int, int]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_TAG = "tag:yaml.org,2002:"
_BOM = b"\xef\xbb\xbf"
# Line breaks to libyaml (YAML 1.1) but not to YAML 1.2 or to most editors: positions
# after them would be wrong, and text holding them would be silently folded.
_BREAKS = re.compile("[\x85\u2028\u2029]")
_LINES = re.compile(r"\r\n|\r|\n")  # the line breaks the parser counts, so positions agree
_BREAK_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")
_YAML_DIRECTIVE = re.compile(r"^%YAML[ \t]+(\S+)", re.MULTILINE)
# ruamel.yaml's YAML 1.2 implicit-typing table (first character -> [(tag, pattern)]),
# read once: asking the resolver per scalar re-derives the version every time.
_IMPLICIT = {key: list(rules) for key, rules in
             VersionedResolver(version=(1, 2)).versioned_resolver.items()}


@dataclass
class Located:
    """A spec's data with the (1-based) line and column of each value and key."""

    file: str
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    quoted: set[KeyPath] = field(default_factory=set)
    """The values written as quoted (or block) scalars: "12" is text, 12 a number."""
    raw: bytes | None = None
    """The file's bytes as read (None for text given in memory): what a final embeds."""
    text: str = ""
    spans: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    """Where each scalar value's source starts and ends in `text` (character offsets)."""
    flow: set[KeyPath] = field(default_factory=set)
    """The mappings written in flow style, `{a: 1, b: 2}`, where a comma ends a value."""

    def find(self, path: KeyPath, phrase: str) -> Position | None:
        """Where `phrase` first stands inside the source of the scalar at `path`.

        A folded or literal block's value begins lines below its key: a word in it is
        reported on its own line. Spaces in `phrase` match any run of white space, as a
        folded block may break a phrase across lines.
        """
        span = self.spans.get(path)
        if span is None or not phrase.strip():
            return None
        pattern = r"\s+".join(re.escape(part) for part in phrase.split())
        found = re.compile(rf"(?<!\w){pattern}(?!\w)").search(self.text, *span)
        if found is None:
            return None
        start = found.start()
        line_start = self.text.rfind("\n", 0, start) + 1
        return self.text.count("\n", 0, start) + 1, start - line_start + 1

    def position(self, path: KeyPath, *, key: bool = False) -> Position:
        """Return where `path` stands, or where its nearest existing parent does."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


class LoadFailed(Exception):
    """The file cannot become a tree; `diagnostics` says why, each with a position."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) while loading")
        self.diagnostics = diagnostics


def load_file(path: Path, display: str | None = None) -> Located:
    """Read, decode, guard and parse one spec file."""
    name = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadFailed([_too_large(name, size)])
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        hint = "check the path and that you may read the file"
        raise LoadFailed([Diagnostic(name, 1, 1, "DG100", f"cannot read the spec: {reason}",
                                     hint=hint)]) from None
    if len(raw) > MAX_BYTES:
        raise LoadFailed([_too_large(name, len(raw))])
    located = load_text(decode(raw, name), name)
    located.raw = raw
    return located


def _too_large(name: str, size: int) -> Diagnostic:
    mib = MAX_BYTES // (1024 * 1024)
    return Diagnostic(name, 1, 1, "DG102", f"the file is {size:,} bytes; a spec may be at most "
                      f"{mib} MiB", hint="split the spec, or check that this is the right file")


def decode(raw: bytes, name: str) -> str:
    """Decode strict UTF-8 (a leading BOM is allowed and dropped)."""
    if _looks_utf16(raw):
        raise LoadFailed([Diagnostic(
            name, 1, 1, "DG103", "the file is UTF-16 (a NUL byte beside each letter), not UTF-8",
            hint="save it as UTF-8 (most editors: File > Save with Encoding)")])
    body = raw.removeprefix(_BOM)  # offsets below are in `body`, as the BOM is no character
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        hint = ("the file starts with a UTF-16 byte order mark: save it as UTF-8"
                if utf16 else "save the file as UTF-8 (most editors: File > Save with Encoding)")
        message = f"the file is not valid UTF-8 (byte 0x{body[error.start]:02X})"
        raise LoadFailed([Diagnostic(name, line, column, "DG103", message, hint=hint)]) from None


def _looks_utf16(raw: bytes) -> bool:
    """True for BOM-less UTF-16: every other one of its first bytes is NUL, and only those."""
    head = raw[:64]
    if len(head) < 4:
        return False
    even, odd = (not any(head[0::2])), (not any(head[1::2]))
    return even != odd


def load_text(text: str, name: str = "<spec>") -> Located:
    """Guard and parse spec text into a located tree, or raise LoadFailed."""
    problems = _scan_characters(text, name)
    if problems:
        raise LoadFailed(_capped(problems))
    builder = _Builder(name, text)
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            if not builder.feed(event) or len(builder.problems) >= MAX_PROBLEMS:
                break
    except MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, name, text))
    except YAMLError as error:  # pragma: no cover - ruamel raises marked errors for text
        builder.problems.append(Diagnostic(name, 1, 1, "DG101", f"YAML error: {error}"))
    return builder.result()


def _scan_characters(text: str, name: str) -> list[Diagnostic]:
    """Find control characters and tab indentation before the parser trips on them."""
    problems: list[Diagnostic] = []
    for number, line in enumerate(_LINES.split(text), start=1):
        illegal = _ILLEGAL.search(line)
        if illegal:
            code = f"U+{ord(illegal.group()):04X}"
            problems.append(Diagnostic(
                name, number, illegal.start() + 1, "DG111",
                f"the control character {code} is not allowed in a spec",
                hint="delete it; it cannot appear in a Word or PDF document"))
        hidden = _BREAKS.search(line)
        if hidden:
            char = hidden.group()
            problems.append(Diagnostic(
                name, number, hidden.start() + 1, "DG111",
                f"the invisible line break U+{ord(char):04X} ({_BREAK_NAMES[char]}) is not "
                "allowed in a spec", hint="YAML parsers and editors disagree on whether it ends "
                "a line: delete it, or write it as an escape (\\u2028) in double quotes"))
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Diagnostic(
                name, number, line.index("\t") + 1, "DG104", "a tab is used for indentation",
                hint="YAML indents with spaces only: replace the tab with spaces"))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _capped(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Keep the first MAX_PROBLEMS problems; if that is all, say that loading stopped there."""
    if len(problems) < MAX_PROBLEMS:
        return problems
    kept, last = problems[: MAX_PROBLEMS - 1], problems[MAX_PROBLEMS - 1]
    note = f"(loading stopped after {MAX_PROBLEMS} problems)"
    return [*kept, replace(last, hint=f"{last.hint}\n{note}" if last.hint else note)]


def _syntax_problem(error: MarkedYAMLError, name: str, text: str = "") -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    lines = _LINES.split(text)
    if line > len(lines):  # libyaml ends a file without a final newline on a line after it
        line, column = len(lines), len(lines[-1]) + 1
    problem = (error.problem or error.context or "cannot parse this").strip()
    if "Unicode character escape" in problem:
        return _bad_escape(name, text, line, column)
    if "incompatible YAML document" in problem:
        directive = _YAML_DIRECTIVE.search(text)
        shown = directive.group(1) if directive else "?"
        return Diagnostic(name, line, column, "DG108",
                          f"the directive '%YAML {shown}' is not supported",
                          hint="specs are YAML 1.2: remove the %YAML line")
    hint = "check the indentation, the colons and the quotes on this line and the one above"
    if _long_key(error):
        return Diagnostic(name, line, column, "DG101", f"YAML syntax error: {problem}",
                          hint=f"a key may be at most {MAX_KEY_LENGTH:,} characters long: "
                               "shorten it, or check that its ':' is there")
    if error.context and error.context_mark is not None and error.problem:
        start = min(error.context_mark.line + 1, len(lines))
        hint = f"{error.context} that starts at line {start}; {hint}"
    return Diagnostic(name, line, column, "DG101", f"YAML syntax error: {problem}", hint=hint)


def _long_key(error: MarkedYAMLError) -> bool:
    """True when a 'simple key' ran past YAML's 1024-character limit on keys."""
    start, end = error.context_mark, error.problem_mark
    return (error.context == "while scanning a simple key" and start is not None
            and end is not None and start.line == end.line
            and end.column - start.column > MAX_KEY_LENGTH)


def _bad_escape(name: str, text: str, line: int, column: int) -> Diagnostic:
    """A `\\uD800`-style escape names a lone UTF-16 surrogate, which is no character."""
    lines = _LINES.split(text)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    start = max(source.rfind("\\u", 0, column), source.rfind("\\U", 0, column))
    escape = _ESCAPE.match(source, start) if start >= 0 else None
    if escape is None:
        return Diagnostic(name, line, column, "DG111", "an escape here is not a character",
                          hint="write the character itself instead of a \\u escape")
    code = int(escape.group()[2:], 16)
    why = "a lone UTF-16 surrogate" if 0xD800 <= code <= 0xDFFF else "beyond Unicode"
    return Diagnostic(
        name, line, start + 1, "DG111", f"the escape '{escape.group()}' is not a character "
        f"({why})", hint="write the character itself; for one beyond U+FFFF use \\U and "
                         "8 hex digits, e.g. \\U0001F600, not a pair of \\u escapes")


def _implicit_kind(value: str) -> str:
    """Return the YAML 1.2 core type of a plain scalar: null, bool, int, float, str..."""
    for tag, pattern in [*_IMPLICIT.get(value[:1], ()), *_IMPLICIT.get(None, ())]:
        if pattern.match(value):
            return str(tag).removeprefix(_TAG)
    return "str"


def scalar_value(value: str, plain: bool) -> Any:
    """Type a scalar by YAML 1.2 core rules; quoted scalars and dates stay strings."""
    if not plain:
        return value
    kind = _implicit_kind(value)
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        return _to_int(value)
    if kind == "float":
        return _to_float(value)
    return value


def _to_int(value: str) -> int:
    digits = value.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits[:2].lower() in ("0x", "0o", "0b"):
        return sign * int(digits, 0)
    return sign * int(digits, 10)


def _to_float(value: str) -> float:
    lowered = value.replace("_", "").lower()
    if lowered.lstrip("+-") == ".inf":
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: KeyPath
    key: str | None = None
    key_position: Position = (1, 1)


class _Builder:
    """Build plain data from parser events, with positions, refusing what a spec may not use."""

    def __init__(self, name: str, text: str = "") -> None:
        self.name = name
        self.text = text
        self.problems: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.has_root = False
        self.documents = 0
        self.located = Located(name, None, text=text)

    def problem(self, event: ev.Event, code: str, message: str, hint: str,
                line: int | None = None) -> None:
        mark = event.start_mark
        row, column = (line, 1) if line is not None else (mark.line + 1, mark.column + 1)
        self.problems.append(Diagnostic(self.name, row, column, code, message, hint=hint))

    def feed(self, event: ev.Event) -> bool:
        """Take one event; return False when building must stop."""
        if isinstance(event, ev.DocumentStartEvent):
            return self._document(event)
        if isinstance(event, ev.AliasEvent):
            self.problem(event, "DG106", f"the alias '*{event.anchor}' is not allowed",
                         "write the value out in full: specs use no anchors or aliases")
            self._place(event, None)
            return True
        if isinstance(event, ev.NodeEvent):
            self._check_node(event)
        if isinstance(event, ev.ScalarEvent):
            plain = bool(event.implicit[0]) and not event.style
            is_key = bool(self.stack) and isinstance(self.stack[-1].container, dict) \
                and self.stack[-1].key is None
            if plain and not is_key and len(event.value) > MAX_NUMBER_LENGTH and \
                    _implicit_kind(event.value) in ("int", "float"):
                self._too_long_number(event)
                return True
            path = self._place(event, scalar_value(event.value, plain))
            if not plain and not is_key and path is not None:
                self.located.quoted.add(path)
            if not is_key and path is not None:
                self.located.spans[path] = (event.start_mark.index, event.end_mark.index)
        elif isinstance(event, ev.MappingStartEvent | ev.SequenceStartEvent):
            return self._open(event)
        elif isinstance(event, ev.CollectionEndEvent):
            self.stack.pop()
        return True

    def _too_long_number(self, event: ev.ScalarEvent) -> None:
        """Refuse a number too long to be a figure (converting it could even fail)."""
        path = self._place(event, None)
        where = f"{dotted(path)}: " if path else ""
        self.problem(event, "DG122", f"{where}a number {len(event.value):,} characters long is "
                     "too long to be a figure", f"a figure has at most {MAX_NUMBER_LENGTH} "
                     "characters: check the value, or quote it if it is text")

    def _document(self, event: ev.DocumentStartEvent) -> bool:
        self.documents += 1
        if self.documents > 1:
            self.problem(event, "DG109", "the file holds more than one YAML document",
                         "a spec is one document: remove the '---' line and what follows, "
                         "or split it into separate files")
            return False
        version = getattr(event, "version", None)
        if version is not None and tuple(version) != (1, 2):
            shown = ".".join(str(part) for part in version)
            # libyaml marks the directive, the pure parser the '---' after it: use the former
            directive = _YAML_DIRECTIVE.search(self.text)
            line = self.text.count("\n", 0, directive.start()) + 1 if directive else None
            self.problem(event, "DG108", f"the directive '%YAML {shown}' is not supported",
                         "specs are YAML 1.2: remove the %YAML line", line=line)
        return True

    def _check_node(self, event: ev.NodeEvent) -> None:
        if event.anchor is not None:
            self.problem(event, "DG106", f"the anchor '&{event.anchor}' is not allowed",
                         "write values out in full: specs use no anchors or aliases")
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in ("", "!"):
            shown = "!!" + str(tag)[len(_TAG):] if str(tag).startswith(_TAG) else str(tag)
            self.problem(event, "DG107", f"the explicit tag '{shown}' is not allowed",
                         "remove the tag; quote the value if it must stay text")

    def _open(self, event: ev.CollectionStartEvent) -> bool:
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, ev.MappingStartEvent) else [])
        path = self._place(event, container)
        if path is None:
            return False
        if isinstance(event, ev.MappingStartEvent) and event.flow_style:
            self.located.flow.add(path)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event, "DG110", f"the spec nests deeper than {MAX_DEPTH} levels",
                         "a spec needs only a few levels: check the indentation here")
            return False
        self.stack.append(_Frame(container, path))
        return True

    def _place(self, event: ev.Event, value: Any) -> KeyPath | None:
        """Put a value where the open container expects it; return its key path."""
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root, self.has_root = value, True
            self.located.values[()] = position
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        elif frame.key is None:
            return self._take_key(frame, event, value, position)
        else:
            path = (*frame.path, frame.key)
            frame.container[frame.key] = value
            self.located.keys[path] = frame.key_position
            frame.key = None
        self.located.values[path] = position
        return path

    def _take_key(self, frame: _Frame, event: ev.Event, value: Any,
                  position: Position) -> KeyPath | None:
        if not isinstance(event, ev.ScalarEvent):
            self.problem(event, "DG114", "a key must be plain text",
                         "write keys as simple words followed by a colon")
            return None
        key = event.value
        assert isinstance(frame.container, dict)
        if key in frame.container:
            first = self.located.keys[(*frame.path, key)]
            shown = f"'{key}'" if key.isprintable() else repr(key)
            self.problem(event, "DG105", f"the key {shown} appears twice in this mapping",
                         f"it is first given at line {first[0]}: keep one of the two")
            key = f"{key}\x00duplicate{position}"
        frame.key, frame.key_position = key, position
        return (*frame.path, key)

    def result(self) -> Located:
        if not self.problems and (not self.has_root or self.root is None):
            self.problems.append(Diagnostic(self.name, 1, 1, "DG113", "the spec is empty",
                                            hint="run `docgen new FILE` for a starting spec"))
        elif not self.problems and not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            line, column = self.located.values.get((), (1, 1))
            self.problems.append(Diagnostic(
                self.name, line, column, "DG112", f"the spec is {kind}, not a mapping of keys",
                hint="a spec starts with keys such as 'spec_version:' and 'document:'"))
        if self.problems:
            raise LoadFailed(sorted(_capped(self.problems)))
        self.located.data = self.root
        return self.located
