"""Kiosk mode offers only what works (issue 12, item 3): no refused key in the key line, and
the notice refusing to quit fits an 80-column screen whole."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from screens.help import HelpScreen
from screens.job_sheet import JobSheetScreen
from screens.login import LoginScreen
from screens.referral_letter import ReferralLetterScreen
from tests.tui.apps_flows import open_pane
from tests.tui.flows import database_with_postings, search_all, sign_in_to_home
from tests.tui.helpers import settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.key_bar import KeyBar
from widgets.toast_text import fit_toast


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def shown_text(app: HelloWorkApp) -> str:
    """The screen as the terminal shows it, row by row (the text runs of a screenshot)."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


def text_files(root: Path) -> list[Path]:
    return list(root.rglob("*.txt"))


def key_line(app: HelloWorkApp) -> list[str]:
    return [key for key, _ in app.screen.query_one(KeyBar).items()]


async def test_the_notice_refusing_to_quit_is_whole_at_80_columns(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        shown = re.sub(r"[▌▐\s]+", "", shown_text(app))
        assert "キオスクモードでは終了できません。" in shown
        assert "係員にお声がけください。" in shown
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, LoginScreen)


def test_toast_lines_fit_and_keep_every_character() -> None:
    text = "一定時間操作がなかったため、入力内容を消去しました。係員にお声がけください。"
    for width in (40, 80, 120):
        lines = fit_toast(text, width).split("\n")
        assert "".join(lines) == text
        assert all(len(line) * 2 <= min(60, width // 2) - 4 for line in lines)
    english = "Quitting is disabled in kiosk mode. Please ask a staff member."
    assert fit_toast(english, 80) == english  # Textual wraps it at spaces


async def open_sheet(pilot: Pilot[object], server: TuiServer) -> JobSheetScreen:
    await search_all(pilot, server)
    await pilot.press("enter")
    await settle(pilot)
    sheet = pilot.app.screen
    assert isinstance(sheet, JobSheetScreen) and sheet.sheet is not None
    return sheet


async def test_kiosk_job_sheet_offers_no_save_to_file(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, tmp_path: Path
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, tui_server)
        assert "w" not in key_line(app)
        assert "テキストに保存" not in shown_text(app)
        await pilot.press("w")
        await settle(pilot)
        assert not text_files(tmp_path)


async def test_job_sheet_offers_save_to_file_outside_kiosk(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sheet(pilot, tui_server)
        assert "w" in key_line(app)


async def test_no_mailbox_key_with_a_remote_server(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    """With --server there is no local outbox: no Ctrl+O in the key line or the links."""
    app = make_app(mailbox_dir=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "メールボックス" not in shown_text(app)
        assert "^o" not in key_line(app)


def help_text(app: HelloWorkApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_f1_help_names_the_focused_field_and_only_keys_that_work(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "ID（メールアドレス）" in text  # the focused field
        assert "パスワードをお忘れの方" in text and "English" in text
        assert "終了" not in text and "メールボックス" not in text  # refused in kiosk mode
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)


async def test_f1_help_on_a_kiosk_job_sheet_offers_no_save(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app(kiosk=True, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, tui_server)
        await pilot.press("f1")
        await settle(pilot)
        text = help_text(app)
        assert "Keys that work on this screen" in text
        assert "Add to favorites" in text
        assert "Save as text" not in text
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, JobSheetScreen)


async def test_kiosk_referral_letter_offers_no_save_to_file(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, tmp_path: Path
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+3")
        await pilot.press("r")  # オンラインハローワーク紹介 → apply → 紹介状
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "ご紹介いただいた求人に応募します。")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        letter = app.screen
        assert isinstance(letter, ReferralLetterScreen) and letter.letter is not None
        assert "w" not in key_line(app)
        await pilot.press("w")
        await settle(pilot)
        assert not text_files(tmp_path)
