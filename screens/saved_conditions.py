"""保存した検索条件 (≤ 3): run (Enter), rename, edit, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from screens.base import MessageLine
from screens.home import SignedInScreen
from screens.saved_conditions_home import option_of, run_saved
from screens.search_common import TitleModal, report_failure
from strings.i18n import t
from widgets.key_bar import KeyBar

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
        Binding("escape", "back", "Back", id="key.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[SavedSearch] = []

    def compose(self) -> ComposeResult:
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
        try:
            client = await self.services.get_client()
            self.items = (await client.saved_searches()).items
        except Exception as exc:
            report_failure(self, exc, self.message, "saved.failed", self.load)
            return
        self._fill()

    @on(OptionList.OptionSelected, "#saved-list")
    def _run(self, event: OptionList.OptionSelected) -> None:
        run_saved(self, self.items[event.option_index])

    def action_rename(self) -> None:
        saved = self._current()
        if saved is None:
            return

        def titled(title: str | None) -> None:
            if title and saved is not None:
                self.rename(saved.id, title)

        self.app.push_screen(TitleModal("saved.prompt_rename", saved.title), titled)

    @work(exclusive=True, group="saved-change")
    async def rename(self, saved_id: int, title: str) -> None:
        try:
            client = await self.services.get_client()
            saved = await client.update_saved_search(saved_id, title=title)
        except Exception as exc:
            report_failure(self, exc, self.message, "saved.failed")
            return
        self.message.show(lambda: t("saved.updated", title=saved.title))
        self.load()

    def action_edit(self) -> None:
        saved = self._current()
        if saved is not None:
            from screens.search import SearchScreen

            self.app.push_screen(SearchScreen(saved=saved))

    def action_delete(self) -> None:
        saved = self._current()
        if saved is not None:
            self.delete(saved)

    @work(exclusive=True, group="saved-change")
    async def delete(self, saved: SavedSearch) -> None:
        try:
            client = await self.services.get_client()
            await client.delete_saved_search(saved.id)
        except Exception as exc:
            report_failure(self, exc, self.message, "saved.failed")
            return
        self.message.show(lambda: t("saved.deleted", title=saved.title))
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
