"""`phonghop documents replace`: publish a new version of a document from the command line
(until the secretary's workbench does it in the client), carrying everyone's notes over."""
from __future__ import annotations

import argparse
from pathlib import Path

from phonghop.database import CliError, admin_session, settings_for


def add_parser(commands) -> None:
    documents = commands.add_parser("documents", help="manage a session's documents")
    sub = documents.add_subparsers(dest="documents_command", required=True, metavar="replace")
    replace = sub.add_parser(
        "replace", help="publish a new version of a document; notes are carried over")
    replace.add_argument("--db", required=True, help="database URL (sqlite:///… or postgresql://…)")
    replace.add_argument("--data-dir", type=Path, required=True,
                         help="the server's data directory (where document files are stored)")
    replace.add_argument("--document", type=int, required=True, metavar="ID")
    replace.add_argument("--note", default="", help="what changed, shown with the version")
    replace.add_argument("file", type=Path, metavar="FILE.pdf")


def run(args: argparse.Namespace) -> int:
    from app.models import Document
    from app.services.files import FileStore
    from app.services.versions import VersionRefused, add_version
    from sync.server.publish import announce

    if not args.file.is_file():
        raise CliError(f"{args.file}: no such file")
    files = FileStore(settings_for(args.db, args.data_dir).files_dir)
    with admin_session(args.db) as db:
        document = db.get(Document, args.document)
        if document is None:
            raise CliError(f"no document {args.document}")
        try:
            result = add_version(db, files, document, args.file, args.file.name, note=args.note)
        except VersionRefused as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(f"cannot store {args.file}: {exc.strerror or exc}") from None
        announce(db, result.rows)  # PostgreSQL: the servers push it at once (else within
        db.commit()                # their periodic check of the log)
    print(f"document {args.document}: version {result.version} published "
          f"({result.page_count} pages); notes carried over: {result.carried}, "
          f"not placed: {result.not_placed}")
    return 0
