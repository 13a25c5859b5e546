"""Search results at 80×24: a table of one line per posting with the card of the highlighted
row below it; T switches to the seed's cards and back; the highlighted posting and the page
hold across a switch, a resize and a visit to another pane — by keys, on the real server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from screens.favorites import FavoritesScreen
from screens.results import CARDS, TABLE, ResultsScreen
from tests.tui.flows import database_with_postings, search_all
from tests.tui.helpers import settle
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.job_rows import fit, place_text, row_text

SMALL = (80, 24)
LARGE = (120, 40)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def prompts(results: ResultsScreen) -> list[str]:
    cards = results.cards
    return [str(cards.get_option_at_index(i).prompt) for i in range(cards.option_count)]


def detail(results: ResultsScreen) -> str:
    return str(results.query_one("#detail", Static).render())


def highlighted_number(results: ResultsScreen) -> str:
    index = results.cards.highlighted
    assert index is not None and results.result is not None
    return results.result.items[index].job_number


async def test_a_small_terminal_shows_one_line_per_posting_and_the_card_of_the_row(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        results = await search_all(pilot, tui_server)
        assert results.view == TABLE
        rows = prompts(results)
        assert len(rows) == 30
        width = results.cards.scrollable_content_region.width
        for row in rows:
            assert "\n" not in row
            assert cell_len(row) <= width
        # Seven rows or more, and the card of the highlighted one, in 24 lines with the keys.
        assert results.cards.scrollable_content_region.height >= 7
        assert highlighted_number(results) in detail(results)

        await pilot.press("down", "down", "down", "space")
        await settle(pilot)
        number = highlighted_number(results)
        assert number in detail(results)
        assert prompts(results)[3].startswith("[✓]")
        assert "[✓]" in detail(results)
        assert "チェック: 1件" in str(results.query_one("#order", Static).render())


async def test_the_row_page_and_view_hold_across_panes_switches_and_resizes(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        results = await search_all(pilot, tui_server)
        await pilot.press("right_square_bracket")  # page 2
        await settle(pilot)
        await pilot.press("down", "down")
        number = highlighted_number(results)

        await pilot.press("alt+5")
        await settle(pilot)
        assert isinstance(app.screen, FavoritesScreen)
        await pilot.press("alt+2")
        await settle(pilot)
        assert app.screen is results
        assert results.request.page == 2
        assert highlighted_number(results) == number
        assert number in detail(results)

        await pilot.press("t")  # the cards, the same posting highlighted
        await settle(pilot)
        assert results.view == CARDS
        assert "\n" in prompts(results)[0]
        assert highlighted_number(results) == number
        assert not results.query_one("#detail", Static).display

        await pilot.press("t")
        await settle(pilot)
        assert results.view == TABLE
        assert highlighted_number(results) == number

        await pilot.resize_terminal(*LARGE)  # chosen by key: a resize keeps the table
        await settle(pilot)
        assert results.view == TABLE
        assert highlighted_number(results) == number
        # Rows are cut to the new width: the larger table shows more of each title.
        assert cell_len(prompts(results)[0]) > SMALL[0] - 6


async def test_the_view_follows_the_terminal_until_the_user_chooses(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        results = await search_all(pilot, tui_server)
        assert results.view == CARDS
        await pilot.press("down", "down")
        number = highlighted_number(results)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert results.view == TABLE
        assert highlighted_number(results) == number
        await pilot.resize_terminal(*LARGE)
        await settle(pilot)
        assert results.view == CARDS
        assert highlighted_number(results) == number

        await pilot.press("t")  # chosen: held for the session's next searches too
        await settle(pilot)
        assert results.view == TABLE
        await pilot.press("escape", "ctrl+s")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, ResultsScreen) and again is not results
        assert again.view == TABLE

        await pilot.press("ctrl+l")  # the next user starts from the terminal's size
        await settle(pilot)
        assert app.user.results_view is None


def test_columns_are_cut_to_their_cells_never_wrapped() -> None:
    assert fit("福岡県筑紫野市", 8) == "福岡県… "  # a wide character never half-shown
    assert cell_len(fit("福岡県筑紫野市", 8)) == 8
    assert fit("abc", 5) == "abc  "
    assert place_text("福岡県筑紫野市", 12) == "筑紫野市    "
    assert place_text("東京都港区", 12) == "東京都港区  "  # fits whole: the prefecture stays


def test_a_row_is_as_wide_as_asked_in_either_language() -> None:
    from datetime import date

    from api_client.job_models import JobCard
    from strings.i18n import set_language

    card = JobCard.model_validate(
        {
            "job_number": "13010-12345678",
            "received_on": date(2026, 5, 1),
            "expires_on": date(2026, 7, 31),
            "status": "open",
            "category": "general",
            "work_style": "full_time",
            "employment_type": "regular",
            "classification_code": "10404",
            "desired_job_code": "0904",
            "job_title": "一般事務員（データ入力・電話応対・来客対応）",
            "summary": "",
            "company_name": None,
            "disclosure": "without_company",
            "prefecture_code": "13",
            "municipality_code": "13101",
            "workplace": "東京都千代田区",
            "wage_monthly_min": 200000,
            "wage_monthly_max": 200000,
            "wage_hourly_min": None,
            "wage_hourly_max": None,
            "work_start": "09:00",
            "work_end": "18:00",
            "shift": False,
            "weekends_off": True,
            "weekly_two_days": "every_week",
            "annual_holidays": 120,
            "openings": 1,
            "tags": [],
            "synthetic": True,
        }
    )
    for lang in ("ja", "en"):
        set_language(lang)  # type: ignore[arg-type]
        for width in (60, 75, 110):
            row = row_text(card, checked=False, width=width)
            assert cell_len(row) <= width, (lang, width, row)
            assert "13010" not in row  # the number is in the card below, not the row
        row = row_text(card, checked=True, width=75)
        assert row.startswith("[✓]")
        assert row.endswith(" 200,000")  # equal ends: one amount, no "200,000〜200,000"
