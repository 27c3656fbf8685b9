"""The one check of stored text: no control characters, and no line breaks in one-line fields.

A name, email, subject, title or link is one line wherever it goes next: an email header, an
.ics property, a CSV cell, a log line. A CR or LF there splits it (a forged header, an injected
calendar line) and breaks the work downstream (a batch of introductions, a cohort's calendar),
so it is refused where it is typed or imported, naming the field and the character. Multi-line
fields (comments, notes, goals, email bodies) keep their line breaks and tabs, and refuse the
other control characters as well. Every path that stores text uses this module: the import
engine (casson/importer/validation.py), the domain functions behind every form, the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from casson.platform.errors import Refused

# C0 controls, DEL and C1 controls, and Unicode's own line and paragraph separators.
SINGLE_LINE_BAD = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
MULTI_LINE_BAD = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]"  # \t \n \r kept
_SINGLE = re.compile(SINGLE_LINE_BAD)
_MULTI = re.compile(MULTI_LINE_BAD)
_NAMES = {
    0x00: "NUL",
    0x08: "backspace",
    0x09: "a tab",
    0x0A: "a line break (LF)",
    0x0D: "a line break (CR)",
    0x1B: "escape",
    0x7F: "delete",
    0x2028: "a line separator",
    0x2029: "a paragraph separator",
}


class ControlCharacter(Refused):
    """Text holding a character its field cannot take (the message names field and character)."""


def describe(char: str) -> str:
    """'a line break (CR), U+000D' for one character."""
    code = ord(char)
    return f"{_NAMES.get(code, 'a control character')}, U+{code:04X}"


def first_bad(value: str, *, multi_line: bool = False) -> str | None:
    """The first character `value` may not hold, or None."""
    found = (_MULTI if multi_line else _SINGLE).search(value)
    return found.group() if found else None


def reason(char: str, *, multi_line: bool = False) -> str:
    """Why a cell or field holding `char` is refused (the caller names row and column)."""
    if multi_line:
        return f"holds {describe(char)}, which no one types: remove it"
    return f"holds {describe(char)}: this takes one line of text"


def check(
    field: str, value: object, *, multi_line: bool = False, error: type[Refused] = ControlCharacter
) -> None:
    """Refuse `value` (any text; None passes) if it holds what `field` cannot take, with
    `error` (the calling module's own refusal, so its pages and commands show it)."""
    if value is None:
        return
    bad = first_bad(str(value), multi_line=multi_line)
    if bad is not None:
        raise error(f"{field} {reason(bad, multi_line=multi_line)}.")


def one_line(field: str, value: str | None) -> str | None:
    """`value` checked as one line of text and returned (forms and commands call this)."""
    check(field, value)
    return value


def lines(field: str, value: str | None) -> str | None:
    """`value` checked as multi-line text (line breaks and tabs kept) and returned."""
    check(field, value, multi_line=True)
    return value


# Form and import fields that keep line breaks (text areas): everything else is one line.
MULTI_LINE_FIELDS = frozenset(
    {"notes", "note", "summary", "body", "comment", "comments", "goals", "annotation"}
)


def check_fields(fields: Mapping[str, object], error: type[Refused] = ControlCharacter) -> None:
    """Check every text value of a form's fields: one line unless its name is multi-line."""
    for name, value in fields.items():
        if isinstance(value, str):
            check(
                f"The {name.replace('_', ' ')}",
                value,
                multi_line=name in MULTI_LINE_FIELDS,
                error=error,
            )
