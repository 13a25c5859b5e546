"""Applying, referrals, 求職活動状況, messages and Home by keys only (issue 10), against the real
server on SQLite with the demo account: one application in 選考中 with an unread employer
message, one referral and one request posting, made by the server on start. The other side
(Hello Work, the employer) acts through the staff service on the same database."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from api_client.application_models import ApplicationState
from screens.activity import ActivityScreen, ApplicationScreen
from screens.apply import ApplyScreen
from screens.job_sheet import JobSheetScreen
from screens.messages import MessagesScreen
from screens.referral_letter import ReferralLetterScreen
from screens.referrals import ReferralsScreen
from screens.requests import RequestsScreen
from screens.thread import ThreadScreen
from server.demo import DEMO_SEEKER_NUMBER
from server.staff.service import employer_message, record_result, request
from tests.api.apps_support import ONLINE, add_postings
from tests.tui.apps_flows import (
    demo_rows,
    editor_text,
    highlight,
    highlighted_text,
    open_pane,
    option_texts,
    replies,
    staff,
)
from tests.tui.flows import SIZE, database_with_postings, sign_in_to_home
from tests.tui.helpers import screen_text, settle, type_text
from tests.tui.support import DEMO_NAME, TuiServer
from tui.app import HelloWorkApp
from widgets.menu_pane import MenuPane


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def files(directory: Path, pattern: str) -> list[Path]:
    return sorted(directory.glob(pattern))


def menu_text(app: HelloWorkApp) -> str:
    return str(app.screen.query_one(MenuPane).render())


async def test_home_shows_every_part_and_the_unread_count(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    application, referral, req = await demo_rows(tui_server)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        text = screen_text(pilot)
        assert "新着メッセージ: 1件" in text
        assert "求職公開状況: 公開中" in text
        assert "メッセージ（未読1件）" in menu_text(app)
        home = option_texts(pilot, "activity-list")
        joined = "\n".join(home)
        assert "応募中・選考中の求人（1件）" in joined
        assert f"【選考中】 {application.job_title}" in joined
        assert "リクエスト求人（1件）" in joined and req.job_number in joined
        assert "オンラインハローワーク紹介（応募できるもの 1件）" in joined
        assert referral.job_number in joined and "応募期限" in joined
        assert "70000-99999999" in text  # 求職番号 (with its QR beside it)


async def test_apply_online_from_a_request_with_the_cautions(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    await add_postings(tui_server.app)
    async with staff(tui_server) as db:
        await request(db, tui_server.clock.now(), DEMO_SEEKER_NUMBER, ONLINE)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+3")
        assert isinstance(app.screen, ActivityScreen)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, RequestsScreen)
        await highlight(pilot, "requests", ONLINE)
        await pilot.press("enter")  # the 求人票 first
        await settle(pilot)
        assert isinstance(app.screen, JobSheetScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ApplyScreen)
        text = screen_text(pilot)
        assert "再就職手当" in text and "当事者同士" in text  # the seed's cautions
        assert "オンライン自主応募の受付: 可" in text
        await type_text(pilot, "介護の経験を活かしたいと考え応募します。")
        await pilot.press("ctrl+s")  # the cautions are not acknowledged yet
        await settle(pilot)
        assert "注意事項を読み" in screen_text(pilot)
        assert editor_text(pilot) == "介護の経験を活かしたいと考え応募します。"
        # The focus went to the box to tick: Space ticks 確認しました.
        assert app.focused is not None and app.focused.id == "field-cautions_acknowledged"
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, JobSheetScreen)  # back where the seeker came from
        client = await app.get_client()
        mine = await client.applications()
        applied = [a for a in mine.items if a.posting.job_number == ONLINE]
        assert [a.method.value for a in applied] == ["self"]
        detail = await client.application(applied[0].id)
        assert detail.motivation == "介護の経験を活かしたいと考え応募します。"
        assert app.drafts.load(app.user.email, f"apply:self:{ONLINE}") is None
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RequestsScreen)
        assert any("【応募済み】" in o and ONLINE in o for o in option_texts(pilot, "requests"))


async def test_referral_apply_letter_reply_and_result(
    make_app: Callable[..., HelloWorkApp],
    tui_server: TuiServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    application, referral, _ = await demo_rows(tui_server)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        # オンラインハローワーク紹介 → apply with a 志望動機
        await open_pane(pilot, "alt+3")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralsScreen)
        assert "【応募できます】" in option_texts(pilot, "referrals")[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ApplyScreen)
        assert "再就職手当" not in screen_text(pilot)  # a referral needs no such caution
        await type_text(pilot, "ご紹介いただいた求人に応募します。")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReferralsScreen)
        assert "【応募済み】" in option_texts(pilot, "referrals")[0]
        # 紹介状: shown, then saved as a file
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ReferralLetterScreen)
        letter = screen_text(pilot)
        assert "紹介状" in letter and DEMO_NAME in letter and referral.job_number in letter
        await pilot.press("w")
        await settle(pilot)
        saved = files(tmp_path, "紹介状_*.txt")
        assert len(saved) == 1, screen_text(pilot)
        assert DEMO_NAME in saved[0].read_text(encoding="utf-8")
        assert str(saved[0]) in screen_text(pilot)
        # メッセージ: the employer's unread message, read, replied to
        await open_pane(pilot, "alt+4")
        assert isinstance(app.screen, MessagesScreen)
        await highlight(pilot, "messages", application.job_number)
        assert "●未読1件" in highlighted_text(pilot, "messages")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ThreadScreen)
        assert "面接日程の候補" in screen_text(pilot)
        assert "未読" not in menu_text(app)  # read now: the menu's count is gone
        await type_text(pilot, "12月3日の午後はいかがでしょうか。")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "送信しました" in screen_text(pilot)
        assert editor_text(pilot) == ""
        sent = await replies(tui_server, application.job_number)
        assert [s.message.body for s in sent] == ["12月3日の午後はいかがでしょうか。"]
        # The employer answers and records the result: 求職活動状況 and Home follow.
        async with staff(tui_server) as db:
            now = tui_server.clock.now()
            await employer_message(
                db, now, DEMO_SEEKER_NUMBER, application.job_number, "残念ながら…"
            )
            await record_result(
                db, now, DEMO_SEEKER_NUMBER, application.job_number, ApplicationState.rejected
            )
        await pilot.press("f5")
        await settle(pilot)
        assert "残念ながら…" in screen_text(pilot)
        await open_pane(pilot, "alt+3")  # the pane as it was left: the letter on top
        assert isinstance(app.screen, ReferralLetterScreen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await highlight(pilot, "applications", application.job_number)
        assert any(
            "【不採用】" in o and application.job_number in o
            for o in option_texts(pilot, "applications")
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationScreen)
        assert "選考状況　: 不採用" in screen_text(pilot)
        await open_pane(pilot, "alt+1")
        home = "\n".join(option_texts(pilot, "activity-list"))
        assert application.job_number not in home  # the selection ended: it left Home
        assert "応募中・選考中の求人（1件）" in home  # the referral application is in it


async def test_withdraw_while_applied_after_confirming(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    await add_postings(tui_server.app)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        client = await app.get_client()
        await client.apply(ONLINE, "応募します。", cautions_acknowledged=True)
        await open_pane(pilot, "alt+3")
        await highlight(pilot, "applications", ONLINE)
        assert "w 辞退" in str(app.screen.query_one("KeyBar").render())
        await pilot.press("w")
        await settle(pilot)
        assert "辞退すると元に戻せません" in screen_text(pilot)
        await pilot.press("escape")  # No: nothing changes
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)
        assert any("【応募中】" in o and ONLINE in o for o in option_texts(pilot, "applications"))
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")  # はい
        await settle(pilot)
        assert "辞退しました" in screen_text(pilot)
        assert any("【辞退】" in o and ONLINE in o for o in option_texts(pilot, "applications"))
        assert "w 辞退" not in str(app.screen.query_one("KeyBar").render())


async def test_reply_draft_survives_a_failed_send_and_a_restart(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, tmp_path: Path
) -> None:
    from tests.api.test_client_faults import TIMEOUT, FaultyTransport

    application, _, _ = await demo_rows(tui_server)
    faulty = FaultyTransport(tui_server.app)

    async def no_wait(_seconds: float) -> None:
        return None

    def client() -> object:
        from api_client.client import MyPageClient

        return MyPageClient("http://testserver", transport=faulty, sleep=no_wait)

    text = "日程の件、承知しました。"
    app = make_app(client_factory=client)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+4")
        await highlight(pilot, "messages", application.job_number)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, text)
        # Every try reaches the server and every answer is lost: the app cannot know.
        faulty.plan = [TIMEOUT, TIMEOUT, TIMEOUT]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "送信できませんでした" in screen_text(pilot)
        assert editor_text(pilot) == text
        app.drafts.flush()
        [draft_file] = files(tmp_path / "home" / "drafts", "*.json")
        assert stat.S_IMODE(draft_file.stat().st_mode) == 0o600
        assert text in draft_file.read_text(encoding="utf-8")
    # A new start of the app: the reply is where it was left.
    app = make_app(client_factory=client)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+4")
        await highlight(pilot, "messages", application.job_number)
        await pilot.press("enter")
        await settle(pilot)
        assert editor_text(pilot) == text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "送信しました" in screen_text(pilot)
        app.drafts.flush()
        assert not files(tmp_path / "home" / "drafts", "*.json")
    # Four sends reached the server, one message exists: the same Idempotency-Key each time.
    sent = await replies(tui_server, application.job_number)
    assert [s.message.body for s in sent] == [text]


async def test_text_over_the_limit_is_refused_before_sending_and_kept(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from textual import events

    application, _, _ = await demo_rows(tui_server)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+4")
        await highlight(pilot, "messages", application.job_number)
        await pilot.press("enter")
        await settle(pilot)
        long = "あ" * 2001
        app.post_message(events.Paste(long))  # as the terminal delivers a paste
        await settle(pilot)
        assert "2,001 / 2,000文字" in screen_text(pilot), screen_text(pilot)[-600:]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "メッセージは2000文字以内で入力してください（現在2001文字）" in screen_text(pilot)
        assert editor_text(pilot) == long
    assert await replies(tui_server, application.job_number) == []


async def test_kiosk_keeps_drafts_in_memory_only(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer, tmp_path: Path
) -> None:
    application, _, _ = await demo_rows(tui_server)
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+4")
        await highlight(pilot, "messages", application.job_number)
        await pilot.press("enter")
        await settle(pilot)
        assert "共用端末のため" in screen_text(pilot)
        await type_text(pilot, "下書き")
        app.drafts.flush()
        assert not (tmp_path / "home" / "drafts").exists()
        assert app.drafts.load(app.user.email, f"reply:{application.id}") is not None
        await pilot.press("ctrl+l")  # log out: the next person finds nothing
        await settle(pilot)
        assert app.drafts.load("demo@example.jp", f"reply:{application.id}") is None


async def test_no_show_rule_says_to_visit_an_office(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    """5 interview no-shows on self-applications within 3 months: applying online is
    refused, and the screens say why and what to do."""
    from tests.api.apps_support import MANY

    await add_postings(tui_server.app)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        client = await app.get_client()
        for number in MANY[:5]:
            await client.apply(number, "応募します。", cautions_acknowledged=True)
        async with staff(tui_server) as db:
            for number in MANY[:5]:
                await record_result(
                    db, tui_server.clock.now(), DEMO_SEEKER_NUMBER, number, ApplicationState.no_show
                )
            await request(db, tui_server.clock.now(), DEMO_SEEKER_NUMBER, MANY[5])
        await open_pane(pilot, "alt+3")
        assert "ハローワークの窓口へお越しください" in screen_text(pilot)
        await pilot.press("q")
        await settle(pilot)
        await highlight(pilot, "requests", MANY[5])
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ApplyScreen)
        assert "ハローワークの窓口へお越しください" in screen_text(pilot)
        await type_text(pilot, "応募します。")
        await pilot.press("shift+tab", "space", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ApplyScreen)  # refused: the screen and its text stay
        assert "応募できませんでした: 面接の不参加が3か月で5件以上" in screen_text(pilot)
        assert editor_text(pilot) == "応募します。"


async def test_online_only_account_is_told_why_there_are_no_referrals(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from sqlalchemy import update

    from server.accounts.models import Seeker
    from tests.conftest import seed_account
    from tests.tui.flows import sign_in

    account = await seed_account(tui_server.app, email="net@example.jp")
    async with staff(tui_server) as db:
        await db.execute(
            update(Seeker)
            .where(Seeker.seeker_number == account.seeker_number)
            .values(online_only=True)
        )
        await db.commit()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, account.email, account.password)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        home = "\n".join(option_texts(pilot, "activity-list"))
        assert "インターネットで登録した方（ハローワークでの求職登録がない方）" in home
        await open_pane(pilot, "alt+3")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralsScreen)
        assert "オンラインハローワーク紹介を利用できません" in screen_text(pilot)


async def test_reply_sent_once_signed_in_again_after_the_session_expired(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    from datetime import timedelta

    from screens.session import ReauthModal
    from tests.tui.support import DEMO_PASSWORD

    application, _, _ = await demo_rows(tui_server)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in_to_home(pilot, tui_server)
        await open_pane(pilot, "alt+4")
        await highlight(pilot, "messages", application.job_number)
        await pilot.press("enter")
        await settle(pilot)
        thread = app.screen
        await type_text(pilot, "承知しました。")
        tui_server.clock.advance(timedelta(minutes=31))  # idle limit is 30 minutes
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReauthModal)
        await type_text(pilot, DEMO_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, tui_server.latest_otp())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is thread  # the same screen, and the send made once signed in
        assert "送信しました" in screen_text(pilot)
    sent = await replies(tui_server, application.job_number)
    assert [s.message.body for s in sent] == ["承知しました。"]
