"""The high-contrast theme, the default of kiosk mode (issue 12 item 8).

Pure black and white with one yellow accent: every border and bar has a colour distinct
from the background even in the 8 colours of the Linux console (TERM=linux), where the
default theme's unfocused borders came out black on black. Focus is also shown by shape
(heavy borders, reverse video: hellowork.tcss), never by colour alone.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="hellowork-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF5555",
    success="#55FF55",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#333333",
    dark=True,
    variables={
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "footer-background": "#FFFFFF",
        "footer-foreground": "#000000",
        "footer-key-foreground": "#000000",
        "footer-description-foreground": "#000000",
        "input-cursor-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 60%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "text-muted": "#FFFFFF",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
    },
)


# Rich's names for terminals of 16 colours or fewer (TERM=linux, the Windows console): the
# default theme's greys fall to black there, on a black background.
FEW_COLOURS = frozenset({"standard", "windows"})


def wants_high_contrast(color_system: str | None) -> bool:
    """Whether a terminal with this colour system needs the high-contrast theme."""
    return color_system in FEW_COLOURS
