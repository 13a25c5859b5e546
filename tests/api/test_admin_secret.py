"""Issue 11 "Also": `hellowork admin` signs with the secret of the server of the database it
acts on, by default, so the creation codes it prints verify — and never mints a secret of
its own for a database whose server keeps it elsewhere."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from api_client.profile_models import OpenWithCodeRequest
from server.admin import main as admin_main
from server.app import create_app
from server.config import SECRET_FILE_NAME
from tests.conftest import Outbox, SettableClock, make_settings, new_api, started

SEEKER = [
    "--name",
    "求職 四郎",
    "--seeker-number",
    "13010-00004444",
    "--birth-date",
    "1991-01-01",
    "--email",
    "shiro@example.jp",
]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The admin's own default data directory, which is not the server's."""
    home = tmp_path / "admin-home"
    monkeypatch.setenv("HELLOWORK_HOME", str(home))
    monkeypatch.delenv("HELLOWORK_SECRET_KEY", raising=False)
    monkeypatch.delenv("HELLOWORK_SECRET_KEY_FILE", raising=False)
    monkeypatch.delenv("HELLOWORK_DATA_DIR", raising=False)
    return home


async def test_codes_printed_by_admin_verify_on_the_server_of_that_database(
    database_url: str,
    outbox: Outbox,
    tmp_path: Path,
    clock: SettableClock,
    elsewhere: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The server as `serve --embedded` runs it: its secret is made in its data directory.
    settings = make_settings(database_url, outbox, tmp_path, secret_key=None, embedded=True)
    async for app in started(create_app(settings, clock=clock)):
        assert (tmp_path / SECRET_FILE_NAME).exists()
        args = ["create-seeker", *SEEKER, "--database-url", database_url]
        assert await asyncio.to_thread(admin_main, args) == 0
        printed = capsys.readouterr().out
        match = re.search(r"account creation code: (\S+)", printed)
        assert match, printed
        assert not (elsewhere / SECRET_FILE_NAME).exists()  # no secret of its own
        async with new_api(app) as api:
            await api.open_with_code(
                OpenWithCodeRequest(
                    agreed_privacy=True,
                    agreed_terms=True,
                    email="shiro@example.jp",
                    email_confirm="shiro@example.jp",
                    seeker_number="13010-00004444",
                    birth_date="1991-01-01",
                    creation_code=match.group(1),
                )
            )
        assert "Authentication key:" in outbox.last("shiro@example.jp").body


def test_admin_refuses_to_sign_with_a_secret_no_server_uses(
    database_url: str, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """This database's server takes its secret from HELLOWORK_SECRET_KEY (tests' settings):
    without it, admin says what to give instead of printing a code that cannot work."""
    args = ["create-seeker", *SEEKER, "--database-url", database_url]
    assert admin_main(args) == 2
    assert "HELLOWORK_SECRET_KEY" in capsys.readouterr().err
    assert not (elsewhere / SECRET_FILE_NAME).exists()
    assert not (Path(database_url.split("///")[1]).parent / SECRET_FILE_NAME).exists()
