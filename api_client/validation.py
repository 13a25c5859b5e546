"""Input rules shared by client and server (the server enforces every one itself).

Each check returns `Problem`s with a stable code and parameters; the TUI and the server turn
codes into messages. Normalisers return the normalised value and what they changed, so the UI
can say exactly what it altered (full-width ＠ → @, and so on).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

PASSWORD_MIN = 8
PASSWORD_MAX = 32
# Union of the symbol lists in the seeds (SPEC §1).
PASSWORD_SYMBOLS = "!\"#$%&'()*+,-./:;<=>?@"  # noqa: S105 - the allowed symbols
EMAIL_MAX = 100
AUTH_KEY_MAX = 32
SEEKER_NUMBER_RE = re.compile(r"^[0-9]{5}-[0-9]{1,8}$")

# A short list of passwords that satisfy the composition rule yet are guessed first.
_COMMON_PASSWORDS = frozenset(
    {
        "password1!",
        "password1@",
        "p@ssw0rd",
        "p@ssword1",
        "passw0rd!",
        "qwerty1!",
        "qwerty123!",
        "abc123!@",
        "abcd1234!",
        "abcd1234@",
        "@abcd1234",
        "1qaz2wsx!",
        "1q2w3e4r!",
        "admin123!",
        "welcome1!",
        "hello123!",
        "hellowork1!",
        "iloveyou1!",
        "letmein1!",
        "12345678a!",
        "a12345678!",
        "zaq12wsx!",
    }
)


@dataclass(frozen=True)
class Problem:
    """One broken rule: `code` is stable, `params` fill the message."""

    code: str
    params: dict[str, str | int] = field(default_factory=dict)


def password_problems(password: str) -> list[Problem]:
    """All the ways `password` breaks the Hello Work rule, most useful first.

    The rule (seeds 000/001/002/004): 8–32 half-width characters, at least one digit, one
    letter and one of the allowed symbols, nothing else.
    """
    problems: list[Problem] = []
    bad = sorted({c for c in password if not _password_char_ok(c)})
    if bad:
        problems.append(
            Problem(
                "password_forbidden_char",
                {"chars": " ".join(_visible(c) for c in bad), "symbols": PASSWORD_SYMBOLS},
            )
        )
    if len(password) < PASSWORD_MIN:
        problems.append(Problem("password_too_short", {"min": PASSWORD_MIN}))
    if len(password) > PASSWORD_MAX:
        problems.append(Problem("password_too_long", {"max": PASSWORD_MAX}))
    if not any(c.isascii() and c.isdigit() for c in password):
        problems.append(Problem("password_missing_digit"))
    if not any(c.isascii() and c.isalpha() for c in password):
        problems.append(Problem("password_missing_letter"))
    if not any(c in PASSWORD_SYMBOLS for c in password):
        problems.append(Problem("password_missing_symbol", {"symbols": PASSWORD_SYMBOLS}))
    if not problems and password.lower() in _COMMON_PASSWORDS:
        problems.append(Problem("password_common"))
    return problems


def password_confirm_problems(password: str, confirm: str) -> list[Problem]:
    return [] if password == confirm else [Problem("password_mismatch")]


def _password_char_ok(c: str) -> bool:
    return (c.isascii() and c.isalnum()) or c in PASSWORD_SYMBOLS


def _visible(c: str) -> str:
    if c == " ":
        return "(space)"
    if c == "\u3000":
        return "(full-width space)"
    if not c.isprintable():
        return f"U+{ord(c):04X}"
    return c


@dataclass(frozen=True)
class Normalised:
    value: str
    changed: bool


def normalise_halfwidth(text: str) -> Normalised:
    """NFKC for values that are unambiguous in half-width (e-mail, numbers, codes)."""
    value = unicodedata.normalize("NFKC", text).strip()
    return Normalised(value, value != text)


_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def normalise_email(text: str) -> Normalised:
    """NFKC, then lower-case the domain (the local part is kept as typed)."""
    n = normalise_halfwidth(text)
    local, sep, domain = n.value.rpartition("@")
    value = f"{local}{sep}{domain.lower()}" if sep else n.value
    return Normalised(value, value != text)


def email_problems(email: str) -> list[Problem]:
    """Rules for an already-normalised e-mail address."""
    if not email:
        return [Problem("required")]
    if len(email) > EMAIL_MAX:
        return [Problem("email_too_long", {"max": EMAIL_MAX})]
    if not email.isascii():
        return [Problem("email_not_halfwidth")]
    if not _EMAIL_RE.match(email):
        return [Problem("email_invalid")]
    return []


def email_key(email: str) -> str:
    """The form an address is compared and stored in: normalised, fully lower-cased."""
    return normalise_email(email).value.lower()


def seeker_number_problems(number: str) -> list[Problem]:
    if not number:
        return [Problem("required")]
    if not SEEKER_NUMBER_RE.match(number):
        return [Problem("seeker_number_format")]
    return []
