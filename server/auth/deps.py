"""`current_account`: the bearer-token dependency of every /me route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from server.accounts.models import Account
from server.auth.sessions import Authenticated, authenticate
from server.context import ServiceEnv
from server.db.engine import get_session
from server.state import service_env

bearer = HTTPBearer(auto_error=False, description="Session token from login / OTP")

DB = Annotated[AsyncSession, Depends(get_session)]
Env = Annotated[ServiceEnv, Depends(service_env)]


async def current_auth(
    db: DB,
    env: Env,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Authenticated:
    token = credentials.credentials if credentials is not None else None
    return await authenticate(db, env, token)


async def current_account(auth: Annotated[Authenticated, Depends(current_auth)]) -> Account:
    return auth.account


CurrentAuth = Annotated[Authenticated, Depends(current_auth)]
CurrentAccount = Annotated[Account, Depends(current_account)]
