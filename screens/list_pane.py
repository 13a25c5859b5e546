"""The shape shared by the signed-in lists (求職活動状況, オンラインハローワーク紹介, リクエスト
求人, メッセージ): a head (title, count, hint, message line), one OptionList, the key bar.
The list loads when first shown and again whenever its screen comes back (an application, a
reply or a change of 公開 made elsewhere shows at once), keeping the highlighted row.

A subclass names its list and strings, says how to load (`load`, a worker) and what the
count line and the options are; the base fills the widgets the same way for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import SignedInScreen
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

ItemT = TypeVar("ItemT")


class ListPane(SignedInScreen, Generic[ItemT]):
    DEFAULT_CSS = """
    ListPane #head { height: auto; padding: 0 1; }
    ListPane .listing:focus { border: heavy $accent; }
    """

    LIST_ID: ClassVar[str]
    TITLE: ClassVar[str]
    HINT: ClassVar[str]

    # ------------------------------------------------------------------ what a list says

    def head_extras(self) -> ComposeResult:
        """Lines of the head between the count and the hint (none by default)."""
        yield from ()

    @property
    def items(self) -> Sequence[ItemT]:
        """What the rows show, in their order (none by default)."""
        return ()

    def current(self) -> ItemT | None:
        """The item of the highlighted row."""
        index = self.highlighted_index()
        items = self.items
        return items[index] if index is not None and 0 <= index < len(items) else None

    def count_text(self) -> str | None:
        """The count line, or None while there is nothing loaded."""
        raise NotImplementedError

    def options(self) -> Sequence[Option]:
        raise NotImplementedError

    def listed(self) -> bool:
        """False hides the list (an account with no such list: the count line says why)."""
        return True

    def load(self) -> object:
        """Fetch the list (a worker); it calls `fill` with what came."""
        raise NotImplementedError

    # ------------------------------------------------------------------ widgets

    def compose_content(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield from self.head_extras()
            yield Static("", id="hint", classes="hint", markup=False)
            yield MessageLine(id="message")
        yield OptionList(id=self.LIST_ID, classes="fill listing", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def listing(self) -> OptionList:
        return self.query_one(f"#{self.LIST_ID}", OptionList)

    def highlighted_index(self) -> int | None:
        return self.listing.highlighted if self.is_mounted else None

    def on_mount(self) -> None:
        self.listing.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.came_back():
            self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t(self.TITLE))
        self.query_one("#hint", Static).update(t(self.HINT))
        self.fill()

    def fill(self) -> None:
        """Show what is loaded, keeping the highlighted row where it was."""
        listing = self.listing
        highlighted = listing.highlighted
        listing.clear_options()
        listing.display = self.listed()
        count = self.count_text()
        self.query_one("#count", Static).update(count or "")
        if count is not None:
            options = self.options()
            listing.add_options(options)
            if options:
                listing.highlighted = min(highlighted or 0, len(options) - 1)
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, ".listing")
    def _highlighted(self) -> None:
        # What the footer offers depends on the highlighted row.
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.load()
