"""What every screen shares: the app services it uses, localisation, navigation, and the one
way to call the server (`RemoteCalls.call`).

Screens reach the app through the `Services` protocol instead of importing tui.app (which
imports the screens). Nothing heavy is imported at module level: api_client.errors (pydantic)
is loaded only when an error is being explained, so the login screen paints before the
client libraries are loaded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from session.errors import (
    error_text,
    explain,
    field_problems,
    key_must_be_resent,
    key_refused,
    locked_out,
    session_lost,
)
from strings.i18n import get_language, t
from strings.problems import account_problem
from widgets.code_field import CodeField
from widgets.field import Field, Message
from widgets.link_list import Link, LinkList
from widgets.localise import localise_bindings
from widgets.menu_pane import NARROW_BELOW, MenuEntry, MenuPane
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.application_models import PostingRef
    from api_client.client import MyPageClient
    from api_client.device_store import DeviceTokenStore
    from api_client.models import ServerMeta
    from session.drafts import DraftStore
    from session.places import PaneId, Place
    from session.user import UserState
    from widgets.code_field import CodeKind
    from widgets.reference_pickers import CodeNames

ScreenCallback = Callable[[Any], None]

R = TypeVar("R")


class Services(Protocol):
    """The part of the App that screens use."""

    @property
    def kiosk(self) -> bool: ...

    @property
    def mailbox_dir(self) -> Path | None: ...

    @property
    def device_store(self) -> DeviceTokenStore: ...

    @property
    def client_ready(self) -> bool: ...

    @property
    def signed_in_email(self) -> str | None: ...

    @property
    def drafts(self) -> DraftStore: ...

    @property
    def user(self) -> UserState: ...

    async def get_client(self) -> MyPageClient: ...

    async def get_meta(self) -> ServerMeta: ...

    async def device_availability(self) -> tuple[bool, str | None]: ...

    def go_home(self, email: str, then: Place | None = None) -> None:
        """Signed in: fresh panes, Home shown (and `then` opened over it)."""

    def open(
        self,
        place: Place,
        origin: Screen[Any] | None = None,
        callback: ScreenCallback | None = None,
    ) -> None:
        """Open a place (tui/navigation.py builds its screen) in its pane, or origin's."""

    def push(
        self, origin: Screen[Any], screen: Screen[Any], callback: ScreenCallback | None = None
    ) -> None:
        """Show `screen` (a dialog or step of origin's own flow) over `origin`, in its pane."""

    def back(self, origin: Screen[Any], result: object = None) -> None:
        """Close `origin` (Esc); at the bottom of a pane, focus the menu instead."""

    def when_shown(self, origin: Screen[Any], work: Callable[[], object]) -> None:
        """Run `work` once origin's pane is the one shown (now, if it is)."""

    def show_pane(self, pane: PaneId) -> None: ...

    def logout(self) -> None:
        """Sign out now (Ctrl+L, the menu's ログアウト); the server is told meanwhile."""

    @property
    def menu_entries(self) -> Sequence[MenuEntry]: ...

    def back_to_login(
        self, message: str | None = None, *, error: bool = False, email: str | None = None
    ) -> None: ...

    def session_lost(self, retry: Callable[[], object] | None = None) -> None: ...


class HoldsFrameInBatch(Screen[Any]):
    """Mixin for screens (before Textual's Screen class in their bases): no frame made only
    to be thrown away, and none made twice.

    Nothing is rendered while the App batches updates (its start-up, Textual's hold on a
    mode switch, a batch of pops). Textual renders the current screen inside a batch all
    the same, then drops the frame unwritten (App._display) while its regions count as
    painted: the login screen's first frame was made inside the start-up batch and thrown
    away, and nothing reached the terminal until a later, unrelated refresh (some 40 ms at
    load); Home's first frame was rendered in the hold of the switch to its pane for
    nothing (35-45 ms of CPU at load). Held, the regions stay dirty and `frame_held` is set:
    the App paints them the moment the batch ends (tui/batch_frames.py).

    A screen asked to repaint whole while a layout is pending is rendered once: Textual lays
    it out and renders it, then renders it all again for the repaint (Home's first frame
    was written twice, 14 KB each at 120x40, the second 5-8 ms of CPU later)."""

    frame_held = False

    def _hold_frame(self) -> bool:
        """For the screen's `_compositor_refresh`: True when it must render nothing now."""
        app = self.app
        self.frame_held = bool(app._batch_count) and self is app.screen and not app.is_inline
        return self.frame_held

    def _compositor_refresh(self) -> None:
        if not self._hold_frame():
            super()._compositor_refresh()

    def _on_timer_update(self) -> None:
        if (
            self._layout_required
            and self._repaint_required
            and self.is_current
            and not self.app._batch_count
        ):
            # The repaint goes into the layout's render: the whole screen is marked dirty
            # before the layout (as the repaint would mark it), so that render is whole.
            self._repaint_required = False
            self._dirty_widgets.add(self)
        super()._on_timer_update()


class Localised:
    """Mixin for screens: texts are (re)applied on mount and on every language switch."""

    def apply_language(self) -> None:
        """Set every text of the screen from the catalogue. Override in screens."""


class NoAnswer(Enum):
    """What `call` gives when there is nothing for the screen to use: the call failed (and
    the screen already says why), or a newer call of the same kind made it stale."""

    NO_ANSWER = "no answer"


NO_ANSWER = NoAnswer.NO_ANSWER

# Screens handle the errors they expect by class: {errors.LimitReached: self._full, …}.
ErrorHandlers = Mapping[type[BaseException], Callable[[Any], object]]


class RemoteCalls(DOMNode):
    """The one way a screen calls the server.

    `await self.call(lambda c: c.home(), busy=…, failed=…, retry=…)` gives the answer or
    NO_ANSWER, and does what every call needs:
    - "working…" on the screen's message line, only if the answer takes a moment;
    - the latest answer only: with `latest="key"`, an answer to an older call of that key
      (and any answer once the screen is gone) is dropped, silently;
    - a lost session opens the sign-in-again dialog over the screen, which keeps every
      input, and `retry` runs once signed in again;
    - errors the screen expects go to its handlers (`on`, by error class, first match);
    - any other error becomes one message (`failed`, a catalogue key with {reason}), and
      the server's field errors are shown under the screen's fields named in `fields`.
    """

    _call_generations: dict[str, int]

    @property
    def services(self) -> Services:
        return cast(Services, self.app)

    def message_line(self) -> MessageLine | None:
        """Where calls say how they went: the screen's #message line, if it has one."""
        found = self.query("#message").results(MessageLine)
        return next(iter(found), None)

    async def call(
        self,
        request: Callable[[MyPageClient], Awaitable[R]],
        *,
        busy: Message = None,
        failed: str | None = None,
        retry: Callable[[], object] | None = None,
        on: ErrorHandlers | None = None,
        fields: Sequence[str] = (),
        latest: str | None = None,
        line: MessageLine | None = None,
        quiet: bool = False,
    ) -> R | NoAnswer:
        """Call the server; see the class. `quiet`: touch no message line (background work
        whose failure the handlers, or nobody, report)."""
        generations = self.__dict__.setdefault("_call_generations", {})
        generation = 0
        if latest is not None:
            generation = generations[latest] = generations.get(latest, 0) + 1
        target = None if quiet else (line or self.message_line())
        if target is not None and busy is not None:
            target.busy_after(busy)

        def stale() -> bool:
            return not self.is_attached or (
                latest is not None and generations.get(latest) != generation
            )

        try:
            client = await self.services.get_client()
            answer = await request(client)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if not stale():
                self._call_failed(exc, target, failed, retry, on, fields)
            return NO_ANSWER
        if stale():
            return NO_ANSWER
        if target is not None and (busy is not None or target.showing_error):
            target.show(None)  # the "working…" line, or an error this answer makes old
        return answer

    def key_step_failed(
        self, exc: BaseException, fields: Sequence[str], restart: str = "open.restart"
    ) -> None:
        """A step that spends a mailed 認証キー failed: the reason on the message line (and,
        `restart`, how to get a new key when this one can no longer be used), the server's
        field problems under `fields`, and a refused key under the key's own field."""

        def text() -> str:
            again = " " + t(restart) if key_must_be_resent(exc) else ""
            return explain(exc).message + again

        line = self.message_line()
        if line is not None:
            line.show(text, error=True)
        show_field_problems(self, exc, fields)
        if key_refused(exc) and not field_problems(exc).get("auth_key"):
            for key_field in self.query("#field-auth_key").results(Field):
                key_field.set_error(error_text(exc))

    def _call_failed(
        self,
        exc: Exception,
        line: MessageLine | None,
        failed: str | None,
        retry: Callable[[], object] | None,
        on: ErrorHandlers | None,
        fields: Sequence[str],
    ) -> None:
        if session_lost(exc):
            if line is not None:
                line.show(None)
            self.services.session_lost(retry=retry)
            return
        if locked_out(exc) and self.services.signed_in_email is not None:
            # A wrong password in a session locked the account, which ends the session.
            self.services.back_to_login(explain(exc).message, error=True)
            return
        for error_class, handler in (on or {}).items():
            if isinstance(exc, error_class):
                if line is not None:
                    line.show(None)
                handler(exc)
                return
        reason = error_text(exc)
        if line is not None:
            if failed is None:
                line.show(reason, error=True)
            else:
                key = failed
                line.show(lambda: t(key, reason=reason()), error=True)
        show_field_problems(self, exc, fields)


def show_field_problems(node: DOMNode, exc: BaseException, names: Sequence[str]) -> bool:
    """Put the server's field errors under the fields (`#field-<name>`) named; True if any."""
    if not names:
        return False
    found = field_problems(exc)
    shown = False
    for name in names:
        problems = found.get(name)
        if not problems:
            continue
        for widget in node.query(f"#field-{name}"):
            if hasattr(widget, "set_error"):
                widget.set_error(
                    lambda n=name, ps=problems: "\n".join(
                        account_problem(p.code, n, p.params) for p in ps
                    )
                )
                shown = True
    return shown


class MailboxAccess(DOMNode):
    """The built-in mailbox key (Ctrl+O) of the sign-in screens and dialogs: hidden and inert
    where there is no mailbox (kiosk, a remote server), and showing only the mail to the
    addresses on the screen it is opened from."""

    @property
    def services(self) -> Services:
        return cast(Services, self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mailbox":
            return self.services.mailbox_dir is not None
        return True

    def mail_addresses(self) -> list[str]:
        """Whose mail the mailbox may show from here: the address being signed in, reset or
        registered (an `email` attribute, the e-mail fields), and the signed-in user's."""
        found = [getattr(self, "email", None), self.services.signed_in_email]
        for field_id in ("#field-email", "#field-new_email"):
            found += [f.value for f in self.query(field_id).results(Field)]
        return [a.strip() for a in found if isinstance(a, str) and a.strip()]

    def action_mailbox(self) -> None:
        from session import places

        self.services.open(places.Mailbox(tuple(self.mail_addresses())), cast(Screen[Any], self))


class BaseScreen(MailboxAccess, RemoteCalls, HoldsFrameInBatch, Screen[None], Localised):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._resumed_once = False
        self._away = False  # suspended since last shown (see came_back)
        self._language = get_language()
        self.shown_in_mode: str | None = None  # the pane (app mode) whose stack holds it
        localise_bindings(self, refresh=False)

    def on_mount(self) -> None:
        # Textual runs the on_mount of every class in the MRO, subclass first, so screens
        # must not call super().on_mount(): the texts would be applied twice.
        self.apply_texts()

    @on(events.Mount)
    def _styled_with_current_css(self) -> None:
        # Mounting styles every widget with the stylesheet as it is now: say so, or the
        # first pane switch to this screen has Textual re-parse and re-apply every style.
        self._css_update_count = self.app._css_update_count

    @on(events.ScreenResume)
    def _resumed(self, event: events.ScreenResume) -> None:
        # A resumed screen is in the stack being shown: remember whose it is.
        self.shown_in_mode = self.app.current_mode
        # Textual restyles the whole screen on every resume, the largest cost of showing a
        # pane again. Skipped when the stylesheet has not changed since the screen was
        # styled (a theme change bumps the count, and Textual restyles then); the first
        # resume comes right after mounting, when every style is fresh. (Handlers run from
        # subclass to base, so this runs before Screen's own.)
        if not self._resumed_once or self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False
        self._resumed_once = True
        if self.texts_outdated():
            self.relocalise()  # the language changed while another pane was shown

    @on(events.ScreenSuspend)
    def _suspended(self) -> None:
        self._away = True

    def texts_outdated(self) -> bool:
        """True when the language changed since the screen's texts were applied (it was in
        a pane not shown): its next resume applies them again."""
        return self._language != get_language()

    def came_back(self) -> bool:
        """For on_screen_resume: True when this is a return to the screen (another screen or
        pane was shown since), once per return. Its first showing is not one: the mount
        loads what it shows, and Textual announces the root screen of a new pane as resumed
        twice (opening the pane and switching to it), which reloaded everything at once."""
        away, self._away = self._away, False
        return away

    def relocalise(self) -> None:
        for node in self.query("TextInput, CodeButton"):
            localise_bindings(node, refresh=False)  # their keys' words in the key line
        localise_bindings(self)
        self.apply_texts()

    def apply_texts(self) -> None:
        self._language = get_language()
        self.apply_language()
        for line in self.query(MessageLine):
            line.rebuild()
        for field_widget in self.query(Field):
            field_widget.rebuild_messages()

    def notify_when_shown(self, message: str) -> None:
        """A notification about this screen, shown when its pane is (never over another)."""
        self.services.when_shown(self, lambda: self.app.notify(message))

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close this screen, but only ever from the top of the stack being shown: a
        screen whose pane is hidden (its answer came late) closes when that pane is shown
        again, so a late answer never closes a screen of the pane being looked at."""
        if self is self.app.screen:
            return super().dismiss(result)
        self.services.when_shown(self, lambda: self._dismiss_if_on_top(result))
        return AwaitComplete.nothing()  # type: ignore[no-untyped-call,no-any-return]

    def _dismiss_if_on_top(self, result: Any) -> None:
        if self is self.app.screen:
            super().dismiss(result)


class AccountScreen(BaseScreen):
    """Base of the screens that open, reopen or reset an account before signing in: Esc
    back, the mailbox key, and their links."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="key.back"),
        Binding("ctrl+o", "mailbox", "Mailbox", id="key.mailbox"),
    ]

    def action_back(self) -> None:
        self.dismiss()

    def _links(self) -> ComposeResult:
        yield LinkList(
            Link("mailbox", "mailbox", shown=self.services.mailbox_dir is not None),
            Link("back", "back"),
            id="links",
        )

    def _label_links(self) -> None:
        links = self.query_one(LinkList)
        links.set_label("mailbox", t("login.mailbox") + " (Ctrl+O)")
        links.set_label("back", t("key.back") + " (Esc)")


class SignedInScreen(BaseScreen):
    """Base of every screen behind the login: the menu pane beside the content (one line
    at the top on a narrow terminal), Esc back inside the pane, Ctrl+L out (an App key)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="key.back"),
        Binding("escape", "menu", "Menu", id="key.menu"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stop_unread: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield MenuPane(
            self.services.menu_entries,
            current=self.app.current_mode,
            unread=self.services.user.unread,
            line=self.app.size.width < NARROW_BELOW,
            hint="menu.hint",
        )
        yield from self.compose_content()

    def compose_content(self) -> ComposeResult:
        """The screen's own widgets (beside the menu). Override in screens."""
        yield from ()

    @property
    def menu(self) -> MenuPane:
        return self.query_one(MenuPane)

    @on(events.Mount)
    def _watch_unread(self) -> None:
        self._stop_unread = self.services.user.watch_unread(self.menu.set_unread)

    @on(events.Unmount)
    def _stop_watching_unread(self) -> None:
        if self._stop_unread is not None:
            self._stop_unread()

    def on_resize(self, event: events.Resize) -> None:
        self.menu.set_line(event.size.width < NARROW_BELOW)

    @on(MenuPane.Selected)
    def _menu_selected(self, event: MenuPane.Selected) -> None:
        event.stop()
        if event.entry_id == "logout":
            self.services.logout()
            return
        from session.places import PaneId

        self.services.show_pane(PaneId(event.entry_id))

    def focus_menu(self) -> None:
        self.menu.focus()

    def _at_root(self) -> bool:
        stack = self.app.screen_stack
        return bool(stack) and stack[0] is self

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return not self._at_root()
        if action == "menu":
            return self._at_root() and not self.menu.has_focus
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        self.services.back(self)

    def action_menu(self) -> None:
        self.focus_menu()

    def apply_texts(self) -> None:
        super().apply_texts()
        if self.is_mounted:
            self.menu.relabel()

    def posting_closed(self, posting: PostingRef) -> bool:
        """True if a listed posting can no longer be opened (終了, 取消), saying why on the
        message line; applications, referrals and requests all list postings."""
        if posting.status is not None and posting.status.value == "open":
            return False
        status = posting.status.value if posting.status else "withdrawn"
        line = self.message_line()
        if line is not None:
            line.show(lambda: t("sheet.not_open", status=t(f"search.status.{status}")), error=True)
        return True

    def open_sheet(self, posting: PostingRef) -> None:
        """The posting's 求人票, or why it cannot be shown."""
        from session import places

        if not self.posting_closed(posting):
            self.services.open(places.JobSheet((posting.job_number,)), self)

    @work(exclusive=True, group="favorites")
    async def save_favorites(self, numbers: list[str]) -> None:
        """Add postings to お気に入り and say what happened (added / already / refused);
        results, job sheets and the checked list all offer it."""
        res = await self.call(
            lambda c: c.add_favorites(numbers),
            busy=lambda: t("fav.saving"),
            retry=lambda: self.save_favorites(numbers),
        )
        if res is NO_ANSWER:
            return
        line = self.message_line()
        if line is None:
            return
        if len(numbers) == 1 and res.added:
            line.show(lambda: t("fav.added_one", number=numbers[0]))
        elif len(numbers) == 1 and res.already:
            line.show(lambda: t("fav.already_one", number=numbers[0]))
        else:
            line.show(
                lambda: t(
                    "fav.result",
                    added=len(res.added),
                    already=len(res.already),
                    refused=len(res.refused),
                    missing=len(res.not_found),
                    total=res.total,
                    limit=res.limit,
                ),
                error=bool(res.refused),
            )


class ReferenceScreen(SignedInScreen):
    """A signed-in screen that shows 希望職種, 都道府県 and 市区町村 codes by name, and whose
    code fields (registration steps 3 and 4) are chosen from the reference lists by keys."""

    async def code_names(
        self, codes: Sequence[tuple[CodeKind, str]], *, picking: bool = False
    ) -> CodeNames | None:
        """The names of the reference lists (kept for the session by `UserState`), with the
        municipalities of every prefecture that `codes` need. `picking`: the user waits for
        a list, so say so and explain a failure; otherwise naming is quiet (codes stay)."""
        from widgets.reference_pickers import CodeNames, prefecture_of

        user = self.services.user

        async def fetch(client: MyPageClient) -> CodeNames:
            ref = await user.load_reference(client)
            for kind, code in codes:
                if kind == "municipality" and code:
                    await user.municipalities(client, prefecture_of(code))
            return CodeNames(ref.groups, ref.prefectures, ref.municipalities)

        if picking:
            names = await self.call(fetch, busy=lambda: t("picker.loading"), failed="picker.failed")
        else:
            names = await self.call(fetch, quiet=True, on={Exception: lambda _: None})
        return None if names is NO_ANSWER else names

    @work(group="code-names")
    async def name_codes(self) -> None:
        """Show every code field of the screen by its name."""
        fields = list(self.query(CodeField))
        names = await self.code_names([(f.kind, f.value) for f in fields if f.value])
        if names is not None:
            for f in fields:
                f.show_name(names.name(f.kind, f.value) if f.value else None)

    @on(CodeField.Pick)
    def _pick_code(self, event: CodeField.Pick) -> None:
        event.stop()
        self.pick_code(event.field)

    @work(exclusive=True, group="code-pick")
    async def pick_code(self, field: CodeField) -> None:
        from widgets.reference_pickers import (
            occupation_picker,
            prefecture_of,
            prefecture_picker,
        )

        names = await self.code_names([(field.kind, field.value)], picking=True)
        if names is None:
            return
        if field.kind == "occupation":

            def occupation(code: str | None) -> None:
                if code and not names.is_occupation(code):
                    # A whole group is a search condition, not a desired occupation.
                    group = names.group_name(code)
                    field.set_note(lambda: t("reg.pick_detail", group=group))
                    self.services.push(self, occupation_picker(names, code), occupation)
                    return
                self._chosen(field, code, names)

            self.services.push(self, occupation_picker(names, field.value), occupation)
        elif field.kind == "prefecture":
            self.services.push(
                self,
                prefecture_picker(names, field.value),
                lambda code: self._chosen(field, code, names),
            )
        else:
            start = prefecture_of(field.value) if field.value else self._chosen_prefecture()

            def prefecture(code: str | None) -> None:
                if code:
                    self.pick_municipality(field, code)
                else:
                    field.input.focus()

            self.services.push(self, prefecture_picker(names, start), prefecture)

    def _chosen_prefecture(self) -> str | None:
        """Where a municipality list starts: the first desired prefecture chosen, if any."""
        for f in self.query(CodeField):
            if f.kind == "prefecture" and f.value:
                return f.value
        return None

    @work(exclusive=True, group="code-pick")
    async def pick_municipality(self, field: CodeField, prefecture: str) -> None:
        from widgets.reference_pickers import municipality_picker

        # Any code of the prefecture makes its municipalities part of the names.
        names = await self.code_names([("municipality", prefecture + "000")], picking=True)
        reference = self.services.user.reference
        if names is None or reference is None:
            return
        municipalities = reference.municipalities.get(prefecture, [])
        self.services.push(
            self,
            municipality_picker(names, prefecture, municipalities, field.value),
            lambda code: self._chosen(field, code, names),
        )

    def _chosen(self, field: CodeField, code: str | None, names: CodeNames) -> None:
        if code:
            field.set_note(None)
            field.value = code
            field.show_name(names.name(field.kind, code))
        field.input.focus()


class BaseModal(MailboxAccess, RemoteCalls, HoldsFrameInBatch, ModalScreen[R], Localised):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, refresh=False)

    def on_mount(self) -> None:
        self.apply_language()

    def relocalise(self) -> None:
        for node in self.query("TextInput, CodeButton"):
            localise_bindings(node, refresh=False)  # their keys' words in the key line
        localise_bindings(self)
        self.apply_language()
