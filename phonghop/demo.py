"""`phonghop demo`: the embedded default. SQLite in the user's data directory, the server
in-process on a free loopback port, and the desktop client logged in as a demo user."""
from __future__ import annotations

import sys

from phonghop.database import CliError, migrate, settings_for
from app.demo.seed import DEMO_PASSWORD, DEMO_USERS, is_seeded, seed_demo


def ensure_demo_database(data_dir) -> "object":
    """Migrate and, when empty, seed the demo database in data_dir; returns the Settings."""
    from sync.server.context import ServerContext

    settings = settings_for(None, data_dir)
    migrate(settings.database_url)
    context = ServerContext.from_settings(settings)
    try:
        with context.sessions() as db:
            if not is_seeded(db):
                print("Đang tạo dữ liệu mẫu (kỳ họp, đại biểu, tài liệu)…", file=sys.stderr)
                seed_demo(db, context.files, context.passwords, progress=_print_progress)
                db.commit()
                print("", file=sys.stderr)
    finally:
        context.engine.dispose()
    return settings


def _print_progress(_step: str, done: int, total: int) -> None:
    print(f"\r  tài liệu {done}/{total}", end="", file=sys.stderr, flush=True)


def run_demo(args) -> int:
    settings = ensure_demo_database(args.data_dir)
    if args.seed_only:
        print(f"demo data ready in {settings.data_dir}")
        return 0
    if args.open_document is not None and args.open_document < 1:
        raise CliError("--open-document counts from 1")
    from sync.server.context import ServerContext
    from sync.server.runner import BackgroundServer

    try:
        from ui.app import run_client
    except ImportError as exc:
        raise CliError(f"the desktop client cannot start: {exc}") from None
    with BackgroundServer(ServerContext.from_settings(settings)) as server:
        return run_client(
            server.url, username=DEMO_USERS[args.role], password=DEMO_PASSWORD,
            offscreen=args.offscreen, screenshot=str(args.screenshot) if args.screenshot else None,
            open_document=args.open_document, lang=args.lang,
            cache_dir=str(settings.data_dir / "client-cache"),
        )
