"""Path parameters shared by the routes, bounded at the edge.

Ids are PostgreSQL INTEGER columns (and SQLite rowids, 64-bit): an id above 2^31 - 1 made
PostgreSQL fail the query and one above 2^63 - 1 made SQLite's driver overflow, both as a
500. Declaring the bounds answers 422 with the field named, the same on both databases, and
puts them in the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

ROW_ID_MAX = 2**31 - 1

RowId = Annotated[int, Path(ge=1, le=ROW_ID_MAX)]
JobNumber = Annotated[str, Path(pattern=r"^[0-9]{5}-[0-9]{1,8}$", examples=["13010-12345678"])]
