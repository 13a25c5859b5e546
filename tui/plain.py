"""Plain mode (`--plain`, HELLOWORK_PLAIN=1) for screen readers and braille displays.

Screen readers and BRLTTY follow the terminal's cursor, which Textual hides and parks
wherever a text field last put it. In plain mode the cursor is shown and, before every
frame is written, put on the focused control: in a text field where the caret is, in a
list on the highlighted row, in the menu on its chosen entry, elsewhere on the control's
first cell. The look loses what is read aloud as noise — borders drawn with box and block
characters, scrollbars — through the `-plain` class on the App (tui/hellowork.tcss). The
QR code on Home stays: it is there to be scanned at the counter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from textual.geometry import Offset
from textual.widget import Widget

ENV_VAR = "HELLOWORK_PLAIN"
SHOW_CURSOR = "\x1b[?25h"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


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
