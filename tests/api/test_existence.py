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
from tests.api.flows import sign_in
from tests.conftest import Outbox, app_state, new_api, seed_account

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


async def test_email_change_answers_and_works_alike_for_taken_and_free_addresses(
    any_app: FastAPI, outbox: Outbox
) -> None:
    """A session cannot probe which addresses have a MyPage: 202 either way, the same
    settings afterwards, two mails either way — and the taken address gets no key and
    nothing about who asked."""
    taken = await seed_account(any_app, email="taken@example.jp")
    free = "free@example.jp"
    answers, views = [], []
    for n, address in enumerate((taken.email, free)):
        me = await seed_account(any_app, email=f"me{n}@example.jp")
        async with new_api(any_app) as api:
            await sign_in(api, outbox, me)
            outbox.clear()
            token = api.session_token
            async with await _client(any_app) as client:
                answers.append(
                    await client.post(
                        "/api/v1/me/settings/email",
                        json={
                            "new_email": address,
                            "new_email_confirm": address,
                            "current_password": me.password,
                        },
                        headers={"Authorization": f"Bearer {token}"},
                    )
                )
            view = (await api.settings()).model_dump()
            views.append({k: v for k, v in view.items() if k not in ("email", "pending_email")})
            assert view["pending_email"] == address
            assert len(outbox.to(address)) == 1 and len(outbox.to(me.email)) == 1
            assert await _count(any_app, AuthKey, AuthKey.email_key == email_key(address)) == 1
            to_new = outbox.last(address).body
            if address == taken.email:
                assert "Authentication key" not in to_new and me.email not in to_new
            else:
                assert "Authentication key:" in to_new
    _same_answer(*answers)
    assert answers[0].status_code == 202
    assert views[0] == views[1]
