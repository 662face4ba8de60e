"""Shows and episodes (Wagtail pages) and subscribers' private feeds.

HomePage
  PodcastIndexPage   /poddradio/                 every show
    PodcastShowPage  /poddradio/<show>/          episodes; public feed at flode/
      PodcastEpisodePage /poddradio/<show>/<episode>/
"""

import secrets
import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from utgivare.comments import threads as comment_threads
from utgivare.publication.index_pages import ChannelIndexPage
from utgivare.publication.models import paginate
from utgivare.publication.pieces import ReadablePiece

from . import chapters as chapter_rules

EPISODES_PER_PAGE = 20


class PodcastIndexPage(ChannelIndexPage):
    subpage_types = ["podcasts.PodcastShowPage"]
    context_name = "shows"

    class Meta:
        verbose_name = _("poddradio")

    def channels(self):
        return PodcastShowPage.objects.select_related("cover")

    def pieces_of(self, show):
        return show.episodes()


class PodcastShowPage(RoutablePageMixin, Page):
    description = models.TextField(_("beskrivning"), help_text=_("Visas på sidan och i poddappar."))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("omslagsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kvadratisk, minst 1400 × 1400 pixlar (poddappar kräver det)."),
    )
    author_name = models.CharField(_("upphov"), max_length=200, blank=True)
    category = models.CharField(
        _("kategori (Apple Podcasts)"), max_length=100, default="News", blank=True
    )
    explicit = models.BooleanField(_("explicit innehåll"), default=False)
    # Podcasting 2.0 podcast:guid: the show's identity, kept when the address changes.
    show_guid = models.UUIDField(default=uuid.uuid4, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        FieldPanel("cover"),
        FieldPanel("author_name"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("explicit")]),
    ]
    parent_page_types = ["podcasts.PodcastIndexPage"]
    subpage_types = ["podcasts.PodcastEpisodePage"]
    search_fields = Page.search_fields + [index.SearchField("description")]
    exclude_fields_in_copy = ["show_guid"]

    class Meta:
        verbose_name = _("podd")
        verbose_name_plural = _("poddar")

    def episodes(self):
        return (
            PodcastEpisodePage.objects.live()
            .public()
            .child_of(self)
            .select_related("audio", "cover")
            .order_by("-date", "-pk")
        )

    def feed_url(self):
        return self.url + self.reverse_subpage("feed")

    @path("")
    def index_route(self, request):
        episodes = paginate(request, self.episodes(), per_page=EPISODES_PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "episodes": episodes,
                "comment_counts": comment_threads.counts_for(e.pk for e in episodes),
            },
        )

    @path("flode/", name="feed")
    def feed(self, request):
        from .feeds import public_feed_response

        return public_feed_response(self, request)


class EpisodeForm(WagtailAdminPageForm):
    def clean_chapters(self):
        text = self.cleaned_data.get("chapters", "")
        problem = chapter_rules.chapters_problem(text)
        if problem:
            raise forms.ValidationError(
                _(
                    "Raden ”%(line)s” är inte ett kapitel. Skriv starttid och rubrik, "
                    "till exempel ”12:30 Budgeten”."
                ),
                params={"line": problem[:60]},
            )
        return text


class PodcastEpisodePage(ReadablePiece):
    """One episode. `lead` is the short description every reader and feed gets; `body`
    holds the show notes, which the paywall gates like an article's body."""

    accepts_comments = True  # a discussion below it (comments.threads.is_commentable)
    paywall_content_type = "podcast_episode"

    audio = models.ForeignKey(
        "media.MediaFile",
        verbose_name=_("ljudfil"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Ladda upp under Ljudfiler; längd, storlek och typ läses ur filen."),
    )
    date = models.DateTimeField(_("publiceringsdag"), default=timezone.now)
    episode_number = models.PositiveIntegerField(_("avsnitt nr"), null=True, blank=True)
    season_number = models.PositiveIntegerField(_("säsong"), null=True, blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("omslagsbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Lämna tomt för poddens omslag."),
    )
    explicit = models.BooleanField(_("explicit innehåll"), default=False)
    chapters = models.TextField(
        _("kapitel"),
        blank=True,
        help_text=_("Ett kapitel per rad: starttid och rubrik, till exempel ”12:30 Budgeten”."),
    )
    transcript = models.TextField(
        _("utskrift"),
        blank=True,
        help_text=_(
            "Vanlig text eller WebVTT (börjar med WEBVTT). Visas bara för den som "
            "får lyssna på avsnittet."
        ),
    )
    guests = models.TextField(_("gäster"), blank=True, help_text=_("En per rad."))
    # The item's GUID in every feed: made once, never changed by edits or moves.
    episode_guid = models.UUIDField(default=uuid.uuid4, editable=False)

    base_form_class = EpisodeForm
    content_panels = Page.content_panels + [
        FieldPanel("lead", heading=_("Beskrivning")),
        FieldPanel("audio"),
        FieldPanel("body", heading=_("Shownotes")),
        FieldPanel("chapters"),
        FieldPanel("transcript"),
        FieldPanel("guests"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldRowPanel([FieldPanel("season_number"), FieldPanel("episode_number")]),
                FieldPanel("cover"),
                FieldPanel("explicit"),
                FieldPanel("access_level"),
            ],
            heading=_("Avsnittet"),
        )
    ]
    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types: list = []
    search_fields = ReadablePiece.search_fields + [
        index.SearchField("guests"),
        index.FilterField("date"),
    ]
    exclude_fields_in_copy = ["episode_guid"]

    class Meta:
        verbose_name = _("poddavsnitt")
        verbose_name_plural = _("poddavsnitt")

    @cached_property
    def show(self):
        return PodcastShowPage.objects.parent_of(self).select_related("cover").first()

    @property
    def chapter_list(self):
        return chapter_rules.parse_chapters(self.chapters)

    @property
    def guest_list(self):
        return [line.strip() for line in self.guests.splitlines() if line.strip()]

    @property
    def transcript_lines(self):
        return chapter_rules.transcript_lines(self.transcript)

    @property
    def comment_count(self) -> int:
        return comment_threads.counts_for([self.pk]).get(self.pk, 0)

    def get_context(self, request, *args, **kwargs):
        from .player import player_context

        context = super().get_context(request, *args, **kwargs)
        context["show"] = self.show
        context.update(player_context(request, self, context["access"]))
        return context


def episodes_by_audio(media_file_ids) -> dict:
    """For media.owners: the episode each audio file belongs to."""
    episodes = PodcastEpisodePage.objects.filter(audio_id__in=list(media_file_ids))
    return {episode.audio_id: episode for episode in episodes}


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class PrivateFeed(models.Model):
    """A subscriber's secret feed address. Regenerating replaces the token (the old
    address stops at once); revoking sets `revoked_at` and the address answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="private_podcast_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    regenerated_at = models.DateTimeField(_("nytt token"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("spärrad"), null=True, blank=True)

    class Meta:
        verbose_name = _("privat poddflöde")
        verbose_name_plural = _("privata poddflöden")

    def __str__(self):
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def regenerate(self, now):
        self.token = new_feed_token()
        self.regenerated_at = now
        self.revoked_at = None
        self.save(update_fields=["token", "regenerated_at", "revoked_at"])

    def revoke(self, now):
        # A new token too: an address once revoked never works again, even if re-enabled.
        self.token = new_feed_token()
        self.revoked_at = now
        self.save(update_fields=["token", "revoked_at"])


class FeedFetch(models.Model):
    """Which keyed IP hashes fetched a private feed on a day: enough to spot a shared
    address, no raw IP (core.ip_hashing; purged after FEED_FETCH_DAYS)."""

    feed = models.ForeignKey(PrivateFeed, on_delete=models.CASCADE, related_name="fetches")
    ip_hash = models.CharField(max_length=20)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed", "ip_hash", "day"], name="feedfetch_once_a_day")
        ]
