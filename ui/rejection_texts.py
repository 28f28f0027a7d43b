"""The sentence the client shows when the server refused a change: what could not be done and
why, from the mutation's name and the refusal's code (docs/PROTOCOL.md lists the codes).
English in the source, translated at display time (context "Texts")."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

MUTATION_ACTION = {
    "live.set_current_item": QT_TRANSLATE_NOOP("Texts", "set the item under discussion"),
    "live.set_presenter": QT_TRANSLATE_NOOP("Texts", "present the document"),
    "speaker.request": QT_TRANSLATE_NOOP("Texts", "request to speak"),
    "speaker.withdraw": QT_TRANSLATE_NOOP("Texts", "withdraw the request to speak"),
    "speaker.set_status": QT_TRANSLATE_NOOP("Texts", "update the list of speakers"),
    "speaker.grant": QT_TRANSLATE_NOOP("Texts", "give the floor"),
    "speaker.end": QT_TRANSLATE_NOOP("Texts", "end the speech"),
    "speaker.move": QT_TRANSLATE_NOOP("Texts", "reorder the speakers"),
    "speaker.remove": QT_TRANSLATE_NOOP("Texts", "remove the request to speak"),
    "speaker.set_limit": QT_TRANSLATE_NOOP("Texts", "change the speaking time"),
    "sitting.open": QT_TRANSLATE_NOOP("Texts", "open the sitting"),
    "sitting.close": QT_TRANSLATE_NOOP("Texts", "close the sitting"),
    "attendance.check_in": QT_TRANSLATE_NOOP("Texts", "check in"),
    "attendance.set": QT_TRANSLATE_NOOP("Texts", "record the attendance"),
    "vote.create": QT_TRANSLATE_NOOP("Texts", "create the vote"),
    "vote.open": QT_TRANSLATE_NOOP("Texts", "open the vote"),
    "vote.close": QT_TRANSLATE_NOOP("Texts", "close the vote"),
    "vote.cancel": QT_TRANSLATE_NOOP("Texts", "cancel the vote"),
    "note.put": QT_TRANSLATE_NOOP("Texts", "save the note"),
    "note.delete": QT_TRANSLATE_NOOP("Texts", "delete the note"),
    "annotation.put": QT_TRANSLATE_NOOP("Texts", "save the annotation"),
    "annotation.delete": QT_TRANSLATE_NOOP("Texts", "delete the annotation"),
    "ballot.cast": QT_TRANSLATE_NOOP("Texts", "cast the ballot"),
}

# Why the server refused a change, by the rejection's code.
REJECTION_REASON = {
    "forbidden": QT_TRANSLATE_NOOP("Texts", "your role in this session does not allow it"),
    "invalid": QT_TRANSLATE_NOOP(
        "Texts", "the data is not valid any more (the agenda or the documents may have changed)"),
    "conflict": QT_TRANSLATE_NOOP(
        "Texts", "the situation changed before your change reached the server"),
    "not_found": QT_TRANSLATE_NOOP("Texts", "what it refers to no longer exists on the server"),
    "unknown_mutation": QT_TRANSLATE_NOOP(
        "Texts", "the server does not know this action (update the client)"),
    "too_large": QT_TRANSLATE_NOOP("Texts", "it is too long; please shorten it"),
    "session_closed": QT_TRANSLATE_NOOP("Texts", "the session is already closed"),
    "quota_exceeded": QT_TRANSLATE_NOOP(
        "Texts", "you have reached the limit for this session; delete some old items first"),
    "validation_error": QT_TRANSLATE_NOOP("Texts", "the server could not read it"),
    "needs_connection": QT_TRANSLATE_NOOP(
        "Texts", "it needs the server now and the server cannot be reached; try again"),
    "chair_only": QT_TRANSLATE_NOOP("Texts", "only the chair may do this"),
    "officers_only": QT_TRANSLATE_NOOP("Texts", "only the chair or the secretary may do this"),
    "delegates_only": QT_TRANSLATE_NOOP("Texts", "only the delegates of this session may do this"),
    "sitting_not_found": QT_TRANSLATE_NOOP("Texts", "this sitting is not part of the session"),
    "sitting_ended": QT_TRANSLATE_NOOP(
        "Texts", "the sitting has ended and its attendance can no longer change"),
    "not_a_delegate": QT_TRANSLATE_NOOP("Texts", "this person is not a delegate of the session"),
    "reason_required": QT_TRANSLATE_NOOP("Texts", "an excused absence needs its reason"),
    "not_waiting": QT_TRANSLATE_NOOP("Texts", "the request is no longer waiting"),
    "not_speaking": QT_TRANSLATE_NOOP("Texts", "this delegate does not have the floor"),
    "vote_not_found": QT_TRANSLATE_NOOP("Texts", "this vote does not exist"),
    "vote_not_open": QT_TRANSLATE_NOOP("Texts", "the vote has not been opened yet"),
    "vote_already_open": QT_TRANSLATE_NOOP("Texts", "the vote is already open"),
    "vote_closed": QT_TRANSLATE_NOOP("Texts", "the vote is already closed"),
    "vote_cancelled": QT_TRANSLATE_NOOP("Texts", "the vote was cancelled"),
    "another_vote_open": QT_TRANSLATE_NOOP("Texts", "another vote is open; close it first"),
    "vote_has_ballots": QT_TRANSLATE_NOOP(
        "Texts", "ballots have been cast; the vote can only be closed"),
    "unknown_option": QT_TRANSLATE_NOOP("Texts", "the choice is not one of this ballot's"),
    "incomplete_ballot": QT_TRANSLATE_NOOP("Texts", "answer for every name on the ballot"),
    "too_many_chosen": QT_TRANSLATE_NOOP(
        "Texts", "you agreed with more candidates than there are seats"),
    "already_voted": QT_TRANSLATE_NOOP("Texts", "you have already voted"),
    "not_seated": QT_TRANSLATE_NOOP("Texts", "you do not hold a seat of this term"),
    "not_checked_in": QT_TRANSLATE_NOOP("Texts", "check in first: only delegates present vote"),
}


def rejection_message(name: str, code: str) -> str:
    """The sentence shown when the server refused a queued change, e.g. "Không thực hiện
    được: đăng ký phát biểu – vai trò của bạn trong kỳ họp không cho phép việc này."."""
    translate = QCoreApplication.translate
    action = translate("Texts", MUTATION_ACTION[name]) if name in MUTATION_ACTION else name
    if code in REJECTION_REASON:
        reason = translate("Texts", REJECTION_REASON[code])
    else:
        reason = translate("Texts", "the server refused it (code: %1)").replace("%1", code or "?")
    return translate("Texts", "Could not %1: %2.").replace("%1", action).replace("%2", reason)
