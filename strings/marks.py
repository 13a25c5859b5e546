"""The symbols that start a message (✖ error, ℹ note, … busy), joined to its words.

The symbol and the words are joined so that a wrapped message never leaves the symbol alone
on its line: Textual breaks lines only at spaces (a no-break space counts as one), and a
Japanese sentence has none, so "✖ 年齢は…" too long for its line moved the whole sentence
under a lone ✖. Japanese words follow the symbol directly; Latin words after a no-break
space, as before.
"""

from __future__ import annotations

import unicodedata

ERROR = "✖"
NOTE = "ℹ"
BUSY = "…"


def marked(mark: str, text: str) -> str:
    """`text` led by `mark` (ERROR, NOTE or BUSY)."""
    if text[:1] and unicodedata.east_asian_width(text[0]) in ("W", "F"):
        return mark + text
    return mark + "\u00a0" + text
