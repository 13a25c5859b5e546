"""Per-domain string catalogues, merged into strings.i18n.CATALOGUE.

Each module holds `STRINGS: dict[str, tuple[str, str]]` (key → (ja, en)) for one area, so
screens of different domains add their strings without editing one shared file. Modules here
import nothing from the project.
"""
