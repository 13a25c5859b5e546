"""The one map of the app: the panes of the signed-in app with their keys, and the screen
each place (session/places.py) opens.

Adding a pane or a screen is one entry here. Screen modules are imported when first shown,
not when this module is: start-up only pays for the login screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from session.panes import PaneId, Place
from widgets.menu_pane import MenuEntry

if TYPE_CHECKING:
    from pathlib import Path

    from textual.dom import DOMNode
    from textual.screen import Screen

    from session import places

ScreenFactory = Callable[[], "Screen[Any]"]


@dataclass(frozen=True)
class Pane:
    """A pane of the signed-in app: `key` opens it (Alt+key anywhere, the key alone on the
    focused menu); `root` builds the screen at the bottom of its stack."""

    id: PaneId
    key: str
    label: str
    short: str
    root: ScreenFactory
    counts_unread: bool = False


def _home() -> Screen[Any]:
    from screens.home import HomeScreen

    return HomeScreen()


def load_home() -> None:
    """Import Home's modules now (10-20 ms): the app does it while the user signs in, so the
    switch to Home after the one-time password does not wait for them."""
    import screens.home  # noqa: F401


def home_widget_classes() -> Sequence[type[DOMNode]]:
    """The classes Home's screen is made of (their default CSS is parsed ahead too)."""
    from screens.home import HomeScreen

    return HomeScreen.widget_classes()


def _search() -> Screen[Any]:
    from screens.search import SearchScreen

    return SearchScreen()


def _activity() -> Screen[Any]:
    from screens.activity import ActivityScreen

    return ActivityScreen()


def _messages() -> Screen[Any]:
    from screens.messages import MessagesScreen

    return MessagesScreen()


def _favorites() -> Screen[Any]:
    from screens.favorites import FavoritesScreen

    return FavoritesScreen()


def _profile() -> Screen[Any]:
    from screens.profile import ProfileScreen

    return ProfileScreen()


PANES: tuple[Pane, ...] = (
    Pane(PaneId.home, "1", "menu.home", "menu.short.home", _home),
    Pane(PaneId.search, "2", "menu.search", "menu.short.search", _search),
    Pane(PaneId.activity, "3", "menu.activity", "menu.short.activity", _activity),
    Pane(
        PaneId.messages, "4", "menu.messages", "menu.short.messages", _messages, counts_unread=True
    ),
    Pane(PaneId.favorites, "5", "menu.favorites", "menu.short.favorites", _favorites),
    Pane(PaneId.profile, "6", "menu.profile", "menu.short.profile", _profile),
)
PANE_BY_ID: dict[PaneId, Pane] = {p.id: p for p in PANES}

# What Textual makes of Alt+digit: terminals send ESC and the digit, which Textual reads as
# the character macOS types for Option+digit (¡ ™ £ ¢ ∞ §), while terminals with the kitty
# keyboard protocol (and Pilot) send alt+digit itself. A pane key answers to both.
_ALT_DIGIT_ALIASES = {
    "1": "inverted_exclamation_mark",
    "2": "trade_mark_sign",
    "3": "pound_sign",
    "4": "cent_sign",
    "5": "infinity",
    "6": "section_sign",
}


def pane_keys(pane: Pane) -> str:
    """The binding keys of a pane: Alt+its key, and what terminals turn that into."""
    alias = _ALT_DIGIT_ALIASES.get(pane.key)
    return f"alt+{pane.key}" + (f",{alias}" if alias else "")


# The menu: the panes, then ログアウト (Ctrl+L from anywhere).
LOGOUT = "logout"
MENU: tuple[MenuEntry, ...] = (
    *(MenuEntry(p.id.value, p.key, p.label, p.short, p.counts_unread) for p in PANES),
    MenuEntry(LOGOUT, "^L", "menu.logout", "menu.short.logout"),
)


# ------------------------------------------------------------------ places → screens


def _results(p: places.Results) -> Screen[Any]:
    from screens.results import ResultsScreen

    return ResultsScreen(p.request, p.result)


def _edit_saved(p: places.EditSavedSearch) -> Screen[Any]:
    from screens.search import SearchScreen

    return SearchScreen(saved=p.saved)


def _saved_searches(p: places.SavedSearches) -> Screen[Any]:
    from screens.saved_conditions import SavedConditionsScreen

    return SavedConditionsScreen()


def _saved_search_title(p: places.SavedSearchTitle) -> Screen[Any]:
    from screens.title_prompt import TitleModal

    return TitleModal(p.prompt, p.title)


def _number_search(p: places.NumberSearch) -> Screen[Any]:
    from screens.number_search import NumberSearchScreen

    return NumberSearchScreen()


def _pick_classification(p: places.PickClassification) -> Screen[Any]:
    from screens.classification_picker import ClassificationPicker

    return ClassificationPicker(p.current)


def _page_number(p: places.PageNumber) -> Screen[Any]:
    from screens.page_prompt import PageModal

    return PageModal(p.page, p.pages)


def _job_sheet(p: places.JobSheet) -> Screen[Any]:
    from screens.job_sheet import JobSheetScreen

    return JobSheetScreen(list(p.numbers), p.index)


def _checked(p: places.Checked) -> Screen[Any]:
    from screens.checked import CheckedScreen

    return CheckedScreen()


def _settings(p: places.Settings) -> Screen[Any]:
    from screens.settings import SettingsScreen

    return SettingsScreen()


def _registration(p: places.Registration) -> Screen[Any]:
    from screens.registration import RegistrationScreen

    return RegistrationScreen()


def _registration_done(p: places.RegistrationDone) -> Screen[Any]:
    from screens.registration_done import RegistrationDoneScreen

    return RegistrationDoneScreen(p.seeker_number, p.office_name or "")


def _withdraw(p: places.Withdraw) -> Screen[Any]:
    from screens.withdraw import WithdrawModal

    return WithdrawModal()


def _password_reset(p: places.PasswordReset) -> Screen[Any]:
    from screens.password_reset import ResetRequestScreen

    return ResetRequestScreen(email=p.email)


def _open_account(p: places.OpenAccount) -> Screen[Any]:
    from screens.open_account import OpenAccountScreen

    return OpenAccountScreen(p.mode)


def _reregister(p: places.Reregister) -> Screen[Any]:
    from screens.reregister import ReregisterScreen

    return ReregisterScreen(email=p.email)


def _otp(p: places.Otp) -> Screen[Any]:
    from screens.otp import OtpScreen

    return OtpScreen(p.email, p.login_ticket, p.expires_at)


def _application(p: places.ApplicationDetail) -> Screen[Any]:
    from screens.activity import ApplicationScreen

    return ApplicationScreen(p.application_id)


def _referrals(p: places.Referrals) -> Screen[Any]:
    from screens.referrals import ReferralsScreen

    return ReferralsScreen()


def _requests(p: places.Requests) -> Screen[Any]:
    from screens.requests import RequestsScreen

    return RequestsScreen()


def _apply(p: places.Apply) -> Screen[Any]:
    from screens.apply import ApplyScreen

    return ApplyScreen(p.job_number, p.referral_id)


def _referral_letter(p: places.ReferralLetter) -> Screen[Any]:
    from screens.referral_letter import ReferralLetterScreen

    return ReferralLetterScreen(p.application_id)


def _thread(p: places.Thread) -> Screen[Any]:
    from screens.thread import ThreadScreen

    return ThreadScreen(p.application_id)


def _notice(p: places.NoticeView) -> Screen[Any]:
    from screens.notice import NoticeScreen

    return NoticeScreen(p.notice_id)


def _confirm(p: places.Confirm) -> Screen[Any]:
    from screens.confirm import ConfirmModal

    return ConfirmModal(p.text)


@cache
def _screens() -> dict[type[Place], Callable[[Any], Screen[Any]]]:
    # Made on first use: the places module is not needed to paint the login screen.
    from session import places

    return {
        places.Results: _results,
        places.EditSavedSearch: _edit_saved,
        places.SavedSearches: _saved_searches,
        places.SavedSearchTitle: _saved_search_title,
        places.NumberSearch: _number_search,
        places.PickClassification: _pick_classification,
        places.PageNumber: _page_number,
        places.JobSheet: _job_sheet,
        places.Checked: _checked,
        places.Settings: _settings,
        places.Registration: _registration,
        places.RegistrationDone: _registration_done,
        places.Withdraw: _withdraw,
        places.PasswordReset: _password_reset,
        places.OpenAccount: _open_account,
        places.Reregister: _reregister,
        places.Otp: _otp,
        places.ApplicationDetail: _application,
        places.Referrals: _referrals,
        places.Requests: _requests,
        places.Apply: _apply,
        places.ReferralLetter: _referral_letter,
        places.Thread: _thread,
        places.NoticeView: _notice,
        places.Confirm: _confirm,
    }


def opens_over_root(place: Place) -> bool:
    """Places that open right above the bottom of their stack, closing what was opened over
    it (the OTP step is always over the login screen, whatever the user opened meanwhile)."""
    from session import places

    return isinstance(place, places.Otp)


def mailbox(maildir: Path, addresses: Sequence[str] = ()) -> Screen[Any]:
    from screens.mailbox import MailboxScreen

    return MailboxScreen(maildir, addresses)


def build(place: Place) -> Screen[Any]:
    return _screens()[type(place)](place)
