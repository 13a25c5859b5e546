"""The `hellowork` console script, paths and settings."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from server.mail.maildir import MaildirMailer
from tui import cli
from tui.embedded import remove_stale_sockets
from tui.paths import Paths, resolve_paths, uds_usable
from tui.settings import UserSettings, load_settings, save_settings


def mail(subject: str, body: str, when: datetime) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "system@mail.hellowork.example"
    msg["To"] = "demo@example.jp"
    msg["Subject"] = subject
    msg["Date"] = when
    msg.set_content(body)
    return msg


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("HELLOWORK_HOME", str(tmp_path / "hw"))
    return resolve_paths()


async def test_mail_prints_newest_message_decoded(
    home: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    mailer = MaildirMailer(home.maildir)
    await mailer.send(mail("古いお知らせ", "old", datetime(2026, 5, 1, tzinfo=UTC)))
    when = datetime(2026, 5, 2, tzinfo=UTC)
    newest = mail("ワンタイムパスワードのお知らせ", "ワンタイムパスワード：123456", when)
    await mailer.send(newest)
    assert cli.main(["mail", "--last"]) == 0
    out = capsys.readouterr().out
    assert "Subject: ワンタイムパスワードのお知らせ" in out
    assert "ワンタイムパスワード：123456" in out
    assert "old" not in out

    assert cli.main(["mail", "--list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert "ワンタイムパスワードのお知らせ" in lines[0] and "古いお知らせ" in lines[1]
    # In JST, as the app shows times (2026-05-02 00:00 UTC is 09:00 in Japan).
    assert lines[0].startswith("2026-05-02 09:00:00 JST"), lines[0]


def test_mail_with_empty_outbox_fails_with_a_message(
    home: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["mail"]) == 1
    assert "送信済みメールはありません" in capsys.readouterr().err


def test_paths_follow_hellowork_home(home: Paths, tmp_path: Path) -> None:
    assert home.data_dir == tmp_path / "hw"
    assert home.config_dir == tmp_path / "hw" / "config"
    assert home.maildir == tmp_path / "hw" / "outbox"
    assert home.settings_file.parent == home.config_dir


def test_paths_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HELLOWORK_HOME", raising=False)
    paths = resolve_paths({})
    assert paths.data_dir.name == "hellowork" and paths.config_dir.name == "hellowork"


def test_long_socket_paths_are_refused(tmp_path: Path) -> None:
    assert uds_usable(tmp_path / "s.sock") == (len(os.fsencode(tmp_path / "s.sock")) < 100)
    assert not uds_usable(tmp_path / ("x" * 120) / "server.sock")


def test_settings_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    assert load_settings(path) == UserSettings()
    save_settings(UserSettings(language="en"), path)
    assert load_settings(path).language == "en"
    path.write_text("{not json")
    assert load_settings(path) == UserSettings()
    path.write_text('{"language": "fr"}')
    assert load_settings(path).language == "ja"


@pytest.mark.parametrize(
    ("module", "heavy"),
    [
        # `hellowork mail`, `serve`, `admin` must not pay for Textual.
        ("tui.cli", ("textual", "httpx", "pydantic", "server", "fastapi")),
        # The login screen paints before the client stack (httpx, pydantic, keyring) loads.
        ("tui.app", ("httpx", "pydantic", "keyring", "qrcode", "server", "api_client.client")),
    ],
)
def test_start_up_stays_import_light(module: str, heavy: tuple[str, ...]) -> None:
    code = (
        f"import sys, {module}\n"
        f"loaded = [m for m in {heavy!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


LOGIN_PAINTED = """
import asyncio, sys, tempfile
from pathlib import Path
import tui.app
from tui.app import HelloWorkApp
from tui.paths import Paths

# The background start-up work (client import, keyring) waits this long after mount; a busy
# machine can take longer than the real grace to paint, so the test holds it off entirely.
tui.app.FIRST_FRAME_GRACE = 3600

async def main() -> None:
    home = Path(tempfile.mkdtemp())
    app = HelloWorkApp(server_url="http://127.0.0.1:9", paths=Paths(home, home / "config"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LoginScreen"
        loaded = [m for m in HEAVY if m in sys.modules]
        assert not loaded, loaded

HEAVY = {heavy!r}
asyncio.run(main())
"""


def test_login_screen_paints_without_loading_what_it_does_not_show() -> None:
    """Up to the first paint of the login screen: no client stack, and none of the string
    catalogues of later screens (they load on their first key)."""
    heavy = (
        "httpx",
        "pydantic",
        "keyring",
        "qrcode",
        "strings.catalogue.search",
        "strings.catalogue.profile",
        "screens.home",
        "server",
    )
    code = LOGIN_PAINTED.format(heavy=heavy)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_help_lists_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--server" in out and "--lang" in out and "--kiosk" in out


def test_sockets_of_dead_terminals_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / "server-999999999.sock"  # above any pid_max: no such process
    alive = tmp_path / f"server-{os.getppid()}.sock"
    other = tmp_path / "server-notapid.sock"
    for path in (dead, alive, other):
        path.touch()
    assert remove_stale_sockets(tmp_path) == [dead]
    assert not dead.exists() and alive.exists() and other.exists()


def test_a_bad_keys_file_stops_the_app_before_it_starts(
    home: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    home.config_dir.mkdir(parents=True)
    keys = home.config_dir / "keys.toml"
    keys.write_text('[keys]\n"key.jump" = "f12"\n"key.jumpp" = "f10"\n', encoding="utf-8")
    assert cli.main([]) == 2  # refused before the terminal is taken over
    err = capsys.readouterr().err
    assert f"{keys}: line 3: " in err and "hellowork keys" in err
    assert cli.main(["keys", "--check"]) == 2

    keys.write_text('[keys]\n"key.jump" = "f12"\n', encoding="utf-8")
    assert cli.main(["keys", "--check"]) == 0
    assert "ok (1 remapped)" in capsys.readouterr().out
    assert cli.main(["keys"]) == 0
    listing = capsys.readouterr().out
    assert "key.jump" in listing and "f12" in listing and "ジャンプ / Jump" in listing


@pytest.mark.parametrize(("argv", "name"), [(["keys"], "hellowork keys"), ([], "hellowork")])
def test_ctrl_c_before_a_command_handles_it_is_one_line_and_status_130(
    argv: list[str], name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while a command is still loading its modules: no traceback, the SIGINT status."""

    def interrupted(_argv: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "keys_main", interrupted)
    monkeypatch.setattr(cli, "tui_main", interrupted)
    assert cli.main(argv) == 130
    err = capsys.readouterr().err
    assert err.strip() == f"{name}: interrupted"
    assert "Traceback" not in err
