"""Issue 11 item 6: the answers do not tell whether an address has a MyPage, and the work
behind them is the same (same rows written, one mail sent) — timing is made equal by
construction, not measured. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from api_client.validation import email_key
from server.auth.models import AuthKey
from server.registration.models import AccountOpening
from tests.conftest import Outbox, app_state, seed_account

# Headers that differ between any two responses, whatever they answer.
VARYING = {"date"}


def _same_answer(a: httpx.Response, b: httpx.Response) -> None:
    assert a.status_code == b.status_code
    assert a.content == b.content
    assert {k: v for k, v in a.headers.items() if k not in VARYING} == {
        k: v for k, v in b.headers.items() if k not in VARYING
    }


async def _count(app: FastAPI, model: Any, *where: Any) -> int:
    async with app_state(app).sessionmaker() as db:
        return int(await db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver")


async def test_reset_answers_and_works_alike_for_known_and_unknown(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    unknown = "nobody@example.jp"
    async with await _client(any_app) as client:
        answers = [
            await client.post("/api/v1/auth/password-reset", json={"email": address})
            for address in (account.email, unknown)
        ]
    _same_answer(*answers)
    assert answers[0].status_code == 202
    for address in (account.email, unknown):
        assert await _count(any_app, AuthKey, AuthKey.email_key == email_key(address)) == 1
        assert len(outbox.to(address)) == 1


async def test_online_opening_answers_and_works_alike_for_new_and_taken(
    any_app: FastAPI, outbox: Outbox
) -> None:
    account = await seed_account(any_app)
    new = "newcomer@example.jp"

    def body(address: str) -> dict[str, Any]:
        return {
            "email": address,
            "email_confirm": address,
            "agreed_privacy": True,
            "agreed_terms": True,
        }

    async with await _client(any_app) as client:
        answers = [
            await client.post("/api/v1/auth/open", json=body(address))
            for address in (account.email, new)
        ]
    _same_answer(*answers)
    assert answers[0].status_code == 202
    for address in (account.email, new):
        key = email_key(address)
        assert await _count(any_app, AuthKey, AuthKey.email_key == key) == 1
        assert await _count(any_app, AccountOpening, AccountOpening.email_key == key) == 1
        assert len(outbox.to(address)) == 1
    assert "Authentication key" not in outbox.last(account.email).body
    assert "Authentication key:" in outbox.last(new).body
