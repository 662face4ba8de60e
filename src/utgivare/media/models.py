"""Stored media files (their facts read from the bytes) and counted downloads."""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .forms import AudioFileForm


def private_storage():
    """Media files never lie under MEDIA_URL (served to anyone): they are reached only
    through signed addresses (settings.STORAGES["private_media"])."""
    return storages["private_media"]


def upload_to(instance, filename):
    # An unguessable name: the title or original name says nothing about paid content.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{instance.kind}/{uuid.uuid4().hex}.{extension[:8]}"


class MediaFile(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        AUDIO = "audio", _("Ljud")
        VIDEO = "video", _("Video")

    title = models.CharField(_("titel"), max_length=255)
    kind = models.CharField(_("slag"), max_length=8, choices=Kind.choices, default=Kind.AUDIO)
    file = models.FileField(_("fil"), upload_to=upload_to, storage=private_storage, max_length=255)
    # Read from the file on upload (media.metadata), never typed by hand.
    mime_type = models.CharField(_("filtyp"), max_length=64, editable=False, default="")
    duration_seconds = models.FloatField(_("längd (sekunder)"), editable=False, default=0)
    bitrate = models.PositiveIntegerField(_("bithastighet (bit/s)"), editable=False, default=0)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), editable=False, default=0)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("file")]
    # Reads the facts on upload and refuses what is not audio (media.forms).
    base_form_class = AudioFileForm
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("ljudfil")
        verbose_name_plural = _("ljudfiler")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title

    @property
    def duration_text(self) -> str:
        total = round(self.duration_seconds)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"


class Download(models.Model):
    """One counted download (media.downloads): no address, only a listener key."""

    media_file = models.ForeignKey(MediaFile, on_delete=models.CASCADE, related_name="downloads")
    listener = models.CharField(max_length=20)
    counted_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["media_file", "listener", "counted_at"], name="download_dedup_idx")
        ]
