"""アカウントの再登録: within 30 days of 退会, e-mail + password → 認証キー → signed in again
(seed 004). After that the server says the period is over, in words."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from api_client.validation import Problem, normalise_halfwidth
from screens.base import NO_ANSWER, AccountScreen, show_field_problems
from session.errors import account_error_text
from strings.dates import format_jst
from strings.i18n import t
from widgets.account_fields import (
    check_email,
    show_problems,
)
from widgets.field import Field
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.push_button import PushButton


class ReregisterScreen(AccountScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send key", id="key.send_key"),
    ]

    def __init__(self, email: str = "") -> None:
        super().__init__()
        self.initial_email = email

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="email", value=self.initial_email, max_length=300)
            yield Field("", input_id="password", password=True, max_length=256)
            yield PushButton("", id="send", variant="primary")
            yield MessageLine(id="message")
            yield from self._links()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#email", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("rereg.title"))
        self.query_one("#intro", Static).update(t("rereg.intro"))
        self.query_one("#field-email", Field).set_label(t("field.email"), t("open.email_hint"))
        self.query_one("#field-password", Field).set_label(t("field.password"))
        self.query_one("#send", PushButton).label = t("open.send")
        self._label_links()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "password":
            self.action_send()
        else:
            self.focus_next()

    @on(PushButton.Pressed, "#send")
    def action_send(self) -> None:
        email = check_email(self.query_one("#field-email", Field))
        pw = self.query_one("#field-password", Field)
        ok = show_problems(pw, "password", [] if pw.value else [Problem("required")])
        if email is not None and ok:
            self.send(email, pw.value)

    @work(exclusive=True, group="rereg")
    async def send(self, email: str, password: str) -> None:
        message = self.query_one("#message", MessageLine)

        def failed(exc: BaseException) -> None:
            message.show(account_error_text(exc), error=True)
            show_field_problems(self, exc, ("email", "password"))

        sent = await self.call(
            lambda c: c.request_reregistration(email, password),
            busy=lambda: t("open.sending"),
            on={Exception: failed},
        )
        if sent is NO_ANSWER:
            return
        self.query_one("#field-password", Field).value = ""
        self.services.push(self, ReregisterConfirmScreen(email, sent.expires_at))


class ReregisterConfirmScreen(AccountScreen):
    def __init__(self, email: str, expires_at: datetime) -> None:
        super().__init__()
        self.email = email
        self.expires_at = expires_at

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="auth_key", max_length=64)
            yield PushButton("", id="confirm", variant="primary")
            yield MessageLine(id="message")
            yield from self._links()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#auth_key", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("rereg.title"))
        until = format_jst(self.expires_at)
        self.query_one("#intro", Static).update(t("rereg.key_intro", email=self.email, until=until))
        self.query_one("#field-auth_key", Field).set_label(t("field.auth_key"))
        self.query_one("#confirm", PushButton).label = t("rereg.confirm")
        self._label_links()

    @on(Input.Submitted, "#auth_key")
    @on(PushButton.Pressed, "#confirm")
    def submit(self) -> None:
        field = self.query_one("#field-auth_key", Field)
        key = normalise_halfwidth(field.value.strip()).value
        field.value = key
        if show_problems(field, "auth_key", [] if key else [Problem("required")]):
            self.confirm(key)

    @work(exclusive=True, group="rereg-confirm")
    async def confirm(self, key: str) -> None:
        done = await self.call(
            lambda c: c.confirm_reregistration(self.email, key),
            busy=lambda: t("open.finishing"),
            on={Exception: lambda exc: self.key_step_failed(exc, ("auth_key",))},
        )
        if done is NO_ANSWER:
            return
        self.app.notify(t("rereg.done"))
        self.services.go_home(self.email)
