"""Applications, referrals, request postings and messages as text: one set of formatters for
the lists of 求職活動状況, メッセージ and Home, so a state or a date reads the same everywhere.

Everything is words and symbols ("【選考中】", "●未読2件", "【期限切れ】"), never colour alone.
Texts come from the catalogue at call time, so a language switch re-renders them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from strings.dates import JST, format_date, format_jst
from strings.i18n import t

if TYPE_CHECKING:
    from datetime import datetime

    from api_client.application_models import (
        ApplicationSummary,
        PostingRef,
        Referral,
        RequestPosting,
        ThreadSummary,
    )
    from api_client.profile_models import Notice

PREVIEW_CHARS = 40


def jst_day(moment: datetime) -> str:
    """The day of `moment` in Japan (the server's times are UTC; 09:00 JST is 00:00 UTC)."""
    return format_date(moment.astimezone(JST).date())


def state_mark(label: str) -> str:
    """【選考中】 in Japanese, [in selection] in English."""
    return t("apps.state_mark", state=label)


def state_label(state: str) -> str:
    """応募中 / 選考中 / 採用 / 不採用 / 辞退 / 不参加."""
    return t(f"apps.state.{state}")


def method_label(method: str) -> str:
    """自主応募 / 紹介."""
    return t(f"apps.method.{method}")


def posting_line(posting: PostingRef) -> str:
    """職種 — 事業所 (求人番号), marked when the posting is no longer open."""
    return title_line(posting) + "  " + number_line(posting)


def title_line(posting: PostingRef) -> str:
    """職種 — 事業所, marked when the posting is no longer open or synthetic."""
    line = f"{posting.job_title} — {posting.company_name}"  # the same in either language
    if posting.status is None or posting.status.value != "open":
        status = posting.status.value if posting.status is not None else "withdrawn"
        line += " " + t("apps.posting_closed_mark", status=t(f"search.status.{status}"))
    if posting.card is not None and posting.card.synthetic:
        line += " " + t("card.synthetic")
    return line


def number_line(posting: PostingRef) -> str:
    return t("apps.job_number", number=posting.job_number)


def unread_mark(count: int) -> str:
    return t("apps.unread_mark", count=count) if count else ""


def application_lines(item: ApplicationSummary) -> list[str]:
    """【選考中】 職種 — 事業所 / 自主応募・求人番号・応募日・結果日・未読."""
    head = state_mark(state_label(item.state.value)) + " " + title_line(item.posting)
    parts = [
        method_label(item.method.value),
        number_line(item.posting),
        t("apps.applied_on", date=jst_day(item.applied_at)),
    ]
    if item.result_at is not None:
        parts.append(t("apps.result_on", date=jst_day(item.result_at)))
    elif item.updated_at != item.applied_at:
        parts.append(t("apps.updated_on", date=jst_day(item.updated_at)))
    mark = unread_mark(item.unread_messages)
    if mark:
        parts.append(mark)
    return [head, "    " + "  ".join(parts)]


def application_text(item: ApplicationSummary) -> str:
    return "\n".join(application_lines(item))


def referral_state(item: Referral) -> str:
    return t(f"apps.referral_state.{item.state.value}")


def referral_lines(item: Referral) -> list[str]:
    head = state_mark(referral_state(item)) + " " + title_line(item.posting)
    detail = t(
        "apps.referral_detail",
        deadline=format_date(item.deadline),
        sent=jst_day(item.sent_at),
        office=item.office_name,
    )
    return [head, "    " + number_line(item.posting) + "  " + detail]


def referral_text(item: Referral) -> str:
    return "\n".join(referral_lines(item))


def request_lines(item: RequestPosting) -> list[str]:
    mark = t("apps.request_applied") + " " if item.application_id is not None else ""
    detail = t("apps.requested_on", date=jst_day(item.requested_at))
    return [mark + title_line(item.posting), "    " + number_line(item.posting) + "  " + detail]


def request_text(item: RequestPosting) -> str:
    return "\n".join(request_lines(item))


def preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


def thread_text(item: ThreadSummary) -> str:
    mark = unread_mark(item.unread) or (t("apps.read_mark") if item.messages else "　")
    head = f"{mark} " + state_mark(state_label(item.state.value)) + " " + title_line(item.posting)
    if item.last_message_at is None or item.last_sender is None:
        return head + "\n    " + number_line(item.posting) + "  " + t("msg.no_messages")
    who = t(f"msg.sender.{item.last_sender.value}")
    last = t("msg.last", time=format_jst(item.last_message_at), who=who)
    return head + "\n    " + number_line(item.posting) + "  " + last + "  " + preview(item.preview)


def notice_text(item: Notice) -> str:
    mark = t("apps.unread_notice") if item.read_at is None else t("apps.read_mark")
    head = f"{mark} " + t("msg.notice_from", subject=item.subject)
    return head + "\n    " + format_jst(item.created_at) + "  " + preview(item.body)
