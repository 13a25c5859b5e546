"""ワンタイムパスワードの入力 — the second step of signing in."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from screens.base import NO_ANSWER, BaseScreen
from session.errors import error_text, explain
from session.signin import OTP_RE, finish_sign_in, normalise_otp
from strings.dates import format_jst
from strings.i18n import t
from strings.marks import ERROR, marked
from strings.problems import account_problem
from widgets.checkbox import TickBox
from widgets.field import Field
from widgets.key_bar import KeyBar
from widgets.link_list import Link, LinkList
from widgets.message_line import MessageLine
from widgets.push_button import PushButton

if TYPE_CHECKING:
    from api_client.errors import OtpInvalid


class OtpScreen(BaseScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="key.back"),
        Binding("ctrl+n", "resend", "Resend", id="key.resend"),
        Binding("ctrl+o", "mailbox", "Mailbox", id="key.mailbox"),
    ]

    def __init__(self, email: str, login_ticket: str, expires_at: datetime | None) -> None:
        super().__init__()
        self.email = email
        self.login_ticket = login_ticket
        self.expires_at = expires_at
        self.availability: tuple[bool, str | None] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Static("", id="expires", classes="hint", markup=False)
            yield Field("", input_id="otp", max_length=16)
            yield TickBox("", id="remember")
            yield Static("", id="remember-reason", classes="hint", markup=False)
            yield PushButton("", id="verify", variant="primary")
            yield MessageLine(id="message")
            yield LinkList(
                Link("resend", "resend"),
                Link("mailbox", "mailbox", shown=self.services.mailbox_dir is not None),
                Link("back", "back"),
                id="links",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        # Disabled until the keyring has been asked (off the event loop).
        self.query_one("#remember", TickBox).disabled = True
        self.check_keyring()
        self.query_one("#otp", Input).focus()

    @work(group="keyring")
    async def check_keyring(self) -> None:
        if self.services.kiosk:
            self.availability = (False, "kiosk_mode")
        else:
            self.availability = await self.services.device_availability()
        self.query_one("#remember", TickBox).disabled = not self.availability[0]
        self._show_availability()

    def _show_availability(self) -> None:
        if self.availability is None:
            return
        ok, reason = self.availability
        reason_line = self.query_one("#remember-reason", Static)
        key = f"otp.remember_off.{reason}"
        reason_line.update("" if ok else marked(ERROR, t(key if key in _REASONS else _UNKNOWN)))
        reason_line.display = not ok

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("otp.title"))
        self.query_one("#intro", Static).update(t("otp.intro", email=self.email))
        expires = self.query_one("#expires", Static)
        when = format_jst(self.expires_at) if self.expires_at else ""
        expires.update(t("otp.expires", time=when) if when else "")
        self.query_one("#field-otp", Field).set_label(t("field.otp"))
        self.query_one("#remember", TickBox).label = t("otp.remember")
        self._show_availability()
        self.query_one("#verify", PushButton).label = t("otp.submit")
        links = self.query_one(LinkList)
        links.set_label("resend", t("otp.resend") + " (Ctrl+N)")
        links.set_label("mailbox", t("login.mailbox") + " (Ctrl+O)")
        links.set_label("back", t("otp.back") + " (Esc)")

    # ------------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.services.back_to_login()

    def action_resend(self) -> None:
        self.resend()

    @on(Input.Submitted, "#otp")
    @on(PushButton.Pressed, "#verify")
    def _submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        otp_field = self.query_one("#field-otp", Field)
        otp = normalise_otp(otp_field.value)
        if not otp:
            otp_field.set_error(lambda: account_problem("required", "otp"))
            return
        if not OTP_RE.match(otp):
            otp_field.set_error(lambda: account_problem("otp_format", "otp"))
            return
        otp_field.set_error(None)
        remember = self.query_one("#remember", TickBox)
        self.verify(otp, remember.value and not remember.disabled)

    @work(exclusive=True, group="otp")
    async def verify(self, otp: str, remember: bool) -> None:
        from api_client import errors

        button = self.query_one("#verify", PushButton)
        button.disabled = True
        try:
            stored = await self.call(
                lambda _: finish_sign_in(
                    self.services, self.email, self.login_ticket, otp, remember
                ),
                busy=lambda: t("otp.verifying"),
                on={
                    errors.OtpInvalid: self._wrong_otp,
                    errors.OtpExpired: self._attempt_over,
                    errors.OtpAttemptsExhausted: self._attempt_over,
                    errors.LoginTicketInvalid: self._attempt_over,
                },
            )
        finally:
            button.disabled = False
        if stored is NO_ANSWER:
            return
        if stored is not None:
            self.app.notify(t("otp.token_saved") if stored else t("otp.token_not_saved"))
        self.services.go_home(self.email)

    def _wrong_otp(self, exc: OtpInvalid) -> None:
        def text() -> str:
            return explain(exc).message + " " + t("otp.remaining", remaining=exc.remaining)

        otp_field = self.query_one("#field-otp", Field)
        otp_field.set_error(text if "remaining" in exc.params else error_text(exc))
        otp_field.value = ""
        otp_field.input.focus()

    def _attempt_over(self, exc: BaseException) -> None:
        """This login attempt is over: from the login screen again, saying why."""
        self.services.back_to_login(explain(exc).message, error=True)

    @work(exclusive=True, group="otp-resend")
    async def resend(self) -> None:
        from api_client import errors

        message = self.query_one("#message", MessageLine)
        response = await self.call(
            lambda c: c.resend_otp(self.login_ticket),
            on={
                errors.OtpExpired: self._attempt_over,
                errors.OtpAttemptsExhausted: self._attempt_over,
                errors.LoginTicketInvalid: self._attempt_over,
            },
        )
        if response is NO_ANSWER:
            return
        self.expires_at = response.otp_expires_at
        self.query_one("#expires", Static).update(
            t("otp.expires", time=format_jst(self.expires_at))
        )
        message.show(lambda: t("otp.resent"))
        self.query_one("#otp", Input).focus()


_REASONS = frozenset(
    {
        "otp.remember_off.kiosk_mode",
        "otp.remember_off.keyring_unavailable",
        "otp.remember_off.keyring_insecure",
    }
)
_UNKNOWN = "otp.remember_off.unknown"
