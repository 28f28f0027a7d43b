"""Content-addressed document files (HTTP Range supported by FileResponse)."""
from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import FileResponse

from app.services import access
from sync.server.deps import Context, CurrentUser, Db
from sync.server.errors import ApiProblem

router = APIRouter(tags=["files"])
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@router.get("/files/{sha256}", response_class=FileResponse)
def get_file(sha256: str, db: Db, user: CurrentUser, context: Context):
    if not _SHA256.match(sha256):
        raise ApiProblem(400, "bad_request", "a file is named by its SHA-256 in lower-case hex")
    if not access.can_download_file(db, user, sha256):
        # Same answer for "does not exist" and "not yours": nothing leaks.
        raise ApiProblem(404, "not_found", "no such file")
    path = context.files.path_for(sha256)
    if not path.is_file():
        raise ApiProblem(404, "not_found", "the file is registered but missing on the server")
    return FileResponse(path, media_type="application/pdf", filename=f"{sha256}.pdf",
                        headers={"ETag": f'"{sha256}"', "Cache-Control": "private, immutable"})
