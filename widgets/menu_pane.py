"""The global menu of the signed-in app (the seeds' ホーム, 求人検索, … ログアウト), shown on
every signed-in screen: a column beside the content, or one line at the top when the terminal
is narrower than `NARROW_BELOW` columns.

One widget rendering one text, like the key bar: screens mount it on every push, so it must
cost next to nothing. The current pane is marked by a symbol and bold, never by colour alone;
each entry shows its key. Focused, it takes ↑/↓, Home/End, Enter and the entry keys
themselves, and says which entry was chosen with `MenuPane.Selected`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Offset
from textual.message import Message
from textual.widget import Widget

from strings.i18n import t
from widgets.localise import localise_bindings

# Below this many columns the menu is one line at the top instead of a column at the left.
NARROW_BELOW = 100

CURRENT_MARK = "▸"


@dataclass(frozen=True)
class MenuEntry:
    """One menu entry: `id` is what `Selected` reports, `key` the key shown (and taken when
    the menu has focus), `label`/`short` catalogue keys of the column and the one-line text."""

    id: str
    key: str
    label: str
    short: str
    counts_unread: bool = False


class MenuPane(Widget, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "menu-pane--key",
        "menu-pane--current",
        "menu-pane--cursor",
        "menu-pane--hint",
    }
    DEFAULT_CSS = """
    MenuPane {
        dock: left;
        width: auto;
        height: 1fr;
        padding: 1 1;
        /* $border-blurred is #191919 on #121212: the column's edge vanished unless focused. */
        border-right: vkey $panel-lighten-2;
    }
    MenuPane:focus { border-right: vkey $accent; background: $boost; }
    MenuPane.-line {
        dock: top;
        width: 1fr;
        height: auto;
        padding: 0 1;
        border-right: none;
        background: $panel;
    }
    MenuPane.-line:focus { border-right: none; background: $boost; text-style: bold; }
    MenuPane > .menu-pane--key { text-style: bold; color: $footer-key-foreground; }
    MenuPane > .menu-pane--current { text-style: bold underline; }
    MenuPane > .menu-pane--cursor { text-style: reverse; }
    MenuPane > .menu-pane--hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "choose", "Open", id="key.open"),
    ]

    class Selected(Message):
        """An entry was chosen (Enter on it, or its key while the menu has focus)."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(
        self,
        entries: Sequence[MenuEntry],
        *,
        current: str,
        unread: int = 0,
        line: bool = False,
        hint: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="-line" if line else "")
        self.entries = tuple(entries)
        self.current = current
        self.unread = unread
        self.hint = hint  # catalogue key of the line saying how to reach the menu's entries
        ids = [e.id for e in self.entries]
        self.cursor = ids.index(current) if current in ids else 0
        self._line = line
        localise_bindings(self, refresh=False)

    # ------------------------------------------------------------------ state

    def set_unread(self, count: int) -> None:
        if count != self.unread:
            self.unread = count
            self.refresh(layout=True)

    def set_line(self, line: bool) -> None:
        """One line at the top (narrow terminals) or a column at the left."""
        if line != self._line:
            self._line = line
            self.set_class(line, "-line")
            self.refresh(layout=True)

    def relabel(self) -> None:
        """The language changed: the texts (and so the width) change."""
        localise_bindings(self)
        self.refresh(layout=True)

    # ------------------------------------------------------------------ keys

    def on_key(self, event: events.Key) -> None:
        if event.character is None:
            return
        for entry in self.entries:
            if event.character.lower() == entry.key.lower():
                event.stop()
                event.prevent_default()
                self.cursor = self.entries.index(entry)
                self.refresh()
                self.post_message(self.Selected(entry.id))
                return

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.entries)
        self.refresh()

    def action_first(self) -> None:
        self.cursor = 0
        self.refresh()

    def action_last(self) -> None:
        self.cursor = len(self.entries) - 1
        self.refresh()

    def action_choose(self) -> None:
        self.post_message(self.Selected(self.entries[self.cursor].id))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ rendering

    def cursor_row(self) -> Offset:
        """Where the terminal's cursor goes in plain mode: the chosen entry (its key)."""
        if not self._line:
            return Offset(2, 2 + self.cursor)  # after the title and a blank line
        width = max(1, self._content_width())
        before = sum(
            1 + cell_len(entry.key) + cell_len(self._label(entry, short=True))
            for entry in self.entries[: self.cursor]
        )
        return Offset(before % width, before // width)

    def _content_width(self) -> int:
        """The width inside the gutter, as of the last layout. Not `content_size`: that asks
        the screen's compositor where the pane is, and during a render that can arrange the
        whole screen again for its map of every widget (10-25 ms of Home's first frame at
        80 columns, where the menu is a line)."""
        return self.outer_size.width - self.styles.gutter.width

    def _label(self, entry: MenuEntry, short: bool) -> str:
        text = t(entry.short if short else entry.label)
        if entry.counts_unread and self.unread:
            text += t("menu.unread", count=self.unread)
        return text

    def render(self) -> Text:
        key_style = self.get_component_rich_style("menu-pane--key", partial=True)
        current_style = self.get_component_rich_style("menu-pane--current", partial=True)
        cursor_style = self.get_component_rich_style("menu-pane--cursor", partial=True)
        hint_style = self.get_component_rich_style("menu-pane--hint", partial=True)
        focused = self.has_focus
        text = Text(end="", no_wrap=not self._line, overflow="ellipsis")
        if self._line:
            labels = [self._label(entry, short=True) for entry in self.entries]
            size = 1 + sum(
                cell_len(e.key) + cell_len(x) for e, x in zip(self.entries, labels, strict=True)
            )
            # Two spaces between entries where that still fits on one line, else one.
            gap = "  " if size + 2 * (len(labels) - 1) <= self._content_width() else " "
            for index, (entry, label) in enumerate(zip(self.entries, labels, strict=True)):
                current = entry.id == self.current
                style = cursor_style if focused and index == self.cursor else None
                if index:
                    text.append(gap)
                if current:
                    text.append(CURRENT_MARK, style)
                text.append(entry.key, key_style + style if style else key_style)
                label_style = current_style if current else None
                if style is not None:
                    label_style = label_style + style if label_style else style
                text.append(label, label_style)
            return text
        text.append(t("menu.title"), current_style)
        text.append("\n")
        for index, entry in enumerate(self.entries):
            text.append("\n")
            current = entry.id == self.current
            style = cursor_style if focused and index == self.cursor else None
            text.append(CURRENT_MARK if current else " ", style)
            text.append(" ", style)
            text.append(entry.key, key_style + style if style else key_style)
            text.append(" ", style)
            label = self._label(entry, short=False)
            text.append(
                label, (current_style + style if style else current_style) if current else style
            )
        if self.hint:
            text.append("\n\n")
            text.append(t(self.hint), hint_style)
        return text
