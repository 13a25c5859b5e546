"""Per-app objects (engine, limits, …) kept on `app.state.hw`, and their dependencies."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api_client.models import ErrorCode
from api_client.validation import email_key
from server.context import ServiceEnv
from server.errors import DomainError
from server.ratelimit import Limit, hit


@dataclass(frozen=True)
class Limits:
    """The throttles (server.ratelimit), per client address unless said otherwise."""

    login: Limit  # a password sent to sign in or to re-register
    mail: Limit  # a request that mails a key (reset, opening, e-mail change)
    secret: Limit  # any request that checks a secret (OTP, 認証キー, password, creation code)
    secret_target: Limit  # the same, per target: an address, a login attempt, an account


@dataclass
class AppState:
    env: ServiceEnv
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    write_sessionmaker: async_sessionmaker[AsyncSession]
    limits: Limits
    instance_id: str = field(default="")


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.hw
    return state


# The dependencies are `async def`: FastAPI runs a plain `def` dependency in a thread of its
# pool, so each request would hop to a thread and back for a lookup — and on a busy worker
# that hop waits for a free thread, a core and the GIL (tests/unit/test_server_async_routes.py).
async def app_state(request: Request) -> AppState:
    return state_of(request)


async def service_env(request: Request) -> ServiceEnv:
    return state_of(request).env


def client_ip(request: Request) -> str:
    """The client's address: the socket's peer, or the address a trusted proxy forwarded
    (`--forwarded-allow-ips`; the app's ProxyHeadersMiddleware has put it in the scope)."""
    return request.client.host if request.client and request.client.host else "local"


async def _count(
    request: Request, db: AsyncSession, limit: Limit, subject: str, *, commit: bool
) -> None:
    state = state_of(request)
    now = state.env.clock.now()
    retry_after = await hit(db, state.env.secret, limit, subject, now, commit=commit)
    if retry_after is not None:
        if not commit:
            await db.commit()  # a refused request counts too
        raise DomainError(
            ErrorCode.rate_limited,
            429,
            params={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


async def throttle(
    request: Request, db: AsyncSession, limit: Limit, *, commit: bool = True
) -> None:
    """Count this request against the client address's budget of `limit`; 429 when spent.

    Commits `db` (the count is a transaction of its own): call it before the work. With
    `commit=False` the count stays in the session's transaction for the service to commit
    with its own first writes, before the work the throttle guards; a refusal is committed
    here."""
    await _count(request, db, limit, client_ip(request), commit=commit)


async def throttle_secret(
    request: Request, db: AsyncSession, kind: str, target: str, *, commit: bool = True
) -> None:
    """Count a request that checks a secret: against the client address (all kinds share
    one budget) and against its target for this kind (an e-mail address, a login ticket,
    an account), so neither one address nor many addresses can guess on without end.

    Both counts are one transaction, committed here (what the request read so far ends
    first), or with `commit=False` left to the service, as with `throttle`."""
    limits = state_of(request).limits
    if commit:
        await db.commit()
    await _count(request, db, limits.secret, client_ip(request), commit=False)
    per_target = replace(limits.secret_target, name=f"{limits.secret_target.name}:{kind}")
    await _count(request, db, per_target, target, commit=False)
    if commit:
        await db.commit()


def address_target(email: str) -> str:
    """An e-mail address as a throttle target (its compared form)."""
    return email_key(email)
