"""`hellowork admin refer|request|message|record-result|messages`: Hello Work and the
employer, from a shell, on the app's database (HELLOWORK_HOME or `--database-url`).

    hellowork admin refer --seeker-number 70000-99999999 --job-number 13010-12345678 \\
        [--deadline 2026-05-18]
    hellowork admin request --seeker-number N --job-number J
    hellowork admin message --seeker-number N --job-number J --from employer --text "…"
    hellowork admin message --seeker-number N --from hellowork --text "…"
    hellowork admin record-result --seeker-number N --job-number J \\
        --state screening|hired|rejected|declined|no-show
    hellowork admin messages --seeker-number N [--job-number J]

Each prints one line saying what was done (`messages` one line per message the seeker sent)
and exits 2 with a line naming the bad value otherwise. `--now` acts as of another time
(demos, tests), like `run-scheduled --now`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from api_client.application_models import ApplicationState
from server.clock import Clock, SystemClock
from server.config import ServerSettings
from server.db.engine import create_engine, create_sessionmaker, prepare_sqlite_dir
from server.db.migrate import upgrade_to_head
from server.staff import service
from server.staff.service import STATE_LABELS, StaffError

JST = ZoneInfo("Asia/Tokyo")
STATES = {
    "screening": ApplicationState.screening,
    "hired": ApplicationState.hired,
    "rejected": ApplicationState.rejected,
    "declined": ApplicationState.declined,
    "no-show": ApplicationState.no_show,
}


def add_commands(sub: Any) -> None:
    """Register the subcommands on `hellowork admin`'s subparsers."""

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=help_)
        p.set_defaults(handler=main)
        p.add_argument("--seeker-number", required=True, help="求職番号 NNNNN-NNNNNNNN")
        p.add_argument("--database-url", dest="sub_database_url")
        p.add_argument("--now", help="act as of this ISO date-time (default: now; naive = JST)")
        return p

    p = command("refer", "オンラインハローワーク紹介: send a posting to a seeker's MyPage")
    p.add_argument("--job-number", required=True, help="求人番号")
    p.add_argument("--deadline", help="apply by YYYY-MM-DD (default: a week)")
    p = command("request", "リクエスト求人: an employer asks a 公開中 seeker")
    p.add_argument("--job-number", required=True, help="求人番号")
    p = command("message", "a message to the seeker from the employer or from Hello Work")
    p.add_argument("--job-number", help="求人番号 of the application (employer messages)")
    p.add_argument("--from", dest="sender", required=True, choices=("employer", "hellowork"))
    p.add_argument("--text", required=True)
    p = command("record-result", "record a selection result of an application")
    p.add_argument("--job-number", required=True, help="求人番号")
    p.add_argument("--state", required=True, choices=tuple(STATES))
    p = command("messages", "list what the seeker sent to employers")
    p.add_argument("--job-number", help="only this application's thread")


def _jst(moment: Any) -> str:
    return str(moment.astimezone(JST).strftime("%Y-%m-%d %H:%M JST"))


def _one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ")


async def _refer(db: AsyncSession, clock: Clock, args: argparse.Namespace) -> str:
    deadline = None
    if args.deadline is not None:
        try:
            deadline = date.fromisoformat(args.deadline)
        except ValueError:
            raise StaffError("deadline", f"{args.deadline!r} is not YYYY-MM-DD") from None
    row = await service.refer(db, clock.now(), args.seeker_number, args.job_number, deadline)
    return (
        f"referral {row.id}: {row.job_number} {row.job_title} sent to "
        f"{args.seeker_number.strip()} by {row.office_name}, apply by {row.deadline.isoformat()}"
    )


async def _request(db: AsyncSession, clock: Clock, args: argparse.Namespace) -> str:
    row = await service.request(db, clock.now(), args.seeker_number, args.job_number)
    return f"request {row.id}: {row.job_number} {row.job_title} requested for the seeker"


async def _message(db: AsyncSession, clock: Clock, args: argparse.Namespace) -> str:
    if args.sender == "hellowork":
        notice = await service.hellowork_notice(db, clock.now(), args.seeker_number, args.text)
        return f"notice {notice.id}: Hello Work wrote to the seeker"
    if not args.job_number:
        raise StaffError("job-number", "required with --from employer")
    row = await service.employer_message(
        db, clock.now(), args.seeker_number, args.job_number, args.text
    )
    return f"message {row.id}: the employer of {args.job_number.strip()} wrote to the seeker"


async def _record_result(db: AsyncSession, clock: Clock, args: argparse.Namespace) -> str:
    done = await service.record_result(
        db, clock.now(), args.seeker_number, args.job_number, STATES[args.state]
    )
    return (
        f"application {done.application.id} to {done.application.job_number}: "
        f"{STATE_LABELS[done.before]} → {STATE_LABELS[done.after]} ({done.after.value})"
    )


async def _messages(db: AsyncSession, _clock: Clock, args: argparse.Namespace) -> str:
    sent = await service.sent_messages(db, args.seeker_number, args.job_number)
    if not sent:
        return "no messages from the seeker"
    return "\n".join(
        f"{_jst(s.message.created_at)}  {s.job_number}  message {s.message.id}: "
        f"{_one_line(s.message.body)}"
        for s in sent
    )


_HANDLERS: dict[str, Callable[[AsyncSession, Clock, argparse.Namespace], Awaitable[str]]] = {
    "refer": _refer,
    "request": _request,
    "message": _message,
    "record-result": _record_result,
    "messages": _messages,
}


class _FixedClock:
    def __init__(self, moment: datetime) -> None:
        self._moment = moment

    def now(self) -> datetime:
        return self._moment


def _clock(text: str | None) -> Clock:
    if text is None:
        return SystemClock()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise StaffError(
            "now", f"{text!r} is not an ISO date-time, e.g. 2026-05-11T09:30"
        ) from None
    return _FixedClock(moment if moment.tzinfo is not None else moment.replace(tzinfo=JST))


def main(settings: ServerSettings, args: argparse.Namespace) -> int:
    """The `handler` of each command (server/admin.py calls it)."""
    return asyncio.run(run(settings, args))


async def run(settings: ServerSettings, args: argparse.Namespace) -> int:
    try:
        clock = _clock(args.now)
    except StaffError as exc:
        print(f"{exc.option}: {exc.message}", file=sys.stderr)
        return 2
    engine = create_engine(settings.database_url)
    try:
        prepare_sqlite_dir(settings.database_url)
        await upgrade_to_head(engine)
        async with create_sessionmaker(engine, write=True)() as db:
            try:
                line = await _HANDLERS[args.command](db, clock, args)
            except StaffError as exc:
                print(f"{exc.option}: {exc.message}", file=sys.stderr)
                return 2
    finally:
        await engine.dispose()
    print(line)
    return 0
