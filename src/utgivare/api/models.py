"""A reader's API key: what lets a program read what the reader's subscription covers.

Only a hash of the key is stored (the key is shown once, when made); the first
characters are kept so the reader can tell which key "Mitt konto" lists.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konto"),
        on_delete=models.CASCADE,
        related_name="reader_api_keys",
    )
    # SHA-256 of the whole key, hex. The key is 256 random bits, so a plain hash
    # cannot be reversed by guessing, and a database leak gives no usable key.
    key_hash = models.CharField(max_length=64, unique=True)
    # The visible start of the key ("utg_AbCd"), to recognise it on "Mitt konto".
    prefix = models.CharField(_("början av nyckeln"), max_length=12)
    created_at = models.DateTimeField(_("skapad"))
    # Updated at most once an hour (tokens.USE_RECORD_INTERVAL): shown to the reader.
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_active")]

    def __str__(self):
        return f"{self.prefix}… ({self.user_id})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
