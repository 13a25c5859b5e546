"""schemathesis over the OpenAPI document: every operation, valid and invalid input, against
the real server (uvicorn on loopback) on a real SQLite database with demo data, signed in as
the demo seeker. Fails on any 500 and on any answer the document does not describe (status,
content type, headers, body schema).

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
    LiveServer,
    config,
    live_server,
    openapi_document,
)

pytestmark = pytest.mark.schemathesis
__all__ = ["live_server"]  # the fixture, imported to be found

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


@OPERATIONS.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, live_server: LiveServer) -> None:
    case.call_and_validate(
        base_url=live_server.base_url,
        headers={"Authorization": f"Bearer {live_server.token}"},
        checks=CHECKS,
        timeout=30,
    )
