"""Health checks for load balancers and orchestrators.

    GET /healthz   200 while the process serves requests (liveness; never touches the DB)
    GET /readyz    200 when the database answers and its schema is at this version's head,
                   503 otherwise (readiness: take this process out of rotation, don't kill it)

Both answer without authentication and without rate limits; they say nothing secret: the
worker field is a random id per process (which worker answered), not a pid or host name.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import text

from server import __version__
from server.db.migrate import head_revision
from server.state import AppState, app_state

log = logging.getLogger("hellowork.server")

# Long enough for a busy database, short enough for a probe's own timeout (often 1-5 s).
READY_TIMEOUT_S = 2.0
WORKER_ID = secrets.token_hex(4)  # one per process: shows which worker answered

router = APIRouter(tags=["health"])


class ReadyProblem(StrEnum):
    database_unreachable = "database_unreachable"
    schema_not_at_head = "schema_not_at_head"


class Health(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str
    version: str
    worker: str


class Readiness(Health):
    problem: ReadyProblem | None = None
    schema_revision: str | None = None


@router.get("/healthz", summary="Liveness: the process serves requests")
async def healthz() -> Health:
    return Health(status="ok", version=__version__, worker=WORKER_ID)


@router.get(
    "/readyz",
    summary="Readiness: the database answers and is migrated to this version's head",
    responses={503: {"model": Readiness, "description": "Not ready (see `problem`)"}},
)
async def readyz(state: Annotated[AppState, Depends(app_state)], response: Response) -> Readiness:
    head = head_revision()
    try:
        async with asyncio.timeout(READY_TIMEOUT_S), state.engine.connect() as conn:
            revision = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    except Exception as exc:  # any failure to answer is "not ready"; say which in the log
        log.warning("readyz: database unreachable (%s)", type(exc).__name__)
        response.status_code = 503
        return _readiness(ReadyProblem.database_unreachable, None)
    if revision != head:
        response.status_code = 503
        return _readiness(ReadyProblem.schema_not_at_head, revision)
    return _readiness(None, head)


def _readiness(problem: ReadyProblem | None, revision: str | None) -> Readiness:
    return Readiness(
        status="ready" if problem is None else "unavailable",
        version=__version__,
        worker=WORKER_ID,
        problem=problem,
        schema_revision=revision,
    )
