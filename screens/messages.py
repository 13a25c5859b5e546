"""メッセージ: one thread per application with its employer (unread first, then newest
activity) and the notices from Hello Work, each marked 未読 in words while unread. Enter
reads one. The unread count here is the one the menu shows beside メッセージ and Home shows
as 新着メッセージ.

Messages are unavailable while the registration is 無効 (seed 002): the screen says so.
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
from session.errors import error_text
from strings.i18n import t
from widgets.activity_text import notice_text, thread_text

if TYPE_CHECKING:
    from api_client.application_models import MessageOverview


class MessagesScreen(ListPane[object]):
    LIST_ID = "messages"
    TITLE = "msg.title"
    HINT = "msg.hint"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: MessageOverview | None = None
        # Option ids: "t<application id>" for a thread, "n<notice id>" for a notice.
        self._ids: list[str] = []

    def count_text(self) -> str | None:
        data = self.data
        if data is None:
            return None
        if not data.threads and not data.notices:
            return t("msg.none")
        return t(
            "msg.count",
            threads=len(data.threads),
            notices=len(data.notices),
            unread=data.unread,
        )

    def options(self) -> Sequence[Option]:
        data = self.data
        self._ids = []
        if data is None:
            return []
        options: list[Option] = []
        # Unread first (in the server's order: newest activity first), then the rest.
        for thread in sorted(data.threads, key=lambda th: th.unread == 0):
            self._ids.append(f"t{thread.application_id}")
            options.append(Option(thread_text(thread), id=self._ids[-1]))
        for notice in sorted(data.notices, key=lambda n: n.read_at is not None):
            self._ids.append(f"n{notice.id}")
            options.append(Option(notice_text(notice), id=self._ids[-1]))
        return options

    @work(exclusive=True, group="messages")
    async def load(self) -> None:
        from api_client import errors

        data = await self.call(
            lambda c: c.messages(),
            busy=lambda: t("msg.loading"),
            failed="msg.load_failed",
            retry=self.load,
            on={errors.RegistrationInvalid: self._unavailable},
            latest="messages",
        )
        if data is NO_ANSWER:
            return
        self.data = data
        self.services.user.set_unread(data.unread)
        self.fill()

    def _unavailable(self, exc: BaseException) -> None:
        self.data = None
        self.fill()
        self.message.show(error_text(exc))

    @on(OptionList.OptionSelected, "#messages")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if not 0 <= event.option_index < len(self._ids):
            return
        ident = self._ids[event.option_index]
        if ident.startswith("t"):
            self.services.open(places.Thread(int(ident[1:])), self)
        else:
            self.services.open(places.NoticeView(int(ident[1:])), self)
