"""Words the client shows for protocol values: statuses, roles, kinds, error codes, dates.

Every string is English in the source and translated at display time (context "Texts").
`QT_TRANSLATE_NOOP` marks the table entries for pyside6-lupdate.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QObject, QT_TRANSLATE_NOOP

from ui.rejection_texts import rejection_message  # noqa: F401  (the refusals live there)

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
    "tls": QT_TRANSLATE_NOOP(
        "Texts", "The server's security certificate cannot be verified. Check the CA "
                 "certificate file given to the client (--ca-file)."),
    "insecure": QT_TRANSLATE_NOOP(
        "Texts", "This address is not encrypted (http://): your password would travel in "
                 "clear. Use the server's https:// address."),
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
    "timed_out": QT_TRANSLATE_NOOP(
        "Texts", "This page takes too long to display; the file may be damaged. The other "
                 "pages can still be read."),
    "crashed": QT_TRANSLATE_NOOP(
        "Texts", "This page could not be displayed: the file seems damaged. The other pages "
                 "can still be read."),
    "sealed": QT_TRANSLATE_NOOP(
        "Texts", "This confidential document could not be opened on this device: its key "
                 "has changed or the copy is damaged. The copy has been deleted; tap \"Try "
                 "again\" once it has been downloaded again."),
    "sealed_wiped": QT_TRANSLATE_NOOP(
        "Texts", "This confidential document has been removed from this device (the session "
                 "was closed, or your access was withdrawn)."),
    "confidential_needs_sync": QT_TRANSLATE_NOOP(
        "Texts", "A confidential document opens only where the application keeps the "
                 "session in sync with the server (it is never stored in clear)."),
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


def under_discussion() -> str:
    """The marker of the agenda item the chair has set as the one under discussion."""
    return QCoreApplication.translate("Texts", "Under discussion")


def vote_outcome(passed: bool | None) -> str:
    if passed is None:
        return ""
    if passed:
        return QCoreApplication.translate("Texts", "Passed")
    return QCoreApplication.translate("Texts", "Not passed")


_NUMBER_PREFIX = re.compile(r"^\s*(?:số|no\.?)\s*:\s*|^\s*(?:số|no\.)\s+", re.IGNORECASE)


def document_number(number: str) -> str:
    """"Số 312/BC-UBND" from "312/BC-UBND" or from "Số: 312/BC-UBND" (servers send both);
    a reference that is not a number ("Kèm theo Tờ trình số 190") as it is."""
    bare = _NUMBER_PREFIX.sub("", number).strip()
    if not bare:
        return ""
    if not bare[0].isdigit():  # "Kèm theo Tờ trình số 190": a reference, not a number
        return bare
    return QCoreApplication.translate("Texts", "No. %1").replace("%1", bare)


def page_count(count: int) -> str:
    return _plural().page_count(count)


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


# -- the sync engine ----------------------------------------------------------------------
SYNC_STATE = {
    "online": QT_TRANSLATE_NOOP("Texts", "Online"),
    "syncing": QT_TRANSLATE_NOOP("Texts", "Syncing…"),
    "offline": QT_TRANSLATE_NOOP("Texts", "Connection lost – working offline"),
    "auth_required": QT_TRANSLATE_NOOP("Texts", "Your login has expired – please log in again"),
}

SPEAKER_STATUS = {
    "waiting": QT_TRANSLATE_NOOP("Texts", "Waiting"),
    "speaking": QT_TRANSLATE_NOOP("Texts", "Speaking now"),
    "done": QT_TRANSLATE_NOOP("Texts", "Has spoken"),
    "withdrawn": QT_TRANSLATE_NOOP("Texts", "Withdrawn"),
}

# What each mutation does, as the object of "could not …".
class Texts(QObject):
    """The sentences with a count in them. Written as `self.tr(text, "", n)` in a class named
    like their context, the form every pyside6-lupdate recognises as a plural (numerus)
    message; `QCoreApplication.translate(context, text, "", n)` is recognised by 6.12 only."""

    def page_count(self, count: int) -> str:
        return self.tr("%n page(s)", "", count)

    def pending_changes(self, count: int) -> str:
        return self.tr("%n change(s) waiting to be sent", "", count)

    def sync_notice(self, code: str, count: int) -> str | None:
        """What the sync engine did to keep the user's changes safe (SyncListener.notice)."""
        if code == "server_restored":
            return self.tr("The server was restored from a backup. This device has read the "
                           "session again and is sending its %n unconfirmed change(s) again.",
                           "", count)
        if code == "server_behind":
            return self.tr("The server has lost recent data. This device has read the session "
                           "again and is sending its %n unconfirmed change(s) again.", "", count)
        if code == "client_diverged":
            return self.tr("The data of this device was copied from another device. It now "
                           "syncs under its own identity; %n waiting change(s) are being sent "
                           "again.", "", count)
        if code == "out_of_order":
            return self.tr("The server no longer knew this device's latest changes. It now "
                           "syncs under a new identity; %n waiting change(s) are being sent "
                           "again.", "", count)
        if code == "client_mismatch":
            return self.tr("The local data of this device belonged to another user. It now "
                           "syncs under its own identity; %n waiting change(s) are being sent "
                           "again.", "", count)
        if code == "disk":
            return tr(_ERROR["disk"])
        if code == "access_lost":
            return self.tr("You no longer have access to a session; its data has been removed "
                           "from this device (%n unsent change(s) could not be delivered).",
                           "", count)
        return None


_texts: Texts | None = None


def _plural() -> Texts:
    global _texts
    if _texts is None:
        _texts = Texts()
    return _texts


def sync_notice(code: str, count: int) -> str:
    return _plural().sync_notice(code, count) or generic_error(code)


def sync_state(state: str) -> str:
    return _lookup(SYNC_STATE, state)


def pending_changes(count: int) -> str:
    """"3 changes waiting to be sent"."""
    return _plural().pending_changes(count)


def files_progress(done: int, total: int) -> str:
    """"Documents: 12/21": how many of the session's documents are on this device."""
    return QCoreApplication.translate("Texts", "Documents: %1/%2").replace(
        "%1", str(done)).replace("%2", str(total))


def speaker_status(status: str) -> str:
    return _lookup(SPEAKER_STATUS, status)


def needs_connection_message() -> str:
    """Shown when an action that must reach the server at once (casting a ballot) cannot."""
    return QCoreApplication.translate(
        "Texts", "Casting a ballot needs a connection to the server. Check the network and "
                 "try again.")
