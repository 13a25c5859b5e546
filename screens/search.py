"""求人検索: the condition form. Ctrl+S (or Enter in a text field) searches; the results open
on their own screen, so Esc there comes back here with every condition still filled in.

The form is long, so it has section keys: F6 lists the sections (a digit jumps to one),
Ctrl+N / Ctrl+P move to the next / previous one. F9 opens 番号検索 (求人番号 search, its own
screen as on the real site).

Searching runs in an exclusive worker (a newer search cancels an older one, and a response
that arrives for an older search is dropped); the screen never blocks while it waits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from screens.base import NO_ANSWER, ErrorHandlers, SignedInScreen
from session import places
from strings.i18n import get_language, t
from widgets.key_bar import KeyBar
from widgets.message_line import MessageLine
from widgets.search_form import SECTIONS, SearchForm, Section, api_field_errors

if TYPE_CHECKING:
    from api_client.job_models import JobSearchRequest, SavedSearch


class SearchScreen(SignedInScreen):
    DEFAULT_CSS = """
    /* Padding, not margin: a sibling's side margins narrow the form above it (Textual takes
       them off the width every 1fr child of the screen gets). */
    SearchScreen > MessageLine#message { padding: 0 3; border-top: hkey $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "search", "Search", id="search.key.search", priority=True),
        Binding("f2", "save", "Save conditions", id="search.key.save"),
        Binding("f3", "update_saved", "Update saved", id="search.key.update"),
        Binding("f4", "saved_list", "Saved conditions", id="search.key.saved"),
        Binding("f6", "sections", "Sections", id="search.key.sections"),
        Binding("ctrl+n", "section(1)", "Next section", id="search.key.next_section", show=False),
        Binding(
            "ctrl+p", "section(-1)", "Previous section", id="search.key.prev_section", show=False
        ),
        Binding("f7", "detail", "Detailed conditions", id="search.key.detail"),
        Binding("f8", "clear", "Clear", id="search.key.clear"),
        Binding("f9", "number_search", "Job number search", id="search.key.number_search"),
        Binding("delete", "clear_pick", show=False),
        Binding("f5", "reload_reference", show=False),
    ]

    def __init__(
        self, request: JobSearchRequest | None = None, saved: SavedSearch | None = None
    ) -> None:
        super().__init__()
        self.initial = saved.conditions if saved is not None else request
        self.saved = saved

    def compose_content(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="search-page"):
            yield Static("", id="title", classes="title", markup=False)
            yield Static("", id="intro", classes="intro", markup=False)
            yield Static("", id="editing", classes="hint", markup=False)
            yield MessageLine(id="reference-message")
            yield SearchForm(id="form")
        # Under the form, not at its end: saved, refused, the limit reached… are said where
        # the user is looking, however far down the form they are.
        yield MessageLine(id="message")
        yield KeyBar()

    @property
    def form(self) -> SearchForm:
        return self.query_one(SearchForm)

    @property
    def message(self) -> MessageLine:
        return self.query_one("#message", MessageLine)

    def on_mount(self) -> None:
        self.query_one("#category").focus()
        self.load_reference()

    def apply_language(self) -> None:
        self.query_one("#title", Static).update(t("search.title"))
        self.query_one("#intro", Static).update(t("search.intro"))
        editing = self.query_one("#editing", Static)
        editing.update(t("search.editing", title=self.saved.title) if self.saved else "")
        editing.display = self.saved is not None
        self.form.relabel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "update_saved":
            return self.saved is not None
        return super().check_action(action, parameters)

    # ------------------------------------------------------------------ reference data

    def action_reload_reference(self) -> None:
        self.load_reference()

    @work(exclusive=True, group="reference")
    async def load_reference(self) -> None:
        user = self.services.user
        ref = await self.call(
            user.load_reference,
            busy=lambda: t("search.loading_reference"),
            failed="search.reference_failed",
            retry=self.load_reference,
            line=self.query_one("#reference-message", MessageLine),
        )
        if ref is NO_ANSWER:
            return
        self.form.occupation_names = lambda code: ref.occupation_name(code, get_language())
        self.form.set_reference(ref.prefectures, ref.industries)
        if self.initial is not None:
            self.form.load(self.initial)
            self.name_classifications()

    @on(SearchForm.PrefectureChanged)
    def _prefecture_changed(self, event: SearchForm.PrefectureChanged) -> None:
        self.load_municipalities(event.slot, event.code)

    @work(group="municipalities")
    async def load_municipalities(self, slot: int, code: str) -> None:
        user = self.services.user
        munis = await self.call(
            lambda c: user.municipalities(c, code),
            failed="search.reference_failed",
            latest=f"municipalities-{slot}",
        )
        if munis is not NO_ANSWER:
            self.form.set_municipalities(slot, munis)

    @on(SearchForm.Pick)
    def _pick(self, event: SearchForm.Pick) -> None:
        ref = self.services.user.reference
        if ref is None:
            self.load_reference()
            return
        slot, form = event.slot, self.form
        if event.what == "desired":
            from widgets.desired_job_picker import DesiredJobPicker

            def desired(value: tuple[str, list[str]] | None) -> None:
                if value is not None:
                    form.set_desired(slot, value)

            self.services.push(self, DesiredJobPicker(ref.groups, form.desired[slot]), desired)
        elif event.what == "classification":
            current = form.classifications[slot]

            def classified(value: tuple[str, str] | None) -> None:
                if value is not None:
                    form.set_classification(slot, value)

            self.services.open(
                places.PickClassification(current[0] if current else ""), self, classified
            )
        elif event.what == "industries":
            self._pick_many(
                lambda: t("search.f.industries"),
                form.industry_options,
                form.industries,
                3,
                form.set_industries,
            )
        elif event.what == "municipalities":
            self.pick_municipalities(slot)

    def _pick_many(
        self,
        title: Callable[[], str],
        options: Callable[[], list[tuple[str, str]]],
        selected: list[str],
        limit: int,
        then: Callable[[list[str]], None],
    ) -> None:
        from widgets.multi_picker import MultiPicker

        def chosen(codes: list[str] | None) -> None:
            if codes is not None:
                then(codes)

        self.services.push(self, MultiPicker(title, options, selected, limit=limit), chosen)

    @work(group="municipalities")
    async def pick_municipalities(self, slot: int) -> None:
        form = self.form
        code = form.prefecture(slot)
        if not code:
            return
        if not form.municipality_options(slot):
            user = self.services.user
            munis = await self.call(
                lambda c: user.municipalities(c, code),
                failed="search.reference_failed",
                latest=f"municipalities-{slot}",
            )
            if munis is NO_ANSWER:
                return
            form.set_municipalities(slot, munis)
        self._pick_many(
            lambda: t("search.f.municipalities_of", prefecture=form.prefecture_name(code)),
            lambda: form.municipality_options(slot),
            form.municipalities[slot],
            5,
            lambda codes: form.set_chosen_municipalities(slot, codes),
        )

    @work(group="classification-names")
    async def name_classifications(self) -> None:
        """Names of 職業分類 codes loaded from a saved condition (the type-ahead knows codes)."""
        form = self.form
        for slot in form.unnamed_classifications():
            chosen = form.classifications[slot]
            if chosen is not None:
                name = await self._classification_name(chosen[0])
                if name and form.classifications[slot] == chosen:
                    form.set_classification(slot, (chosen[0], name))

    async def _classification_name(self, code: str) -> str:
        found = await self.call(lambda c: c.search_classifications(code, limit=1), quiet=True)
        if found is NO_ANSWER or not found.items or found.items[0].code != code:
            return ""
        return found.items[0].name_ja

    def action_clear_pick(self) -> None:
        self.form.clear_focused_pick()

    def action_sections(self) -> None:
        from widgets.section_menu import SectionMenu

        def chosen(number: int | None) -> None:
            if number is not None:
                self.form.focus_section(number)

        self.services.push(self, SectionMenu(self.form.section_of_focus()), chosen)

    def action_section(self, step: int) -> None:
        n = self.form.section_of_focus() + step
        self.form.focus_section((n - 1) % len(SECTIONS) + 1)

    def action_number_search(self) -> None:
        self.services.open(places.NumberSearch(), self)

    def action_detail(self) -> None:
        if self.form.toggle_detail():
            self.call_after_refresh(self.form.focus_section, SECTIONS.index(Section.wage) + 1)

    def action_clear(self) -> None:
        self.form.clear()
        self.message.show(None)

    # ------------------------------------------------------------------ searching

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_search()

    def action_search(self) -> None:
        request = self._request()
        if request is not None:
            self.run_search(request)

    def _request(self) -> JobSearchRequest | None:
        request, errors = self.form.build()
        homeless = self.form.show_errors(errors)
        if request is None:
            text = "\n".join([t("search.fix_fields"), *homeless])
            self.message.show(text, error=True)
            widget = self.form.first_error_widget()
            if widget is not None:
                widget.focus()
                # Once the errors and the message are laid out (the view got shorter): a
                # field that had the focus already is not scrolled to by focus().
                self.call_after_refresh(widget.scroll_visible, animate=False)
            return None
        return request

    @work(exclusive=True, group="search")
    async def run_search(self, request: JobSearchRequest) -> None:
        result = await self.call(
            lambda c: c.search_jobs(request),
            busy=lambda: t("search.searching"),
            failed="search.failed",
            retry=lambda: self.run_search(request),
            on=self._field_errors(),
            latest="search",
        )
        if result is not NO_ANSWER:
            # Not awaited: the push runs in the app's loop, so a newer search cancelling
            # this worker can never interrupt a half-mounted screen.
            self.services.open(places.Results(request, result), self)

    def _field_errors(self) -> ErrorHandlers:
        """The server found conditions it cannot use: say so next to them."""
        from api_client import errors

        def show(exc: errors.ValidationFailed) -> None:
            homeless = self.form.show_errors(api_field_errors(exc.fields))
            self.message.show("\n".join([t("search.fix_fields"), *homeless]), error=True)

        return {errors.ValidationFailed: show}

    # ------------------------------------------------------------------ saved conditions

    def action_save(self) -> None:
        request = self._request()
        if request is None:
            return

        def titled(title: str | None) -> None:
            if title:
                self.save_conditions(title, request)

        self.services.open(places.SavedSearchTitle("saved.prompt_title"), self, titled)

    @work(exclusive=True, group="save")
    async def save_conditions(self, title: str, request: JobSearchRequest) -> None:
        from api_client import errors

        saved = await self.call(
            lambda c: c.save_search(title, request),
            failed="saved.save_failed",
            retry=lambda: self.save_conditions(title, request),
            on={
                errors.LimitReached: lambda _: self.message.show(
                    lambda: t("saved.full"), error=True
                ),
                **self._field_errors(),
            },
        )
        if saved is not NO_ANSWER:
            self.message.show(lambda: t("saved.done", title=saved.title))

    def action_update_saved(self) -> None:
        request = self._request()
        if request is not None and self.saved is not None:
            self.update_saved(self.saved.id, request)

    @work(exclusive=True, group="save")
    async def update_saved(self, saved_id: int, request: JobSearchRequest) -> None:
        saved = await self.call(
            lambda c: c.update_saved_search(saved_id, conditions=request),
            failed="saved.save_failed",
            retry=lambda: self.update_saved(saved_id, request),
            on=self._field_errors(),
        )
        if saved is not NO_ANSWER:
            self.saved = saved
            self.message.show(lambda: t("saved.updated", title=saved.title))

    def action_saved_list(self) -> None:
        self.services.open(places.SavedSearches(), self)
