"""When the server says the session is gone.

Normally a dialog signs the same user in again over the current screen (nothing typed is
lost). In kiosk mode — or when we do not know who was signed in — a notice leads back to the
login screen instead, so the next person never sees the last one's screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from screens.base import NO_ANSWER, BaseModal
from session.errors import error_text
from session.signin import OTP_RE, ends_attempt, finish_sign_in, normalise_otp, start_sign_in
from strings.i18n import t
from strings.problems import account_problem
from widgets.field import Field
from widgets.link_list import Link, LinkList
from widgets.message_line import MessageLine
from widgets.push_button import PushButton


class SessionExpiredModal(BaseModal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="key.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="body", markup=False)
            yield PushButton("", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", PushButton).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("session.title"))
        self.query_one("#body", Static).update(t("session.expired"))
        self.query_one("#ok", PushButton).label = t("session.to_login")

    @on(PushButton.Pressed, "#ok")
    def action_close(self) -> None:
        self.dismiss()


class ReauthModal(BaseModal[bool]):
    """Sign in again over the current screen, so nothing on it is lost.

    Dismissed with True once signed in (the caller retries what failed), False when the
    user chose to go to the login screen instead.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Go to login", id="key.to_login"),
        Binding("ctrl+o", "mailbox", "Mailbox", id="key.mailbox"),
    ]

    def __init__(self, email: str) -> None:
        super().__init__()
        self.email = email
        self.ticket: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="body", markup=False)
            yield Field("", input_id="password", password=True, max_length=256)
            yield Field("", input_id="otp", max_length=16)
            yield PushButton("", id="ok", variant="primary")
            yield MessageLine(id="message")
            yield LinkList(
                Link("mailbox", "mailbox", shown=self.services.mailbox_dir is not None),
                Link("cancel", "cancel"),
                id="links",
            )

    def on_mount(self) -> None:
        self.query_one("#field-otp", Field).display = False
        self.query_one("#password", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("session.title"))
        self.query_one("#body", Static).update(t("session.reauth", email=self.email))
        self.query_one("#field-password", Field).set_label(t("field.password"))
        self.query_one("#field-otp", Field).set_label(t("field.otp"))
        self.query_one("#ok", PushButton).label = t("login.submit")
        links = self.query_one(LinkList)
        links.set_label("mailbox", t("login.mailbox") + " (Ctrl+O)")
        links.set_label("cancel", t("session.to_login") + " (Esc)")

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted)
    @on(PushButton.Pressed, "#ok")
    def submit(self) -> None:
        if self.ticket is None:
            field = self.query_one("#field-password", Field)
            if not field.value:
                field.set_error(lambda: account_problem("required", "password"))
                return
            field.set_error(None)
            self.sign_in(field.value)
            return
        field = self.query_one("#field-otp", Field)
        otp = normalise_otp(field.value)
        if not OTP_RE.match(otp):
            code = "otp_format" if otp else "required"
            field.set_error(lambda: account_problem(code, "otp"))
            return
        field.set_error(None)
        self.verify(self.ticket, otp)

    @work(exclusive=True, group="reauth")
    async def sign_in(self, password: str) -> None:
        response = await self.call(
            lambda _: start_sign_in(self.services, self.email, password),
            busy=lambda: t("login.signing_in"),
        )
        if response is NO_ANSWER:
            return
        message = self.query_one("#message", MessageLine)
        self.query_one("#field-password", Field).value = ""
        if response.status == "signed_in":
            self.dismiss(True)
            return
        self.ticket = response.login_ticket
        self.query_one("#field-password", Field).display = False
        otp_field = self.query_one("#field-otp", Field)
        otp_field.display = True
        otp_field.input.focus()
        message.show(lambda: t("session.otp_sent", email=self.email))

    @work(exclusive=True, group="reauth")
    async def verify(self, ticket: str, otp: str) -> None:
        message = self.query_one("#message", MessageLine)

        def failed(exc: BaseException) -> None:
            message.show(error_text(exc), error=True)
            if ends_attempt(exc):
                # This attempt is over: ask for the password again.
                self.ticket = None
                self.query_one("#field-otp", Field).display = False
                password = self.query_one("#field-password", Field)
                password.display = True
                password.input.focus()
            else:
                self.query_one("#field-otp", Field).value = ""

        done = await self.call(
            lambda _: finish_sign_in(self.services, self.email, ticket, otp, remember=False),
            busy=lambda: t("otp.verifying"),
            on={Exception: failed},
        )
        if done is not NO_ANSWER:
            self.dismiss(True)
