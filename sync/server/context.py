"""What every request of one server process shares: settings, database, file store."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import make_engine, make_session_factory
from app.services.files import FileStore
from app.services.passwords import Passwords


@dataclass
class ServerContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: Passwords
    files: FileStore
    hub: Optional["object"] = field(default=None, init=False)  # the live fan-out, set by create_app
    lane: Optional["object"] = field(default=None, init=False)  # urgent changes (ballots), ditto
    recent_tokens: Optional["object"] = field(default=None, init=False)  # ditto (deps.RecentTokens)
    _gates: dict = field(default_factory=dict, init=False, repr=False)

    @property
    def login_gate(self) -> asyncio.Semaphore:
        """How many password checks run at once, per event loop (one server's loop)."""
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self.settings.login_concurrency)
        return gate

    @classmethod
    def from_settings(cls, settings: Settings) -> "ServerContext":
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, sessions=make_session_factory(engine),
                   passwords=Passwords(settings.password_policy),
                   files=FileStore(settings.files_dir))
