"""What an error means to the person at the terminal: every exception a call can raise (the
client's typed errors, the embedded launcher's) turned into one message in the current
language, and the server's field errors into problems of named fields.

The client's error classes decide, never code strings: `api_client.errors` has a class per
server code. It is imported when an error is explained, not before: the login screen paints
before pydantic is loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strings.i18n import has, t
from strings.problems import account_problem

if TYPE_CHECKING:
    from api_client.validation import Problem

log = logging.getLogger("hellowork.tui")


class ServiceUnavailable(Exception):
    """The app could not provide a client (e.g. the built-in server failed); str() is UI text."""


@dataclass
class Explained:
    """An exception in words: the message, and the server's field problems by field name
    (named with the account forms' field names)."""

    message: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    try_again_later: bool = False  # the network or the server, not the input


def explain(exc: BaseException) -> Explained:
    """Map any exception from the client (or the embedded launcher) to UI text."""
    from api_client import errors

    if isinstance(exc, errors.TransportError):
        log.info("transport error: %r (cause %r)", exc, exc.__cause__ or exc.__context__)
        return Explained(t("error.transport"), try_again_later=True)
    if isinstance(exc, errors.APIStatusError):
        # A server error says only "the server had an error", unless it is one with words of
        # its own (the database is down, the mail could not be sent).
        specific = (errors.DatabaseUnavailable, errors.MailNotSent)
        generic = isinstance(exc, errors.ServerError) and not isinstance(exc, specific)
        code = "internal_error" if generic else str(exc.code)
        params: dict[str, Any] = dict(exc.params)
        seconds = exc.retry_after if exc.retry_after is not None else params.get("retry_after")
        if seconds is not None:
            params.setdefault("seconds", int(float(seconds) + 0.999))
        params.setdefault("seconds", "—")
        params.setdefault("limit", "—")
        message = t(f"error.{code}", **params) if has(f"error.{code}") else exc.body.message
        lockable = "remaining" in exc.params and "reason" not in exc.params and not exc.fields
        if isinstance(exc, errors.InvalidCredentials) and lockable:
            # Wrong password at login: how many tries are left before the lock.
            message += " " + t("error.lock_remaining", remaining=params["remaining"])
        fields: dict[str, list[str]] = {}
        for fe in exc.fields:
            fields.setdefault(fe.field, []).append(account_problem(fe.code, fe.field, fe.params))
        return Explained(message, fields, try_again_later=isinstance(exc, errors.ServerError))
    if isinstance(exc, ServiceUnavailable):
        return Explained(str(exc), try_again_later=True)
    from pydantic import ValidationError

    from api_client.wire import control_character_codes

    if isinstance(exc, ValidationError):
        # A request body the client refused to build (a control character pasted into a
        # field): the same words as the server's 422, never pydantic's own text.
        problems: dict[str, list[str]] = {}
        for err in exc.errors():
            name = ".".join(str(part) for part in err["loc"])
            value = err.get("input")
            chars = control_character_codes(value) if isinstance(value, str) else ""
            problems.setdefault(name, []).append(
                account_problem(err["type"], name, {"chars": chars})
            )
        return Explained(t("error.validation_error"), problems)
    log.exception("unexpected error", exc_info=exc)
    return Explained(
        t("error.unknown", detail=f"{type(exc).__name__}: {exc}"), try_again_later=True
    )


def error_text(exc: BaseException) -> Callable[[], str]:
    """The message of `exc`, rebuilt in the current language each time it is shown."""
    return lambda: explain(exc).message


def session_lost(exc: BaseException) -> bool:
    """The server no longer knows the session: signing in again is the way on."""
    from api_client import errors

    return isinstance(exc, errors.SessionExpired | errors.NotAuthenticated)


def locked_out(exc: BaseException) -> bool:
    """A wrong password in a session locked the account, which ends the session."""
    from api_client import errors

    return isinstance(exc, errors.AccountLocked)


def key_refused(exc: BaseException) -> bool:
    """The server refused the authentication key itself (wrong, expired, too many tries)."""
    from api_client import errors

    return isinstance(
        exc, errors.AuthKeyInvalid | errors.AuthKeyExpired | errors.AuthKeyAttemptsExhausted
    )


def key_must_be_resent(exc: BaseException) -> bool:
    """The authentication key can no longer be used (expired, too many wrong tries): a new
    one has to be sent."""
    from api_client import errors

    return isinstance(exc, errors.AuthKeyExpired | errors.AuthKeyAttemptsExhausted)


def field_problems(exc: BaseException) -> dict[str, list[Problem]]:
    """The server's field errors (422) as Problems by field name (empty for other errors)."""
    from api_client import errors
    from api_client.validation import Problem

    out: dict[str, list[Problem]] = {}
    if isinstance(exc, errors.APIStatusError):
        for fe in exc.fields:
            params = {k: v for k, v in fe.params.items() if isinstance(v, str | int)}
            out.setdefault(fe.field, []).append(Problem(fe.code, params))
    return out


StepProblems = list[tuple[str, str, dict[str, Any]]]


def step_problems(exc: BaseException) -> dict[int, StepProblems]:
    """The registration's field errors by step (params.step), as (path, code, params)."""
    from api_client import errors

    out: dict[int, StepProblems] = {}
    if isinstance(exc, errors.APIStatusError):
        for fe in exc.fields:
            params = dict(fe.params)
            step = int(params.get("step", 0) or 0)
            out.setdefault(step, []).append((fe.field, fe.code, params))
    return out


def account_error_text(exc: BaseException) -> Callable[[], str]:
    """The error's message, made specific where the server gave a reason (code mismatch,
    re-registration period over, …), rebuilt on a language switch."""

    def text() -> str:
        from api_client import errors

        if isinstance(exc, errors.APIStatusError):
            reason = exc.params.get("reason")
            if reason is not None and has(f"reason.{reason}"):
                return t(f"reason.{reason}", **exc.params)
        return explain(exc).message

    return text
