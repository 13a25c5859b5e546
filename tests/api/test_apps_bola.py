"""Object-level authorisation: another seeker can neither read nor answer these threads, nor
see, withdraw or print these applications and referrals — each is a 404, exactly as for an
id that does not exist, and nothing of the owner's shows in the other's lists."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from api_client.errors import NotFound
from server.staff import service as staff
from tests.api import apps_support as s
from tests.conftest import Outbox, SettableClock


@pytest.fixture
async def world(app: FastAPI) -> FastAPI:
    await s.add_postings(app)
    return app


async def test_another_seeker_gets_404_everywhere(
    world: FastAPI, outbox: Outbox, clock: SettableClock
) -> None:
    async with (
        s.seeker(world, outbox, "taro@example.jp") as taro,
        s.seeker(world, outbox, "jiro@example.jp", name="求職 次郎") as jiro,
    ):
        async with s.staff(world) as db:
            referral = await staff.refer(db, clock.now(), taro.number, s.OFFICE_ONLY)
        applied = await taro.api.apply_referral(referral.id, "紹介で応募します。")
        async with s.staff(world) as db:
            await staff.employer_message(db, clock.now(), taro.number, s.OFFICE_ONLY, "面接の件")

        missing = applied.id + 1000
        for target in (applied.id, missing):
            for call in (
                jiro.api.application(target),
                jiro.api.withdraw_application(target),
                jiro.api.referral_letter(target),
                jiro.api.thread(target),
                jiro.api.mark_thread_read(target),
                jiro.api.send_message(target, "横から失礼します"),
            ):
                with pytest.raises(NotFound) as refused:
                    await call
                assert refused.value.status_code == 404
                assert refused.value.params == {}  # says nothing about the owner's row
        with pytest.raises(NotFound):
            await jiro.api.apply_referral(referral.id, "他人の紹介に応募")

        # Nothing of Taro's in Jiro's lists and counts.
        assert (await jiro.api.applications()).items == []
        assert (await jiro.api.referrals()).items == []
        assert (await jiro.api.messages()).threads == []
        home = await jiro.api.home_activity()
        assert (home.unread_messages, home.in_selection, home.referrals) == (0, [], [])

        # Taro's thread is untouched: still unread, no message from Jiro.
        thread = await taro.api.thread(applied.id)
        assert thread.unread == 1
        assert [m.body for m in thread.messages] == ["面接の件"]
        assert (await taro.api.application(applied.id)).state == "applied"
        async with s.staff(world) as db:
            assert await staff.sent_messages(db, jiro.number) == []


async def test_a_key_of_one_seeker_means_nothing_to_another(world: FastAPI, outbox: Outbox) -> None:
    """Idempotency keys are kept per seeker: the same key from someone else is a new request,
    not a replay of the first seeker's application."""
    async with (
        s.seeker(world, outbox, "taro@example.jp") as taro,
        s.seeker(world, outbox, "jiro@example.jp") as jiro,
    ):
        key = "shared-key-0123456789"
        mine = await taro.api.apply(
            s.ONLINE, "太郎", cautions_acknowledged=True, idempotency_key=key
        )
        theirs = await jiro.api.apply(
            s.ONLINE, "次郎", cautions_acknowledged=True, idempotency_key=key
        )
        assert mine.id != theirs.id
        assert theirs.motivation == "次郎"
