"""What the package raises: each names what was wrong, as zc run's messages do."""

from __future__ import annotations

from typing import Optional


class ZhengceError(Exception):
    """A call of the library failed; `status` is its zhengce_status (see zhengce.h)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ParameterError(ZhengceError, ValueError):
    """A parameter the ruleset does not have, or a value it cannot take (out of its range, wrong unit)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(3, message)
        self.name = name


class RecordError(ZhengceError, ValueError):
    """A record that could not be read or evaluated.

    `id` is the record's id where it could be read (else None), `line` its line in the
    input, `field` the field the message names (else None), `message` zc run's text for it:
    ``field 营业收入: expected a number in 万元, found the text "abc"``."""

    def __init__(self, id: Optional[str], line: Optional[int], message: str) -> None:
        super().__init__(2, message if id is None else f"record {id}: {message}")
        self.id = id
        self.line = line
        self.message = message
        self.field = _field_of(message)


def _field_of(message: str) -> Optional[str]:
    # zc run's record errors begin "field NAME: …" when they are a field's.
    if message.startswith("field "):
        name, colon, _ = message[len("field "):].partition(": ")
        if colon:
            return name
    return None
