"""The site's feeds of the latest magazine articles: RSS 2.0 at /flode/, Atom at /flode/atom/.

A feed is the same for every reader, so it never asks about the reader: each
item carries what paywall.gate.public_blocks allows (the whole body only for
free pieces; the lead and the first paragraph for metered and paid ones),
rendered by publication.feed_html like every other feed.
"""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from utgivare.core.models import ImprintSettings
from utgivare.corrections.published import feed_note_html, latest_by_page
from utgivare.paywall.models import PaywallSettings
from utgivare.publication.feed_html import item_html
from utgivare.publication.models import ArticlePage

FEED_ITEMS = 30
# Shared caches may keep a feed this long: it holds nothing personal.
FEED_MAX_AGE = 300


def latest_articles(request, feed_class=Rss201rev2Feed):
    site = Site.find_for_request(request)
    imprint = ImprintSettings.for_request(request)
    paywall_settings = PaywallSettings.for_request(request)
    feed = feed_class(
        title=imprint.publication_name,
        link=request.build_absolute_uri("/"),
        description=imprint.tagline or imprint.publication_name,
        language="sv",
        feed_url=request.build_absolute_uri(),
    )
    read_on = _("Läs hela artikeln på webbplatsen")
    articles = ArticlePage.objects.live().public().select_related("author")
    if site is not None:
        articles = articles.descendant_of(site.root_page)
    articles = list(articles.order_by("-first_published_at")[:FEED_ITEMS])
    corrected = latest_by_page(article.pk for article in articles)
    for article in articles:
        url = article.get_full_url(request)
        description = item_html(
            article, paywall_settings, url=url, read_on=read_on, request=request
        )
        if article.pk in corrected:
            # A corrected piece says so first, as the page does.
            description = feed_note_html(corrected[article.pk], url) + description
        feed.add_item(
            title=article.title,
            link=url,
            description=description,
            categories=[_("Rättad")] if article.pk in corrected else None,
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=article.first_published_at,
            updateddate=article.last_published_at or article.first_published_at,
            author_name=article.author.title if article.author_id else None,
        )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def latest_articles_atom(request):
    return latest_articles(request, feed_class=Atom1Feed)
