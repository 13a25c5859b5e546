"""Plain mode in a real terminal (tmux): the cursor a screen reader follows is shown, and
after each Tab it sits on the row of the newly focused control of the login screen, whose
decorative symbols are written in ASCII."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 60.0  # seconds a condition may take on a busy machine before the test fails


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True
    ).stdout.rstrip("\n")


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Wait on a condition of the terminal (there is no event to wait on across processes)."""
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[str]:
    assert shutil.which("tmux"), "tmux is needed for this test"
    name = f"hw-plain-{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home"
    command = (
        f"HELLOWORK_HOME={home} TERM=xterm-256color {sys.executable} -c "
        "'from tui.cli import main; raise SystemExit(main())' "
        "--plain --lang ja --server http://127.0.0.1:9"
    )
    tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", "-c", str(ROOT), command)
    try:
        yield name
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def cursor(name: str) -> tuple[bool, int, int]:
    flag, x, y = tmux("display", "-p", "-t", name, "#{cursor_flag} #{cursor_x} #{cursor_y}").split()
    return flag == "1", int(x), int(y)


def rows(name: str) -> list[str]:
    return tmux("capture-pane", "-p", "-t", name).splitlines()


def test_the_terminal_cursor_follows_the_focus(session: str) -> None:
    wait_for(lambda: any("パスワード" in r for r in rows(session)), "the login screen")
    screen = rows(session)
    email_row = next(i for i, r in enumerate(screen) if "ID（メールアドレス）" in r)
    password_row = next(i for i, r in enumerate(screen) if r.strip() == "パスワード")
    # The e-mail field (under its label and hint) has the focus, and the cursor.
    wait_for(lambda: cursor(session)[0], "the cursor to be shown")
    shown, _, y = cursor(session)
    assert email_row < y < password_row

    tmux("send-keys", "-t", session, "Tab")
    wait_for(lambda: cursor(session)[2] > password_row - 1, "the cursor to move down")
    shown, _, y = cursor(session)
    assert shown and y == password_row + 1  # the password field, right under its label

    tmux("send-keys", "-t", session, "Tab")  # the ログイン button
    wait_for(lambda: cursor(session)[2] > password_row + 1, "the cursor to move to the button")
    shown, _, y = cursor(session)
    assert shown and "ログイン" in rows(session)[y]
    # Its focus mark written in ASCII: "▸ ログイン ◂" would reach a braille display as
    # two unknown cells.
    assert "> ログイン <" in rows(session)[y]
    assert not set("▸◂■▼●✓") & set("".join(rows(session)))
