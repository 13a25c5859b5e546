"""The registration wizard as a first user met it (issue 12 items 11–15), keys only, at 80×24,
against the real server."""

from __future__ import annotations

from collections.abc import Callable

from screens.registration import RegistrationScreen
from tests.tui.flows import focus
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.reg_keys import fill, open_online
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.field import Field
from widgets.message_line import MessageLine

EMAIL = "first@example.jp"
SIZE = (80, 24)

STEP1_NO_PHONE = [
    "求職",
    "花子",
    "キュウショク",
    "ハナコ",
    "1995",
    "5",
    "5",
    ("radio", 1),
    "100-0001",
    "千代田１－１",
]


def banner(screen: RegistrationScreen) -> str:
    return screen.query_one("#message", MessageLine).text


async def test_step_error_banner_goes_once_the_step_is_fixed(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.animation_level = "none"
        await open_online(pilot, tui_server, EMAIL)
        screen = app.screen
        assert isinstance(screen, RegistrationScreen)
        await fill(pilot, STEP1_NO_PHONE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ステップ1に1件の入力エラー" in banner(screen), screen_text(pilot)
        screen.query_one("#s1-phone_mobile").focus()
        await type_text(pilot, "090-1234-5678")
        await pilot.press("f7")  # on to step 2; step 1 is saved on the way, now clean
        await settle(pilot)
        assert screen.current == 2
        assert banner(screen) == "", banner(screen)
        assert screen.query_one("#field-s1-phone_mobile", Field).error == ""


async def test_refocused_field_keeps_its_text_and_undo_brings_it_back(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.animation_level = "none"
        await open_online(pilot, tui_server, EMAIL)
        screen = app.screen
        assert isinstance(screen, RegistrationScreen)
        entries = list(STEP1_NO_PHONE)
        entries[3] = "hanako"  # フリガナ（名） in roman letters: refused
        await fill(pilot, [*entries, None, "090-1234-5678"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        field = screen.query_one("#field-s1-given_name_kana", Field)
        assert "カタカナ" in field.error
        # The bad field has the focus, its text is not selected: BackSpace takes one letter.
        assert app.focused is field.input
        assert field.input.selection.is_empty
        await pilot.press("backspace")
        assert field.value == "hanak"
        await pilot.press("ctrl+u")  # all of it, on purpose …
        assert field.value == ""
        assert "^z 元に戻す" in str(screen.query_one("KeyBar").render())
        await pilot.press("ctrl+z")  # … and back
        assert field.value == "hanak"
        await pilot.press("ctrl+z")
        assert field.value == "hanako"
        await pilot.press("ctrl+y")
        assert field.value == "hanak"


async def test_address_digits_and_name_spaces_are_changed_and_said(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.animation_level = "none"
        await open_online(pilot, tui_server, EMAIL)
        screen = app.screen
        assert isinstance(screen, RegistrationScreen)
        entries = list(STEP1_NO_PHONE)
        entries[0] = "求職\u3000"  # an IME's trailing full-width space
        entries[9] = "千代田1-1"  # half-width digits where 全角 is asked
        await fill(pilot, [*entries, None, "090-1234-5678"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        address = screen.query_one("#field-s1-address", Field)
        assert address.value == "千代田１－１"
        assert address.note == "「千代田1-1」を「千代田１－１」に直しました。"
        name = screen.query_one("#field-s1-family_name", Field)
        assert name.value == "求職"
        assert name.note == "「求職\u3000」を「求職」に直しました。"
        assert "ステップ1を保存しました" in banner(screen)


async def test_codes_are_chosen_from_lists_and_shown_by_name(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from widgets.code_field import CodeField
    from widgets.list_picker import ListPicker
    from widgets.occupation_picker import OccupationPicker

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.animation_level = "none"
        await open_online(pilot, tui_server, EMAIL)
        screen = app.screen
        assert isinstance(screen, RegistrationScreen)
        await pilot.press("f7", "f7")
        await settle(pilot)
        assert screen.current == 3
        occupation = screen.query_one("#field-s3-occupations-0", CodeField)
        assert "希望職種1" in str(occupation.heading.render())
        await focus(pilot, "s3-occupations-0")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OccupationPicker), screen_text(pilot)
        await pilot.press("enter")  # 事務、管理職 → its occupations
        await pilot.press("enter")  # "（すべて）": a whole group is refused, the list stays
        await settle(pilot)
        assert isinstance(app.screen, OccupationPicker)
        assert "の中から職種を1つ選んでください" in occupation.note
        await pilot.press("right", "down", "enter")  # 一般事務、事務補助
        await settle(pilot)
        assert app.screen is screen
        assert occupation.value == "0101"
        assert occupation.button.text == "一般事務、事務補助（0101）"
        assert app.focused is occupation.button
        await pilot.press("delete")  # and away again
        assert occupation.value == ""

        await pilot.press("f7")
        await settle(pilot)
        assert screen.current == 4
        await focus(pilot, "s4-prefectures-0")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ListPicker), screen_text(pilot)
        await type_text(pilot, "東京")  # narrows the list to 東京都: Enter takes it
        await pilot.press("enter")
        await settle(pilot)
        prefecture = screen.query_one("#field-s4-prefectures-0", CodeField)
        assert prefecture.value == "13" and prefecture.button.text == "東京都（13）"
        await focus(pilot, "s4-municipalities-0")
        await pilot.press("enter")  # the prefecture first: 東京都 is highlighted
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ListPicker) and "東京都の市区町村" in screen_text(pilot)
        await type_text(pilot, "千代田")
        await pilot.press("enter")
        await settle(pilot)
        municipality = screen.query_one("#field-s4-municipalities-0", CodeField)
        assert municipality.value == "13101"
        assert municipality.button.text == "千代田区（13101）"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ステップ4を保存しました" in banner(screen), banner(screen)
