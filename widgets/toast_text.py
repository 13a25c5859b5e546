"""Line breaks for notification (toast) text that Textual would wrap badly.

Textual's toast is 60 cells wide, at most half the screen. Text without spaces (Japanese)
is wrapped by cells, and a double-width character falling on the edge was dropped: at 80
columns 「…できません。係員に…」 showed as 「…できません。」「員に…」. So lines with
double-width characters are broken here, by cells, before the toast sees them — after 。 or
、 where one is near the edge. Text in single-width characters is left to Textual's wrap at
spaces.
"""

from __future__ import annotations

from rich.cells import cell_len

TOAST_WIDTH = 60  # Toast { width: 60; max-width: 50% }
TOAST_CHROME = 4  # the coloured left edge, padding 1 on each side, one cell of margin
MIN_WIDTH = 10
PREFERRED_BREAKS = "。、）」 "
LOOK_BACK = 10  # cells to step back for a nicer break


def toast_width(screen_width: int) -> int:
    return max(MIN_WIDTH, min(TOAST_WIDTH, screen_width // 2) - TOAST_CHROME)


def fit_toast(text: str, screen_width: int) -> str:
    limit = toast_width(screen_width)
    lines: list[str] = []
    for line in text.split("\n"):
        if cell_len(line) == len(line):
            lines.append(line)  # single-width only: Textual wraps it at spaces
            continue
        while cell_len(line) > limit:
            cut = _cut(line, limit)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        lines.append(line)
    return "\n".join(lines)


def _cut(line: str, limit: int) -> int:
    """Where to break `line`: the last preferred break within the last LOOK_BACK cells of
    `limit`, else as many characters as fit."""
    fit, width = 0, 0
    for ch in line:
        if width + cell_len(ch) > limit:
            break
        width += cell_len(ch)
        fit += 1
    for i in range(fit, 0, -1):
        if cell_len(line[i:fit]) > LOOK_BACK:
            break
        if line[i - 1] in PREFERRED_BREAKS:
            return i
    return max(fit, 1)
