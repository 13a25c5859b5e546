"""The application factory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from server import __version__
from server.accounts.routes import router as me_router
from server.applications.routes import router as applications_router
from server.auth.routes import router as auth_router
from server.body_limit import BodyLimitMiddleware
from server.clock import Clock, SystemClock
from server.config import ServerSettings, load_secret, safe_url
from server.context import ServiceEnv
from server.db.engine import create_engine, create_sessionmaker, prepare_sqlite_dir
from server.db.migrate import require_head, startup_lock, upgrade_to_head
from server.demo import seed_demo
from server.errors import install as install_error_handlers
from server.errors import too_large_response
from server.health import router as health_router
from server.jobs.favorites import router as favorites_router
from server.jobs.routes import router as jobs_router
from server.jobs.saved import router as saved_router
from server.mail import Mailer, mailer_from_settings
from server.messages.routes import router as messages_router
from server.meta import ensure_instance_id
from server.meta import router as meta_router
from server.openapi import install as install_openapi
from server.profile.routes import router as profile_router
from server.ratelimit import Limit
from server.registration.routes import router as registration_router
from server.scheduler.timer import SchedulerTimer
from server.state import AppState, Limits
from server.timing import ServerTimingMiddleware

log = logging.getLogger("hellowork.server")


def create_app(
    settings: ServerSettings,
    *,
    clock: Clock | None = None,
    mailer: Mailer | None = None,
    prepared: bool = False,
) -> FastAPI:
    """The app. `prepared`: the database was already migrated and seeded by the process
    that starts us (`hellowork serve` does that once, before its workers start), so the
    lifespan only connects; otherwise the lifespan prepares it (tests, embedded use)."""
    clock = clock or SystemClock()
    env = ServiceEnv(
        settings=settings,
        clock=clock,
        mailer=mailer or mailer_from_settings(settings),
        secret=load_secret(settings, create_if_missing=settings.embedded),
    )
    pool: dict[str, float] = {}
    if not settings.is_sqlite:
        pool = {
            "pool_size": settings.db_pool_size,
            "max_overflow": settings.db_max_overflow,
            "pool_timeout": settings.db_pool_timeout,
        }
    engine = create_engine(settings.database_url, **pool)
    state = AppState(
        env=env,
        engine=engine,
        sessionmaker=create_sessionmaker(engine),
        write_sessionmaker=create_sessionmaker(engine, write=True),
        limits=limits_from_settings(settings),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if not prepared:
            await startup(state)
        timer = SchedulerTimer(state) if settings.scheduler_enabled else None
        _app.state.scheduler = timer
        try:
            yield
        finally:
            if timer is not None:
                await timer.stop()
            await engine.dispose()

    app = FastAPI(
        title="hellowork MyPage API",
        version=__version__,
        openapi_url="/openapi.json",
        docs_url="/docs" if settings.docs else None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.hw = state
    install_error_handlers(app)
    trusted = settings.trusted_proxies()
    if trusted:  # the client address of throttles: X-Forwarded-For, from these peers only
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=trusted)
    # Outermost: a body over the cap is refused before anything reads it.
    app.add_middleware(
        BodyLimitMiddleware, refuse=too_large_response, max_bytes=settings.max_body_bytes
    )
    if settings.server_timing:
        app.add_middleware(ServerTimingMiddleware)  # (outermost: the whole app's time)
    install_openapi(app)
    app.include_router(health_router)
    app.include_router(meta_router)
    app.include_router(auth_router)
    app.include_router(me_router)
    app.include_router(jobs_router)
    app.include_router(saved_router)
    app.include_router(favorites_router)
    app.include_router(registration_router)
    app.include_router(profile_router)
    app.include_router(applications_router)
    app.include_router(messages_router)
    return app


def limits_from_settings(settings: ServerSettings) -> Limits:
    window = timedelta(seconds=settings.login_rate_window_seconds)
    return Limits(
        login=Limit("login", settings.login_rate_limit, window),
        mail=Limit("mail", settings.login_rate_limit, window),
        secret=Limit("secret", settings.secret_rate_limit, window),
        secret_target=Limit("secret-target", settings.secret_target_rate_limit, window),
    )


async def startup(state: AppState) -> None:
    """Migrate to head (or, with `migrate` off, insist on it), record the instance id, seed
    demo data when asked and empty. Raises DatabaseProblem / driver errors for a database
    that cannot be used (server.db.problems words them)."""
    settings = state.env.settings
    prepare_sqlite_dir(settings.database_url)
    async with startup_lock(state.engine):  # workers starting together take turns
        if settings.migrate:
            log.info("migrating database %s", safe_url(settings.database_url))
            await upgrade_to_head(state.engine)
        else:
            await require_head(state.engine)
        async with state.write_sessionmaker() as db:
            state.instance_id = await ensure_instance_id(db)
            if settings.seed_demo and await seed_demo(db, state.env):
                log.info("demo data seeded")
    if settings.seed_demo and settings.demo_jobs:
        # A first embedded start also gets a few thousand synthetic postings (架空).
        from server.jobs.demo.cli import seed_demo_jobs

        report = await asyncio.to_thread(seed_demo_jobs, settings.database_url, settings.demo_jobs)
        if report is not None:
            log.info("demo postings seeded")
    if settings.seed_demo:
        # The demo account's referral, request and application need the postings above.
        from server.staff.demo import ensure_demo_activity

        async with state.write_sessionmaker() as db:
            if await ensure_demo_activity(db, state.env.clock.now()):
                log.info("demo activity seeded")
