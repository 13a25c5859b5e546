"""求職者情報 — everything registered, by section; 1–7 change a section with the wizard's form
and rules, S opens the settings. Without a registration yet, the wizard opens instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from api_client.profile_models import STEP_COUNT, STEP_KEYS
from screens.base import NO_ANSWER, ReferenceScreen
from session import places
from session.errors import error_text, step_problems
from strings.dates import format_date
from strings.i18n import t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.push_button import PushButton
from widgets.step_form import (
    STEPS,
    Spec,
    StepForm,
    address_text,
    field_title,
    step_name,
    to_body,
    value_at,
)

if TYPE_CHECKING:
    from api_client.profile_models import ProfileView
    from widgets.code_field import CodeKind
    from widgets.reference_pickers import CodeNames


def _shown(spec: Spec, value: Any, names: CodeNames | None) -> str | None:
    """A value as text, or None when empty; a code by its name (and the code)."""
    if value in (None, "", [], False):
        return None
    if spec.kind == "code":
        name = names.name(spec.options[0], str(value)) if names else None  # type: ignore[arg-type]
        return t("code.named", name=name, code=value) if name else str(value)
    if spec.kind == "bool":
        return t(f"reg.o.{spec.name}.{'true' if value else 'false'}")
    if spec.kind == "check":
        return t("profile.yes")
    if spec.kind == "multi" and isinstance(value, list):
        return "、".join(t(f"reg.o.{spec.name}.{v}") for v in value)
    if spec.kind == "radio":
        return t(f"reg.o.{spec.name}.{value}")
    return str(value)


def section_text(step: int, values: dict[str, Any], names: CodeNames | None = None) -> str:
    lines = []
    for spec in STEPS[step]:
        text = _shown(spec, value_at(values, spec.path), names)
        if text is not None:
            lines.append(f"  {field_title(spec.path)}: {text}")
    return "\n".join(lines) if lines else "  " + t("profile.empty")


class ProfileScreen(ReferenceScreen):
    # Focus shown by a border, not the app-wide outline: Textual drew the outline's bottom
    # row of this scrolled page with the top's corners (a stray ┏━┓ over the key line). A
    # blank border while unfocused keeps the width, so nothing re-wraps on focus.
    DEFAULT_CSS = """
    ProfileScreen #profile-page { border: blank; }
    ProfileScreen #profile-page:focus { outline: none; border: heavy $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "edit(1)", "Change", id="key.edit_section", key_display="1…7"),
        *[Binding(str(n), f"edit({n})", show=False) for n in range(2, STEP_COUNT + 1)],
        Binding("s", "settings", "Settings", id="key.settings"),
        Binding("r", "register", "Register", id="key.register"),
        Binding("f5", "reload", "Reload", id="key.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: ProfileView | None = None
        self.registered: bool | None = None  # None: not known yet
        self.names: CodeNames | None = None

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="profile-page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="header", markup=False)
            yield Static("", id="keys", classes="hint", markup=False)
            yield MessageLine(id="message")
            for n in range(1, STEP_COUNT + 1):
                yield Static("", id=f"section-title-{n}", classes="section", markup=False)
                yield Static("", id=f"section-{n}", markup=False)
            yield PushButton("", id="settings", classes="link")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#profile-page").focus()
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("profile.title"))
        self.query_one("#keys", Static).update(t("profile.keys"))
        self.query_one("#settings", PushButton).label = t("settings.title") + " (S)"
        for n in range(1, STEP_COUNT + 1):
            self.query_one(f"#section-title-{n}", Static).update(f"{n} {step_name(n)}  [{n}]")
        self._show()

    def _show(self) -> None:
        view = self.view
        if view is None:
            return
        status = t(f"settings.status.{view.registration_status.value}")
        until = (
            t("profile.until", date=format_date(view.registration_valid_until))
            if view.registration_valid_until and view.registration_status.value == "valid"
            else ""
        )
        self.query_one("#header", Static).update(
            t(
                "profile.header",
                number=view.seeker_number,
                office=view.office_name or "—",
                status=status,
                until=until,
            )
        )
        dumped = view.steps.model_dump(mode="json")
        for n, key in STEP_KEYS.items():
            text = section_text(n, dumped[key], self.names)
            if n == 1 and view.address is not None:
                text += "\n  " + address_text(view.address)
            self.query_one(f"#section-{n}", Static).update(text)

    def action_reload(self) -> None:
        self.load()

    @work(exclusive=True, group="profile")
    async def load(self) -> None:
        from api_client import errors

        view = await self.call(
            lambda c: c.profile(),
            busy=lambda: t("profile.loading"),
            failed="profile.load_failed",
            retry=self.load,
            on={errors.NotFound: self._not_registered},
            latest="profile",
        )
        if view is NO_ANSWER:
            return
        self.view = view
        self.registered = True
        self.refresh_bindings()
        self._show()
        dumped = view.steps.model_dump(mode="json")
        codes: list[tuple[CodeKind, str]] = [
            (spec.options[0], str(value))  # type: ignore[misc]
            for n, key in STEP_KEYS.items()
            for spec in STEPS[n]
            if spec.kind == "code" and (value := value_at(dumped[key], spec.path))
        ]
        if codes:
            self.names = await self.code_names(codes)
            self._show()

    def _not_registered(self, _: object) -> None:
        """No registration yet: the wizard opens over this pane's first screen."""
        self.registered = False
        self.refresh_bindings()
        self.query_one("#message", MessageLine).show(lambda: t("profile.not_registered"))
        self.action_register()

    def on_screen_resume(self) -> None:
        if self.registered is False:
            self.load()  # back from the wizard: registered now, perhaps

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "register":
            return self.registered is False
        if action == "edit":
            return self.registered is not False
        return super().check_action(action, parameters)

    def action_register(self) -> None:
        self.services.open(places.Registration(), self)

    def action_edit(self, step: int) -> None:
        if self.view is None:
            return
        values = self.view.steps.model_dump(mode="json")[STEP_KEYS[step]]

        def after(changed: bool | None) -> None:
            if changed:
                self.load()

        self.services.push(self, ProfileEditScreen(step, values), after)

    def action_settings(self) -> None:
        self.services.open(places.Settings(), self)

    @on(PushButton.Pressed, "#settings")
    def _settings(self) -> None:
        self.action_settings()


class ProfileEditScreen(ReferenceScreen):
    """One section, with the wizard's form; nothing is stored while anything is wrong."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="key.save"),
        Binding("escape", "back", "Back", id="key.back"),
    ]

    def __init__(self, step: int, values: dict[str, Any]) -> None:
        super().__init__()
        self.step = step
        self.values = values

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield MessageLine(id="message")
            yield StepForm(self.step)
            yield PushButton("", id="save", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        form = self.query_one(StepForm)
        form.fill(self.values)
        form.focus_first()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(
            t("profile.edit_title", step=self.step, name=step_name(self.step))
        )
        self.query_one(StepForm).relabel()
        self.query_one("#save", PushButton).label = t("profile.save")
        self.name_codes()  # after the form is filled (on mount) and on a language switch

    def action_back(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.focus_next()

    @on(PushButton.Pressed, "#save")
    def action_save(self) -> None:
        self.save()

    @work(exclusive=True, group="profile-save")
    async def save(self) -> None:
        form = self.query_one(StepForm)
        message = self.query_one("#message", MessageLine)

        def failed(exc: BaseException) -> None:
            problems = step_problems(exc)
            form.clear_errors()
            orphans = form.show_problems([p for items in problems.values() for p in items])
            reason = error_text(exc)
            message.show(
                lambda: t("profile.save_failed", reason=reason()) + "".join(orphans), error=True
            )
            if problems:
                first = next(iter(problems.values()))[0][0]
                form.focus_path(first)

        result = await self.call(
            lambda c: c.update_profile(self.step, to_body(self.step, form.collect())),
            busy=lambda: t("profile.saving"),
            retry=self.save,
            on={Exception: failed},
        )
        if result is NO_ANSWER:
            return
        form.clear_errors()
        form.show_normalised([(x.field, x.before, x.after) for x in result.normalised])
        message.show(lambda: t("profile.saved"))
        self.notify_when_shown(t("profile.saved"))
        self.dismiss(True)
