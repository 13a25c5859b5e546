"""`hellowork admin …`: staff operations over the service layer, directly on the database.

    hellowork admin create-seeker --name "求職 花子" --seeker-number 13010-12345678 \\
        --birth-date 1995-05-05 --email hanako@example.jp [--office 13010]

prints a fresh アカウント作成コード for the counter to hand over.

    hellowork admin record-contact --seeker-number 13010-12345678
        an office contact: the registration is 有効 until the end of the month after next

    hellowork admin run-scheduled [--now 2026-05-16T09:00+09:00]
        特集求人 delivery (Saturdays, JST), lapse of registrations, retention purges

    hellowork admin migrate
        upgrade the database schema to this version (the upgrade step of a deployment whose
        servers run with --no-migrate); safe to run while others start: it takes a lock
    hellowork admin refer|request|message|record-result|messages …
        the Hello Work and employer side of applying (server/staff/cli.py)
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from server.accounts.service import InputError, create_seeker
from server.accounts.validity import record_contact
from server.clock import Clock, SystemClock
from server.config import ConfigError, ServerSettings, load_secret, safe_url
from server.context import ServiceEnv
from server.db.engine import create_engine, create_sessionmaker, prepare_sqlite_dir
from server.db.migrate import head_revision, upgrade_to_head
from server.errors import field_error
from server.jobs import admin_postings
from server.jst import JST
from server.mail import mailer_from_settings
from server.scheduler.jobs import run_scheduled
from server.staff import cli as staff_cli


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hellowork admin", description="Hello Work staff operations")
    p.add_argument("--database-url")
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--secret-key-file", type=Path)
    sub = p.add_subparsers(dest="command", required=True)
    cs = sub.add_parser(
        "create-seeker", help="register a seeker and issue an account creation code"
    )
    cs.add_argument("--name", required=True)
    cs.add_argument("--seeker-number", required=True, help="求職番号 NNNNN-NNNNNNNN")
    cs.add_argument("--birth-date", required=True, help="YYYY-MM-DD (Gregorian)")
    cs.add_argument("--email", required=True)
    cs.add_argument("--office", help="office code, e.g. 13010")
    # Also accepted after the subcommand, where people tend to type it.
    cs.add_argument("--database-url", dest="sub_database_url")
    rc = sub.add_parser(
        "record-contact", help="record an office contact: extends the registration's validity"
    )
    rc.add_argument("--seeker-number", required=True, help="求職番号 NNNNN-NNNNNNNN")
    rc.add_argument("--database-url", dest="sub_database_url")
    rs = sub.add_parser(
        "run-scheduled", help="run the scheduled jobs once (delivery, lapse, purge)"
    )
    rs.add_argument("--now", help="ISO date-time to run as (default: now); naive means JST")
    rs.add_argument("--database-url", dest="sub_database_url")
    mg = sub.add_parser("migrate", help="upgrade the database schema to this version")
    mg.add_argument("--database-url", dest="sub_database_url")
    # Commands of other domains register themselves, each with a `handler`.
    admin_postings.add_commands(sub)
    staff_cli.add_commands(sub)  # refer, request, message, record-result, messages
    return p


def _settings(args: argparse.Namespace) -> ServerSettings:
    overrides: dict[str, Any] = {}
    url = getattr(args, "sub_database_url", None) or args.database_url
    if url:
        overrides["database_url"] = url
    if args.data_dir:
        overrides["data_dir"] = args.data_dir
    elif url and (db_file := sqlite_file(url)) is not None:
        # The data directory this command acts on is the database's: its secret.key is
        # the one the server of that database signs with.
        overrides["data_dir"] = db_file.parent
    if args.secret_key_file:
        overrides["secret_key_file"] = args.secret_key_file
    return ServerSettings(**overrides)


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _secret(settings: ServerSettings) -> bytes:
    """The server's secret, so the codes printed here verify on the server: from
    HELLOWORK_SECRET_KEY, --secret-key-file, or the data directory's secret.key. A new one
    is made only with a new database (as the embedded server would make it); a database
    whose server keeps its secret elsewhere gets an error, never a code signed with a
    secret no server uses."""
    db_file = sqlite_file(settings.database_url)
    fresh = db_file is not None and not db_file.exists()
    try:
        return load_secret(settings, create_if_missing=fresh)
    except ConfigError:
        raise ConfigError(
            f"no server secret for this database in {settings.data_dir}: give the same "
            "HELLOWORK_SECRET_KEY, --secret-key-file or --data-dir as its server"
        ) from None


async def _create_seeker(settings: ServerSettings, args: argparse.Namespace) -> int:
    try:
        birth = date.fromisoformat(args.birth_date)
    except ValueError:
        print("birth-date: use YYYY-MM-DD (Gregorian), e.g. 1990-04-01", file=sys.stderr)
        return 2
    env = _env(settings, signs=True)
    engine = create_engine(settings.database_url)
    try:
        prepare_sqlite_dir(settings.database_url)
        await upgrade_to_head(engine)
        async with create_sessionmaker(engine, write=True)() as db:
            try:
                created = await create_seeker(
                    db,
                    env,
                    name=args.name,
                    seeker_number=args.seeker_number,
                    birth_date=birth,
                    email=args.email,
                    office_code=args.office,
                )
            except InputError as exc:
                for field, problem in exc.problems:
                    print(f"{field}: {field_error(field, problem).message}", file=sys.stderr)
                return 2
    finally:
        await engine.dispose()
    print(f"求職番号 / seeker number: {created.seeker.seeker_number}")
    print(f"アカウント作成コード / account creation code: {created.creation_code}")
    print(f"有効期限 / valid until: {created.code_expires_at.isoformat(timespec='minutes')}")
    return 0


def _env(settings: ServerSettings, clock: Clock | None = None, *, signs: bool) -> ServiceEnv:
    """`signs`: the command makes a value the server verifies (a creation code). The others
    sign nothing, so they run without the server's secret too (with a throwaway one)."""
    if signs:
        secret = _secret(settings)
    else:
        try:
            secret = _secret(settings)
        except ConfigError:
            secret = secrets.token_bytes(32)
    return ServiceEnv(
        settings=settings,
        clock=clock or SystemClock(),
        mailer=mailer_from_settings(settings),
        secret=secret,
    )


async def _record_contact(settings: ServerSettings, args: argparse.Namespace) -> int:
    env = _env(settings, signs=False)
    engine = create_engine(settings.database_url)
    try:
        prepare_sqlite_dir(settings.database_url)
        await upgrade_to_head(engine)
        async with create_sessionmaker(engine, write=True)() as db:
            until = await record_contact(db, env, args.seeker_number)
    finally:
        await engine.dispose()
    if until is None:
        print(f"seeker-number: no seeker {args.seeker_number}", file=sys.stderr)
        return 2
    print(f"有効期限 / registration valid until: {until.isoformat()}")
    return 0


def _parse_now(text: str | None) -> datetime | None:
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=JST)


async def _run_scheduled(settings: ServerSettings, args: argparse.Namespace) -> int:
    try:
        now = _parse_now(args.now)
    except ValueError:
        print("now: use an ISO date-time, e.g. 2026-05-16T09:00+09:00", file=sys.stderr)
        return 2
    env = _env(settings, signs=False)
    engine = create_engine(settings.database_url)
    try:
        prepare_sqlite_dir(settings.database_url)
        await upgrade_to_head(engine)
        async with create_sessionmaker(engine, write=True)() as db:
            report = await run_scheduled(db, env, now or env.clock.now())
    finally:
        await engine.dispose()
    print(report.line())
    return 0


async def _migrate(settings: ServerSettings) -> int:
    engine = create_engine(settings.database_url)
    try:
        prepare_sqlite_dir(settings.database_url)
        before = await upgrade_to_head(engine)
    finally:
        await engine.dispose()
    head = head_revision()
    where = safe_url(settings.database_url)
    if before == head:
        print(f"{where}: schema already at {head}")
    else:
        print(f"{where}: schema migrated from {before or 'empty'} to {head}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
        if getattr(args, "handler", None) is not None:
            return int(args.handler(settings, args))
        if args.command == "create-seeker":
            return asyncio.run(_create_seeker(settings, args))
        if args.command == "record-contact":
            return asyncio.run(_record_contact(settings, args))
        if args.command == "run-scheduled":
            return asyncio.run(_run_scheduled(settings, args))
        if args.command == "migrate":
            return asyncio.run(_migrate(settings))
    except ConfigError as exc:
        print(f"hellowork admin: {exc}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
