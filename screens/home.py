"""求職者マイページホーム (SPEC §2 Home) — who is signed in, their office, last login,
新着メッセージ, 求職公開状況, the applications in selection, リクエスト求人, オンライン
ハローワーク紹介, saved search conditions, 求職番号 and its QR code."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.timer import Timer
from textual.widgets import OptionList, Static

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from session.errors import error_text, session_lost
from strings.dates import format_date, format_jst
from strings.i18n import t
from strings.marks import ERROR, marked
from widgets.home_activity import HomeActivityPanel
from widgets.key_bar import KeyBar
from widgets.menu_pane import MenuPane
from widgets.message_line import MessageLine
from widgets.qr import QRCodeWidget
from widgets.saved_searches import SavedSearchesPanel

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from api_client.application_models import HomeActivity
    from api_client.client import MyPageClient
    from api_client.job_models import SavedSearchList
    from api_client.models import HomeView

R = TypeVar("R")


def _answered(future: asyncio.Future[Any]) -> bool:
    """An answer asked ahead that is in, and is not an error (those go through `call`)."""
    return future.done() and not future.cancelled() and future.exception() is None


class HomeScreen(SignedInScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]
    # How long (s) Home's first frame waits at most, once Home is mounted, for the answers
    # asked ahead: see `_hold_first_frame`.
    FIRST_FRAME_WAIT: ClassVar[float] = 0.15

    def __init__(self) -> None:
        super().__init__()
        self.view: HomeView | None = None
        # Home's three requests go out as the screen is made, not once it is mounted: the
        # server answers them while the client builds and styles Home (which is most of
        # the time from sign-in to Home). The first load of each takes its answer.
        self._ahead: dict[str, asyncio.Future[Any]] = {}
        # Set once the first load of each section has ended, shown or failed (the app
        # holds garbage collection until then: tui/app.py).
        self.first_answers_shown = asyncio.Event()
        self._unsettled = {"home", "saved", "activity"}
        self._frame_hold: Timer | None = None
        self._first_layout_pending = True
        self._held_layout_size: Size | None = None
        self._ask_ahead("home", lambda c: c.home())
        self._ask_ahead("saved", lambda c: c.saved_searches())
        self._ask_ahead("activity", lambda c: c.home_activity())

    @classmethod
    def widget_classes(cls) -> tuple[type[DOMNode], ...]:
        """Every class of Home's tree (the screen, the menu and key line of a signed-in
        screen, the content of `compose_content`): the app parses their default CSS while
        the user signs in (tui/app.py `_prepare_signed_in`)."""
        return (
            cls,
            MenuPane,
            KeyBar,
            Horizontal,
            Vertical,
            VerticalScroll,
            Static,
            HomeActivityPanel,
            OptionList,
            SavedSearchesPanel,
            MessageLine,
            QRCodeWidget,
        )

    def _ask_ahead(self, key: str, request: Callable[[MyPageClient], Awaitable[Any]]) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # made outside the app (nothing to ask yet): the first load asks

        async def ask() -> Any:
            return await request(await self.services.get_client())

        future = asyncio.ensure_future(ask())
        # An answer nobody takes (Home closed before mounting) must not log its error.
        future.add_done_callback(lambda f: f.cancelled() or f.exception())
        self._ahead[key] = future

    def _answer(
        self, key: str, request: Callable[[MyPageClient], Awaitable[R]]
    ) -> Callable[[MyPageClient], Awaitable[R]]:
        """The request for `call`: the answer asked ahead (taken once), or a new request."""
        ahead = self._ahead.pop(key, None)
        return request if ahead is None else lambda _: ahead

    def on_unmount(self) -> None:
        self._release_first_frame()
        for future in self._ahead.values():
            future.cancel()
        self._ahead.clear()

    def compose_content(self) -> ComposeResult:
        with Horizontal(classes="home"):
            with VerticalScroll(id="home-main"):
                yield Static("", id="title", classes="title", markup=False)
                yield Static("", id="name", classes="name", markup=False)
                yield Static("", id="office", markup=False)
                yield Static("", id="last-login", markup=False)
                yield Static("", id="unread", markup=False)
                yield Static("", id="publication", markup=False)
                yield Static("", id="registration", markup=False)
                yield Static("", id="otp-skip", markup=False)
                yield Static("", id="menu-hint", classes="hint", markup=False)
                yield HomeActivityPanel(id="activity")
                yield SavedSearchesPanel(id="saved-conditions")
                yield MessageLine(id="message")
            with Vertical(id="home-side"):
                yield Static("", id="seeker-number-label", classes="section", markup=False)
                yield Static("", id="seeker-number", classes="name", markup=False)
                yield Static("", id="qr-caption", classes="hint", markup=False)
                yield QRCodeWidget(id="qr")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#qr", QRCodeWidget).display = False
        self.menu.focus()  # the entry keys work at once, as on the seeds' home page
        if self._ahead and all(_answered(future) for future in self._ahead.values()):
            # Every answer asked ahead is in already: Home's first frame shows them (one
            # layout and render of the whole screen instead of two).
            self._show_home(self._ahead.pop("home").result())
            self._show_saved(self._ahead.pop("saved").result())
            self._show_activity(self._ahead.pop("activity").result())
            for key in ("home", "saved", "activity"):
                self._settled(key)
            return
        if self._ahead:
            self._hold_first_frame()
        self.call_after_refresh(self.action_reload)

    def _hold_first_frame(self) -> None:
        """No frame (no layout, no render) until the answers asked ahead are shown, or
        FIRST_FRAME_WAIT has passed: Home is then laid out and rendered once, with its
        sections, instead of empty first and again filled. The empty frame cost 40-60 ms of
        CPU at load, and the answers waited for the event loop meanwhile; the terminal
        shows the OTP screen a moment longer instead of a Home with empty sections. A slow
        answer fills its section after the first frame, as the answers of a reload do."""
        self.app._begin_batch()  # the App's batch: every screen update waits for its end
        self._frame_hold = self.set_timer(self.FIRST_FRAME_WAIT, self._release_first_frame)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """Home's first layout waits for the end of the batch its first frame waits for
        (its own hold, or the one Textual takes while it switches to Home's pane): Textual
        lays a screen out as it is shown (its resume) and again on the Resize that follows
        (which also turns the menu into a line below 100 columns), 10-40 ms each at load,
        and then once more with the answers in. So Home is laid out once, with its answers,
        at the size the last layout asked for, and painted as the batch ends
        (tui/batch_frames.py)."""
        if self._first_layout_pending and self.app._batch_count:
            self._held_layout_size = size or self._held_layout_size
            self._layout_required = True
            self.frame_held = True
            return
        first, self._first_layout_pending = self._first_layout_pending, False
        held, self._held_layout_size = self._held_layout_size, None
        super()._refresh_layout(size or held, scroll)
        if first and not self.app._batch_count:
            # Home's first layout gave it its size, which asks for a repaint of the whole
            # screen: the layout has just painted the whole screen (a second frame of it
            # would be 5-15 KB more for the terminal to read).
            self._repaint_required = False

    def _release_first_frame(self) -> None:
        hold, self._frame_hold = self._frame_hold, None
        if hold is None:
            return
        hold.stop()
        self.app._end_batch()
        # The held frame: laid out and painted once the messages already queued for the
        # screen are handled, not on the next tick of Textual's update timer (up to 1/60 s).
        self.call_next(self._update_now)

    def _update_now(self) -> None:
        if self.is_current and not self.app._batch_count:
            self._on_timer_update()
        else:
            self.check_idle()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("home.title"))
        self.query_one("#menu-hint", Static).update(t("home.menu_hint"))
        self.query_one("#qr-caption", Static).update(t("home.qr_caption"))
        self.query_one("#seeker-number-label", Static).update(t("field.seeker_number"))
        self.query_one(SavedSearchesPanel).relabel()
        self.query_one(HomeActivityPanel).relabel()
        self._show_view()

    def _show_view(self) -> None:
        view = self.view
        if view is None:
            return
        self.query_one("#name", Static).update(t("home.name", name=view.name))
        office = view.office_name or t("home.office_none")
        self.query_one("#office", Static).update(t("home.office", office=office))
        last = format_jst(view.last_login_at) if view.last_login_at else t("home.last_login_none")
        self.query_one("#last-login", Static).update(t("home.last_login", time=last))
        self.query_one("#unread", Static).update(t("home.unread", count=view.unread_messages))
        self.services.user.set_unread(view.unread_messages)
        publication = t(f"home.publication.{view.publication_status}")
        self.query_one("#publication", Static).update(t("home.publication", status=publication))
        registration = t(f"home.registration.{view.registration_status}")
        if view.registration_status == "invalid":
            # The old end date means nothing while invalid: switching back sets a new one.
            registration += t("home.invalid_hint")
        elif view.registration_valid_until is not None:
            registration += t("home.valid_until", date=format_date(view.registration_valid_until))
        self.query_one("#registration", Static).update(t("home.registration", status=registration))
        skip = t("home.otp_skip.yes" if view.otp_skip_devices else "home.otp_skip.no")
        self.query_one("#otp-skip", Static).update(t("home.otp_skip", state=skip))
        number_line = self.query_one("#seeker-number", Static)
        qr = self.query_one("#qr", QRCodeWidget)
        if view.seeker_number:
            number_line.update(view.seeker_number)
            if qr.data != view.seeker_number:
                qr.set_data(view.seeker_number)
            qr.display = True
        else:
            number_line.update(t("home.seeker_number_none"))
            qr.display = False
        self.query_one("#qr-caption", Static).display = bool(view.seeker_number)

    def on_screen_resume(self) -> None:
        # Back from another pane: saved conditions, messages or the registration may have
        # changed there (the first showing comes with the mount, which loads anyway).
        if self.came_back():
            self.load()
            self.load_saved()
            self.load_activity()

    def action_reload(self) -> None:
        self.load()
        self.load_saved()
        self.load_activity()

    def _settled(self, key: str) -> None:
        self._unsettled.discard(key)
        if not self._unsettled:
            self.first_answers_shown.set()
            self._release_first_frame()

    @work(exclusive=True, group="home")
    async def load(self) -> None:
        try:
            view = await self.call(
                self._answer("home", lambda c: c.home()),
                busy=lambda: t("home.loading"),
                failed="home.load_failed",
                retry=self.load,
                latest="home",
            )
            if view is not NO_ANSWER:
                self._show_home(view)
        finally:
            self._settled("home")

    def _show_home(self, view: HomeView) -> None:
        self.view = view
        self._show_view()

    @work(exclusive=True, group="home-saved")
    async def load_saved(self) -> None:
        try:
            await self._load_saved()
        finally:
            self._settled("saved")

    async def _load_saved(self) -> None:
        panel = self.query_one(SavedSearchesPanel)
        failed: list[BaseException] = []
        found = await self.call(
            self._answer("saved", lambda c: c.saved_searches()),
            quiet=True,  # the section says it itself; a lost session is Home's own load's
            on={Exception: failed.append},
            latest="saved",
        )
        if found is not NO_ANSWER:
            self._show_saved(found)
        elif failed and not session_lost(failed[0]):
            reason = error_text(failed[0])
            panel.show([], marked(ERROR, t("saved.failed", reason=reason())))

    @work(exclusive=True, group="home-activity")
    async def load_activity(self) -> None:
        try:
            await self._load_activity()
        finally:
            self._settled("activity")

    async def _load_activity(self) -> None:
        panel = self.query_one(HomeActivityPanel)
        failed: list[BaseException] = []
        found = await self.call(
            self._answer("activity", lambda c: c.home_activity()),
            quiet=True,  # the section says it itself; a lost session is Home's own load's
            on={Exception: failed.append},
            latest="activity",
        )
        if found is not NO_ANSWER:
            self._show_activity(found)
        elif failed and not session_lost(failed[0]):
            reason = error_text(failed[0])
            panel.show(None, marked(ERROR, t("home.activity_failed", reason=reason())))

    def _show_saved(self, found: SavedSearchList) -> None:
        self.query_one(SavedSearchesPanel).show(found.items)

    def _show_activity(self, found: HomeActivity) -> None:
        self.query_one(HomeActivityPanel).show(found)
        self.services.user.set_unread(found.unread_messages)

    @on(HomeActivityPanel.Chosen)
    def _activity_chosen(self, event: HomeActivityPanel.Chosen) -> None:
        from session.places import PaneId

        kind, ident = event.kind, event.ident
        if kind == "messages":
            self.services.show_pane(PaneId.messages)
        elif kind == "applications":
            self.services.show_pane(PaneId.activity)
        elif kind == "application":
            self.services.open(places.ApplicationDetail(int(ident)), self)
        elif kind == "requests":
            self.services.open(places.Requests(), self)
        elif kind == "request":
            self.services.open(places.JobSheet((ident,)), self)
        elif kind == "referrals":
            self.services.open(places.Referrals(), self)
        elif kind == "referral":
            referral_id, _, job_number = ident.partition("|")
            self.services.open(places.Apply(job_number, int(referral_id)), self)

    @on(SavedSearchesPanel.Run)
    def _run_saved(self, event: SavedSearchesPanel.Run) -> None:
        """Search with saved conditions: the results open in the search pane."""
        request = event.saved.conditions.model_copy(update={"page": 1})
        self.services.open(places.Results(request), self)

    @on(SavedSearchesPanel.Manage)
    def _manage_saved(self) -> None:
        self.services.open(places.SavedSearches(), self)
