"""Key bindings in the current language.

Every binding whose `id` is a catalogue key gets its description from the catalogue, so the
key line, and later a help screen or a key-remapping table, read the same words; the `id`
also names the binding for whoever remaps keys.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from strings.i18n import has, t


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
