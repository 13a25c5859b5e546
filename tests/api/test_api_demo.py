"""The demo seed: a fresh embedded-style server lets demo@example.jp sign in."""

from __future__ import annotations

from pathlib import Path

from server.app import create_app
from server.demo import DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD, DEMO_SEEKER_NUMBER
from tests.conftest import make_settings, new_api, started


async def test_demo_seed_once_and_sign_in(database_url, outbox, tmp_path: Path, clock) -> None:
    settings = make_settings(database_url, outbox, tmp_path, seed_demo=True)
    for _ in range(2):  # the second start finds accounts and seeds nothing
        async for app in started(create_app(settings, clock=clock)):
            async with new_api(app) as api:
                res = await api.login(DEMO_EMAIL, DEMO_PASSWORD)
                await api.verify_otp(res.login_ticket, outbox.read_otp(DEMO_EMAIL))
                home = await api.home()
                assert home.name == DEMO_NAME
                assert home.seeker_number == DEMO_SEEKER_NUMBER
                assert home.office_name == "飯田橋公共職業安定所"
                assert home.registration_status == "valid"
                assert str(home.registration_valid_until) == "2026-07-31"  # clock: 2026-05-11


async def test_first_embedded_start_seeds_synthetic_postings_once(
    database_url, outbox, tmp_path: Path, clock
) -> None:
    import sqlite3

    from server.jobs.bulk import sqlite_path

    settings = make_settings(database_url, outbox, tmp_path, seed_demo=True, demo_jobs=60)
    for _ in range(2):  # the second start finds postings and adds none
        async for _app in started(create_app(settings, clock=clock)):
            pass
        path = sqlite_path(database_url)
        assert path is not None
        with sqlite3.connect(path) as conn:
            total, synthetic = conn.execute(
                "SELECT count(*), sum(synthetic) FROM job_postings"
            ).fetchone()
        assert (total, synthetic) == (60, 60)
