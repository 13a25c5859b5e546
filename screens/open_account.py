"""求職者マイページ開設: with an account creation code (seed 000 ④–⑥) or online (seed 001 ③).

Both documents are shown in full from the server; each 同意します box can be ticked only once
its document has been shown to the end, as on the real site. Then e-mail ×2 (and for the code:
求職番号, birth date, code) → 認証キー by mail → password ×2 + key → signed in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from api_client.registration_validation import (
    creation_code_problems,
    normalise_digits,
    parse_date,
)
from api_client.validation import (
    Problem,
    normalise_halfwidth,
    password_confirm_problems,
    password_problems,
    seeker_number_problems,
)
from screens.base import NO_ANSWER, AccountScreen, show_field_problems
from session import places
from session.errors import account_error_text, error_text
from strings.dates import format_jst
from strings.i18n import get_language, t
from strings.marks import ERROR, marked
from widgets.account_fields import (
    apply_normalised,
    check_email_pair,
    password_note,
    show_problems,
)
from widgets.checkbox import TickBox
from widgets.date_field import DateField
from widgets.document_view import DocumentView
from widgets.field import Field
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.push_button import PushButton

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.profile_models import Document, DocumentKind, KeySent

Mode = Literal["code", "online"]
DOCUMENTS = ("privacy", "terms")


class OpenAccountScreen(AccountScreen):
    """Agreement and the details that get a 認証キー mailed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send key", id="key.send_key"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self, mode: Mode) -> None:
        super().__init__()
        self.mode: Mode = mode
        self.documents: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            for kind in DOCUMENTS:
                yield Static("", id=f"doc-title-{kind}", classes="section", markup=False)
                yield Static("", id=f"doc-hint-{kind}", classes="hint", markup=False)
                yield DocumentView(id=f"doc-{kind}")
                yield TickBox("", id=f"agree-{kind}", disabled=True)
                yield Static(
                    "", id=f"agree-error-{kind}", classes="field--error-line", markup=False
                )
            yield Field("", input_id="email", max_length=300)
            yield Field("", input_id="email_confirm", max_length=300)
            if self.mode == "code":
                yield Field("", input_id="seeker_number", max_length=40)
                yield DateField(input_id="birth_date")
                yield Field("", input_id="creation_code", max_length=40)
            yield PushButton("", id="send", variant="primary")
            yield MessageLine(id="message")
            yield from self._links()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#doc-privacy", DocumentView).focus()
        self.load_documents()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t(f"open.title_{self.mode}"))
        self.query_one("#intro", Static).update(t(f"open.intro_{self.mode}"))
        for kind in DOCUMENTS:
            self._show_document(kind)
            box = self.query_one(f"#agree-{kind}", TickBox)
            box.label = t(f"open.agree_{kind}") + (
                "" if not box.disabled else " " + t("open.agree_locked")
            )
        self.query_one("#field-email", Field).set_label(t("field.email"), t("open.email_hint"))
        self.query_one("#field-email_confirm", Field).set_label(t("field.email_confirm"))
        if self.mode == "code":
            self.query_one("#field-seeker_number", Field).set_label(
                t("field.seeker_number"), t("open.seeker_number_hint")
            )
            birth = self.query_one("#field-birth_date", DateField)
            birth.set_label(t("field.birth_date"), (t("date.year"), t("date.month"), t("date.day")))
            birth.rebuild_messages()
            self.query_one("#field-creation_code", Field).set_label(
                t("field.creation_code"), t("open.code_hint")
            )
        self.query_one("#send", PushButton).label = t("open.send")
        self._label_links()

    # ------------------------------------------------------------------ documents

    def action_reload(self) -> None:
        self.load_documents()

    @work(exclusive=True, group="documents")
    async def load_documents(self) -> None:
        from api_client.profile_models import DocumentKind

        for kind in DOCUMENTS:
            if kind in self.documents:
                continue
            hint = self.query_one(f"#doc-hint-{kind}", Static)
            hint.update(t("open.doc_loading"))
            document = await self.call(
                self._document_of(DocumentKind(kind)),
                quiet=True,
                on={Exception: self._doc_failed(hint)},
            )
            if document is NO_ANSWER:
                continue
            self.documents[kind] = document
            self._show_document(kind)

    @staticmethod
    def _document_of(kind: DocumentKind) -> Callable[[MyPageClient], Awaitable[Document]]:
        return lambda c: c.document(kind)

    @staticmethod
    def _doc_failed(hint: Static) -> Callable[[BaseException], None]:
        return lambda exc: hint.update(t("open.doc_failed", reason=error_text(exc)()))

    def _show_document(self, kind: str) -> None:
        doc = self.documents.get(kind)
        if doc is None:
            return
        ja = get_language() == "ja"
        title = doc.title_ja if ja else doc.title_en
        self.query_one(f"#doc-title-{kind}", Static).update(f"{title}（{doc.version}）")
        self.query_one(f"#doc-hint-{kind}", Static).update(t("open.doc_hint"))
        self.query_one(f"#doc-{kind}", DocumentView).set_text(doc.body_ja if ja else doc.body_en)

    @on(DocumentView.ReadToEnd)
    def _read(self, event: DocumentView.ReadToEnd) -> None:
        kind = (event.view.id or "").removeprefix("doc-")
        if kind in DOCUMENTS:
            box = self.query_one(f"#agree-{kind}", TickBox)
            box.disabled = False
            box.label = t(f"open.agree_{kind}")

    @on(TickBox.Changed)
    def _ticked(self, event: TickBox.Changed) -> None:
        kind = (event.checkbox.id or "").removeprefix("agree-")
        if kind in DOCUMENTS and event.value:
            self.query_one(f"#agree-error-{kind}", Static).update("")

    # ------------------------------------------------------------------ sending

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        last = "creation_code" if self.mode == "code" else "email_confirm"
        if event.input.id == last:
            self.action_send()
        else:
            self.focus_next()

    @on(PushButton.Pressed, "#send")
    def action_send(self) -> None:
        ok = True
        agreed: dict[str, bool] = {}
        for kind in DOCUMENTS:
            box = self.query_one(f"#agree-{kind}", TickBox)
            agreed[kind] = box.value
            line = self.query_one(f"#agree-error-{kind}", Static)
            if not box.value:
                ok = False
                line.update(marked(ERROR, t("open.must_read")))
            else:
                line.update("")
        email = check_email_pair(
            self.query_one("#field-email", Field),
            self.query_one("#field-email_confirm", Field),
            ("email", "email_confirm"),
        )
        ok = ok and email is not None
        extra: dict[str, str] = {}
        if self.mode == "code":
            number_field = self.query_one("#field-seeker_number", Field)
            typed = number_field.value
            number = apply_normalised(number_field, typed, normalise_digits(typed))
            ok = show_problems(number_field, "seeker_number", seeker_number_problems(number)) and ok
            birth_field = self.query_one("#field-birth_date", DateField)
            birth = normalise_digits(birth_field.value).value
            born, problems = parse_date(birth)
            ok = show_problems(birth_field, "birth_date", problems) and ok
            code_field = self.query_one("#field-creation_code", Field)
            typed = code_field.value
            code = apply_normalised(code_field, typed, normalise_halfwidth(typed.strip()))
            code = code.upper()
            ok = show_problems(code_field, "creation_code", creation_code_problems(code)) and ok
            extra = {
                "seeker_number": number,
                "birth_date": born.isoformat() if born else birth,
                "creation_code": code,
            }
        message = self.query_one("#message", MessageLine)
        if not ok or email is None:
            message.show(lambda: t("open.check_fields"), error=True)
            return
        self.send(email, agreed, extra)

    @work(exclusive=True, group="open")
    async def send(self, email: str, agreed: dict[str, bool], extra: dict[str, str]) -> None:
        from api_client.profile_models import OpenOnlineRequest, OpenWithCodeRequest

        button = self.query_one("#send", PushButton)
        button.disabled = True
        message = self.query_one("#message", MessageLine)
        common = {
            "agreed_privacy": agreed["privacy"],
            "agreed_terms": agreed["terms"],
            "email": email,
            "email_confirm": email,
        }

        async def send(client: MyPageClient) -> KeySent:
            if self.mode == "code":
                return await client.open_with_code(OpenWithCodeRequest(**common, **extra))
            return await client.open_online(OpenOnlineRequest(**common))

        def failed(exc: BaseException) -> None:
            message.show(account_error_text(exc), error=True)
            names = ("email", "email_confirm", "seeker_number", "birth_date", "creation_code")
            show_field_problems(self, exc, names)

        try:
            sent = await self.call(send, busy=lambda: t("open.sending"), on={Exception: failed})
        finally:
            button.disabled = False
        if sent is NO_ANSWER:
            return
        self.services.push(self, OpenConfirmScreen(email, self.mode, sent.expires_at))


class OpenConfirmScreen(AccountScreen):
    """Password ×2 + the 認証キー from the mail."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "Register", id="key.submit"),
    ]

    def __init__(self, email: str, mode: Mode, expires_at: datetime) -> None:
        super().__init__()
        self.email = email
        self.mode: Mode = mode
        self.expires_at = expires_at

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Field("", input_id="password", password=True, max_length=256)
            yield Field("", input_id="password_confirm", password=True, max_length=256)
            yield Field("", input_id="auth_key", max_length=64)
            yield PushButton("", id="finish", variant="primary")
            yield MessageLine(id="message")
            yield from self._links()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#password", Input).focus()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("open.confirm_title"))
        until = format_jst(self.expires_at)
        self.query_one("#intro", Static).update(
            t("open.confirm_intro", email=self.email, until=until)
        )
        pw = self.query_one("#field-password", Field)
        pw.set_label(t("field.password"))
        pw.set_note(password_note(pw.value))
        self.query_one("#field-password_confirm", Field).set_label(t("field.password_confirm"))
        self.query_one("#field-auth_key", Field).set_label(t("field.auth_key"))
        self.query_one("#finish", PushButton).label = t("open.finish")
        self._label_links()

    @on(Input.Changed, "#password")
    def _password_typed(self, event: Input.Changed) -> None:
        self.query_one("#field-password", Field).set_note(password_note(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "auth_key":
            self.action_finish()
        else:
            self.focus_next()

    @on(PushButton.Pressed, "#finish")
    def action_finish(self) -> None:
        pw = self.query_one("#field-password", Field)
        confirm = self.query_one("#field-password_confirm", Field)
        key = self.query_one("#field-auth_key", Field)
        auth_key = normalise_halfwidth(key.value.strip()).value
        key.value = auth_key
        required = [Problem("required")]
        checks = [
            (pw, "password", password_problems(pw.value) if pw.value else required),
            (
                confirm,
                "password_confirm",
                password_confirm_problems(pw.value, confirm.value) if confirm.value else required,
            ),
            (key, "auth_key", [] if auth_key else required),
        ]
        first_bad: Field | None = None
        for field, name, problems in checks:
            if not show_problems(field, name, problems) and first_bad is None:
                first_bad = field
        if first_bad is not None:
            first_bad.input.focus()
            return
        self.finish(auth_key, pw.value, confirm.value)

    @work(exclusive=True, group="open-confirm")
    async def finish(self, auth_key: str, password: str, password_confirm: str) -> None:
        button = self.query_one("#finish", PushButton)
        button.disabled = True

        fields = ("password", "password_confirm", "auth_key")
        try:
            signed_in = await self.call(
                lambda c: c.confirm_opening(self.email, auth_key, password, password_confirm),
                busy=lambda: t("open.finishing"),
                on={Exception: lambda exc: self.key_step_failed(exc, fields)},
            )
        finally:
            button.disabled = False
        if signed_in is NO_ANSWER:
            return
        self.app.notify(t("open.done"))
        if signed_in.has_registration:
            self.services.go_home(self.email)
        else:
            self.services.go_home(self.email, then=places.Registration())
