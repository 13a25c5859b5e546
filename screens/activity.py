"""求職活動状況: every application (自主応募 and 紹介) with its dates, selection state and result,
newest first — ended ones too (they leave Home, not this list) — and one application in
full. From here: withdraw (辞退) while 応募中, the messages with the employer, the 紹介状, the
求人票, and the lists of オンラインハローワーク紹介 and リクエスト求人.

The list and the detail share their actions (`ApplicationActions`), so a key does the same
on either; they live in one module because neither is used without the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER, SignedInScreen
from screens.list_pane import ListPane
from session import places
from strings.dates import format_date, format_jst
from strings.i18n import t
from strings.marks import ERROR, marked
from widgets.activity_text import (
    application_text,
    method_label,
    posting_line,
    state_label,
    unread_mark,
)
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.application_models import (
        Application,
        ApplicationList,
        ApplicationSummary,
    )


class ApplicationActions(SignedInScreen):
    """What can be done with the application a screen is showing (`current()`)."""

    ACTION_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "withdraw", "Withdraw", id="apps.key.withdraw"),
        Binding("m", "thread", "Messages", id="apps.key.thread"),
        Binding("l", "letter", "Referral letter", id="apps.key.letter"),
        Binding("j", "sheet", "Job sheet", id="apps.key.sheet"),
    ]

    def current(self) -> ApplicationSummary | None:
        raise NotImplementedError

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current() if self.is_mounted else None
        if action == "withdraw":
            return item is not None and item.withdrawable
        if action == "letter":
            return item is not None and item.method.value == "referral"
        if action in ("thread", "sheet"):
            return item is not None
        return super().check_action(action, parameters)

    def action_thread(self) -> None:
        item = self.current()
        if item is not None:
            self.services.open(places.Thread(item.id), self)

    def action_letter(self) -> None:
        item = self.current()
        if item is not None and item.method.value == "referral":
            self.services.open(places.ReferralLetter(item.id), self)

    def action_sheet(self) -> None:
        item = self.current()
        if item is not None:
            self.open_sheet(item.posting)

    def action_withdraw(self) -> None:
        item = self.current()
        if item is None or not item.withdrawable:
            return
        text = t("apps.withdraw_confirm", title=item.posting.job_title)
        application_id = item.id

        def answered(yes: object) -> None:
            if yes is True:
                self.withdraw(application_id)

        self.services.open(places.Confirm(text), self, answered)

    @work(exclusive=True, group="withdraw")
    async def withdraw(self, application_id: int) -> None:
        done = await self.call(
            lambda c: c.withdraw_application(application_id),
            busy=lambda: t("apps.withdrawing"),
            failed="apps.withdraw_failed",
            retry=lambda: self.withdraw(application_id),
        )
        if done is NO_ANSWER:
            return
        title = done.posting.job_title
        self.message.show(lambda: t("apps.withdrawn", title=title))
        self.withdrawn(done)

    def withdrawn(self, application: Application) -> None:
        """The server says it is 辞退 now: show it."""


class ActivityScreen(ListPane["ApplicationSummary"], ApplicationActions):
    """The 求職活動状況 pane: the list of applications."""

    LIST_ID = "applications"
    TITLE = "apps.title"
    HINT = "apps.hint"
    BINDINGS: ClassVar[list[BindingType]] = [
        *ApplicationActions.ACTION_BINDINGS,
        Binding("r", "referrals", "Referrals", id="apps.key.referrals"),
        Binding("q", "requests", "Requests", id="apps.key.requests"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: ApplicationList | None = None

    def head_extras(self) -> ComposeResult:
        yield Static("", id="restriction", markup=False)

    @property
    def items(self) -> list[ApplicationSummary]:
        return self.data.items if self.data else []

    def count_text(self) -> str | None:
        data = self.data
        if data is None:
            return None
        if not data.items:
            return t("apps.none")
        selecting = sum(1 for i in data.items if i.state.in_selection)
        return t("apps.count", count=len(data.items), selecting=selecting)

    def options(self) -> Sequence[Option]:
        return [Option(application_text(i), id=str(i.id)) for i in self.items]

    def fill(self) -> None:
        super().fill()
        restricted = self.data is not None and self.data.self_application.restricted
        restriction = self.query_one("#restriction", Static)
        restriction.display = restricted
        restriction.update(
            marked(ERROR, t("error.self_application_restricted")) if restricted else ""
        )

    @work(exclusive=True, group="applications")
    async def load(self, announce: bool = True) -> None:
        """`announce`: say "loading…" (not after a withdrawal, whose line says it)."""
        data = await self.call(
            lambda c: c.applications(),
            busy=(lambda: t("apps.loading")) if announce else None,
            failed="apps.load_failed",
            retry=self.load,
            latest="applications",
        )
        if data is not NO_ANSWER:
            self.data = data
            self.fill()

    @on(OptionList.OptionSelected, "#applications")
    def _open(self, event: OptionList.OptionSelected) -> None:
        items = self.items
        if 0 <= event.option_index < len(items):
            self.services.open(places.ApplicationDetail(items[event.option_index].id), self)

    def withdrawn(self, application: Application) -> None:
        self.load(announce=False)

    def action_referrals(self) -> None:
        self.services.open(places.Referrals(), self)

    def action_requests(self) -> None:
        self.services.open(places.Requests(), self)


class ApplicationScreen(ApplicationActions):
    """One application in full: method, dates, state and result, 志望動機."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *ApplicationActions.ACTION_BINDINGS,
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.application: Application | None = None

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="application-page"):
            yield Static("", id="title", classes="title", markup=False)
            yield MessageLine(id="message")
            yield Static("", id="detail", markup=False)
            yield Static("", id="motivation-title", classes="section", markup=False)
            yield Static("", id="motivation", markup=False)
        yield KeyBar()

    def current(self) -> ApplicationSummary | None:
        return self.application

    def on_mount(self) -> None:
        self.query_one("#application-page", VerticalScroll).focus()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("apps.detail_title"))
        self.query_one("#motivation-title", Static).update(t("apply.motivation"))
        self._show()

    def _show(self) -> None:
        a = self.application
        detail = self.query_one("#detail", Static)
        motivation = self.query_one("#motivation", Static)
        if a is None:
            detail.update("")
            motivation.update("")
            return
        rows = [
            t("apps.d.posting", value=posting_line(a.posting)),
            t("apps.d.method", value=method_label(a.method.value)),
            t("apps.d.state", value=state_label(a.state.value)),
            t("apps.d.applied", value=format_jst(a.applied_at)),
            t("apps.d.updated", value=format_jst(a.updated_at)),
        ]
        if a.result_at is not None:
            rows.append(t("apps.d.result", value=format_jst(a.result_at)))
        if a.referral_deadline is not None:
            rows.append(t("apps.d.deadline", value=format_date(a.referral_deadline)))
        if a.withdrawable:
            rows.append(t("apps.d.withdrawable"))
        mark = unread_mark(a.unread_messages)
        if mark:
            rows.append(t("apps.d.unread", mark=mark))
        detail.update("\n".join(rows))
        motivation.update(a.motivation)
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="application")
    async def load(self) -> None:
        found = await self.call(
            lambda c: c.application(self.application_id),
            busy=lambda: t("apps.loading"),
            failed="apps.load_failed",
            retry=self.load,
            latest="application",
        )
        if found is not NO_ANSWER:
            self.application = found
            self._show()

    def withdrawn(self, application: Application) -> None:
        self.application = application
        self._show()
