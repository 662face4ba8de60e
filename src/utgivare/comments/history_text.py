"""The moderation log read aloud: plain Swedish sentences, never the stored codes.

ModerationEvent keeps machine-readable changes ({"status": ["pending",
"approved"]}) so the log can be exported and checked; moderators read it as
"Godkänd av Mona" and "Status: Väntar på granskning → Publicerad". Fields with
no wording here are left out of the table rather than shown as a code.
"""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import legal
from .moderation import Status

FIELD_LABELS = {
    "status": _("Status"),
    "text": _("Text"),
    "author_name": _("Namn"),
    "author_website": _("Webbplats"),
    "hidden_for_review": _("Dold i väntan på granskning"),
    "open_reports": _("Obehandlade anmälningar"),
    "reports": _("Anmälningar"),
    "ban": _("Spärr"),
    "expires": _("Spärren gäller till"),
    "closing": _("Kommentarer"),
    "ground": _("Rättslig grund"),
    "sealed_copy": _("Förseglad kopia sparad"),
}


def event_sentence(action_label: str, actor_label: str) -> str:
    """'Godkänd av Mona Berg'; without a person (the system, a reader) the action alone."""
    if not actor_label:
        return str(action_label)
    return gettext("%(what)s av %(who)s") % {"what": action_label, "who": actor_label}


def _value(field: str, value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nej")
    if field == "status" and value in Status.values:
        return str(Status(value).label)
    if field == "ground" and value in legal.GROUNDS:
        return str(legal.GROUNDS[value].label)
    if field == "expires":
        try:
            return date_format(dt.date.fromisoformat(str(value)), "j F Y")
        except ValueError:
            return str(value)
    return str(value)


def change_rows(changes: dict) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each change a moderator can read."""
    rows = []
    for field, change in (changes or {}).items():
        if field not in FIELD_LABELS or not isinstance(change, list | tuple) or len(change) != 2:
            continue
        rows.append((str(FIELD_LABELS[field]), _value(field, change[0]), _value(field, change[1])))
    return rows


def readable(events):
    """Give each event its sentence and readable changes (for the templates)."""
    for event in events:
        event.sentence = event_sentence(event.get_action_display(), event.actor_label)
        event.change_rows = change_rows(event.changes)
    return events
