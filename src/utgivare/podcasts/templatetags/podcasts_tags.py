from django import template
from django.urls import reverse
from django.utils import timezone

from utgivare.publication.structured_data import to_script_tag

from ..structured_data import episode_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def episode_structured_data(context, episode, access):
    request = context["request"]
    show = context.get("show")
    imprint = context.get("imprint")
    audio_src = context.get("audio_src") or ""
    data = episode_json_ld(
        episode=episode,
        show=show,
        url=episode.get_full_url(request),
        show_url=show.get_full_url(request) if show else "",
        audio_url=request.build_absolute_uri(audio_src) if audio_src else "",
        is_accessible_for_free=access.is_accessible_for_free,
        publisher=getattr(imprint, "publication_name", ""),
    )
    return to_script_tag(data)


@register.inclusion_tag("podcasts/includes/account_section.html", takes_context=True)
def podcast_account_section(context):
    """The "Poddradio" part of "Mitt konto": the reader's private feed addresses."""
    from utgivare.paywall import gate
    from utgivare.subscriptions.entitlements import for_reader

    from ..models import PodcastShowPage, PrivateFeed

    request = context["request"]
    user = request.user
    covered = gate.is_staff(user) or for_reader(user, timezone.now()).covers("podcast_episode")
    feed = PrivateFeed.objects.filter(user=user, revoked_at__isnull=True).first()
    feeds = []
    if feed is not None:
        for show in PodcastShowPage.objects.live().public().order_by("path"):
            path = reverse(
                "podcasts:private_feed", kwargs={"token": feed.token, "show_slug": show.slug}
            )
            feeds.append((show, request.build_absolute_uri(path)))
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "covered": covered,
        "feed": feed,
        "feeds": feeds,
    }
