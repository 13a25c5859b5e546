"""求職者マイページログイン — e-mail + password, then OTP (or straight Home with a device token)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from api_client.validation import email_problems, normalise_email
from screens.base import NO_ANSWER, BaseScreen
from session.errors import error_text, explain
from session.signin import start_sign_in
from strings.i18n import t
from strings.problems import account_problem
from widgets.field import Field, Message
from widgets.key_bar import KeyBar
from widgets.link_list import Link, LinkList
from widgets.message_line import MessageLine
from widgets.push_button import PushButton


class LoginScreen(BaseScreen):
    AUTO_FOCUS = "#email"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "forgot", "Forgot password", id="key.reset"),
        Binding("ctrl+o", "mailbox", "Mailbox", id="key.mailbox"),
        Binding("f2", "open_account('code')", "Open (code)", id="key.open_code"),
        Binding("f3", "open_account('online')", "Open online", id="key.open_online"),
        Binding("f4", "reregister", "Re-register", id="key.reregister"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="email", max_length=254)
            yield Field("", input_id="password", password=True, max_length=256)
            yield PushButton("", id="login", variant="primary")
            yield MessageLine(id="message")
            yield MessageLine(id="server-state")
            yield LinkList(
                Link("forgot", "forgot"),
                Link("mailbox", "mailbox", shown=self.services.mailbox_dir is not None),
                Link("open-code", "open_account('code')"),
                Link("open-online", "open_account('online')"),
                Link("reregister", "reregister"),
                id="links",
            )
            yield Static("", id="keys-hint", classes="hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#email", Input).focus()
        self.watch_server()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("login.title"))
        self.query_one("#intro", Static).update(t("login.intro"))
        self.query_one("#field-email", Field).set_label(t("field.email"), t("login.email_hint"))
        self.query_one("#field-password", Field).set_label(t("field.password"))
        self.query_one("#login", PushButton).label = t("login.submit")
        links = self.query_one(LinkList)
        links.set_label("forgot", t("login.forgot") + " (Ctrl+R)")
        links.set_label("mailbox", t("login.mailbox") + " (Ctrl+O)")
        links.set_label("open-code", t("login.open_code") + " (F2)")
        links.set_label("open-online", t("login.open_online") + " (F3)")
        links.set_label("reregister", t("login.reregister") + " (F4)")
        self.query_one("#keys-hint", Static).update(t("login.keys_hint"))
        if not self.services.client_ready:
            self.query_one("#server-state", MessageLine).show(
                lambda: t("server.starting"), busy=True
            )

    # ------------------------------------------------------------------ server start-up state

    @work(group="server-state")
    async def watch_server(self) -> None:
        """Show "starting server…" until the client is usable; never blocks the first paint."""
        state = self.query_one("#server-state", MessageLine)
        if self.services.client_ready:
            state.show(None)
            return
        try:
            await self.services.get_client()
        except Exception as exc:
            state.show(error_text(exc), error=True)
        else:
            state.show(None)

    # ------------------------------------------------------------------ public helpers

    def show_message(self, message: Message, *, error: bool = False) -> None:
        self.query_one("#message", MessageLine).show(message, error=error)

    def clear(self, *, keep_email: bool = False) -> None:
        """Forget what the last user typed (kiosk: nothing of them stays on screen)."""
        if not keep_email:
            self.query_one("#field-email", Field).value = ""
        self.query_one("#field-password", Field).value = ""
        for f in self.query(Field):
            f.set_error(None)
            f.set_note(None)
            if not keep_email:
                f.input.forget_history()  # nothing to undo back to the last user's address
        self.show_message(None)
        self.query_one("#email", Input).focus()

    def is_blank(self) -> bool:
        """Nothing typed (the idle sign-out has nothing here to clear)."""
        return not any(f.value for f in self.query(Field))

    def prefill_email(self, email: str) -> None:
        self.query_one("#field-email", Field).value = email
        self.query_one("#password", Input).focus()

    # ------------------------------------------------------------------ actions

    def action_forgot(self) -> None:
        email = normalise_email(self.query_one("#field-email", Field).value).value
        from session import places  # made on first use (session/panes.py)

        self.services.open(places.PasswordReset(email), self)

    def action_open_account(self, mode: str) -> None:
        from session import places  # made on first use (session/panes.py)

        self.services.open(places.OpenAccount("code" if mode == "code" else "online"), self)

    def action_reregister(self) -> None:
        email = normalise_email(self.query_one("#field-email", Field).value).value
        from session import places  # made on first use (session/panes.py)

        self.services.open(places.Reregister(email), self)

    @on(Input.Submitted, "#email")
    def _email_submitted(self) -> None:
        if self.query_one("#field-password", Field).value:
            self.submit()
        else:
            self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(PushButton.Pressed, "#login")
    def _login_pressed(self) -> None:
        self.submit()

    def submit(self) -> None:
        email_field = self.query_one("#field-email", Field)
        password_field = self.query_one("#field-password", Field)
        typed = email_field.value
        normalised = normalise_email(typed)
        email = normalised.value
        if normalised.changed and typed.strip() != email:
            email_field.value = email
            email_field.set_note(lambda: t("login.normalised", before=typed, after=email))
        else:
            email_field.set_note(None)
        ok = True
        problems = email_problems(email)
        first = problems[0] if problems else None
        email_field.set_error(
            (lambda: account_problem(first.code, "email", first.params)) if first else None
        )
        if problems:
            ok = False
            email_field.input.focus()
        password = password_field.value
        password_field.set_error(
            None if password else (lambda: account_problem("required", "password"))
        )
        if not password and ok:
            ok = False
            password_field.input.focus()
        if ok:
            self.sign_in(email, password)

    @work(exclusive=True, group="login")
    async def sign_in(self, email: str, password: str) -> None:
        button = self.query_one("#login", PushButton)
        button.disabled = True
        try:
            response = await self.call(
                lambda _: start_sign_in(self.services, email, password),
                busy=lambda: t(
                    "login.signing_in" if self.services.client_ready else "server.waiting"
                ),
                on={Exception: self._show_error},
            )
        finally:
            button.disabled = False
        if response is NO_ANSWER:
            return
        self.query_one("#field-password", Field).value = ""
        if response.status == "signed_in":
            self.services.go_home(email)
            return
        assert response.login_ticket is not None
        # Over the login screen, even if the user opened another screen meanwhile.
        from session import places  # made on first use (session/panes.py)

        self.services.open(places.Otp(email, response.login_ticket, response.otp_expires_at))

    @staticmethod
    def _field_text(exc: BaseException, name: str) -> Callable[[], str]:
        return lambda: " ".join(explain(exc).fields.get(name, []))

    def _show_error(self, exc: BaseException) -> None:
        from api_client import errors

        def text() -> str:
            said = explain(exc)
            return said.message + (" " + t("login.retry_hint") if said.try_again_later else "")

        self.show_message(text, error=True)
        fields = explain(exc).fields
        for name in ("email", "password"):
            if name in fields:
                self.query_one(f"#field-{name}", Field).set_error(self._field_text(exc, name))
        if isinstance(exc, errors.InvalidCredentials):
            self.query_one("#password", Input).focus()
