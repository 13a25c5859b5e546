"""Secrets, digests and password hashing.

- Session, device and ticket tokens: `secrets.token_urlsafe(32)` (256 bits), stored as SHA-256.
- OTPs, 認証キー, creation codes and failure-counter keys: HMAC-SHA256 with the server secret,
  so a stolen database alone cannot brute-force the short values offline.
- Passwords: argon2id (19 MiB, t=2), always hashed/verified in the process's two hashing
  threads (see `_HASHING`), by libsodium (see `SodiumArgon2id`).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import string
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import nacl.bindings
import nacl.exceptions
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TOKEN_BYTES = 32
OTP_DIGITS = 6
AUTH_KEY_LENGTH = 10
# Symbols that survive copy/paste and are in the password symbol set (shape `z7QLe&76F7`).
AUTH_KEY_SYMBOLS = "#$%&+?@"
AUTH_KEY_ALPHABET = string.ascii_letters + string.digits + AUTH_KEY_SYMBOLS
CREATION_CODE_LENGTH = 10
# Upper case and digits without look-alikes (0/O, 1/I/L): read aloud at a counter.
CREATION_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class SodiumArgon2id(PasswordHasher):
    """argon2-cffi's PasswordHasher whose argon2id hashes are computed by libsodium (PyNaCl).

    The same algorithm, parameters and PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`, 16-byte
    salt, 32-byte hash) — each library verifies the other's — but libsodium's AVX2/AVX-512
    code takes about half the CPU: 19-22 ms a hash here where argon2-cffi's reference build
    takes 37-44. At 200 sign-ins in 20 s on 2 cores that CPU is what a sign-in waited for
    (README, "Sign-in at N = 200"). What libsodium does not compute (another type, more than
    one lane, other lengths, a given salt) goes to argon2-cffi. Both release the GIL."""

    def _sodium(self) -> bool:
        return (
            self.type is Type.ID
            and self.parallelism == 1
            and self.hash_len == 32
            and self.salt_len == 16
        )

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        if salt is not None or not self._sodium():
            return super().hash(password, salt=salt)
        return nacl.bindings.crypto_pwhash_str_alg(
            _bytes(password),
            self.time_cost,
            self.memory_cost * 1024,
            nacl.bindings.crypto_pwhash_ALG_ARGON2ID13,
        ).decode("ascii")

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        encoded = _bytes(hash)
        if not (encoded.startswith(b"$argon2id$v=19$") and b",p=1$" in encoded):
            return super().verify(hash, password)
        try:
            nacl.bindings.crypto_pwhash_str_verify(encoded, _bytes(password))
        except nacl.exceptions.InvalidkeyError as exc:  # a wrong password or a bad string
            raise VerifyMismatchError from exc
        except nacl.exceptions.ValueError as exc:  # longer than a PHC string can be
            raise InvalidHashError from exc
        return True


def _bytes(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else value


_hasher: PasswordHasher = SodiumArgon2id(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Two threads per process hash and verify passwords. A hash takes a core for ~20 ms (~40 ms
# with argon2-cffi's code, when the figures below were measured); in asyncio's default pool
# (six threads on two cores) a burst of sign-ins ran six at once, each competing with the
# event loop for a core, so every other request of the worker waited
# (bench.load at 200 seekers). With one thread, a sign-in waited for the hashes queued ahead
# of it: at N = 200 (10 sign-ins a second, `--workers 2` on 2 cores) the hash took p95
# 105-137 ms of a sign-in, and login's p95 was 161-226 ms over four runs; with two, 98-103
# and 156-161 ms, no other endpoint slower (README, PostgreSQL load). `serve --workers N`
# hashes up to 2N at once.
HASHING_THREADS = 2
_HASHING = ThreadPoolExecutor(max_workers=HASHING_THREADS, thread_name_prefix="argon2")
_dummy_hash: str | None = None


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def hmac_hex(secret: bytes, *parts: str) -> str:
    """HMAC-SHA256 over the parts joined by NUL (so ("a", "bc") != ("ab", "c"))."""
    return hmac.new(secret, "\0".join(parts).encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def new_otp() -> str:
    return f"{secrets.randbelow(10**OTP_DIGITS):0{OTP_DIGITS}d}"


def new_auth_key() -> str:
    # At least one digit and one letter so the key never looks like a word or a number.
    while True:
        key = "".join(secrets.choice(AUTH_KEY_ALPHABET) for _ in range(AUTH_KEY_LENGTH))
        if any(c.isdigit() for c in key) and any(c.isalpha() for c in key):
            return key


def new_creation_code() -> str:
    return "".join(secrets.choice(CREATION_CODE_ALPHABET) for _ in range(CREATION_CODE_LENGTH))


def _hash_sync(password: str) -> str:
    return _hasher.hash(password)


def _verify_sync(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_HASHING, _hash_sync, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Verify; with no hash (unknown e-mail) verify against a dummy so timing matches."""
    loop = asyncio.get_running_loop()
    if password_hash is None:
        await loop.run_in_executor(_HASHING, _verify_sync, await _dummy(), password)
        return False
    return await loop.run_in_executor(_HASHING, _verify_sync, password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


async def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = await hash_password(secrets.token_urlsafe(16))
    return _dummy_hash
