"""Timeouts and connection resets injected into the client's transport, in front of the real
server app on a real database: the client retries only where that is safe, then raises a
typed error; nothing is done twice on the server.

A fault either happens before the request leaves (connect refused: the server never sees
it) or after the server has handled it (the answer is lost to a timeout or a reset, so the
client cannot know whether it happened) — the second kind is what makes retries dangerous.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from api_client import errors
from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from tests.api.flows import sign_in
from tests.conftest import Outbox, SeededAccount

CONNECT = "connect refused"  # raised before the request is sent
TIMEOUT = "read timeout"  # the server handled it; the answer never came
RESET = "reset"  # the server handled it; the connection dropped before the answer


class FaultyTransport(httpx.AsyncBaseTransport):
    """Forwards to the real app, with the next requests' faults taken from `plan`."""

    def __init__(self, app: FastAPI) -> None:
        self._inner = httpx.ASGITransport(app)
        self.plan: list[str] = []
        self.reached: Counter[str] = Counter()  # requests the server handled, by path

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.plan.pop(0) if self.plan else None
        if fault == CONNECT:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        response = await self._inner.handle_async_request(request)
        self.reached[f"{request.method} {request.url.path}"] += 1
        if fault == TIMEOUT:
            await response.aclose()
            raise httpx.ReadTimeout("timed out", request=request)
        if fault == RESET:
            await response.aclose()
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        return response


@pytest.fixture
def faulty(app: FastAPI) -> FaultyTransport:
    return FaultyTransport(app)


@pytest.fixture
async def faulty_api(faulty: FaultyTransport) -> AsyncIterator[MyPageClient]:
    async def no_wait(_seconds: float) -> None:
        return None  # backoff is RetryPolicy's business (tests/unit/test_client_retry.py)

    async with MyPageClient("http://testserver", transport=faulty, sleep=no_wait) as api:
        yield api


HOME = "GET /api/v1/me/home"
LOGIN = "POST /api/v1/auth/login"
SAVED = "POST /api/v1/me/saved-searches"


async def test_reads_are_retried_through_resets_and_timeouts(
    faulty_api: MyPageClient, faulty: FaultyTransport, outbox: Outbox, account: SeededAccount
) -> None:
    await sign_in(faulty_api, outbox, account)
    faulty.plan = [RESET, TIMEOUT]
    assert (await faulty_api.home()).name == account.name
    assert faulty.reached[HOME] == 3

    faulty.plan = [RESET, RESET, RESET]
    with pytest.raises(errors.ServerUnreachable):
        await faulty_api.home()
    faulty.plan = [TIMEOUT, RESET, TIMEOUT]
    with pytest.raises(errors.RequestTimeout):  # the last failure decides the type
        await faulty_api.home()
    assert faulty.reached[HOME] == 3 + 3 + 3  # two retries each, then the typed error


async def test_a_login_that_may_have_arrived_is_not_sent_again(
    faulty_api: MyPageClient, faulty: FaultyTransport, outbox: Outbox, account: SeededAccount
) -> None:
    faulty.plan = [TIMEOUT]
    with pytest.raises(errors.RequestTimeout):
        await faulty_api.login(account.email, account.password)
    faulty.plan = [RESET]
    with pytest.raises(errors.ServerUnreachable):
        await faulty_api.login(account.email, account.password)
    # Each reached the server once: one OTP mail each, not one per retry.
    assert faulty.reached[LOGIN] == 2
    assert len(outbox.to(account.email)) == 2


async def test_a_request_that_never_left_is_retried_whatever_its_method(
    faulty_api: MyPageClient, faulty: FaultyTransport, outbox: Outbox, account: SeededAccount
) -> None:
    faulty.plan = [CONNECT, CONNECT]
    started = await faulty_api.login(account.email, account.password)
    assert started.login_ticket is not None
    assert faulty.reached[LOGIN] == 1 and len(outbox.to(account.email)) == 1

    faulty.plan = [CONNECT, CONNECT, CONNECT]
    with pytest.raises(errors.ServerUnreachable):
        await faulty_api.login(account.email, account.password)
    assert faulty.reached[LOGIN] == 1  # three attempts, none arrived


async def test_a_create_is_not_repeated_and_safe_writes_are(
    faulty_api: MyPageClient, faulty: FaultyTransport, outbox: Outbox, account: SeededAccount
) -> None:
    await sign_in(faulty_api, outbox, account)
    faulty.plan = [RESET]
    with pytest.raises(errors.ServerUnreachable):
        await faulty_api.save_search("介護", JobSearchRequest(words="介護"))
    # It was saved once (the server handled it), not three times: a retry could have
    # taken all three slots.
    saved = (await faulty_api.saved_searches()).items
    assert [s.title for s in saved] == ["介護"] and faulty.reached[SAVED] == 1

    # Renaming is the same request however often it arrives: retried through a reset.
    faulty.plan = [RESET]
    renamed = await faulty_api.update_saved_search(saved[0].id, title="介護・夜勤")
    assert renamed.title == "介護・夜勤"
    faulty.plan = [TIMEOUT]
    await faulty_api.delete_saved_search(saved[0].id)
    assert (await faulty_api.saved_searches()).items == []
