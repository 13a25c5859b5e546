"""オンラインハローワーク紹介: the postings Hello Work sent to this seeker, newest first, each
with its deadline (通常1週間程度) and whether it can still be applied to. Enter applies with a
志望動機 (or, once applied, shows the 紹介状); J shows the 求人票.

Accounts opened online without a registration at an office have no online referral (seed
003): the screen says so, and where to go instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER, SignedInScreen
from session import places
from session.errors import error_text
from strings.i18n import t
from widgets.activity_text import referral_text
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine

if TYPE_CHECKING:
    from api_client.application_models import Referral, ReferralList


class ReferralsScreen(SignedInScreen):
    DEFAULT_CSS = """
    ReferralsScreen #head { height: auto; padding: 0 1; }
    ReferralsScreen #referrals:focus { border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "apply", "Apply", id="apps.key.apply"),
        Binding("l", "letter", "Referral letter", id="apps.key.letter"),
        Binding("j", "sheet", "Job sheet", id="apps.key.sheet"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: ReferralList | None = None
        self.unavailable = False
        self._shown_once = False

    def compose_content(self) -> ComposeResult:
        with Vertical(id="head"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="count", classes="name", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield MessageLine(id="message")
        yield OptionList(id="referrals", classes="fill", markup=False)
        yield KeyBar()

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    @property
    def items(self) -> list[Referral]:
        return self.data.items if self.data else []

    def current(self) -> Referral | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#referrals", OptionList).highlighted
        items = self.items
        return items[index] if index is not None and 0 <= index < len(items) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current()
        if action == "apply":
            return item is not None and item.state.value == "open"
        if action == "letter":
            return item is not None and item.application_id is not None
        if action == "sheet":
            return item is not None
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self.query_one("#referrals", OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self._shown_once:
            self.load()  # back from applying: the referral is 応募済み now
        self._shown_once = True

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("ref.title"))
        self.query_one("#hint", Static).update(t("ref.hint"))
        self._fill()

    def _fill(self) -> None:
        data = self.data
        count = self.query_one("#count", Static)
        listing = self.query_one("#referrals", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.display = not self.unavailable
        if data is None:
            count.update("")
            return
        count.update(
            t("ref.count", count=len(data.items), open=data.open) if data.items else t("ref.none")
        )
        listing.add_options([Option(referral_text(r), id=str(r.id)) for r in data.items])
        if data.items:
            listing.highlighted = min(highlighted or 0, len(data.items) - 1)
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="referrals")
    async def load(self) -> None:
        from api_client import errors

        data = await self.call(
            lambda c: c.referrals(),
            busy=lambda: t("ref.loading"),
            failed="ref.load_failed",
            retry=self.load,
            on={
                errors.OnlineOnlyAccount: self._unavailable,
                errors.RegistrationInvalid: self._unavailable,
            },
            latest="referrals",
        )
        if data is not NO_ANSWER:
            self.unavailable = False
            self.data = data
            self._fill()

    def _unavailable(self, exc: BaseException) -> None:
        """No referrals for this account: say why instead of an empty list."""
        self.unavailable = True
        self.data = None
        self._fill()
        self.message.show(error_text(exc))

    @on(OptionList.OptionHighlighted, "#referrals")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#referrals")
    def _selected(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.application_id is not None:
            self.action_letter()
        else:
            self.action_apply()

    def action_apply(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.state.value != "open":
            state = t(f"apps.referral_state.{item.state.value}")
            self.message.show(lambda: t("ref.cannot_apply", state=state), error=True)
            return
        self.services.open(places.Apply(item.posting.job_number, item.id), self)

    def action_letter(self) -> None:
        item = self.current()
        if item is not None and item.application_id is not None:
            self.services.open(places.ReferralLetter(item.application_id), self)

    def action_sheet(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.posting.status is None or item.posting.status.value != "open":
            status = item.posting.status.value if item.posting.status else "withdrawn"
            self.message.show(
                lambda: t("sheet.not_open", status=t(f"search.status.{status}")), error=True
            )
            return
        self.services.open(places.JobSheet((item.posting.job_number,)), self)
