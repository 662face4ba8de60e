"""What happens to tips: submitted, found again by phrase, opened, answered, deleted.

Plain functions over the models. The secrets (passphrase, code phrase, the
unlocked private key) come in as arguments and are never stored in the clear.
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from . import codephrase, sealing
from .cleaning import CleanFile
from .models import Tip, TipAccess, TipAttachment, TipInbox, TipMessage


def strength(name_setting: str, default: str) -> sealing.Strength:
    return sealing.STRENGTHS[getattr(settings, name_setting, default)]


def key_strength() -> sealing.Strength:
    return strength("TIPS_KEY_STRENGTH", "moderate")


def phrase_strength() -> sealing.Strength:
    return strength("TIPS_PHRASE_STRENGTH", "interactive")


def current_inbox() -> TipInbox | None:
    return TipInbox.objects.order_by("pk").first()


def create_inbox(passphrase: str, retention_days: int, user=None) -> TipInbox:
    locked = sealing.new_locked_key(passphrase, key_strength())
    phrase = phrase_strength()
    inbox = TipInbox(
        phrase_salt=sealing.random_salt(),
        phrase_opslimit=phrase.opslimit,
        phrase_memlimit=phrase.memlimit,
        retention_days=retention_days,
    )
    inbox.set_locked_key(locked)
    inbox.save()
    record(TipAccess.Action.CREATED, user)
    return inbox


def change_passphrase(inbox: TipInbox, old: str, new: str, user=None) -> None:
    """Raises sealing.WrongSecret when `old` is wrong; the key pair stays the same."""
    private_key = sealing.unlock(inbox.locked_key, old)
    inbox.set_locked_key(sealing.lock_private_key(private_key, new, key_strength()))
    inbox.save()
    record(TipAccess.Action.PASSPHRASE, user)


def unlock(inbox: TipInbox, passphrase: str, user=None) -> bytes:
    private_key = sealing.unlock(inbox.locked_key, passphrase)
    record(TipAccess.Action.UNLOCKED, user)
    return private_key


def record(action: str, user=None, tip_number: int | None = None) -> None:
    TipAccess.objects.create(
        action=action,
        user=user,
        user_label=(user.get_username() if user is not None else ""),
        tip_number=tip_number,
    )


def _store_message(
    tip: Tip, text: str, files: list[CleanFile], today, *, from_source: bool, editor=None
) -> None:
    public_key = bytes(tip.public_key)
    message = TipMessage.objects.create(
        tip=tip,
        from_source=from_source,
        editor=editor,
        written_on=today,
        sealed_text=sealing.seal(public_key, text.encode("utf-8")),
    )
    for clean_file in files:
        description = {
            "name": clean_file.name,
            "type": clean_file.content_type,
            "removed": clean_file.note,
            "size": len(clean_file.data),
        }
        TipAttachment.objects.create(
            message=message,
            sealed_description=sealing.seal(public_key, json.dumps(description).encode()),
            sealed_content=sealing.seal(public_key, clean_file.data),
        )


@transaction.atomic
def submit(inbox: TipInbox, text: str, files: list[CleanFile], today: dt.date) -> str:
    """Store a new tip and return the code phrase (shown once to the source, never stored)."""
    phrase = codephrase.new_phrase()
    keys = sealing.phrase_keys(phrase, bytes(inbox.phrase_salt), inbox.phrase_strength)
    public_key, private_key = sealing.new_key_pair()
    tip = Tip.objects.create(
        lookup=keys.lookup,
        public_key=public_key,
        key_for_editors=sealing.seal(bytes(inbox.public_key), private_key),
        key_for_source=sealing.lock_with(keys.box_key, private_key),
        received_on=today,
        last_message_on=today,
    )
    _store_message(tip, text, files, today, from_source=True)
    return phrase


@dataclass(frozen=True)
class SourceAccess:
    tip: Tip
    private_key: bytes


def find(inbox: TipInbox, typed_phrase: str) -> SourceAccess | None:
    phrase = codephrase.normalise(typed_phrase)
    if not codephrase.looks_like_phrase(phrase):
        return None
    keys = sealing.phrase_keys(phrase, bytes(inbox.phrase_salt), inbox.phrase_strength)
    tip = Tip.objects.filter(lookup=keys.lookup).first()
    if tip is None:
        return None
    private_key = sealing.open_with(keys.box_key, bytes(tip.key_for_source))
    return SourceAccess(tip=tip, private_key=private_key)


@transaction.atomic
def add_from_source(access: SourceAccess, text: str, files: list[CleanFile], today) -> None:
    _store_message(access.tip, text, files, today, from_source=True)
    Tip.objects.filter(pk=access.tip.pk).update(last_message_on=today, waiting=True)


@transaction.atomic
def reply(tip: Tip, text: str, editor, today) -> None:
    _store_message(tip, text, [], today, from_source=False, editor=editor)
    Tip.objects.filter(pk=tip.pk).update(last_message_on=today)
    record(TipAccess.Action.REPLIED, editor, tip.pk)


@dataclass(frozen=True)
class OpenedAttachment:
    pk: int
    name: str
    content_type: str
    removed: str
    size: int


@dataclass(frozen=True)
class OpenedMessage:
    from_source: bool
    written_on: dt.date
    text: str
    attachments: list[OpenedAttachment] = field(default_factory=list)


def tip_key_for_editors(tip: Tip, inbox_private_key: bytes) -> bytes:
    return sealing.open_sealed(inbox_private_key, bytes(tip.key_for_editors))


def conversation(tip: Tip, tip_private_key: bytes) -> list[OpenedMessage]:
    opened = []
    for message in tip.messages.prefetch_related("attachments"):
        attachments = []
        for attachment in message.attachments.all():
            described = json.loads(
                sealing.open_sealed(tip_private_key, bytes(attachment.sealed_description))
            )
            attachments.append(
                OpenedAttachment(
                    pk=attachment.pk,
                    name=described["name"],
                    content_type=described["type"],
                    removed=described["removed"],
                    size=described["size"],
                )
            )
        opened.append(
            OpenedMessage(
                from_source=message.from_source,
                written_on=message.written_on,
                text=sealing.open_sealed(tip_private_key, bytes(message.sealed_text)).decode(),
                attachments=attachments,
            )
        )
    return opened


def read_for_editor(tip: Tip, inbox_private_key: bytes, editor) -> list[OpenedMessage]:
    messages = conversation(tip, tip_key_for_editors(tip, inbox_private_key))
    record(TipAccess.Action.READ, editor, tip.pk)
    if tip.waiting:
        Tip.objects.filter(pk=tip.pk).update(waiting=False)
    return messages


def open_attachment(
    attachment: TipAttachment, inbox_private_key: bytes, editor
) -> tuple[OpenedAttachment, bytes]:
    tip = attachment.message.tip
    tip_key = tip_key_for_editors(tip, inbox_private_key)
    described = json.loads(sealing.open_sealed(tip_key, bytes(attachment.sealed_description)))
    content = sealing.open_sealed(tip_key, bytes(attachment.sealed_content))
    record(TipAccess.Action.ATTACHMENT, editor, tip.pk)
    return (
        OpenedAttachment(
            attachment.pk, described["name"], described["type"], described["removed"], len(content)
        ),
        content,
    )


def set_kept(tip: Tip, kept: bool, editor) -> None:
    Tip.objects.filter(pk=tip.pk).update(kept=kept)
    record(TipAccess.Action.KEPT if kept else TipAccess.Action.RELEASED, editor, tip.pk)


def delete(tip: Tip, editor) -> None:
    number = tip.pk
    tip.delete()
    record(TipAccess.Action.DELETED, editor, number)


def expires_on(tip: Tip, retention_days: int) -> dt.date | None:
    """The day a tip is deleted, counted from its latest message; None while it is kept."""
    if tip.kept:
        return None
    return tip.last_message_on + dt.timedelta(days=retention_days)


def delete_expired(today: dt.date) -> int:
    inbox = current_inbox()
    if inbox is None:
        return 0
    cutoff = today - dt.timedelta(days=inbox.retention_days)
    numbers = list(
        Tip.objects.filter(kept=False, last_message_on__lte=cutoff).values_list("pk", flat=True)
    )
    with transaction.atomic():
        Tip.objects.filter(pk__in=numbers).delete()
        for number in numbers:
            record(TipAccess.Action.EXPIRED, None, number)
    return len(numbers)
