"""Applying with a 志望動機: オンライン自主応募 to a posting that takes it (the seed's cautions
shown and acknowledged first), or to a posting Hello Work referred (オンラインハローワーク紹介,
before its deadline).

The 志望動機 is a local draft from the first key press (session/text_drafts.py): a refusal,
a network failure, an expired session (signed in again, the send is retried) or quitting the
app loses nothing, and sending it again carries the same Idempotency-Key, so a retry never
makes a second application. The draft is deleted once the server has the application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import NO_ANSWER, SignedInScreen
from session.text_drafts import TextDraft, motivation_draft
from strings.dates import format_date
from strings.i18n import get_language, t
from strings.problems import account_problem
from widgets.checkbox import TickBox
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.text_editor import TextEditor

if TYPE_CHECKING:
    from api_client.application_models import Application, Referral
    from api_client.client import MyPageClient
    from api_client.job_models import JobSheet


class ApplyScreen(SignedInScreen):
    DEFAULT_CSS = """
    ApplyScreen #cautions { border: tall $border-blurred; padding: 0 1; height: auto; }
    ApplyScreen #field-cautions_acknowledged { margin: 0 0 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Apply", id="apply.key.send", priority=True),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, job_number: str, referral_id: int | None = None) -> None:
        super().__init__()
        self.job_number = job_number
        self.referral_id = referral_id
        self.sheet: JobSheet | None = None
        self.referral: Referral | None = None
        self.restricted = False
        self.applied_id: int | None = None  # already applied to this posting
        self._draft: TextDraft | None = None
        self._sending = False

    @property
    def is_referral(self) -> bool:
        return self.referral_id is not None

    @property
    def draft(self) -> TextDraft:
        if self._draft is None:
            self._draft = TextDraft.open(
                self.services.drafts,
                self.services.user.email,
                motivation_draft(self.job_number, self.referral_id),
            )
        return self._draft

    def compose_content(self) -> ComposeResult:
        from api_client.application_models import MOTIVATION_MAX

        with VerticalScroll(classes="page", id="apply-page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="posting", classes="name", markup=False)
            yield Static("", id="state", markup=False)
            yield MessageLine(id="message")
            if not self.is_referral:
                with VerticalScroll(id="cautions"):
                    yield Static("", id="cautions-title", classes="section", markup=False)
                    yield Static("", id="cautions-body", markup=False)
                yield TickBox("", id="field-cautions_acknowledged")
            yield TextEditor(
                "apply.motivation", MOTIVATION_MAX, self.draft.text, id="field-motivation"
            )
            yield Static("", id="draft-note", classes="hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.editor.focus_text()
        self.load()

    @property
    def editor(self) -> TextEditor:
        return self.query_one("#field-motivation", TextEditor)

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def apply_language(self) -> None:
        from api_client.application_models import SELF_APPLICATION_CAUTIONS

        key = "apply.title_referral" if self.is_referral else "apply.title_self"
        self.query_one("#title", Static).update(t(key))
        if not self.is_referral:
            self.query_one("#cautions-title", Static).update(t("apply.cautions_title"))
            lang = 0 if get_language() == "ja" else 1
            body = "\n".join(f"・{pair[lang]}" for pair in SELF_APPLICATION_CAUTIONS)
            self.query_one("#cautions-body", Static).update(body)
            self.query_one("#field-cautions_acknowledged", TickBox).label = t("apply.acknowledge")
        note = "apply.draft_note_kiosk" if self.services.drafts.memory_only else "apply.draft_note"
        self.query_one("#draft-note", Static).update(t(note))
        self.editor.relabel()
        self._show()

    def _show(self) -> None:
        posting = self.query_one("#posting", Static)
        state = self.query_one("#state", Static)
        lines: list[str] = []
        if self.sheet is not None:
            company = self.sheet.company_name or t("apply.company_hidden")
            posting.update(
                t(
                    "apps.posting",
                    title=self.sheet.job_title,
                    company=company,
                    number=self.job_number,
                )
            )
            if not self.is_referral:
                accepts = "yes" if self.sheet.online_application else "no"
                lines.append(t(f"apply.accepts.{accepts}"))
        else:
            posting.update(t("apps.job_number", number=self.job_number))
        if self.referral is not None:
            lines.append(
                t(
                    "apply.referral_deadline",
                    deadline=format_date(self.referral.deadline),
                    office=self.referral.office_name,
                )
            )
        if self.applied_id is not None:
            lines.append(t("apply.already"))
        elif self.restricted and not self.is_referral:
            lines.append(t("error.self_application_restricted"))
        state.update("\n".join(lines))

    # ------------------------------------------------------------------ loading

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="apply-load")
    async def load(self) -> None:
        async def fetch(
            c: MyPageClient,
        ) -> tuple[JobSheet | None, Referral | None, bool, int | None]:
            from api_client import errors

            referral = None
            if self.referral_id is not None:
                found = await c.referrals()
                referral = next((r for r in found.items if r.id == self.referral_id), None)
            apps = await c.applications()
            applied = next(
                (a.id for a in apps.items if a.posting.job_number == self.job_number), None
            )
            try:
                sheet: JobSheet | None = await c.job_sheet(self.job_number)
            except errors.NotFound:
                sheet = None  # no longer open: applying says why
            return sheet, referral, apps.self_application.restricted, applied

        found = await self.call(
            fetch, busy=lambda: t("apply.loading"), failed="apply.load_failed", retry=self.load
        )
        if found is NO_ANSWER:
            return
        self.sheet, self.referral, self.restricted, self.applied_id = found
        self._show()

    # ------------------------------------------------------------------ the draft

    @on(TextEditor.Changed, "#field-motivation")
    def _typed(self, event: TextEditor.Changed) -> None:
        self.draft.keep(event.text)

    def on_unmount(self) -> None:
        if self._draft is not None:
            self._draft.flush()

    # ------------------------------------------------------------------ sending

    def _problems(self) -> bool:
        """Check before sending (the input stays either way); True if something is wrong."""
        from api_client.application_models import motivation_problems

        wrong = False
        problems = motivation_problems(self.editor.text)
        if problems:
            p = problems[0]
            self.editor.set_error(lambda: account_problem(p.code, "motivation", p.params))
            wrong = True
        if not self.is_referral:
            tick = self.query_one("#field-cautions_acknowledged", TickBox)
            if not tick.value:
                self.message.show(lambda: t("apply.must_acknowledge"), error=True)
                if not wrong:
                    tick.focus()
                return True
        if wrong:
            self.message.show(lambda: t("apply.fix_first"), error=True)
            self.editor.focus_text()
        return wrong

    def action_send(self) -> None:
        if self._sending or self._problems():
            return
        self.send()

    @work(exclusive=True, group="apply-send")
    async def send(self) -> None:
        text = self.editor.text
        key = self.draft.key
        self.draft.keep(text)
        self.draft.flush()  # on disk before it leaves: a crash now still has it
        acknowledged = (
            not self.is_referral and self.query_one("#field-cautions_acknowledged", TickBox).value
        )
        referral_id = self.referral_id

        async def submit(c: MyPageClient) -> Application:
            if referral_id is not None:
                return await c.apply_referral(referral_id, text, idempotency_key=key)
            return await c.apply(
                self.job_number, text, cautions_acknowledged=acknowledged, idempotency_key=key
            )

        self._sending = True
        try:
            done = await self.call(
                submit,
                busy=lambda: t("apply.sending"),
                failed="apply.failed",
                retry=self.send,
                fields=("motivation",),
            )
        finally:
            self._sending = False
        if done is NO_ANSWER:
            return
        self.draft.sent()
        title = done.posting.job_title
        self.app.notify(t("apply.done", title=title), title=t("apply.done_title"))
        self.services.back(self, done.id)
