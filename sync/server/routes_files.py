"""Content-addressed document files (HTTP Range supported by FileResponse), and the key that
seals a session's confidential documents on the tablet (app/services/document_keys.py)."""
from __future__ import annotations

import re

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.responses import FileResponse

from app.services import access, document_keys
from sync.server.deps import Context, CurrentUser, Db, IdPath
from sync.server.errors import ApiProblem
from sync.server.schemas import DocumentKeyOut, ErrorOut

router = APIRouter(tags=["files"])
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


# The pattern is documented; a name that does not fit gets 400 `bad_request` (PROTOCOL.md).
Sha256 = Annotated[str, Path(description="the file's SHA-256, lower-case hex",
                             json_schema_extra={"pattern": "^[0-9a-f]{64}$"})]


@router.get("/files/{sha256}", response_class=FileResponse,
            responses={400: {"model": ErrorOut, "description": "not a SHA-256"},
                       200: {"content": {"application/pdf": {}}},
                       206: {"description": "the requested range (Range: bytes=N-)",
                             "content": {"application/pdf": {}}}})
def get_file(sha256: Sha256, user: CurrentUser, context: Context):
    """Access is checked in a short session of its own, closed before a byte is sent: a room
    of tablets downloading at once never holds the database's connections."""
    if not _SHA256.match(sha256):
        raise ApiProblem(400, "bad_request", "a file is named by its SHA-256 in lower-case hex")
    with context.sessions() as db:
        allowed = access.can_download_file(db, user, sha256)
    if not allowed:
        # Same answer for "does not exist" and "not yours": nothing leaks.
        raise ApiProblem(404, "not_found", "no such file")
    path = context.files.path_for(sha256)
    if not path.is_file():
        raise ApiProblem(404, "not_found", "the file is registered but missing on the server")
    return FileResponse(path, media_type="application/pdf", filename=f"{sha256}.pdf",
                        headers={"ETag": f'"{sha256}"', "Cache-Control": "private, immutable"})


@router.get("/sessions/{session_id}/document-key", response_model=DocumentKeyOut,
            responses={403: {"model": ErrorOut, "description": "a role that may not read "
                                                            "confidential documents"},
                       409: {"model": ErrorOut, "description": "the session is closed"}})
def get_document_key(session_id: IdPath, db: Db, user: CurrentUser, response: Response):
    """The key this user's tablet seals the session's confidential documents with (kept in
    memory only; never cached on the way)."""
    response.headers["Cache-Control"] = "no-store"
    try:
        return document_keys.session_key(db, user, session_id)
    except document_keys.SessionClosed:
        raise ApiProblem(409, "session_closed", "the session is closed: its confidential "
                                                "documents are no longer opened") from None
