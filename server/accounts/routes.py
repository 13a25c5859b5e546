"""/api/v1/me/* — the signed-in seeker's own data."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api_client.models import API_PREFIX, DeviceList, ErrorBody, HomeView
from server.accounts import service
from server.auth.deps import DB, CurrentAccount, Env

router = APIRouter(prefix=f"{API_PREFIX}/me", tags=["me"], responses={401: {"model": ErrorBody}})


@router.get("/home")
async def home(account: CurrentAccount, db: DB, env: Env) -> HomeView:
    return await service.home_view(db, env, account)


@router.get("/devices")
async def devices(account: CurrentAccount, db: DB, env: Env) -> DeviceList:
    return await service.device_list(db, env, account)


@router.delete("/devices", status_code=204)
async def resume_otp_all_devices(account: CurrentAccount, db: DB, env: Env) -> Response:
    await service.resume_otp_everywhere(db, env, account)
    return Response(status_code=204)
