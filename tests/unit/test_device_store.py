"""DeviceTokenStore over real keyring backend objects."""

from __future__ import annotations

import keyring.backend
import pytest
from keyring.backends import fail, null

from api_client.device_store import DeviceTokenStore, backend_availability


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring backend (the keyring API's own extension point)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


async def test_round_trip_keyed_by_server_and_account() -> None:
    backend = MemoryKeyring()
    store = DeviceTokenStore(backend)
    assert store.availability() == (True, None)
    assert await store.put("srv-1", "a@example.jp", "tok-a")
    await store.put("srv-2", "a@example.jp", "tok-b")
    assert await store.get("srv-1", "a@example.jp") == "tok-a"
    assert await store.get("srv-2", "a@example.jp") == "tok-b"
    assert await store.get("srv-1", "other@example.jp") is None
    await store.delete("srv-1", "a@example.jp")
    assert await store.get("srv-1", "a@example.jp") is None
    assert set(backend.items) == {("hellowork:srv-2", "a@example.jp")}


@pytest.mark.parametrize("backend_cls", [fail.Keyring, null.Keyring])
async def test_unusable_backends_store_nothing(backend_cls: type) -> None:
    store = DeviceTokenStore(backend_cls())
    ok, reason = store.availability()
    assert not ok and reason == "keyring_unavailable"
    assert await store.put("srv", "a@example.jp", "tok") is False
    assert await store.get("srv", "a@example.jp") is None


def test_plaintext_file_backend_is_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    assert backend_availability(PlaintextKeyring()) == (False, "keyring_insecure")


def test_kiosk_mode_never_stores() -> None:
    store = DeviceTokenStore(MemoryKeyring(), enabled=False)
    assert store.availability() == (False, "kiosk_mode")


def test_default_backend_on_this_headless_machine_is_judged() -> None:
    """The production path: whatever keyring picks here is judged, never assumed secure."""
    import keyring

    ok, reason = backend_availability(keyring.get_keyring())
    if isinstance(keyring.get_keyring(), fail.Keyring):
        assert (ok, reason) == (False, "keyring_unavailable")
    else:
        assert ok or reason in {"keyring_unavailable", "keyring_insecure"}
