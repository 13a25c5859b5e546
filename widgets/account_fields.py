"""Checks shared by the account forms (opening, settings, withdrawal, re-registration): the
shared rules applied to typed values, what normalisation changed, and the live password-rule
note — every message naming its field (strings/problems.py)."""

from __future__ import annotations

from collections.abc import Iterable

from api_client.validation import (
    PASSWORD_SYMBOLS,
    Normalised,
    Problem,
    email_problems,
    normalise_email,
    password_problems,
)
from strings.i18n import t
from strings.problems import field_name, problem_text
from widgets.date_field import DateField
from widgets.field import Field

AnyField = Field | DateField


def show_problems(field: AnyField, name: str, problems: Iterable[Problem]) -> bool:
    """Show `problems` under `field` (named in each message); True when there were none."""
    found = list(problems)
    if not found:
        field.set_error(None)
        return True
    field.set_error(
        lambda: "\n".join(problem_text(p.code, field_name(name), dict(p.params)) for p in found)
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
        return problem_text(first.code, field_name("password"), dict(first.params))
    return t("open.password_ok")
