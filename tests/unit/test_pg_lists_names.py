"""The token names a PostgreSQL search looks up by prefix (server/jobs/search/pg_lists.py):
worked out once per build, they must stay what a scan of the names gives, with the postings
changed since the build (the overlay) included."""

from __future__ import annotations

from server.jobs.search.pg_lists import DAY, DEADLINE, LINE, IndexCache, day_token


def _scan(cache: IndexCache, prefix: str) -> list[str]:
    view = cache.view
    have = {t for t in view.gen.names if t.startswith(prefix)}
    have |= {t for t, bm in view.overlay.items() if t.startswith(prefix) and bm}
    return sorted(have)


def test_names_by_prefix_match_a_scan_before_and_after_changes() -> None:
    cache = IndexCache()
    names = {day_token(d << 32) for d in (20_000, 20_010, 20_005)}
    names |= {f"{DEADLINE}20261201", f"{DEADLINE}20261130", f"{LINE}介護職員", f"{LINE}営業"}
    cache.reset(7, 0, frozenset(names))
    for prefix in (DAY, DEADLINE, LINE, "zz"):
        assert cache.view.tokens_named(prefix) == _scan(cache, prefix)
    before = cache.view
    # A posting received on a day the build had no posting for, another one withdrawn.
    cache.apply(3, [41, 42], [(41, 20_020 << 32 | 5, ("介護", f"{DEADLINE}20261215"), "新しい行")])
    for prefix in (DAY, DEADLINE, LINE):
        assert cache.view.tokens_named(prefix) == _scan(cache, prefix)
    assert day_token(20_020 << 32) in cache.view.tokens_named(DAY)
    assert f"{DEADLINE}20261215" in cache.view.tokens_named(DEADLINE)
    # The view taken before the change still answers as before.
    assert day_token(20_020 << 32) not in before.tokens_named(DAY)
    assert before.tokens_named(DAY) == sorted(t for t in names if t.startswith(DAY))
