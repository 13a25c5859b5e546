"""Saved search conditions (≤3) and favorites (≤300) through the typed client, on the real app
and a real SQLite database with a generated set of postings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI

from api_client.client import MyPageClient
from api_client.errors import APIStatusError
from api_client.job_models import JobSearchRequest, JobStatus
from server.jobs.store import add_posting, withdraw
from tests.api import jobs_data
from tests.api.flows import sign_in
from tests.conftest import Outbox, app_state, new_api, seed_account


async def _signed_in(app: FastAPI, outbox: Outbox, email: str) -> MyPageClient:
    account = await seed_account(app, email=email)
    api = new_api(app)
    await sign_in(api, outbox, account)
    return api


@pytest.fixture
async def seeker(
    jobs_app: tuple[FastAPI, list[dict[str, Any]]], outbox: Outbox
) -> AsyncIterator[MyPageClient]:
    api = await _signed_in(jobs_app[0], outbox, "taro@example.jp")
    async with api:
        yield api


def _open_numbers(data: list[dict[str, Any]], n: int) -> list[str]:
    rows = [p for p in data if jobs_data.matches(p, JobSearchRequest())]
    assert len(rows) >= n
    return [p["job_number"] for p in rows[:n]]


async def _status(call: Any) -> APIStatusError:
    with pytest.raises(APIStatusError) as info:
        await call
    return info.value


# --------------------------------------------------------------------------- saved conditions


async def test_save_rename_edit_delete_and_limit_of_three(seeker: MyPageClient) -> None:
    cond = JobSearchRequest(places=[{"prefecture": "13"}], words="介護", page=4)
    first = await seeker.save_search("  東京の介護  ", cond)
    assert first.title == "東京の介護"
    assert first.conditions.page == 1  # a run starts at page 1
    assert first.conditions.words == "介護"
    await seeker.save_search("二つ目", JobSearchRequest(weekends_off=True))
    await seeker.save_search("三つ目", JobSearchRequest(car_commute=True))
    err = await _status(seeker.save_search("四つ目", JobSearchRequest()))
    assert err.status_code == 409 and err.code == "limit_reached"
    assert err.params["limit"] == 3

    renamed = await seeker.update_saved_search(first.id, title="東京・介護")
    assert renamed.title == "東京・介護" and renamed.conditions.words == "介護"
    edited = await seeker.update_saved_search(
        first.id, conditions=JobSearchRequest(places=[{"prefecture": "27"}])
    )
    assert edited.title == "東京・介護" and edited.conditions.places[0].prefecture == "27"
    await seeker.delete_saved_search(first.id)
    listed = await seeker.saved_searches()
    assert [s.title for s in listed.items] == ["二つ目", "三つ目"]
    assert listed.limit == 3
    again = await seeker.save_search("また", JobSearchRequest())  # a slot is free again
    assert again.id != first.id


async def test_saved_condition_runs_like_the_original(seeker: MyPageClient) -> None:
    cond = JobSearchRequest(desired_jobs=[{"group": "05"}], weekends_off=True, per_page=10)
    saved = await seeker.save_search("介護 土日", cond)
    stored = (await seeker.saved_searches()).items[0]
    assert stored.id == saved.id
    direct = await seeker.search_jobs(cond)
    via_saved = await seeker.search_jobs(stored.conditions)
    assert via_saved.total == direct.total > 0
    assert [c.job_number for c in via_saved.items] == [c.job_number for c in direct.items]


async def test_saved_condition_errors(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]], outbox: Outbox
) -> None:
    err = await _status(seeker.save_search("x", JobSearchRequest(places=[{"prefecture": "48"}])))
    assert err.status_code == 422
    assert [f.field for f in err.fields] == ["places.0.prefecture"]
    with pytest.raises(ValueError):  # the client model refuses an empty title before sending
        await seeker.save_search("   ", JobSearchRequest())
    mine = await seeker.save_search("mine", JobSearchRequest())
    other = await _signed_in(jobs_app[0], outbox, "hanako@example.jp")
    async with other:
        assert (await other.saved_searches()).items == []
        err = await _status(other.update_saved_search(mine.id, title="stolen"))
        assert err.status_code == 404
        err = await _status(other.delete_saved_search(mine.id))
        assert err.status_code == 404
    assert (await seeker.saved_searches()).items[0].title == "mine"


# --------------------------------------------------------------------------- favorites


async def test_add_batch_reports_added_already_and_not_found(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]]
) -> None:
    numbers = _open_numbers(jobs_app[1], 3)
    res = await seeker.add_favorites(numbers[:2])
    assert res.added == numbers[:2] and res.total == 2
    res = await seeker.add_favorites([*numbers, "99999-99999999"])
    assert res.added == [numbers[2]]
    assert res.already == numbers[:2]
    assert res.not_found == ["99999-99999999"]
    assert res.total == 3
    listed = await seeker.favorites()
    assert [f.job_number for f in listed.items] == list(reversed(numbers))
    assert listed.total == 3 and listed.limit == 300
    await seeker.remove_favorite(numbers[0])
    assert numbers[0] not in [f.job_number for f in (await seeker.favorites()).items]
    err = await _status(seeker.remove_favorite(numbers[0]))
    assert err.status_code == 404


async def test_the_301st_favorite_is_refused(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]]
) -> None:
    numbers = [p["job_number"] for p in jobs_app[1]][:302]
    for i in range(0, 290, 50):
        await seeker.add_favorites(numbers[i : min(i + 50, 290)])
    res = await seeker.add_favorites(numbers[290:305])  # 10 fit, 2 refused
    assert len(res.added) == 10 and res.refused == numbers[300:302] and res.total == 300
    err = await _status(seeker.add_favorites([numbers[300]]))
    assert err.status_code == 409 and err.code == "limit_reached"
    assert err.params["limit"] == 300
    assert (await seeker.favorites()).total == 300
    # Already-there numbers are reported, not refused, even at the limit.
    res = await seeker.add_favorites([numbers[0]])
    assert res.already == [numbers[0]] and res.refused == []


async def test_expired_and_withdrawn_favorites_stay_listed_but_cannot_be_opened(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]]
) -> None:
    app, data = jobs_app
    numbers = _open_numbers(data, 2)
    async with app_state(app).sessionmaker() as db:
        expired = await add_posting(
            db,
            jobs_data.posting_values(
                job_number="13010-99990001",
                received_on=jobs_data.TODAY - timedelta(days=80),
                expires_on=jobs_data.TODAY - timedelta(days=1),
            ),
        )
        await db.commit()
    await seeker.add_favorites([*numbers, expired.job_number])
    async with app_state(app).sessionmaker() as db:
        await withdraw(db, numbers[1])
        await db.commit()
    by_number = {f.job_number: f.card.status for f in (await seeker.favorites()).items}
    assert by_number == {
        numbers[0]: JobStatus.open,
        numbers[1]: JobStatus.withdrawn,
        expired.job_number: JobStatus.expired,
    }
    await seeker.job_sheet(numbers[0])
    for number in (numbers[1], expired.job_number):
        err = await _status(seeker.job_sheet(number))
        assert err.status_code == 404


async def test_invalid_registration_cannot_use_favorites_or_saved_conditions(
    seeker: MyPageClient, jobs_app: tuple[FastAPI, list[dict[str, Any]]]
) -> None:
    from sqlalchemy import update

    from server.accounts.models import Seeker

    async with app_state(jobs_app[0]).sessionmaker() as db:
        await db.execute(update(Seeker).values(registration_status="invalid"))
        await db.commit()
    for call in (
        seeker.favorites(),
        seeker.add_favorites(_open_numbers(jobs_app[1], 1)),
        seeker.saved_searches(),
        seeker.save_search("x", JobSearchRequest()),
    ):
        err = await _status(call)
        assert err.status_code == 403 and err.code == "registration_invalid"
