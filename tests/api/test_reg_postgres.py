"""Registration, settings and the scheduled jobs on a throwaway PostgreSQL cluster."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from api_client.errors import APIStatusError
from api_client.job_models import Feature
from api_client.models import ErrorCode, RegistrationStatus
from api_client.profile_models import DesiredPlace, DesiredWork
from server.app import create_app
from server.jobs.search.tokens import FEATURE_BITS
from server.jobs.store import add_posting
from server.scheduler.jobs import run_scheduled
from tests.api import jobs_data
from tests.api.reg_support import PASSWORD, log_in, register, valid_steps
from tests.conftest import Outbox, SettableClock, app_state, make_settings, new_api, started

pytestmark = pytest.mark.postgres


async def test_registration_and_delivery_on_postgres(
    pg_database_url: str, outbox: Outbox, tmp_path: Path
) -> None:
    clock = SettableClock()
    settings = make_settings(pg_database_url, outbox, tmp_path)
    async for app in started(create_app(settings, clock=clock)):
        state = app_state(app)
        async with state.sessionmaker() as db:
            await add_posting(
                db,
                jobs_data.posting_values(
                    job_number="13010-00000301",
                    features=FEATURE_BITS[Feature.care],
                    prefecture_code="13",
                    municipality_code="13101",
                ),
            )
            await db.commit()
        steps = valid_steps()
        assert isinstance(steps[3], DesiredWork)
        steps[3] = steps[3].model_copy(update={"features": [Feature.care, Feature.senior]})
        steps[4] = DesiredPlace(municipalities=["13101"])
        async with new_api(app) as api:
            number = await register(api, outbox, "pg@example.jp", steps)
            assert number.startswith("71301-")
            await api.set_feature_delivery(True)
            saturday = datetime(2026, 5, 16, 0, 0, tzinfo=UTC)
            async with state.sessionmaker() as db:
                assert (await run_scheduled(db, state.env, saturday)).delivered == 1
                assert (await run_scheduled(db, state.env, saturday)).delivered == 0
            await log_in(api, outbox, "pg@example.jp")  # Saturday's run purged idle sessions
            notices = await api.notices()
            assert notices.unread == 1
            assert notices.notices[0].posting_numbers == ["13010-00000301"]
            await api.set_registration_status(RegistrationStatus.invalid)
            with pytest.raises(APIStatusError) as err:
                await api.notices()
            assert err.value.code is ErrorCode.registration_invalid
            await api.withdraw(PASSWORD)
        clock.advance(timedelta(days=30))
        async with new_api(app) as api:
            await api.request_reregistration("pg@example.jp", PASSWORD)
            signed = await api.confirm_reregistration(
                "pg@example.jp", outbox.read_auth_key("pg@example.jp")
            )
            assert signed.has_registration
            settings_view = await api.settings()
            assert settings_view.registration_status is RegistrationStatus.invalid
            assert settings_view.registration_valid_until == date(2026, 7, 31)
