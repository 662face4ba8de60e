"""Web-TV ("Webb-tv"): series and videos as Wagtail pages, video files as snippets.

Page tree:
    HomePage
      WebTvIndexPage   /webb-tv/                 -> every series
        WebTvSeriesPage /webb-tv/<serie>/         -> its videos, newest first
          VideoPage     /webb-tv/<serie>/<video>/ -> player, description, chapters, comments

The uploaded file is a `Video` (a snippet), not a page field: it is probed and
refused before anything is stored, and its HLS transcode state changes
outside page revisions (publishing an old revision never rolls it back).
Files live in private storage (webtv.storage) and reach readers only through
`webtv.views.media`.
"""

from __future__ import annotations

import tempfile
import uuid
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from utgivare.media.models import private_storage
from utgivare.publication.index_pages import ChannelIndexPage
from utgivare.publication.pieces import ReadablePiece

from . import captions, chapters, probe
from .blocks import ChapterBlock


def video_upload_to(instance, filename):
    # A random name (the editor's file name says nothing to a reader); the type from the probe.
    return f"webtv/video/{uuid.uuid4().hex}.{instance.container or 'bin'}"


def caption_upload_to(instance, filename):
    return f"webtv/textning/{uuid.uuid4().hex}.vtt"


def validate_webvtt(value):
    upload = getattr(value, "file", None)
    if upload is None or getattr(value, "_committed", True):
        return  # a stored file was checked when it was uploaded
    upload.seek(0)
    data = upload.read(captions.MAX_BYTES + 1)
    upload.seek(0)
    found = captions.problems(data)
    if found:
        raise ValidationError(" ".join(found))


@contextmanager
def local_copy(upload):
    """A path on disk for an upload: its temporary file, or a copy of a small in-memory one."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(suffix=".upload") as handle:
        upload.seek(0)
        for chunk in iter(lambda: upload.read(1024 * 1024), b""):
            handle.write(chunk)
        handle.flush()
        upload.seek(0)
        yield handle.name


class HlsStatus(models.TextChoices):
    NONE = "", _("ingen")
    QUEUED = "queued", _("väntar")
    RUNNING = "running", _("pågår")
    DONE = "done", _("klar")
    FAILED = "failed", _("misslyckades")


class Video(index.Indexed, ClusterableModel):
    title = models.CharField(_("namn"), max_length=255, help_text=_("Syns bara i redigeringen."))
    file = models.FileField(
        _("videofil"),
        upload_to=video_upload_to,
        storage=private_storage,
        max_length=255,
        help_text=_("MP4 (H.264) eller WebM. Längd och storlek läses ur filen."),
    )
    container = models.CharField(_("format"), max_length=8, editable=False, default="")
    duration = models.FloatField(_("längd (sekunder)"), default=0, editable=False)
    width = models.PositiveIntegerField(_("bredd"), default=0, editable=False)
    height = models.PositiveIntegerField(_("höjd"), default=0, editable=False)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), default=0, editable=False)
    has_audio = models.BooleanField(_("har ljud"), default=False, editable=False)
    created_at = models.DateTimeField(_("uppladdad"), default=timezone.now, editable=False)

    # Adaptive streaming (webtv.tasks.transcode_hls). A failure leaves the file playable.
    hls_status = models.CharField(
        _("HLS"), max_length=10, choices=HlsStatus.choices, default=HlsStatus.NONE, editable=False
    )
    hls_progress = models.PositiveSmallIntegerField(_("HLS klart (%)"), default=0, editable=False)
    hls_error = models.TextField(_("HLS-fel"), blank=True, editable=False)
    hls_dir = models.CharField(max_length=255, blank=True, editable=False)
    # The file name the current HLS (or the one being made) was made from.
    hls_source = models.CharField(max_length=255, blank=True, editable=False)
    hls_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Panels: webtv.wagtail_hooks.VideoViewSet (with the HLS status and a retry box).
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videor")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def content_type(self) -> str:
        return probe.CONTENT_TYPES.get(self.container, "application/octet-stream")

    @property
    def file_name(self) -> str:
        """The name readers fetch it under (the stored name is random)."""
        return f"video.{self.container or 'mp4'}"

    @property
    def hls_ready(self) -> bool:
        return self.hls_status == HlsStatus.DONE and bool(self.hls_dir)

    @property
    def hls_summary(self) -> str:
        if self.hls_status == HlsStatus.RUNNING:
            return _("HLS pågår: %(percent)d %%") % {"percent": self.hls_progress}
        if self.hls_status == HlsStatus.FAILED:
            return _("HLS misslyckades (MP4-filen spelas ändå): %(error)s") % {
                "error": self.hls_error[:200]
            }
        return str(self.get_hls_status_display()) if self.hls_status else _("ingen HLS än")

    def clean(self):
        super().clean()
        upload = getattr(self.file, "file", None)
        if not self.file or getattr(self.file, "_committed", True) or upload is None:
            return
        with local_copy(upload) as path:
            found = probe.probe_file(path)
        reason = probe.refusal(found)
        if reason:
            # The form shows this under the field; nothing is written to storage.
            raise ValidationError({"file": reason})
        self.apply_probe(found, size=upload.size or 0)

    def apply_probe(self, found: probe.Probe, size: int):
        """Take the facts read from the file; never typed by hand."""
        self.container = found.container
        self.duration = found.duration
        self.width, self.height = found.width, found.height
        self.has_audio = found.has_audio
        self.size = size

    @property
    def needs_hls(self) -> bool:
        """A new file (or a retry): webtv.queueing queues a transcode after the save."""
        return bool(self.file) and self.hls_source != self.file.name


class VideoCaption(Orderable):
    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        _("språk"), max_length=8, choices=captions.LANGUAGES, default=captions.DEFAULT_LANGUAGE
    )
    label = models.CharField(
        _("namn i spelaren"),
        max_length=60,
        blank=True,
        help_text=_("Lämna tomt för språkets namn."),
    )
    file = models.FileField(
        _("WebVTT-fil"),
        upload_to=caption_upload_to,
        storage=private_storage,
        max_length=255,
        validators=[validate_webvtt],
    )

    panels = [FieldPanel("language"), FieldPanel("label"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("textning")
        verbose_name_plural = _("textning")

    @property
    def display_label(self) -> str:
        return self.label or dict(captions.LANGUAGES).get(self.language, self.language)


class WebTvIndexPage(ChannelIndexPage):
    subpage_types = ["webtv.WebTvSeriesPage"]
    context_name = "series"

    class Meta:
        verbose_name = _("webb-tv")

    def channels(self):
        return WebTvSeriesPage.objects.all()

    def pieces_of(self, series):
        return series.videos()


class WebTvSeriesPage(Page):
    description = models.TextField(_("beskrivning"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("omslagsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("description"), FieldPanel("cover")]
    parent_page_types = ["webtv.WebTvIndexPage"]
    subpage_types = ["webtv.VideoPage"]
    search_fields = Page.search_fields + [index.SearchField("description")]

    class Meta:
        verbose_name = _("webb-tv-serie")
        verbose_name_plural = _("webb-tv-serier")

    def videos(self):
        return (
            VideoPage.objects.live()
            .public()
            .child_of(self)
            .select_related("poster", "video")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["videos"] = list(self.videos())
        return context


class VideoPage(ReadablePiece):
    accepts_comments = True  # a discussion below it (comments.threads.is_commentable)
    paywall_content_type = "webtv_episode"

    video = models.ForeignKey(
        Video,
        verbose_name=_("video"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="pages",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("affischbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas innan videon startar, och för läsare utan tillgång."),
    )
    date = models.DateTimeField(_("publiceringsdag"), default=timezone.now)
    chapters = StreamField(
        [("chapter", ChapterBlock())], verbose_name=_("kapitel"), blank=True, default=list
    )
    # Optional notes below the player; the description (ingress) is enough for most videos.
    body = StreamField(
        ReadablePiece._meta.get_field("body").stream_block,
        verbose_name=_("text till videon"),
        blank=True,
        default=list,
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead", heading=_("Beskrivning")),
        FieldPanel("video"),
        FieldPanel("poster"),
        FieldPanel("chapters"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("access_level")], heading=_("Videon"))
    ]
    parent_page_types = ["webtv.WebTvSeriesPage"]
    subpage_types: list = []
    search_fields = ReadablePiece.search_fields + [index.FilterField("date")]
    serve_select_related = ("video", "poster")

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videor")

    @property
    def series(self):
        # The parent is known after routing (publication.routing): no query.
        return self.get_parent()

    def chapter_list(self) -> list[dict]:
        found = []
        for block in self.chapters:
            seconds = chapters.parse_start(block.value["start"])
            if seconds is not None:
                found.append(
                    {
                        "seconds": seconds,
                        "label": chapters.label(seconds),
                        "title": block.value["title"],
                    }
                )
        return sorted(found, key=lambda chapter: chapter["seconds"])

    def get_context(self, request, *args, **kwargs):
        from .player import player_for

        context = super().get_context(request, *args, **kwargs)
        context["series"] = self.series
        context["player"] = player_for(request, self, context["access"])
        return context
