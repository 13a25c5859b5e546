"""Home's activity sections (SPEC §2 Home): 新着メッセージ, 応募中の求人 (in selection),
リクエスト求人 and オンラインハローワーク紹介, each with its count, its first items and a way
to the full list.

One list with headings (one Tab stop; ↑/↓ skip the headings, Enter opens), so Home stays
cheap to mount and quick to move through by keys. Where a section is unavailable it says why
in words (非公開, no office registration, registration 無効). What Enter opens is the screen's
business: the panel says what was chosen (`Chosen`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from strings.dates import format_date
from strings.i18n import t
from widgets.activity_text import application_text, number_line, title_line

if TYPE_CHECKING:
    from api_client.application_models import HomeActivity


class HomeActivityPanel(Vertical):
    DEFAULT_CSS = """
    HomeActivityPanel { height: auto; }
    HomeActivityPanel OptionList:focus { border: heavy $accent; }
    """

    class Chosen(Message):
        """`kind`: messages, application, applications, request, requests, referral,
        referrals; `ident`: the application's id, the request's 求人番号, or a referral's
        "id|求人番号"."""

        def __init__(self, kind: str, ident: str = "") -> None:
            super().__init__()
            self.kind = kind
            self.ident = ident

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.activity: HomeActivity | None = None
        self.error: str | None = None
        self._targets: list[tuple[str, str] | None] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="activity-title", classes="section", markup=False)
        yield OptionList(id="activity-list", markup=False)
        yield Static("", id="activity-note", markup=False)

    def on_mount(self) -> None:
        # As tall as its lines, wrapped ones included: it is inside Home's scroll, so a
        # scroll bar of its own (the app's lists stop at 12 lines) would only hide items.
        listing = self.query_one("#activity-list", OptionList)
        listing.styles.max_height = 500
        self.relabel()

    def show(self, activity: HomeActivity | None, error: str | None = None) -> None:
        self.activity, self.error = activity, error
        self._fill()

    def relabel(self) -> None:
        self.query_one("#activity-title", Static).update(t("home.activity_title"))
        self._fill()

    def _heading(self, options: list[Option], text: str) -> None:
        options.append(Option(text, disabled=True))
        self._targets.append(None)

    def _item(self, options: list[Option], text: str, kind: str, ident: str = "") -> None:
        options.append(Option(text))
        self._targets.append((kind, ident))

    def _fill(self) -> None:
        listing = self.query_one("#activity-list", OptionList)
        note = self.query_one("#activity-note", Static)
        highlighted = listing.highlighted
        listing.clear_options()
        self._targets = []
        a = self.activity
        listing.display = a is not None
        note.update(self.error or "")
        if a is None:
            return
        options: list[Option] = []
        # 新着メッセージ
        self._item(options, "✉ " + t("home.open_messages", count=a.unread_messages), "messages")
        # 応募中の求人
        self._heading(options, "■ " + t("home.in_selection", count=a.in_selection_total))
        for item in a.in_selection:
            self._item(options, application_text(item), "application", str(item.id))
        self._item(options, "  → " + t("home.all_applications"), "applications")
        # リクエスト求人 (only while 公開中)
        if a.requests_listed:
            self._heading(options, "■ " + t("home.requests", count=a.requests_total))
            for r in a.requests:
                text = title_line(r.posting) + "\n    " + number_line(r.posting)
                self._item(options, text, "request", r.posting.job_number)
            if a.requests_total:
                self._item(options, "  → " + t("home.all_requests"), "requests")
        else:
            self._heading(options, "■ " + t("home.requests_hidden"))
        # オンラインハローワーク紹介
        if a.referrals_unavailable is not None:
            reason = t(f"home.referrals_unavailable.{a.referrals_unavailable.value}")
            self._heading(options, "■ " + t("home.referrals_none_title") + "\n  " + reason)
        else:
            self._heading(options, "■ " + t("home.referrals", count=a.referrals_total))
            for ref in a.referrals:
                deadline = t("home.referral_deadline", date=format_date(ref.deadline))
                self._item(
                    options,
                    title_line(ref.posting) + "\n    " + number_line(ref.posting) + "  " + deadline,
                    "referral",
                    f"{ref.id}|{ref.posting.job_number}",
                )
            self._item(options, "  → " + t("home.all_referrals"), "referrals")
        listing.add_options(options)
        if highlighted is not None and highlighted < len(options):
            listing.highlighted = highlighted

    @on(OptionList.OptionSelected, "#activity-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        target = self._targets[index] if 0 <= index < len(self._targets) else None
        if target is not None:
            self.post_message(self.Chosen(*target))
