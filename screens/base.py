"""What every screen shares: the app services they use, localisation, error explanations.

Screens reach the app through the `Services` protocol instead of importing tui.app (which
imports the screens). Nothing heavy is imported at module level: api_client.errors (pydantic)
is loaded only when an error is being explained, so the login screen paints before the
client libraries are loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual import events, on
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Static

from strings.i18n import has, t
from widgets.field import Field, Message

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.device_store import DeviceTokenStore
    from api_client.models import ServerMeta
    from api_client.validation import Problem
    from tui.drafts import DraftStore

log = logging.getLogger("hellowork.tui")

R = TypeVar("R")

# How long a request may run before the screen says it is working on it.
BUSY_DELAY = 0.15


class Services(Protocol):
    """The part of the App that screens use."""

    @property
    def kiosk(self) -> bool: ...

    @property
    def mailbox_dir(self) -> Path | None: ...

    @property
    def device_store(self) -> DeviceTokenStore: ...

    @property
    def client_ready(self) -> bool: ...

    @property
    def signed_in_email(self) -> str | None: ...

    @property
    def drafts(self) -> DraftStore: ...

    async def get_client(self) -> MyPageClient: ...

    async def get_meta(self) -> ServerMeta: ...

    async def device_availability(self) -> tuple[bool, str | None]: ...

    def go_home(self, email: str, then: Screen[None] | None = None) -> None: ...

    def show_from_login(self, screen: Screen[None]) -> None: ...

    def back_to_login(
        self, message: str | None = None, *, error: bool = False, email: str | None = None
    ) -> None: ...

    def session_lost(self, retry: Callable[[], object] | None = None) -> None: ...

    def open_mailbox(self, addresses: Sequence[str] = ()) -> None: ...


def localise_bindings(node: DOMNode, *, refresh: bool = True) -> None:
    """Give every binding whose `id` is a catalogue key its text in the current language.

    Binding descriptions are fixed strings, so the node's own bindings map is rewritten.
    Nodes do it once when constructed (`refresh=False`: nothing shows them yet, and a
    refresh would make every Footer recompose before the first paint) and again, with a
    refresh, when the language changes.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=t(b.id)) if b.id and has(b.id) else b for b in items
        ]
    if refresh:
        node.refresh_bindings()


class Localised:
    """Mixin for screens: texts are (re)applied on mount and on every language switch."""

    def apply_language(self) -> None:
        """Set every text of the screen from the catalogue. Override in screens."""


class MailboxAccess:
    """What screens and dialogs share: the app's services, and the built-in mailbox key
    (Ctrl+O) of the sign-in screens."""

    @property
    def services(self) -> Services:
        return cast(Services, cast(Screen[object], self).app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No mailbox key where there is no mailbox (kiosk, remote server): hidden and inert.
        if action == "mailbox":
            return self.services.mailbox_dir is not None
        return True

    def mail_addresses(self) -> list[str]:
        """Whose mail the mailbox may show from here: the address being signed in, reset or
        registered (an `email` attribute, the e-mail fields), and the signed-in user's."""
        found = [getattr(self, "email", None), self.services.signed_in_email]
        screen = cast(Screen[object], self)
        for field_id in ("#field-email", "#field-new_email"):
            found += [f.value for f in screen.query(field_id).results(Field)]
        return [a.strip() for a in found if isinstance(a, str) and a.strip()]

    def action_mailbox(self) -> None:
        self.services.open_mailbox(self.mail_addresses())


class BaseScreen(MailboxAccess, Screen[None], Localised):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._resumed_once = False
        localise_bindings(self, refresh=False)

    def on_mount(self) -> None:
        # Textual runs the on_mount of every class in the MRO, subclass first, so screens
        # must not call super().on_mount(): the texts would be applied twice.
        self.apply_texts()

    @on(events.ScreenResume)
    def _skip_first_restyle(self, event: events.ScreenResume) -> None:
        # Textual restyles the whole screen on every resume. The first resume comes right
        # after mounting, when every style is fresh: skipping it saves a full pass over the
        # tree on each screen push. Later resumes keep the restyle. (Handlers run from
        # subclass to base, so this runs before Screen's own.)
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False

    def relocalise(self) -> None:
        localise_bindings(self)
        self.apply_texts()

    def apply_texts(self) -> None:
        self.apply_language()
        for line in self.query(MessageLine):
            line.rebuild()
        for field_widget in self.query(Field):
            field_widget.rebuild_messages()


class BaseModal(MailboxAccess, ModalScreen[R], Localised):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, refresh=False)

    def on_mount(self) -> None:
        self.apply_language()

    def relocalise(self) -> None:
        localise_bindings(self)
        self.apply_language()


def set_text(widget: Static, text: str) -> None:
    """Update a Static only when its text changes: every update costs the screen a layout."""
    if widget.content != text:
        widget.update(text)


class MessageLine(Static):
    """A status line: an error (✖) or a note (ℹ) — marked by symbol and words, not colour."""

    DEFAULT_CSS = """
    MessageLine { height: auto; margin: 1 0 0 0; display: none; }
    MessageLine.-shown { display: block; }
    MessageLine.-error { text-style: bold; color: $text-error; }
    MessageLine.-busy { text-style: italic; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.text = ""
        self._message: Message = None
        self._error = False
        self._busy = False
        self._pending: Timer | None = None

    def show(self, message: Message, *, error: bool = False, busy: bool = False) -> None:
        """`message` may be a function building the text, re-run on a language switch."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self._message, self._error, self._busy = message, error, busy
        self.text = (message() if callable(message) else message) or ""
        mark = "✖\u00a0" if error else ("…\u00a0" if busy else "ℹ\u00a0")
        set_text(self, mark + self.text if self.text else "")
        self.set_class(bool(self.text), "-shown")
        self.set_class(error, "-error")
        self.set_class(busy, "-busy")

    def busy_after(self, message: Message, seconds: float = BUSY_DELAY) -> None:
        """Say "working…" only if the work is still running after `seconds`: an answer that
        comes sooner changes nothing on screen (no flash, no extra layout). Any `show`
        before then cancels it."""
        self.show(None)
        self._pending = self.set_timer(seconds, lambda: self.show(message, busy=True))

    def rebuild(self) -> None:
        self.show(self._message, error=self._error, busy=self._busy)


class ServiceUnavailable(Exception):
    """The app could not provide a client (e.g. the built-in server failed); str() is UI text."""


@dataclass
class Explained:
    """An exception turned into what the UI needs: a code, a message, per-field messages."""

    code: str
    message: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    params: dict[str, str | int] = field(default_factory=dict)
    retry_after: float | None = None

    @property
    def session_lost(self) -> bool:
        return self.code in ("session_expired", "not_authenticated")


FIELD_NAME_KEYS = {
    "email": "field.email",
    "password": "field.password",
    "otp": "field.otp",
    "auth_key": "field.auth_key",
    "new_password": "field.new_password",
    "new_password_confirm": "field.new_password_confirm",
    "seeker_number": "field.seeker_number",
}


def field_label(name: str) -> str:
    return t(FIELD_NAME_KEYS.get(name, "field.field"))


def problem_message(code: str, field_name: str, params: dict[str, str | int] | None = None) -> str:
    """The message for a validation code, naming the field."""
    key = f"validation.{code}" if has(f"validation.{code}") else "validation.invalid"
    return t(key, field=field_label(field_name), **(params or {}))


def locked_out(services: Services, exc: BaseException) -> bool:
    """A wrong password in a session locked the account, which ends the session: back to
    the login screen with the reason. True if that happened."""
    info = explain(exc)
    if info.code != "account_locked":
        return False
    services.back_to_login(info.message, error=True)
    return True


def error_text(exc: BaseException) -> Callable[[], str]:
    """The message of `exc`, rebuilt in the current language each time it is shown."""
    return lambda: explain(exc).message


def field_error_text(exc: BaseException, name: str, sep: str = "\n") -> Callable[[], str]:
    return lambda: sep.join(explain(exc).fields.get(name, []))


def problems_text(problems: Sequence[Problem], name: str) -> Callable[[], str]:
    return lambda: "\n".join(problem_message(p.code, name, p.params) for p in problems)


def explain(exc: BaseException) -> Explained:
    """Map any exception from the client (or the embedded launcher) to UI text."""
    from api_client import errors

    if isinstance(exc, errors.TransportError):
        log.info("transport error: %r (cause %r)", exc, exc.__cause__ or exc.__context__)
        return Explained("transport", t("error.transport"))
    if isinstance(exc, errors.APIStatusError):
        code = str(exc.code)
        params = dict(exc.params)
        seconds = exc.retry_after if exc.retry_after is not None else params.get("retry_after")
        if seconds is not None:
            params.setdefault("seconds", int(float(seconds) + 0.999))
        params.setdefault("seconds", "—")
        params.setdefault("limit", "—")
        specific = (errors.DatabaseUnavailable, errors.MailNotSent)
        if isinstance(exc, errors.ServerError) and not isinstance(exc, specific):
            code = "internal_error"
        message = t(f"error.{code}", **params) if has(f"error.{code}") else exc.body.message
        lockable = "remaining" in exc.params and "reason" not in exc.params and not exc.fields
        if code == "invalid_credentials" and lockable:
            # Wrong password at login: how many tries are left before the lock.
            message += " " + t("error.lock_remaining", remaining=params["remaining"])
        fields: dict[str, list[str]] = {}
        for fe in exc.fields:
            fields.setdefault(fe.field, []).append(problem_message(fe.code, fe.field, fe.params))
        return Explained(code, message, fields, dict(exc.params), exc.retry_after)
    if isinstance(exc, ServiceUnavailable):
        return Explained("server_failed", str(exc))
    log.exception("unexpected error", exc_info=exc)
    return Explained("unknown", t("error.unknown", detail=f"{type(exc).__name__}: {exc}"))
