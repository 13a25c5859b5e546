"""`HelloWorkApp`: the Textual application.

Start-up order matters: the login screen paints first; the API client (httpx + pydantic,
~0.4 s of imports) and, in embedded mode, the server child process are prepared afterwards in
a worker. Anything that needs the server awaits `get_client()`, which waits for that
preparation instead of failing.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, work
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from screens.base import BaseScreen, Localised
from screens.login import LoginScreen
from session.errors import ServiceUnavailable
from session.panes import PaneId, Place
from session.user import UserState
from strings.i18n import Lang, all_strings, get_language, set_language, t
from tui import navigation
from tui.batch_frames import PaintAfterBatch
from tui.idle_gc import IdleCollector
from tui.idle_signout import IdleSignOut
from tui.mode_switch import WholeFrameModeSwitch
from tui.navigator import LOGIN_MODE, Navigator, ScreenCallback
from tui.paths import Paths, resolve_paths
from tui.settings import UserSettings, load_settings, save_settings
from tui.themes import wants_high_contrast
from widgets.localise import LocalisedModal, localise_bindings
from widgets.menu_pane import MenuEntry
from widgets.toast_text import fit_toast

if TYPE_CHECKING:
    from textual.filter import LineFilter
    from textual.notifications import SeverityLevel
    from textual.widget import Widget

    from api_client.client import MyPageClient
    from api_client.device_store import DeviceTokenStore
    from api_client.models import ServerMeta
    from screens.idle_warning import IdleWarningScreen
    from session import places
    from session.drafts import DraftStore
    from tui.embedded import EmbeddedServer

# Seconds between mount and the start of background start-up work (see on_mount).
FIRST_FRAME_GRACE = 0.3

log = logging.getLogger("hellowork.tui")

ClientFactory = Callable[[], "MyPageClient"]


def _login_screen() -> LoginScreen:
    """The login mode's screen, marked as styled with the stylesheet as it is when no theme
    change is pending (the stylesheet still has the variables it was made with): else
    Textual re-parses every rule of the stylesheet while opening the mode (App._init_mode),
    a second parse of the whole stylesheet (7-13 ms at load) before the first frame. The
    screen is styled as it mounts. A theme set in __init__ (kiosk, 16 colours) keeps the
    re-parse, so the first frame has its colours."""
    screen = LoginScreen()
    app = screen.app
    if app._css_update_count == 0:
        screen._css_update_count = app._css_update_count
    return screen


class HelloWorkApp(WholeFrameModeSwitch[int], PaintAfterBatch[int]):
    CSS_PATH = "hellowork.tcss"
    ENABLE_COMMAND_PALETTE = False  # English-only, and a way around kiosk restrictions
    # The login flow is a mode of its own; each pane of the signed-in app adds one at
    # sign-in (tui/navigator.py).
    DEFAULT_MODE = LOGIN_MODE
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {LOGIN_MODE: _login_screen}
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so it works over a dialog or picker too (the App's other
        # bindings do not reach past a modal screen), which then changes language with it.
        Binding("ctrl+t", "toggle_language", "English", id="key.language", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="key.quit", priority=True),
        # Focus moves as priority bindings: otherwise keys typed right after Tab (fast
        # typists, pastes, kiosk scanners) are already queued to the field being left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
        # The signed-in app: Ctrl+L logs out from anywhere, Alt+digit shows a pane (the menu
        # pane shows these keys; the key line would only be crowded by them).
        Binding("ctrl+l", "logout", "Log out", id="key.logout", priority=True),
        Binding("f1", "help", "Help", id="key.help", show=False),
        # Ctrl+G: every terminal delivers it (Alt+… did not arrive through tmux).
        Binding("ctrl+g", "jump", "Jump", id="key.jump", priority=True),
        *[
            Binding(
                navigation.pane_keys(pane),
                f"show_pane('{pane.id.value}')",
                show=False,
                priority=True,
                key_display=f"Alt+{pane.key}",
                id=f"key.pane.{pane.id.value}",
            )
            for pane in navigation.PANES
        ],
    ]

    def __init__(
        self,
        *,
        server_url: str | None = None,
        lang: Lang | None = None,
        kiosk: bool = False,
        client_factory: ClientFactory | None = None,
        device_store: DeviceTokenStore | None = None,
        mailbox_dir: Path | None = None,
        paths: Paths | None = None,
        idle_timeout: float | None = None,
        clock: Callable[[], float] | None = None,
        keymap: Mapping[str, str] | None = None,
        plain: bool = False,
        colours: str | None = None,
    ) -> None:
        """Production: `server_url` None starts the built-in server. Tests pass
        `client_factory` (a client over the in-process server app), `device_store` (over an
        in-memory keyring) and `mailbox_dir` (the server's Maildir), plus `paths` in a temp dir.
        `idle_timeout`: seconds without input before signing out (None: never; the CLI gives
        kiosk mode its default, tui/idle_signout.py), counted on `clock` (tests move it).
        `keymap`: binding id → keys, from keys.toml (tui/keymap.py, checked by the CLI).
        `plain`: the terminal's cursor shown on the focused control, no decoration
        (tui/plain.py). `colours`: the terminal's colour system as Rich names it (the CLI
        passes what it detected on the real terminal).
        """
        super().__init__()
        self.paths = paths or resolve_paths()
        self.settings: UserSettings = load_settings(self.paths.settings_file)
        set_language(lang or self.settings.language)
        self._kiosk = kiosk
        self._server_url = server_url
        self._client_factory = client_factory
        self._device_store = device_store
        self._embedded_mode = client_factory is None and server_url is None
        self._mailbox_dir = mailbox_dir
        if mailbox_dir is None and self._embedded_mode:
            self._mailbox_dir = self.paths.maildir
        self._embedded: EmbeddedServer | None = None
        self._client: MyPageClient | None = None
        self._client_error: BaseException | None = None
        self._client_event = asyncio.Event()
        self._meta: ServerMeta | None = None
        self._user: UserState | None = None
        self._logging_out: asyncio.Task[None] | None = None
        self.navigator = Navigator(self)
        self._availability: tuple[bool, str | None] | None = None
        self._drafts: DraftStore | None = None
        self.idle_gc = IdleCollector(self)
        self._idle_screen: IdleWarningScreen | None = None
        self.idle = IdleSignOut(
            self,
            idle_timeout,
            active=self._has_someone_to_forget,
            warn=self._idle_warn,
            keep=self._idle_keep,
            expire=self._idle_expire,
            **({"clock": clock} if clock is not None else {}),
        )
        self.title = t("app.title")
        localise_bindings(self, refresh=False)
        if keymap:
            self.set_keymap(dict(keymap))
        self.plain = plain
        self._plain_characters: LineFilter | None = None
        if plain:
            from tui.plain import PlainCharacters

            self._plain_characters = PlainCharacters()
            self.add_class("-plain")
        # A shared terminal is read by anyone; a 16-colour one (TERM=linux) draws the default
        # theme's bars black on black: both get the high-contrast theme (tui/themes.py).
        if kiosk or wants_high_contrast(colours):
            from tui.themes import HIGH_CONTRAST

            self.register_theme(HIGH_CONTRAST)
            self.theme = HIGH_CONTRAST.name

    # ------------------------------------------------------------------ Services

    @property
    def kiosk(self) -> bool:
        return self._kiosk

    @property
    def mailbox_dir(self) -> Path | None:
        """The built-in server's outbox, when this app owns it; never in kiosk mode, where it
        would show one user's OTPs and keys to the next."""
        return None if self._kiosk else self._mailbox_dir

    @property
    def device_store(self) -> DeviceTokenStore:
        if self._device_store is None:
            from api_client.device_store import DeviceTokenStore

            self._device_store = DeviceTokenStore(enabled=not self._kiosk)
        return self._device_store

    @property
    def signed_in_email(self) -> str | None:
        return self._user.email if self._user is not None else None

    @property
    def user(self) -> UserState:
        """The signed-in user's state. After sign-out a late caller gets a blank one that
        nothing shows: what it writes there goes nowhere."""
        return self._user if self._user is not None else UserState("")

    @property
    def drafts(self) -> DraftStore:
        """Local drafts (session/drafts.py); kiosk mode keeps them in memory only."""
        if self._drafts is None:
            from session.drafts import DraftStore

            self._drafts = DraftStore(self.paths.data_dir / "drafts", memory_only=self._kiosk)
        return self._drafts

    @property
    def client_ready(self) -> bool:
        return self._client is not None

    async def get_client(self) -> MyPageClient:
        if self._logging_out is not None:
            # A new sign-in waits until the server has heard about the last sign-out.
            await asyncio.wait([self._logging_out])
        if self._client_event.is_set() and self._client is None:
            # The last attempt failed (e.g. the built-in server did not start): try again.
            self._client_event.clear()
            self._client_error = None
            if self._embedded is not None:
                await asyncio.to_thread(self._embedded.stop)
                self._embedded = None
            self._connect()
        await self._client_event.wait()
        if self._client is None:
            reason = str(self._client_error) if self._client_error else "?"
            raise ServiceUnavailable(t("server.failed", reason=reason))
        return self._client

    async def device_availability(self) -> tuple[bool, str | None]:
        """Whether the OTP-skip token can be kept (asked once, in a thread: keyring backends
        may block on D-Bus or a locked wallet)."""
        if self._availability is None:
            self._availability = await asyncio.to_thread(self.device_store.availability)
        return self._availability

    async def get_meta(self) -> ServerMeta:
        if self._meta is None:
            client = await self.get_client()
            self._meta = await client.meta()
        return self._meta

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        if self.plain and self._driver is not None:
            from tui.plain import SHOW_CURSOR

            self._driver.write(SHOW_CURSOR)  # Textual hides it; readers follow it
        self.idle_gc.start()
        self.idle.start()
        # Heavy background work (importing httpx/pydantic, probing the keyring) holds the GIL
        # and starves Textual's output thread, so it starts only once the first frame has
        # had time to reach the terminal; nobody can type credentials faster than that.
        if self._client_factory is not None:  # an injected client: nothing heavy to import
            self.call_after_refresh(self._connect)
        else:
            self.set_timer(FIRST_FRAME_GRACE, self._connect)
        self.set_timer(FIRST_FRAME_GRACE, self._warm_keyring)

    @work(group="keyring", exit_on_error=False)
    async def _warm_keyring(self) -> None:
        await self.device_availability()

    @work(group="connect", exit_on_error=False)
    async def _connect(self, session_token: str | None = None) -> None:
        """Prepare the client (and start the built-in server); `session_token`: carry a
        session over to the new client (the built-in server restarted, the session is in
        its database)."""
        try:
            factory = self._client_factory
            if factory is None:
                embedded = None
                if self._server_url is None:
                    from tui.embedded import EmbeddedServer

                    # Spawn first: the child boots while we import the client.
                    server = EmbeddedServer(self.paths)
                    server.on_exit = lambda: self._server_exited(server)
                    self._embedded = embedded = server
                    await asyncio.to_thread(embedded.start)
                module = await asyncio.to_thread(importlib.import_module, "api_client.client")
                client_cls = module.MyPageClient
                if embedded is None:
                    url = self._server_url

                    def factory() -> MyPageClient:
                        return client_cls(url)  # type: ignore[no-any-return]
                else:
                    await embedded.wait_ready()
                    endpoint = embedded.endpoint

                    def factory() -> MyPageClient:
                        return client_cls(endpoint.base_url, uds=endpoint.uds)  # type: ignore[no-any-return]

            client = factory()
            client.session_token = session_token
            self._client = client
        except Exception as exc:
            log.exception("could not prepare the client")
            self._client_error = exc
        finally:
            self._client_event.set()
        if self._client is not None and session_token is None:
            self._prepare_signed_in()

    @work(group="prepare", exit_on_error=False)
    async def _prepare_signed_in(self) -> None:
        """Load what the first signed-in screens need but the login screen does not, while
        the user types (else Home waited 20-50 ms for it after the one-time password):
        qrcode and Home's modules in a thread, the per-domain string catalogues here (they
        are merged into the one the event loop reads)."""
        from widgets.qr import load_library

        await asyncio.to_thread(load_library)
        await asyncio.to_thread(navigation.load_home)
        all_strings()
        self._parse_default_css(navigation.home_widget_classes())

    def _parse_default_css(self, classes: Iterable[type[DOMNode]]) -> None:
        """Add the default CSS of `classes` to the stylesheet and parse it, as Textual does
        when it mounts the first widget of a class (Widget._post_register; the same sources,
        so that finds them there): Home's first frame waited for six new ones (5-15 ms at
        load)."""
        stylesheet = self.stylesheet
        for cls in classes:
            bases = cast("DOMNode", SimpleNamespace(_node_bases=cls._css_bases(cls)))
            for read_from, css, tie_breaker, scope in DOMNode._get_default_css(bases):
                stylesheet.add_source(
                    css,
                    read_from=read_from,
                    is_default_css=True,
                    tie_breaker=tie_breaker,
                    scope=scope,
                )
        stylesheet.parse()

    def _server_exited(self, embedded: EmbeddedServer) -> None:
        """The built-in server died (reader thread): restart it on the event loop."""
        with contextlib.suppress(RuntimeError):  # the app is closing: nothing to restart
            self.call_from_thread(self._restart_server, embedded)

    def _restart_server(self, embedded: EmbeddedServer) -> None:
        if embedded is not self._embedded or not self.is_running:
            return
        self.run_worker(self._restart(embedded), group="restart", exclusive=True)

    async def _restart(self, embedded: EmbeddedServer) -> None:
        """Start a new built-in server, keeping the session (it lives in the database);
        calls made meanwhile wait for it in get_client."""
        log.warning("the built-in server exited; restarting it")
        self.notify(t("server.restarting"), severity="warning")
        old, self._client = self._client, None
        self._client_event.clear()
        self._client_error = None
        self._embedded = None
        await asyncio.to_thread(embedded.stop)  # reap the child, remove its socket
        token = old.session_token if old is not None else None
        if old is not None:
            with contextlib.suppress(Exception):
                await old.aclose()
        self._connect(token)
        await self._client_event.wait()
        if self.client_ready:
            self.notify(t("server.restarted"))
        else:
            reason = str(self._client_error) if self._client_error else "?"
            self.notify(t("server.failed", reason=reason), severity="error")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.idle_gc.saw_input()
            if self.idle.saw_input() and isinstance(event, events.Key):
                return  # the key answered the idle warning: it does nothing else
        await super().on_event(event)

    async def on_unmount(self) -> None:
        self.idle_gc.stop()
        self.idle.stop()
        if self._drafts is not None:
            with contextlib.suppress(OSError):
                self._drafts.flush()
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):  # best effort on the way out
                await client.logout()
            await client.aclose()
        if self._embedded is not None:
            await asyncio.to_thread(self._embedded.stop)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Plain mode: decorative symbols are written as ASCII or left out (tui/plain.py)."""
        filters = super().get_line_filters()
        return [*filters, self._plain_characters] if self._plain_characters else filters

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        """Plain mode: before a frame is written, the cursor goes to the focused control
        (Textual writes it at `cursor_position` after every frame)."""
        if self.plain:
            focused = self.focused
            if focused is not None:
                from tui.plain import cursor_cell

                self.cursor_position = cursor_cell(focused)
        super()._display(screen, renderable)

    # ------------------------------------------------------------------ navigation

    def go_home(self, email: str, then: Place | None = None) -> None:
        """Signed in: a fresh state and fresh panes, Home shown (`then` over it, e.g. the
        registration wizard)."""
        self._user = UserState(email)
        # Started from the app's own message loop, not from the caller: a task copies the
        # context it is created in, and the caller is the sign-in worker, whose arguments
        # (the password) every task and timer of the session would otherwise keep alive.
        self.call_later(self._start_session, then)

    def _start_session(self, then: Place | None) -> None:
        if self._user is None:
            return  # signed out before the session began
        screen = navigation.build(then) if then is not None else None
        self.idle_gc.hold()  # while Home is built (tui/idle_gc.py)
        self.run_worker(self._sign_in(screen), group="nav", exclusive=True)

    async def _sign_in(self, then: Screen[Any] | None) -> None:
        try:
            await self.navigator.sign_in(then)
            # Home shown: its first answers too, before the collections held meanwhile run.
            shown = getattr(self.screen, "first_answers_shown", None)
            if isinstance(shown, asyncio.Event):
                await shown.wait()
        finally:
            self.call_after_refresh(self.idle_gc.release)  # after that frame

    def open(
        self,
        place: Place,
        origin: Screen[object] | None = None,
        callback: ScreenCallback | None = None,
    ) -> None:
        from session import places

        if isinstance(place, places.Mailbox):
            self._open_mailbox(place, origin)
            return
        self.navigator.open(place, origin, callback)

    def push(
        self,
        origin: Screen[object],
        screen: Screen[object],
        callback: ScreenCallback | None = None,
    ) -> None:
        self.navigator.push(origin, screen, callback)

    def back(self, origin: Screen[object], result: object = None) -> None:
        self.navigator.back(origin, result)

    def when_shown(self, origin: Screen[object], work: Callable[[], object]) -> None:
        self.navigator.when_shown(origin, work)

    def show_pane(self, pane: PaneId) -> None:
        self.navigator.show_pane(pane)

    def changes_on_resume(self, screen: Screen[Any]) -> bool:
        return isinstance(screen, BaseScreen) and screen.texts_outdated()

    @property
    def menu_entries(self) -> Sequence[MenuEntry]:
        return navigation.MENU

    def back_to_login(
        self, message: str | None = None, *, error: bool = False, email: str | None = None
    ) -> None:
        self.run_worker(self._back_to_login(message, error, email), group="nav", exclusive=True)

    async def _back_to_login(self, message: str | None, error: bool, email: str | None) -> None:
        self._forget_user()
        await self.navigator.sign_out()
        self._idle_screen = None  # it was in a pane's stack, or unwound from the login one
        login = self.screen_stack[0]
        if isinstance(login, LoginScreen):
            login.clear(keep_email=False)
            if email:
                login.prefill_email(email)
            login.show_message(message, error=error)

    def _forget_user(self) -> None:
        """Drop everything the client holds of the user who is leaving: their state (and
        what screens keep in it, drafts included), the session token, pending drafts (kept
        on disk only outside kiosk mode) and any notice still showing."""
        user, self._user = self._user, None
        if user is not None:
            user.forget()
        if self._client is not None:
            self._client.session_token = None
        if self._drafts is not None:
            self._drafts.flush()  # memory-only in kiosk mode: nothing reaches the disk
            self._drafts.wipe()  # the next person finds nothing of this one in memory
        self.clear_notifications()

    def logout(self) -> None:
        self.action_logout()

    def action_logout(self) -> None:
        self._sign_out(t("logout.done"))

    def _sign_out(self, message: str) -> None:
        """Sign out at once: the screens and state of the user go now, and the server is
        told in the background (a new sign-in waits for that to finish)."""
        if self._user is None:
            return
        client = self._client
        if client is not None and client.signed_in:
            self._logging_out = asyncio.create_task(self._tell_server_logout(client))
        self.back_to_login(message)

    # ------------------------------------------------------------------ idle sign-out

    def _has_someone_to_forget(self) -> bool:
        if self._user is not None:
            return True
        if self.current_mode != LOGIN_MODE:
            return False
        login = self.screen_stack[0]
        return len(self.screen_stack) > 1 or (
            isinstance(login, LoginScreen) and not login.is_blank()
        )

    def _idle_warn(self, seconds: int) -> None:
        from screens.idle_warning import IdleWarningScreen

        screen = self._idle_screen
        if screen is not None and screen in self.screen_stack:
            screen.set_seconds(seconds)
            return
        self._idle_screen = IdleWarningScreen(seconds)
        self.push_screen(self._idle_screen)

    def _idle_keep(self) -> None:
        screen, self._idle_screen = self._idle_screen, None
        if screen is not None and self.screen_stack and self.screen_stack[-1] is screen:
            self.pop_screen()

    def _idle_expire(self) -> None:
        if self._user is not None:
            self._sign_out(t("idle.signed_out"))
        else:  # someone began to sign in, open an account… and left
            self.back_to_login(t("idle.cleared"))

    async def _tell_server_logout(self, client: MyPageClient) -> None:
        try:
            await client.logout()
        except Exception:  # the local session is gone whatever the server says
            log.info("server logout failed", exc_info=True)
        finally:
            self._logging_out = None

    def session_lost(self, retry: Callable[[], object] | None = None) -> None:
        """The server no longer knows our session: sign in again, or back to login."""
        from screens.session import ReauthModal, SessionExpiredModal

        if self._client is not None:
            self._client.session_token = None
        if self._user is None or any(
            isinstance(s, (ReauthModal, SessionExpiredModal)) for s in self.screen_stack
        ):
            return
        email = self._user.email
        if self._kiosk:

            def to_login(_: None) -> None:
                self.back_to_login(t("session.expired"), error=True)

            self.push_screen(SessionExpiredModal(), to_login)
            return

        def after(signed_in: bool | None) -> None:
            if not signed_in:
                self.back_to_login(t("session.expired"), error=True)
            elif retry is not None:
                retry()

        self.push_screen(ReauthModal(email), after)

    def _open_mailbox(self, place: places.Mailbox, origin: Screen[object] | None) -> None:
        """The outbox, showing only mail to the place's addresses (whoever is signing in,
        resetting or registering on that screen); never in kiosk mode."""
        if self._kiosk:
            return
        if self._mailbox_dir is None:
            self.notify(t("mailbox.unavailable"))
            return
        screen = navigation.mailbox(self._mailbox_dir, place.addresses)
        if origin is None:
            self.push_screen(screen)
        else:
            self.push(origin, screen)

    # ------------------------------------------------------------------ global actions

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Japanese text is broken into lines that fit the toast (widgets/toast_text.py)."""
        message = fit_toast(message, self.size.width)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_toggle_language(self) -> None:
        lang: Lang = "en" if get_language() == "ja" else "ja"
        self.settings.language = lang
        set_language(lang)
        try:
            save_settings(self.settings, self.paths.settings_file)
        except OSError:
            log.exception("could not save settings")
        self.title = t("app.title")
        localise_bindings(self)
        for screen in self.screen_stack:
            if isinstance(screen, LocalisedModal) or (
                isinstance(screen, Localised) and hasattr(screen, "relocalise")
            ):
                screen.relocalise()
        self.notify(t("language.changed"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            return not self._kiosk  # kiosk: no quit key at all (hidden, and inert)
        if action == "logout":
            return self._user is not None
        if action == "show_pane":
            # Not while a dialog waits for an answer: it belongs to the pane it is over.
            return self.navigator.signed_in and not isinstance(self.screen, ModalScreen)
        return True

    def action_help(self) -> None:
        """F1: the focused control and the keys that work here (screens/help.py)."""
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_jump(self) -> None:
        """Ctrl+G: a key drawn over every control on screen; pressing it moves the focus
        there (screens/jump.py)."""
        from screens.jump import JumpOverlay

        if isinstance(self.screen, JumpOverlay):
            self.screen.dismiss(None)  # the jump key again: nowhere to go
            return

        def jump(widget: Widget | None) -> None:
            if widget is not None and widget.is_attached:
                widget.focus()

        self.push_screen(JumpOverlay(self.screen), jump)

    def action_show_pane(self, pane: str) -> None:
        self.navigator.show_pane(PaneId(pane))

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in inputs): say how to quit, in the UI language."""
        self.notify(t("kiosk.no_quit") if self._kiosk else t("app.quit_hint"))

    async def action_quit(self) -> None:
        if self._kiosk:
            self.notify(t("kiosk.no_quit"), severity="warning")
            return
        self.exit(0)
