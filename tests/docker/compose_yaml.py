"""A strict reader for the small YAML subset that docker/compose.yaml is kept to.

No YAML parser is installed, and the compose file does not need one: it uses block mappings,
block lists of scalars and string scalars only. Anything outside that subset (flow
collections, anchors, tags, block scalars, lists of mappings, tabs, duplicate keys, plain
scalars that YAML would read as a number, boolean or null) is a :class:`ComposeSyntaxError`
rather than a guess, so the tests never check a file that YAML would read differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ComposeSyntaxError", "Node", "parse_compose"]

Node = dict[str, "Node"] | list[str] | str

#: Plain scalars YAML 1.1 or 1.2 resolves to something other than a string: quote them.
_NON_STRING = re.compile(
    r"""^(
        ~|null|Null|NULL
        |y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
        |[-+]?(0|[1-9][0-9_]*|0[0-7_]+|0o[0-7]+|0x[0-9a-fA-F_]+|0b[01_]+)
        |[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?
        |[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)
        |[0-9]+(:[0-5]?[0-9])+
    )$""",
    re.VERBOSE,
)
_INDICATORS = tuple("[]{}&*!|>%@`")
_KEY = re.compile(r"^[A-Za-z0-9_.-]+$")


class ComposeSyntaxError(ValueError):
    """The text is outside the supported subset; the message names the line."""


@dataclass(frozen=True)
class _Line:
    number: int
    indent: int
    text: str


def parse_compose(text: str) -> dict[str, Node]:
    lines = _lines(text)
    if not lines:
        return {}
    if lines[0].indent != 0:
        raise ComposeSyntaxError(f"line {lines[0].number}: the document must start at column 1")
    node, end = _mapping(lines, 0, 0)
    if end != len(lines):
        raise ComposeSyntaxError(f"line {lines[end].number}: unexpected indentation")
    return node


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\t" in raw:
            raise ComposeSyntaxError(f"line {number}: tabs are not allowed")
        content = _strip_comment(raw, number).rstrip()
        if not content.strip():
            continue
        if content.strip() in ("---", "..."):
            raise ComposeSyntaxError(f"line {number}: one document only, without markers")
        indent = len(content) - len(content.lstrip(" "))
        lines.append(_Line(number, indent, content.strip()))
    return lines


def _strip_comment(raw: str, number: int) -> str:
    quote: str | None = None
    escaped = False
    for i, char in enumerate(raw):
        if escaped:
            escaped = False  # the second quote of a '' inside a single-quoted string
        elif quote:
            if char == quote and quote == "'" and raw[i + 1 : i + 2] == "'":
                escaped = True
            elif char == quote:
                quote = None
        elif char in "'\"" and (i == 0 or raw[i - 1] in " :-"):
            quote = char
        elif char == "#" and (i == 0 or raw[i - 1] == " "):
            return raw[:i]
    if quote:
        raise ComposeSyntaxError(f"line {number}: unterminated quoted string")
    return raw


def _mapping(lines: list[_Line], start: int, indent: int) -> tuple[dict[str, Node], int]:
    result: dict[str, Node] = {}
    i = start
    while i < len(lines) and lines[i].indent == indent:
        line = lines[i]
        if line.text.startswith("- ") or line.text == "-":
            raise ComposeSyntaxError(f"line {line.number}: a list item where a key was expected")
        key, sep, rest = line.text.partition(":")
        if not sep or (rest and not rest.startswith(" ")):
            raise ComposeSyntaxError(f"line {line.number}: expected 'key: value' or 'key:'")
        key = _key(key, line.number)
        if key in result:
            raise ComposeSyntaxError(f"line {line.number}: duplicate key {key!r}")
        value = rest.strip()
        i += 1
        if value:
            result[key] = _scalar(value, line.number)
            continue
        if i >= len(lines) or lines[i].indent <= indent:
            raise ComposeSyntaxError(f"line {line.number}: {key!r} has no value (write '\"\"')")
        child_indent = lines[i].indent
        if lines[i].text.startswith("- "):
            result[key], i = _sequence(lines, i, child_indent)
        else:
            result[key], i = _mapping(lines, i, child_indent)
    if i < len(lines) and lines[i].indent > indent:
        raise ComposeSyntaxError(f"line {lines[i].number}: unexpected indentation")
    return result, i


def _sequence(lines: list[_Line], start: int, indent: int) -> tuple[list[str], int]:
    items: list[str] = []
    i = start
    while i < len(lines) and lines[i].indent == indent:
        line = lines[i]
        if not line.text.startswith("- "):
            raise ComposeSyntaxError(f"line {line.number}: expected a list item")
        item = line.text[2:].strip()
        if _is_mapping_entry(item):
            raise ComposeSyntaxError(f"line {line.number}: lists of mappings are not supported")
        items.append(_scalar(item, line.number))
        i += 1
    if i < len(lines) and lines[i].indent > indent:
        raise ComposeSyntaxError(f"line {lines[i].number}: unexpected indentation")
    return items, i


def _is_mapping_entry(text: str) -> bool:
    if text[:1] in "'\"":
        return False
    return ": " in text or text.endswith(":")


def _key(raw: str, number: int) -> str:
    key = raw.strip()
    if key[:1] in "'\"":
        key = _scalar(key, number)
    elif not _KEY.match(key):
        raise ComposeSyntaxError(f"line {number}: unsupported key {key!r}")
    return key


def _scalar(text: str, number: int) -> str:
    if text[0] == '"':
        if len(text) < 2 or not text.endswith('"') or '"' in text[1:-1] or "\\" in text:
            raise ComposeSyntaxError(f"line {number}: unsupported double-quoted string {text}")
        return text[1:-1]
    if text[0] == "'":
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith("'") or "'" in inner.replace("''", ""):
            raise ComposeSyntaxError(f"line {number}: unsupported single-quoted string {text}")
        return inner.replace("''", "'")
    if text.startswith(_INDICATORS) or text.startswith(("- ", "? ", ": ")):
        raise ComposeSyntaxError(f"line {number}: unsupported YAML syntax {text!r}")
    if ": " in text or text.endswith(":"):
        raise ComposeSyntaxError(f"line {number}: a plain scalar may not contain ': '")
    if _NON_STRING.match(text):
        raise ComposeSyntaxError(f"line {number}: {text!r} is not read as a string; quote it")
    return text
