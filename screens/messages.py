"""メッセージ: one thread per application with its employer (unread first, then newest
activity) and the notices from Hello Work, each marked 未読 in words while unread. Enter
reads one. The unread count here is the one the menu shows beside メッセージ and Home shows
as 新着メッセージ.

Messages are unavailable while the registration is 無効 (seed 002): the screen says so.
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
from session.errors import error_text
from strings.i18n import t
from widgets.activity_text import notice_text, thread_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.application_models import MessageOverview


class MessagesScreen(SignedInScreen):
    DEFAULT_CSS = """
    MessagesScreen #head { height: auto; padding: 0 1; }
    MessagesScreen #messages:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: MessageOverview | None = None
        self._shown_once = False
        # Option ids: "t<application id>" for a thread, "n<notice id>" for a notice.
        self._ids: list[str] = []

    def compose_content(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield MessageLine(id="message")
        yield OptionList(id="messages", classes="fill", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def on_mount(self) -> None:
        self.query_one("#messages", OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self._shown_once:
            self.load()  # back from a thread: it is read now, or a reply was sent
        self._shown_once = True

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("msg.title"))
        self.query_one("#hint", Static).update(t("msg.hint"))
        self._fill()

    def _fill(self) -> None:
        data = self.data
        count = self.query_one("#count", Static)
        listing = self.query_one("#messages", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        self._ids = []
        if data is None:
            count.update("")
            return
        if not data.threads and not data.notices:
            count.update(t("msg.none"))
            return
        count.update(
            t(
                "msg.count",
                threads=len(data.threads),
                notices=len(data.notices),
                unread=data.unread,
            )
        )
        options: list[Option] = []
        # Unread first (in the server's order: newest activity first), then the rest.
        for thread in sorted(data.threads, key=lambda th: th.unread == 0):
            self._ids.append(f"t{thread.application_id}")
            options.append(Option(thread_text(thread), id=self._ids[-1]))
        for notice in sorted(data.notices, key=lambda n: n.read_at is not None):
            self._ids.append(f"n{notice.id}")
            options.append(Option(notice_text(notice), id=self._ids[-1]))
        listing.add_options(options)
        listing.highlighted = min(highlighted or 0, len(options) - 1)

    def action_reload(self) -> None:
        self.load()

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
        self._fill()

    def _unavailable(self, exc: BaseException) -> None:
        self.data = None
        self._fill()
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
