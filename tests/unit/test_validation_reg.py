"""Property tests of the registration rules (api_client.registration_validation and
api_client.profile_rules): full-width lengths, NFKC normalisation, real dates only."""

from __future__ import annotations

import ast
import calendar
import string
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from api_client import profile_rules, registration_validation
from api_client.field_messages import REGISTRATION_FIELD_MESSAGES
from api_client.profile_models import Career, Careers, CareerStatus, LeavingReason, WorkForm
from api_client.profile_rules import EMPLOYMENT_TYPE_MAX, JOB_CONTENT_MAX, check_step
from api_client.registration_validation import (
    creation_code_problems,
    fullwidth_length,
    fullwidth_problems,
    kana_problems,
    normalise_digits,
    normalise_kana,
    normalise_postal_code,
    parse_date,
    parse_time,
    parse_year_month,
    phone_problems,
    postal_code_problems,
)
from server.errors import FIELD_MESSAGES

TODAY = date(2026, 5, 11)
FULL = st.sampled_from("あいうえおカキクケコ漢字求職番号ＡＢＣ１２３")
HALF = st.sampled_from(string.ascii_letters + string.digits + " -()")
FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


# --------------------------------------------------------------------------- full-width length


@given(st.lists(FULL, max_size=40), st.lists(HALF, max_size=80))
def test_fullwidth_length_counts_half_width_as_half(full: list[str], half: list[str]) -> None:
    text = "".join(full) + "".join(half)
    assert fullwidth_length(text) == len(full) + len(half) / 2
    fits = 2 * len(full) + len(half) <= 2 * EMPLOYMENT_TYPE_MAX
    problems = fullwidth_problems(text, EMPLOYMENT_TYPE_MAX)
    if not text.strip():
        assert problems == []
    else:
        assert (problems == []) == fits
        if not fits:
            assert problems[0].code == "fullwidth_too_long"
            assert problems[0].params["max"] == EMPLOYMENT_TYPE_MAX


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=150))
def test_career_limits_in_full_width_characters(n_type: int, n_content: int) -> None:
    career = Career(
        work_form=WorkForm.employed,
        employment_type="正" * n_type,
        job_content="介" * n_content,
        start="2015-04",
        end="2020-03",
        status=CareerStatus.left,
        leaving_reason=LeavingReason.own,
    )
    check = check_step(6, Careers(careers=[career]), TODAY)
    fields = {f for f, _ in check.problems}
    assert ("careers.0.employment_type" in fields) == (n_type > EMPLOYMENT_TYPE_MAX)
    assert ("careers.0.job_content" in fields) == (n_content > JOB_CONTENT_MAX)


# --------------------------------------------------------------------------- NFKC


@given(
    st.from_regex(r"[0-9]{7}", fullmatch=True),
    st.sampled_from(["-", "ー", "－", "−", "‐", ""]),
    st.booleans(),
    st.booleans(),
)
def test_postal_codes_normalise_to_one_form(digits: str, dash: str, wide: bool, mark: bool) -> None:
    typed = f"{digits[:3]}{dash}{digits[3:]}"
    if wide:
        typed = typed.translate(FULLWIDTH_DIGITS)
    if mark:
        typed = "〒" + typed
    n = normalise_postal_code(typed)
    assert n.value == f"{digits[:3]}-{digits[3:]}"
    assert n.changed == (typed != n.value)
    assert postal_code_problems(n.value) == []
    assert normalise_postal_code(n.value).value == n.value  # idempotent


@given(st.text(alphabet="0123456789-", max_size=20))
def test_digits_normalise_from_full_width(text: str) -> None:
    wide = text.translate(FULLWIDTH_DIGITS).replace("-", "ー")
    assert normalise_digits(wide).value == text
    assert normalise_digits(text).value == text and not normalise_digits(text).changed


@given(st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTUVWXYZ", min_size=1, max_size=14))
def test_creation_code_at_most_ten_half_width(code: str) -> None:
    problems = creation_code_problems(code)
    assert (problems == []) == (len(code) <= 10)
    wide = registration_validation.normalise_digits(code.translate(FULLWIDTH_DIGITS)).value
    assert wide == code


@given(st.text(alphabet="ぁあいうえおかがきぎゃゅょっをんゖー", min_size=1, max_size=20))
def test_hiragana_becomes_katakana(text: str) -> None:
    n = normalise_kana(text)
    assert kana_problems(n.value, 60) == []
    assert normalise_kana(n.value).value == n.value


# --------------------------------------------------------------------------- real dates only


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_real_dates_parse(day: date, slash: bool) -> None:
    sep = "/" if slash else "-"
    typed = f"{day.year}{sep}{day.month}{sep}{day.day}".translate(FULLWIDTH_DIGITS)
    assert parse_date(normalise_digits(typed).value) == (day, [])


@given(
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99),
)
def test_impossible_dates_are_refused(year: int, month: int, day: int) -> None:
    real = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    value, problems = parse_date(f"{year:04d}-{month:02d}-{day:02d}")
    if real:
        assert value == date(year, month, day) and problems == []
    else:
        assert value is None and [p.code for p in problems] == ["date_not_real"]


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=0, max_value=20))
def test_year_months(year: int, month: int) -> None:
    value, problems = parse_year_month(f"{year}-{month:02d}")
    assert (value == (year, month)) == (1 <= month <= 12)
    assert (problems == []) == (1 <= month <= 12)


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=99))
def test_times(hours: int, minutes: int) -> None:
    value, problems = parse_time(f"{hours:02d}:{minutes:02d}")
    real = minutes < 60 and (hours < 24 or (hours == 24 and minutes == 0))
    assert (value == hours * 60 + minutes) == real and (problems == []) == real


def test_date_format_and_future_careers() -> None:
    assert parse_date("1990年4月1日")[1][0].code == "date_format"
    check = check_step(
        6,
        Careers(careers=[Career(job_content="x", start="2027-01", status=CareerStatus.current)]),
        TODAY,
    )
    assert ("careers.0.start", "date_in_future") in {(f, p.code) for f, p in check.problems}


def test_phones() -> None:
    assert phone_problems("03-1234-5678", mobile=False) == []
    assert phone_problems("090-1234-5678", mobile=True) == []
    assert phone_problems("090-1234-5678", mobile=False)[0].code == "phone_fixed_format"
    assert phone_problems("03-1234-5678", mobile=True)[0].code == "phone_mobile_format"
    assert phone_problems("03--1234", mobile=False)[0].code == "phone_format"


# --------------------------------------------------------------------------- messages


def _codes(source: str) -> set[str]:
    codes = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Problem"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            codes.add(node.args[0].value)
    return codes


def test_every_registration_code_has_both_messages() -> None:
    root = Path(__file__).resolve().parents[2]
    sources = [Path(registration_validation.__file__), Path(profile_rules.__file__)]
    for folder in ("server/registration", "server/profile", "server/accounts"):
        sources += sorted((root / folder).glob("*.py"))
    codes = set().union(*(_codes(p.read_text()) for p in sources))
    assert {"fullwidth_too_long", "postal_code_unknown", "must_agree"} <= codes
    for code in codes:
        assert code in REGISTRATION_FIELD_MESSAGES or code in FIELD_MESSAGES, code
    for code, (ja, en) in REGISTRATION_FIELD_MESSAGES.items():
        names = [{n for _, n, _, _ in string.Formatter().parse(t) if n} for t in (ja, en)]
        assert names[0] == names[1], code
        assert FIELD_MESSAGES[code] == en


def test_address_digits_become_fullwidth_and_names_are_trimmed_with_a_note() -> None:
    from api_client.profile_rules import check_step
    from tests.api.reg_support import valid_steps

    basic = valid_steps()[1].model_copy(
        update={"address": "千代田1-1 ﾋﾞﾙ2F", "family_name": "求職\u3000", "given_name": "花子"}
    )
    check = check_step(1, basic, date(2026, 5, 11))
    assert check.body.address == "千代田１－１\u3000ビル２Ｆ"
    assert check.body.family_name == "求職"
    changed = {path: (before, after) for path, before, after in check.normalised}
    assert changed["address"] == ("千代田1-1 ﾋﾞﾙ2F", "千代田１－１\u3000ビル２Ｆ")
    assert changed["family_name"] == ("求職\u3000", "求職")  # said, not dropped silently
    assert "given_name" not in changed
    # Already full-width: nothing to say.
    again = check_step(1, check.body, date(2026, 5, 11))
    assert "address" not in {path for path, _, _ in again.normalised}
