"""The whole story of issue 10 through the typed client, the real server and a real database
(SQLite and PostgreSQL), with Hello Work and the employer played through the staff service:
a referral arrives, the seeker applies, the employer writes, the seeker replies, a result is
recorded — and Home, 求職活動状況 and メッセージ show each step."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi import FastAPI

from api_client.application_models import (
    ApplicationMethod,
    ApplicationState,
    MessageSender,
    ReferralState,
)
from api_client.client import new_idempotency_key
from api_client.job_models import JobStatus
from server.staff import service as staff_service
from tests.api import apps_support as s
from tests.conftest import Outbox, SettableClock


@pytest.fixture
async def story_app(any_app: FastAPI, clock: SettableClock) -> tuple[FastAPI, SettableClock]:
    """The app on SQLite, then on PostgreSQL, with the postings of apps_support."""
    await s.add_postings(any_app)
    return any_app, clock


async def test_referral_apply_message_reply_result(
    story_app: tuple[FastAPI, SettableClock], outbox: Outbox
) -> None:
    app, clock = story_app
    async with s.seeker(app, outbox) as taro:
        api = taro.api
        home = await api.home_activity()
        assert (home.unread_messages, home.in_selection, home.referrals) == (0, [], [])
        assert home.referrals_unavailable is None

        # 1. Hello Work refers a posting (default deadline: a week).
        async with s.staff(app) as db:
            referral = await staff_service.refer(db, clock.now(), taro.number, s.OFFICE_ONLY)
        assert referral.deadline == date(2026, 5, 18)
        home = await api.home_activity()
        assert [r.posting.job_number for r in home.referrals] == [s.OFFICE_ONLY]
        assert home.referrals_total == 1
        [listed] = (await api.referrals()).items
        assert listed.state is ReferralState.open
        assert listed.office_name == "飯田橋公共職業安定所"
        assert listed.posting.card is not None and listed.posting.status is JobStatus.open

        # 2. The seeker applies to it (a posting that takes no self-application).
        await s.come_back(app, outbox, taro, hours=3)
        key = new_idempotency_key()
        applied = await api.apply_referral(
            listed.id, "介護の経験を活かしたいです。", idempotency_key=key
        )
        assert applied.method is ApplicationMethod.referral
        assert applied.state is ApplicationState.applied
        assert applied.referral_deadline == date(2026, 5, 18)
        assert applied.withdrawable
        home = await api.home_activity()
        assert home.referrals == [] and home.referrals_total == 0  # no longer open
        assert [a.id for a in home.in_selection] == [applied.id]
        assert (await api.referrals()).items[0].state is ReferralState.applied

        # The 紹介状: seeker, posting, employer, office, date.
        letter = await api.referral_letter(applied.id)
        assert letter.seeker_number == taro.number and letter.seeker_name == "求職 太郎"
        assert (letter.job_number, letter.company_name) == (s.OFFICE_ONLY, s.COMPANY)
        assert letter.office_name == "飯田橋公共職業安定所"
        assert letter.issued_on == date(2026, 5, 11)
        for part in (
            taro.number,
            s.OFFICE_ONLY,
            s.COMPANY,
            "飯田橋公共職業安定所",
            "2026年5月11日",
        ):
            assert part in letter.text
        assert "架空" in letter.text  # a synthetic posting is labelled

        # 3. The employer writes.
        await s.come_back(app, outbox, taro, hours=1)
        async with s.staff(app) as db:
            await staff_service.employer_message(
                db, clock.now(), taro.number, s.OFFICE_ONLY, "面接の日程を\n相談させてください。"
            )
        home = await api.home_activity()
        assert home.unread_messages == 1
        assert (await api.home()).unread_messages == 1
        overview = await api.messages()
        [thread_summary] = overview.threads
        assert thread_summary.unread == 1 and overview.unread == 1
        assert thread_summary.last_sender is MessageSender.employer
        assert thread_summary.preview == "面接の日程を 相談させてください。"
        assert (await api.applications()).items[0].unread_messages == 1

        # 4. The seeker reads and replies.
        thread = await api.thread(applied.id)
        assert [m.body for m in thread.messages] == ["面接の日程を\n相談させてください。"]
        assert thread.unread == 1
        assert (await api.mark_thread_read(applied.id)).unread == 0
        assert (await api.home_activity()).unread_messages == 0
        clock.advance(minutes=5)
        reply = await api.send_message(applied.id, "5月20日の午後はいかがでしょうか。")
        assert reply.sender is MessageSender.seeker
        async with s.staff(app) as db:
            sent = await staff_service.sent_messages(db, taro.number)
        assert [(m.job_number, m.message.body) for m in sent] == [
            (s.OFFICE_ONLY, "5月20日の午後はいかがでしょうか。")
        ]
        assert [m.sender for m in (await api.thread(applied.id)).messages] == [
            MessageSender.employer,
            MessageSender.seeker,
        ]
        assert (await api.home_activity()).unread_messages == 0  # own messages are not "new"

        # 5. Results: 選考中, then 採用. An ended selection leaves Home and stays listed.
        async with s.staff(app) as db:
            await staff_service.record_result(
                db, clock.now(), taro.number, s.OFFICE_ONLY, ApplicationState.screening
            )
        home = await api.home_activity()
        assert [a.state for a in home.in_selection] == [ApplicationState.screening]
        assert not home.in_selection[0].withdrawable
        await s.come_back(app, outbox, taro, days=2)
        async with s.staff(app) as db:
            await staff_service.record_result(
                db, clock.now(), taro.number, s.OFFICE_ONLY, ApplicationState.hired
            )
        home = await api.home_activity()
        assert home.in_selection == [] and home.in_selection_total == 0
        [done] = (await api.applications()).items
        assert done.state is ApplicationState.hired
        assert done.result_at == clock.now()
        assert done.applied_at < done.updated_at == done.result_at


async def test_self_application_and_request_postings(
    story_app: tuple[FastAPI, SettableClock], outbox: Outbox
) -> None:
    app, clock = story_app
    async with s.seeker(app, outbox) as taro:
        api = taro.api
        # リクエスト求人: an employer may ask only a seeker whose information is 公開中.
        async with s.staff(app) as db:
            with pytest.raises(staff_service.StaffError) as refused:
                await staff_service.request(db, clock.now(), taro.number, s.ONLINE)
        assert refused.value.option == "seeker-number"
        await s.make_public(app, taro.number)
        async with s.staff(app) as db:
            await staff_service.request(db, clock.now(), taro.number, s.ONLINE)
        home = await api.home_activity()
        assert home.requests_listed and home.requests_total == 1
        [req] = home.requests
        assert req.posting.job_number == s.ONLINE and req.application_id is None
        await s.make_public(app, taro.number, public=False)  # 非公開: not listed
        assert (await api.request_postings()).model_dump() == {
            "listed": False,
            "items": [],
            "total": 0,
        }
        assert not (await api.home_activity()).requests_listed
        await s.make_public(app, taro.number)

        # オンライン自主応募 to the requested posting, cautions acknowledged.
        applied = await api.apply(s.ONLINE, "応募します。", cautions_acknowledged=True)
        assert applied.method is ApplicationMethod.self_application
        assert applied.motivation == "応募します。"
        assert (await api.request_postings()).items[0].application_id == applied.id
        # Applying extends the registration: 有効 until the end of the month after next.
        await s.come_back(app, outbox, taro, days=40)  # 2026-06-20
        await api.apply(s.ONLINE_2, "応募します。", cautions_acknowledged=True)
        assert (await api.home()).registration_valid_until == date(2026, 8, 31)

        # 辞退 while 応募中; the selection ended, so it leaves Home but stays listed.
        withdrawn = await api.withdraw_application(applied.id)
        assert withdrawn.state is ApplicationState.declined and not withdrawn.withdrawable
        home = await api.home_activity()
        assert [a.posting.job_number for a in home.in_selection] == [s.ONLINE_2]
        listed = (await api.applications()).items
        assert [(a.posting.job_number, a.state) for a in listed] == [
            (s.ONLINE_2, ApplicationState.applied),
            (s.ONLINE, ApplicationState.declined),
        ]
        assert listed[1].result_at == clock.now()
        assert clock.now() - listed[1].applied_at == timedelta(days=40)
