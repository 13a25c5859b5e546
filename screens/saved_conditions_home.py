"""Home's 保存した検索条件 section: the saved conditions (≤ 3), each with Enter = Search.

Kept apart from the saved-conditions screen so that screens.home can import it without an
import cycle (the screens behind it are imported when first used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import Services, error_text, explain
from strings.i18n import get_language, t
from widgets.search_form import field_label

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
        label = field_label(name)
        if name in ("words", "not_words"):
            label += f"「{value}」"
        elif name == "job_numbers":
            label += f"「{' '.join(value)}」"
        parts.append(label)
    sep = "、" if get_language() == "ja" else ", "
    return sep.join(parts) or t("saved.summary_none")


def option_of(saved: SavedSearch) -> Option:
    return Option(t("saved.item", title=saved.title) + "\n  " + summary(saved.conditions))


def run_saved(screen: Screen[None], saved: SavedSearch) -> None:
    from screens.results import ResultsScreen

    screen.app.push_screen(ResultsScreen(saved.conditions.model_copy(update={"page": 1})))


class SavedConditionsPanel(Vertical):
    """Home's section: the saved conditions, each with Enter = Search."""

    DEFAULT_CSS = """
    SavedConditionsPanel { height: auto; }
    SavedConditionsPanel OptionList { height: auto; max-height: 10; }
    SavedConditionsPanel OptionList:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "manage", "Saved conditions", id="search.key.saved"),
    ]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[SavedSearch] = []
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="saved-title", classes="section", markup=False)
        yield Static("", id="saved-hint", classes="hint", markup=False)
        yield OptionList(id="saved-list", markup=False)
        yield Static("", id="saved-note", markup=False)

    @property
    def services(self) -> Services:
        return cast(Services, self.app)

    def on_mount(self) -> None:
        self.relabel()
        self.reload()

    def relabel(self) -> None:
        self.query_one("#saved-title", Static).update(t("saved.home_title"))
        self.query_one("#saved-hint", Static).update(t("saved.home_hint"))
        self._fill()

    def _fill(self) -> None:
        listing = self.query_one("#saved-list", OptionList)
        listing.clear_options()
        listing.add_options([option_of(s) for s in self.items])
        listing.display = bool(self.items)
        if self.items:
            listing.highlighted = 0
        note = self.query_one("#saved-note", Static)
        note.update(self.error or ("" if self.items else t("saved.none")))

    @work(exclusive=True, group="home-saved")
    async def reload(self) -> None:
        try:
            client = await self.services.get_client()
            self.items = (await client.saved_searches()).items
            self.error = None
        except Exception as exc:
            if explain(exc).session_lost:
                return  # Home's own load asks for the re-sign-in
            self.items = []
            self.error = "✖\u00a0" + t("saved.failed", reason=error_text(exc)())
        if self.is_attached:  # Home may have been popped while the request was out
            self._fill()

    @on(OptionList.OptionSelected, "#saved-list")
    def _run(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        run_saved(cast(Screen[None], self.screen), self.items[event.option_index])

    def action_manage(self) -> None:
        from screens.saved_conditions import SavedConditionsScreen

        self.app.push_screen(SavedConditionsScreen())
