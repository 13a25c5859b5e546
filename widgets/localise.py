"""Key bindings in the current language.

Every binding whose `id` is a catalogue key gets its description from the catalogue, so the
key line, and later a help screen or a key-remapping table, read the same words; the `id`
also names the binding for whoever remaps keys.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from strings.i18n import has, t

R = TypeVar("R")


def localise_bindings(node: DOMNode, *, refresh: bool = True) -> None:
    """Give every binding whose `id` is a catalogue key its text in the current language.

    Binding descriptions are fixed strings, so the node's own bindings map is rewritten.
    Nodes do it once when constructed (`refresh=False`: nothing shows them yet, and a
    refresh would make every Footer recompose before the first paint) and again, with a
    refresh, when the language changes.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=t(b.id)) if b.id and has(b.id) else b for b in items
        ]
    if refresh:
        node.refresh_bindings()


def describe(binding: Binding) -> str:
    """What `binding` does, in the current language: ours by their `id`, Textual's own (the
    Select's "Dismiss menu", an Input's editing keys) by their English description
    (strings/catalogue/textual_keys.py)."""
    if binding.id and has(binding.id):
        return t(binding.id)
    if binding.description and has(f"textual.{binding.description}"):
        return t(f"textual.{binding.description}")
    return binding.description


class LocalisedModal(ModalScreen[R]):
    """A modal of the widgets layer (the pickers): its texts are set in `apply_language`, on
    mount (after the subclass's own on_mount: Textual calls each class's handler) and again
    when the language changes while it is open (the App calls `relocalise` for every screen
    of the stack)."""

    def on_mount(self) -> None:
        self.apply_language()

    def apply_language(self) -> None:
        """Set every text of the modal from the catalogue. Override in modals."""

    def relocalise(self) -> None:
        for node in self.query("TextInput"):
            localise_bindings(node, refresh=False)  # their keys' words in the key line
        localise_bindings(self)
        self.apply_language()


def refill(listing: OptionList, options: list[Option]) -> None:
    """Replace the options of `listing`, keeping the highlight on the same option (by id)
    where it is still listed, else on the first."""
    index = listing.highlighted
    current = listing.get_option_at_index(index).id if index is not None else None
    listing.clear_options()
    listing.add_options(options)
    ids = [option.id for option in options]
    if current is not None and current in ids:
        listing.highlighted = ids.index(current)
    elif options:
        listing.highlighted = 0
