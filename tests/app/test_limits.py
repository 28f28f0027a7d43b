"""Rate limits counted in the database: several keys in one statement, each against its own
limit, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import make_engine, upgrade
from app.models import RateBucket
from app.services import limits

NOW = 1_800_000_030.0  # 30 s into a minute window


def _counts(db: Session) -> dict[str, int]:
    return dict(db.execute(select(RateBucket.key, RateBucket.count)).all())


def test_several_keys_are_counted_at_once_each_against_its_own_limit(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    changes, bytes_ = limits.Limit(3), limits.Limit(1000)
    try:
        with Session(engine) as db:
            for _ in range(3):  # three changes of 300 bytes: within both limits
                assert limits.counts_or_wait(db, [("changes:1", changes, 1),
                                                  ("bytes:1", bytes_, 300)], NOW) is None
            assert _counts(db) == {"changes:1": 3, "bytes:1": 900}
            # a fourth goes over both: the wait is until the end of the window
            assert limits.counts_or_wait(db, [("changes:1", changes, 1),
                                              ("bytes:1", bytes_, 300)], NOW) == 30
            db.rollback()  # the caller of an over-limit count rolls back
            with db.begin():
                # over the byte limit alone: refused, with the byte limit's wait
                hour = limits.Limit(5000, 3600)
                assert limits.counts_or_wait(db, [("changes:2", changes, 1),
                                                  ("bytes:2", bytes_, 1200),
                                                  ("hourly:2", hour, 1200)], NOW) == 30
                assert limits.counts_or_wait(db, [("hourly:2", hour, 5000)], NOW) == \
                    int(3600 - NOW % 3600)  # the longest wait of those over their limit
                assert limits.count_or_wait(db, "changes:2", changes, NOW) is None  # 2 of 3
    finally:
        engine.dispose()


def test_the_same_key_twice_counts_both_amounts_under_the_stricter_limit(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    long_key = "changes:" + "x" * 130  # cut to 120 characters, like every key
    try:
        with Session(engine) as db:
            assert limits.counts_or_wait(db, [(long_key, limits.Limit(10), 3),
                                              (long_key[:125], limits.Limit(8), 4)], NOW) is None
            assert _counts(db) == {long_key[:120]: 7}
            # 9 is within the looser limit but over the stricter one
            assert limits.counts_or_wait(db, [(long_key, limits.Limit(10), 1),
                                              (long_key, limits.Limit(8), 1)], NOW) == 30
    finally:
        engine.dispose()
