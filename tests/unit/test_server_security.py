"""Token, OTP, 認証キー and password hashing primitives."""

from __future__ import annotations

import asyncio
import re
import threading

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from server import security


def test_tokens_are_long_and_unique() -> None:
    tokens = {security.new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 43 for t in tokens)  # 32 bytes, url-safe base64


def test_otp_shape() -> None:
    for _ in range(200):
        otp = security.new_otp()
        assert re.fullmatch(r"\d{6}", otp)


def test_auth_key_shape() -> None:
    for _ in range(200):
        key = security.new_auth_key()
        assert len(key) == 10
        assert set(key) <= set(security.AUTH_KEY_ALPHABET)
        assert any(c.isdigit() for c in key) and any(c.isalpha() for c in key)


def test_creation_code_shape() -> None:
    code = security.new_creation_code()
    assert len(code) <= 10 and code.isascii() and code.isalnum()


def test_hmac_depends_on_secret_and_part_boundaries() -> None:
    a = security.hmac_hex(b"s" * 32, "ab", "c")
    assert a != security.hmac_hex(b"s" * 32, "a", "bc")
    assert a != security.hmac_hex(b"t" * 32, "ab", "c")
    assert security.same(a, security.hmac_hex(b"s" * 32, "ab", "c"))


@pytest.mark.usefixtures("production_password_hashing")
async def test_argon2id_parameters_and_verify() -> None:
    h = await security.hash_password("Taro#2026pass")
    assert h.startswith("$argon2id$")
    assert "m=19456,t=2,p=1" in h
    assert await security.verify_password(h, "Taro#2026pass")
    assert not await security.verify_password(h, "taro#2026pass")
    assert not await security.verify_password(None, "anything")  # dummy hash path
    assert not security.needs_rehash(h)


def test_libsodium_and_argon2_cffi_hashes_are_interchangeable() -> None:
    """Hashes stored before libsodium computed them (argon2-cffi's) still verify, and
    libsodium's verify with argon2-cffi: the same argon2id, parameters and PHC string."""
    sodium = security.SodiumArgon2id(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    reference = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    made = sodium.hash("Taro#2026pass")
    assert re.fullmatch(
        r"\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}", made
    )
    assert reference.verify(made, "Taro#2026pass")
    assert not reference.check_needs_rehash(made)
    old = reference.hash("Taro#2026pass")
    assert sodium.verify(old, "Taro#2026pass")
    for stored in (made, old):
        with pytest.raises(VerifyMismatchError):
            sodium.verify(stored, "taro#2026pass")
    # What libsodium does not compute goes to argon2-cffi: another type, several lanes.
    for other in (
        PasswordHasher(time_cost=1, memory_cost=64, parallelism=2).hash("x"),
        "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A",
    ):
        with pytest.raises(VerifyMismatchError):
            sodium.verify(other, "y")
    with pytest.raises((VerifyMismatchError, InvalidHashError)):
        sodium.verify("$argon2id$v=19$m=64,t=1,p=1$bad", "x")
    with pytest.raises(InvalidHashError):
        sodium.verify("$argon2id$v=19$m=64,t=1,p=1$" + "A" * 200, "x")


async def test_passwords_are_hashed_in_the_few_hashing_threads_off_the_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A burst of sign-ins must not put many argon2 hashes (a core each) beside the event
    loop: the process hashes in its own HASHING_THREADS threads, the rest wait their turn."""
    running = 0
    most = 0
    threads: set[str] = set()
    guard = threading.Lock()
    real = security._verify_sync

    def counting(password_hash: str, password: str) -> bool:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
            threads.add(threading.current_thread().name)
        try:
            return real(password_hash, password)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(security, "_verify_sync", counting)
    stored = await security.hash_password("Pass#word2026")
    results = await asyncio.gather(
        *(security.verify_password(stored, p) for p in ["Pass#word2026", "wrong"] * 4)
    )
    assert results == [True, False] * 4
    assert most <= security.HASHING_THREADS < 8
    assert threading.current_thread().name not in threads
    assert all(name.startswith("argon2") for name in threads)
