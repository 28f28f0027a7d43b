"""What every request of one server process shares: settings, database, file store."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import make_engine, make_session_factory
from app.services.files import FileStore
from app.services.passwords import Passwords


class LoginRateLimiter:
    """At most `limit` failed-or-not login attempts per key in a sliding minute."""

    def __init__(self, limit: int, window_s: float = 60.0):
        self.limit = limit
        self.window_s = window_s
        self._attempts: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            attempts = self._attempts[key]
            while attempts and now - attempts[0] > self.window_s:
                attempts.popleft()
            if len(attempts) >= self.limit:
                return False
            attempts.append(now)
            return True


@dataclass
class ServerContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: Passwords
    files: FileStore
    login_limiter: LoginRateLimiter = field(init=False)
    hub: Optional["object"] = field(default=None, init=False)  # the live fan-out, set by create_app

    def __post_init__(self) -> None:
        self.login_limiter = LoginRateLimiter(self.settings.login_attempts_per_minute)

    @classmethod
    def from_settings(cls, settings: Settings) -> "ServerContext":
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, sessions=make_session_factory(engine),
                   passwords=Passwords(settings.password_policy),
                   files=FileStore(settings.files_dir))
