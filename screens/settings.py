"""各種設定 (求職者情報・設定): registration 有効 ⇔ 無効, e-mail change (key to the new address),
password change, OTP-skip devices あり/なし and resume on all, 特集求人 delivery, withdrawal.

The screen itself has no text inputs, so every action is a Ctrl key shown in the footer and a
button; the forms that need typing are screens of their own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from api_client.models import RegistrationStatus
from api_client.validation import (
    Problem,
    normalise_halfwidth,
    password_confirm_problems,
    password_problems,
)
from screens.base import NO_ANSWER, BaseModal, SignedInScreen
from session import places
from strings.dates import format_date, format_jst
from strings.i18n import t
from widgets.account_fields import (
    check_email_pair,
    password_note,
    show_problems,
)
from widgets.field import Field
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.push_button import PushButton

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.profile_models import SettingsView


class ConfirmModal(BaseModal[bool]):
    """Yes / no, with the consequences spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "no", "No", id="key.no"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static(self.text, id="body", markup=False)
            yield PushButton("", id="yes", variant="primary")
            yield PushButton("", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", PushButton).focus()  # the safe answer has the focus

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("settings.confirm_title"))
        self.query_one("#yes", PushButton).label = t("key.yes")
        self.query_one("#no", PushButton).label = t("key.no") + " (Esc)"

    @on(PushButton.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(PushButton.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class SettingsScreen(SignedInScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "registration", "Valid/invalid", id="key.set.registration"),
        Binding("ctrl+e", "email", "E-mail", id="key.set.email"),
        Binding("ctrl+p", "password", "Password", id="key.set.password"),
        Binding("ctrl+d", "devices", "Resume OTP", id="key.set.devices"),
        Binding("ctrl+f", "delivery", "Featured", id="key.set.delivery"),
        Binding("ctrl+w", "withdraw", "Withdraw", id="key.set.withdraw"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: SettingsView | None = None

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield MessageLine(id="message")
            yield Static("", id="email", markup=False)
            yield Static("", id="pending", markup=False)
            yield PushButton("", id="btn-email", classes="link")
            yield PushButton("", id="btn-password", classes="link")
            yield Static("", id="registration", classes="section", markup=False)
            yield Static("", id="registration-explain", classes="hint", markup=False)
            yield PushButton("", id="btn-registration", classes="link")
            yield Static("", id="devices", classes="section", markup=False)
            yield PushButton("", id="btn-devices", classes="link")
            yield Static("", id="delivery", classes="section", markup=False)
            yield Static("", id="delivery-explain", classes="hint", markup=False)
            yield PushButton("", id="btn-delivery", classes="link")
            yield PushButton("", id="btn-withdraw", classes="link")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#btn-email", PushButton).focus()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("settings.title"))
        self.query_one("#btn-email", PushButton).label = t("settings.btn.email")
        self.query_one("#btn-password", PushButton).label = t("settings.btn.password")
        self.query_one("#btn-devices", PushButton).label = t("settings.btn.devices")
        self.query_one("#btn-withdraw", PushButton).label = t("settings.btn.withdraw")
        self.query_one("#registration-explain", Static).update(t("settings.invalid_explain"))
        self.query_one("#delivery-explain", Static).update(t("settings.delivery_explain"))
        self._show()

    def _show(self) -> None:
        view = self.view
        if view is None:
            return
        self.query_one("#email", Static).update(t("settings.email", email=view.email))
        pending = self.query_one("#pending", Static)
        pending.update(
            t("settings.pending_email", email=view.pending_email) if view.pending_email else ""
        )
        pending.display = bool(view.pending_email)
        reg = self.query_one("#registration", Static)
        button = self.query_one("#btn-registration", PushButton)
        if view.registration_status is None:
            reg.update(t("settings.registration_none"))
            button.display = False
        else:
            until = (
                t("profile.until", date=format_date(view.registration_valid_until))
                if view.registration_valid_until and view.registration_status.value == "valid"
                else ""
            )
            status = t(f"settings.status.{view.registration_status.value}")
            reg.update(t("settings.registration", status=status, until=until))
            button.display = True
            valid = view.registration_status is RegistrationStatus.valid
            button.label = t(f"settings.btn.registration_{'off' if valid else 'on'}")
        state = t("settings.devices.yes" if view.otp_skip_devices else "settings.devices.no")
        self.query_one("#devices", Static).update(t("settings.devices", state=state))
        on_off = "on" if view.feature_delivery else "off"
        self.query_one("#delivery", Static).update(
            t("settings.delivery", state=t(f"settings.delivery.{on_off}"))
        )
        self.query_one("#btn-delivery", PushButton).label = t(
            f"settings.btn.delivery_{'off' if view.feature_delivery else 'on'}"
        )
        self.query_one("#btn-delivery", PushButton).display = view.has_registration

    # ------------------------------------------------------------------ loading

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="settings")
    async def load(self) -> None:
        view = await self.call(
            lambda c: c.settings(),
            busy=lambda: t("settings.loading"),
            failed="settings.load_failed",
            retry=self.load,
            latest="settings",
        )
        if view is not NO_ANSWER:
            self.view = view
            self._show()

    # ------------------------------------------------------------------ actions

    def action_registration(self) -> None:
        view = self.view
        if view is None or view.registration_status is None:
            return
        to_invalid = view.registration_status is RegistrationStatus.valid
        text = (
            t("settings.confirm_invalid", explain=t("settings.invalid_explain"))
            if to_invalid
            else t("settings.confirm_valid")
        )
        target = RegistrationStatus.invalid if to_invalid else RegistrationStatus.valid
        self._say(None)

        def answered(yes: bool | None) -> None:
            if yes:
                self.set_registration(target)

        self.services.push(self, ConfirmModal(text), answered)

    @work(exclusive=True, group="settings-change")
    async def set_registration(self, status: RegistrationStatus) -> None:
        done = (
            "settings.now_invalid" if status is RegistrationStatus.invalid else "settings.now_valid"
        )
        await self._change(lambda c: c.set_registration_status(status), lambda _: done)

    def action_delivery(self) -> None:
        if self.view is not None and self.view.has_registration:
            self.set_delivery(not self.view.feature_delivery)

    @work(exclusive=True, group="settings-change")
    async def set_delivery(self, enabled: bool) -> None:
        await self._change(
            lambda c: c.set_feature_delivery(enabled),
            lambda view: f"settings.delivery_now_{'on' if view.feature_delivery else 'off'}",
        )

    def action_devices(self) -> None:
        self._say(None)

        def answered(yes: bool | None) -> None:
            if yes:
                self.resume_otp()

        self.services.push(self, ConfirmModal(t("settings.confirm_devices")), answered)

    @work(exclusive=True, group="settings-change")
    async def resume_otp(self) -> None:
        async def resume(client: MyPageClient) -> SettingsView:
            await client.resume_otp_all_devices()
            return await client.settings()

        await self._change(resume, lambda _: "settings.devices_resumed")

    def _say(self, key: str | None, **params: object) -> None:
        """The screen's one message: the outcome of the latest action (None: cleared, so an
        old outcome never stands next to a later action)."""
        line = self.query_one("#message", MessageLine)
        line.show(None if key is None else (lambda: t(key, **params)))

    async def _change(
        self,
        request: Callable[[MyPageClient], Awaitable[SettingsView]],
        done_key: Callable[[SettingsView], str],
    ) -> None:
        view = await self.call(
            request,
            busy=lambda: t("settings.working"),
            failed="settings.failed",
            retry=self.load,  # after signing in again: show how things stand, then decide
        )
        if view is NO_ANSWER:
            return
        self.view = view
        self._say(done_key(view))
        self._show()

    def action_email(self) -> None:
        self._say(None)

        def after(email: str | None) -> None:
            if email:
                self._say("email_change.done", email=email)
            self.load()

        self.services.push(self, EmailChangeScreen(), after)

    def action_password(self) -> None:
        self._say(None)

        def after(changed: bool | None) -> None:
            if changed:
                self._say("password_change.done")

        self.services.push(self, PasswordChangeScreen(), after)

    def action_withdraw(self) -> None:
        self._say(None)
        self.services.open(places.Withdraw(), self)

    @on(PushButton.Pressed)
    def _pressed(self, event: PushButton.Pressed) -> None:
        actions = {
            "btn-email": self.action_email,
            "btn-password": self.action_password,
            "btn-registration": self.action_registration,
            "btn-devices": self.action_devices,
            "btn-delivery": self.action_delivery,
            "btn-withdraw": self.action_withdraw,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()


class EmailChangeScreen(SignedInScreen):
    """New address ×2 → key to the new address → the key: only then the login e-mail changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", id="key.submit"),
        Binding("ctrl+o", "mailbox", "Mailbox", id="key.mailbox"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sent_to: str | None = None
        self.expires_at: datetime | None = None

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="new_email", max_length=300)
            yield Field("", input_id="new_email_confirm", max_length=300)
            yield Field("", input_id="current_password", password=True, max_length=256)
            yield Field("", input_id="auth_key", max_length=64)
            yield PushButton("", id="submit", variant="primary")
            yield MessageLine(id="message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#field-auth_key").display = False
        self.query_one("#new_email", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("email_change.title"))
        if self.sent_to and self.expires_at:
            until = format_jst(self.expires_at)
            intro = t("email_change.key_intro", email=self.sent_to, until=until)
        else:
            intro = t("email_change.intro")
        self.query_one("#intro", Static).update(intro)
        self.query_one("#field-new_email", Field).set_label(
            t("field.new_email"), t("open.email_hint")
        )
        self.query_one("#field-new_email_confirm", Field).set_label(t("field.new_email_confirm"))
        self.query_one("#field-current_password", Field).set_label(
            t("field.current_password"), t("email_change.password_hint")
        )
        self.query_one("#field-auth_key", Field).set_label(t("field.auth_key"))
        label = t("email_change.confirm") if self.sent_to else t("open.send")
        self.query_one("#submit", PushButton).label = label

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id in ("new_email", "new_email_confirm") and not self.sent_to:
            self.focus_next()
        else:
            self.action_submit()

    @on(PushButton.Pressed, "#submit")
    def action_submit(self) -> None:
        if self.sent_to is None:
            email = check_email_pair(
                self.query_one("#field-new_email", Field),
                self.query_one("#field-new_email_confirm", Field),
                ("new_email", "new_email_confirm"),
            )
            password_field = self.query_one("#field-current_password", Field)
            password = password_field.value
            typed = [] if password else [Problem("required")]
            if show_problems(password_field, "current_password", typed) and email is not None:
                self.request(email, password)
            elif email is not None:
                password_field.input.focus()
            return
        field = self.query_one("#field-auth_key", Field)
        key = normalise_halfwidth(field.value.strip()).value
        field.value = key
        if show_problems(field, "auth_key", [] if key else [Problem("required")]):
            self.confirm(key)

    @work(exclusive=True, group="email")
    async def request(self, email: str, password: str) -> None:
        names = ("new_email", "new_email_confirm", "current_password")
        sent = await self.call(
            lambda c: c.request_email_change(email, email, password),
            busy=lambda: t("open.sending"),
            retry=lambda: self.request(email, password),
            fields=names,
        )
        if sent is NO_ANSWER:
            if self.query_one("#field-current_password", Field).error:
                self.query_one("#current_password", Input).focus()
            return
        self.sent_to, self.expires_at = email, sent.expires_at
        self.query_one("#field-current_password", Field).value = ""
        self.query_one("#field-current_password").display = False
        for name in ("new_email", "new_email_confirm"):
            self.query_one(f"#{name}", Input).disabled = True
        self.query_one("#field-auth_key").display = True
        self.query_one("#auth_key", Input).focus()
        self.apply_language()

    @work(exclusive=True, group="email")
    async def confirm(self, key: str) -> None:
        view = await self.call(
            lambda c: c.confirm_email_change(key),
            busy=lambda: t("settings.working"),
            retry=lambda: self.confirm(key),
            on={Exception: lambda exc: self.key_step_failed(exc, ("auth_key",))},
        )
        if view is NO_ANSWER:
            return
        self.notify_when_shown(t("email_change.done", email=view.email))
        self.dismiss(view.email)


class PasswordChangeScreen(SignedInScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Change", id="key.submit"),
    ]

    NAMES = ("current_password", "new_password", "new_password_confirm")

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            for name in self.NAMES:
                yield Field("", input_id=name, password=True, max_length=256)
            yield PushButton("", id="submit", variant="primary")
            yield MessageLine(id="message")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#current_password", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("password_change.title"))
        self.query_one("#intro", Static).update(t("password_change.intro"))
        for name in self.NAMES:
            self.query_one(f"#field-{name}", Field).set_label(t(f"field.{name}"))
        new = self.query_one("#field-new_password", Field)
        new.set_note(password_note(new.value))
        self.query_one("#submit", PushButton).label = t("password_change.submit")

    @on(Input.Changed, "#new_password")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#field-new_password", Field).set_note(password_note(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "new_password_confirm":
            self.action_submit()
        else:
            self.focus_next()

    @on(PushButton.Pressed, "#submit")
    def action_submit(self) -> None:
        values = {n: self.query_one(f"#field-{n}", Field).value for n in self.NAMES}
        required = [Problem("required")]
        checks = {
            "current_password": [] if values["current_password"] else required,
            "new_password": password_problems(values["new_password"])
            if values["new_password"]
            else required,
            "new_password_confirm": password_confirm_problems(
                values["new_password"], values["new_password_confirm"]
            )
            if values["new_password_confirm"]
            else required,
        }
        ok = True
        for name, problems in checks.items():
            field = self.query_one(f"#field-{name}", Field)
            if not show_problems(field, name, problems) and ok:
                ok = False
                field.input.focus()
        if ok:
            self.change(
                values["current_password"], values["new_password"], values["new_password_confirm"]
            )

    @work(exclusive=True, group="password")
    async def change(self, current: str, new: str, confirm: str) -> None:
        done = await self.call(
            lambda c: c.change_password(current, new, confirm),
            busy=lambda: t("settings.working"),
            retry=lambda: self.change(current, new, confirm),
            fields=self.NAMES,
        )
        if done is NO_ANSWER:
            return
        for name in self.NAMES:
            self.query_one(f"#field-{name}", Field).value = ""
        self.notify_when_shown(t("password_change.done"))
        self.dismiss(True)
