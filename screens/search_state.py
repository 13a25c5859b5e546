"""What the search screens share while one user is signed in: checked postings (≤ 50) and the
reference lists (prefectures, occupations, industries).

The state belongs to the signed-in Home screen (it is found in the screen stack): logging out
pops Home, and the checks go with it — nothing of the last user stays for the next one.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from api_client.job_models import (
        IndustryInfo,
        JobCard,
        MunicipalityInfo,
        OccupationGroupInfo,
        PrefectureInfo,
    )
    from screens.base import Services

CHECK_LIMIT = 50


@dataclass
class Reference:
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


@dataclass
class SearchSession:
    checks: Checks = field(default_factory=Checks)
    reference: Reference | None = None


_STATES: weakref.WeakKeyDictionary[object, SearchSession] = weakref.WeakKeyDictionary()


def session_of(app: App[object]) -> SearchSession:
    """The state of the signed-in user (kept by their Home screen, else by the app)."""
    from screens.home import HomeScreen

    owner: object = app
    for screen in app.screen_stack:
        if isinstance(screen, HomeScreen):
            owner = screen
            break
    state = _STATES.get(owner)
    if state is None:
        state = _STATES[owner] = SearchSession()
    return state


async def load_reference(app: App[object], services: Services) -> Reference:
    state = session_of(app)
    if state.reference is None:
        client = await services.get_client()
        prefs = await client.prefectures()
        groups = await client.occupations()
        industries = await client.industries()
        state.reference = Reference(prefs.prefectures, groups.groups, industries.industries)
    return state.reference


async def municipalities(
    app: App[object], services: Services, prefecture: str
) -> list[MunicipalityInfo]:
    ref = await load_reference(app, services)
    if prefecture not in ref.municipalities:
        client = await services.get_client()
        ref.municipalities[prefecture] = (await client.municipalities(prefecture)).municipalities
    return ref.municipalities[prefecture]
