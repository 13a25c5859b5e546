"""The online opening and the 7-step registration wizard, keys only, against the real server:
an error on step 3, a jump back to step 1, a restart of the app in the middle (the local draft
brings back what was typed and the step), and completion with the assigned 求職番号."""

from __future__ import annotations

from collections.abc import Callable

from screens.home import HomeScreen
from screens.otp import OtpScreen
from screens.registration import RegistrationScreen
from screens.registration_done import RegistrationDoneScreen
from tests.tui.flows import sign_in
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.reg_keys import PASSWORD, fill, open_online
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.choice import ChoiceGroup
from widgets.field import Field

EMAIL = "hanako@example.jp"
SIZE = (130, 50)


def err(pilot, path: str) -> str:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(f"#field-{path}")
    assert isinstance(widget, Field | ChoiceGroup) or hasattr(widget, "error")
    return str(widget.error)


STEP1 = [
    "求職",  # family name
    "花子",
    "きゅうしょく",  # hiragana: converted to katakana
    "ハナコ",
    "1995",
    "5",
    "5",
    ("radio", 1),  # female
    "１００ー０００１",  # full-width postal code: normalised
    "千代田１－１",
    None,  # fixed phone
    "090-1234-5678",
]
STEP2 = [("radio", 1), None, None, ("radio", 0), None]  # do not publish; contact allowed


async def test_online_opening_and_wizard_with_error_jump_and_restart(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_online(pilot, tui_server, EMAIL)
        screen = pilot.app.screen
        assert isinstance(screen, RegistrationScreen)
        assert screen.current == 1
        await fill(pilot, STEP1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        # The postal code was normalised (and said so) and gave the address and the office.
        assert screen.query_one("#field-s1-postal_code", Field).value == "100-0001"
        assert "１００ー０００１" in screen.query_one("#field-s1-postal_code", Field).note
        assert "千代田区" in text and "利用安定所" in text, text
        assert screen.query_one("#field-s1-family_name_kana", Field).value == "キュウショク"
        assert "ステップ1を保存しました" in text, text

        # Step 2 with the keys of the footer.
        await pilot.press("ctrl+pagedown")
        await settle(pilot)
        assert screen.current == 2
        await fill(pilot, STEP2)
        # Contact means: post (the first box of the list).
        screen.query_one("#s2-contact_means--post").focus()
        await pilot.press("space")
        await pilot.press("ctrl+pagedown")
        await settle(pilot)
        assert screen.current == 3

        # Step 3 with an impossible time: the error names the step and the field.
        await fill(
            pilot, [("radio", 0), ("radio", 0), None, None, None, ("tick",), "25:00", "18:00"]
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = err(pilot, "s3-hours_from")
        assert (
            "3 希望職種・時間" in error
            and "勤務時間（開始）" in error
            and "存在しない時刻" in error
        )
        assert "希望する休日" in err(pilot, "s3-days_off")  # nothing chosen yet: say so
        assert screen.query_one("#field-s3-hours_from", Field).value == "25:00"  # nothing lost
        assert "✖" in str(screen.query_one("#tabs").render())  # the tab shows the error too

        # Jump back to step 1: everything is still there.
        await pilot.press("ctrl+pageup", "ctrl+pageup")
        await settle(pilot)
        assert screen.current == 1
        assert screen.query_one("#field-s1-given_name", Field).value == "花子"
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")
        await settle(pilot)
        assert screen.current == 3
        app.screen.query_one("#s3-hours_from").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "9:00")
        await settle(pilot)

    # The app quits in the middle; a new one with the same paths brings everything back.
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await sign_in(pilot, EMAIL, PASSWORD)
        assert isinstance(app2.screen, OtpScreen), screen_text(pilot)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app2.screen, HomeScreen)
        await pilot.press("6")  # 求職者情報・設定: no registration yet → the wizard
        await settle(pilot)
        screen = app2.screen
        assert isinstance(screen, RegistrationScreen), screen_text(pilot)
        assert screen.current == 3
        assert "前回の入力内容を復元しました" in " ".join(
            str(n.message) for n in app2._notifications
        )
        assert screen.query_one("#field-s3-hours_from", Field).value == "9:00"
        assert screen.query_one("#field-s1-given_name", Field).value == "花子"

        # Finish step 3 (days off: none) and the rest.
        screen.query_one("#s3-days_off_none").focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert err(pilot, "s3-hours_from") == ""
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")
        await settle(pilot)
        await fill(pilot, [("radio", 1), ("radio", 0)])  # high school, graduated
        await pilot.press("ctrl+pagedown")
        await settle(pilot)
        # Career 1: employed, 正社員, a too-long job description first.
        await fill(
            pilot,
            [
                None,
                ("radio", 0),
                "正社員",
                "介" * 101,
                "2015-04",
                "2020-03",
                ("radio", 0),
                ("radio", 0),
            ],
        )
        await pilot.press("ctrl+f")  # complete: the server lists what is still wrong
        await settle(pilot)
        assert screen.current == 6, screen_text(pilot)
        error = err(pilot, "s6-careers-0-job_content")
        assert "6 経歴 1件目の仕事内容は全角100文字以内で入力してください" in error, error
        screen.query_one("#s6-careers-0-job_content").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "施設での介護")
        await pilot.press("ctrl+f")
        await settle(pilot)
        done = app2.screen
        assert isinstance(done, RegistrationDoneScreen), screen_text(pilot)
        number = done.seeker_number
        assert number.startswith("7") and "-" in number
        # The done screen at 80×24 (a kiosk's terminal): all of it on screen, its button
        # focused (Enter goes Home).
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        for part in ("title", "body", "seeker-number", "ok"):
            region = done.query_one(f"#{part}").region
            assert region.width > 0 and region.right <= 80 and region.bottom <= 24, (part, region)
        assert number in screen_text(pilot) and app2.focused is done.query_one("#ok")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app2.screen, HomeScreen)
        for _ in range(5):  # the Home reloads with the new number
            if number in screen_text(pilot):
                break
            await settle(pilot)
        assert number in screen_text(pilot)
        # The local draft is gone once the registration is complete.
        assert app2.drafts.load(EMAIL, "registration") is None


async def test_kiosk_keeps_the_draft_in_memory_only_and_forgets_it_at_logout(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_online(pilot, tui_server, EMAIL)
        await fill(pilot, STEP1[:2])
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Every message and label follows a language switch.
        assert "3 希望職種・時間" in str(app.screen.query_one("#tabs").render())
        await pilot.press("ctrl+t")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Job-seeker registration" in text and "Desired job and hours" in text, text
        assert "Step 1 Basic information: date of birth" in text, text
        await pilot.press("ctrl+t")
        await pilot.press("f7")  # leaving a step keeps the draft (F7: any terminal sends it)
        await settle(pilot)
        assert isinstance(app.screen, RegistrationScreen) and app.screen.current == 2
        assert app.drafts.memory_only
        assert app.drafts.load(EMAIL, "registration") is not None
        assert not (app.paths.data_dir / "drafts").exists()
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.drafts.load(EMAIL, "registration") is None
        assert not (app.paths.data_dir / "drafts").exists()


async def test_network_failure_keeps_everything_and_ctrl_s_retries(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    import httpx

    from api_client._http import ASGITransport
    from api_client.client import MyPageClient

    class Unplugged(ASGITransport):
        """The real server behind a cable that the test can pull."""

        down = False

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if self.down:
                raise httpx.ConnectError("network is unreachable", request=request)
            return await super().handle_async_request(request)

    transport = Unplugged(app=tui_server.app)
    app = make_app(client_factory=lambda: MyPageClient(transport=transport))
    async with app.run_test(size=SIZE) as pilot:
        await open_online(pilot, tui_server, EMAIL)
        screen = app.screen
        await fill(pilot, STEP1[:4])
        transport.down = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "ステップ1をサーバーに保存できませんでした" in text, text
        assert "Ctrl+S" in text
        # The shared rules still say what is missing, next to each field.
        assert "生年月日" in err(pilot, "s1-birth_date")
        assert screen.query_one("#field-s1-family_name", Field).value == "求職"
        transport.down = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ステップ1に" in screen_text(pilot)  # saved on the server, with its problems
        assert screen.query_one("#field-s1-family_name_kana", Field).value == "キュウショク"
