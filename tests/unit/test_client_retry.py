"""The client's retry and error mapping, against a small flaky ASGI upstream.

The upstream is an ordinary Starlette app served through httpx's ASGI transport; it stands in
for a failing network/proxy, not for our server (whose behaviour is tested in tests/api).
"""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api_client import errors
from api_client.client import MyPageClient


def flaky_app(failures: int, status: int = 503, headers: dict[str, str] | None = None) -> Starlette:
    calls = {"n": 0}

    async def meta(_: Request) -> Response:
        calls["n"] += 1
        if calls["n"] <= failures:
            return JSONResponse(
                {"code": "internal_error", "message": "down"}, status, headers=headers
            )
        return JSONResponse(
            {"instance_id": "x", "version": "1", "embedded": False, "mailbox_readable": False}
        )

    async def login(_: Request) -> Response:
        calls["n"] += 1
        return JSONResponse({"code": "internal_error", "message": "down"}, 503)

    app = Starlette(
        routes=[
            Route("/api/v1/meta", meta),
            Route("/api/v1/auth/login", login, methods=["POST"]),
        ]
    )
    app.state.calls = calls
    return app


async def test_safe_get_is_retried_with_backoff() -> None:
    app = flaky_app(failures=2)
    delays: list[float] = []

    async def sleep(d: float) -> None:
        delays.append(d)

    async with MyPageClient(transport=httpx.ASGITransport(app), sleep=sleep) as client:
        meta = await client.meta()
    assert meta.instance_id == "x"
    assert app.state.calls["n"] == 3
    assert len(delays) == 2 and all(0 <= d <= 4 for d in delays)


async def test_retry_after_is_honoured_and_capped() -> None:
    app = flaky_app(failures=1, status=429, headers={"Retry-After": "120"})
    delays: list[float] = []

    async def sleep(d: float) -> None:
        delays.append(d)

    async with MyPageClient(transport=httpx.ASGITransport(app), sleep=sleep) as client:
        await client.meta()
    assert delays == [4.0]


async def test_gives_up_after_max_retries() -> None:
    app = flaky_app(failures=10)

    async def sleep(_: float) -> None:
        return None

    async with MyPageClient(transport=httpx.ASGITransport(app), sleep=sleep) as client:
        with pytest.raises(errors.ServerError) as info:
            await client.meta()
    assert info.value.status_code == 503
    assert app.state.calls["n"] == 3


async def test_login_is_never_retried() -> None:
    app = flaky_app(failures=0)

    async def sleep(_: float) -> None:
        raise AssertionError("login must not back off and retry")

    async with MyPageClient(transport=httpx.ASGITransport(app), sleep=sleep) as client:
        with pytest.raises(errors.ServerError):
            await client.login("a@example.jp", "x")
    assert app.state.calls["n"] == 1


async def test_unreachable_server_is_a_transport_error() -> None:
    async def sleep(_: float) -> None:
        return None

    # Nothing listens on this socket path.
    async with MyPageClient(uds="/nonexistent/hellowork.sock", sleep=sleep) as client:
        with pytest.raises(errors.ServerUnreachable):
            await client.meta()
        with pytest.raises(errors.TransportError):
            await client.login("a@example.jp", "x")


def test_unknown_error_shape_still_maps() -> None:
    err = errors.error_from_response(418, {"detail": "teapot"})
    assert isinstance(err, errors.APIStatusError)
    err = errors.error_from_response(401, {"code": "session_expired", "message": "m"})
    assert isinstance(err, errors.SessionExpired)
