"""The tip inbox: everything a source wrote is stored sealed (see sealing.py).

Nothing here records who a source is: no address, no browser, no account, no
time of day. Tips carry only the date (not the time) they were written, so a
tip cannot be matched to a line in some other log by its second.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import sealing

DEFAULT_RETENTION_DAYS = 90


class TipInbox(models.Model):
    """The one inbox: its public key, its private key locked with the passphrase."""

    public_key = models.BinaryField()
    locked_private_key = models.BinaryField()
    key_salt = models.BinaryField()
    key_opslimit = models.PositiveBigIntegerField()
    key_memlimit = models.PositiveBigIntegerField()
    # One salt for every code phrase, so a phrase finds its tip with one hash.
    phrase_salt = models.BinaryField()
    phrase_opslimit = models.PositiveBigIntegerField()
    phrase_memlimit = models.PositiveBigIntegerField()
    retention_days = models.PositiveIntegerField(
        _("lagringstid (dagar)"),
        default=DEFAULT_RETENTION_DAYS,
        help_text=_(
            "Tips raderas så många dagar efter det senaste meddelandet, om de inte sparas."
        ),
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tipslåda")

    @property
    def locked_key(self) -> sealing.LockedKey:
        return sealing.LockedKey(
            public_key=bytes(self.public_key),
            locked_private_key=bytes(self.locked_private_key),
            salt=bytes(self.key_salt),
            strength=sealing.Strength(self.key_opslimit, self.key_memlimit),
        )

    def set_locked_key(self, locked: sealing.LockedKey) -> None:
        self.public_key = locked.public_key
        self.locked_private_key = locked.locked_private_key
        self.key_salt = locked.salt
        self.key_opslimit = locked.strength.opslimit
        self.key_memlimit = locked.strength.memlimit

    @property
    def phrase_strength(self) -> sealing.Strength:
        return sealing.Strength(self.phrase_opslimit, self.phrase_memlimit)


class Tip(models.Model):
    # Found from the source's code phrase (sealing.phrase_keys); the phrase itself is not stored.
    lookup = models.CharField(max_length=64, unique=True)
    public_key = models.BinaryField()
    key_for_editors = models.BinaryField()
    key_for_source = models.BinaryField()
    received_on = models.DateField(_("inkommet"))
    last_message_on = models.DateField(_("senaste meddelande"))
    # The source wrote last and no editor has opened the tip since.
    waiting = models.BooleanField(_("oläst"), default=True)
    kept = models.BooleanField(
        _("sparas"), default=False, help_text=_("Ett sparat tips raderas inte automatiskt.")
    )

    class Meta:
        verbose_name = _("tips")
        verbose_name_plural = _("tips")
        ordering = ["-last_message_on", "-pk"]
        permissions = [("read_tips", _("Kan läsa tips (med lösenfrasen)"))]

    def __str__(self):
        return f"Tips {self.pk}"


class TipMessage(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    from_source = models.BooleanField(default=True)
    # Who answered (an editor is not the one being protected); empty for the source.
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_on = models.DateField()
    sealed_text = models.BinaryField()

    class Meta:
        ordering = ["pk"]


class TipAttachment(models.Model):
    message = models.ForeignKey(TipMessage, on_delete=models.CASCADE, related_name="attachments")
    # Name, type and what was removed, sealed as JSON; the content sealed separately.
    sealed_description = models.BinaryField()
    sealed_content = models.BinaryField()

    class Meta:
        ordering = ["pk"]


class TipAccess(models.Model):
    """Every time an editor opened, answered, kept or deleted a tip: who and when, never what."""

    class Action(models.TextChoices):
        UNLOCKED = "unlocked", _("låste upp tipslådan")
        READ = "read", _("läste")
        ATTACHMENT = "attachment", _("öppnade bilaga")
        REPLIED = "replied", _("svarade")
        KEPT = "kept", _("sparade")
        RELEASED = "released", _("slutade spara")
        DELETED = "deleted", _("raderade")
        EXPIRED = "expired", _("raderades efter lagringstiden")
        PASSPHRASE = "passphrase", _("bytte lösenfras")
        RETENTION = "retention", _("ändrade lagringstiden")
        CREATED = "created", _("skapade tipslådan")
        SEALED_COMMENTS = "sealed", _("öppnade förseglade kommentarer")

    # A number, not a foreign key: the record outlives the deleted tip.
    tip_number = models.PositiveBigIntegerField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
