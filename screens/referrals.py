"""オンラインハローワーク紹介: the postings Hello Work sent to this seeker, newest first, each
with its deadline (通常1週間程度) and whether it can still be applied to. Enter applies with a
志望動機 (or, once applied, shows the 紹介状); J shows the 求人票.

Accounts opened online without a registration at an office have no online referral (seed
003): the screen says so, and where to go instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from screens.base import NO_ANSWER
from screens.list_pane import ListPane
from session import places
from session.errors import error_text
from strings.i18n import t
from widgets.activity_text import referral_text

if TYPE_CHECKING:
    from api_client.application_models import Referral, ReferralList


class ReferralsScreen(ListPane["Referral"]):
    LIST_ID = "referrals"
    TITLE = "ref.title"
    HINT = "ref.hint"
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

    @property
    def items(self) -> list[Referral]:
        return self.data.items if self.data else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current()
        if action == "apply":
            return item is not None and item.state.value == "open"
        if action == "letter":
            return item is not None and item.application_id is not None
        if action == "sheet":
            return item is not None
        return super().check_action(action, parameters)

    def listed(self) -> bool:
        return not self.unavailable

    def count_text(self) -> str | None:
        data = self.data
        if data is None:
            return None
        if not data.items:
            return t("ref.none")
        return t("ref.count", count=len(data.items), open=data.open)

    def options(self) -> Sequence[Option]:
        return [Option(referral_text(r), id=str(r.id)) for r in self.items]

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
            self.fill()

    def _unavailable(self, exc: BaseException) -> None:
        """No referrals for this account: say why instead of an empty list."""
        self.unavailable = True
        self.data = None
        self.fill()
        self.message.show(error_text(exc))

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
        if item is not None:
            self.open_sheet(item.posting)
