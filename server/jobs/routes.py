"""/api/v1/jobs/* and /api/v1/reference/* — thin: parse, authenticate, call the service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api_client.job_models import (
    IndustryInfo,
    IndustryList,
    JobSearchRequest,
    JobSearchResult,
    JobSheet,
    MunicipalityInfo,
    MunicipalityList,
    OccupationGroupInfo,
    OccupationInfo,
    OccupationList,
    PrefectureInfo,
    PrefectureList,
)
from api_client.models import API_PREFIX, ErrorBody
from server.accounts.validity import require_valid_registration
from server.auth.deps import DB, CurrentAccount, Env
from server.db.engine import reads_only
from server.jobs import reference, service

router = APIRouter(prefix=API_PREFIX, tags=["jobs"])


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody} for status in (*statuses, 422)}


@router.post(
    "/jobs/search",
    responses=_errors(401, 403),
    dependencies=[Depends(require_valid_registration)],
)
@reads_only
async def search_jobs(
    body: JobSearchRequest, account: CurrentAccount, db: DB, env: Env
) -> JobSearchResult:
    return await service.search(db, account, body, env.clock.now())


@router.get(
    "/jobs/{job_number}",
    responses=_errors(401, 403, 404),
    dependencies=[Depends(require_valid_registration)],
)
async def job_sheet(job_number: str, account: CurrentAccount, db: DB, env: Env) -> JobSheet:
    return await service.sheet(db, account, job_number, env.clock.now())


@router.get("/reference/prefectures")
async def prefectures() -> PrefectureList:
    return PrefectureList(
        prefectures=[
            PrefectureInfo(code=p.code, name_ja=p.name_ja, name_en=p.name_en)
            for p in reference.PREFECTURES
        ]
    )


@router.get("/reference/municipalities", responses=_errors())
async def municipalities(
    prefecture: Annotated[str, Query(pattern=r"^\d{2}$")],
) -> MunicipalityList:
    return MunicipalityList(
        municipalities=[
            MunicipalityInfo(
                code=m.code,
                prefecture_code=m.prefecture_code,
                name_ja=m.name_ja,
                name_kana=m.name_kana,
            )
            for m in reference.municipalities_of(prefecture)
        ]
    )


@router.get("/reference/occupations")
async def occupations() -> OccupationList:
    return OccupationList(
        groups=[
            OccupationGroupInfo(
                code=g.code,
                name_ja=g.name_ja,
                name_en=g.name_en,
                occupations=[
                    OccupationInfo(code=o.code, name_ja=o.name_ja, name_en=o.name_en)
                    for o in g.occupations
                ],
            )
            for g in reference.OCCUPATION_GROUPS
        ]
    )


@router.get("/reference/industries")
async def industries() -> IndustryList:
    return IndustryList(
        industries=[
            IndustryInfo(code=c, name_ja=ja, name_en=en) for c, ja, en in reference.INDUSTRIES
        ]
    )
