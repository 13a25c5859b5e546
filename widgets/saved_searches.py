"""Saved search conditions (≤ 3) as a list: each as its title and its conditions in one line.

Home shows them in its 保存した検索条件 section (`SavedSearchesPanel`: Enter searches with
one, S manages them); the saved-conditions screen lists them with `option_of`. The screens
load them and decide what Enter does: this module only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from strings.i18n import get_language, t
from strings.problems import search_field_name
from widgets.localise import localise_bindings

if TYPE_CHECKING:
    from api_client.job_models import JobSearchRequest, SavedSearch

_DEFAULTS: dict[str, object] = {}


def summary(req: JobSearchRequest) -> str:
    """The conditions in one line: the names of the set ones, with the free words."""
    from api_client.job_models import JobSearchRequest

    if not _DEFAULTS:
        _DEFAULTS.update(JobSearchRequest().model_dump())
    parts: list[str] = []
    for name, value in req.model_dump().items():
        if name in ("page", "per_page", "sort", "word_mode") or value == _DEFAULTS.get(name):
            continue
        label = search_field_name(name)
        if name in ("words", "not_words"):
            label += f"「{value}」"
        elif name == "job_numbers":
            label += f"「{' '.join(value)}」"
        parts.append(label)
    sep = "、" if get_language() == "ja" else ", "
    return sep.join(parts) or t("saved.summary_none")


def option_of(saved: SavedSearch) -> Option:
    return Option(t("saved.item", title=saved.title) + "\n  " + summary(saved.conditions))


class SavedSearchesPanel(Vertical):
    """Home's section: the saved conditions, each with Enter = Search, S = manage them."""

    DEFAULT_CSS = """
    SavedSearchesPanel { height: auto; }
    SavedSearchesPanel OptionList { height: auto; max-height: 10; }
    SavedSearchesPanel OptionList:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "manage", "Saved conditions", id="search.key.saved"),
    ]

    class Run(Message):
        """Search with these saved conditions."""

        def __init__(self, saved: SavedSearch) -> None:
            super().__init__()
            self.saved = saved

    class Manage(Message):
        """Open the saved-conditions screen."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[SavedSearch] = []
        self.error: str | None = None
        localise_bindings(self, refresh=False)

    def compose(self) -> ComposeResult:
        yield Static("", id="saved-title", classes="section", markup=False)
        yield Static("", id="saved-hint", classes="hint", markup=False)
        yield OptionList(id="saved-list", markup=False)
        yield Static("", id="saved-note", markup=False)

    def on_mount(self) -> None:
        self.relabel()

    def show(self, items: Sequence[SavedSearch], error: str | None = None) -> None:
        self.items, self.error = list(items), error
        self._fill()

    def relabel(self) -> None:
        localise_bindings(self)
        self.query_one("#saved-title", Static).update(t("saved.home_title"))
        self.query_one("#saved-hint", Static).update(t("saved.home_hint"))
        self._fill()

    def _fill(self) -> None:
        listing = self.query_one("#saved-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([option_of(s) for s in self.items])
        listing.display = bool(self.items)
        if self.items:
            listing.highlighted = min(highlighted or 0, len(self.items) - 1)
        note = self.query_one("#saved-note", Static)
        note.update(self.error or ("" if self.items else t("saved.none")))

    @on(OptionList.OptionSelected, "#saved-list")
    def _run(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Run(self.items[event.option_index]))

    def action_manage(self) -> None:
        self.post_message(self.Manage())
