"""Issue 11 item 4 (the part "check the key first"): reset-confirm and open-confirm used to
hash the new password (argon2id, a CPU for ~0.1 s) before looking at the 認証キー, so
anyone could burn the server's CPU with wrong keys. The key is checked first now. Counted
with a spy around the real hash function (it still hashes), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from fastapi import FastAPI

from api_client.errors import AuthKeyInvalid
from api_client.profile_models import OpenOnlineRequest
from server.security import hash_password
from tests.conftest import Outbox, new_api, seed_account

NEW_PASSWORD = "Hanami!2026spring"


def spy_on_hashing(monkeypatch: pytest.MonkeyPatch, *modules: str) -> list[str]:
    hashed: list[str] = []

    async def counting(password: str) -> str:
        hashed.append(password)
        return await hash_password(password)

    for module in modules:
        monkeypatch.setattr(f"{module}.hash_password", counting)
    return hashed


async def _wrong_keys(call: Callable[[str], Awaitable[object]]) -> None:
    for wrong in ("AAAAAAAA1#", "BBBBBBBB2#", "CCCCCCCC3#"):
        with pytest.raises(AuthKeyInvalid):
            await call(wrong)


async def test_reset_confirm_checks_the_key_before_hashing(
    any_app: FastAPI, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await seed_account(any_app)
    hashed = spy_on_hashing(monkeypatch, "server.auth.password_reset")
    async with new_api(any_app) as api:
        await api.request_password_reset(account.email)
        await _wrong_keys(
            lambda key: api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)
        )
        assert hashed == []
        key = outbox.read_auth_key(account.email)
        await api.confirm_password_reset(account.email, key, NEW_PASSWORD, NEW_PASSWORD)
        assert hashed == [NEW_PASSWORD]


async def test_reset_confirm_for_an_address_without_a_key_hashes_nothing(
    any_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = spy_on_hashing(monkeypatch, "server.auth.password_reset")
    async with new_api(any_app) as api:
        await _wrong_keys(
            lambda key: api.confirm_password_reset(
                "nobody@example.jp", key, NEW_PASSWORD, NEW_PASSWORD
            )
        )
    assert hashed == []


async def test_open_confirm_checks_the_key_before_hashing(
    any_app: FastAPI, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = "hanako@example.jp"
    hashed = spy_on_hashing(monkeypatch, "server.registration.opening")
    async with new_api(any_app) as api:
        await api.open_online(
            OpenOnlineRequest(
                email=address, email_confirm=address, agreed_privacy=True, agreed_terms=True
            )
        )
        await _wrong_keys(lambda key: api.confirm_opening(address, key, NEW_PASSWORD, NEW_PASSWORD))
        assert hashed == []
        key = outbox.read_auth_key(address)
        await api.confirm_opening(address, key, NEW_PASSWORD, NEW_PASSWORD)
        assert hashed == [NEW_PASSWORD]
