"""The key line at the bottom of every screen: the keys that work right now, as plain text.

Textual's `Footer` mounts one widget per key and re-mounts all of them whenever focus moves,
which made it the largest single cost of pushing a screen (CSS matching and layout of a
dozen widgets, twice). This is one widget rendering one text: keys in bold, each followed
by what it does, wrapped onto as many lines as the terminal needs (up to MAX_LINES) instead
of being scrolled out of sight. A key and its description never split across lines.

Keys that are present but disabled right now are not listed: the line shows what a key
press will do, so nothing has to be told apart by a dimmer colour.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from strings.i18n import t
from widgets.localise import describe

MAX_LINES = 3
GAP = "  "


def pack(items: list[tuple[str, str]], width: int) -> list[list[tuple[str, str]]]:
    """Greedy line packing of (key, description) items into lines of at most `width` cells."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for key, desc in items:
        size = cell_len(key) + 1 + cell_len(desc)
        extra = size if not lines[-1] else len(GAP) + size
        if lines[-1] and used + extra > width:
            lines.append([])
            used, extra = 0, size
        lines[-1].append((key, desc))
        used += extra
    return lines if lines[0] else []


def line_width(items: list[tuple[str, str]]) -> int:
    """Cells of one packed line of (key, description) items."""
    sizes = [cell_len(key) + 1 + cell_len(desc) for key, desc in items]
    return sum(sizes) + len(GAP) * max(0, len(sizes) - 1)


class KeyBar(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key"}
    DEFAULT_CSS = """
    KeyBar {
        split: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .keybar--key { text-style: bold; color: $footer-key-foreground; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._pending = False
        self._width = 0

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._width = max(1, self.app.size.width - 2)
        self._rebuild()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        width = self.content_size.width  # the event's size includes the padding
        if width and width != self._width:
            self._width = width
            self._rebuild()
        # Notifications stack above the key line, not over its keys: Textual leaves room
        # for a one-line footer only, and this line is one to three lines high.
        for rack in self.screen.query("#textual-toastrack"):
            rack.styles.margin = (0, 0, self.outer_size.height, 0)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Focus moves publish this several times in a row; rebuild once, after them.
        if screen is self.screen and not self._pending:
            self._pending = True
            self.call_later(self._rebuild)

    def items(self) -> list[tuple[str, str]]:
        """(key as shown, description) of every enabled, shown binding, once per action."""
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append((self.app.get_key_display(binding), describe(binding)))
        return out

    def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        lines = pack(self.items(), self._width)
        if len(lines) > MAX_LINES:
            # What does not fit is in F1's help: say so in place of the last key shown.
            more = (self.app.get_key_display(Binding("f1", "")), t("key.more"))
            lines = lines[:MAX_LINES]
            last = lines[-1][:-1]
            while last and line_width([*last, more]) > self._width:
                last.pop()
            lines[-1] = [*last, more]
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for number, line in enumerate(lines):
            if number:
                text.append("\n")
            for index, (key, desc) in enumerate(line):
                if index:
                    text.append(GAP)
                text.append(key, key_style)
                if desc:
                    text.append(" " + desc)
        if text != self.content:  # unchanged keys cost no layout
            self.update(text)
