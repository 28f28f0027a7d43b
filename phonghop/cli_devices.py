"""`phonghop devices wipe USER`: a lost or stolen tablet. The user's confidential documents on
every tablet become unreadable at once (their key changes) and the tablets delete them at
their next contact with the server, which also logs the user out everywhere."""
from __future__ import annotations

import argparse

from phonghop.database import CliError, admin_session


def add_parser(commands) -> None:
    devices = commands.add_parser("devices", help="the tablets of a user")
    sub = devices.add_subparsers(dest="devices_command", required=True, metavar="wipe")
    wipe = sub.add_parser("wipe", help="remove a user's confidential documents from every "
                                       "tablet and log the user out everywhere")
    wipe.add_argument("--db", required=True, help="database URL (sqlite:///… or postgresql://…)")
    wipe.add_argument("username", metavar="USER")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.models import User
    from app.services.audit import record_event
    from app.services.document_keys import wipe_user

    with admin_session(args.db) as db:
        user = db.scalar(select(User).where(User.username == args.username.strip()))
        if user is None:
            raise CliError(f"no user {args.username!r}")
        username = user.username
        tokens = wipe_user(db, user)
        record_event(db, "devices.wiped", payload={"user_id": user.id, "tokens": tokens,
                                                   "key_generation": user.key_generation,
                                                   "by": "command line"})
        db.commit()
    print(f"{username!r}: confidential documents sealed for good on every tablet "
          f"({tokens} session{'' if tokens == 1 else 's'} logged out); each tablet deletes "
          "them at its next contact with the server")
    return 0
