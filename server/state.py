"""Per-app objects (engine, limiters, …) kept on `app.state.hw`, and their dependencies."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api_client.models import ErrorCode
from server.context import ServiceEnv
from server.errors import DomainError
from server.ratelimit import SlidingWindowLimiter


@dataclass
class AppState:
    env: ServiceEnv
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    write_sessionmaker: async_sessionmaker[AsyncSession]
    login_limiter: SlidingWindowLimiter
    reset_limiter: SlidingWindowLimiter
    instance_id: str = field(default="")


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.hw
    return state


def service_env(request: Request) -> ServiceEnv:
    return app_state(request).env


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def throttle(limiter: SlidingWindowLimiter, request: Request) -> None:
    retry_after = limiter.hit(client_ip(request))
    if retry_after is not None:
        raise DomainError(
            ErrorCode.rate_limited,
            429,
            params={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )
