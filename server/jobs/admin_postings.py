"""`hellowork admin import-postings FILE.csv` and `export-postings FILE.csv`.

The CSV's header row uses the real 求人票 labels (sheet_fields.py; every column is listed in
the README). Importing reports each bad row with its line, column and reason, loads the good
ones, and exits 1 if any row was refused; a file it cannot read at all gets one line and exit 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from server.config import ServerSettings
    from server.jobs.sheet_fields import Row


def add_commands(sub: Any) -> None:
    imp = sub.add_parser(
        "import-postings", help="load postings from a CSV with the real 求人票 labels"
    )
    imp.add_argument("file", type=Path, help="UTF-8 CSV; header row of 求人票 labels")
    imp.add_argument("--database-url", dest="sub_database_url")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.add_argument("--workers", type=int, default=2, help="parsing processes")
    imp.set_defaults(handler=import_postings)
    exp = sub.add_parser("export-postings", help="write every posting as such a CSV")
    exp.add_argument("file", type=Path, help="where to write (UTF-8 CSV)")
    exp.add_argument("--database-url", dest="sub_database_url")
    exp.set_defaults(handler=export_postings)


def _sqlite_path(settings: ServerSettings) -> str | None:
    from server.jobs.bulk import sqlite_path

    return sqlite_path(settings.database_url)


def _is_postgres(settings: ServerSettings) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).get_backend_name() == "postgresql"


def _export_postgres(settings: ServerSettings, out: TextIO) -> int:
    """Write the CSV from PostgreSQL a page at a time (the header once)."""
    from server.db.migrate import require_head
    from server.jobs import importer_pg
    from server.jobs.postings_csv import write_header, write_page

    write_header(out)
    written = 0

    def write(page: list[Row]) -> None:
        nonlocal written
        written += write_page(out, page)

    async def run() -> None:
        from server.db.engine import create_engine

        engine = create_engine(settings.database_url)
        try:
            await require_head(engine)
        finally:
            await engine.dispose()
        await importer_pg.export_rows(settings.database_url, write)

    asyncio.run(run())
    return written


class Bar:
    """A progress bar with rows/s on stderr (redrawn in place on a terminal)."""

    def __init__(self, quiet: bool, chars: int) -> None:
        self.quiet = quiet
        self.chars = chars  # of the whole file: the bar's share
        self.tty = sys.stderr.isatty()
        self.last_tenth = -1

    def __call__(self, done: int, chars: int, seconds: float) -> None:
        if self.quiet or self.chars < 1:
            return
        share = min(chars / self.chars, 1.0)
        rate = done / seconds if seconds > 0 else 0.0
        bar = "#" * int(share * 30)
        line = f"[{bar:<30}] {share:4.0%} {done:,} rows  {rate:,.0f} rows/s"
        if self.tty:
            print("\r" + line, end="" if share < 1 else "\n", file=sys.stderr, flush=True)
        elif int(share * 10) != self.last_tenth:
            self.last_tenth = int(share * 10)
            print(line, file=sys.stderr, flush=True)


def import_postings(settings: ServerSettings, args: argparse.Namespace) -> int:
    from server.jobs.bulk import migrate
    from server.jobs.importer import import_rows
    from server.jobs.postings_csv import FileRefused, parse_rows

    path = _sqlite_path(settings)
    if path is None and not _is_postgres(settings):
        print("import-postings: loads a SQLite file or PostgreSQL", file=sys.stderr)
        return 2
    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        print(f"import-postings: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    # A new database holds nothing to compare with: the workers start parsing at once,
    # while it is created (an existing one may first need a schema upgrade).
    new = path is None or not Path(path).exists()
    try:
        parsed = parse_rows(
            raw,
            workers=args.workers,
            with_body=path is None,
            database=None if new else path,
            start=new,
        )
    except FileRefused as exc:
        print(f"import-postings: {args.file}: {exc}", file=sys.stderr)
        return 2
    bar = Bar(args.quiet or parsed.pieces < 6, parsed.chars)  # from about 5,000 rows on
    # Rows are parsed in worker processes while earlier ones are being loaded.
    try:
        asyncio.run(migrate(settings.database_url))  # an empty data directory gets its database
        if path is None:
            from server.jobs import importer_pg

            report = asyncio.run(
                importer_pg.import_rows(settings.database_url, parsed.chunks, progress=bar)
            )
        else:
            report = import_rows(path, parsed.chunks, progress=bar)
    except KeyboardInterrupt:
        print(
            f"\nimport-postings: {args.file}: interrupted; the rows loaded so far are whole and"
            " indexed — run it again to load the rest (loaded rows are kept as they are)",
            file=sys.stderr,
        )
        return 130
    finally:
        parsed.stop()  # the workers, when the file was not read to the end
    problems = sorted(report.problems, key=lambda p: p.line)
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    bad_lines = len({p.line for p in problems})
    seconds = time.perf_counter() - t0
    same = f", {report.unchanged:,} unchanged" if report.unchanged else ""
    print(
        f"{report.inserted:,} added, {report.updated:,} updated{same}, {bad_lines:,} refused"
        f" in {seconds:.1f} s ({report.done / seconds if seconds else 0:,.0f} rows/s)"
    )
    return 1 if problems else 0


def export_postings(settings: ServerSettings, args: argparse.Namespace) -> int:
    from server.jobs.importer import export_rows
    from server.jobs.postings_csv import write_rows

    path = _sqlite_path(settings)
    if path is None and not _is_postgres(settings):
        print("export-postings: reads a SQLite file or PostgreSQL", file=sys.stderr)
        return 2
    if path is not None and not Path(path).exists():
        print(f"export-postings: no database at {path}", file=sys.stderr)
        return 2
    try:
        with args.file.open("w", encoding="utf-8", newline="") as out:
            if path is None:
                n = _export_postgres(settings, out)
            else:
                n = write_rows(out, iter(export_rows(path)))
    except OSError as exc:
        print(f"export-postings: cannot write {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"{n:,} postings written to {args.file}")
    return 0
