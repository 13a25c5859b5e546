"""GET /api/v1/meta and the instance id (random, created at first start, kept in the DB)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import API_PREFIX, ServerMeta
from server import __version__
from server.db.engine import get_session
from server.db.upsert import insert_or_ignore
from server.meta_models import InstanceSetting
from server.state import AppState, app_state

INSTANCE_ID_KEY = "instance_id"

router = APIRouter(prefix=API_PREFIX, tags=["meta"])


async def ensure_instance_id(db: AsyncSession) -> str:
    value = await db.scalar(
        select(InstanceSetting.value).where(InstanceSetting.key == INSTANCE_ID_KEY)
    )
    if value is None:  # first start: the first writer's id wins, every worker reads it
        await insert_or_ignore(
            db, InstanceSetting, {"key": INSTANCE_ID_KEY, "value": secrets.token_hex(16)}, ["key"]
        )
        await db.commit()
        value = await db.scalar(
            select(InstanceSetting.value).where(InstanceSetting.key == INSTANCE_ID_KEY)
        )
        assert value is not None
    return value


@router.get("/meta")
async def meta(
    state: Annotated[AppState, Depends(app_state)],
    db: Annotated[AsyncSession, Depends(get_session)],
) -> ServerMeta:
    if not state.instance_id:  # a worker of `serve --workers N` reads it on first use
        state.instance_id = await ensure_instance_id(db)
    settings = state.env.settings
    return ServerMeta(
        instance_id=state.instance_id,
        version=__version__,
        embedded=settings.embedded,
        mailbox_readable=settings.maildir is not None,
    )
