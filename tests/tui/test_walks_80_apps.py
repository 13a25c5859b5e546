"""The screens of applying and of the registration wizard walked by keys only at 80×24 against
the real server (issue 12, Tests), and the idle warning: Tab reaches each control, on screen
where it has the focus; each key of the key line works and comes back with Esc; then the
screen's own work (applying, sending, saving the letter) is done by keys and seen on screen.

Screens walked here: 求職活動状況's application detail, the message thread, オンラインハローワーク
紹介 (referrals), リクエスト求人 (requests), 応募 (apply), 紹介状 (the referral letter), the 7 steps
of the registration wizard, and the idle warning. With the demo account the server holds one
application in 選考中 with an unread message, one referral and one request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from screens.activity import ActivityScreen, ApplicationScreen
from screens.apply import ApplyScreen
from screens.home import HomeScreen
from screens.idle_warning import IdleWarningScreen
from screens.referral_letter import ReferralLetterScreen
from screens.referrals import ReferralsScreen
from screens.registration import RegistrationScreen
from screens.requests import RequestsScreen
from screens.thread import ThreadScreen
from strings.i18n import get_language
from tests.tui.apps_flows import demo_rows, highlight, option_texts
from tests.tui.flows import database_with_postings, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.reg_keys import open_online
from tests.tui.support import DEMO_EMAIL, DEMO_NAME, TuiServer
from tests.tui.walks import HEIGHT, WIDTH, on_screen, walk_focus, walk_keys
from tui.app import HelloWorkApp
from widgets.key_bar import KeyBar

SIZE = (WIDTH, HEIGHT)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def key_line(pilot: Pilot[object]) -> str:
    return str(pilot.app.screen.query_one(KeyBar).render())


def whole_on_screen(pilot: Pilot[object], *ids: str) -> None:
    """The widgets with these ids are drawn inside the 80×24 screen, none of them clipped."""
    screen = pilot.app.screen
    for id in ids:
        widget = screen.query_one(f"#{id}")
        assert on_screen(screen, widget), f"#{id} is not on screen"
        region = widget.region
        assert region.right <= WIDTH and region.width == widget.outer_size.width, (id, region)


def letters(home: Path) -> list[Path]:
    return sorted(home.glob("紹介状_*.txt"))


async def walk_screen(
    pilot: Pilot[object], kind: type, keys: set[str], skip: frozenset[str] = frozenset()
) -> None:
    """Tab through the screen, then press each key its key line offers: `keys` at least."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, kind), (kind.__name__, type(pilot.app.screen).__name__)
    await walk_focus(pilot)
    pressed = await walk_keys(pilot, skip)
    assert keys <= set(pressed) | skip, (kind.__name__, pressed)
    assert isinstance(pilot.app.screen, kind)


async def test_walk_application_thread_referrals_apply_letter_and_requests(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # 紹介状 saved as text goes to ~
    application, referral, request = await demo_rows(tui_server)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("alt+3")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)

        # 応募の詳細: job sheet, reload (辞退 is not offered for 選考中: the server's rule);
        # m and the thread's F4 go to the other pane, walked next.
        await highlight(pilot, "applications", application.job_number)
        await pilot.press("enter")
        await walk_screen(pilot, ApplicationScreen, {"j", "f5"}, skip=frozenset({"m"}))
        text = screen_text(pilot)
        assert application.job_title in text and "選考中" in text, text
        assert "メッセージ" in key_line(pilot) and "求人票" in key_line(pilot)

        # The thread (in the メッセージ pane): the employer's message on screen, a reply sent
        # by keys, and F4 back to the application.
        await pilot.press("m")
        await walk_screen(pilot, ThreadScreen, {"f5"}, skip=frozenset({"ctrl+s", "f4"}))
        assert "面接日程の候補" in screen_text(pilot)
        app.screen.query_one("TextArea").focus()
        await type_text(pilot, "承知しました。")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "送信しました" in screen_text(pilot)
        assert on_screen(app.screen, app.screen.query_one("#message"))  # said where seen
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationScreen), type(app.screen).__name__
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)

        # オンラインハローワーク紹介: apply, job sheet, reload (the letter: once applied).
        await pilot.press("r")
        await walk_screen(pilot, ReferralsScreen, {"a", "j", "f5"})
        assert "紹介状" not in key_line(pilot)
        assert referral.job_number in "\n".join(option_texts(pilot, "referrals"))
        await pilot.press("a")
        await walk_screen(pilot, ApplyScreen, {"f5"}, skip=frozenset({"ctrl+s"}))
        assert referral.job_number in screen_text(pilot)
        app.screen.query_one("TextArea").focus()
        await type_text(pilot, "ご紹介の求人に応募します。")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReferralsScreen), screen_text(pilot)
        assert "【応募済み】" in option_texts(pilot, "referrals")[0]
        assert "紹介状" in key_line(pilot)

        # 紹介状: shown whole at 80 columns, saved as text with w.
        await pilot.press("l")
        await walk_screen(pilot, ReferralLetterScreen, {"f5"}, skip=frozenset({"w"}))
        letter = screen_text(pilot)
        assert "紹介状" in letter and DEMO_NAME in letter
        await pilot.press("w")
        await settle(pilot)
        saved = letters(tmp_path)
        assert len(saved) == 1 and str(saved[0]) in screen_text(pilot)
        assert on_screen(app.screen, app.screen.query_one("#message"))  # said where seen
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)

        # リクエスト求人: apply, job sheet, reload.
        await pilot.press("q")
        await walk_screen(pilot, RequestsScreen, {"a", "j", "f5"})
        assert request.job_number in "\n".join(option_texts(pilot, "requests"))


STEPS = 7


async def test_walk_the_registration_wizard_at_80x24(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """Each of the 7 steps: every control reached by Tab and on screen with the focus; F6 /
    F7 move between steps, Ctrl+S saves (an empty step is refused under its fields, nothing
    lost), Ctrl+F refuses to finish before every step is done."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await open_online(pilot, tui_server, "walker@example.jp")
        wizard = app.screen
        assert isinstance(wizard, RegistrationScreen)
        for step in range(1, STEPS + 1):
            assert wizard.current == step
            stops = await walk_focus(pilot)
            assert len(stops) >= 2, (step, stops)
            whole_on_screen(pilot, "tabs")
            # F6 / F7 move (walked just below), Ctrl+F (finish) goes to the first step not
            # done (pressed last); the others here.
            pressed = await walk_keys(pilot, skip=frozenset({"f6", "f7", "ctrl+f"}))
            assert "ctrl+s" in pressed
            assert app.screen is wizard and wizard.current == step, (step, wizard.current)
            line = key_line(pilot)
            assert all(key in line for key in ("F6", "F7", "^s", "^f")), line
            await pilot.press("f6")  # back a step (none before the first) …
            await settle(pilot)
            assert wizard.current == max(step - 1, 1)
            if step > 1:
                await pilot.press("f7")  # … and forward again
                await settle(pilot)
                assert wizard.current == step
            await pilot.press("f7")  # on to the next one
            await settle(pilot)
        assert wizard.current == STEPS  # F7 on the last step stays there
        await pilot.press("ctrl+f")  # nothing filled in: refused, back to the first step
        await settle(pilot)
        assert app.screen is wizard and wizard.current == 1
        assert "✖" in str(wizard.query_one("#tabs").render())  # the steps not done say so


async def test_walk_the_idle_warning_any_key_only_keeps_the_session(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """The warning fits 80×24 whole; whatever key answers it (Tab, Esc, Enter, F1, the jump
    key, Ctrl+T, a letter) only keeps the session: nothing opens, moves or changes."""
    from tests.tui.test_kiosk_idle import ManualClock, wait

    clock = ManualClock()
    app = make_app(kiosk=True, idle_timeout=60, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await sign_in_to_home(pilot, tui_server)
        home = app.screen
        focused = app.focused
        for key in ("tab", "escape", "enter", "f1", "ctrl+g", "ctrl+t", "x"):
            await wait(pilot, clock, app, 31)
            assert isinstance(app.screen, IdleWarningScreen), key
            for id in ("idle-title", "idle-countdown", "idle-body", "idle-keep"):
                whole_on_screen(pilot, id)
            text = screen_text(pilot)
            assert "まもなく自動的にログアウトします" in text and "あと 29 秒" in text
            assert DEMO_NAME not in text  # nothing of the user behind it
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is home, (key, type(app.screen).__name__)
            assert app.focused is focused, key
            assert get_language() == "ja", key
            assert app.signed_in_email == DEMO_EMAIL
        assert isinstance(home, HomeScreen)
