"""Concurrent writes of one account, on SQLite and on PostgreSQL.

SQLite serialises writers, PostgreSQL runs them side by side: every read-check-write must be
atomic on both. Each test fires a burst of requests at once (the real client → real app →
real database) and then checks that every acknowledged write is there, nothing is
duplicated and no request failed with a 500. On PostgreSQL a gate (tests/api/race_gate.py)
holds the burst until every request waits on a lock and then lets all of them go from the
same state, so a missing lock loses writes every time, not now and then.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from fastapi import FastAPI
from sqlalchemy import func, select

from api_client.errors import APIStatusError, NotFound
from api_client.job_models import JobSearchRequest
from api_client.models import ErrorCode
from api_client.profile_models import (
    BasicInfo,
    Careers,
    DesiredPlace,
    EducationInfo,
    SelfPr,
    StepBody,
)
from server.accounts.models import Account, Seeker
from tests.api.flows import sign_in
from tests.api.race_gate import gate, lock_table
from tests.api.reg_support import open_online, register, valid_steps
from tests.conftest import Outbox, app_state, new_api, seed_account

ROUNDS = 3
T = TypeVar("T")


def _variant(n: int, body: StepBody, tag: int) -> StepBody:
    """Step `n` with a value that differs per `tag`, still complete."""
    if isinstance(body, BasicInfo):
        # Full-width digits: the address is stored in 全角 (half-width is converted).
        number = str(tag + 1).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        return body.model_copy(update={"address": f"千代田{number}－１"})
    if isinstance(body, EducationInfo):
        return body.model_copy(update={"school_name": f"学校{tag}"})
    if isinstance(body, Careers):
        first = body.careers[0].model_copy(update={"job_content": f"介護{tag}"})
        return body.model_copy(update={"careers": [first]})
    if isinstance(body, SelfPr):
        return SelfPr(self_pr=f"自己PR {tag}")
    if isinstance(body, DesiredPlace):
        return DesiredPlace(minimum_wage=str(200_000 + tag * 10_000), wage_kind="monthly")
    return body


async def burst(app: FastAPI, lock_sql: str, calls: list[Coroutine[Any, Any, T]]) -> list[T]:
    """Run `calls` together; on PostgreSQL all of them start from behind `lock_sql`."""
    async with gate(app, lock_sql) as held:
        tasks = [asyncio.create_task(c) for c in calls]
        try:
            await held.open_when_queued(tasks)
        finally:
            results = await asyncio.gather(*tasks, return_exceptions=True)
    for r in results:
        if isinstance(r, BaseException):
            raise r
    return list(results)  # type: ignore[arg-type]


async def _count(app: FastAPI, model: Any, *where: Any) -> int:
    async with app_state(app).sessionmaker() as db:
        return int(await db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_concurrent_saves_of_different_steps_are_all_kept(
    any_app: FastAPI, outbox: Outbox
) -> None:
    steps = valid_steps()
    async with new_api(any_app) as api:
        await open_online(api, outbox, "steps@example.jp")
        await api.save_registration_step(7, SelfPr(self_pr="下書き"))  # the draft exists
        for tag in range(ROUNDS):
            sent = {n: _variant(n, body, tag) for n, body in steps.items()}
            calls = [api.save_registration_step(n, body) for n, body in sent.items()]
            results = await burst(any_app, lock_table("registration_drafts"), calls)
            assert all(r.complete for r in results), [r.errors for r in results]
            view = await api.registration()
            for n, body in sent.items():
                stored = getattr(view.steps, list(type(view.steps).model_fields)[n - 1])
                assert stored == body, (tag, n)


async def test_concurrent_first_saves_of_a_draft_all_succeed(
    any_app: FastAPI, outbox: Outbox
) -> None:
    async with new_api(any_app) as api:
        await open_online(api, outbox, "first@example.jp")
        calls = [api.save_registration_step(7, SelfPr(self_pr=f"PR {i}")) for i in range(10)]
        results = await burst(any_app, lock_table("registration_drafts"), calls)
        assert len(results) == 10
        assert (await api.registration()).steps.self_pr.self_pr.startswith("PR ")


async def test_concurrent_profile_edits_are_all_kept(any_app: FastAPI, outbox: Outbox) -> None:
    steps = valid_steps()
    async with new_api(any_app) as api:
        await register(api, outbox, "profile@example.jp", steps)
        for tag in range(ROUNDS):
            sent = {n: _variant(n, steps[n], tag + 10) for n in (1, 4, 5, 6, 7)}
            calls = [api.update_profile(n, body) for n, body in sent.items()]
            await burst(any_app, lock_table("seeker_profiles"), calls)
            view = await api.profile()
            assert view.steps.basic == sent[1]
            assert view.steps.desired_place == sent[4]
            assert view.steps.education == sent[5]
            assert view.steps.careers == sent[6]
            assert view.steps.self_pr == sent[7]


async def test_concurrent_completions_create_one_seeker(any_app: FastAPI, outbox: Outbox) -> None:
    async with new_api(any_app) as api:
        await open_online(api, outbox, "complete@example.jp")
        for n, body in valid_steps().items():
            await api.save_registration_step(n, body)
        calls = [api.complete_registration() for _ in range(12)]
        done = await burst(any_app, lock_table("registration_drafts"), calls)
    # Completion is idempotent: every answer names the one seeker that was created.
    assert len({d.seeker_number for d in done}) == 1
    assert await _count(any_app, Seeker) == 1
    async with app_state(any_app).sessionmaker() as db:
        account = await db.scalar(select(Account).where(Account.email == "complete@example.jp"))
        seeker = await db.scalar(select(Seeker))
    assert account is not None and seeker is not None
    assert account.seeker_id == seeker.id and seeker.seeker_number == done[0].seeker_number


async def test_completions_of_two_accounts_in_a_new_office(
    any_app: FastAPI, outbox: Outbox
) -> None:
    """All create the office of their postal code: one insert, no unique violation."""
    apis = [new_api(any_app) for _ in range(4)]
    try:
        for i, api in enumerate(apis):
            await open_online(api, outbox, f"office{i}@example.jp")
            for n, body in valid_steps().items():
                await api.save_registration_step(n, body)
        calls = [api.complete_registration() for api in apis]
        done = await burst(any_app, lock_table("offices"), calls)
    finally:
        for api in apis:
            await api.aclose()
    assert len({d.office_name for d in done}) == 1
    assert len({d.seeker_number for d in done}) == 4


async def test_saved_search_edits_racing_a_delete(any_app: FastAPI, outbox: Outbox) -> None:
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account)
        for _ in range(ROUNDS):
            saved = await api.save_search("条件", JobSearchRequest(words="介護"))

            async def edit(i: int, saved_id: int = saved.id) -> str:
                try:
                    await api.update_saved_search(saved_id, title=f"条件{i}")
                except NotFound:
                    return "gone"
                return "ok"

            # On PostgreSQL the delete queues first behind the gate's row lock, so it goes
            # first: every edit then finds the condition gone (a 404, never a 500).
            row = f"SELECT id FROM saved_searches WHERE id = {saved.id} FOR UPDATE"
            async with gate(any_app, row) as held:
                delete = asyncio.create_task(api.delete_saved_search(saved.id))
                await held.queued(1)
                edits = [asyncio.create_task(edit(i)) for i in range(4)]
                try:
                    await held.open_when_queued([delete, *edits])
                finally:
                    await asyncio.gather(delete, *edits, return_exceptions=True)
            await delete
            answers = [e.result() for e in edits]
            assert set(answers) <= {"ok", "gone"}, answers
            if held.active:
                assert set(answers) == {"gone"}
            assert (await api.saved_searches()).items == []


async def test_saved_search_limit_holds_under_a_burst(any_app: FastAPI, outbox: Outbox) -> None:
    account = await seed_account(any_app)
    async with new_api(any_app) as api:
        await sign_in(api, outbox, account)

        async def save(i: int) -> str:
            try:
                await api.save_search(f"条件{i}", JobSearchRequest(words="介護"))
            except APIStatusError as exc:
                assert exc.code is ErrorCode.limit_reached
                return "full"
            return "saved"

        answers = await burst(any_app, lock_table("saved_searches"), [save(i) for i in range(8)])
        assert sorted(answers) == ["full"] * 5 + ["saved"] * 3
