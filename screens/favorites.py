"""お気に入り求人 (≤ 300): open a job sheet, remove. A posting that expired or was withdrawn
stays listed, marked 【掲載終了】 in words, and says why it cannot be opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from strings.i18n import t
from widgets.job_card import card_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.job_models import FavoriteItem, FavoriteList


class FavoritesScreen(SignedInScreen):
    DEFAULT_CSS = """
    FavoritesScreen #favorites:focus { border: heavy $accent; }
    FavoritesScreen #head { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "remove", "Remove", id="search.key.remove"),
        Binding("delete", "remove", show=False),
        Binding("f5", "reload", "Reload", id="key.refresh"),
        Binding("c", "checked", "Checked", id="search.key.checked"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: FavoriteList | None = None

    def compose_content(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield MessageLine(id="message")
        yield OptionList(id="favorites", classes="fill", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def items(self) -> list[FavoriteItem]:
        return self.data.items if self.data else []

    def on_mount(self) -> None:
        self.query_one("#favorites", OptionList).focus()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("fav.title"))
        self.query_one("#hint", Static).update(t("fav.hint"))
        self._fill()

    def _text(self, item: FavoriteItem) -> str:
        text = card_text(item.card)
        if item.card.status.value != "open":
            status = t(f"search.status.{item.card.status.value}")
            text = t("fav.expired_mark", status=status) + " " + text
        return text

    def _fill(self) -> None:
        data = self.data
        count = self.query_one("#count", Static)
        listing = self.query_one("#favorites", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        if data is None:
            count.update("")
            return
        count.update(t("fav.count", count=data.total, limit=data.limit))
        if not data.items:
            count.update(t("fav.none"))
            return
        listing.add_options([Option(self._text(i), id=i.job_number) for i in data.items])
        listing.highlighted = min(highlighted or 0, len(data.items) - 1)

    def action_reload(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        # Back in this pane: postings may have been added from the search pane meanwhile
        # (the first resume comes with the mount, which loads anyway).
        if self.came_back():
            self.load()

    @work(exclusive=True, group="favorites")
    async def load(self, *, keep_message: bool = False) -> None:
        data = await self.call(
            lambda c: c.favorites(),
            busy=None if keep_message else (lambda: t("fav.loading")),
            failed="fav.failed",
            retry=self.load,
            latest="favorites",
        )
        if data is not NO_ANSWER:
            self.data = data
            self._fill()

    @on(OptionList.OptionSelected, "#favorites")
    def _open(self, event: OptionList.OptionSelected) -> None:
        item = self.items[event.option_index]
        if item.card.status.value != "open":
            status = item.card.status.value
            self.message.show(
                lambda: t("fav.cannot_open", status=t(f"search.status.{status}")), error=True
            )
            return
        self.services.open(places.JobSheet((item.job_number,)), self)

    def action_remove(self) -> None:
        index = self.query_one("#favorites", OptionList).highlighted
        if index is None or index >= len(self.items):
            return
        item = self.items[index]
        number = item.job_number
        text = t("fav.remove_confirm", title=item.card.job_title, number=number)

        def answered(yes: object) -> None:
            if yes is True:
                self.remove_favorite(number)

        # Asked first: a removed favorite cannot always come back (an expired posting).
        self.services.open(places.Confirm(text), self, answered)

    @work(exclusive=True, group="remove")
    async def remove_favorite(self, number: str) -> None:
        done = await self.call(
            lambda c: c.remove_favorite(number), retry=lambda: self.remove_favorite(number)
        )
        if done is NO_ANSWER:
            return
        if self.data is not None:
            items = [i for i in self.data.items if i.job_number != number]
            self.data = self.data.model_copy(update={"items": items, "total": len(items)})
        self._fill()
        self.message.show(lambda: t("fav.removed", number=number))
        # The list as the server has it now; this load also replaces the one started when
        # the confirmation closed (it may have read before the removal).
        self.load(keep_message=True)

    def action_checked(self) -> None:
        self.services.open(places.Checked(), self)
