"""リクエスト求人: postings employers asked this seeker to look at, newest first. They are
listed only while the seeker's 求職公開状況 is 公開中 (employers see a seeker only then); while
非公開 the screen says so and where to change it. Enter shows the 求人票, A applies.
"""

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
from widgets.activity_text import request_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.application_models import RequestList, RequestPosting


class RequestsScreen(SignedInScreen):
    DEFAULT_CSS = """
    RequestsScreen #head { height: auto; padding: 0 1; }
    RequestsScreen #requests:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "apply", "Apply", id="apps.key.apply"),
        Binding("j", "sheet", "Job sheet", id="apps.key.sheet"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: RequestList | None = None
        self._shown_once = False

    def compose_content(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield MessageLine(id="message")
        yield OptionList(id="requests", classes="fill", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def items(self) -> list[RequestPosting]:
        return self.data.items if self.data else []

    def current(self) -> RequestPosting | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#requests", OptionList).highlighted
        items = self.items
        return items[index] if index is not None and 0 <= index < len(items) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current()
        if action == "apply":
            return item is not None and item.application_id is None
        if action == "sheet":
            return item is not None
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self.query_one("#requests", OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self._shown_once:
            self.load()  # 公開中/非公開 may have been changed in the profile pane
        self._shown_once = True

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("req.title"))
        self.query_one("#hint", Static).update(t("req.hint"))
        self._fill()

    def _fill(self) -> None:
        data = self.data
        count = self.query_one("#count", Static)
        listing = self.query_one("#requests", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        if data is None:
            count.update("")
            return
        listing.display = data.listed
        if not data.listed:
            count.update(t("req.not_listed"))
        elif not data.items:
            count.update(t("req.none"))
        else:
            count.update(t("req.count", count=data.total))
        listing.add_options([Option(request_text(r), id=str(r.id)) for r in data.items])
        if data.items:
            listing.highlighted = min(highlighted or 0, len(data.items) - 1)
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="requests")
    async def load(self) -> None:
        data = await self.call(
            lambda c: c.request_postings(),
            busy=lambda: t("req.loading"),
            failed="req.load_failed",
            retry=self.load,
            latest="requests",
        )
        if data is not NO_ANSWER:
            self.data = data
            self._fill()

    @on(OptionList.OptionHighlighted, "#requests")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#requests")
    def _selected(self) -> None:
        self.action_sheet()

    def _open_posting(self, item: RequestPosting) -> bool:
        if item.posting.status is None or item.posting.status.value != "open":
            status = item.posting.status.value if item.posting.status else "withdrawn"
            self.message.show(
                lambda: t("sheet.not_open", status=t(f"search.status.{status}")), error=True
            )
            return False
        return True

    def action_sheet(self) -> None:
        item = self.current()
        if item is not None and self._open_posting(item):
            self.services.open(places.JobSheet((item.posting.job_number,)), self)

    def action_apply(self) -> None:
        item = self.current()
        if item is None or not self._open_posting(item):
            return
        if item.application_id is not None:
            self.message.show(lambda: t("apply.already"), error=True)
            return
        self.services.open(places.Apply(item.posting.job_number), self)
