"""Links under a form (widgets/link_list.py): one Tab stop, ↑/↓ to choose, Enter to follow,
the chosen link marked with ▸ (not by colour), and each link runs what its key runs."""

from __future__ import annotations

from collections.abc import Callable

from screens.login import LoginScreen
from screens.open_account import OpenAccountScreen
from screens.password_reset import ResetRequestScreen
from tests.tui.flows import SIZE
from tests.tui.helpers import settle
from tui.app import HelloWorkApp
from widgets.link_list import LinkList


def _focus_ids(app: HelloWorkApp) -> list[str]:
    """The ids of the screen's Tab stops, in order."""
    return [str(w.id) for w in app.screen.focus_chain]


async def test_links_are_one_tab_stop_followed_with_enter(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "email"
        chain = _focus_ids(app)
        assert chain.count("links") == 1
        await pilot.press(*["tab"] * (chain.index("links") - chain.index("email")))
        links = app.screen.query_one(LinkList)
        assert app.focused is links
        shown = str(links.render()).splitlines()
        assert shown[0] == "▸ パスワードをお忘れの方 (Ctrl+R)"
        assert all(line.startswith("  ") for line in shown[1:])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResetRequestScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.focused is links  # focus comes back where it was

        # forgot → mailbox → open with a code; ↑ at the top and ↓ at the end stay put.
        await pilot.press("up", "down", "down")
        assert links.current is not None and links.current.id == "open-code"
        assert str(links.render()).splitlines()[2].startswith("▸ MyPageを開設")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OpenAccountScreen) and app.screen.mode == "code"


async def test_hidden_link_is_skipped_and_labels_follow_the_language(
    make_app: Callable[..., HelloWorkApp],
) -> None:
    app = make_app(mailbox_dir=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = app.screen.query_one(LinkList)
        links.focus()
        await pilot.press("down")  # mailbox is hidden: the next link is "open with a code"
        assert links.current is not None and links.current.id == "open-code"
        await pilot.press("ctrl+t")
        await settle(pilot)
        lines = str(links.render()).splitlines()
        assert len(lines) == 4
        assert lines[1].startswith("▸ ") and "(F2)" in lines[1]
        assert lines[0] == "  Forgot your password? (Ctrl+R)"
        await pilot.press("end", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReregisterScreen"
