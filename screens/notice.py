"""A notice from Hello Work (the weekly 特集求人 delivery, a message from an office). Opening it
marks it read; J shows the job sheets of the postings it names."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from strings.dates import format_jst
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.profile_models import Notice


class NoticeScreen(SignedInScreen):
    DEFAULT_CSS = """
    NoticeScreen #notice { height: 1fr; padding: 0 2; }
    NoticeScreen #notice:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "sheets", "Job sheets", id="msg.key.sheets"),
    ]

    def __init__(self, notice_id: int) -> None:
        super().__init__()
        self.notice_id = notice_id
        self.notice: Notice | None = None

    def compose_content(self) -> ComposeResult:
        yield Static("", id="title", classes="title", markup=False)
        yield MessageLine(id="message")
        with VerticalScroll(id="notice"):
            yield Static("", id="head", classes="name", markup=False)
            yield Static("", id="body", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#notice", VerticalScroll).focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sheets":
            return self.notice is not None and bool(self.notice.posting_numbers)
        return super().check_action(action, parameters)

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("msg.notice_title"))
        self._show()

    def _show(self) -> None:
        n = self.notice
        if n is None:
            return
        self.query_one("#head", Static).update(
            t("msg.notice_from", subject=n.subject) + "\n" + format_jst(n.created_at)
        )
        body = n.body
        if n.posting_numbers:
            body += "\n\n" + t("msg.notice_postings", numbers="、".join(n.posting_numbers))
        self.query_one("#body", Static).update(body)
        self.refresh_bindings()

    @work(exclusive=True, group="notice")
    async def load(self) -> None:
        async def fetch(c: MyPageClient) -> tuple[Notice, int]:
            notice = await c.mark_notice_read(self.notice_id)
            return notice, (await c.messages()).unread

        found = await self.call(
            fetch, busy=lambda: t("msg.loading_thread"), failed="msg.load_failed", retry=self.load
        )
        if found is NO_ANSWER:
            return
        self.notice, unread = found
        self.services.user.set_unread(unread)
        self._show()

    def action_sheets(self) -> None:
        if self.notice is not None and self.notice.posting_numbers:
            self.services.open(places.JobSheet(tuple(self.notice.posting_numbers)), self)
