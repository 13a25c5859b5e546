"""求職情報の登録 — the 7-step job-seeker registration wizard (SPEC §2 Profile, seed 001 ③).

Steps are tabs 1–7 that can be visited in any order (F6/F7 or Ctrl+PageUp/PageDown, or the
digits on the focused tab bar). Nothing typed is ever lost: every change goes to a local draft
(session/drafts.py) at once, each step is stored on the server as a draft when it is left or saved,
and an error only adds messages next to the fields — it never clears anything.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, ContentSwitcher, Input, RadioSet, Static

from api_client.profile_models import STEP_COUNT, STEP_KEYS, ResolvedAddress, StepResult
from api_client.profile_rules import check_step
from api_client.registration_validation import POSTAL_RE, normalise_digits
from screens.base import NO_ANSWER, ReferenceScreen
from session import places
from session.errors import error_text, step_problems
from session.places import PaneId
from strings.i18n import t
from widgets.code_field import CodeField
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.push_button import PushButton
from widgets.step_form import StepForm, step_name, step_problem_text, to_body
from widgets.step_tabs import StepTabs

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.profile_models import RegistrationCompleted

DRAFT_NAME = "registration"
Problems = list[tuple[str, str, dict[str, Any]]]


class RegistrationScreen(ReferenceScreen):
    # The steps take the rest of the page: left to its content's height, a step scrolled
    # under the key line at 80×24 and the focus went to fields hidden there.
    DEFAULT_CSS = """
    RegistrationScreen #steps { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # F6/F7 reach the app through every terminal, tmux and the Linux console;
        # Ctrl+PageUp/PageDown do not everywhere.
        Binding("f6,ctrl+pageup", "move(-1)", "Previous", key_display="F6", id="key.reg.prev"),
        Binding("f7,ctrl+pagedown", "move(1)", "Next", key_display="F7", id="key.reg.next"),
        Binding("ctrl+s", "save", "Save", id="key.reg.save"),
        Binding("ctrl+f", "complete", "Complete", id="key.reg.complete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.current = 1
        self._restoring = True
        self._address: ResolvedAddress | None = None

    # ------------------------------------------------------------------ layout

    def compose_content(self) -> ComposeResult:
        with Vertical(classes="page"):
            yield Static("", id="title", classes="title", markup=False)
            yield StepTabs([""] * STEP_COUNT, id="tabs")
            yield MessageLine(id="message")
            with ContentSwitcher(initial="step-1", id="steps"):
                for n in range(1, STEP_COUNT + 1):
                    with VerticalScroll(id=f"step-{n}"):
                        yield Static("", classes="section", id=f"step-title-{n}", markup=False)
                        yield StepForm(n)
                        last = n == STEP_COUNT
                        yield PushButton(
                            "",
                            id=f"next-{n}",
                            variant="primary",
                            classes="-complete" if last else "",
                        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("reg.title"))
        tabs = self.query_one("#tabs", StepTabs)
        tabs.set_names([step_name(n) for n in range(1, STEP_COUNT + 1)])
        for n in range(1, STEP_COUNT + 1):
            self.query_one(f"#step-title-{n}", Static).update(f"{n} {step_name(n)}")
            self.form(n).relabel()
            label = t("reg.complete") if n == STEP_COUNT else t("reg.next")
            key = "Ctrl+F" if n == STEP_COUNT else "F7"
            self.query_one(f"#next-{n}", PushButton).label = f"{label} ({key})"
        if self._address is not None:
            self.form(1).show_address(self._address)
        if not self._restoring:
            self.name_codes()  # names in the new language

    def form(self, n: int) -> StepForm:
        return self.query_one(f"#form-{n}", StepForm)

    @property
    def email(self) -> str | None:
        return self.services.signed_in_email

    # ------------------------------------------------------------------ loading

    @work(exclusive=True, group="reg-load")
    async def load(self) -> None:
        message = self.query_one("#message", MessageLine)
        local = self._local_draft()
        server_steps: dict[int, dict[str, Any]] = {}
        states: dict[int, bool] = {}
        failure: list[BaseException] = []
        view = await self.call(
            lambda c: c.registration(),
            busy=lambda: t("reg.loading"),
            retry=self.load,
            on={Exception: failure.append},  # the local draft is still worth showing
        )
        if failure:
            reason = error_text(failure[0])
            message.show(lambda: t("reg.load_failed", reason=reason()), error=True)
        elif view is NO_ANSWER:
            return  # signing in again (it loads again then)
        else:
            if view.registered:
                self._forget_draft()
                message.show(lambda: t("reg.already_registered"))
                self._restoring = False
                return
            dumped = view.steps.model_dump(mode="json")
            server_steps = {n: dumped[key] for n, key in STEP_KEYS.items()}
            states = {s.step: s.complete for s in view.states}
            self._address = view.address
        saved = local.get("steps", {}) if local else {}
        for n in range(1, STEP_COUNT + 1):
            values = saved.get(str(n)) or server_steps.get(n)
            if values:
                self.form(n).fill(values)
        tabs = self.query_one("#tabs", StepTabs)
        for n, complete in states.items():
            tabs.set_state(n, "done" if complete else "todo")
        self.form(1).show_address(self._address)
        step = int(local.get("step", 0)) if local else 0
        if not 1 <= step <= STEP_COUNT:
            step = next((n for n in range(1, STEP_COUNT + 1) if not states.get(n)), 1)
        if local:
            self.app.notify(t("reg.draft_restored"))
        self._restoring = False
        self.show_step(step)
        self.name_codes()

    def _local_draft(self) -> dict[str, Any] | None:
        if self.email is None:
            return None
        return self.services.drafts.load(self.email, DRAFT_NAME)

    # ------------------------------------------------------------------ local draft

    def _remember(self) -> None:
        if self._restoring or self.email is None:
            return
        steps = {str(n): self.form(n).collect() for n in range(1, STEP_COUNT + 1)}
        self.services.drafts.update(self.email, DRAFT_NAME, {"step": self.current, "steps": steps})

    def _forget_draft(self) -> None:
        if self.email is not None:
            self.services.drafts.clear(self.email, DRAFT_NAME)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(RadioSet.Changed)
    @on(CodeField.Changed)
    def _changed(
        self, event: Input.Changed | Checkbox.Changed | RadioSet.Changed | CodeField.Changed
    ) -> None:
        self._remember()
        if isinstance(event, Input.Changed) and event.input.id == "s1-postal_code":
            code = normalise_digits(event.value).value
            if POSTAL_RE.match(code):
                self.lookup_postal_code()

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.focus_next()  # Enter in a field moves on, as Tab does

    # ------------------------------------------------------------------ navigation

    def show_step(self, n: int, *, focus: bool = True) -> None:
        self.current = n
        self.query_one("#steps", ContentSwitcher).current = f"step-{n}"
        self.query_one("#tabs", StepTabs).current = n
        self._remember()
        if focus:
            self.form(n).focus_first()

    def go_to(self, n: int) -> None:
        if not 1 <= n <= STEP_COUNT or n == self.current:
            return
        leaving = self.current
        self.show_step(n)
        self.save_step(leaving, quiet=True)  # keep the server draft in step, in the background

    def action_step(self, n: int) -> None:
        self.go_to(n)

    def action_move(self, delta: int) -> None:
        self.go_to(self.current + delta)

    @on(StepTabs.Selected)
    def _tab_selected(self, event: StepTabs.Selected) -> None:
        self.go_to(event.step)
        self.query_one("#tabs", StepTabs).focus()

    def action_back(self) -> None:
        self.services.drafts.flush()
        self.save_step(self.current, quiet=True)
        self.dismiss()

    def action_save(self) -> None:
        self.save_step(self.current, quiet=False)

    @on(PushButton.Pressed)
    def _button(self, event: PushButton.Pressed) -> None:
        if event.button.id and event.button.id.startswith("next-"):
            if self.current == STEP_COUNT:
                self.action_complete()
            else:
                self.save_step(self.current, quiet=False, advance=True)

    # ------------------------------------------------------------------ saving a step

    def _step_body(self, n: int) -> Any:
        return to_body(n, self.form(n).collect())

    def _show_step_result(self, n: int, problems: Problems) -> list[str]:
        form = self.form(n)
        form.clear_errors()
        orphans = form.show_problems(problems)
        self.query_one("#tabs", StepTabs).set_state(n, "error" if problems else "done")
        return orphans

    def _local_problems(self, n: int) -> Problems:
        check = check_step(n, self._step_body(n), date.today())
        return [(path, p.code, dict(p.params)) for path, p in check.problems]

    @work(group="reg-save")
    async def save_step(self, n: int, *, quiet: bool, advance: bool = False) -> None:
        message = self.query_one("#message", MessageLine)

        def failed(exc: BaseException) -> None:
            problems = step_problems(exc).get(n) or self._local_problems(n)
            orphans = self._show_step_result(n, problems)
            reason = error_text(exc)
            message.show(
                lambda: t("reg.save_failed", step=n, reason=reason()) + "".join(orphans),
                error=True,
            )

        result = await self.call(
            lambda c: c.save_registration_step(n, self._step_body(n)),
            busy=None if quiet else (lambda: t("reg.saving", step=n)),
            retry=lambda: self.save_step(n, quiet=quiet),
            on={Exception: failed},
        )
        if result is NO_ANSWER:
            return
        self._apply_result(n, result)
        problems = [(fe.field, fe.code, dict(fe.params)) for fe in result.errors]
        if problems:
            if not quiet:
                count = len(problems)
                message.show(lambda: t("reg.step_has_errors", step=n, count=count), error=True)
                first = problems[0][0]
                if self.current == n:
                    self.form(n).focus_path(first)
            return
        if not quiet:
            message.show(lambda: t("reg.step_saved", step=n))
        if advance and self.current == n and n < STEP_COUNT:
            self.show_step(n + 1)

    def _apply_result(self, n: int, result: StepResult) -> None:
        form = self.form(n)
        problems = [(fe.field, fe.code, dict(fe.params)) for fe in result.errors]
        self._show_step_result(n, problems)
        form.show_normalised([(x.field, x.before, x.after) for x in result.normalised])
        if n == 1:
            self._address = result.address
            form.show_address(result.address)
        self._remember()

    @work(exclusive=True, group="reg-postal")
    async def lookup_postal_code(self) -> None:
        """A complete postal code: ask the server (stores step 1 as a draft) for the address
        and the office; only the postal code's own message is shown meanwhile."""
        result = await self.call(
            lambda c: c.save_registration_step(1, self._step_body(1)),
            quiet=True,  # the normal save reports failures; typing goes on undisturbed
            on={Exception: lambda _: None},
            latest="postal",
        )
        if result is NO_ANSWER:
            return
        form = self.form(1)
        self._address = result.address
        form.show_address(result.address)
        postal = [(fe.field, fe.code, dict(fe.params)) for fe in result.errors]
        postal = [p for p in postal if p[0] == "postal_code"]
        form.clear_errors("postal_code")
        form.show_problems(postal)

    # ------------------------------------------------------------------ completion

    def action_complete(self) -> None:
        self.complete()

    @work(exclusive=True, group="reg-complete")
    async def complete(self) -> None:
        message = self.query_one("#message", MessageLine)

        def failed(exc: BaseException) -> None:
            by_step = step_problems(exc)
            if by_step:
                self._show_all_problems(by_step)
                return
            reason = error_text(exc)
            message.show(lambda: t("reg.complete_failed", reason=reason()), error=True)

        async def save_all_and_complete(client: MyPageClient) -> RegistrationCompleted:
            await self._save_all(client)
            return await client.complete_registration()

        done = await self.call(
            save_all_and_complete,
            busy=lambda: t("reg.completing"),
            retry=self.complete,
            on={Exception: failed},
        )
        if done is NO_ANSWER:
            return
        self._forget_draft()
        self.services.open(
            places.RegistrationDone(done.seeker_number, done.office_name), self, self._to_home
        )

    def _to_home(self, _: object) -> None:
        """The wizard closes and Home is shown (it reloads, now with the 求職番号)."""
        self.dismiss()
        self.services.show_pane(PaneId.home)

    async def _save_all(self, client: MyPageClient) -> None:
        for n in range(1, STEP_COUNT + 1):
            self._apply_result(n, await client.save_registration_step(n, self._step_body(n)))

    def _show_all_problems(self, by_step: dict[int, Problems]) -> None:
        tabs = self.query_one("#tabs", StepTabs)
        for n in range(1, STEP_COUNT + 1):
            problems = by_step.get(n, [])
            self._show_step_result(n, problems)
            tabs.set_state(n, "error" if problems else "done")
        bad = sorted(n for n in by_step if by_step[n] and 1 <= n <= STEP_COUNT)
        count = sum(len(v) for v in by_step.values())
        names = "、".join(f"{n} {step_name(n)}" for n in bad)
        first = bad[0] if bad else self.current

        def text() -> str:
            summary = t("reg.complete_errors", count=count, steps=names)
            if not bad:
                return summary
            path, code, params = by_step[first][0]
            return (
                summary
                + " "
                + t("reg.first_error", text=step_problem_text(first, path, code, params))
            )

        self.query_one("#message", MessageLine).show(text, error=True)
        if bad:
            self.show_step(first, focus=False)
            self.form(first).focus_path(by_step[first][0][0])
