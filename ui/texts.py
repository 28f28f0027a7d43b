"""Words the client shows for protocol values: statuses, roles, kinds, error codes, dates.

Every string is English in the source and translated at display time (context "Texts").
`QT_TRANSLATE_NOOP` marks the table entries for pyside6-lupdate.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

_CONTEXT = "Texts"

SESSION_STATUS = {
    "draft": QT_TRANSLATE_NOOP("Texts", "In preparation"),
    "published": QT_TRANSLATE_NOOP("Texts", "Upcoming"),
    "in_progress": QT_TRANSLATE_NOOP("Texts", "In session"),
    "closed": QT_TRANSLATE_NOOP("Texts", "Finished"),
}

SESSION_ROLE = {
    "delegate": QT_TRANSLATE_NOOP("Texts", "Delegate"),
    "chair": QT_TRANSLATE_NOOP("Texts", "Chair"),
    "secretary": QT_TRANSLATE_NOOP("Texts", "Secretary"),
    "clerk": QT_TRANSLATE_NOOP("Texts", "Clerk"),
    "guest": QT_TRANSLATE_NOOP("Texts", "Guest"),
}

DOCUMENT_KIND = {
    "report": QT_TRANSLATE_NOOP("Texts", "Report"),
    "submission": QT_TRANSLATE_NOOP("Texts", "Submission"),
    "draft_resolution": QT_TRANSLATE_NOOP("Texts", "Draft resolution"),
    "resolution": QT_TRANSLATE_NOOP("Texts", "Resolution"),
    "plan": QT_TRANSLATE_NOOP("Texts", "Plan"),
    "other": QT_TRANSLATE_NOOP("Texts", "Document"),
}

VOTE_TYPE = {
    "open": QT_TRANSLATE_NOOP("Texts", "Open vote"),
    "named": QT_TRANSLATE_NOOP("Texts", "Named vote"),
    "secret": QT_TRANSLATE_NOOP("Texts", "Secret ballot"),
    "confidence": QT_TRANSLATE_NOOP("Texts", "Confidence vote"),
    "election": QT_TRANSLATE_NOOP("Texts", "Election"),
}

# Errors of the server and of the client library (sync/client.py), by code.
_ERROR = {
    "invalid_credentials": QT_TRANSLATE_NOOP("Texts", "The user name or password is incorrect."),
    "rate_limited": QT_TRANSLATE_NOOP(
        "Texts", "Too many attempts. Please wait a few minutes and try again."),
    "token_expired": QT_TRANSLATE_NOOP("Texts", "Your login has expired. Please log in again."),
    "token_invalid": QT_TRANSLATE_NOOP("Texts", "Your login has expired. Please log in again."),
    "forbidden": QT_TRANSLATE_NOOP("Texts", "You do not have permission to see this content."),
    "not_found": QT_TRANSLATE_NOOP("Texts", "The requested data was not found on the server."),
    "server_error": QT_TRANSLATE_NOOP(
        "Texts", "The server ran into a problem. Please try again later."),
    "bad_response": QT_TRANSLATE_NOOP("Texts", "The server sent an answer that cannot be read."),
    "integrity": QT_TRANSLATE_NOOP(
        "Texts", "The downloaded file is damaged (its checksum does not match). "
                 "Please open the document again."),
    "disk": QT_TRANSLATE_NOOP(
        "Texts", "The document cannot be saved on this device (the disk may be full)."),
}
_CONNECTION_CODES = ("unreachable", "timeout", "bad_address")

# Errors of documents/render.py, by DocumentError.code.
_DOCUMENT_ERROR = {
    "not_found": QT_TRANSLATE_NOOP("Texts", "The document file could not be found."),
    "corrupt": QT_TRANSLATE_NOOP(
        "Texts", "The PDF file is damaged or not a valid PDF and cannot be displayed."),
    "encrypted": QT_TRANSLATE_NOOP(
        "Texts", "The document is protected by a password and cannot be displayed."),
    "empty": QT_TRANSLATE_NOOP("Texts", "The document has no pages."),
    "page_out_of_range": QT_TRANSLATE_NOOP("Texts", "This page does not exist in the document."),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def _lookup(table: dict[str, str], key: str) -> str:
    return tr(table[key]) if key in table else key


def session_status(status: str) -> str:
    return _lookup(SESSION_STATUS, status)


def session_role(role: str) -> str:
    return _lookup(SESSION_ROLE, role)


def session_roles(roles: tuple[str, ...] | list[str]) -> str:
    return ", ".join(session_role(r) for r in roles)


def document_kind(kind: str) -> str:
    return _lookup(DOCUMENT_KIND, kind)


def vote_type(kind: str) -> str:
    return _lookup(VOTE_TYPE, kind)


def confidential_marker() -> str:
    """The marker shown on confidential ("Mật") documents."""
    return QCoreApplication.translate("Texts", "Confidential", "short marker on a document")


def vote_outcome(passed: bool | None) -> str:
    if passed is None:
        return ""
    if passed:
        return QCoreApplication.translate("Texts", "Passed")
    return QCoreApplication.translate("Texts", "Not passed")


_NUMBER_PREFIX = re.compile(r"^\s*(?:số|no\.?)\s*:\s*|^\s*(?:số|no\.)\s+", re.IGNORECASE)


def document_number(number: str) -> str:
    """"Số 312/BC-UBND" from "312/BC-UBND" or from "Số: 312/BC-UBND" (servers send both)."""
    bare = _NUMBER_PREFIX.sub("", number).strip()
    return QCoreApplication.translate("Texts", "No. %1").replace("%1", bare) if bare else ""


def page_count(count: int) -> str:
    return QCoreApplication.translate("Texts", "%n page(s)", "", count)


def error_message(error: BaseException, server: str = "") -> str:
    """A sentence for the user about `error`: an ApiError (by its code), a DocumentError
    (by its code, see document_error_message) or anything else (generic, with its type)."""
    code = getattr(error, "code", None) or type(error).__name__
    if code in _CONNECTION_CODES:
        return QCoreApplication.translate(
        "Texts", "The server at %1 cannot be reached. Check the server address and the "
                      "network connection.").replace("%1", server or "?")
    if code in _ERROR:
        return tr(_ERROR[code])
    return generic_error(code)


def document_error_message(code: str) -> str:
    if code in _DOCUMENT_ERROR:
        return tr(_DOCUMENT_ERROR[code])
    return generic_error(code)


def generic_error(code: str) -> str:
    return QCoreApplication.translate(
        "Texts", "Something went wrong (error code: %1). Please try again or contact "
                  "technical support.").replace("%1", code)


def parse_timestamp(value: str | None) -> dt.datetime | None:
    """An ISO 8601 timestamp from the server, in local time when it carries a zone."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone() if moment.tzinfo is not None else moment


def format_date(value: str | None) -> str:
    """dd/mm/yyyy, the Vietnamese way; "" when the value is missing or unreadable."""
    moment = parse_timestamp(value)
    return moment.strftime("%d/%m/%Y") if moment else ""


def format_date_range(starts_at: str | None, ends_at: str | None) -> str:
    start, end = format_date(starts_at), format_date(ends_at)
    if end and end != start:
        return f"{start} – {end}"
    return start


def format_time(value: str | None) -> str:
    moment = parse_timestamp(value)
    return moment.strftime("%H:%M") if moment else ""
