"""The shared input rules of 志望動機 and messages, and the no-show rule's window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api_client.application_models import (
    MESSAGE_MAX,
    MOTIVATION_MAX,
    message_problems,
    motivation_problems,
    normalise_text,
)
from server.applications.rules import add_months, restricted


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 5, 11), 3, date(2026, 8, 11)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2028, 2, 29), -3, date(2027, 11, 29)),
        (date(2026, 1, 31), -3, date(2025, 10, 31)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def _days(*offsets: int) -> list[date]:
    return [date(2026, 1, 10) + timedelta(days=o) for o in offsets]


def test_five_within_three_months_restrict() -> None:
    assert not restricted(_days(0, 10, 20, 30))  # four
    assert restricted(_days(0, 10, 20, 30, 40))
    assert restricted(_days(0, 30, 60, 80, 90))  # 10 Jan → 10 Apr: on the window's last day
    assert not restricted(_days(0, 30, 60, 80, 91))
    # Any five in a row, wherever they sit among older ones.
    assert restricted(_days(0, 200, 210, 220, 230, 240))
    assert restricted(list(reversed(_days(0, 10, 20, 30, 40))))  # order does not matter


def test_text_rules() -> None:
    assert motivation_problems("あ" * MOTIVATION_MAX) == []
    [p] = motivation_problems("あ" * (MOTIVATION_MAX + 1))
    assert (p.code, p.params) == (
        "text_too_long",
        {"max": MOTIVATION_MAX, "length": MOTIVATION_MAX + 1},
    )
    assert [p.code for p in message_problems("")] == ["required"]
    assert [p.code for p in message_problems("\u3000 \n")] == ["required"]
    [p] = message_problems("a\x00b\x07c")
    assert (p.code, p.params["chars"]) == ("control_characters", "U+0000 U+0007")
    assert message_problems("行1\n\t行2") == []
    assert message_problems("x" * MESSAGE_MAX) == []


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co")), max_size=50))
def test_normalised_text_keeps_every_line(text: str) -> None:
    once = normalise_text(text + "\r\n" + text + "\r")
    assert "\r" not in once
    assert normalise_text(once) == once
    assert once == text + "\n" + text + "\n"
