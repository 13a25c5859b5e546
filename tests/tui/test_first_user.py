"""What a first user tripped on (issue 12 items 13–15), by keys against the real server:
Home follows 有効 ⇔ 無効 and 公開 ⇔ 非公開 without F5, the settings screen says what the latest
action did (and only that), and its messages read as sentences."""

from __future__ import annotations

from collections.abc import Callable

from screens.home import HomeScreen
from screens.profile import ProfileEditScreen
from screens.settings import ConfirmModal, PasswordChangeScreen
from tests.tui.flows import focus, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_PASSWORD, TuiServer
from tests.tui.test_settings_flows import open_settings
from tui.app import HelloWorkApp

SIZE = (80, 24)


def message(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#message").render())


async def test_home_follows_validity_and_publication_without_reload(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        assert "求職登録: 有効（" in screen_text(pilot)
        await open_settings(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "求職登録: 無効" in text and "まで" not in text.split("求職登録: 無効")[1][:20]
        await pilot.press("alt+1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(pilot)
        # No old end date next to 無効: it says how to switch back instead.
        assert "求職登録: 無効（6 求職者情報・設定 → S で有効に戻せます）" in text, text
        assert "まで有効" not in text

        # 公開 → 非公開 in section 2 of 求職者情報; Home shows it at once.
        assert "求職公開状況: 公開中" in text
        await pilot.press("alt+6")
        await settle(pilot)
        await pilot.press("escape")  # settings → 求職者情報
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ProfileEditScreen), screen_text(pilot)
        # The demo account's section 2 is empty: 公開しない, 連絡不可, by arrows and Enter.
        await pilot.press("down", "enter")
        await focus(pilot, "s2-contact_allowed")
        await pilot.press("down", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ProfileEditScreen), screen_text(pilot)
        await pilot.press("alt+1")
        await settle(pilot)
        assert "求職公開状況: 非公開" in screen_text(pilot), screen_text(pilot)


async def test_settings_says_what_the_latest_action_did(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        settings = await open_settings(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert message(pilot) == "ℹ特集求人を配信するようにしました。毎週土曜日に届きます。"
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert message(pilot) == "ℹ特集求人の配信を止めました。"

        # A password change: the old outcome goes when it starts, the new one is said.
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, PasswordChangeScreen)
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("tab")
        await type_text(pilot, "Change#2026pw")
        await pilot.press("tab")
        await type_text(pilot, "Change#2026pw")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is settings, screen_text(pilot)
        assert message(pilot) == "ℹパスワードを変更しました。"
        assert "配信" not in message(pilot)

        # Opening a form and leaving it without a change clears the old outcome.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is settings
        assert message(pilot) == ""


async def test_settings_in_english_say_the_delivery_once(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_settings(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert message(pilot) == "ℹ\u00a0Featured postings will be delivered every Saturday."


async def test_profile_page_ends_with_its_own_bottom_edge(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """No stray ┏━┓ on the last row of 求職者情報 (the focused page's edge is drawn right)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        page = app.screen.query_one("#profile-page")
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        top, bottom = page.region.y, page.region.bottom - 1
        assert rows[top].lstrip().startswith("┏"), rows[top]
        assert rows[bottom].lstrip().startswith("┗"), rows[bottom]


async def test_saved_conditions_are_deleted_only_when_confirmed(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from screens.confirm import ConfirmModal as AskModal
    from screens.saved_conditions import SavedConditionsScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.animation_level = "none"
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f2")  # save the (empty) conditions
        await settle(pilot)
        await type_text(pilot, "全部")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SavedConditionsScreen), screen_text(pilot)
        assert len(screen.items) == 1
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, AskModal)
        assert "検索条件「全部」を削除しますか？" in screen_text(pilot)
        await pilot.press("escape")  # the safe answer
        await settle(pilot)
        assert app.screen is screen and len(screen.items) == 1
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen and screen.items == []
        assert "検索条件「全部」を削除しました" in screen_text(pilot)


async def test_profile_shows_codes_by_name_and_changes_them_by_list(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from screens.profile import ProfileScreen
    from widgets.list_picker import ListPicker

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.animation_level = "none"
        await sign_in_to_home(pilot, tui_server)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("4")  # 希望勤務地・賃金
        await settle(pilot)
        assert isinstance(app.screen, ProfileEditScreen), screen_text(pilot)
        assert app.focused is not None and app.focused.id == "s4-prefectures-0"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ListPicker)
        await type_text(pilot, "北海道")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen), screen_text(pilot)
        await settle(pilot)
        text = screen_text(pilot)
        assert "希望勤務地 都道府県1: 北海道（01）" in text, text
        await pilot.press("ctrl+t")  # names in English where the list has them
        await settle(pilot)
        assert "desired prefecture 1: Hokkaido (01)" in screen_text(pilot), screen_text(pilot)


async def test_kiosk_quit_keys_do_nothing_when_signed_in(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """The login screen's check is in test_kiosk_keys; here Home and a form's text field."""
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        home = app.screen
        for key in ("ctrl+q", "ctrl+c"):
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running and app.screen is home
        await pilot.press("2")
        await settle(pilot)
        await focus(pilot, "words")
        for key in ("ctrl+q", "ctrl+c"):
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running and app.focused is not None and app.focused.id == "words"
