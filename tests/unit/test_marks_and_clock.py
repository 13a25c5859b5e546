"""Message marks and the 求人票's time format, in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from strings.dates import format_clock
from strings.i18n import get_language, set_language
from strings.marks import ERROR, NOTE, marked


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    before = get_language()
    yield
    set_language(before)


def test_a_japanese_message_follows_its_mark_with_no_space_to_break_at() -> None:
    assert (
        marked(ERROR, "年齢は15〜99の半角数字で入力してください。")
        == "✖年齢は15〜99の半角数字で入力してください。"
    )
    assert marked(NOTE, "（全角）の注記") == "ℹ（全角）の注記"


def test_a_latin_message_keeps_a_no_break_space_after_its_mark() -> None:
    assert marked(ERROR, "Enter your age") == "✖\u00a0Enter your age"
    assert marked(NOTE, "15 or over") == "ℹ\u00a015 or over"


def test_times_of_day_read_as_the_sheet_writes_them() -> None:
    set_language("ja")
    assert format_clock("09:00") == "9時00分"
    assert format_clock("17:40") == "17時40分"
    assert format_clock("") == ""  # nothing to format stays as it is
    set_language("en")
    assert format_clock("09:00") == "09:00"
