"""A cap on request bodies, enforced while they stream in.

A declared Content-Length over the cap is refused before a byte of the body is read; a body
without one (chunked) is counted as it arrives and refused the moment it passes the cap, so
the server never holds more than the cap plus one chunk of a request in memory.
The answer is 413 with the contract's `ErrorBody` (code validation_error, field "body").
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 256 * 1024  # the largest real body (a full registration step) is ~20 kB


class BodyTooLarge(HTTPException):
    """Raised from `receive`: FastAPI passes HTTPExceptions through its body parsing, so the
    app's handler renders it like any other error."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail="request body too large")
        self.limit = limit


class BodyLimitMiddleware:
    """`refuse(limit)` builds the answer (server/errors.py's, passed in by the app factory:
    this module is imported by that one)."""

    def __init__(
        self,
        app: ASGIApp,
        refuse: Callable[[int], ASGIApp],
        max_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.refuse = refuse
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:  # read outside a route (the app's handlers answer inside one)
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.refuse(self.max_bytes)(scope, receive, send)
