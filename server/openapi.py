"""Answers every operation can give, added to the OpenAPI document.

The routes list the errors of their domain; what the middleware answers for any operation
with a body is added here, so the document lists every status the server sends: 413 (body
over the cap) and 422 (a body that is not JSON, or not of the operation's shape).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
_BODY_ANSWERS = {
    "413": "The request body is larger than the server accepts",
    "422": "The body is not JSON or not of this operation's shape",
}


def install(app: FastAPI) -> None:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if "requestBody" not in operation:
                    continue
                responses = operation.setdefault("responses", {})
                for status, description in _BODY_ANSWERS.items():
                    responses.setdefault(status, {"description": description, "content": _ERROR})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
