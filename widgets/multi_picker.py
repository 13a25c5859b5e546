"""Choosing several codes from a list, keys only: municipalities of a prefecture (up to 5),
産業分類 (up to 3), the details of a 希望する職種 group (up to 5).

`TickList` is an OptionList whose rows say "[✓]" or "[ ]" (never colour alone); Space ticks
the highlighted row. `MultiPicker` adds a filter line over it: typing narrows the list by
name or code (typing on the list goes there too), ↓ moves into the list, Enter (anywhere)
confirms the ticked rows, Esc cancels.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from strings.i18n import get_language, t
from widgets.key_bar import KeyBar
from widgets.localise import LocalisedModal, localise_bindings

# Texts and rows given as functions are made again in the new language on Ctrl+T.
Text = str | Callable[[], str]
Rows = Sequence[tuple[str, str]] | Callable[[], Sequence[tuple[str, str]]]


def fold(text: str) -> str:
    """What a filter compares: NFKC, case-folded (ｶﾅ = カナ, Ａ = a)."""
    return unicodedata.normalize("NFKC", text).casefold()


class TickList(OptionList):
    """Rows that can be ticked with Space, at most `limit` of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", id="picker.key.tick"),
    ]

    class Refused(Message):
        """A tick beyond the limit was refused."""

        def __init__(self, limit: int) -> None:
            super().__init__()
            self.limit = limit

    def __init__(
        self,
        *,
        limit: int,
        selected: Sequence[str] = (),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.limit = limit
        self.selected: list[str] = list(selected)
        self._rows: list[tuple[str, str]] = []
        localise_bindings(self, refresh=False)

    def show_rows(self, rows: Sequence[tuple[str, str]], *, keep_place: bool = False) -> None:
        """(label, value) rows; ticks are kept by value across refills, and with
        `keep_place` the highlight stays on the same value (a relabelling)."""
        index = self.highlighted
        current = self._rows[index][1] if index is not None and index < len(self._rows) else None
        self._rows = list(rows)
        self.clear_options()
        self.add_options([Option(self._prompt(label, v), id=v) for label, v in self._rows])
        values = [v for _, v in self._rows]
        if keep_place and current in values:
            self.highlighted = values.index(current)
        elif self._rows:
            self.highlighted = 0

    def _prompt(self, label: str, value: str) -> str:
        return ("[✓] " if value in self.selected else "[ ] ") + label

    def action_tick(self) -> None:
        index = self.highlighted
        if index is None or index >= len(self._rows):
            return
        label, value = self._rows[index]
        if value in self.selected:
            self.selected.remove(value)
        elif len(self.selected) >= self.limit:
            self.post_message(self.Refused(self.limit))
            return
        else:
            self.selected.append(value)
        self.replace_option_prompt_at_index(index, self._prompt(label, value))


class MultiPicker(LocalisedModal[list[str] | None]):
    """Answers the ticked values in the order ticked, or None (Esc)."""

    DEFAULT_CSS = """
    MultiPicker { align: center middle; }
    MultiPicker > Vertical {
        width: 90%; height: 90%; border: heavy $accent; background: $surface; padding: 0 1;
    }
    MultiPicker Input { width: 1fr; }
    MultiPicker TickList { height: 1fr; }
    MultiPicker TickList:focus { border: heavy $accent; }
    MultiPicker #picker-message { color: $text-error; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "OK", id="search.key.ok", priority=True),
        Binding("escape", "close", "Cancel", id="search.key.cancel"),
        Binding("down", "to_list", show=False),
    ]

    def __init__(
        self,
        title: Text,
        options: Rows,
        selected: Sequence[str] = (),
        *,
        limit: int,
        hint: Text | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._options = options
        self.options = self._made(options)
        self.limit = limit
        self.hint = hint
        self._initial = list(selected)
        localise_bindings(self, refresh=False)

    @staticmethod
    def _made(options: Rows) -> list[tuple[str, str]]:
        return list(options() if callable(options) else options)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="picker-title", classes="title", markup=False)
            yield Static("", id="picker-hint", classes="hint", markup=False)
            yield Input(id="picker-filter")
            yield Static("", id="picker-message", markup=False)
            yield TickList(limit=self.limit, selected=self._initial, id="picker-list")
        yield KeyBar()

    @property
    def ticks(self) -> TickList:
        return self.query_one(TickList)

    def on_mount(self) -> None:
        self.ticks.show_rows(self.options)
        self.ticks.focus()

    def apply_language(self) -> None:
        def text(value: Text) -> str:
            return value() if callable(value) else value

        hint = text(self.hint) if self.hint is not None else ""
        self.query_one("#picker-title", Static).update(text(self._title))
        self.query_one("#picker-hint", Static).update(
            hint or t("picker.multi_hint", limit=self.limit)
        )
        line = self.query_one("#picker-filter", Input)
        line.placeholder = t("picker.filter")
        self.query_one("#picker-message", Static).update("")  # its words were the old ones
        if callable(self._options):  # rows in the new language, the filter as typed
            self.options = self._made(self._options)
            self._show(line.value, keep_place=True)

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, typed: str, *, keep_place: bool = False) -> None:
        words = fold(typed).split()
        rows = [(label, v) for label, v in self.options if all(w in fold(label) for w in words)]
        self.ticks.show_rows(rows, keep_place=keep_place)
        message = t("picker.no_match", text=typed) if not rows else ""
        self.query_one("#picker-message", Static).update(message)

    @on(TickList.Refused)
    def _refused(self, event: TickList.Refused) -> None:
        self.query_one("#picker-message", Static).update(t("picker.limit", limit=event.limit))

    @on(TickList.OptionHighlighted)
    def _moved(self) -> None:
        self.query_one("#picker-message", Static).update("")

    def on_key(self, event: events.Key) -> None:
        """Typing on the list goes to the filter line (Space still ticks)."""
        typed = event.character if event.is_printable else None
        if isinstance(self.focused, TickList) and typed and typed != " ":
            event.stop()
            line = self.query_one("#picker-filter", Input)
            line.focus()
            line.insert_text_at_cursor(typed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_list":
            return isinstance(self.focused, Input)
        return True

    def action_to_list(self) -> None:
        self.ticks.focus()

    def action_confirm(self) -> None:
        self.dismiss(list(self.ticks.selected))

    def action_close(self) -> None:
        self.dismiss(None)


def labelled(codes: Sequence[str], name: Callable[[str], str], none: str) -> str:
    """ "千代田区、中央区" ("…, …" in English) — or `none` when nothing is chosen."""
    sep = "、" if get_language() == "ja" else ", "
    return sep.join(name(c) for c in codes) if codes else none
