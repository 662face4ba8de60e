"""The real name behind a signature, sealed to the tip inbox's key, and who read it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SealedIdentity(models.Model):
    """Who writes under a signature, readable only with the tip inbox passphrase.

    Sealed (tips.sealing.seal) to the inbox's public key, so any editor can store or
    replace it, and only the ansvarig utgivare, with the inbox unlocked, can open it.
    A dumpdata, a backup or the admin listing show ciphertext and a date.
    """

    author = models.OneToOneField(
        "publication.AuthorPage", on_delete=models.CASCADE, related_name="sealed_identity"
    )
    sealed = models.BinaryField()
    sealed_on = models.DateField()

    class Meta:
        verbose_name = _("förseglad identitet")
        verbose_name_plural = _("förseglade identiteter")


class IdentityAccess(models.Model):
    """Every sealing and every reading of a real name: who, when and which signature."""

    class Action(models.TextChoices):
        SEALED = "sealed", _("förseglade det verkliga namnet")
        READ = "read", _("läste det verkliga namnet")
        REMOVED = "removed", _("raderade det verkliga namnet")

    # The signature as it was, not a key: the line outlives the author page.
    signature = models.CharField(max_length=255)
    author_id_then = models.PositiveIntegerField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
