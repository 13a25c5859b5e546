"""The real search form in the TUI, by keys only at 80×24, against the real server: section
keys, the 希望する職種 / 職業分類 / municipality / 産業分類 pickers, the detailed conditions
round-tripping through a saved condition, and 番号検索 as its own screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from api_client.job_models import JobSearchRequest
from screens.classification_picker import ClassificationPicker
from screens.job_sheet import JobSheetScreen
from screens.number_search import NumberSearchScreen
from screens.results import ResultsScreen
from screens.search import SearchScreen
from screens.title_prompt import TitleModal
from tests.tui.flows import database_with_postings, focus, open_search
from tests.tui.helpers import field_error, press_times, screen_text, settle, type_text
from tests.tui.support import TuiServer
from tui.app import HelloWorkApp
from widgets.desired_job_picker import DesiredJobPicker
from widgets.field import Field
from widgets.multi_picker import MultiPicker
from widgets.search_form import SearchForm
from widgets.section_menu import SectionMenu

SIZE = (80, 24)


@pytest.fixture
def database_url(_template_db: Path, tmp_path: Path) -> str:
    return database_with_postings(_template_db, tmp_path)


def form_of(pilot: Pilot[object]) -> SearchForm:
    return pilot.app.screen.query_one(SearchForm)


def focused_id(pilot: Pilot[object]) -> str:
    focused = pilot.app.focused
    return (focused.id or "") if focused is not None else ""


def visible(pilot: Pilot[object]) -> bool:
    """The focused control lies inside the screen (not scrolled or clipped out of reach)."""
    focused = pilot.app.focused
    assert focused is not None
    region = focused.region
    width, height = pilot.app.size
    return region.height > 0 and region.y >= 0 and region.bottom <= height and region.right <= width


async def choose(pilot: Pilot[object], select_id: str, value: str) -> None:
    """Open a dropdown with Enter and move down to `value` with the arrow keys."""
    await focus(pilot, select_id)
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    await pilot.press("enter")
    await settle(pilot)
    values = [v for _, v in select._options]
    overlay = pilot.app.focused
    assert isinstance(overlay, OptionList)
    if overlay.highlighted is not None and value in values:
        await press_times(pilot, "down", values.index(value) - overlay.highlighted)
    for _ in range(len(values)):
        overlay = pilot.app.focused
        assert isinstance(overlay, OptionList)
        if overlay.highlighted is not None and values[overlay.highlighted] == value:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    assert select.value == value


async def test_section_keys_reach_every_section_and_show_its_first_control(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        expected = [
            "category",
            "pref-0",
            "desired-0",
            "words",
            "wage_monthly_min",
            "day-mon",
            "insurance",
            "industries",
            "no_document_screening",
        ]
        for n, widget_id in enumerate(expected, start=1):
            await pilot.press("f6")
            await settle(pilot)
            assert isinstance(pilot.app.screen, SectionMenu)
            await pilot.press(str(n))
            await settle(pilot)
            assert focused_id(pilot) == widget_id
            assert visible(pilot), widget_id
        # Ctrl+P / Ctrl+N step back and forth, wrapping around.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert focused_id(pilot) == "category" and visible(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert focused_id(pilot) == "no_document_screening" and visible(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert focused_id(pilot) == "industries" and visible(pilot)
        # Deep in a section whose heading is scrolled out of view, the next is still the next.
        await pilot.press("f6", "5")
        await settle(pilot)
        await focus(pilot, "overtime")
        heading = pilot.app.screen.query_one("#sec-wage")
        assert heading.region.height == 0 or heading.region.bottom <= 0  # out of view
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert focused_id(pilot) == "day-mon" and visible(pilot)


async def test_desired_job_and_classification_pickers_by_keys(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f6", "3")
        await settle(pilot)
        assert focused_id(pilot) == "desired-0"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DesiredJobPicker)
        await pilot.press("down", "down", "down", "down")  # 05 介護、福祉
        await pilot.press("right", "space", "down", "space")
        assert "[✓] 0501" in str(pilot.app.screen.details.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        form = form_of(pilot)
        assert form.desired[0] == ("05", ["0501", "0502"])
        label = str(pilot.app.screen.query_one("#desired-0").render())
        assert "05 介護、福祉" in label and "施設介護員" in label

        # A second slot: six ticks are refused at five, and say so.
        await focus(pilot, "desired-1")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right")
        for _ in range(6):
            await pilot.press("space", "down")
        picker = pilot.app.screen
        assert isinstance(picker, DesiredJobPicker)
        assert len(picker.details.selected) == 5
        assert "5つまでです" in str(picker.query_one("#picker-message", Static).render())
        await pilot.press("escape")  # nothing changes
        await settle(pilot)
        assert form.desired[1] is None

        # 職業分類 by type-ahead over the example titles.
        await focus(pilot, "class-0")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ClassificationPicker)
        await type_text(pilot, "プログラマー")
        await settle(pilot)
        listing = pilot.app.screen.listing
        first = str(listing.get_option_at_index(0).prompt)
        assert first.startswith("10404\u00a0プログラマー") and "例:" in first
        await pilot.press("down", "enter")
        await settle(pilot)
        assert form.classifications[0] == ("10404", "プログラマー")

        # …and by browsing: 大分類 B, chosen whole.
        await focus(pilot, "class-1")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # B 専門的・技術的職業
        await settle(pilot)
        await pilot.press("enter")  # 「B …」全体で選ぶ
        await settle(pilot)
        assert form.classifications[1] == ("B", "専門的・技術的職業")
        await pilot.press("delete")  # Delete empties the focused slot
        assert form.classifications[1] is None

        await pilot.press("ctrl+s")
        await settle(pilot)
        results = pilot.app.screen
        assert isinstance(results, ResultsScreen), screen_text(pilot)
        assert results.request.desired_jobs[0].group == "05"
        assert results.request.desired_jobs[0].details == ["0501", "0502"]
        assert results.request.classifications == ["10404"]
        assert results.result is not None
        for card in results.result.items:
            assert card.classification_code == "10404"
            assert card.desired_job_code in ("0501", "0502")


async def test_municipalities_and_industries_are_picked_by_name(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        form = form_of(pilot)
        await choose(pilot, "pref-0", "13")
        await focus(pilot, "munis-0")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MultiPicker)
        await type_text(pilot, "千代田")  # typed on the list: goes to the filter line
        await settle(pilot)
        assert isinstance(pilot.app.focused, Input)
        await pilot.press("down", "space", "enter")
        await settle(pilot)
        assert form.municipalities[0] == ["13101"]
        assert "千代田区" in str(pilot.app.screen.query_one("#munis-0").render())
        # 59 海外 is a prefecture slot of its own.
        await choose(pilot, "pref-1", "59")

        await pilot.press("f6", "8")
        await settle(pilot)
        assert focused_id(pilot) == "industries"
        await pilot.press("enter")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, MultiPicker)
        values = [v for _, v in picker.options]
        assert values[0] == "01" and "99" in values and all(len(v) == 2 for v in values)
        await type_text(pilot, "該当なし語")  # a filter that matches nothing says so
        await settle(pilot)
        assert picker.ticks.option_count == 0
        assert "「該当なし語」に合う項目はありません" in str(
            picker.query_one("#picker-message", Static).render()
        )
        for _ in range(5):
            await pilot.press("backspace")
        await pilot.press("down")  # back to the whole list
        await settle(pilot)
        assert picker.ticks.option_count == len(values)
        await pilot.press("space", "down", "space", "enter")
        await settle(pilot)
        assert form.industries == ["01", "02"]

        request, errors = form.build()
        assert errors == {} and request is not None
        assert [(p.prefecture, p.municipalities) for p in request.places] == [
            ("13", ["13101"]),
            ("59", []),
        ]
        assert request.industries == ["01", "02"]


async def test_detailed_conditions_round_trip_through_a_saved_condition(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await choose(pilot, "category", "general")
        await choose(pilot, "age_choice", "limited_only")
        await focus(pilot, "age")
        await type_text(pilot, "30")
        await pilot.press("f7")  # the detailed conditions
        await settle(pilot)
        await choose(pilot, "wage_monthly_min", "200000")
        await focus(pilot, "wage_includes_allowances")
        await pilot.press("space")  # compare the 基本給
        await choose(pilot, "work_from", "08:50")
        await choose(pilot, "work_until", "17:40")
        for box in ("exclude_shift", "day-sat", "day-sun", "ins-employment", "renew-in_principle"):
            await focus(pilot, box)
            await pilot.press("space")
        await choose(pilot, "overtime", "some20")
        await choose(pilot, "dispatch", "exclude")
        await choose(pilot, "retirement_age_min", "65")
        await focus(pilot, "house-single")
        await pilot.press("space")
        await focus(pilot, "car-at_ok")
        await pilot.press("space")
        await focus(pilot, "licence_codes-0")
        await type_text(pilot, "１００１")  # full-width digits are normalised
        await focus(pilot, "licence_codes_exclude")
        await pilot.press("space")
        await focus(pilot, "company_name")
        await type_text(pilot, "架空")
        await focus(pilot, "company_name_exclude")
        await pilot.press("space")
        for box in ("no_document_screening", "remote_work", "near_station"):
            await focus(pilot, box)
            await pilot.press("space")

        built, errors = form_of(pilot).build()
        assert errors == {} and built is not None
        expected = JobSearchRequest(
            category="general",
            age=30,
            age_limited_only=True,
            wage_monthly_min=200_000,
            wage_includes_allowances=False,
            work_from="08:50",
            work_until="17:40",
            exclude_shift=True,
            days_off=["sat", "sun"],
            insurance_items=["employment"],
            contract_renewal=["in_principle"],
            overtime_some=True,
            overtime_max=20,
            dispatch="exclude",
            retirement_age_min=65,
            housing_kinds=["single"],
            car_licence=["at_ok"],
            licence_codes=["1001"],
            licence_codes_exclude=True,
            company_name="架空",
            company_name_exclude=True,
            no_document_screening=True,
            remote_work=True,
            near_station=True,
        )
        assert built == expected

        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TitleModal)
        await type_text(pilot, "詳細")
        await pilot.press("enter")
        await settle(pilot)
        client = await app.get_client()
        saved = (await client.saved_searches()).items
        assert [s.conditions.model_dump(exclude={"page"}) for s in saved] == [
            expected.model_dump(exclude={"page"})
        ]

        # Edited again from the saved list: every control shows what was saved.
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        edit = pilot.app.screen
        assert isinstance(edit, SearchScreen) and edit.saved is not None
        again, errors = edit.form.build()
        assert errors == {} and again == saved[0].conditions


async def test_a_bad_licence_code_is_refused_under_its_field(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f6", "8")
        await settle(pilot)
        await focus(pilot, "licence_codes-1")
        await type_text(pilot, "0999")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)
        assert "免許・資格コード 2は4桁の半角数字" in field_error(pilot, "licence_codes-1")
        assert focused_id(pilot) == "licence_codes-1" and visible(pilot)


def _numbers(server: TuiServer) -> tuple[list[str], str]:
    """Two of the generated open postings' numbers, and one whose employer name is hidden
    (the newest rows: the template's own fixtures come first)."""
    path = server.settings.database_url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT job_number FROM job_postings WHERE status = 'open' AND disclosure != 3"
            " ORDER BY id DESC LIMIT 2"
        ).fetchall()
        hidden = conn.execute(
            "SELECT job_number FROM job_postings WHERE status = 'open'"
            " AND disclosure = 3 ORDER BY id DESC LIMIT 1"  # 事業所名等を含まない
        ).fetchone()
    return [str(r[0]) for r in rows], str(hidden[0])


async def test_number_search_is_its_own_screen(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    numbers, hidden = _numbers(tui_server)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(pilot.app.screen, NumberSearchScreen)
        assert focused_id(pilot) == "job_numbers-0"
        await type_text(pilot, "1234-5")
        await pilot.press("enter")
        await settle(pilot)
        assert "求人番号 1は「半角数字5桁-8桁以内」" in field_error(pilot, "job_numbers-0")
        for _ in range(6):
            await pilot.press("backspace")
        await type_text(pilot, numbers[0].replace("-", "ー"))  # as typed in full width
        await pilot.press("tab")
        await type_text(pilot, "99999-99999999")
        await pilot.press("tab")
        await type_text(pilot, numbers[1])
        await pilot.press("tab")
        await type_text(pilot, hidden)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, NumberSearchScreen) and screen.result is not None
        assert [c.job_number for c in screen.result.items] == [*numbers, hidden]
        assert "99999-99999999" in screen_text(pilot)
        assert focused_id(pilot) == "found"
        await pilot.press("end", "enter")  # the hidden employer's sheet
        await settle(pilot)
        sheet = pilot.app.screen
        assert isinstance(sheet, JobSheetScreen) and sheet.sheet is not None
        assert sheet.sheet.job_number == hidden
        body = str(sheet.query_one("#body", Static).render())
        assert "公開していません" in body
        await pilot.press("n")  # the postings found, one after another
        await settle(pilot)
        assert sheet.sheet is not None and sheet.sheet.job_number == numbers[0]
        await pilot.press("escape")
        await settle(pilot)
        back = pilot.app.screen
        assert isinstance(back, NumberSearchScreen)
        await pilot.press("f8")  # clear: every number and the list go, back to the first field
        await settle(pilot)
        assert back.result is None and focused_id(pilot) == "job_numbers-0"
        assert all(not i.value for i in back.query(Input) if (i.id or "").startswith("job_numbers"))
        assert hidden not in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)


async def test_an_error_keeps_the_form_width_and_its_mark_beside_the_words(
    make_app: Callable[..., HelloWorkApp], tui_server: TuiServer
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot, tui_server)
        page = pilot.app.screen.query_one("#search-page")
        width = page.region.width
        await focus(pilot, "age")
        await type_text(pilot, "5")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen.query_one("#message").display  # the error line under the form
        # The form keeps its width (the line's side margins used to take 4 columns off it).
        assert page.region.width == width
        # A Japanese message wraps on from its mark: a space after ✖ was the only place a
        # line could break, so the whole sentence went under a lone ✖.
        messages = pilot.app.screen.query_one("#field-age", Field).messages
        lines = [s.text.rstrip() for s in messages.render_lines(Region(0, 0, *messages.size))]
        assert lines[0].startswith("✖年齢"), lines
