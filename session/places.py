"""The places a screen can ask the app to open, as typed values (`PaneId` and the base
`Place` live in session/panes.py and are re-exported here).

Screens never import one another to navigate: they hand one of these to
`Services.open(...)`, and tui/navigation.py, the one map of panes and screens, builds the
screen. A place names no module and no class, so a screen knows what it wants to show,
not how it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from session.panes import PaneId as PaneId  # re-exported: places.PaneId
from session.panes import Place as Place

if TYPE_CHECKING:
    from datetime import datetime

    from api_client.job_models import JobSearchRequest, JobSearchResult, SavedSearch


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
class NumberSearch(Place):
    """番号検索: up to 5 求人番号, apart from the condition search (as on the real site)."""

    pane = PaneId.search


@dataclass(frozen=True)
class PickClassification(Place):
    """The 職業分類 picker (type-ahead over names and example titles, or browse 大→細);
    it answers (code, name), or None when cancelled."""

    current: str = ""


@dataclass(frozen=True)
class PageNumber(Place):
    """The dialog asking which page of the results to show; it answers the page (1…pages),
    or None when cancelled."""

    page: int
    pages: int


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


# ------------------------------------------------------------------ applying and messages


@dataclass(frozen=True)
class ApplicationDetail(Place):
    """One application of 求職活動状況 (method, dates, state, 志望動機)."""

    application_id: int
    pane = PaneId.activity


@dataclass(frozen=True)
class Referrals(Place):
    """オンラインハローワーク紹介: the postings Hello Work sent to this seeker."""

    pane = PaneId.activity


@dataclass(frozen=True)
class Requests(Place):
    """リクエスト求人: postings employers asked this seeker to look at (while 公開中)."""

    pane = PaneId.activity


@dataclass(frozen=True)
class Apply(Place):
    """Apply with a 志望動機: オンライン自主応募 to `job_number`, or to referral
    `referral_id` (オンラインハローワーク紹介). Opens in the pane of the screen asking."""

    job_number: str
    referral_id: int | None = None


@dataclass(frozen=True)
class ReferralLetter(Place):
    """The 紹介状 of a referral application."""

    application_id: int


@dataclass(frozen=True)
class Thread(Place):
    """The messages with the employer of one application, and the reply being written."""

    application_id: int
    pane = PaneId.messages


@dataclass(frozen=True)
class NoticeView(Place):
    """A notice from Hello Work."""

    notice_id: int
    pane = PaneId.messages


@dataclass(frozen=True)
class Confirm(Place):
    """A yes/no question with its consequences; the callback gets True or False."""

    text: str


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
