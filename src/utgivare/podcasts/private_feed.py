"""A subscriber's private feed: every episode they may hear, with signed enclosures.

`feed_state(entitlements_cover, is_staff)` is the rule: "subscriber" (every episode,
enclosures signed for the account), or "lapsed" (the free episodes, plus one item
"Din prenumeration har gått ut" linking to renewal, and the feed keeps answering 200
so podcast apps keep polling and pick the episodes up again after renewal).
"""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from utgivare.core.ip_hashing import client_ip, ip_hash, ip_key
from utgivare.media.addresses import FEED_GRANT
from utgivare.paywall import gate
from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings
from utgivare.subscriptions.entitlements import for_reader

from .feeds import FeedItem, build_feed, episode_item
from .models import FeedFetch
from .player import grant_expiry

SUBSCRIBER = "subscriber"
LAPSED = "lapsed"
IP_HASH_PURPOSE = "utgivare.podcasts.private-feed"
# A private feed fetched from more addresses than this in a week is listed in the admin.
SHARING_THRESHOLD = 8
SHARING_WINDOW_DAYS = 7
FEED_FETCH_DAYS = 30


def feed_state(*, covered: bool, is_staff: bool) -> str:
    return SUBSCRIBER if covered or is_staff else LAPSED


def reader_name(user) -> str:
    return user.get_full_name().strip() or user.get_username().split("@")[0]


def record_fetch(feed, request, now: dt.datetime) -> None:
    hashed = ip_hash(client_ip(request), ip_key(IP_HASH_PURPOSE))
    if hashed:
        FeedFetch.objects.bulk_create(
            [FeedFetch(feed=feed, ip_hash=hashed, day=now.date())], ignore_conflicts=True
        )


def private_feed_body(feed, show, request, now: dt.datetime) -> bytes:
    user = feed.user
    staff = gate.is_staff(user)
    covered = for_reader(user, now).covers("podcast_episode")
    state = feed_state(covered=covered, is_staff=staff)
    paywall_settings = PaywallSettings.for_request(request)
    expires = grant_expiry(now, FEED_GRANT)
    subject = f"u{user.pk}"
    items = []
    for episode in show.episodes():
        free = gate.piece_level(episode, paywall_settings) == AccessLevel.FREE
        if state == LAPSED and not free:
            continue
        items.append(
            episode_item(
                episode,
                request,
                subject=subject,
                expires=expires,
                full=True,
                paywall_settings=paywall_settings,
            )
        )
    if state == LAPSED:
        renew = request.build_absolute_uri(reverse("subscriptions:subscribe"))
        items.insert(
            0,
            FeedItem(
                guid=f"utgivare-lapsed-{feed.pk}-{show.show_guid}",
                title=_("Din prenumeration har gått ut"),
                link=renew,
                description_html=_(
                    "Förnya din prenumeration på %(url)s så kommer alla avsnitt tillbaka "
                    "i det här flödet."
                )
                % {"url": renew},
                date=now,
            ),
        )
    title = _("%(show)s (privat flöde för %(name)s)") % {
        "show": show.title,
        "name": reader_name(user),
    }
    feed_url = request.build_absolute_uri(request.path)
    return build_feed(
        show=show, request=request, title=title, feed_url=feed_url, items=items, locked=True
    )
