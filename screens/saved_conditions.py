"""保存した検索条件 (≤ 3): run (Enter), rename, edit, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.saved_searches import option_of

if TYPE_CHECKING:
    from api_client.job_models import SavedSearch


class SavedConditionsScreen(SignedInScreen):
    DEFAULT_CSS = """
    SavedConditionsScreen #saved-list { height: auto; }
    SavedConditionsScreen #saved-list:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rename", "Rename", id="search.key.rename"),
        Binding("e", "edit", "Edit", id="search.key.edit"),
        Binding("d", "delete", "Delete", id="search.key.remove"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[SavedSearch] = []

    def compose_content(self) -> ComposeResult:
        with Vertical(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield OptionList(id="saved-list", markup=False)
            yield MessageLine(id="message")
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def on_mount(self) -> None:
        self.query_one("#saved-list", OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("saved.title"))
        self.query_one("#hint", Static).update(t("saved.hint"))
        self._fill()

    def _fill(self) -> None:
        count = self.query_one("#count", Static)
        count.update(t("saved.count", count=len(self.items)) if self.items else t("saved.none"))
        listing = self.query_one("#saved-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([option_of(s) for s in self.items])
        if self.items:
            listing.highlighted = min(highlighted or 0, len(self.items) - 1)

    def _current(self) -> SavedSearch | None:
        index = self.query_one("#saved-list", OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="saved")
    async def load(self) -> None:
        found = await self.call(
            lambda c: c.saved_searches(), failed="saved.failed", retry=self.load, latest="list"
        )
        if found is not NO_ANSWER:
            self.items = found.items
            self._fill()

    @on(OptionList.OptionSelected, "#saved-list")
    def _run(self, event: OptionList.OptionSelected) -> None:
        request = self.items[event.option_index].conditions.model_copy(update={"page": 1})
        self.services.open(places.Results(request), self)

    def action_rename(self) -> None:
        saved = self._current()
        if saved is None:
            return

        def titled(title: str | None) -> None:
            if title and saved is not None:
                self.rename(saved.id, title)

        self.services.open(
            places.SavedSearchTitle("saved.prompt_rename", saved.title), self, titled
        )

    @work(exclusive=True, group="saved-change")
    async def rename(self, saved_id: int, title: str) -> None:
        saved = await self.call(
            lambda c: c.update_saved_search(saved_id, title=title),
            failed="saved.change_failed",
            retry=lambda: self.rename(saved_id, title),
        )
        if saved is NO_ANSWER:
            return
        self.message.show(lambda: t("saved.updated", title=saved.title))
        self.load()

    def action_edit(self) -> None:
        saved = self._current()
        if saved is not None:
            self.services.open(places.EditSavedSearch(saved), self)

    def action_delete(self) -> None:
        saved = self._current()
        if saved is None:
            return

        def answered(yes: object) -> None:
            if yes is True:
                self.delete(saved)

        self.services.open(
            places.Confirm(t("saved.delete_confirm", title=saved.title)), self, answered
        )

    @work(exclusive=True, group="saved-change")
    async def delete(self, saved: SavedSearch) -> None:
        done = await self.call(
            lambda c: c.delete_saved_search(saved.id),
            failed="saved.change_failed",
            retry=lambda: self.delete(saved),
        )
        if done is NO_ANSWER:
            return
        self.message.show(lambda: t("saved.deleted", title=saved.title))
        self.load()
