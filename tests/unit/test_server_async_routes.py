"""Every route's endpoint and every dependency it solves is `async def`.

FastAPI runs a plain `def` endpoint or dependency in a thread of its pool: for each request
a hop to a thread and back, which on a busy worker waits for a free thread, a core and the
GIL (the 1M load benchmark, README). A lookup like `service_env` has no blocking work to move
off the event loop, so none of them may be a plain function. Blocking work (argon2, Maildir
writes) is moved to a thread explicitly with `asyncio.to_thread`, where it is meant."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from server.app import create_app
from server.config import ServerSettings


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        nested = getattr(route, "original_router", None)  # an included router
        if nested is not None:
            yield from _routes(nested.routes)
        elif isinstance(route, APIRoute):
            yield route


def _is_async(call: Any) -> bool:
    if inspect.isroutine(call):
        return inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)
    method = getattr(call, "__call__", None)  # noqa: B004 (an instance with async __call__)
    return inspect.iscoroutinefunction(method) or inspect.isasyncgenfunction(method)


def _plain(dependant: Dependant, path: str) -> Iterator[str]:
    if dependant.call is not None and not _is_async(dependant.call):
        name = getattr(dependant.call, "__qualname__", repr(dependant.call))
        yield f"{path}: {name}"
    for sub in dependant.dependencies:
        yield from _plain(sub, path)


def _app(tmp_path: Path) -> FastAPI:
    settings = ServerSettings(
        data_dir=tmp_path,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        maildir=tmp_path / "outbox",
        secret_key="x" * 48,
        server_timing=True,  # its middleware included
    )
    return create_app(settings)


def test_no_route_runs_a_plain_function_in_the_thread_pool(tmp_path: Path) -> None:
    routes = list(_routes(_app(tmp_path).routes))
    assert len(routes) > 40  # the walk found the routers' routes
    plain = [p for r in routes for p in _plain(r.dependant, r.path)]
    assert plain == []


def test_the_check_sees_a_plain_dependency(tmp_path: Path) -> None:
    from fastapi import Depends

    def lookup() -> int:
        return 1

    app = _app(tmp_path)

    @app.get("/plain")
    async def endpoint(value: int = Depends(lookup)) -> int:
        return value

    plain = [p for r in _routes(app.routes) for p in _plain(r.dependant, r.path)]
    assert plain == ["/plain: test_the_check_sees_a_plain_dependency.<locals>.lookup"]
