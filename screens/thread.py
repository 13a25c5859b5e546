"""The messages with the employer of one application, oldest first, and the reply being
written. Opening the thread marks the employer's messages read (the unread counts of the
menu and Home follow).

The reply is a local draft from the first key press (session/text_drafts.py): a refusal, a
network failure, an expired session (signed in again, the send is retried) or quitting the
app loses nothing, and sending again carries the same Idempotency-Key, so a retry never
posts a second message. The draft is deleted once the server has the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from session.text_drafts import TextDraft, reply_draft
from strings.dates import format_jst
from strings.i18n import t
from strings.problems import account_problem
from widgets.activity_text import posting_line, state_label, state_mark
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.text_editor import TextEditor

if TYPE_CHECKING:
    from api_client.application_models import Message, Thread
    from api_client.client import MyPageClient


class ThreadScreen(SignedInScreen):
    DEFAULT_CSS = """
    ThreadScreen #conversation { height: 1fr; min-height: 4; padding: 0 1; }
    ThreadScreen #conversation:focus { border: heavy $accent; }
    ThreadScreen #reply-box { height: auto; padding: 0 1; }
    ThreadScreen #field-body > TextArea { height: 5; }
    ThreadScreen .msg-head { text-style: bold; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", id="msg.key.send", priority=True),
        Binding("f4", "activity", "Application", id="msg.key.application"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.thread: Thread | None = None
        self._draft: TextDraft | None = None
        self._sending = False

    @property
    def draft(self) -> TextDraft:
        if self._draft is None:
            self._draft = TextDraft.open(
                self.services.drafts, self.services.user.email, reply_draft(self.application_id)
            )
        return self._draft

    def compose_content(self) -> ComposeResult:
        from api_client.application_models import MESSAGE_MAX

        yield Static("", id="title", classes="title", markup=False)
        yield Static("", id="posting", classes="name", markup=False)
        yield MessageLine(id="message")
        with VerticalScroll(id="conversation"):
            yield Static("", id="body", markup=False)
        with VerticalScroll(id="reply-box"):
            yield TextEditor("msg.reply", MESSAGE_MAX, self.draft.text, id="field-body")
            yield Static("", id="draft-note", classes="hint", markup=False)
        yield KeyBar()

    @property
    def editor(self) -> TextEditor:
        return self.query_one("#field-body", TextEditor)

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def on_mount(self) -> None:
        self.editor.focus_text()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("msg.thread_title"))
        note = "msg.draft_note_kiosk" if self.services.drafts.memory_only else "msg.draft_note"
        self.query_one("#draft-note", Static).update(t(note))
        self.editor.relabel()
        self._show()

    def _show(self) -> None:
        thread = self.thread
        posting = self.query_one("#posting", Static)
        body = self.query_one("#body", Static)
        if thread is None:
            posting.update("")
            body.update("")
            return
        a = thread.application
        posting.update(state_mark(state_label(a.state.value)) + " " + posting_line(a.posting))
        if not thread.messages:
            body.update(t("msg.no_messages"))
            return
        body.update("\n\n".join(self._message_text(m) for m in thread.messages))

    def _message_text(self, m: Message) -> str:
        who = t(f"msg.sender.{m.sender.value}")
        unread = (
            " " + t("apps.unread_one") if m.sender.value == "employer" and m.read_at is None else ""
        )
        return f"■ {who}  {format_jst(m.sent_at)}{unread}\n{m.body}"

    # ------------------------------------------------------------------ loading, reading

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="thread")
    async def load(self, announce: bool = True) -> None:
        """`announce`: say "loading…" (not after a send, whose line says it was sent)."""

        async def fetch(c: MyPageClient) -> tuple[Thread, int | None]:
            thread = await c.thread(self.application_id)
            unread = None
            if thread.unread:
                unread = (await c.mark_thread_read(self.application_id)).unread
            return thread, unread

        found = await self.call(
            fetch,
            busy=(lambda: t("msg.loading_thread")) if announce else None,
            failed="msg.load_failed",
            retry=self.load,
            latest="thread",
        )
        if found is NO_ANSWER:
            return
        self.thread, unread = found
        if unread is not None:
            self.services.user.set_unread(unread)
        self._show()
        self.query_one("#conversation", VerticalScroll).scroll_end(animate=False)

    def action_activity(self) -> None:
        self.services.open(places.ApplicationDetail(self.application_id), self)

    # ------------------------------------------------------------------ the draft

    @on(TextEditor.Changed, "#field-body")
    def _typed(self, event: TextEditor.Changed) -> None:
        self.draft.keep(event.text)

    def on_unmount(self) -> None:
        if self._draft is not None:
            self._draft.flush()

    # ------------------------------------------------------------------ sending

    def action_send(self) -> None:
        from api_client.application_models import message_problems

        if self._sending:
            return
        problems = message_problems(self.editor.text)
        if problems:
            p = problems[0]
            self.editor.set_error(lambda: account_problem(p.code, "body", p.params))
            self.editor.focus_text()
            return
        self.send()

    @work(exclusive=True, group="send")
    async def send(self) -> None:
        from api_client.application_models import normalise_text

        text = self.editor.text
        key = self.draft.key
        self.draft.keep(text)
        self.draft.flush()  # on disk before it leaves: a crash now still has it
        application_id = self.application_id
        self._sending = True
        try:
            sent = await self.call(
                lambda c: c.send_message(application_id, text, idempotency_key=key),
                busy=lambda: t("msg.sending"),
                failed="msg.send_failed",
                retry=self.send,
                fields=("body",),
            )
        finally:
            self._sending = False
        if sent is NO_ANSWER:
            return
        if normalise_text(sent.body) != normalise_text(text):
            # The key had already sent an earlier version (its answer was lost, then the
            # text was edited): that one is in the thread; the edited text stays a draft.
            self.draft.sent()
            self.draft.keep(text)
            self.message.show(lambda: t("msg.earlier_sent"))
        else:
            self.draft.sent()
            self.editor.set_text("")
            self.message.show(lambda: t("msg.sent"))
        self.load(announce=False)
