"""A text being written to send (a reply, a 志望動機) and the Idempotency-Key of its sending,
kept as a local draft (session/drafts.py: a 0600 file per account, memory only in kiosk mode)
until the server has it.

The key is made with the draft and kept with it, so sending again after a timeout, a failed
send, an expired session or a restart of the app carries the same key: the server answers
with what the first attempt created instead of creating a second application or message.
Once sent, the draft is deleted (and with it the key).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from session.drafts import DraftStore


def new_key() -> str:
    """A fresh Idempotency-Key (32 URL-safe characters, as api_client makes them)."""
    return secrets.token_urlsafe(24)


def reply_draft(application_id: int) -> str:
    return f"reply:{application_id}"


def motivation_draft(job_number: str, referral_id: int | None) -> str:
    if referral_id is not None:
        return f"apply:referral:{referral_id}"
    return f"apply:self:{job_number}"


@dataclass
class TextDraft:
    """The draft `name` of `account` in `store`: its text and the key of its sending."""

    store: DraftStore
    account: str
    name: str
    text: str = ""
    key: str = ""

    @classmethod
    def open(cls, store: DraftStore, account: str, name: str) -> TextDraft:
        found: dict[str, Any] = store.load(account, name) or {}
        text = found.get("text")
        key = found.get("key")
        return cls(
            store,
            account,
            name,
            text if isinstance(text, str) else "",
            key if isinstance(key, str) and key else new_key(),
        )

    def keep(self, text: str) -> None:
        """Record the text as typed (written after a short debounce); an emptied text
        deletes the draft."""
        if text == self.text:
            return
        self.text = text
        if text.strip():
            self.store.update(self.account, self.name, {"text": text, "key": self.key})
        else:
            self.store.clear(self.account, self.name)

    def flush(self) -> None:
        self.store.flush()

    def sent(self) -> None:
        """The server has it: delete the draft; a next text gets a new key."""
        self.store.clear(self.account, self.name)
        self.text = ""
        self.key = new_key()
