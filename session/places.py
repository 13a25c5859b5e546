"""The places a screen can ask the app to open, as typed values.

Screens never import one another to navigate: they hand one of these to
`Services.open(...)`, and tui/navigation.py, the one map of panes and screens, builds the
screen. A place names no module and no class, so a screen knows what it wants to show,
not how it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from datetime import datetime

    from api_client.job_models import JobSearchRequest, JobSearchResult, SavedSearch


class PaneId(StrEnum):
    """The panes of the signed-in app, in the order of the seeds' global menu."""

    home = "home"
    search = "search"
    activity = "activity"
    messages = "messages"
    favorites = "favorites"
    profile = "profile"


class Place:
    """Base of every place. `pane` is where it opens; None: the pane of the screen asking."""

    pane: PaneId | None = None


# ------------------------------------------------------------------ signed in


@dataclass(frozen=True)
class Results(Place):
    """Search results; `result` when the search already ran (the form ran it)."""

    request: JobSearchRequest
    result: JobSearchResult | None = None
    pane = PaneId.search


@dataclass(frozen=True)
class EditSavedSearch(Place):
    saved: SavedSearch
    pane = PaneId.search


@dataclass(frozen=True)
class SavedSearches(Place):
    pane = PaneId.search


@dataclass(frozen=True)
class SavedSearchTitle(Place):
    """The dialog asking for a saved search condition's title (`prompt`: a catalogue key);
    it answers the title, or None when cancelled."""

    prompt: str
    title: str = ""


@dataclass(frozen=True)
class JobSheet(Place):
    numbers: tuple[str, ...]
    index: int = 0


@dataclass(frozen=True)
class Checked(Place):
    pass


@dataclass(frozen=True)
class Settings(Place):
    pane = PaneId.profile


@dataclass(frozen=True)
class Registration(Place):
    pass


@dataclass(frozen=True)
class RegistrationDone(Place):
    seeker_number: str
    office_name: str | None


@dataclass(frozen=True)
class Withdraw(Place):
    pass


# ------------------------------------------------------------------ before signing in


@dataclass(frozen=True)
class Mailbox(Place):
    """The built-in server's outbox, showing only the mail to these addresses."""

    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class PasswordReset(Place):
    email: str = ""


@dataclass(frozen=True)
class OpenAccount(Place):
    mode: Literal["code", "online"]


@dataclass(frozen=True)
class Reregister(Place):
    email: str = ""


@dataclass(frozen=True)
class Otp(Place):
    """The one-time password step of signing in (opened over the login screen)."""

    email: str
    login_ticket: str
    expires_at: datetime | None
