"""The key line (widgets/key_bar.py): every key of the screen with what it does, wrapped to
the terminal's width without splitting a key from its description, in the UI language."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.tui.helpers import settle
from tui.app import HelloWorkApp
from widgets.key_bar import GAP, KeyBar, pack

items_strategy = st.lists(
    st.tuples(
        st.text(alphabet="^abcfx0123456789", min_size=1, max_size=6),
        st.text(alphabet="あいうabc （）", min_size=0, max_size=12),
    ),
    max_size=12,
)


@given(items=items_strategy, width=st.integers(min_value=30, max_value=160))
def test_pack_keeps_order_and_width(items: list[tuple[str, str]], width: int) -> None:
    lines = pack(items, width)
    assert [item for line in lines for item in line] == items
    for line in lines:
        size = sum(cell_len(k) + 1 + cell_len(d) for k, d in line) + len(GAP) * (len(line) - 1)
        # A line holds what fits; only a single item wider than the line may overflow.
        assert size <= width or len(line) == 1


def _lines(app: HelloWorkApp) -> list[str]:
    return str(app.screen.query_one(KeyBar).render()).splitlines()


async def test_login_keys_wrap_whole_at_a_narrow_width(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(64, 30)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        lines = _lines(app)
        assert 1 < len(lines) <= 3
        assert all(cell_len(line) <= bar.content_size.width for line in lines)
        text = "\n".join(lines)
        for pair in ("^r パスワードをお忘れの方", "f2 MyPage開設（コードあり）", "^t English"):
            assert pair in text  # a key and its description are never split

        for width in range(40, 121, 3):  # every line fits at every width
            await pilot.resize_terminal(width, 30)
            await settle(pilot)
            inner = bar.content_size.width
            assert all(cell_len(line) <= inner for line in _lines(app)), width

        await pilot.press("ctrl+t")
        await settle(pilot)
        text = "\n".join(_lines(app))
        assert "^r Forgot password" in text and "^t 日本語" in text


async def test_a_notification_stands_above_the_key_line_not_over_its_keys(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        assert len(_lines(app)) > 1, _lines(app)  # several lines at 80 columns
        await pilot.press("ctrl+t")  # says the language changed, in a notification
        await settle(pilot)
        rack = app.screen.query_one("#textual-toastrack")
        toast = rack.query("Toast").last()  # the rack and holders are invisible boxes
        assert toast.region.height > 0
        assert toast.region.bottom <= bar.region.y, (toast.region, bar.region)
        assert bar.region.height == len(_lines(app))
