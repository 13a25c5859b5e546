"""Server settings (environment prefix HELLOWORK_) and the server secret.

Secrets are `SecretStr` and the database URL is shown without its password, so neither a
repr nor a log line of the settings reveals them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

SECRET_FILE_NAME = "secret.key"  # noqa: S105 - a file name
MIN_SECRET_BYTES = 32


def default_data_dir() -> Path:
    """The embedded server's home: HELLOWORK_HOME when set (as the TUI resolves it), so
    `hellowork admin` and `hellowork demo-data` act on the database the app uses."""
    home = os.environ.get("HELLOWORK_HOME")
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir("hellowork", appauthor=False))


class ConfigError(RuntimeError):
    """The settings cannot work (e.g. no secret key outside embedded mode)."""


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HELLOWORK_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = Field(
        default="", description="SQLAlchemy async URL; default: SQLite in the data dir"
    )
    host: str = "127.0.0.1"
    port: int = 8765
    uds: str | None = None

    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool | None = Field(
        default=None, description="True: require STARTTLS, False: never, None: when offered"
    )
    smtp_tls: bool = False
    # The whole of one request's mail (connect, TLS, every command, all recipients), kept
    # well below the client's read timeout (api_client._http.Timeouts.read, 15 s) so the
    # client hears "mail not sent" instead of giving up on its own.
    smtp_timeout: float = Field(default=8.0, gt=0, le=60)
    mail_from: str = "system@mail.hellowork.example"
    maildir: Path | None = Field(
        default=None, description="Write mail to this Maildir outbox instead of SMTP"
    )

    secret_key: SecretStr | None = None
    secret_key_file: Path | None = None

    embedded: bool = False
    seed_demo: bool = False
    # Synthetic postings seeded with the demo data into an empty SQLite database.
    demo_jobs: int = Field(default=3000, ge=0, le=200_000)
    docs: bool = False
    # `Server-Timing: app;dur=…` on every answer, for load benchmarks. Off by default: it
    # would hand anyone the server's own time of, say, a sign-in, without network noise.
    server_timing: bool = False

    # Request bodies above this are refused with 413 while they stream in (the largest real
    # body, a full registration step, is about 20 kB).
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)

    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    # Throttles (kept in the database, shared by every worker): per client address and
    # window, and per target (e-mail address, login attempt, account) for secrets.
    login_rate_limit: int = Field(default=20, description="logins (and mails) per address")
    login_rate_window_seconds: int = 300
    secret_rate_limit: int = Field(default=30, description="secret checks per address")
    secret_target_rate_limit: int = Field(default=20, description="secret checks per target")
    # Peers whose X-Forwarded-For names the client (comma-separated IPs or networks, "*" for
    # any); from every other peer the header is ignored. Empty: the socket's peer is the client.
    forwarded_allow_ips: str = ""

    # Start-up upgrades the schema to this version's head (under a lock, once however many
    # processes start). False: refuse to start unless it is already there (deployments that
    # migrate as a separate step: `hellowork admin migrate`).
    migrate: bool = True
    # PostgreSQL connections per server process: pool_size kept open, max_overflow more on
    # demand (closed again when returned). N workers hold up to N × (pool_size +
    # max_overflow); keep that under the server's max_connections (100 by default) or put a
    # pooler (PgBouncer) in front. Mostly kept open: under load, overflow connections were
    # opened and closed for every other request (950 connections for 1,650 requests at 200
    # simulated seekers), and starting a backend and its type set-up cost the database more
    # CPU than the queries.
    db_pool_size: int = Field(default=12, ge=1)
    db_max_overflow: int = Field(default=3, ge=0)
    # Seconds a request waits for a free connection before 503 database_unavailable (with
    # Retry-After): below the client's read timeout (15 s), so an overloaded server says so
    # instead of leaving the client to give up on its own.
    db_pool_timeout: float = Field(default=10.0, gt=0, le=60)

    # The scheduled jobs (特集求人 delivery, lapse, purge) on a timer inside the server;
    # `hellowork serve` turns it on, tests and the admin CLI leave it off.
    scheduler_enabled: bool = False
    scheduler_interval_seconds: int = Field(default=3600, ge=10)

    @model_validator(mode="after")
    def _default_database(self) -> ServerSettings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'hellowork.db'}"
        return self

    def __repr_args__(self) -> Iterable[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            if name == "database_url" and isinstance(value, str):
                yield name, safe_url(value)
            else:
                yield name, value

    def trusted_proxies(self) -> list[str]:
        return [part.strip() for part in self.forwarded_allow_ips.split(",") if part.strip()]

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.database_url).get_backend_name() == "sqlite"


def safe_url(url: str) -> str:
    """The URL for logs: password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as nothing rather than leaked
        return "<invalid database url>"


def load_secret(settings: ServerSettings, *, create_if_missing: bool) -> bytes:
    """The server secret (HMAC key for OTPs, 認証キー and failure counters).

    Order: HELLOWORK_SECRET_KEY, then secret_key_file, then <data dir>/secret.key. With
    `create_if_missing` (embedded mode) a fresh key is written there with mode 0600.
    """
    if settings.secret_key is not None:
        value = settings.secret_key.get_secret_value().encode()
        if len(value) < MIN_SECRET_BYTES:
            raise ConfigError(f"HELLOWORK_SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes")
        return value
    if settings.secret_key_file is not None:
        return _read_secret_file(settings.secret_key_file)
    default_file = settings.data_dir / SECRET_FILE_NAME
    if default_file.exists():
        return _read_secret_file(default_file)
    if not create_if_missing:
        raise ConfigError(
            "no server secret: set HELLOWORK_SECRET_KEY or HELLOWORK_SECRET_KEY_FILE "
            "(embedded mode creates one in the data directory)"
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fresh = secrets.token_urlsafe(48)
    fd = os.open(default_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(fresh + "\n")
    return fresh.encode()


def _read_secret_file(path: Path) -> bytes:
    value = path.read_text().strip().encode()
    if len(value) < MIN_SECRET_BYTES:
        raise ConfigError(f"secret key file {path} must hold at least {MIN_SECRET_BYTES} bytes")
    return value
