"""Faults on a real PostgreSQL cluster, stopped and started with pg_ctl under a running server:

- while the database is down, requests answer 503 `database_unavailable` (the client raises
  DatabaseUnavailable and the app explains it), /readyz 503, /healthz 200;
- once it is back the same server process serves again, also after a restart nobody noticed
  (the pool tests its connections before use) — no restart of the server;
- a database lost in the middle of a request keeps nothing of that request;
- the server itself frozen, killed and restarted: the client raises RequestTimeout and
  ServerUnreachable, and the signed-in session carries on afterwards.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from api_client import errors
from api_client._http import Timeouts
from api_client.client import MyPageClient
from api_client.job_models import JobSearchRequest
from api_client.models import LoginStatus
from server.app import create_app
from server.demo import DEMO_EMAIL, DEMO_PASSWORD
from tests.api.flows import sign_in
from tests.conftest import (
    Outbox,
    PgCluster,
    SettableClock,
    app_state,
    make_settings,
    new_api,
    seed_account,
    started,
)
from tests.e2e.serve_support import ServerProcess

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


class NoWait:
    """The client's backoff sleep, recorded instead of slept."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


async def _signed_in_demo(server: ServerProcess, **client_options: Any) -> MyPageClient:
    api = MyPageClient(server.base_url, **client_options)
    started_login = await api.login(DEMO_EMAIL, DEMO_PASSWORD)
    assert started_login.status is LoginStatus.otp_required and started_login.login_ticket
    await api.verify_otp(started_login.login_ticket, server.read_otp(DEMO_EMAIL))
    return api


def _explained(exc: BaseException, lang: str) -> str:
    from screens.base import explain
    from strings.i18n import set_language

    set_language(lang)
    try:
        return explain(exc).message
    finally:
        set_language("ja")


async def test_database_down_and_back_under_a_running_server(
    serve_process: Callable[..., ServerProcess], fault_cluster: PgCluster
) -> None:
    server = serve_process(await fault_cluster.create_database())
    server.wait_started()
    waits = NoWait()
    api = await _signed_in_demo(server, sleep=waits)
    probe = httpx.AsyncClient(base_url=server.base_url)
    try:
        await api.save_search("A", JobSearchRequest(words="介護"))

        fault_cluster.stop()
        with pytest.raises(errors.DatabaseUnavailable) as down:
            await api.home()  # a read: retried (honouring Retry-After), then the typed error
        assert down.value.status_code == 503 and isinstance(down.value, errors.ServerError)
        assert waits.delays == [2.0, 2.0]
        with pytest.raises(errors.DatabaseUnavailable):
            await api.save_search("B", JobSearchRequest(words="事務"))  # a create: once
        assert waits.delays == [2.0, 2.0]
        assert "データベースに接続できません" in _explained(down.value, "ja")
        assert "cannot reach its database" in _explained(down.value, "en")
        ready = await probe.get("/readyz")
        assert ready.status_code == 503 and ready.json()["problem"] == "database_unreachable"
        assert (await probe.get("/healthz")).status_code == 200

        fault_cluster.start()
        await api.save_search("C", JobSearchRequest(words="営業"))  # same server process
        assert (await probe.get("/readyz")).status_code == 200

        # A restart between two requests: the pooled connections are dead, and the next
        # request (a create, never retried) must not be the one to find out.
        fault_cluster.stop()
        fault_cluster.start()
        await api.save_search("D", JobSearchRequest(words="警備"))

        titles = [s.title for s in (await api.saved_searches()).items]
        assert sorted(titles) == ["A", "C", "D"]  # B was refused and left nothing
        assert server.proc.poll() is None  # never restarted
    finally:
        await probe.aclose()
        await api.aclose()


async def test_a_database_lost_mid_request_keeps_nothing_of_it(
    fault_cluster: PgCluster, outbox: Outbox, tmp_path: Path
) -> None:
    """A password change updates the account, then revokes the other sessions and devices.
    The database dies between the two: neither may remain."""
    settings = make_settings(await fault_cluster.create_database(), outbox, tmp_path)
    crashed: list[str] = []
    async for app in started(create_app(settings, clock=SettableClock())):
        account = await seed_account(app)
        async with new_api(app) as api, new_api(app) as other:
            await sign_in(api, outbox, account)
            await sign_in(other, outbox, account)  # a second session, to be revoked
            engine = app_state(app).engine.sync_engine

            def crash(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
                if not crashed and statement.lstrip().upper().startswith("UPDATE SESSIONS"):
                    crashed.append(statement)
                    fault_cluster.stop("immediate")  # a crash, not a polite shutdown

            event.listen(engine, "before_cursor_execute", crash)
            try:
                with pytest.raises(errors.DatabaseUnavailable):
                    await api.change_password(account.password, "Hanako#2027pw", "Hanako#2027pw")
            finally:
                event.remove(engine, "before_cursor_execute", crash)
                if not fault_cluster.running():
                    fault_cluster.start()
            assert crashed, "the fault was never injected"

            # The account's password UPDATE had run; none of it was kept.
            assert (await other.home()).name == account.name  # not revoked
            async with new_api(app) as fresh:
                with pytest.raises(errors.InvalidCredentials):
                    await fresh.login(account.email, "Hanako#2027pw")
                res = await fresh.login(account.email, account.password)
                assert res.status is LoginStatus.otp_required
            # And the server carries on: the same change now goes through.
            await api.change_password(account.password, "Hanako#2027pw", "Hanako#2027pw")
            with pytest.raises(errors.SessionExpired):
                await other.home()


async def test_server_frozen_killed_and_restarted_during_a_session(
    serve_process: Callable[..., ServerProcess], pg_database_url: str
) -> None:
    server = serve_process(pg_database_url)
    server.wait_started()
    api = await _signed_in_demo(server, sleep=NoWait())
    # The same session through a client that gives up reading after a second: only used
    # while the server is frozen, so the second is not a guess at how fast it answers.
    impatient = MyPageClient(server.base_url, sleep=NoWait(), timeouts=Timeouts(read=1.0))
    impatient.session_token = api.session_token
    try:
        assert (await api.home()).name
        server.proc.send_signal(signal.SIGSTOP)  # frozen: connects, never answers
        try:
            with pytest.raises(errors.RequestTimeout):
                await impatient.home()
        finally:
            server.proc.send_signal(signal.SIGKILL)  # then it dies (a stopped process too)
            server.proc.wait()
        with pytest.raises(errors.ServerUnreachable):
            await api.home()

        again = serve_process(pg_database_url, port=server.port)
        again.wait_started()
        home = await api.home()  # the same client and session: no new sign-in
        assert home.name
    finally:
        await impatient.aclose()
        await api.aclose()
