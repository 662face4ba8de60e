"""Private feeds, their management from "Mitt konto", chapters and transcripts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from utgivare.core import caching
from utgivare.media import grants, signing

from .chapters import is_webvtt
from .feeds import rss_response
from .models import PodcastEpisodePage, PodcastShowPage, PrivateFeed
from .private_feed import private_feed_body, record_fetch


@require_GET
def private_feed(request, token, show_slug):
    now = timezone.now()
    feed = (
        PrivateFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    show = PodcastShowPage.objects.live().public().filter(slug=show_slug).first()
    if feed is None or show is None:
        raise Http404
    caching.mark_personal(request, "private podcast feed")
    record_fetch(feed, request, now)
    response = rss_response(private_feed_body(feed, show, request, now))
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def regenerate(request):
    feed, created = PrivateFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.regenerate(timezone.now())
    messages.success(
        request, _("Ditt privata poddflöde har en ny adress. Den gamla fungerar inte längre.")
    )
    return redirect("my_account")


@login_required
@require_POST
def revoke(request):
    feed = PrivateFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    if feed is not None:
        feed.revoke(timezone.now())
    messages.success(request, _("Ditt privata poddflöde är avstängt."))
    return redirect("my_account")


@require_GET
def chapters_json(request, episode_id):
    """Podcasting 2.0 JSON chapters: titles and start times, which every listener may see."""
    episode = get_object_or_404(PodcastEpisodePage.objects.live().public(), pk=episode_id)
    data = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": chapter.start_seconds, "title": chapter.title}
            for chapter in episode.chapter_list
        ],
    }
    response = JsonResponse(data, content_type="application/json+chapters")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def transcript(request, token):
    """An episode's transcript, for a signed address from a feed: the same grant and
    the same rule (media.access) as the audio file it belongs to."""
    now = timezone.now()
    grant = signing.verify(token, now)
    if grant is None:
        return HttpResponseForbidden(_("Adressen har gått ut eller är felaktig."))
    episode = PodcastEpisodePage.objects.live().public().filter(audio_id=grant.file_id).first()
    if episode is None or not episode.transcript.strip():
        raise Http404
    if not grants.check(request, grant, episode, now).allowed:
        return HttpResponseForbidden(_("Utskriften ingår i en prenumeration."))
    if grant.subject != "p":
        caching.mark_personal(request, "paid transcript")
    kind = "text/vtt" if is_webvtt(episode.transcript) else "text/plain"
    return HttpResponse(episode.transcript, content_type=f"{kind}; charset=utf-8")
