"""A QR code drawn with half-block characters, black modules on white.

Each terminal cell holds two modules stacked vertically (▀ top, ▄ bottom, █ both, space
none). The colours are explicit, not theme colours, so the code stays scannable on a dark
terminal; the quiet zone (border of 4 modules) is part of the drawing.

`qrcode` is not imported with this module, and a matrix (~5-10 ms of pure Python) is made
only once there is data to draw: Home mounts its widget empty and fills it when the 求職番号
arrives. The app imports qrcode in a thread while the user signs in (`load_library`).
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

DARK_ON_LIGHT = Style(color="#000000", bgcolor="#ffffff")

# (top module dark, bottom module dark) -> character drawn in the dark colour
HALF_BLOCKS: dict[tuple[bool, bool], str] = {
    (False, False): " ",
    (True, False): "▀",
    (False, True): "▄",
    (True, True): "█",
}


def qr_matrix(data: str, border: int = 4) -> list[list[bool]]:
    """The module matrix of `data`, quiet zone included (True = dark)."""
    return [list(row) for row in _matrix(data, border)]


@lru_cache(maxsize=8)
def _matrix(data: str, border: int) -> tuple[tuple[bool, ...], ...]:
    # Cached: Home redraws the same 求職番号 after every sign-in and reload.
    import qrcode

    code = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def load_library() -> None:
    """Import qrcode now (~20 ms of imports): the app does it in a thread while the user
    signs in, so Home's first QR code does not wait for it."""
    import qrcode  # noqa: F401


def half_block_lines(matrix: list[list[bool]]) -> list[str]:
    """Two matrix rows per text line; an odd last row is paired with a light row."""
    lines: list[str] = []
    width = len(matrix[0]) if matrix else 0
    for y in range(0, len(matrix), 2):
        top = matrix[y]
        bottom = matrix[y + 1] if y + 1 < len(matrix) else [False] * width
        lines.append("".join(HALF_BLOCKS[(t, b)] for t, b in zip(top, bottom, strict=True)))
    return lines


class QRCodeWidget(Widget):
    """Shows `data` as a QR code; `matrix` is exactly what is drawn (nothing for "")."""

    DEFAULT_CSS = """
    QRCodeWidget { width: auto; height: auto; }
    """

    def __init__(
        self, data: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._data = data
        self._matrix = qr_matrix(data) if data else []

    @property
    def data(self) -> str:
        return self._data

    @property
    def matrix(self) -> list[list[bool]]:
        return self._matrix

    def set_data(self, data: str) -> None:
        self._data = data
        self._matrix = qr_matrix(data) if data else []
        self.refresh(layout=True)

    def lines(self) -> list[str]:
        return half_block_lines(self._matrix)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self._matrix[0]) if self._matrix else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (len(self._matrix) + 1) // 2

    def render(self) -> Text:
        return Text("\n".join(self.lines()), style=DARK_ON_LIGHT, no_wrap=True, end="")
