"""The one small interface between the forms that hold codes (registration, profile) and the
reference lists and pickers: which picker opens for a kind of code, and what a code is called.

The search screen's occupation picker is reused as it is (its two-level list of the 14 groups
and their details); prefectures and municipalities use the filterable `ListPicker`. Everything
the forms need goes through here, so a change of the search form's pickers touches this file
only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from strings.i18n import get_language, t
from widgets.list_picker import Entry, ListPicker
from widgets.occupation_picker import OccupationPicker

if TYPE_CHECKING:
    from textual.screen import ModalScreen

    from api_client.job_models import MunicipalityInfo, OccupationGroupInfo, PrefectureInfo
    from widgets.code_field import CodeKind


def _name(item: object) -> str:
    ja, en = getattr(item, "name_ja", ""), getattr(item, "name_en", "")
    return str(en if get_language() == "en" and en else ja)


class CodeNames:
    """Names of 希望職種, 都道府県 and 市区町村 codes, in the current language where the lists
    have one; a code it does not know gets no name (the form shows the code itself)."""

    def __init__(
        self,
        groups: Iterable[OccupationGroupInfo],
        prefectures: Iterable[PrefectureInfo],
        municipalities: Mapping[str, Iterable[MunicipalityInfo]],
    ) -> None:
        self.groups = list(groups)
        self.prefectures = list(prefectures)
        self._occupations = {o.code: o for g in self.groups for o in g.occupations}
        self._prefectures = {p.code: p for p in self.prefectures}
        self._municipalities = {m.code: m for ms in municipalities.values() for m in ms}

    def name(self, kind: CodeKind, code: str) -> str | None:
        if kind == "occupation":
            found: object | None = self._occupations.get(code)
        elif kind == "prefecture":
            found = self._prefectures.get(code)
        else:
            found = self._municipalities.get(code)
        return _name(found) if found is not None else None

    def is_occupation(self, code: str) -> bool:
        """A detail (0101), not a whole group (01): registration takes details only."""
        return code in self._occupations

    def group_name(self, code: str) -> str:
        group = next((g for g in self.groups if g.code == code), None)
        return _name(group) if group is not None else code

    def prefecture_name(self, code: str) -> str:
        found = self._prefectures.get(code)
        return _name(found) if found is not None else code


def prefecture_of(municipality_code: str) -> str:
    """The prefecture of a 市区町村 code (the JIS code starts with it: 13101 → 13)."""
    return municipality_code[:2]


def occupation_picker(names: CodeNames, current: str | None) -> ModalScreen[str | None]:
    return OccupationPicker(names.groups, current or None)


def prefecture_picker(names: CodeNames, current: str | None) -> ModalScreen[str | None]:
    def entries() -> list[Entry]:  # names in the language of the moment (Ctrl+T)
        # The Japanese name is searched in either language (東京 finds Tokyo).
        return [Entry(p.code, _name(p), p.name_ja) for p in names.prefectures]

    return ListPicker(lambda: t("picker.prefecture"), entries, current or None)


def municipality_picker(
    names: CodeNames,
    prefecture: str,
    municipalities: Iterable[MunicipalityInfo],
    current: str | None,
) -> ModalScreen[str | None]:
    entries = [Entry(m.code, m.name_ja, m.name_kana) for m in municipalities]

    def title() -> str:
        return t("picker.municipality", prefecture=names.prefecture_name(prefecture))

    return ListPicker(title, entries, current or None)
