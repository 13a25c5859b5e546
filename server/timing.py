"""`Server-Timing: app;dur=…`: how long the app took over a request, in milliseconds.

From the moment the app received the request to its answer's first line: what a client sees
beyond it was spent waiting to be accepted or read, on the wire, or in the client itself.
The load benchmark (bench/load.py) reports it next to the client's own figures. It says
nothing that a client could not time itself, but more exactly, so it is off unless the
settings ask for it (`HELLOWORK_SERVER_TIMING=1`, which bench/load.py sets).
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ServerTimingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - start) * 1000
                headers = list(message.get("headers", []))
                headers.append((b"server-timing", f"app;dur={ms:.1f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed_send)
