"""A job sheet as UTF-8 text laid out to print on A4 (the client saves it; tests read it).

A4 portrait in a 10-point monospaced font holds about 80 half-width columns and 66 lines;
full-width characters take two columns. Labels sit in a 24-column left column, values wrap
in the rest; each page ends with its number and a form feed so printers start a new sheet.
"""

from __future__ import annotations

import unicodedata

from .job_models import JobSheet

WIDTH = 80
LINES_PER_PAGE = 66
LABEL_WIDTH = 24


def cells(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` columns (by character: Japanese has no
    spaces to break at), keeping its own line breaks."""
    out: list[str] = []
    for para in text.split("\n") or [""]:
        line, used = "", 0
        for c in para:
            w = cells(c)
            if used + w > width:
                out.append(line)
                line, used = "", 0
            line += c
            used += w
        out.append(line)
    return out


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def body_lines(sheet: JobSheet, width: int = WIDTH, label_width: int = LABEL_WIDTH) -> list[str]:
    """The header and the 10 sections, labels in a left column of `label_width` columns and
    values wrapped in the rest of `width` (the A4 file: 80 and 24; a screen: its width)."""
    lines: list[str] = []
    title = "求人票（架空データ）" if sheet.synthetic else "求人票"
    lines.append(_pad("", (width - cells(title)) // 2) + title)
    lines.append("")
    for section in sheet.sections:
        if section.number:
            heading = f"{section.number}. {section.title}"
            lines.append("")
            lines.append(heading + " " + "─" * max(0, (width - cells(heading) - 1) // 2))
        for row in section.rows:
            label = wrap(row.label, label_width - 2)
            value = wrap(row.value, width - label_width)
            for i in range(max(len(label), len(value))):
                left = label[i] if i < len(label) else ""
                right = value[i] if i < len(value) else ""
                lines.append((_pad(left, label_width) + right).rstrip())
    return lines


def a4_text(sheet: JobSheet) -> str:
    """The whole sheet, paginated: 66 lines a page, the last one saying which page it is."""
    body = body_lines(sheet)
    per_page = LINES_PER_PAGE - 2  # a blank line and the page number
    pages = [body[i : i + per_page] for i in range(0, len(body), per_page)] or [[]]
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        footer = f"{sheet.job_number}  {n} / {len(pages)}"
        lines = [
            *page,
            *[""] * (per_page - len(page)),
            "",
            _pad("", WIDTH - cells(footer)) + footer,
        ]
        if n > 1:
            lines[0] = "\f" + lines[0]  # a new sheet of paper
        out.extend(lines)
    return "\n".join(out) + "\n"
