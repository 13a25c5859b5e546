"""リクエスト求人: postings employers asked this seeker to look at, newest first. They are
listed only while the seeker's 求職公開状況 is 公開中 (employers see a seeker only then); while
非公開 the screen says so and where to change it. Enter shows the 求人票, A applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER
from screens.list_pane import ListPane
from session import places
from strings.i18n import t
from widgets.activity_text import request_text

if TYPE_CHECKING:
    from api_client.application_models import RequestList, RequestPosting


class RequestsScreen(ListPane["RequestPosting"]):
    LIST_ID = "requests"
    TITLE = "req.title"
    HINT = "req.hint"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "apply", "Apply", id="apps.key.apply"),
        Binding("j", "sheet", "Job sheet", id="apps.key.sheet"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: RequestList | None = None

    @property
    def items(self) -> list[RequestPosting]:
        return self.data.items if self.data else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current()
        if action == "apply":
            return item is not None and item.application_id is None
        if action == "sheet":
            return item is not None
        return super().check_action(action, parameters)

    def listed(self) -> bool:
        # 公開中/非公開 may have been changed in the profile pane: the list follows it.
        return self.data is None or self.data.listed

    def count_text(self) -> str | None:
        data = self.data
        if data is None:
            return None
        if not data.listed:
            return t("req.not_listed")
        if not data.items:
            return t("req.none")
        return t("req.count", count=data.total)

    def options(self) -> Sequence[Option]:
        return [Option(request_text(r), id=str(r.id)) for r in self.items]

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
            self.fill()

    @on(OptionList.OptionSelected, "#requests")
    def _selected(self) -> None:
        self.action_sheet()

    def action_sheet(self) -> None:
        item = self.current()
        if item is not None:
            self.open_sheet(item.posting)

    def action_apply(self) -> None:
        item = self.current()
        if item is None or self.posting_closed(item.posting):
            return
        if item.application_id is not None:
            self.message.show(lambda: t("apply.already"), error=True)
            return
        self.services.open(places.Apply(item.posting.job_number), self)
