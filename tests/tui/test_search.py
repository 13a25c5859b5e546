"""Job search in the TUI with keys only, against the real server app on a real SQLite database
seeded with postings by the server's own generator."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from api_client.sheet_text import a4_text, cells
from screens.checked import CheckedScreen
from screens.favorites import FavoritesScreen
from screens.home import HomeScreen
from screens.job_sheet import JobSheetScreen
from screens.results import ResultsScreen
from screens.search import SearchScreen
from screens.title_prompt import TitleModal
from server.jobs.store import withdraw
from tests.tui.flows import (
    SIZE,
    database_with_postings,
    focus,
    open_search,
    search_all,
)
from tests.tui.helpers import field_error, screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


async def test_search_page_and_open_a_job_sheet_saved_as_text(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "user-home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        results = await search_all(pilot, tui_server)
        assert results.result is not None
        total = results.result.total
        assert total > 60
        text = screen_text(pilot)
        assert f"{total:,}件中 1〜30件目（1/" in text
        first_page = [c.job_number for c in results.result.items]
        assert all(c.synthetic for c in results.result.items)
        cards = pilot.app.screen.query_one("#cards", OptionList)
        assert "【架空データ】" in str(cards.get_option_at_index(0).prompt)

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert results.result.page == 2
        assert not {c.job_number for c in results.result.items} & set(first_page)
        assert "31〜60件目（2/" in screen_text(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert [c.job_number for c in results.result.items] == first_page
        await pilot.press("p")  # 30 → 50 per page
        await settle(pilot)
        assert len(results.result.items) == 50
        await pilot.press("s")  # 紹介期限日 order: the soonest deadline first
        await settle(pilot)
        deadlines = [c.expires_on for c in results.result.items]
        assert deadlines == sorted(deadlines)

        await pilot.press("down", "enter")
        await settle(pilot)
        sheet_screen = pilot.app.screen
        assert isinstance(sheet_screen, JobSheetScreen)
        assert sheet_screen.sheet is not None
        assert sheet_screen.sheet.job_number == results.result.items[1].job_number
        sheet = sheet_screen.sheet
        # The real header and all 10 sections, in the real formats, laid out on screen.
        text = screen_text(pilot)
        assert "求人票（架空データ）" in text and sheet.job_number in text
        body = str(sheet_screen.query_one("#body", Static).render())
        assert [s.number for s in sheet.sections] == list(range(11))
        for section in sheet.sections[1:]:
            assert f"{section.number}. {section.title}" in body
        header = {r.label: r.value for r in sheet.sections[0].rows}
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", header["受付年月日"])
        assert header["受付年月日"] in body and header["紹介期限日"] in body
        assert re.search(r"\d{1,2}時\d{2}分〜\d{1,2}時\d{2}分", body)
        assert re.search(r"[\d,]+円", body)
        width = sheet_screen.query_one("#sheet").content_size.width
        assert max(cells(line) for line in body.splitlines()) <= width
        await pilot.press("pagedown", "pagedown")
        await pilot.press("w")
        await settle(pilot)
        saved = home / "Documents" / f"求人票_{sheet.job_number}.txt"
        assert saved.exists()
        content = saved.read_text(encoding="utf-8")
        assert content == a4_text(sheet)  # UTF-8, 80 columns, 66 lines a page
        assert sheet.job_title in content and "7. 選考等" in content
        assert str(saved) in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ResultsScreen)


def tui_server_first_number(server: TuiServer) -> str:
    import sqlite3

    path = server.settings.database_url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT job_number FROM job_postings ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return str(row[0])


async def test_check_three_and_save_them_to_favorites(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        results = await search_all(pilot, tui_server)
        assert results.result is not None
        await pilot.press("space", "down", "space", "down", "space")
        checks = app.user.checks
        expected = [c.job_number for c in results.result.items[:3]]
        assert checks.numbers() == expected
        assert "チェック: 3件" in screen_text(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckedScreen)
        await pilot.press("v")  # their job sheets one after another
        await settle(pilot)
        sheets = pilot.app.screen
        assert isinstance(sheets, JobSheetScreen) and sheets.sheet is not None
        seen = [sheets.sheet.job_number]
        for _ in range(2):
            await pilot.press("n")
            await settle(pilot)
            assert sheets.sheet is not None
            seen.append(sheets.sheet.job_number)
        assert seen == expected
        assert "3/3件目" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert "新規 3件" in screen_text(pilot)
        await pilot.press("F")  # again: all three are already there
        await settle(pilot)
        assert "登録済み 3件" in screen_text(pilot)

        client = await app.get_client()
        favorites = await client.favorites()
        assert sorted(f.job_number for f in favorites.items) == sorted(expected)

        # Favorites; a withdrawn one is listed as ended and cannot be opened.
        async with tui_server.app.state.hw.sessionmaker() as db:
            await withdraw(db, expected[0])
            await db.commit()
        await pilot.press("alt+5")  # お気に入り・チェック, from the checked list of the search pane
        await settle(pilot)
        favorites_screen = pilot.app.screen
        assert isinstance(favorites_screen, FavoritesScreen)
        listing = favorites_screen.query_one("#favorites", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(3)]
        ended = [p for p in prompts if "【掲載終了・取消し済み】" in p]
        assert len(ended) == 1 and expected[0] in ended[0]
        index = next(i for i, p in enumerate(prompts) if expected[0] in p)
        listing.highlighted = None
        for _ in range(index + 1):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FavoritesScreen)
        assert "求人票を表示できません" in screen_text(pilot)
        await pilot.press("d")  # asked first (issue 12 item 15); Esc keeps it, Y removes it
        await settle(pilot)
        assert "お気に入りから" in screen_text(pilot) and expected[0] in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert favorites_screen.data is not None and favorites_screen.data.total == 3
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert favorites_screen.data is not None and favorites_screen.data.total == 2
        assert "お気に入りから削除しました" in screen_text(pilot)


async def test_the_51st_check_is_refused(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        results = await search_all(pilot, tui_server)
        await pilot.press("p")  # 50 per page
        await settle(pilot)
        assert results.result is not None and len(results.result.items) == 50
        for _ in range(50):
            await pilot.press("space", "down")
        assert len(app.user.checks) == 50
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("space")
        assert len(app.user.checks) == 50
        assert "チェックできるのは50件までです" in screen_text(pilot)


async def test_save_a_condition_and_run_it_from_home(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f7")  # detailed conditions
        await settle(pilot)
        await focus(pilot, "weekends_off")
        await pilot.press("space")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TitleModal)
        await type_text(pilot, "土日休み")
        await pilot.press("enter")
        await settle(pilot)
        assert "検索条件「土日休み」を保存しました。" in screen_text(pilot)
        await pilot.press("alt+1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert "土日休み" in screen_text(pilot) or "土日休み" in _saved_prompts(pilot)
        await focus(pilot, "saved-list")
        await pilot.press("enter")
        await settle(pilot)
        results = pilot.app.screen
        assert isinstance(results, ResultsScreen), screen_text(pilot)
        assert results.request.weekends_off is True
        assert results.result is not None and results.result.total > 0
        assert all(c.weekends_off for c in results.result.items)


def _saved_prompts(pilot: Pilot[object]) -> str:
    listing = pilot.app.screen.query_one("#saved-list", OptionList)
    return "\n".join(
        str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
    )


async def test_too_many_words_shown_next_to_the_field_and_input_kept(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await focus(pilot, "words")
        words = " ".join(f"w{i}" for i in range(11))
        await type_text(pilot, words)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)
        assert field_error(pilot, "words") == "フリーワードは10語までです。"
        assert pilot.app.screen.query_one("#words").value == words  # type: ignore[attr-defined]


async def test_search_while_registration_is_invalid_says_how_to_switch_it_back(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from sqlalchemy import update

    from server.accounts.models import Seeker

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        async with tui_server.app.state.hw.sessionmaker() as db:
            await db.execute(update(Seeker).values(registration_status="invalid"))
            await db.commit()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)
        text = screen_text(pilot)
        assert "求職登録が無効のため" in text and "「求職者情報・設定」で有効に切り替えて" in text
        assert "Ctrl+S でもう一度検索します" in text


def _rendered(widget: OptionList) -> str:
    """What the list shows on screen, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_typed_and_posted_text_is_shown_as_is_never_as_markup(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """Brackets in a saved condition's title or a posting are text: "[/]" must not crash a
    screen and "[b]…[/b]" must not turn bold and vanish."""
    import sqlite3

    number = tui_server_first_number(tui_server)
    path = tui_server.settings.database_url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE job_postings SET job_title = ? WHERE job_number = ?",
            ("[b]急募[/b] 事務 [/]", number),
        )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        results = await search_all(pilot, tui_server)
        assert results.result is not None and results.result.items[0].job_number == number
        assert "[b]急募[/b] 事務 [/]" in _rendered(results.cards)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TitleModal)
        await type_text(pilot, "[/]条件 [b]x[/b]")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("alt+1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        listing = pilot.app.screen.query_one("#saved-list", OptionList)
        assert "[/]条件 [b]x[/b]" in _rendered(listing)
