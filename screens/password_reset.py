"""パスワードをお忘れの方: e-mail → 認証キー by mail → new password ×2 + key (seed 004 §3.1)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from api_client.validation import (
    PASSWORD_SYMBOLS,
    Problem,
    email_problems,
    normalise_email,
    normalise_halfwidth,
    password_confirm_problems,
    password_problems,
)
from screens.base import NO_ANSWER, AccountScreen
from strings.i18n import t
from strings.problems import account_problem
from widgets.account_fields import show_problems
from widgets.field import Field
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.push_button import PushButton


class ResetRequestScreen(AccountScreen):
    """Step 1: the registered e-mail address."""

    def __init__(self, email: str = "") -> None:
        super().__init__()
        self.initial_email = email

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="email", value=self.initial_email, max_length=254)
            yield PushButton("", id="next", variant="primary")
            yield MessageLine(id="message")
            yield from self._links()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#email", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("reset.title"))
        self.query_one("#intro", Static).update(t("reset.intro"))
        self.query_one("#field-email", Field).set_label(t("field.email"), t("login.email_hint"))
        self.query_one("#next", PushButton).label = t("reset.next")
        self._label_links()

    @on(Input.Submitted, "#email")
    @on(PushButton.Pressed, "#next")
    def submit(self) -> None:
        field = self.query_one("#field-email", Field)
        typed = field.value
        normalised = normalise_email(typed)
        if normalised.changed and typed.strip() != normalised.value:
            field.value = normalised.value
            after = normalised.value
            field.set_note(lambda: t("login.normalised", before=typed, after=after))
        problems = email_problems(normalised.value)
        if problems:
            first = problems[0]
            field.set_error(lambda: account_problem(first.code, "email", first.params))
            return
        field.set_error(None)
        self.send(normalised.value)

    @work(exclusive=True, group="reset")
    async def send(self, email: str) -> None:
        button = self.query_one("#next", PushButton)
        button.disabled = True
        try:
            done = await self.call(
                lambda c: c.request_password_reset(email),
                busy=lambda: t("reset.sending"),
                fields=("email",),
            )
        finally:
            button.disabled = False
        if done is NO_ANSWER:
            return
        self.services.push(self, ResetConfirmScreen(email))


class ResetConfirmScreen(AccountScreen):
    """Step 2: new password ×2 and the 認証キー from the mail."""

    def __init__(self, email: str) -> None:
        super().__init__()
        self.email = email

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="new_password", password=True, max_length=256)
            yield Field("", input_id="new_password_confirm", password=True, max_length=256)
            yield Field("", input_id="auth_key", max_length=64)
            yield PushButton("", id="done", variant="primary")
            yield MessageLine(id="message")
            yield from self._links()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#new_password", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("reset.confirm_title"))
        self.query_one("#intro", Static).update(t("reset.confirm_intro", email=self.email))
        rule = t("reset.password_rule", symbols=PASSWORD_SYMBOLS)
        self.query_one("#field-new_password", Field).set_label(t("field.new_password"), rule)
        self.query_one("#field-new_password_confirm", Field).set_label(
            t("field.new_password_confirm")
        )
        self.query_one("#field-auth_key", Field).set_label(t("field.auth_key"))
        self.query_one("#done", PushButton).label = t("reset.submit")
        self._label_links()

    @on(Input.Submitted, "#new_password")
    @on(Input.Submitted, "#new_password_confirm")
    def _next_field(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#auth_key")
    @on(PushButton.Pressed, "#done")
    def submit(self) -> None:
        pw = self.query_one("#field-new_password", Field)
        confirm = self.query_one("#field-new_password_confirm", Field)
        key = self.query_one("#field-auth_key", Field)
        auth_key = normalise_halfwidth(key.value).value
        key.value = auth_key
        required = [Problem("required")]
        problems: dict[str, list[Problem]] = {
            "new_password": password_problems(pw.value) if pw.value else required,
            "new_password_confirm": password_confirm_problems(pw.value, confirm.value)
            if confirm.value
            else required,
            "auth_key": [] if auth_key else required,
        }
        first_bad: Field | None = None
        for name, found in problems.items():
            field = self.query_one(f"#field-{name}", Field)
            show_problems(field, name, found)
            if found and first_bad is None:
                first_bad = field
        if first_bad is not None:
            first_bad.input.focus()
            return
        self.confirm(auth_key, pw.value, confirm.value)

    @work(exclusive=True, group="reset")
    async def confirm(self, auth_key: str, password: str, password_confirm: str) -> None:
        button = self.query_one("#done", PushButton)
        button.disabled = True

        fields = ("new_password", "new_password_confirm", "auth_key")

        def failed(exc: BaseException) -> None:
            self.key_step_failed(exc, fields, restart="reset.restart")

        try:
            done = await self.call(
                lambda c: c.confirm_password_reset(
                    self.email, auth_key, password, password_confirm
                ),
                busy=lambda: t("reset.saving"),
                on={Exception: failed},
            )
        finally:
            button.disabled = False
        if done is NO_ANSWER:
            return
        self.services.back_to_login(t("login.reset_done"), email=self.email)
