"""PostgreSQL LISTEN on its own connection, reconnecting with backoff; the hub's periodic
check covers whatever was missed while the connection was down."""
from __future__ import annotations

import asyncio
import logging
import random
from typing import Callable

import psycopg
from sqlalchemy.engine import make_url

from sync.server.context import ServerContext

log = logging.getLogger("phonghop.pg_listener")


def libpq_url(sqlalchemy_url: str) -> str:
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def listen(context: ServerContext, channel: str, on_payload: Callable[[str], None]) -> None:
    delay = 0.5
    url = libpq_url(context.settings.database_url)
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                await conn.execute(f"LISTEN {channel}")
                delay = 0.5
                async for notification in conn.notifies():
                    on_payload(notification.payload)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # database restarting, network: retry
            log.warning("LISTEN connection lost (%s); retrying", exc)
            await asyncio.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 10.0)
