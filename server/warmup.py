"""Make the first request of each kind as fast as the hundredth.

FastAPI builds an included router's per-route context (the fields of every parameter and
response, with their pydantic schemas) when a request first walks that router. Measured
here: 50-260 ms for the first request into each of /me/home, /me/saved-searches and
/me/home/activity, about 0.5 s for all routers, paid by whichever user came first. In
embedded mode that user is always the one signing in: their first Home waited for it.

One request that matches no route walks every router (and every nested one), so the server
sends itself one through its own ASGI app before it reports ready. Nothing is read from or
written to the database, and the 404 goes nowhere.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message

# Matches no route: the router tries every one of them (and, for the redirect of a missing
# trailing slash, every one again, now built).
WARM_UP_PATH = "/.warm-up"


async def warm_routes(app: ASGIApp) -> int:
    """Walk every route of `app` once; returns the status it answered (404)."""
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": WARM_UP_PATH,
        "raw_path": WARM_UP_PATH.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"warm-up")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
        "state": {},
    }
    await app(scope, receive, send)
    return status
