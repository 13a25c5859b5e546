"""The QR widget's rendered characters decode back to the seeker number (zxing-cpp)."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region

from widgets.qr import QRCodeWidget, half_block_lines, qr_matrix

# character -> (top dark, bottom dark); the inverse of the widget's drawing table
PARSE = {" ": (False, False), "▀": (True, False), "▄": (False, True), "█": (True, True)}


def modules_from_lines(lines: list[str]) -> list[list[bool]]:
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [PARSE[c] for c in line]
        rows.append([top for top, _ in pairs])
        rows.append([bottom for _, bottom in pairs])
    return rows


def decode(modules: list[list[bool]], scale: int = 8) -> list[str]:
    light = np.where(np.array(modules, dtype=bool), 0, 255).astype(np.uint8)
    image = np.kron(light, np.ones((scale, scale), dtype=np.uint8))
    return [r.text for r in zxingcpp.read_barcodes(image)]


class QRApp(App[None]):
    def __init__(self, data: str) -> None:
        super().__init__()
        self.data = data

    def compose(self) -> ComposeResult:
        yield QRCodeWidget(self.data, id="qr")


@pytest.mark.parametrize("number", ["70000-99999999", "13010-1", "01090-12345678"])
async def test_rendered_widget_decodes_to_seeker_number(number: str) -> None:
    app = QRApp(number)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        widget = app.query_one(QRCodeWidget)
        width, height = widget.size
        assert (width, height) == (len(widget.matrix[0]), (len(widget.matrix) + 1) // 2)
        strips = widget.render_lines(Region(0, 0, width, height))
        lines = [strip.text for strip in strips]
        # Every drawn segment is explicitly black on white (scannable on dark terminals).
        for strip in strips:
            for segment in strip:
                style = segment.style or Style()
                assert style.color is not None and style.color.triplet == (0, 0, 0)
                assert style.bgcolor is not None and style.bgcolor.triplet == (255, 255, 255)
    modules = modules_from_lines(lines)
    # The drawing is the widget's matrix (plus, for an odd size, one light padding row).
    assert modules[: len(widget.matrix)] == widget.matrix
    assert decode(modules) == [number]


def test_matrix_has_quiet_zone() -> None:
    matrix = qr_matrix("70000-99999999")
    assert not any(matrix[0]) and not any(row[0] for row in matrix)
    assert len(half_block_lines(matrix)) == (len(matrix) + 1) // 2
