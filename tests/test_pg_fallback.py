"""Without a PostgreSQL server, the tests start a throwaway cluster (initdb + pg_ctl)."""
from __future__ import annotations

from tests import pg


def test_a_throwaway_cluster_starts_migrates_and_stops():
    from app.db import current_revision, head_revision, make_engine, upgrade

    cluster = pg.ThrowawayCluster()
    try:
        admin_url = cluster.start()
        url = pg.create_database(admin_url)
        upgrade(url)
        engine = make_engine(url)
        assert current_revision(engine) == head_revision()
        engine.dispose()
    finally:
        cluster.stop()
    assert not cluster.dir.exists()
