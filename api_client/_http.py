"""The one module that imports httpx (DESIGN §2): a switch to its successor is a change here.

It turns every httpx failure into our TransportError family and every error response into an
APIStatusError, and applies the retry policy to requests the caller marked safe.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from .errors import (
    APIStatusError,
    RequestTimeout,
    ServerUnreachable,
    TransportError,
    error_from_response,
)

AsyncBaseTransport = httpx.AsyncBaseTransport
ASGITransport = httpx.ASGITransport


@dataclass(frozen=True)
class Timeouts:
    connect: float = 3.0
    read: float = 15.0
    write: float = 15.0
    pool: float = 5.0


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with full jitter, honouring Retry-After.

    Applied to requests marked safe (reads, and writes that may be repeated without effect),
    and to any request whose connection could not even be opened (it never left this
    machine, so sending it again cannot do anything twice). Never to a login, OTP or
    password reset that may have reached the server: a timeout or a reset connection after
    sending leaves its outcome unknown, so the caller gets a typed error to explain.
    """

    max_retries: int = 2
    base_delay: float = 0.25
    max_delay: float = 4.0
    retry_statuses: frozenset[int] = frozenset({429, 502, 503, 504})

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_delay)
        return random.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))


Sleep = Callable[[float], Awaitable[None]]


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        import datetime as _dt

        return max(0.0, (when - _dt.datetime.now(_dt.UTC)).total_seconds())


class HttpSession:
    """A thin, typed wrapper over one httpx.AsyncClient."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        uds: str | None = None,
        timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(),
        sleep: Sleep = asyncio.sleep,
        user_agent: str = "hellowork",
    ) -> None:
        if transport is None and uds is not None:
            transport = httpx.AsyncHTTPTransport(uds=uds)
        self._client = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=httpx.Timeout(
                connect=timeouts.connect,
                read=timeouts.read,
                write=timeouts.write,
                pool=timeouts.pool,
            ),
            headers={"User-Agent": user_agent, "Accept": "application/json"},
            follow_redirects=False,
            # Drop idle connections well before servers do (uvicorn: 5 s by default), so a
            # non-retried POST is never sent on a connection that is being closed.
            limits=httpx.Limits(keepalive_expiry=2.0),
        )
        self._retry = retry
        self._sleep = sleep

    async def aclose(self) -> None:
        await self._client.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        safe: bool = False,
    ) -> Any:
        """Send a request; return the decoded JSON body (None for 204).

        `safe` marks a request that may be repeated without effect; only those are retried.
        """
        attempt = 0
        while True:
            unsent = False  # True when the request certainly never reached the server
            try:
                response = await self._client.request(
                    method, path, json=json, params=params, headers=headers
                )
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
                unsent = True
                error: TransportError = (
                    ServerUnreachable(f"{method} {path}: {type(exc).__name__}")
                    if isinstance(exc, httpx.ConnectError)
                    else RequestTimeout(f"{method} {path}: timed out connecting")
                )
                cause: BaseException = exc
            except httpx.TimeoutException as exc:
                error = RequestTimeout(f"{method} {path}: timed out")
                cause = exc
            except httpx.TransportError as exc:  # reset, closed mid-response, protocol error
                error = ServerUnreachable(f"{method} {path}: {type(exc).__name__}")
                cause = exc
            else:
                if response.is_success:
                    if response.status_code == 204 or not response.content:
                        return None
                    return response.json()
                if attempt > 0 and method == "DELETE" and response.status_code == 404:
                    # An earlier attempt deleted it and only its answer was lost: done.
                    return None
                api_error = self._status_error(response)
                if (
                    safe
                    and attempt < self._retry.max_retries
                    and (response.status_code in self._retry.retry_statuses)
                ):
                    await self._sleep(self._retry.delay(attempt, api_error.retry_after))
                    attempt += 1
                    continue
                raise api_error
            if (safe or unsent) and attempt < self._retry.max_retries:
                await self._sleep(self._retry.delay(attempt, None))
                attempt += 1
                continue
            raise error from cause

    @staticmethod
    def _status_error(response: httpx.Response) -> APIStatusError:
        try:
            payload: object = response.json()
        except ValueError:
            payload = None
        return error_from_response(response.status_code, payload, _retry_after(response))
