"""Refusals and rules of applying and messaging, each with the code the client dispatches on
(real client → real app → SQLite)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from api_client._http import RetryPolicy
from api_client.application_models import (
    IDEMPOTENCY_HEADER,
    MESSAGE_MAX,
    MOTIVATION_MAX,
    ApplicationState,
    ReferralState,
)
from api_client.client import MyPageClient, new_idempotency_key
from api_client.errors import (
    AlreadyApplied,
    IdempotencyKeyReused,
    NotFound,
    NotWithdrawable,
    OnlineOnlyAccount,
    PostingClosed,
    RateLimited,
    ReferralDeadlinePassed,
    RegistrationInvalid,
    RegistrationRequired,
    SelfApplicationNotAccepted,
    SelfApplicationRestricted,
    ValidationFailed,
)
from api_client.models import ErrorCode, RegistrationStatus
from server.accounts.validity import record_contact
from server.applications.throttle import APPLY_LIMIT
from server.scheduler.jobs import run_scheduled
from server.staff import service as staff
from tests.api import apps_support as s
from tests.api.reg_support import register
from tests.conftest import Outbox, SettableClock, app_state


@pytest.fixture
async def world(app: FastAPI) -> FastAPI:
    await s.add_postings(app)
    return app


@pytest.fixture
async def taro(world: FastAPI, outbox: Outbox) -> AsyncIterator[s.Seeker]:
    async with s.seeker(world, outbox) as who:
        yield who


async def _apply(who: s.Seeker, job_number: str = s.ONLINE, **kw: object):  # type: ignore[no-untyped-def]
    args = {"cautions_acknowledged": True} | kw
    return await who.api.apply(job_number, "志望動機です。", **args)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- self-application


@pytest.mark.parametrize(
    ("job_number", "error", "status"),
    [
        (s.EXPIRED, PostingClosed, "expired"),
        (s.WITHDRAWN, PostingClosed, "withdrawn"),
        (s.OFFICE_ONLY, SelfApplicationNotAccepted, None),
        ("13010-09999999", NotFound, None),
    ],
)
async def test_refused_postings_name_the_reason(
    taro: s.Seeker, job_number: str, error: type[Exception], status: str | None
) -> None:
    with pytest.raises(error) as refused:
        await _apply(taro, job_number)
    if status is not None:
        assert isinstance(refused.value, PostingClosed) and refused.value.status == status
    assert (await taro.api.applications()).items == []


async def test_twice_to_the_same_posting_is_refused(taro: s.Seeker) -> None:
    first = await _apply(taro)
    with pytest.raises(AlreadyApplied) as refused:
        await _apply(taro)  # a new key: a second submission, not a retry
    assert refused.value.application_id == first.id
    # Withdrawn or not, one application per posting.
    await taro.api.withdraw_application(first.id)
    with pytest.raises(AlreadyApplied):
        await _apply(taro)


async def test_the_cautions_must_be_acknowledged(taro: s.Seeker) -> None:
    with pytest.raises(ValidationFailed) as refused:
        await _apply(taro, cautions_acknowledged=False)
    assert [(f.field, f.code) for f in refused.value.fields] == [
        ("cautions_acknowledged", "cautions_not_acknowledged")
    ]


@pytest.mark.parametrize(
    ("motivation", "code"),
    [
        ("あ" * (MOTIVATION_MAX + 1), "text_too_long"),
        ("  \n ", "required"),
    ],
)
async def test_motivation_rules(taro: s.Seeker, motivation: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        await taro.api.apply(s.ONLINE, motivation, cautions_acknowledged=True)
    [field] = refused.value.fields
    assert (field.field, field.code) == ("motivation", code)
    if code == "text_too_long":
        assert field.params == {"max": MOTIVATION_MAX, "length": MOTIVATION_MAX + 1}


@pytest.mark.parametrize("motivation", ["志望\x00動機", "志望\x1b[31m動機", "志望\x85動機"])
async def test_control_characters_are_refused_at_the_edge(
    world: FastAPI, taro: s.Seeker, motivation: str
) -> None:
    # The typed client refuses to build such a request at all…
    with pytest.raises(ValueError, match="control"):
        await taro.api.apply(s.ONLINE, motivation, cautions_acknowledged=True)
    # …and the server refuses it from any other client, naming the field.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(world), base_url="http://testserver"
    ) as raw:
        res = await raw.post(
            "/api/v1/me/applications",
            json={"job_number": s.ONLINE, "motivation": motivation, "cautions_acknowledged": True},
            headers={
                "Authorization": f"Bearer {taro.api.session_token}",
                IDEMPOTENCY_HEADER: new_idempotency_key(),
            },
        )
    assert res.status_code == 422
    assert [(f["field"], f["code"]) for f in res.json()["fields"]] == [
        ("motivation", "control_characters")
    ]
    assert (await taro.api.applications()).items == []


async def test_motivation_at_the_limit_with_crlf_is_accepted(taro: s.Seeker) -> None:
    text = "あ" * (MOTIVATION_MAX - 2) + "\r\n" + "い"  # CR LF counts as one line break
    applied = await taro.api.apply(s.ONLINE, text, cautions_acknowledged=True)
    assert applied.motivation == "あ" * (MOTIVATION_MAX - 2) + "\nい"


async def test_same_key_replays_instead_of_creating(world: FastAPI, taro: s.Seeker) -> None:
    key = new_idempotency_key()
    first = await _apply(taro, idempotency_key=key)
    again = await _apply(taro, idempotency_key=key)  # a retry after a lost answer
    assert again.id == first.id
    assert len((await taro.api.applications()).items) == 1
    with pytest.raises(IdempotencyKeyReused):
        await _apply(taro, s.ONLINE_2, idempotency_key=key)


async def test_the_key_header_is_required_and_checked(world: FastAPI, taro: s.Seeker) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(world), base_url="http://testserver"
    ) as raw:
        auth = {"Authorization": f"Bearer {taro.api.session_token}"}
        body = {"job_number": s.ONLINE, "motivation": "x", "cautions_acknowledged": True}
        for headers, field in (
            (auth, IDEMPOTENCY_HEADER),
            (auth | {IDEMPOTENCY_HEADER: "short"}, IDEMPOTENCY_HEADER),
        ):
            res = await raw.post("/api/v1/me/applications", json=body, headers=headers)
            assert res.status_code == 422
            assert [f["field"] for f in res.json()["fields"]] == [field]
        ok = auth | {IDEMPOTENCY_HEADER: "k" * 20}
        first = await raw.post("/api/v1/me/applications", json=body, headers=ok)
        again = await raw.post("/api/v1/me/applications", json=body, headers=ok)
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.headers["Idempotent-Replayed"] == "true"
        assert first.json()["id"] == again.json()["id"]


async def test_withdraw_only_while_applied(world: FastAPI, taro: s.Seeker) -> None:
    applied = await _apply(taro)
    async with s.staff(world) as db:
        await staff.record_result(
            db, app_state(world).env.clock.now(), taro.number, s.ONLINE, ApplicationState.screening
        )
    with pytest.raises(NotWithdrawable) as refused:
        await taro.api.withdraw_application(applied.id)
    assert refused.value.params == {"state": "screening"}


# --------------------------------------------------------------------------- the no-show rule


async def test_five_no_shows_in_three_months_restrict_until_an_office_visit(
    world: FastAPI, outbox: Outbox, taro: s.Seeker, clock: SettableClock
) -> None:
    env = app_state(world).env
    for i, number in enumerate(s.MANY[:5]):
        await _apply(taro, number)
        clock.set(datetime(2026, 5, 11, 1, tzinfo=UTC) + timedelta(days=18 * i))  # 72 days
        async with s.staff(world) as db:
            await staff.record_result(
                db, clock.now(), taro.number, number, ApplicationState.no_show
            )
        await s.come_back(world, outbox, taro, minutes=1)
    status = (await taro.api.applications()).self_application
    assert status.restricted and status.no_shows == 5
    with pytest.raises(SelfApplicationRestricted):
        await _apply(taro, s.MANY[5])
    # A referral is Hello Work's own: still possible.
    async with s.staff(world) as db:
        referral = await staff.refer(db, clock.now(), taro.number, s.OFFICE_ONLY)
    await taro.api.apply_referral(referral.id, "紹介で応募します。")
    # Time alone does not lift it ("解除にはハローワークへの来所が必要です")…
    await s.come_back(world, outbox, taro, days=60)  # the first no-show is 4 months old
    with pytest.raises(SelfApplicationRestricted):
        await _apply(taro, s.MANY[5])
    # …a visit to an office does.
    async with s.staff(world) as db:
        await record_contact(db, env, taro.number)
    assert not (await taro.api.applications()).self_application.restricted
    await _apply(taro, s.MANY[5])


async def test_no_shows_spread_wider_than_three_months_do_not_restrict(
    world: FastAPI, outbox: Outbox, taro: s.Seeker, clock: SettableClock
) -> None:
    for i, number in enumerate(s.MANY[:5]):
        await _apply(taro, number)
        clock.set(datetime(2026, 5, 11, 1, tzinfo=UTC) + timedelta(days=24 * i))  # 96 days
        async with s.staff(world) as db:
            await staff.record_result(
                db, clock.now(), taro.number, number, ApplicationState.no_show
            )
        await s.come_back(world, outbox, taro, minutes=1)
    assert not (await taro.api.applications()).self_application.restricted


# --------------------------------------------------------------------------- referrals


async def test_referral_deadline_and_closed_posting(
    world: FastAPI, outbox: Outbox, taro: s.Seeker, clock: SettableClock
) -> None:
    async with s.staff(world) as db:
        late = await staff.refer(db, clock.now(), taro.number, s.ONLINE, date(2026, 5, 12))
        closing = await staff.refer(db, clock.now(), taro.number, s.ONLINE_2)
    async with s.staff(world) as db:
        from server.jobs.store import withdraw

        await withdraw(db, s.ONLINE_2)
        await db.commit()
    await s.come_back(world, outbox, taro, days=2)  # 2026-05-13: after the 12th
    states = {r.id: r.state for r in (await taro.api.referrals()).items}
    assert states == {
        late.id: ReferralState.deadline_passed,
        closing.id: ReferralState.posting_closed,
    }
    with pytest.raises(ReferralDeadlinePassed) as refused:
        await taro.api.apply_referral(late.id, "応募します。")
    assert refused.value.deadline == "2026-05-12"
    with pytest.raises(PostingClosed):
        await taro.api.apply_referral(closing.id, "応募します。")
    assert (await taro.api.home_activity()).referrals == []


async def test_on_the_deadline_day_applying_still_works(
    world: FastAPI, outbox: Outbox, taro: s.Seeker, clock: SettableClock
) -> None:
    async with s.staff(world) as db:
        referral = await staff.refer(db, clock.now(), taro.number, s.ONLINE, date(2026, 5, 12))
    clock.set(datetime(2026, 5, 12, 14, 59, tzinfo=UTC))  # 23:59 JST on the 12th
    await s.come_back(world, outbox, taro, seconds=0)
    await taro.api.apply_referral(referral.id, "応募します。")


async def test_online_only_accounts_have_no_referrals(world: FastAPI, outbox: Outbox) -> None:
    async with s.seeker(world, outbox) as taro:
        async with s.staff(world) as db:
            row = await staff.find_seeker(db, taro.number)
            row.online_only = True
            await db.commit()
            with pytest.raises(staff.StaffError) as refused:
                await staff.refer(db, app_state(world).env.clock.now(), taro.number, s.ONLINE)
            await db.rollback()
        assert refused.value.option == "seeker-number"
        assert "online only" in refused.value.message
        with pytest.raises(OnlineOnlyAccount):
            await taro.api.referrals()
        home = await taro.api.home_activity()
        assert home.referrals_unavailable is ErrorCode.online_only_account
        # Self-application is what an online-only account does.
        await _apply(taro)


async def test_an_online_account_without_registration(world: FastAPI, outbox: Outbox) -> None:
    from tests.api.reg_support import open_online

    async with s.new_api(world) as api:
        await open_online(api, outbox, "hanako@example.jp")
        with pytest.raises(RegistrationRequired):
            await api.apply(s.ONLINE, "x", cautions_acknowledged=True)
        with pytest.raises(OnlineOnlyAccount):
            await api.referrals()
        assert (await api.applications()).items == []
        home = await api.home_activity()
        assert home.referrals_unavailable is ErrorCode.online_only_account
        assert (home.unread_messages, home.in_selection, home.requests_listed) == (0, [], False)
        assert (await api.messages()).threads == []
        # Registered online: still online only.
        number = await register(api, outbox, "hanako2@example.jp")
        assert number


# --------------------------------------------------------------------------- 無効 registration


async def test_invalid_registration_blocks_messages_and_referrals(
    world: FastAPI, taro: s.Seeker, clock: SettableClock
) -> None:
    applied = await _apply(taro)
    async with s.staff(world) as db:
        referral = await staff.refer(db, clock.now(), taro.number, s.OFFICE_ONLY)
    await taro.api.set_registration_status(RegistrationStatus.invalid)
    for call in (
        taro.api.messages(),
        taro.api.thread(applied.id),
        taro.api.send_message(applied.id, "こんにちは"),
        taro.api.mark_thread_read(applied.id),
        taro.api.referrals(),
        taro.api.apply_referral(referral.id, "応募します。"),
        taro.api.referral_letter(applied.id),
        taro.api.apply(s.ONLINE_2, "x", cautions_acknowledged=True),
    ):
        with pytest.raises(RegistrationInvalid):
            await call
    home = await taro.api.home_activity()
    assert home.referrals_unavailable is ErrorCode.registration_invalid
    assert [a.id for a in home.in_selection] == [applied.id]  # the status list stays
    assert [a.id for a in (await taro.api.applications()).items] == [applied.id]


# --------------------------------------------------------------------------- messages


async def test_message_rules_and_replay(world: FastAPI, taro: s.Seeker) -> None:
    applied = await _apply(taro)
    with pytest.raises(ValidationFailed) as refused:
        await taro.api.send_message(applied.id, "あ" * (MESSAGE_MAX + 1))
    assert [(f.field, f.code) for f in refused.value.fields] == [("body", "text_too_long")]
    key = new_idempotency_key()
    one = await taro.api.send_message(applied.id, "よろしくお願いします。", idempotency_key=key)
    two = await taro.api.send_message(applied.id, "よろしくお願いします。", idempotency_key=key)
    assert one.id == two.id
    assert len((await taro.api.thread(applied.id)).messages) == 1
    with pytest.raises(IdempotencyKeyReused):
        await taro.api.send_message(applied.id, "別の内容", idempotency_key=key)


async def test_messages_older_than_a_year_are_purged(
    world: FastAPI, outbox: Outbox, taro: s.Seeker, clock: SettableClock
) -> None:
    state = app_state(world)
    applied = await _apply(taro)
    async with s.staff(world) as db:
        await staff.employer_message(db, clock.now(), taro.number, s.ONLINE, "古いメッセージ")
        await staff.hellowork_notice(db, clock.now(), taro.number, "ハローワークからのお知らせ")
    clock.advance(days=200)
    async with s.staff(world) as db:
        await staff.employer_message(db, clock.now(), taro.number, s.ONLINE, "新しいメッセージ")
        await record_contact(db, state.env, taro.number)  # keeps the registration 有効
    await s.come_back(world, outbox, taro, seconds=0)
    overview = await taro.api.messages()
    assert overview.unread == 3 and overview.unread_notices == 1
    assert overview.notices[0].body == "ハローワークからのお知らせ"
    clock.advance(days=170)  # the first two are now more than a year old
    async with state.write_sessionmaker() as db:
        report = await run_scheduled(db, state.env, clock.now())
        await record_contact(db, state.env, taro.number)
    assert (report.purged_messages, report.purged_notices) == (1, 1)
    await s.come_back(world, outbox, taro, seconds=0)
    thread = await taro.api.thread(applied.id)
    assert [m.body for m in thread.messages] == ["新しいメッセージ"]
    assert (await taro.api.home()).unread_messages == 1
    # The application itself stays in 求職活動状況.
    assert [a.id for a in (await taro.api.applications()).items] == [applied.id]


# --------------------------------------------------------------------------- throttles


async def test_sending_is_throttled_per_account(
    world: FastAPI, outbox: Outbox, taro: s.Seeker, clock: SettableClock
) -> None:
    """30 application requests an hour per account (replays count): the 31st is a 429 with
    Retry-After, and the next hour is open again."""
    # A client that does not retry a 429 by itself, so the test sees it.
    api = MyPageClient(
        "http://testserver",
        transport=httpx.ASGITransport(world),
        retry=RetryPolicy(max_retries=0),
    )
    api.session_token = taro.api.session_token
    async with api:
        key = new_idempotency_key()
        first = await _apply(taro, idempotency_key=key)
        for _ in range(APPLY_LIMIT.limit - 1):
            assert (
                await api.apply(
                    s.ONLINE, "志望動機です。", cautions_acknowledged=True, idempotency_key=key
                )
            ).id == first.id
        with pytest.raises(RateLimited) as refused:
            await api.apply(s.ONLINE_2, "志望動機です。", cautions_acknowledged=True)
        assert int(refused.value.params["retry_after"]) > 0
    await s.come_back(world, outbox, taro, hours=2)
    await _apply(taro, s.ONLINE_2)


async def test_the_employer_of_an_application_is_named_even_where_listings_hide_it(
    taro: s.Seeker,
) -> None:
    """公開範囲 3 keeps the employer out of search; once the seeker has applied they are in
    contact with it, so 求職活動状況 and the thread name it (the card stays as published)."""
    applied = await _apply(taro, s.HIDDEN_NAME)
    assert applied.posting.company_name == s.COMPANY
    assert applied.posting.card is not None and applied.posting.card.company_name is None
    [thread] = (await taro.api.messages()).threads
    assert thread.posting.company_name == s.COMPANY
