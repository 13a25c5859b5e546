"""Ctrl+T while a picker is open (issue 13): the picker's title, hint, list and key line change
language at once, and what was highlighted, ticked or typed stays. At 80×24, keys only,
against the real server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from screens.profile import ProfileEditScreen
from screens.search import SearchScreen
from strings.i18n import get_language
from tests.tui.flows import database_with_postings, focus, open_search, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.desired_job_picker import DesiredJobPicker
from widgets.key_bar import KeyBar
from widgets.list_picker import ListPicker
from widgets.multi_picker import MultiPicker, TickList
from widgets.occupation_picker import OccupationPicker
from widgets.section_menu import SectionMenu

SIZE = (80, 24)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def key_line(pilot: Pilot[object]) -> str:
    return str(pilot.app.screen.query_one(KeyBar).render())


def options(pilot: Pilot[object], list_id: str) -> list[str]:
    listing = pilot.app.screen.query_one(f"#{list_id}", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def highlighted(pilot: Pilot[object], list_id: str) -> str:
    listing = pilot.app.screen.query_one(f"#{list_id}", OptionList)
    assert listing.highlighted is not None
    return str(listing.get_option_at_index(listing.highlighted).prompt)


async def switch(pilot: Pilot[object], to: str) -> None:
    await pilot.press("ctrl+t")
    await settle(pilot)
    assert get_language() == to


async def test_search_pickers_change_language_while_open(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        search = app.screen

        # F6: the list of sections.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, SectionMenu)
        assert "項目へ移動" in screen_text(pilot) and "キャンセル" in key_line(pilot)
        await pilot.press("down")
        await switch(pilot, "en")
        text = screen_text(pilot)
        assert "Go to a section" in text and "項目へ移動" not in text, text
        assert "Basic conditions" in options(pilot, "sections")[0]
        assert "Workplace" in highlighted(pilot, "sections")  # the highlight stayed
        assert "Cancel" in key_line(pilot) and "キャンセル" not in key_line(pilot)
        await pilot.press("3")  # 職種: the first 希望する職種 slot has the focus
        await settle(pilot)
        assert app.screen is search and app.focused is not None
        assert app.focused.id == "desired-0"

        # 希望する職種: a group highlighted, a detail ticked, then back to Japanese.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DesiredJobPicker)
        assert "Choose a desired occupation" in screen_text(pilot)
        await pilot.press("down", "right", "space")
        group = highlighted(pilot, "groups")
        ticked = list(app.screen.query_one("#details", TickList).selected)
        assert len(ticked) == 1
        await switch(pilot, "ja")
        text = screen_text(pilot)
        assert "希望する職種を選ぶ" in text and "Choose a desired" not in text, text
        assert highlighted(pilot, "groups") != group  # its name, now in Japanese …
        assert highlighted(pilot, "groups")[:2] == group[:2]  # … of the same group
        assert app.screen.query_one("#details", TickList).selected == ticked
        assert any(row.startswith("[✓]") for row in options(pilot, "details"))
        assert "キャンセル" in key_line(pilot)
        await pilot.press("enter")  # chosen: the slot holds it
        await settle(pilot)
        assert app.screen is search and isinstance(search, SearchScreen)
        assert search.form.desired[0] == (group[:2], ticked)

        # 産業分類 (F6, 8: the company section), in English.
        await pilot.press("f6", "8")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "industries"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MultiPicker)
        before = options(pilot, "picker-list")
        await switch(pilot, "en")
        assert "Industry (up to 3)" in screen_text(pilot)
        after = options(pilot, "picker-list")
        # The same codes (the 産業分類 names are Japanese only, as the real table's).
        assert [row.split()[1] for row in after] == [row.split()[1] for row in before]
        assert "Cancel" in key_line(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is search


async def test_profile_pickers_change_language_while_open(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("4")  # 希望勤務地・賃金: its first prefecture has the focus
        await settle(pilot)
        edit = app.screen
        assert isinstance(edit, ProfileEditScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ListPicker)
        await type_text(pilot, "北海")
        await settle(pilot)
        assert options(pilot, "picker-list") == ["北海道（01）"]
        await switch(pilot, "en")
        text = screen_text(pilot)
        assert "Choose a prefecture" in text and "都道府県を選ぶ" not in text, text
        assert "Type to narrow" in text
        assert options(pilot, "picker-list") == ["Hokkaido (01)"]  # the filter still holds
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is edit
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("3")  # 希望職種・時間
        await settle(pilot)
        assert isinstance(app.screen, ProfileEditScreen)
        await focus(pilot, "s3-occupations-0")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OccupationPicker)
        assert "Groups" in screen_text(pilot)
        await pilot.press("down", "right", "down")
        assert "(all)" in options(pilot, "occupations")[0]
        occupation = highlighted(pilot, "occupations")
        await switch(pilot, "ja")
        text = screen_text(pilot)
        assert "分野" in text and "Groups" not in text, text
        assert "（すべて）" in options(pilot, "occupations")[0]
        assert highlighted(pilot, "occupations") == occupation  # the place kept
        assert "Close" not in key_line(pilot)
