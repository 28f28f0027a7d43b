"""Runtime settings of a phonghop server or embedded demo (no Qt)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PasswordPolicy:
    """Argon2id cost. The defaults are argon2-cffi's (RFC 9106 low-memory profile, ~250 ms);
    tests lower them through configuration, never production."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 4

    @classmethod
    def fast_for_tests(cls) -> "PasswordPolicy":
        return cls(time_cost=1, memory_cost_kib=1024, parallelism=1)


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    token_lifetime_s: int = 12 * 3600  # one working day of sittings
    password_policy: PasswordPolicy = field(default_factory=PasswordPolicy)
    login_attempts_per_minute: int = 10  # failed ones, per user name, whatever the address
    login_concurrency: int = 4  # password checks (Argon2) running at once, per process
    login_failures_per_address_per_minute: int = 30  # one password tried across many users
    changes_per_minute: int = 600  # mutations per user (a pen stroke is one; ballots apart)
    change_bytes_per_minute: int = 4 * 1024 * 1024  # their arguments, per user
    snapshots_per_minute: int = 120  # per user (a tablet takes one per session it opens)
    shared_changes_per_minute: int = 60  # shared annotations per user: they reach every tablet
    new_clients_per_hour: int = 30  # client ids a user may start using
    notes_per_session: int = 2000  # per user
    annotations_per_document: int = 5000  # per user and document
    storage_per_session_bytes: int = 20 * 1024 * 1024  # a user's notes and annotations
    live_check_s: float = 2.0  # the hub's check of tokens, roles and each session's last event
    vote_tick_s: float = 0.25  # votes' clock: countdowns ended, live progress of open votes
    connection_buffer_bytes: int = 4 * 1024 * 1024  # queued for one socket before it is dropped
    notification_buffer_bytes: int = 32 * 1024 * 1024  # events held for the fan-out, all sessions

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"


def default_data_dir() -> Path:
    """The user's data directory (XDG on Linux), overridable with PHONGHOP_DATA_DIR."""
    env = os.environ.get("PHONGHOP_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("phonghop", appauthor=False))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"
