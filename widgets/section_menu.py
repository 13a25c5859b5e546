"""The search form's sections in a list (F6): a digit, or ↑↓ and Enter, moves the focus to
that section's first control; Esc closes. Every terminal delivers F6 and digits."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.localise import LocalisedModal, localise_bindings, refill
from widgets.search_form import SECTIONS


class SectionMenu(LocalisedModal[int | None]):
    DEFAULT_CSS = """
    SectionMenu { align: center middle; }
    SectionMenu > Vertical {
        width: 60; height: auto; max-height: 90%; border: heavy $accent; background: $surface;
        padding: 0 1;
    }
    SectionMenu OptionList { height: auto; max-height: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="search.key.cancel"),
        *[Binding(str(n), f"go({n})", show=False) for n in range(1, len(SECTIONS) + 1)],
    ]

    def __init__(self, current: int = 1) -> None:
        super().__init__()
        self.current = current
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="sections-title", classes="title", markup=False)
            yield Static("", id="sections-hint", classes="hint", markup=False)
            yield OptionList(*self._options(), id="sections", markup=False)
        yield KeyBar()

    @staticmethod
    def _options() -> list[Option]:
        return [
            Option(t("search.sec.heading", n=n, name=t(f"search.sec.{s.value}")), str(n))
            for n, s in enumerate(SECTIONS, start=1)
        ]

    def apply_language(self) -> None:
        self.query_one("#sections-title", Static).update(t("search.sections.title"))
        self.query_one("#sections-hint", Static).update(t("search.sections.hint"))
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            refill(listing, self._options())

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = self.current - 1
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 1))

    def action_go(self, n: int) -> None:
        self.dismiss(n)

    def action_close(self) -> None:
        self.dismiss(None)
