"""The panes of the signed-in app and the base of every place (session/places.py).

Apart from places.py because start-up needs these two and nothing else of it: the places
themselves are some 25 frozen dataclasses, whose making took tens of milliseconds before
the login screen could paint.
"""

from __future__ import annotations

from enum import StrEnum


class PaneId(StrEnum):
    """The panes of the signed-in app, in the order of the seeds' global menu."""

    home = "home"
    search = "search"
    activity = "activity"
    messages = "messages"
    favorites = "favorites"
    profile = "profile"


class Place:
    """Base of every place. `pane` is where it opens; None: the pane of the screen asking."""

    pane: PaneId | None = None
