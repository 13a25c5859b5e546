"""Server settings: secrets never shown, secret key loading and creation."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from server.config import ConfigError, ServerSettings, load_secret


def test_repr_hides_secrets(tmp_path: Path) -> None:
    s = ServerSettings(
        data_dir=tmp_path,
        database_url="postgresql+asyncpg://hw:db-pass-123@db.example/hw",
        smtp_password="smtp-pass-456",
        secret_key="k" * 40,
    )
    for text in (repr(s), str(s)):
        assert "db-pass-123" not in text
        assert "smtp-pass-456" not in text
        assert "k" * 40 not in text
    assert "db.example" in repr(s)


def test_default_database_is_sqlite_in_data_dir(tmp_path: Path) -> None:
    s = ServerSettings(data_dir=tmp_path)
    assert s.database_url == f"sqlite+aiosqlite:///{tmp_path / 'hellowork.db'}"
    assert s.is_sqlite


def test_env_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HELLOWORK_SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("HELLOWORK_MAIL_FROM", "noreply@example.jp")
    s = ServerSettings(data_dir=tmp_path)
    assert s.session_idle_minutes == 15 and s.mail_from == "noreply@example.jp"


def test_embedded_creates_private_secret_once(tmp_path: Path) -> None:
    s = ServerSettings(data_dir=tmp_path / "data")
    first = load_secret(s, create_if_missing=True)
    path = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32
    assert load_secret(s, create_if_missing=False) == first


def test_missing_or_short_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_secret(ServerSettings(data_dir=tmp_path), create_if_missing=False)
    with pytest.raises(ConfigError):
        load_secret(ServerSettings(data_dir=tmp_path, secret_key="short"), create_if_missing=True)
    key_file = tmp_path / "k"
    key_file.write_text("x" * 40 + "\n")
    s = ServerSettings(data_dir=tmp_path, secret_key_file=key_file)
    assert load_secret(s, create_if_missing=False) == b"x" * 40


def test_hellowork_home_is_the_servers_data_dir_too(monkeypatch, tmp_path) -> None:
    """`hellowork admin` / `demo-data` must act on the database the TUI's embedded server uses."""
    from server.config import ServerSettings, default_data_dir
    from tui.paths import resolve_paths

    monkeypatch.setenv("HELLOWORK_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path == resolve_paths().data_dir
    assert str(tmp_path) in ServerSettings().database_url
