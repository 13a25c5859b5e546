"""The signed-in user's state on this terminal: one object, made at sign-in, owned by the
App, reached by screens through `Services.user`, and dropped at sign-out — so nothing of one
user (checked postings, cached lists, counts) is ever seen by the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from api_client.client import MyPageClient
    from api_client.job_models import (
        IndustryInfo,
        JobCard,
        MunicipalityInfo,
        OccupationGroupInfo,
        PrefectureInfo,
    )

CHECK_LIMIT = 50


@dataclass
class Reference:
    """The code lists the search form and job sheets use (asked once per sign-in)."""

    prefectures: list[PrefectureInfo]
    groups: list[OccupationGroupInfo]
    industries: list[IndustryInfo]
    municipalities: dict[str, list[MunicipalityInfo]] = field(default_factory=dict)

    def occupation_name(self, code: str, lang: str) -> str:
        for g in self.groups:
            if g.code == code:
                return g.name_ja if lang == "ja" else g.name_en
            for o in g.occupations:
                if o.code == code:
                    return o.name_ja if lang == "ja" else o.name_en
        return code

    def industry_name(self, code: str, lang: str) -> str:
        for i in self.industries:
            if i.code == code:
                return i.name_ja if lang == "ja" else i.name_en
        return ""


class Checks:
    """Checked postings in the order they were checked (cards kept for the checked list)."""

    def __init__(self) -> None:
        self._cards: dict[str, JobCard] = {}

    def __contains__(self, job_number: object) -> bool:
        return job_number in self._cards

    def __len__(self) -> int:
        return len(self._cards)

    def numbers(self) -> list[str]:
        return list(self._cards)

    def cards(self) -> list[JobCard]:
        return list(self._cards.values())

    def toggle(self, card: JobCard) -> bool | None:
        """New state (True checked, False unchecked), or None when the limit refuses it."""
        if card.job_number in self._cards:
            del self._cards[card.job_number]
            return False
        if len(self._cards) >= CHECK_LIMIT:
            return None
        self._cards[card.job_number] = card
        return True

    def remove(self, numbers: Iterable[str]) -> None:
        for n in numbers:
            self._cards.pop(n, None)


UnreadListener = Callable[[int], None]


class UserState:
    """Everything the client keeps for the signed-in user while they are signed in."""

    def __init__(self, email: str) -> None:
        self.email = email
        self.checks = Checks()
        self.reference: Reference | None = None
        # Results as a table or as cards, once the user chose (None: by the terminal's size).
        self.results_view: str | None = None
        self._unread = 0
        self._unread_listeners: list[UnreadListener] = []

    def forget(self) -> None:
        """Signed out: empty this object, so that a screen, worker or closure that still
        holds it (until it is collected) holds nothing of the user."""
        self.email = ""
        self.checks = Checks()
        self.reference = None
        self.results_view = None
        self._unread = 0
        self._unread_listeners.clear()

    # ------------------------------------------------------------------ unread messages

    @property
    def unread(self) -> int:
        return self._unread

    def set_unread(self, count: int) -> None:
        """The number of unread messages (the menu shows it beside メッセージ)."""
        count = max(0, count)
        if count != self._unread:
            self._unread = count
            for listener in list(self._unread_listeners):
                listener(count)

    def watch_unread(self, listener: UnreadListener) -> Callable[[], None]:
        """Call `listener` with every new count; returns the function that stops it."""
        self._unread_listeners.append(listener)

        def stop() -> None:
            if listener in self._unread_listeners:
                self._unread_listeners.remove(listener)

        return stop

    # ------------------------------------------------------------------ reference lists

    async def load_reference(self, client: MyPageClient) -> Reference:
        if self.reference is None:
            prefs = await client.prefectures()
            groups = await client.occupations()
            industries = await client.industries()
            self.reference = Reference(prefs.prefectures, groups.groups, industries.industries)
        return self.reference

    async def municipalities(self, client: MyPageClient, prefecture: str) -> list[MunicipalityInfo]:
        ref = await self.load_reference(client)
        if prefecture not in ref.municipalities:
            found = await client.municipalities(prefecture)
            ref.municipalities[prefecture] = found.municipalities
        return ref.municipalities[prefecture]
