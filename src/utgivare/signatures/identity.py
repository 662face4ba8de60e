"""Sealing and reading the real name behind a signature: plain functions.

The name is sealed with the tip inbox's public key (tips.sealing), so storing it
needs no secret and reading it needs the inbox's private key, which only the
passphrase of the ansvarig utgivare unlocks. Every sealing and reading is logged
(IdentityAccess), never the name itself.
"""

from django.db import transaction

from utgivare.tips import sealing, staff

from .models import IdentityAccess, SealedIdentity


class NotASignature(ValueError):
    """Only a signature author has a sealed identity."""


def _record(author, action: str, user) -> None:
    IdentityAccess.objects.create(
        signature=author.title,
        author_id_then=author.pk,
        user=user,
        user_label=user.get_username() if user is not None else "",
        action=action,
    )


def may_read(user) -> bool:
    """Only the ansvarig utgivare (tips.staff) reads a real name; editors only seal one."""
    return staff.is_responsible_publisher(user)


@transaction.atomic
def seal_identity(author, real_name: str, public_key: bytes, today, user=None) -> SealedIdentity:
    if not author.is_signature:
        raise NotASignature(author.pk)
    sealed = sealing.seal(public_key, real_name.strip().encode("utf-8"))
    identity, _created = SealedIdentity.objects.update_or_create(
        author=author, defaults={"sealed": sealed, "sealed_on": today}
    )
    _record(author, IdentityAccess.Action.SEALED, user)
    return identity


def read_identity(author, inbox_private_key: bytes, user) -> str | None:
    """The real name, or None when none is kept. Raises sealing.WrongSecret for a wrong key."""
    identity = SealedIdentity.objects.filter(author=author).first()
    if identity is None:
        return None
    name = sealing.open_sealed(inbox_private_key, bytes(identity.sealed)).decode("utf-8")
    _record(author, IdentityAccess.Action.READ, user)
    return name


@transaction.atomic
def remove_identity(author, user) -> bool:
    deleted, _ = SealedIdentity.objects.filter(author=author).delete()
    if deleted:
        _record(author, IdentityAccess.Action.REMOVED, user)
    return bool(deleted)
