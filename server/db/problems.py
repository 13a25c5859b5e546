"""Database failures in words: one line for a command that cannot start, and the test that
turns a failure during a request into 503 `database_unavailable` instead of a 500.

Drivers report the same fault in different shapes (asyncpg raises a bare OSError when it
cannot connect, SQLAlchemy wraps what fails later, SQLite speaks in messages), so both
functions walk the exception chain. Nothing here prints a password: URLs go through
`safe_url`, and driver messages that could quote one are not repeated.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator, Sequence

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from server.config import safe_url

# SQLSTATE classes and codes (PostgreSQL appendix A).
_CONNECTION_EXCEPTION = "08"  # connection_exception and friends
_INVALID_AUTHORIZATION = "28"  # invalid_authorization_specification, invalid_password
_INSUFFICIENT_RESOURCES = "53"  # too_many_connections, out of memory, disk full
_OPERATOR_INTERVENTION = "57"  # admin_shutdown, crash_shutdown, cannot_connect_now
_INVALID_CATALOG_NAME = "3D000"  # database does not exist
_QUERY_CANCELED = "57014"  # statement_timeout: the database is up, the query was slow

# SQLite says these when the file cannot be used right now (or at all).
_SQLITE_UNAVAILABLE = (
    "unable to open database file",
    "disk i/o error",
    "database is locked",
    "readonly database",
    "database or disk is full",
)


class DatabaseProblem(RuntimeError):
    """A database a command cannot use; str() is the one line to show (no password)."""


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _sqlstate(exc: BaseException) -> str | None:
    for link in _chain(exc):
        state = getattr(link, "sqlstate", None)
        if isinstance(state, str) and len(state) == 5:
            return state
    return None


def _sqlite_message(exc: BaseException) -> str | None:
    for link in _chain(exc):
        if type(link).__module__ == "sqlite3":
            return str(link).lower()
    return None


_DRIVER_MODULES = ("asyncpg", "aiosqlite", "sqlalchemy")


def _raised_in_driver(exc: BaseException) -> bool:
    """Whether `exc` came out of the database stack, not from e.g. the SMTP client (whose
    connection errors are OSErrors too)."""
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if isinstance(module, str) and module.split(".")[0] in _DRIVER_MODULES:
            return True
        tb = tb.tb_next
    return False


def is_database_unavailable(exc: BaseException) -> bool:
    """True when `exc` means the database cannot be reached or used right now (down,
    restarting, connection lost, out of connections), not that the request was wrong."""
    state = _sqlstate(exc)
    if state is not None:
        if state == _QUERY_CANCELED:
            return False
        return state[:2] in (_CONNECTION_EXCEPTION, _INSUFFICIENT_RESOURCES, _OPERATOR_INTERVENTION)
    for link in _chain(exc):
        if isinstance(link, DBAPIError) and link.connection_invalidated:
            return True
        if isinstance(link, PoolTimeout):
            # Every pooled connection stayed busy for pool_timeout: overloaded, not broken —
            # the request did nothing, and a retry after Retry-After may find one free.
            return True
        if isinstance(link, OSError | TimeoutError) and _raised_in_driver(link):
            return True  # connect refused, reset, DNS, timeout: while talking to the database
    message = _sqlite_message(exc)
    return message is not None and any(m in message for m in _SQLITE_UNAVAILABLE)


def _where(url: str) -> str:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<invalid database url>"
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite database {parsed.database or ':memory:'}"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"the database {parsed.database or ''} at {host}{port}".replace("  ", " ")


def describe_database_error(exc: BaseException, url: str) -> str | None:
    """One line naming what is wrong with the database at `url`, or None when `exc` is not
    a database problem (a bug, which should keep its traceback)."""
    if isinstance(exc, DatabaseProblem):
        return str(exc)
    where = _where(url)
    for link in _chain(exc):
        if isinstance(link, ArgumentError | NoSuchModuleError) or (
            isinstance(link, ModuleNotFoundError)
            and link.name in ("psycopg2", "psycopg", "pysqlite2", "sqlite3", "mysqldb")
        ):
            return (
                f"not a usable database URL ({safe_url(url)}): use sqlite+aiosqlite:///PATH "
                "or postgresql+asyncpg://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        if type(link).__name__ == "InvalidRequestError" and "async" in str(link):
            return (
                f"not a usable database URL ({safe_url(url)}): the driver must be asyncio "
                "(sqlite+aiosqlite:// or postgresql+asyncpg://)"
            )
    state = _sqlstate(exc)
    if state is not None:
        if state == _INVALID_CATALOG_NAME:
            return f"{where} does not exist: create it first (createdb)"
        if state[:2] == _INVALID_AUTHORIZATION:
            user = _user(url)
            return f"{where} refused the credentials of user {user}: check the user and password"
        if state[:2] == _INSUFFICIENT_RESOURCES:
            return f"{where} has no room for another connection (too many connections?)"
        if state[:2] in (_CONNECTION_EXCEPTION, _OPERATOR_INTERVENTION):
            return f"cannot reach {where}: it is starting up, shutting down or refused us"
    for link in _chain(exc):
        if isinstance(link, socket.gaierror):
            return f"cannot reach {where}: the host name does not resolve"
        if isinstance(link, ConnectionRefusedError):
            return f"cannot reach {where}: connection refused (is the server running?)"
        if isinstance(link, TimeoutError):
            return f"cannot reach {where}: the connection timed out"
        if isinstance(link, OSError) and not type(link).__module__.startswith("sqlite3"):
            reason = link.strerror or type(link).__name__
            if where.startswith("the SQLite"):
                return f"cannot open {where}: {reason}"
            return f"cannot reach {where}: {reason}"
    message = _sqlite_message(exc)
    if message is not None:
        if "not a database" in message:
            return f"{where} is not a SQLite database file"
        if "unable to open" in message:
            return f"cannot open {where}: check that its folder exists and is writable"
        if "readonly" in message:
            return f"{where} is read-only: check the file's permissions"
        if "locked" in message:
            return f"{where} is locked by another program"
        return f"{where} cannot be used: {message}"
    if is_database_unavailable(exc):
        return f"cannot reach {where}"
    return None


def _user(url: str) -> str:
    try:
        return make_url(url).username or "(none)"
    except ArgumentError:
        return "(unknown)"


def database_url_of(argv: Sequence[str]) -> str:
    """The database URL a command line will use (for messages): --database-url, else
    HELLOWORK_DATABASE_URL, else the embedded default."""
    for i, arg in enumerate(argv):
        if arg == "--database-url" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--database-url="):
            return arg.split("=", 1)[1]
    from server.config import ServerSettings

    try:
        return ServerSettings().database_url
    except Exception:  # settings that do not load: nothing better to name
        return ""
