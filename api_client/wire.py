"""What every request body of the wire contract shares: no extra fields, no control
characters in text, and scalars that are what they claim to be.

Text: NUL and the other C0/C1 control characters (tab, line feed and carriage return
excepted) and lone UTF-16 surrogates are refused in every string of a request, with the
field named. PostgreSQL cannot store a NUL at all and neither database can store a lone
surrogate, so without this such input ended as a 500; and no field of this product has a
use for them.

Scalars: booleans and integers of request models use pydantic's strict types, so `0`,
`"yes"` or `"1"` are not taken for a boolean and `true` or `"5"` not for a number. (Strict
mode for whole models would also refuse enum values given as strings, which is how both the
JSON body and the client's own Python code send them.)
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

# C0 controls but \t \n \r, DEL, C1 controls, and surrogates (only lone ones reach a str).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control_characters(value: str) -> bool:
    return _FORBIDDEN.search(value) is not None


def control_character_codes(value: str) -> str:
    """The refused characters of `value` as code points ("U+0000 U+001B"), for messages."""
    return " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(_FORBIDDEN.findall(value)))


def _check(value: Any) -> None:
    if isinstance(value, str):
        if _FORBIDDEN.search(value):
            raise PydanticCustomError(
                "control_characters",
                "Remove the control characters (such as NUL) from this field.",
            )
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key)
            _check(item)


class RequestModel(BaseModel):
    """Base of every body a client sends."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        _check(value)  # nested models checked themselves when they were built
        return value
