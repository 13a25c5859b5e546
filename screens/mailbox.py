"""The built-in server's outbox: what it "sent" (OTP, 認証キー), newest first.

Only in embedded mode, so a new user can finish sign-in without a real mail server; never in
kiosk mode; and only the mail to the addresses of the screen it was opened from (the one
being signed in, reset or registered), not everyone's who used this machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from api_client.validation import email_key
from screens.base import BaseScreen
from session.outbox import OutboxMessage, list_messages
from strings.dates import format_jst
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

POLL_SECONDS = 2.0


class MailboxScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="key.back"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, maildir: Path, addresses: Sequence[str] = ()) -> None:
        super().__init__()
        self.maildir = maildir
        self.addresses = frozenset(email_key(a) for a in addresses)
        self.messages: list[OutboxMessage] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield OptionList(id="mail-list", markup=False)
            yield MessageLine(id="message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        # Mail may arrive while the mailbox is open (the OTP is sent a moment after login).
        self.set_interval(POLL_SECONDS, self._poll)

    def _poll(self) -> None:
        if self.is_current:
            self.reload()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("mailbox.title"))
        self.query_one("#hint", Static).update(t("mailbox.hint"))
        self._fill()

    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.reload()

    @work(exclusive=True, group="mailbox")
    async def reload(self) -> None:
        everything = await asyncio.to_thread(list_messages, self.maildir)
        messages = [m for m in everything if self._for_us(m)]
        if [m.key for m in messages] != [m.key for m in self.messages] or not messages:
            self.messages = messages
            self._fill()

    def _for_us(self, message: OutboxMessage) -> bool:
        return any(email_key(a) in self.addresses for a in message.recipients)

    def _fill(self) -> None:
        mail_list = self.query_one("#mail-list", OptionList)
        mail_list.clear_options()
        for index, m in enumerate(self.messages):
            subject = m.subject or t("mailbox.no_subject")
            label = f"{format_jst(m.date)}  {subject}  → {m.to}"
            mail_list.add_option(Option(label, id=str(index)))
        mail_list.display = bool(self.messages)
        if self.messages:
            mail_list.focus()  # the list is the screen's one control
        elif self.focused is mail_list:
            self.set_focus(None)  # no focus on a hidden list: the message says why it is empty
        empty = t("mailbox.empty") if self.addresses else t("mailbox.no_address")
        self.query_one("#message", MessageLine).show(None if self.messages else empty)
        if self.messages:
            mail_list.highlighted = 0

    @on(OptionList.OptionSelected, "#mail-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.services.push(self, MailScreen(self.messages[int(event.option.id)]))


class MailScreen(BaseScreen):
    """One message as plain text."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="key.back")]

    def __init__(self, message: OutboxMessage) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="mail-body", classes="page", can_focus=True):
            yield Static("", id="mail-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#mail-body", VerticalScroll).focus()

    def apply_language(self) -> None:
        labels = (t("mailbox.from"), t("mailbox.to"), t("mailbox.subject"), t("mailbox.date"))
        text = self.message.as_text(labels, format_jst(self.message.date))
        self.query_one("#mail-text", Static).update(text)

    def action_back(self) -> None:
        self.dismiss()
