"""/meta, /openapi.json and the error body of every kind of failure."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from api_client.models import ErrorBody, ServerMeta
from server.app import create_app
from tests.conftest import make_settings, new_api, started


async def test_meta(api, app: FastAPI, settings) -> None:
    meta = await api.meta()
    assert isinstance(meta, ServerMeta)
    assert len(meta.instance_id) == 32
    assert meta.embedded is False and meta.mailbox_readable is False
    # The id lives in the database: a restarted server on the same DB keeps it.
    async for again in started(create_app(settings)):
        async with new_api(again) as other:
            assert (await other.meta()).instance_id == meta.instance_id


async def test_meta_embedded_with_maildir(database_url, outbox, tmp_path: Path) -> None:
    settings = make_settings(
        database_url, outbox, tmp_path, embedded=True, maildir=tmp_path / "outbox"
    )
    async for app in started(create_app(settings)):
        async with new_api(app) as api:
            meta = await api.meta()
            assert meta.embedded is True and meta.mailbox_readable is True


async def test_openapi_is_served(client: httpx.AsyncClient) -> None:
    res = await client.get("/openapi.json")
    assert res.status_code == 200
    doc = res.json()
    for path in ("/api/v1/auth/login", "/api/v1/auth/otp", "/api/v1/me/home", "/api/v1/meta"):
        assert path in doc["paths"]
    assert "ErrorBody" in doc["components"]["schemas"]
    assert (await client.get("/docs")).status_code == 404  # docs off by default


async def test_validation_error_body(client: httpx.AsyncClient) -> None:
    res = await client.post(
        "/api/v1/auth/login", json={"email": "a@example.jp", "password": "", "extra": 1}
    )
    assert res.status_code == 422
    body = ErrorBody.model_validate(res.json())
    assert body.code == "validation_error"
    by_field = {f.field: f for f in body.fields}
    assert by_field["password"].code == "string_too_short"
    assert by_field["password"].params == {"min_length": 1}
    assert by_field["extra"].code == "extra_forbidden"
    assert all(f.message for f in body.fields)


async def test_malformed_json(client: httpx.AsyncClient) -> None:
    res = await client.post(
        "/api/v1/auth/login", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert res.status_code == 422
    assert res.json()["code"] == "validation_error"


async def test_not_found_and_method_not_allowed(client: httpx.AsyncClient) -> None:
    res = await client.get("/api/v1/nothing-here")
    assert res.status_code == 404
    assert ErrorBody.model_validate(res.json()).code == "not_found"
    res = await client.get("/api/v1/auth/login")
    assert res.status_code == 405
    assert ErrorBody.model_validate(res.json()).code == "not_found"


async def test_unexpected_error_is_500_with_trace_id(
    app: FastAPI, client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    async def boom(body: dict[str, str]) -> None:
        raise RuntimeError("kaboom")

    app.add_api_route("/boom", boom, methods=["POST"])
    with caplog.at_level(logging.ERROR, logger="hellowork.server"):
        res = await client.post("/boom", json={"password": "Secret#123pass"})
    assert res.status_code == 500
    body = ErrorBody.model_validate(res.json())
    assert body.code == "internal_error"
    trace_id = body.params["trace_id"]
    assert any(str(trace_id) in r.getMessage() for r in caplog.records)
    assert "Secret#123pass" not in caplog.text  # no request body in the log


async def test_mail_failure_is_a_clean_503(database_url, outbox, tmp_path, account) -> None:
    """SMTP down: the login answers 503 mail_not_sent (retry later), not a bare 500."""
    from tests.conftest import free_port

    settings = make_settings(database_url, outbox, tmp_path, smtp_port=free_port())
    async for app in started(create_app(settings)):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://testserver"
        ) as client:
            res = await client.post(
                "/api/v1/auth/login", json={"email": account.email, "password": account.password}
            )
            assert res.status_code == 503
            assert res.json()["code"] == "mail_not_sent"
            assert res.headers["retry-after"] == "60"


async def test_reset_request_says_when_no_mail_went_out(
    database_url, outbox, tmp_path, account, caplog: pytest.LogCaptureFixture
) -> None:
    """Not a 202 for a mail that never left; the log names the kind, never the mail."""
    from api_client.errors import MailNotSent
    from tests.conftest import free_port

    settings = make_settings(database_url, outbox, tmp_path, smtp_port=free_port())
    async for app in started(create_app(settings)):
        with caplog.at_level(logging.INFO):
            async with new_api(app) as api:
                with pytest.raises(MailNotSent):
                    await api.request_password_reset(account.email)
    assert "mail not sent kind=password_reset" in caplog.text
    assert "Authentication key" not in caplog.text and "認証キー" not in caplog.text
