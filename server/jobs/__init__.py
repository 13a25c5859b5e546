"""Job postings (求人): search, job sheets, saved conditions, favorites, loading.

models.py, store.py        the posting table; writing one posting with its index rows
access.py, render.py       who may see what (公開範囲), cards and job sheets
service.py, routes.py      the search and job-sheet API
search/                    the search engine: bigram + facet index, SQLite FTS5, PostgreSQL
saved.py, favorites.py     saved search conditions (≤ 3) and favorites (≤ 300)
bulk.py                    bulk loading into SQLite (demo data, imports)
demo/                      the synthetic (架空) posting generator, `hellowork demo-data`
"""
