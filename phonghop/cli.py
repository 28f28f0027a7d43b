"""The `phonghop` command line. Errors: one line on stderr and a non-zero exit code."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from phonghop import cli_devices, cli_documents
from phonghop.database import (
    CliError, admin_session, check_schema, migrate, settings_for,
)

EXIT_USAGE = 2
EXIT_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="phonghop", description="phonghop: phòng họp không giấy")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    server = commands.add_parser("server", help="run the central server (or `server init`)")
    _server_options(server)
    server_commands = server.add_subparsers(dest="server_command", metavar="{init,new-epoch}")
    init = server_commands.add_parser("init", help="create or upgrade the schema and an admin")
    init.add_argument("--db", required=True, help="database URL (sqlite:///… or postgresql://…)")
    init.add_argument("--admin", required=True, metavar="USER", help="admin user name to create")
    init.add_argument("--admin-name", default="Quản trị hệ thống", help="the admin's full name")
    epoch = server_commands.add_parser(
        "new-epoch", help="after restoring a backup: give the database a new epoch, so that "
                          "every tablet reads its sessions again and re-sends what it has not "
                          "seen confirmed")
    epoch.add_argument("--db", required=True, help="database URL (sqlite:///… or postgresql://…)")

    demo = commands.add_parser("demo", help="run the embedded demo (server + desktop client)")
    demo.add_argument("--data-dir", type=Path, help="where the demo database and files live")
    demo.add_argument("--seed-only", action="store_true", help="only create the demo data, then exit")
    demo.add_argument("--role", default="delegate",
                      choices=["delegate", "chair", "secretary", "clerk", "guest"],
                      help="who the client logs in as")
    demo.add_argument("--offscreen", action="store_true", help="no window on the screen")
    demo.add_argument("--screenshot", type=Path, metavar="PATH",
                      help="save a PNG of the main window once loaded, then exit")
    demo.add_argument("--open-document", type=int, metavar="N",
                      help="open the Nth document of the first agenda item")
    demo.add_argument("--lang", choices=["vi", "en"], help="user interface language")

    client = commands.add_parser("client", help="run the desktop client")
    client.add_argument("--server", default="http://127.0.0.1:8765", help="server address")
    client.add_argument("--lang", choices=["vi", "en"], help="user interface language")
    client.add_argument("--ca-file", type=Path, metavar="FILE",
                        help="trust the server certificates signed by these CA certificates "
                             "(PEM) instead of the default trusted CAs")
    client.add_argument("--insecure", action="store_true",
                        help="allow a plain http:// server address that is not this machine "
                             "(passwords and documents then travel in clear)")

    hall = commands.add_parser("hall", help="show the hall screen (projector or LED wall)")
    hall.add_argument("--server", default="http://127.0.0.1:8765", help="server address")
    hall.add_argument("--session", type=int, metavar="ID",
                      help="the session to show (default: the first in progress, else the "
                           "soonest upcoming)")
    hall.add_argument("--user", help="log in as this user without the login dialog (the "
                                     "password is read from $PHONGHOP_PASSWORD)")
    hall.add_argument("--lang", choices=["vi", "en"], help="user interface language")
    hall.add_argument("--ca-file", type=Path, metavar="FILE",
                      help="trust the server certificates signed by these CA certificates "
                           "(PEM) instead of the default trusted CAs")
    hall.add_argument("--insecure", action="store_true",
                      help="allow a plain http:// server address that is not this machine "
                           "(passwords then travel in clear)")
    hall.add_argument("--screenshot", type=Path, metavar="PATH",
                      help="save a 1920x1080 PNG of the hall screen once loaded, then exit "
                           "(needs --user)")
    hall.add_argument("--offscreen", action="store_true", help="no window on the screen")
    hall.add_argument("--cache-dir", type=Path, metavar="DIR",
                      help="folder for the local copy of the session (default: the user's "
                           "cache folder)")

    users = commands.add_parser("users", help="manage user accounts")
    users_commands = users.add_subparsers(dest="users_command", required=True,
                                          metavar="revoke-tokens")
    revoke = users_commands.add_parser(
        "revoke-tokens", help="log a user out everywhere at once (a lost tablet)")
    revoke.add_argument("--db", required=True, help="database URL (sqlite:///… or postgresql://…)")
    revoke.add_argument("username", metavar="USERNAME")
    cli_documents.add_parser(commands)
    cli_devices.add_parser(commands)
    return parser


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default: SQLite in the data directory)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", type=Path, help="where document files are stored")
    parser.add_argument("--tls-cert", type=Path, metavar="FILE",
                        help="serve HTTPS with this certificate chain (PEM); needs --tls-key")
    parser.add_argument("--tls-key", type=Path, metavar="FILE",
                        help="the private key (PEM, unencrypted) of --tls-cert")
    parser.add_argument("--insecure", action="store_true",
                        help="serve plain HTTP on an address other than loopback (only on a "
                             "network you trust; otherwise use TLS or a TLS proxy)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "server":
            if args.server_command == "init":
                return server_init(args)
            if args.server_command == "new-epoch":
                return server_new_epoch(args)
            return server_run(args)
        if args.command == "demo":
            from phonghop.demo import run_demo

            return run_demo(args)
        if args.command == "client":
            return client_run(args)
        if args.command == "hall":
            return hall_run(args)
        if args.command == "users":
            return users_revoke_tokens(args)
        if args.command == "documents":
            return cli_documents.run(args)
        if args.command == "devices":
            return cli_devices.run(args)
    except CliError as exc:
        print(f"phonghop: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: one line, never a traceback
        print(f"phonghop: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_USAGE


def server_init(args) -> int:
    from sqlalchemy.orm import Session

    from app.db import make_engine
    from app.services.passwords import Passwords
    from app.services.users import UserExists, create_user

    settings = settings_for(args.db, None)
    password = os.environ.get("PHONGHOP_ADMIN_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise CliError("set PHONGHOP_ADMIN_PASSWORD or run on a terminal to type the password")
        password = getpass.getpass(f"Password for {args.admin}: ")
        if password != getpass.getpass("Again: "):
            raise CliError("the two passwords differ")
    migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as db:
            try:
                create_user(db, Passwords(settings.password_policy), args.admin, password,
                            args.admin_name, is_admin=True)
            except UserExists:
                raise CliError(f"the user {args.admin!r} exists already; schema is up to date") from None
            except ValueError as exc:
                raise CliError(str(exc)) from None
            db.commit()
    finally:
        engine.dispose()
    print(f"schema ready; admin {args.admin!r} created")
    return 0


def server_new_epoch(args) -> int:
    from app.services.audit import record_event
    from app.services.server_meta import renew_epoch

    with admin_session(args.db) as db:
        value = renew_epoch(db)
        record_event(db, "server.new_epoch", payload={"epoch": value, "by": "command line"})
        db.commit()
    print(f"new epoch {value}: tablets will read their sessions again")
    return 0


def server_tls(cert: Path | None, key: Path | None):
    """(certificate, key) checked by loading them, None for plain HTTP, or one clear line."""
    from sync.server.tls import TlsFilesError, check_tls_files

    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise CliError("--tls-cert and --tls-key go together: give both or neither")
    try:
        return check_tls_files(cert, key)
    except TlsFilesError as exc:
        raise CliError(str(exc)) from None


def server_run(args) -> int:
    from sync.server.context import ServerContext
    from sync.server.runner import serve_forever

    from sync.client import is_loopback

    tls = server_tls(args.tls_cert, args.tls_key)
    if tls is None and not is_loopback(args.host):
        if not args.insecure:
            raise CliError(f"without --tls-cert and --tls-key the server speaks plain HTTP: "
                           f"serve {args.host} with TLS, or bind to 127.0.0.1 behind a TLS proxy "
                           "(docs/DEPLOYMENT.md), or pass --insecure on a network you trust")
        print(f"phonghop: warning: serving plain HTTP on {args.host}: passwords and documents "
              "travel in clear", file=sys.stderr)
    settings = settings_for(args.db, args.data_dir)
    check_schema(settings.database_url)
    settings.files_dir.mkdir(parents=True, exist_ok=True)
    serve_forever(ServerContext.from_settings(settings), args.host, args.port, tls=tls)
    return 0


def client_run(args) -> int:
    from sync.client import ApiError, server_address

    try:
        server_address(args.server, insecure=args.insecure)
    except ApiError as exc:
        raise CliError(str(exc)) from None
    if args.insecure:
        print(f"phonghop: warning: {args.server} may be reached in clear: passwords and "
              "documents are not encrypted", file=sys.stderr)
    argv = ["--server", args.server] + (["--lang", args.lang] if args.lang else [])
    argv += ["--insecure"] if args.insecure else []
    if args.ca_file is not None:
        from sync.server.tls import TlsFilesError, check_ca_file

        try:
            argv += ["--ca-file", str(check_ca_file(args.ca_file))]
        except TlsFilesError as exc:
            raise CliError(str(exc)) from None
    from ui.app import main as client_main

    return client_main(argv)


def hall_run(args) -> int:
    from sync.client import ApiError, server_address

    try:
        server_address(args.server, insecure=args.insecure)
    except ApiError as exc:
        raise CliError(str(exc)) from None
    if args.insecure:
        print(f"phonghop: warning: {args.server} may be reached in clear: passwords are not "
              "encrypted", file=sys.stderr)
    ca_file = None
    if args.ca_file is not None:
        from sync.server.tls import TlsFilesError, check_ca_file

        try:
            ca_file = str(check_ca_file(args.ca_file))
        except TlsFilesError as exc:
            raise CliError(str(exc)) from None
    password = os.environ.get("PHONGHOP_PASSWORD") if args.user else None
    if args.screenshot is not None and not (args.user and password):
        raise CliError("--screenshot needs --user and the password in $PHONGHOP_PASSWORD")
    from ui.hall_app import run_hall

    return run_hall(args.server, session_id=args.session, username=args.user,
                    password=password, lang=args.lang, ca_file=ca_file,
                    insecure=args.insecure, offscreen=args.offscreen,
                    screenshot=str(args.screenshot) if args.screenshot else None,
                    cache_dir=str(args.cache_dir) if args.cache_dir else None)


def users_revoke_tokens(args) -> int:
    from sqlalchemy import select

    from app.models import User
    from app.services.audit import record_event
    from app.services.auth import revoke_all_for_user

    with admin_session(args.db) as db:
        user = db.scalar(select(User).where(User.username == args.username.strip()))
        if user is None:
            raise CliError(f"no user {args.username!r}")
        username = user.username
        count = revoke_all_for_user(db, user.id)
        record_event(db, "auth.tokens_revoked", payload={"user_id": user.id, "count": count,
                                                         "by": "command line"})
        db.commit()
    print(f"revoked {count} token{'' if count == 1 else 's'} of {username!r}")
    return 0
