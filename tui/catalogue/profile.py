"""Strings of the profile screens: key → (ja, en)."""

from __future__ import annotations

from typing import Final

STRINGS: Final[dict[str, tuple[str, str]]] = {}
