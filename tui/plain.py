"""Plain mode (`--plain`, HELLOWORK_PLAIN=1) for screen readers and braille displays.

Screen readers and BRLTTY follow the terminal's cursor, which Textual hides and parks
wherever a text field last put it. In plain mode the cursor is shown and, before every
frame is written, put on the focused control: in a text field where the caret is, in a
list on the highlighted row, in the menu on its chosen entry, elsewhere on the control's
first cell. The look loses what is read aloud as noise — borders drawn with box and block
characters, scrollbars — through the `-plain` class on the App (tui/hellowork.tcss), and
decorative symbols (■ headings, ▸ … ◂ focus marks, ▼ dropdown arrows, ● and ✓ marks) are
written as plain ASCII or left out by a line filter on every frame (`PlainCharacters`): a
braille display shows ▸ as an unknown cell and a screen reader reads "black small
triangle". The QR code on Home stays: it is there to be scanned at the counter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Offset
from textual.widget import Widget

ENV_VAR = "HELLOWORK_PLAIN"
SHOW_CURSOR = "\x1b[?25h"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


# Symbol → what plain mode writes in its cell (one cell each, so nothing moves). Marks that
# carry meaning keep an ASCII form: the current entry (▸ → >), a chosen radio button
# ((●) → (*)), a ticked box ([✓] → [x]), an error (✖ → !); pure decoration becomes a space.
# The QR code's half blocks (▀ ▄ █) are not here: it must stay scannable.
PLAIN_CHARACTERS = str.maketrans(
    {
        "■": " ",
        "✉": " ",
        "□": " ",
        "◆": " ",
        "◇": " ",
        "★": " ",
        "☆": " ",
        "▼": " ",
        "▲": " ",
        "▸": ">",
        "▶": ">",
        "►": ">",
        "◂": "<",
        "◀": "<",
        "◄": "<",
        "●": "*",
        "•": "*",
        "✓": "x",
        "✔": "x",
        "✗": "x",
        "✘": "x",
        "✖": "!",
        # Rules drawn in text (the 求人票's section headings): borders are gone already.
        "─": " ",
        "━": " ",
        "│": " ",
        "┃": " ",
        "═": " ",
        "║": " ",
    }
)


def plain_text(text: str) -> str:
    return text.translate(PLAIN_CHARACTERS)


class PlainCharacters(LineFilter):
    """Every line of every widget, as drawn: decorative symbols written plainly."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        plain = []
        for segment in segments:
            text, style, control = segment
            plain.append(segment if control else Segment(plain_text(text), style))
        return plain


class PlainModeError(ValueError):
    pass


def resolve_plain(option: bool, env: Mapping[str, str] | None = None) -> bool:
    """`--plain` wins; otherwise HELLOWORK_PLAIN (1/true/yes/on or 0/false/no/off)."""
    if option:
        return True
    value = (os.environ if env is None else env).get(ENV_VAR)
    if value is None:
        return False
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise PlainModeError(f"{ENV_VAR}={value!r}: use 1 (plain mode on) or 0 (off)")


def cursor_cell(widget: Widget) -> Offset:
    """Where, in screen cells, the terminal's cursor goes for the focused `widget`."""
    caret = getattr(widget, "cursor_screen_offset", None)  # Input, TextArea
    if isinstance(caret, Offset):
        return caret
    region = widget.content_region
    own = getattr(widget, "cursor_row", None)  # our widgets: the row of their own cursor
    if callable(own):
        row = own()
        if isinstance(row, Offset):
            return _inside(region.offset + row, widget)
    line = _highlighted_line(widget)
    if line is not None:
        return _inside(Offset(region.x, region.y + line - widget.scroll_offset.y), widget)
    return region.offset


def _highlighted_line(widget: Widget) -> int | None:
    """The first line of an OptionList's highlighted option (SelectionList, the Select's
    list…), or None for any other widget."""
    highlighted = getattr(widget, "highlighted", None)
    lines: Any = getattr(widget, "_index_to_line", None)
    if not isinstance(highlighted, int) or not isinstance(lines, dict):
        return None
    line = lines.get(highlighted)
    return line if isinstance(line, int) else None


def _inside(offset: Offset, widget: Widget) -> Offset:
    region = widget.content_region
    x = min(max(offset.x, region.x), max(region.x, region.right - 1))
    y = min(max(offset.y, region.y), max(region.y, region.bottom - 1))
    return Offset(x, y)
