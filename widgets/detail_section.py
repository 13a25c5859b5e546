"""The search form's 詳細条件 section: a Collapsible without Textual's `:focus-within` tint.

Textual restyles every descendant of a node whose CSS uses `:focus-within` on each focus
change inside it (Screen._update_focus_styles). The detailed conditions hold a few hundred
widgets, so that tint cost a full restyle of all of them on every Tab (most of the time a
Tab took there). This class keeps Collapsible's behaviour and look, minus that rule.
"""

from __future__ import annotations

from textual.widgets import Collapsible


class DetailSection(Collapsible, inherit_css=False):
    DEFAULT_CSS = """
    DetailSection {
        width: 1fr;
        height: auto;
        background: $surface;
        border-top: hkey $background;
        padding-bottom: 1;
        padding-left: 1;

        &.-collapsed > Contents {
            display: none;
        }
        &:ansi {
            border-top: hkey ansi_blue;
            background: $panel;
        }
    }
    """
