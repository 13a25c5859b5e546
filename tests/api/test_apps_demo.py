"""The demo account on a first embedded start shows every part of issue 10 — one referral,
one request posting, one application in 選考中 with one unread employer message — and after
`hellowork demo-data --replace` they all still point at postings that exist."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from fastapi import FastAPI

from api_client.application_models import ApplicationState, HomeActivity, ReferralState
from api_client.client import MyPageClient
from server.app import create_app
from server.demo import DEMO_EMAIL, DEMO_PASSWORD
from server.jobs.bulk import sqlite_path
from server.jobs.demo.cli import main as demo_data_main
from tests.conftest import Outbox, SettableClock, make_settings, new_api, started


async def _demo_sign_in(api: MyPageClient, outbox: Outbox) -> None:
    res = await api.login(DEMO_EMAIL, DEMO_PASSWORD)
    assert res.login_ticket is not None
    await api.verify_otp(res.login_ticket, outbox.read_otp(DEMO_EMAIL))


def _job_numbers(database_url: str) -> set[str]:
    path = sqlite_path(database_url)
    assert path is not None
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT job_number FROM job_postings")}


async def _check_demo(api: MyPageClient, numbers: set[str]) -> HomeActivity:
    home = await api.home_activity()
    assert home.unread_messages == 1
    [application] = home.in_selection
    assert application.state is ApplicationState.screening
    assert application.unread_messages == 1
    [referral] = home.referrals
    assert referral.state is ReferralState.open
    assert home.requests_listed and home.requests_total == 1
    postings = [application.posting, referral.posting, home.requests[0].posting]
    assert {p.job_number for p in postings} <= numbers
    # Each is the posting it names: present, synthetic, and the same job as when it was made.
    assert all(p.card is not None and p.card.synthetic for p in postings)
    assert all(p.card is not None and p.card.job_title == p.job_title for p in postings)
    assert len({p.job_number for p in postings}) == 3
    assert application.posting.card is not None and "online_application" in {
        t.value for t in application.posting.card.tags
    }
    thread = await api.thread(application.id)
    assert [m.sender for m in thread.messages] == ["employer"]
    assert "架空" in thread.messages[0].body
    return home


async def test_demo_activity_on_first_start_and_after_replace(
    database_url: str, outbox: Outbox, tmp_path: Path
) -> None:
    clock = SettableClock()
    settings = make_settings(database_url, outbox, tmp_path, seed_demo=True, demo_jobs=200)
    app: FastAPI
    async for app in started(create_app(settings, clock=clock)):
        async with new_api(app) as api:
            await _demo_sign_in(api, outbox)
            first = await _check_demo(api, _job_numbers(database_url))

    # Another set of postings under the same numbers' range: the demo follows them.
    code = await asyncio.to_thread(
        demo_data_main,
        [
            "--jobs",
            "150",
            "--seed",
            "9",
            "--workers",
            "1",
            "--replace",
            "--database-url",
            database_url,
        ],
    )
    assert code == 0
    numbers = _job_numbers(database_url)
    async for app in started(create_app(settings, clock=clock)):
        async with new_api(app) as api:
            await _demo_sign_in(api, outbox)
            await _check_demo(api, numbers)
    assert first.in_selection[0].posting.job_number not in numbers  # made afresh


async def test_a_second_start_adds_nothing(
    database_url: str, outbox: Outbox, tmp_path: Path
) -> None:
    clock = SettableClock()
    settings = make_settings(database_url, outbox, tmp_path, seed_demo=True, demo_jobs=120)
    homes = []
    for _ in range(2):
        async for app in started(create_app(settings, clock=clock)):
            async with new_api(app) as api:
                await _demo_sign_in(api, outbox)
                homes.append(await api.home_activity())
                await api.logout()
    assert homes[0].model_dump() == homes[1].model_dump()
