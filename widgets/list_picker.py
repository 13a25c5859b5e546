"""Choose one entry of a reference list (都道府県, 市区町村 …) by keys: type to narrow it by
name, reading or code, ↑↓ to move, Enter to choose, Esc to close without a choice."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.localise import LocalisedModal, localise_bindings, refill
from widgets.text_input import TextInput


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    reading: str = ""  # kana, searched too

    def matches(self, words: list[str]) -> bool:
        hay = _fold(f"{self.name} {self.reading} {self.code}")
        return all(w in hay for w in words)


def _fold(text: str) -> str:
    """NFKC, lower case, hiragana as katakana: 'とうきょう' finds 東京都 (トウキョウト)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


# A text (or entries) given as a function is made again in the new language on Ctrl+T.
Text = str | Callable[[], str]
Entries = Sequence[Entry] | Callable[[], Sequence[Entry]]


class ListPicker(LocalisedModal[str | None]):
    DEFAULT_CSS = """
    ListPicker { align: center middle; }
    ListPicker > Vertical {
        width: 90%; height: 90%; max-width: 80;
        border: heavy $accent; background: $surface; padding: 0 1;
    }
    ListPicker #picker-filter { width: 1fr; }
    ListPicker OptionList { height: 1fr; }
    ListPicker OptionList:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="key.close"),
    ]

    def __init__(self, title: Text, entries: Entries, current: str | None = None) -> None:
        super().__init__()
        self._title = title
        self._entries = entries
        self.entries = self._made(entries)
        self.current = current
        self.shown: list[Entry] = list(self.entries)
        localise_bindings(self, refresh=False)

    @staticmethod
    def _made(entries: Entries) -> list[Entry]:
        return list(entries() if callable(entries) else entries)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="picker-title", classes="title", markup=False)
            yield Static("", id="picker-hint", classes="hint", markup=False)
            yield TextInput(id="picker-filter")
            yield OptionList(*self._options(), id="picker-list", markup=False)
        yield KeyBar()

    def _options(self) -> list[Option]:
        return [Option(t("code.named", name=e.name, code=e.code), id=e.code) for e in self.shown]

    def on_mount(self) -> None:
        listing = self.query_one("#picker-list", OptionList)
        codes = [e.code for e in self.shown]
        listing.highlighted = codes.index(self.current) if self.current in codes else 0
        listing.focus()

    def apply_language(self) -> None:
        title = self._title() if callable(self._title) else self._title
        self.query_one("#picker-title", Static).update(title)
        self.query_one("#picker-hint", Static).update(t("picker.hint"))
        self.query_one("#picker-filter", TextInput).placeholder = t("picker.filter_code")
        if callable(self._entries):  # names in the new language; the filter as typed
            self.entries = self._made(self._entries)
            self._narrow_to(self.query_one("#picker-filter", TextInput).value)

    @on(Input.Changed, "#picker-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._narrow_to(event.value)

    def _narrow_to(self, text: str) -> None:
        words = _fold(text).split()
        self.shown = [e for e in self.entries if e.matches(words)]
        refill(self.query_one("#picker-list", OptionList), self._options())

    @on(Input.Submitted, "#picker-filter")
    def _submit_filter(self) -> None:
        if len(self.shown) == 1:
            self.dismiss(self.shown[0].code)
        else:
            self.query_one("#picker-list", OptionList).focus()

    def on_key(self, event: object) -> None:
        # ↓ from the filter goes into the list; a printable key in the list types a filter.
        from textual import events

        if not isinstance(event, events.Key):
            return
        filter_input = self.query_one("#picker-filter", TextInput)
        listing = self.query_one("#picker-list", OptionList)
        if event.key == "down" and self.focused is filter_input:
            listing.focus()
            event.stop()
        elif self.focused is listing and event.is_printable and event.character not in (" ",):
            filter_input.focus()
            filter_input.insert_text_at_cursor(event.character or "")
            event.stop()

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
