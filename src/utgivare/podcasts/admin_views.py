"""Admin: private feeds (sharing, regenerate, revoke) and downloads per episode."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from utgivare.media.models import Download

from .models import PodcastEpisodePage, PrivateFeed
from .private_feed import SHARING_THRESHOLD, SHARING_WINDOW_DAYS

FEEDS_SHOWN = 200


def feeds_with_addresses(now, *, limit=FEEDS_SHOWN):
    """Private feeds with how many distinct address hashes fetched them in the window,
    the most first; `shared` when that passes SHARING_THRESHOLD."""
    since = (now - dt.timedelta(days=SHARING_WINDOW_DAYS)).date()
    feeds = (
        PrivateFeed.objects.select_related("user")
        .annotate(
            addresses=Count("fetches__ip_hash", filter=Q(fetches__day__gte=since), distinct=True)
        )
        .order_by("-addresses", "-created_at")[:limit]
    )
    return [(feed, feed.addresses, feed.addresses >= SHARING_THRESHOLD) for feed in feeds]


@permission_required("podcasts.change_privatefeed")
def private_feeds(request):
    now = timezone.now()
    return TemplateResponse(
        request,
        "podcasts/admin/private_feeds.html",
        {
            "page_title": _("Privata poddflöden"),
            "header_title": _("Privata poddflöden"),
            "feeds": feeds_with_addresses(now),
            "threshold": SHARING_THRESHOLD,
            "window_days": SHARING_WINDOW_DAYS,
        },
    )


@permission_required("podcasts.change_privatefeed")
@require_POST
def feed_action(request, feed_id, action):
    feed = get_object_or_404(PrivateFeed, pk=feed_id)
    now = timezone.now()
    if action == "regenerate":
        feed.regenerate(now)
        messages.success(request, _("Flödet har en ny adress; den gamla fungerar inte längre."))
    else:
        feed.revoke(now)
        messages.success(request, _("Flödet är avstängt."))
    return redirect("podcasts_admin_feeds")


@permission_required("wagtailadmin.access_admin")
def downloads(request):
    since = timezone.now() - dt.timedelta(days=30)
    episodes = list(
        PodcastEpisodePage.objects.exclude(audio=None)
        .select_related("audio")
        .order_by("-date")[:200]
    )
    counts = {
        row["media_file"]: row
        for row in Download.objects.filter(media_file__in=[e.audio_id for e in episodes])
        .values("media_file")
        .annotate(total=Count("pk"), recent=Count("pk", filter=Q(counted_at__gte=since)))
    }
    rows = [
        (
            episode,
            counts.get(episode.audio_id, {}).get("total", 0),
            counts.get(episode.audio_id, {}).get("recent", 0),
        )
        for episode in episodes
    ]
    return TemplateResponse(
        request,
        "podcasts/admin/downloads.html",
        {
            "page_title": _("Nedladdningar"),
            "header_title": _("Nedladdningar per avsnitt"),
            "rows": rows,
        },
    )
