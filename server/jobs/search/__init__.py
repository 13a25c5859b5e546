"""The search engine: CJK bigrams and facet tokens (tokens.py, grams.py, phrases.py) in one
inverted index, answered by SQLite FTS5 (engine.py, fts.py) or PostgreSQL GIN (pg.py); the open
postings per day (open_days.py) give the unconditional total. DESIGN §5."""
