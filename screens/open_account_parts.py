"""Pieces shared by the account screens (opening, settings, withdrawal, re-registration):
checking typed values with the shared rules, saying what normalisation changed, showing the
server's field errors next to the fields, and the live password-rule note."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.screen import Screen

from api_client.validation import (
    PASSWORD_SYMBOLS,
    Normalised,
    Problem,
    email_problems,
    normalise_email,
    password_problems,
)
from screens.base import explain
from screens.registration_form import problem_text
from strings.i18n import has, t
from widgets.date_field import DateField
from widgets.field import Field

AnyField = Field | DateField

# Server errors after which the key is useless: a new one must be sent.
RESTART_CODES = frozenset({"auth_key_expired", "auth_key_attempts_exhausted"})


def label_of(name: str) -> str:
    return t(f"field.{name}")


def show_problems(field: AnyField, name: str, problems: Iterable[Problem]) -> bool:
    """Show `problems` under `field` (named in each message); True when there were none."""
    found = list(problems)
    if not found:
        field.set_error(None)
        return True
    field.set_error(
        lambda: "\n".join(problem_text(p.code, label_of(name), dict(p.params)) for p in found)
    )
    return False


def apply_normalised(field: Field, typed: str, n: Normalised) -> str:
    """Put the normalised value in the field and say what changed (nothing if nothing did)."""
    if n.changed and typed.strip() != n.value and n.value != typed:
        field.value = n.value
        after = n.value
        field.set_note(lambda: t("open.normalised", before=typed, after=after))
    else:
        field.set_note(None)
    return n.value


def check_email(field: Field, name: str = "email") -> str | None:
    typed = field.value
    email = apply_normalised(field, typed, normalise_email(typed))
    return email if show_problems(field, name, email_problems(email)) else None


def check_email_pair(first: Field, second: Field, names: tuple[str, str]) -> str | None:
    email = check_email(first, names[0])
    typed = second.value
    again = apply_normalised(second, typed, normalise_email(typed))
    problems = [Problem("required")] if not again else []
    if again and email and again != email:
        problems = [Problem("email_mismatch")]
    ok = show_problems(second, names[1], problems)
    return email if email and ok else None


def password_note(password: str) -> str:
    """The rule, and what the password still lacks (shown while typing)."""
    if not password:
        return t("open.password_rule", symbols=PASSWORD_SYMBOLS)
    codes = {p.code for p in password_problems(password)}
    missing = [
        t(f"open.need.{need}")
        for code, need in (
            ("password_too_short", "length"),
            ("password_missing_digit", "digit"),
            ("password_missing_letter", "letter"),
            ("password_missing_symbol", "symbol"),
        )
        if code in codes
    ]
    if missing:
        return t("open.password_missing", missing="・".join(missing))
    if codes:
        first = password_problems(password)[0]
        return problem_text(first.code, label_of("password"), dict(first.params))
    return t("open.password_ok")


def account_error_text(exc: BaseException) -> Callable[[], str]:
    """The error's message, made specific where the server gave a reason (code mismatch,
    re-registration period over, …), rebuilt on a language switch."""

    def text() -> str:
        from api_client import errors

        info = explain(exc)
        if isinstance(exc, errors.APIStatusError):
            reason = exc.params.get("reason")
            if reason is not None and has(f"reason.{reason}"):
                return t(f"reason.{reason}", **exc.params)
        return info.message

    return text


def api_field_problems(exc: BaseException) -> dict[str, list[Problem]]:
    """The field errors of an API error as Problems by field name."""
    from api_client import errors

    out: dict[str, list[Problem]] = {}
    if isinstance(exc, errors.APIStatusError):
        for fe in exc.fields:
            params: dict[str, Any] = {
                k: v for k, v in fe.params.items() if isinstance(v, str | int)
            }
            out.setdefault(fe.field, []).append(Problem(fe.code, params))
    return out


def show_api_problems(screen: Screen[Any], exc: BaseException, names: Iterable[str]) -> bool:
    """Put the server's field errors under the screen's fields; True if any was shown."""
    found = api_field_problems(exc)
    shown = False
    for name in names:
        if name in found:
            widget = screen.query_one(f"#field-{name}")
            if isinstance(widget, Field | DateField):
                show_problems(widget, name, found[name])
                shown = True
    return shown
