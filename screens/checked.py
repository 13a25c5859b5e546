"""チェックした求人一覧: the postings checked in search results (≤ 50, this session only).
Enter opens one job sheet, V shows them all one after another, Shift+F saves them all to
favorites, Space unchecks."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import SignedInScreen
from session import places
from strings.i18n import t
from widgets.job_card import card_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine


class CheckedScreen(SignedInScreen):
    DEFAULT_CSS = """
    CheckedScreen #checked-list:focus { border: heavy $accent; }
    CheckedScreen #head { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "view_all", "Show checked sheets", id="search.key.view_checked"),
        Binding("F", "save_all", "Save checked to favorites", id="search.key.save_checked"),
        Binding("space", "uncheck", "Uncheck", id="search.key.uncheck"),
    ]

    def compose_content(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield MessageLine(id="message")
        yield OptionList(id="checked-list", classes="fill", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def on_mount(self) -> None:
        self.query_one("#checked-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self._fill()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("checks.title"))
        self._fill()

    def _fill(self) -> None:
        checks = self.services.user.checks
        count = self.query_one("#count", Static)
        count.update(t("checks.count", count=len(checks)) if len(checks) else t("checks.none"))
        listing = self.query_one("#checked-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        cards = checks.cards()
        listing.add_options([Option(card_text(c, checked=True), id=c.job_number) for c in cards])
        if cards:
            listing.highlighted = min(highlighted or 0, len(cards) - 1)

    @on(OptionList.OptionSelected, "#checked-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        numbers = self.services.user.checks.numbers()
        self.services.open(places.JobSheet(tuple(numbers), event.option_index), self)

    def action_view_all(self) -> None:
        numbers = self.services.user.checks.numbers()
        if not numbers:
            self.message.show(lambda: t("checks.none"), error=True)
            return
        self.services.open(places.JobSheet(tuple(numbers)), self)

    def action_save_all(self) -> None:
        numbers = self.services.user.checks.numbers()
        if not numbers:
            self.message.show(lambda: t("checks.none"), error=True)
            return
        self.save_favorites(numbers)

    def action_uncheck(self) -> None:
        listing = self.query_one("#checked-list", OptionList)
        index = listing.highlighted
        numbers = self.services.user.checks.numbers()
        if index is not None and index < len(numbers):
            self.services.user.checks.remove([numbers[index]])
            self._fill()
