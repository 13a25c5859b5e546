"""/api/v1/jobs/* and /api/v1/reference/* — thin: parse, authenticate, call the service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api_client.job_models import (
    MAX_WORD_CHARS,
    ClassificationInfo,
    ClassificationLevel,
    ClassificationList,
    ClassificationMatch,
    ClassificationMatches,
    IndustryInfo,
    IndustryList,
    JobNumberResult,
    JobNumberSearch,
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
from api_client.models import API_PREFIX, ErrorBody, ErrorCode
from server.accounts.validity import require_valid_registration
from server.auth.deps import DB, CurrentAccount, Env
from server.codes import tables, typeahead
from server.db.engine import reads_only
from server.errors import DomainError
from server.jobs import service

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


@router.post(
    "/jobs/by-number",
    responses=_errors(401, 403),
    dependencies=[Depends(require_valid_registration)],
)
@reads_only
async def jobs_by_number(
    body: JobNumberSearch, account: CurrentAccount, db: DB, env: Env
) -> JobNumberResult:
    """番号検索: up to 5 求人番号, separate from the condition search."""
    return await service.by_numbers(db, account, body, env.clock.now())


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
            for p in tables.prefectures()
        ]
    )


@router.get("/reference/municipalities", responses=_errors())
async def municipalities(
    prefecture: Annotated[str, Query(pattern=r"^\d{2}$")],
) -> MunicipalityList:
    return MunicipalityList(
        municipalities=[
            MunicipalityInfo(code=m.code, prefecture_code=m.prefecture_code, name_ja=m.name_ja)
            for m in tables.municipalities_of(prefecture)
        ]
    )


@router.get("/reference/occupations")
async def occupations() -> OccupationList:
    """希望する職種: the 14 groups and their 179 details."""
    return OccupationList(
        groups=[
            OccupationGroupInfo(
                code=g.code,
                name_ja=g.name_ja,
                name_en=g.name_en,
                occupations=[
                    OccupationInfo(code=d.code, name_ja=d.name_ja, name_en=d.name_ja)
                    for d in g.details
                ],
            )
            for g in tables.desired_job_groups()
        ]
    )


@router.get("/reference/industries")
async def industries() -> IndustryList:
    """産業分類: each 大分類 (A–T) followed by its 中分類 (01–99)."""
    items: list[IndustryInfo] = []
    for d in tables.industry_divisions():
        items.append(IndustryInfo(code=d.code, name_ja=d.name_ja, name_en=d.name_en))
        items += [
            IndustryInfo(code=i.code, name_ja=i.name_ja, name_en=i.name_ja, division=d.code)
            for i in d.industries
        ]
    return IndustryList(industries=items)


def _classification(c: tables.Classification) -> ClassificationInfo:
    return ClassificationInfo(
        code=c.code, level=ClassificationLevel(c.level), name_ja=c.name_ja, parent=c.parent
    )


@router.get("/reference/classifications", responses=_errors(404))
async def classifications(
    parent: Annotated[str | None, Query(pattern=r"^([A-K]|\d{2}|\d{3})$")] = None,
) -> ClassificationList:
    """職業分類: the 大分類, or the children of a 大・中・小分類."""
    if parent is not None and parent not in tables.classification_by_code():
        raise DomainError(ErrorCode.not_found, 404)
    return ClassificationList(
        parent=parent, items=[_classification(c) for c in tables.children_of(parent)]
    )


@router.get("/reference/classifications/search", responses=_errors())
async def search_classifications(
    q: Annotated[str, Query(min_length=1, max_length=MAX_WORD_CHARS)],
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> ClassificationMatches:
    """職業分類 type-ahead over names and the 16,178 example job titles."""
    return ClassificationMatches(
        query=q,
        items=[
            ClassificationMatch(
                code=m.node.code,
                level=ClassificationLevel(m.node.level),
                name_ja=m.node.name_ja,
                path=list(m.path),
                examples=list(m.examples),
            )
            for m in typeahead.search(q, limit)
        ],
    )
