"""Properties of the shared input rules (api_client/validation.py)."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from api_client.validation import (
    PASSWORD_SYMBOLS,
    email_key,
    email_problems,
    normalise_email,
    password_problems,
    seeker_number_problems,
)

ALLOWED = string.ascii_letters + string.digits + PASSWORD_SYMBOLS


def codes(pw: str) -> set[str]:
    return {p.code for p in password_problems(pw)}


@given(
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=10),
    st.text(alphabet=string.digits, min_size=1, max_size=10),
    st.text(alphabet=PASSWORD_SYMBOLS, min_size=1, max_size=10),
)
def test_any_mix_of_the_three_kinds_in_range_is_accepted(a: str, d: str, s: str) -> None:
    pw = (a + d + s + "Xy9!")[:32]
    pw = pw if len(pw) >= 8 else pw + "Ab3#xyzw"
    problems = codes(pw)
    assert problems <= {"password_common"}


@given(st.text(alphabet=ALLOWED, max_size=40))
def test_every_rule_break_is_named(pw: str) -> None:
    problems = codes(pw)
    assert ("password_too_short" in problems) == (len(pw) < 8)
    assert ("password_too_long" in problems) == (len(pw) > 32)
    assert ("password_missing_digit" in problems) == (not any(c.isdigit() for c in pw))
    assert ("password_missing_letter" in problems) == (not any(c.isalpha() for c in pw))
    assert ("password_missing_symbol" in problems) == (not any(c in PASSWORD_SYMBOLS for c in pw))
    assert "password_forbidden_char" not in problems


@given(st.text(min_size=1).filter(lambda t: any(c not in ALLOWED for c in t)))
def test_anything_outside_the_alphabet_is_refused_by_name(pw: str) -> None:
    forbidden = [p for p in password_problems(pw) if p.code == "password_forbidden_char"]
    assert forbidden
    assert forbidden[0].params["symbols"] == PASSWORD_SYMBOLS


def test_yen_fullwidth_and_space_are_refused() -> None:
    for pw in ["Abcd123¥x", "Ａbcd123!x", "Abcd 123!x", "Abcd\u3000123!x"]:
        assert "password_forbidden_char" in codes(pw)


def test_common_passwords_are_refused() -> None:
    assert codes("Password1!") == {"password_common"}


@given(st.emails())
def test_fullwidth_email_normalises_to_the_halfwidth_address(email: str) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in email)
    n = normalise_email(wide)
    assert email_key(n.value) == email_key(email)
    assert n.changed == (wide != n.value)


def test_email_rules() -> None:
    assert email_problems("") and email_problems("")[0].code == "required"
    assert email_problems("a" * 96 + "@x.jp")[0].code == "email_too_long"
    assert email_problems("あ@example.jp")[0].code == "email_not_halfwidth"
    assert email_problems("no-at-sign")[0].code == "email_invalid"
    assert email_problems("taro@example.jp") == []


def test_seeker_number_format() -> None:
    assert seeker_number_problems("70000-99999999") == []
    assert seeker_number_problems("70000-1") == []
    assert seeker_number_problems("7000-99999999")[0].code == "seeker_number_format"
    assert seeker_number_problems("70000-123456789")[0].code == "seeker_number_format"


def test_fullwidth_digits_are_not_a_seeker_number_until_normalised() -> None:
    assert seeker_number_problems("７００００-１")[0].code == "seeker_number_format"
