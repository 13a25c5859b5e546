"""Imports every model module so `metadata` is complete (Alembic, tests)."""

from __future__ import annotations

from server import meta_models
from server import ratelimit_models as ratelimit_models
from server.accounts import models as accounts_models
from server.applications import models as applications_models
from server.auth import models as auth_models
from server.db.base import Base
from server.jobs import models as jobs_models
from server.jobs import saved_models as saved_jobs_models
from server.messages import models as messages_models
from server.notices import models as notices_models
from server.registration import models as registration_models
from server.scheduler import models as scheduler_models

metadata = Base.metadata

__all__ = [
    "accounts_models",
    "applications_models",
    "auth_models",
    "jobs_models",
    "messages_models",
    "meta_models",
    "metadata",
    "notices_models",
    "ratelimit_models",
    "registration_models",
    "saved_jobs_models",
    "scheduler_models",
]
