"""schemathesis over the OpenAPI document: every operation, valid and invalid input, against
the real server (uvicorn on loopback) on a real SQLite database and on PostgreSQL 15, with demo
data, signed in as the demo seeker. Fails on any 500, on any answer the document does not
describe (status, content type, headers, body schema) and on a lost session.

Bounded and reproducible: a fixed number of examples per operation, derandomized (the same
cases on every run), no example database. See tests/api/schemathesis_support.py.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.schemathesis_support import (
    EXAMPLES_PER_OPERATION,
    EXAMPLES_PER_OPERATION_PG,
    LiveServer,
    config,
    live_server,
    openapi_document,
    pg_live_server,
)

pytestmark = pytest.mark.schemathesis
__all__ = ["live_server", "pg_live_server"]  # the fixtures, imported to be found

SCHEMA = schemathesis.openapi.from_dict(openapi_document(), config=config())
# Logging out would end the signed-in session every later case relies on (tested elsewhere).
OPERATIONS = SCHEMA.exclude(path="/api/v1/auth/logout")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


SESSION_PATHS = "/api/v1/me"
# The operations that check the account's password (a wrong one counts toward its lock).
PASSWORD_CHECKS = {
    "/api/v1/me/settings/password",
    "/api/v1/me/withdraw",
    "/api/v1/me/settings/email",
}


def call_and_check(case: schemathesis.Case, server: LiveServer) -> None:
    response = case.call_and_validate(
        base_url=server.base_url,
        headers={"Authorization": f"Bearer {server.token}"},
        checks=CHECKS,
        timeout=30,
    )
    # Wrong passwords sent to the password change, withdrawal and e-mail change count toward
    # the account's lock: forget them, so the session lives through the whole run ...
    if case.path in PASSWORD_CHECKS:
        server.forget_password_failures()
    # ... and make sure it did: a lost session would answer every later case with a 401,
    # which the document allows and which would hide whatever those cases were to find.
    # (Cases that send a token of their own — negative tests of the security scheme — are
    # rightly refused.)
    ours = response.request.headers.get("Authorization") == f"Bearer {server.token}"
    if case.path.startswith(SESSION_PATHS) and ours:
        assert response.status_code != 401, f"the session was lost: {response.text[:200]}"


@OPERATIONS.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, live_server: LiveServer) -> None:
    call_and_check(case, live_server)


@OPERATIONS.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION_PG,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.postgres
def test_every_operation_answers_as_documented_on_postgresql(
    case, pg_live_server: LiveServer
) -> None:
    call_and_check(case, pg_live_server)
