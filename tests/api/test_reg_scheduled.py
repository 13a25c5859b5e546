"""Scheduled jobs: weekly 特集求人 delivery, lapse of registrations, 5-year purge."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from api_client.errors import APIStatusError
from api_client.job_models import Feature
from api_client.models import ErrorCode, RegistrationStatus
from api_client.profile_models import DesiredPlace, DesiredWork
from server.accounts.models import Account, Seeker
from server.admin import main as admin_main
from server.config import ServerSettings
from server.jobs.search.tokens import FEATURE_BITS
from server.jobs.store import add_posting
from server.notices.models import Notice
from server.scheduler.jobs import ScheduledReport, run_scheduled
from tests.api import jobs_data
from tests.api.reg_support import PASSWORD, log_in, register, valid_steps
from tests.conftest import Outbox, SettableClock, app_state, new_api

SATURDAY = datetime(2026, 5, 16, 0, 0, tzinfo=UTC)  # 09:00 JST, the week of conftest.START


async def _posting(app: FastAPI, number: str, **overrides: Any) -> str:
    async with app_state(app).sessionmaker() as db:
        values = jobs_data.posting_values(job_number=number, **overrides)
        posting = await add_posting(db, values)
        await db.commit()
        return posting.job_number


async def _run(app: FastAPI, now: datetime) -> ScheduledReport:
    state = app_state(app)
    async with state.sessionmaker() as db:
        return await run_scheduled(db, state.env, now)


def _steps(features: list[Feature], prefectures: list[str]) -> dict[int, Any]:
    steps = valid_steps()
    assert isinstance(steps[3], DesiredWork)
    steps[3] = steps[3].model_copy(update={"features": features})
    steps[4] = DesiredPlace(prefectures=prefectures)
    return steps


async def test_saturday_delivery_matches_place_and_category_once(
    app: FastAPI, outbox: Outbox
) -> None:
    care, construction = FEATURE_BITS[Feature.care], FEATURE_BITS[Feature.construction]
    tokyo = {"prefecture_code": "13", "municipality_code": "13101"}
    osaka = {"prefecture_code": "27", "municipality_code": "27127"}
    hit_a = await _posting(app, "13010-00000101", features=care, **tokyo)
    await _posting(app, "27010-00000102", features=care, **osaka)  # wrong place
    hit_b = await _posting(app, "27010-00000103", features=construction, **osaka)
    await _posting(app, "13010-00000104", features=0, **tokyo)  # no category
    await _posting(  # received the week before
        app, "13010-00000105", features=care, received_on=date(2026, 5, 9), **tokyo
    )
    await _posting(app, "13010-00000106", features=construction, **tokyo)  # not A's category

    async with new_api(app) as a, new_api(app) as b, new_api(app) as c:
        await register(a, outbox, "a@example.jp", _steps([Feature.care], ["13"]))
        await register(b, outbox, "b@example.jp", _steps([Feature.construction], ["27"]))
        await register(c, outbox, "c@example.jp", _steps([Feature.care], ["13"]))
        await a.set_feature_delivery(True)
        await b.set_feature_delivery(True)  # c keeps the default: 停止

        friday = await _run(app, SATURDAY - timedelta(days=1))
        assert friday.delivered == 0
        saturday = await _run(app, SATURDAY)
        assert saturday.delivered == 2
        again = await _run(app, SATURDAY + timedelta(hours=5))
        assert again.delivered == 0
        # Run at Saturday's time, the jobs purged the sessions idle since Monday.
        for api, address in ((a, "a@example.jp"), (b, "b@example.jp"), (c, "c@example.jp")):
            await log_in(api, outbox, address)

        notices_a = (await a.notices()).notices
        assert [n.posting_numbers for n in notices_a] == [[hit_a]]
        assert notices_a[0].sender == "hellowork" and "特集求人" in notices_a[0].subject
        assert "介護分野" in notices_a[0].body and "架空" in notices_a[0].body
        assert [n.posting_numbers for n in (await b.notices()).notices] == [[hit_b]]
        assert (await c.notices()).notices == []

        assert (await a.home()).unread_messages == 1
        read = await a.mark_notice_read(notices_a[0].id)
        assert read.read_at is not None
        assert (await a.home()).unread_messages == 0
        with pytest.raises(APIStatusError) as err:  # someone else's notice
            await b.mark_notice_read(notices_a[0].id)
        assert err.value.code is ErrorCode.not_found


async def test_admin_run_scheduled_command_is_idempotent(
    app: FastAPI, outbox: Outbox, settings: ServerSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    await _posting(
        app,
        "13010-00000201",
        features=FEATURE_BITS[Feature.care],
        prefecture_code="13",
        municipality_code="13101",
    )
    async with new_api(app) as api:
        await register(api, outbox, "cli@example.jp", _steps([Feature.care], []))  # home: 13
        await api.set_feature_delivery(True)
    args = ["run-scheduled", "--now", "2026-05-16T09:00", "--database-url", settings.database_url]
    # The CLI runs its own event loop (asyncio.run): give it a thread, as a shell would.
    assert await asyncio.to_thread(admin_main, args) == 0
    assert "delivered=1" in capsys.readouterr().out
    assert await asyncio.to_thread(admin_main, args) == 0
    assert "delivered=0" in capsys.readouterr().out
    async with app_state(app).sessionmaker() as db:
        assert await db.scalar(select(func.count()).select_from(Notice)) == 1


async def test_lapse_then_purge_after_five_years(
    app: FastAPI, outbox: Outbox, clock: SettableClock
) -> None:
    email = "old@example.jp"
    async with new_api(app) as api:
        number = await register(api, outbox, email)
    august = datetime(2026, 8, 1, 0, 0, tzinfo=UTC)  # 09:00 JST, the day after validity ends
    report = await _run(app, august)
    assert report.lapsed == 1
    async with app_state(app).sessionmaker() as db:
        seeker = await db.scalar(select(Seeker).where(Seeker.seeker_number == number))
        assert seeker is not None
        assert seeker.registration_status == RegistrationStatus.invalid.value
        assert seeker.invalid_since == date(2026, 8, 1)
        account_id = await db.scalar(select(Account.id).where(Account.email_key == email))
        db.add(
            Notice(
                account_id=account_id,
                kind="test",
                period="x",
                subject="s",
                body="b",
                created_at=august,
            )
        )
        await db.commit()
    # Messages go after a year; the MyPage stays until five years after invalidity.
    assert (await _run(app, august + timedelta(days=366))).purged_notices == 1
    assert (await _run(app, datetime(2031, 7, 31, 0, 0, tzinfo=UTC))).purged_mypages == 0
    assert (await _run(app, datetime(2031, 8, 1, 0, 0, tzinfo=UTC))).purged_mypages == 1
    clock.set(datetime(2031, 8, 1, 0, 0, tzinfo=UTC))
    async with new_api(app) as api:
        with pytest.raises(APIStatusError) as err:
            await api.login(email, PASSWORD)
        assert err.value.code is ErrorCode.invalid_credentials
    async with app_state(app).sessionmaker() as db:
        assert await db.scalar(select(Seeker.id).where(Seeker.seeker_number == number)) is None


async def test_an_office_contact_keeps_the_mypage(
    app: FastAPI, outbox: Outbox, clock: SettableClock
) -> None:
    email = "kept@example.jp"
    async with new_api(app) as api:
        await register(api, outbox, email)
        await api.set_registration_status(RegistrationStatus.invalid)  # 2026-05-11
        await api.set_registration_status(RegistrationStatus.valid)
    later = datetime(2031, 6, 1, 0, 0, tzinfo=UTC)
    report = await _run(app, later)
    assert report.lapsed == 1 and report.purged_mypages == 0  # invalid since 2026-08-01 only
    clock.set(later)
    async with new_api(app) as api:
        await log_in(api, outbox, email)
        assert (await api.settings()).registration_status is RegistrationStatus.invalid


async def test_the_server_runs_the_jobs_on_its_timer(
    settings: ServerSettings, clock: SettableClock, outbox: Outbox
) -> None:
    from server.app import create_app
    from server.scheduler.timer import SchedulerTimer
    from tests.conftest import started

    timed = settings.model_copy(update={"scheduler_enabled": True})
    async for app in started(create_app(timed, clock=clock)):
        timer = app.state.scheduler
        assert isinstance(timer, SchedulerTimer)
        await asyncio.wait_for(timer.ran.wait(), timeout=30)
        assert timer.last is not None and timer.last.delivered == 0
    async for app in started(create_app(settings, clock=clock)):
        assert app.state.scheduler is None  # off unless `hellowork serve` turns it on


def test_serve_turns_the_timer_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from server.main import _parser, settings_from_args

    monkeypatch.delenv("HELLOWORK_SCHEDULER_ENABLED", raising=False)
    assert settings_from_args(_parser().parse_args([])).scheduler_enabled
    monkeypatch.setenv("HELLOWORK_SCHEDULER_ENABLED", "false")
    assert not settings_from_args(_parser().parse_args([])).scheduler_enabled
