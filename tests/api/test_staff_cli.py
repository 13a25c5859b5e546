"""`hellowork admin refer|request|message|record-result|messages` on the very database the app
serves, with the seeker on the other side through the real client: every command prints one
line saying what it did, and a bad value exits 2 with a line naming it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from fastapi import FastAPI

from api_client.application_models import ApplicationState
from server.admin import main as admin_main
from tests.api import apps_support as s
from tests.conftest import Outbox

NOW = "2026-05-11T10:00+09:00"  # the test clock's day (conftest.START)
Run = Callable[..., Awaitable[tuple[int, str, str]]]


@pytest.fixture
async def world(app: FastAPI) -> FastAPI:
    await s.add_postings(app)
    return app


@pytest.fixture
def admin(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    async def run(command: str, *args: str) -> tuple[int, str, str]:
        argv = ["--data-dir", str(tmp_path), command, "--database-url", database_url]
        argv += ["--now", NOW, *args]
        # In a thread: the CLI runs its own event loop, as it does from a shell.
        try:
            code = await asyncio.to_thread(admin_main, argv)
        except SystemExit as exc:  # argparse refuses a bad choice itself (exit 2, usage)
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


async def test_the_other_side_from_a_shell(world: FastAPI, outbox: Outbox, admin: Run) -> None:
    async with s.seeker(world, outbox) as taro:
        n = ("--seeker-number", taro.number)
        code, out, err = await admin("refer", *n, "--job-number", s.OFFICE_ONLY)
        assert (code, err) == (0, "")
        assert out == (
            f"referral 1: {s.OFFICE_ONLY} {s.TITLE} sent to {taro.number} by 飯田橋公共職業安定所,"
            " apply by 2026-05-18\n"
        )
        [referral] = (await taro.api.referrals()).items
        applied = await taro.api.apply_referral(referral.id, "応募します。")

        code, out, _ = await admin(
            "message", *n, "--job-number", s.OFFICE_ONLY, "--from", "employer", "--text", "面接日程"
        )
        assert (
            code == 0 and out == f"message 1: the employer of {s.OFFICE_ONLY} wrote to the seeker\n"
        )
        code, out, _ = await admin("message", *n, "--from", "hellowork", "--text", "お知らせです")
        assert code == 0 and out == "notice 1: Hello Work wrote to the seeker\n"
        assert (await taro.api.home_activity()).unread_messages == 2

        await taro.api.send_message(applied.id, "5月20日で\nお願いします。")
        code, out, _ = await admin("messages", *n)
        assert code == 0
        assert out.endswith(f"  {s.OFFICE_ONLY}  message 2: 5月20日で ⏎ お願いします。\n")
        assert out.count("\n") == 1

        code, out, _ = await admin(
            "record-result", *n, "--job-number", s.OFFICE_ONLY, "--state", "screening"
        )
        assert (code, out) == (
            0,
            f"application {applied.id} to {s.OFFICE_ONLY}: 応募中 → 選考中 (screening)\n",
        )
        code, out, _ = await admin(
            "record-result", *n, "--job-number", s.OFFICE_ONLY, "--state", "no-show"
        )
        assert code == 0 and out.endswith("選考中 → 不参加 (no_show)\n")
        assert (await taro.api.application(applied.id)).state is ApplicationState.no_show

        await s.make_public(world, taro.number)
        code, out, _ = await admin("request", *n, "--job-number", s.ONLINE)
        assert (code, out) == (0, f"request 1: {s.ONLINE} {s.TITLE} requested for the seeker\n")
        assert (await taro.api.home_activity()).requests_total == 1


@pytest.mark.parametrize(
    ("command", "args", "expected"),
    [
        (
            "refer",
            ("--seeker-number", "70000-00000001", "--job-number", s.ONLINE),
            "seeker-number: no seeker 70000-00000001",
        ),
        ("refer", ("--job-number", "13010-99999999"), "job-number: no posting 13010-99999999"),
        ("refer", ("--job-number", s.EXPIRED), f"job-number: {s.EXPIRED} is expired"),
        ("refer", ("--job-number", s.WITHDRAWN), f"job-number: {s.WITHDRAWN} is withdrawn"),
        (
            "refer",
            ("--job-number", s.ONLINE, "--deadline", "2026-13-01"),
            "deadline: '2026-13-01' is not YYYY-MM-DD",
        ),
        (
            "refer",
            ("--job-number", s.ONLINE, "--deadline", "2026-08-01"),
            "deadline: 2026-08-01 is after the posting's 紹介期限日 2026-07-31",
        ),
        ("request", ("--job-number", s.ONLINE), "seeker-number: {number} is not public"),
        (
            "message",
            ("--job-number", s.ONLINE, "--from", "employer", "--text", "x"),
            "job-number: {number} has not applied to " + s.ONLINE,
        ),
        (
            "message",
            ("--from", "employer", "--text", "x"),
            "job-number: required with --from employer",
        ),
        (
            "message",
            ("--from", "hellowork", "--text", "a\x00b"),
            "text: Contains control characters",
        ),
        (
            "record-result",
            ("--job-number", s.ONLINE, "--state", "hired"),
            "job-number: {number} has not applied to " + s.ONLINE,
        ),
        (
            "record-result",
            ("--job-number", s.ONLINE, "--state", "sleeping"),
            "invalid choice: 'sleeping'",
        ),
        ("messages", ("--seeker-number", "bad"), "seeker-number: no seeker bad"),
    ],
)
async def test_bad_values_exit_2_naming_them(
    world: FastAPI, outbox: Outbox, admin: Run, command: str, args: tuple[str, ...], expected: str
) -> None:
    async with s.seeker(world, outbox) as taro:
        argv = list(args)
        if "--seeker-number" not in argv:
            argv = ["--seeker-number", taro.number, *argv]
        code, out, err = await admin(command, *argv)
        assert code == 2 and out == ""
        assert expected.format(number=taro.number) in err
        if "invalid choice" not in expected:  # argparse adds its usage lines
            assert err.count("\n") == 1
