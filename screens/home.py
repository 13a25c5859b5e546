"""求職者マイページホーム — who is signed in, their office, messages, 求職番号 and its QR code."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import BaseScreen, MessageLine, error_text, explain
from screens.saved_conditions_home import SavedConditionsPanel
from screens.timefmt import format_date, format_jst
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.qr import QRCodeWidget

if TYPE_CHECKING:
    from api_client.models import HomeView

# Menu entries of the seeds' global menu (id, catalogue key).
MENU: tuple[tuple[str, str], ...] = (
    ("search", "menu.search"),
    ("activity", "menu.activity"),
    ("messages", "menu.messages"),
    ("favorites", "menu.favorites"),
    ("checked", "menu.checked"),
    ("profile", "menu.profile"),
)

# The screen each built menu entry opens, as "module:Class" (constructed with no arguments).
# Entries not listed here say they are not available yet.
MENU_SCREENS: dict[str, str] = {
    "search": "screens.search:SearchScreen",
    "favorites": "screens.favorites:FavoritesScreen",
    "checked": "screens.checked:CheckedScreen",
    "profile": "screens.profile:ProfileScreen",
}


class SignedInScreen(BaseScreen):
    """Base of every screen behind the login: logout is always a key away."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "logout", "Log out", id="key.logout")
    ]

    def action_logout(self) -> None:
        self.logout()

    @work(exclusive=True, group="logout")
    async def logout(self) -> None:
        try:
            client = await self.services.get_client()
            await client.logout()
        except Exception as exc:  # the local session is dropped whatever the server says
            explain(exc)
        self.services.back_to_login(t("logout.done"))


class HomeScreen(SignedInScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "reload", "Reload", id="key.refresh"),
        *[Binding(str(i), f"menu('{mid}')", show=False) for i, (mid, _) in enumerate(MENU, 1)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: HomeView | None = None

    def compose(self) -> ComposeResult:
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
                yield Static("", id="menu-title", classes="section", markup=False)
                yield OptionList(id="menu", markup=False)
                yield Static("", id="menu-hint", classes="hint", markup=False)
                yield SavedConditionsPanel(id="saved-conditions")
                yield MessageLine(id="message")
            with Vertical(id="home-side"):
                yield Static("", id="seeker-number-label", classes="section", markup=False)
                yield Static("", id="seeker-number", classes="name", markup=False)
                yield Static("", id="qr-caption", classes="hint", markup=False)
                yield QRCodeWidget("-", id="qr")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#qr", QRCodeWidget).display = False
        self.query_one("#menu", OptionList).focus()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("home.title"))
        self.query_one("#menu-title", Static).update(t("home.menu"))
        self.query_one("#menu-hint", Static).update(t("home.menu_hint"))
        self.query_one("#qr-caption", Static).update(t("home.qr_caption"))
        self.query_one("#seeker-number-label", Static).update(t("field.seeker_number"))
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options([Option(f"{i}. {t(key)}", id=mid) for i, (mid, key) in enumerate(MENU, 1)])
        menu.highlighted = highlighted if highlighted is not None else 0
        self.query_one(SavedConditionsPanel).relabel()
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
        publication = t(f"home.publication.{view.publication_status}")
        self.query_one("#publication", Static).update(t("home.publication", status=publication))
        registration = t(f"home.registration.{view.registration_status}")
        if view.registration_valid_until is not None:
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
        # Saved conditions may have changed on the search screens.
        self.query_one(SavedConditionsPanel).reload()

    def action_reload(self) -> None:
        self.load()
        self.query_one(SavedConditionsPanel).reload()

    @work(exclusive=True, group="home")
    async def load(self) -> None:
        message = self.query_one("#message", MessageLine)
        message.show(lambda: t("home.loading"), busy=True)
        try:
            client = await self.services.get_client()
            self.view = await client.home()
        except Exception as exc:
            info = explain(exc)
            if info.session_lost:
                message.show(None)
                self.services.session_lost(retry=self.load)
                return
            reason = error_text(exc)
            message.show(lambda: t("home.load_failed", reason=reason()), error=True)
            return
        message.show(None)
        self._show_view()

    def action_menu(self, menu_id: str) -> None:
        key = dict(MENU).get(menu_id)
        if key is None:
            return
        target = MENU_SCREENS.get(menu_id)
        if target is not None:
            module_name, _, class_name = target.partition(":")
            # Imported on first use: start-up only pays for the screens it shows.
            screen_cls = getattr(importlib.import_module(module_name), class_name)
            self.app.push_screen(screen_cls())
            return
        self.query_one("#message", MessageLine).show(lambda: t("menu.not_ready", name=t(key)))
        self.app.notify(t("menu.not_ready", name=t(key)))

    @on(OptionList.OptionSelected, "#menu")
    def _menu_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_menu(event.option.id)
